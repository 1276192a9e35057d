//go:build !unix

package build

// processGone cannot tell here, so a work folder is never taken for a
// dead build's.
func processGone(int) bool { return false }
