//go:build !linux

package build

// limitFileSize: the full-disk test runs on Linux only (diskfull_test.go).
func limitFileSize(string) {}
