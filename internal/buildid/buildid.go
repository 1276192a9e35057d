// Package buildid identifies the running danvan program, for the keys of
// on-disk caches: what danvan parses, renders and encodes is whatever its
// code does, so a cache written by another build of danvan must not be
// used. It is the one definition of "the same program" for every cache.
package buildid

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Running returns an identifier of the running executable that changes
// whenever its code does. It is the build ID the Go linker stores in the
// executable (a hash of the build's inputs and of the linked output), read
// from the ELF note in well under a millisecond; where there is none (not
// ELF, or linked with -buildid=) it is the SHA-256 of the whole file, which
// costs about 100 ms for a 30 MB binary. A binary rebuilt from the same
// source with the same toolchain, as `go run` does, keeps its identifier.
func Running() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the running program: %w", err)
	}
	return Of(exe)
}

// Of returns the identifier of the executable at path (see [Running]).
func Of(path string) (string, error) {
	if id := goBuildID(path); id != "" {
		return "go:" + id, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("identifying the program: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("identifying the program %s: %w", path, err)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// goBuildID reads the Go build ID from the ELF note ".note.go.buildid"
// (name "Go", type 4), or returns "" when the file has none.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 16 {
		return ""
	}
	bo := f.ByteOrder
	nameSize, descSize, typ := bo.Uint32(data[0:]), bo.Uint32(data[4:]), bo.Uint32(data[8:])
	nameEnd := 12 + (uint64(nameSize)+3)&^3 // the name is padded to 4 bytes
	if typ != 4 || nameSize != 4 || string(data[12:15]) != "Go\x00" || nameEnd+uint64(descSize) > uint64(len(data)) {
		return ""
	}
	return string(data[nameEnd : nameEnd+uint64(descSize)])
}
