//go:build unix

package cachefile

import (
	"os"
	"syscall"
)

// mapFile maps file read-only: the page cache's own pages, with no copy
// (reading the 130 MB of rendered Markdown of a 10,000-article site cost
// a warm build 0.4 s of copying). release unmaps it; until then the file
// may be replaced (danvan writes entries by rename) but not cut short in
// place, which would fault the reads.
func mapFile(file string) (data []byte, release func(), err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() == 0 || int64(int(fi.Size())) != fi.Size() {
		data, err := os.ReadFile(file) // nothing to map, or too big to
		return data, func() {}, err
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		data, err := os.ReadFile(file)
		return data, func() {}, err
	}
	return data, func() { syscall.Munmap(data) }, nil
}
