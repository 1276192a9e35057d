package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// dirOutput writes into a fresh temporary directory beside the
// destination; commit swaps it into place with renames, so readers never
// see a half-written site and a failed build leaves the old one.
type dirOutput struct {
	dest  string       // final directory
	tmp   string       // directory being written
	files atomic.Int64 // files written
	mu    sync.Mutex
	dirs  map[string]bool // directories already created
}

func newDirOutput(dest string) (*dirOutput, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", parent, err)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s đã tồn tại và không phải thư mục", dest)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("tạo thư mục tạm: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &dirOutput{dest: dest, tmp: tmp, dirs: map[string]bool{}}, nil
}

// WriteFile implements render.Output. name is a URL path.
func (o *dirOutput) WriteFile(name string, data []byte) error {
	full, err := o.path(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("ghi %s: %w", name, err)
	}
	o.files.Add(1)
	return nil
}

// path maps a URL path to a file in the temp dir, creating its folder.
func (o *dirOutput) path(name string) (string, error) {
	clean := path.Clean("/" + name)
	if clean != "/"+strings.TrimPrefix(name, "/") && clean+"/" != "/"+strings.TrimPrefix(name, "/") {
		return "", fmt.Errorf("tên tệp đầu ra không hợp lệ: %q", name)
	}
	full := filepath.Join(o.tmp, filepath.FromSlash(clean))
	dir := filepath.Dir(full)
	o.mu.Lock()
	made := o.dirs[dir]
	o.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		o.mu.Lock()
		o.dirs[dir] = true
		o.mu.Unlock()
	}
	return full, nil
}

// copyFile copies a file of the site root to a URL path.
func (o *dirOutput) copyFile(fsys fs.FS, src, name string) error {
	in, err := fsys.Open(src)
	if err != nil {
		return fmt.Errorf("đọc %s: %w", src, err)
	}
	defer in.Close()
	full, err := o.path(name)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(full, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("chép %s: %w", src, err)
	}
	o.files.Add(1)
	return out.Close()
}

func (o *dirOutput) count() int { return int(o.files.Load()) }

// commit moves the old output aside, renames the new one into place and
// then deletes the old one.
func (o *dirOutput) commit() error {
	old := ""
	if _, err := os.Stat(o.dest); err == nil {
		d, err := os.MkdirTemp(filepath.Dir(o.dest), "."+filepath.Base(o.dest)+".old-")
		if err != nil {
			return err
		}
		old = filepath.Join(d, "site")
		if err := os.Rename(o.dest, old); err != nil {
			os.Remove(d)
			return fmt.Errorf("đổi chỗ thư mục đầu ra: %w", err)
		}
		defer os.RemoveAll(d)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, o.dest) // put the previous site back
		}
		return fmt.Errorf("đổi chỗ thư mục đầu ra: %w", err)
	}
	return nil
}

// abort deletes the temporary directory.
func (o *dirOutput) abort() { os.RemoveAll(o.tmp) }
