//go:build unix

package build

import (
	"os"
	"syscall"
)

// lockSwap holds an exclusive lock on dir, the folder that holds the
// output, until unlock: two builds into one output (they may run at once;
// the second indexes search in memory) otherwise interleave their swaps,
// and the second's rename finds the first's new output in its place. The
// lock is on the folder itself, so nothing is left beside the output.
func lockSwap(dir string) (unlock func()) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {} // the swap reports what is wrong with dir
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
