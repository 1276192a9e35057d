//go:build !unix

package build

// lockSwap does nothing where folders cannot be locked (see the unix one).
func lockSwap(dir string) (unlock func()) { return func() {} }
