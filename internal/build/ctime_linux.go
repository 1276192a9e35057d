package build

import (
	"io/fs"
	"syscall"
)

// changeTime returns a file's change time (ctime), which every write moves
// and nobody can set back; ok is false where the system does not say.
func changeTime(fi fs.FileInfo) (ns int64, ok bool) {
	st, isUnix := fi.Sys().(*syscall.Stat_t)
	if !isUnix {
		return 0, false
	}
	return st.Ctim.Nano(), true
}
