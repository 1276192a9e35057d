//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// errLocked means another build holds the cache.
var errLocked = errors.New("bộ đệm tìm kiếm đang được một lần dựng khác dùng")

// lockFile takes an exclusive lock on path without waiting: the kernel
// releases it when the file is closed or the process dies, so a crashed
// build never leaves the cache locked.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("mở tệp khóa %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, fmt.Errorf("khóa %s: %w", path, err)
	}
	return f, nil
}
