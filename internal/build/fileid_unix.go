//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// identify returns the identity of a regular file; ok is false for
// anything else (or where the system does not say).
func identify(fi fs.FileInfo) (id fileID, ok bool) {
	st, isUnix := fi.Sys().(*syscall.Stat_t)
	if !isUnix || !fi.Mode().IsRegular() {
		return fileID{}, false
	}
	return fileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, true //nolint:unconvert // Dev and Ino differ in type across systems
}
