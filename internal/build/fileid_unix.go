//go:build unix

package build

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
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

// filesIdentified says identifyIn gives the identity of files.
const filesIdentified = true

// identifyIn returns the identity of the regular files names in the open
// folder dir, one fstatat each, relative to the folder: a path from the
// root would be looked up again, folder by folder, for every file.
// A name that is not a regular file (any more) is left out.
func identifyIn(dir *os.File, names []string) map[string]fileID {
	ids := make(map[string]fileID, len(names))
	rc, err := dir.SyscallConn()
	if err != nil {
		return ids
	}
	_ = rc.Control(func(fd uintptr) {
		var st unix.Stat_t
		for _, n := range names {
			if unix.Fstatat(int(fd), n, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
				continue
			}
			ids[n] = statID(&st)
		}
	})
	return ids
}

// statID is the identity of the file a stat returned.
func statID(st *unix.Stat_t) fileID {
	sec, nsec := st.Mtim.Unix()
	return fileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: st.Size, MTime: sec*1e9 + nsec} //nolint:unconvert // Dev and Ino differ in type across systems
}
