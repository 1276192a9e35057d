//go:build !unix

package store

import (
	"errors"
	"os"
)

// errLocked means another build holds the cache.
var errLocked = errors.New("bộ đệm tìm kiếm đang được một lần dựng khác dùng")

// lockFile is not implemented here: without a lock two builds could write
// the same index, so the store stays in memory (see Open).
func lockFile(path string) (*os.File, error) {
	return nil, errors.New("hệ điều hành này chưa hỗ trợ khóa bộ đệm tìm kiếm")
}
