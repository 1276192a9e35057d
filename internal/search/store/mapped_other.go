//go:build !linux

package store

// releaseMapped is a Linux measure (see mapped_linux.go).
func releaseMapped(string) {}

// residentFile is a Linux measure (see mapped_linux.go).
func residentFile() int64 { return 0 }
