//go:build !linux

package cachefile

// prefault does nothing off Linux (see prefault_linux.go).
func prefault([]byte) {}
