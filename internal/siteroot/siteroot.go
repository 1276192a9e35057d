// Package siteroot reads a site root (content/, layouts/, static/) and
// nothing outside it. A symbolic link committed to the site — in a bundle,
// in static/, an article that is a link — must never publish a file of the
// build machine: on Netlify that would put the machine's files on the
// public web.
//
// The guarantee comes from os.Root: every open is resolved by the kernel
// inside the root, so no path, link or race leaves it. On top of it, the
// listing of a folder reports each link, so the build can say which link
// is wrong instead of a file seeming absent:
//
//   - a link whose target leaves the root, is absolute, or is missing is
//     left out of the listing and recorded as a problem naming the link;
//   - a link to a file inside the root is listed as that file;
//   - a link to a folder inside the root is listed as that folder and
//     walked, once: a folder link met inside a folder reached through a
//     link is left out and recorded (so a link loop cannot make a walk
//     endless).
package siteroot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// FS is a site root. It implements fs.FS, fs.ReadDirFS, fs.ReadFileFS and
// fs.StatFS; safe for concurrent use.
type FS struct {
	dir  string // the root as given, for messages
	real string // the root with links resolved, to tell where a link goes
	root *os.Root
	fsys fs.FS // root.FS()

	mu       sync.Mutex
	followed map[string]bool    // folder links walked, by path
	problems map[string]Problem // links left out, by path
}

// Problem is a link left out of a listing.
type Problem struct {
	Path string // the link, slash-separated from the root
	Msg  string // why, in Vietnamese, with the fix
}

// Open opens the site root dir.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("thư mục trang web %q: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("thư mục trang web %q: %w", dir, err)
	}
	if real, err = filepath.Abs(real); err != nil {
		root.Close()
		return nil, err
	}
	return &FS{dir: dir, real: real, root: root, fsys: root.FS(), followed: map[string]bool{}, problems: map[string]Problem{}}, nil
}

// Close releases the root.
func (f *FS) Close() error { return f.root.Close() }

// Open implements fs.FS, inside the root only.
func (f *FS) Open(name string) (fs.File, error) { return f.fsys.Open(name) }

// ReadFile implements fs.ReadFileFS, inside the root only.
func (f *FS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.fsys, name) }

// Stat implements fs.StatFS, inside the root only.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// ReadDir implements fs.ReadDirFS: links come back as what they point to,
// or are left out and recorded (see the package comment).
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	ents, err := fs.ReadDir(f.fsys, name)
	if err != nil {
		return nil, err
	}
	out := ents[:0]
	for _, e := range ents {
		if e.Type()&fs.ModeSymlink == 0 {
			out = append(out, e)
			continue
		}
		p := path.Join(name, e.Name())
		fi, err := f.root.Stat(p)
		switch {
		case err != nil:
			f.refuse(p, f.why(p, err))
		case fi.IsDir() && f.throughLink(name):
			f.refuse(p, "liên kết tới thư mục nằm trong một thư mục đã đến qua liên kết khác: danvan chỉ đi theo liên kết một lần (để không bao giờ đi vòng mãi); hãy trỏ liên kết thẳng tới thư mục thật")
		default:
			if fi.IsDir() {
				f.mu.Lock()
				f.followed[p] = true
				f.mu.Unlock()
			}
			out = append(out, fs.FileInfoToDirEntry(namedInfo{fi, e.Name()}))
		}
	}
	return out, nil
}

// throughLink reports whether dir is, or is inside, a folder reached
// through a link.
func (f *FS) throughLink(dir string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if f.followed[d] {
			return true
		}
	}
	return false
}

// why words the refusal of link p, which os.Root would not open.
func (f *FS) why(p string, err error) string {
	target, lerr := f.root.Readlink(p)
	if lerr != nil {
		return fmt.Sprintf("liên kết không đọc được (%v)", err)
	}
	abs := target
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(f.real, filepath.FromSlash(path.Dir(p)), target)
	}
	inside := abs == f.real || strings.HasPrefix(filepath.Clean(abs), f.real+string(filepath.Separator))
	switch {
	case !inside:
		return fmt.Sprintf("liên kết trỏ ra ngoài thư mục trang web (tới %s): tệp ngoài trang không bao giờ được đọc hay đăng lên; hãy chép tệp vào trong thư mục trang web thay cho liên kết", target)
	case filepath.IsAbs(target):
		rel, _ := filepath.Rel(filepath.Join(f.real, filepath.FromSlash(path.Dir(p))), abs)
		return fmt.Sprintf("liên kết dùng đường dẫn tuyệt đối (%s); hãy dùng đường dẫn tương đối, ví dụ %s", target, filepath.ToSlash(rel))
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("liên kết hỏng: không có %s", target)
	}
	return fmt.Sprintf("liên kết tới %s không mở được (%v)", target, err)
}

// refuse records link p as left out.
func (f *FS) refuse(p, msg string) {
	f.mu.Lock()
	f.problems[p] = Problem{Path: p, Msg: msg}
	f.mu.Unlock()
}

// TakeProblems returns the links left out by the listings since the last
// call, sorted by path. A build takes them once it has read everything.
func (f *FS) TakeProblems() []Problem {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Problem, 0, len(f.problems))
	for _, p := range f.problems {
		out = append(out, p)
	}
	clear(f.problems)
	slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// namedInfo is a link's target described under the link's name.
type namedInfo struct {
	fs.FileInfo
	name string
}

func (i namedInfo) Name() string { return i.name }
