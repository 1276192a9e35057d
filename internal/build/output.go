package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quangngai/danvan/internal/search/static"
)

// dirOutput writes into a fresh temporary directory beside the
// destination; commit swaps it into place with renames, so readers never
// see a half-written site and a failed build leaves the old one.
//
// A file whose bytes equal a file of the previous output (by SHA-256, per
// the manifest of that output) is hard-linked from it instead of written:
// at 10k articles writing 22k files costs more kernel time than rendering
// them. The temp dir still gets a full tree of its own, so the swap stays
// atomic; a link that fails, or a manifest that no longer matches the file
// on disk, only costs a write.
type dirOutput struct {
	dest     string                              // final directory, absolute
	tmp      string                              // directory being written
	files    atomic.Int64                        // files written or linked
	linked   atomic.Int64                        // files hard-linked from the previous output
	prev     *manifest                           // the previous output, or nil
	link     func(oldname, newname string) error // os.Link; tests make it fail
	mu       sync.Mutex                          // guards dirs and next
	dirs     map[string]bool                     // directories already created
	next     map[string]outFile                  // URL path → file, for the next manifest
	spare    bool                                // tmp is the previous output's spare, updated in place (spare.go)
	listed   chan spareListing                   // spare: what it held when claimed, listed beside the build (listSpare)
	listOnce sync.Once                           // listing: receives from listed once
	list     *spareListing                       // listing: what listed gave
	swapped  bool                                // commit was called: the work folder is no longer to give back (abort)
	broken   atomic.Bool                         // the spare refused a write: abort discards it
	trash    string                              // a work folder beside dest holding the folders sweep set aside, or ""
	trashed  int                                 // folders set aside in trash: the next one's name
}

// newDirOutput starts a build's output beside dest: it removes what killed
// builds left there (leftovers.go), then makes a work folder, in which it
// reuses the spare when it can be written. warn gets the problems that do
// not stop the build (nil: none reported).
func newDirOutput(dest string, prev *manifest, warn func(error)) (*dirOutput, error) {
	return newDirOutputIn(dest, prev, "", warn)
}

// newDirOutputIn is newDirOutput with the records of the folders of its
// trees kept in the cache folder folders ("": none; dirrecord.go).
func newDirOutputIn(dest string, prev *manifest, folders string, warn func(error)) (*dirOutput, error) {
	if warn == nil {
		warn = func(error) {}
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("thư mục đầu ra %s: %w", dest, err)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", parent, err)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s đã tồn tại và không phải thư mục", dest)
	}
	removeLeftovers(dest, warn)
	tmp, err := workDir(dest, "tmp")
	if err != nil {
		return nil, fmt.Errorf("tạo thư mục tạm: %w", err)
	}
	// The new output is most likely the previous one's size: its maps are
	// made that big at once (growing them one doubling at a time was 0.1 s
	// of CPU in a warm build at 10,000 articles, 40,000 files).
	files, dirs := prev.size()
	o := &dirOutput{dest: dest, tmp: tmp, prev: prev, link: os.Link, dirs: make(map[string]bool, dirs), next: make(map[string]outFile, files)}
	if o.spare, err = claimSpare(dest, tmp, warn); err != nil {
		o.abort() // the spare goes back, a fresh folder goes
		return nil, err
	}
	if o.spare {
		o.listed = make(chan spareListing, 1)
		var records func() *treeRecords
		if folders != "" {
			records = func() *treeRecords { return loadTreeRecords(folders, dest) }
		}
		go func() { o.listed <- listSpare(tmp, files, dirs, records) }()
	}
	return o, nil
}

// WriteFile implements render.Output. name is a URL path.
func (o *dirOutput) WriteFile(name string, data []byte) error {
	return o.WriteFileSum(name, data, sha256.Sum256(data))
}

// WriteFileSum is WriteFile for data whose SHA-256 the caller knows
// (static.SumWriter: the search export keeps its files' sums).
func (o *dirOutput) WriteFileSum(name string, data []byte, sum [32]byte) error {
	full, url, err := o.path(name)
	if err != nil {
		return o.failed(name, err)
	}
	id, ok := fileID{}, false
	if o.spare {
		if id, ok = o.keep(full, url, sum, int64(len(data))); !ok {
			if err := makeRoom(full); err != nil {
				return o.failed(name, err)
			}
		}
	}
	if !ok {
		id, ok = o.reuse(sum, int64(len(data)), full)
	}
	if ok {
		o.linked.Add(1)
	} else if id, err = writeNew(full, data); err != nil {
		return o.failed(name, err)
	}
	o.files.Add(1)
	o.mu.Lock()
	o.next[url] = outFile{Sum: sum, ID: id}
	o.mu.Unlock()
	return nil
}

// failed words a write error; a spare that refuses writes is marked, so
// that abort discards it instead of keeping it for the next build.
func (o *dirOutput) failed(name string, err error) error {
	if o.spare && permissionError(err) {
		o.broken.Store(true)
		return fmt.Errorf("ghi %s: %w (thư mục dự phòng %s không ghi được: lần dựng sau sẽ bỏ nó và dựng vào thư mục mới)", name, err, spareDir(o.dest))
	}
	return fmt.Errorf("ghi %s: %w", name, err)
}

// reuse hard-links a file of the previous output with the same bytes to
// full, if the manifest knows one and the file on disk is still the one
// it describes.
func (o *dirOutput) reuse(sum [32]byte, size int64, full string) (fileID, bool) {
	u, f, ok := o.prev.lookup(sum)
	if !ok || f.ID.Size != size {
		return fileID{}, false
	}
	src := filepath.Join(o.dest, filepath.FromSlash(u))
	fi, err := os.Lstat(src)
	if err != nil {
		return fileID{}, false
	}
	id, ok := identify(fi)
	if !ok {
		return fileID{}, false
	}
	if id != f.ID && (id.Size != f.ID.Size || !hasSum(src, sum)) {
		// Another inode is only trusted with the very bytes: a copy of the
		// output restored from a deploy cache keeps them, not the inode.
		return fileID{}, false // rewritten or replaced since: write instead
	}
	if err := o.link(src, full); err != nil {
		return fileID{}, false // another file system, too many links…: write instead
	}
	return id, true
}

// hasSum reports whether the file at p holds bytes with the SHA-256 sum.
func hasSum(p string, sum [32]byte) bool {
	data, err := os.ReadFile(p)
	return err == nil && sha256.Sum256(data) == sum
}

// writeNew creates full with data and returns its identity. It never
// writes into an existing file: that file may be a hard link shared with
// the previous output, which must stay as it is until the swap.
func writeNew(full string, data []byte) (fileID, error) {
	id, err := createNew(full, data)
	if errors.Is(err, fs.ErrExist) {
		// Written twice in one build: replace, do not overwrite.
		if err := os.Remove(full); err != nil {
			return fileID{}, err
		}
		id, err = createNew(full, data)
	}
	return id, err
}

// path maps a URL path to a file in the temp dir, creating its folder.
// It returns the file's path and its clean URL path ("/a/b.html").
func (o *dirOutput) path(name string) (full, url string, err error) {
	var dir string
	if rel := strings.TrimPrefix(name, "/"); cleanRel(rel) {
		// Nearly every name: what path.Clean and filepath.Join would
		// make of it, without their copies (40,000 names a build).
		url = "/" + rel
		full = o.tmp + string(filepath.Separator) + filepath.FromSlash(rel)
		dir = full[:strings.LastIndexByte(full, filepath.Separator)]
	} else {
		url = path.Clean("/" + name)
		if url != "/"+rel && url+"/" != "/"+rel {
			return "", "", fmt.Errorf("tên tệp đầu ra không hợp lệ: %q", name)
		}
		full = filepath.Join(o.tmp, filepath.FromSlash(url))
		dir = filepath.Dir(full)
	}
	if i := strings.LastIndexByte(url, '/'); o.spare && i > 0 && o.listedDir(url[:i]) {
		// A real folder of the spare, as makeDirs finds it, without the
		// lock its other writers contend for (40,000 files a build, on
		// two goroutines).
		return full, url, nil
	}
	o.mu.Lock()
	made := o.dirs[dir]
	o.mu.Unlock()
	if !made {
		if err := o.makeDirs(dir); err != nil {
			return "", "", err
		}
		o.mu.Lock()
		o.dirs[dir] = true
		o.mu.Unlock()
	}
	return full, url, nil
}

// cleanRel reports whether rel is a relative slash path that path.Clean
// leaves as it is: not empty, no empty, "." or ".." part, no slash at
// either end.
func cleanRel(rel string) bool {
	if rel == "" {
		return false
	}
	for part := range strings.SplitSeq(rel, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// copyFile copies a file of the site root to a URL path.
func (o *dirOutput) copyFile(fsys fs.FS, src, name string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return fmt.Errorf("đọc %s: %w", src, err)
	}
	return o.WriteFile(name, data)
}

func (o *dirOutput) count() int { return int(o.files.Load()) }

// WritesConcurrently says WriteFile is safe from several goroutines at
// once (mu and the atomic counters): the search export writes on two
// (static.ConcurrentWriter).
func (o *dirOutput) WritesConcurrently() {}

var _ static.ConcurrentWriter = (*dirOutput)(nil)

// manifest describes what was written, for the next build; call it after
// commit.
func (o *dirOutput) manifest() *manifest {
	o.mu.Lock()
	defer o.mu.Unlock()
	return &manifest{Version: manifestVersion, Dest: o.dest, Files: o.next}
}

// saveFolders saves, into dir, the record of the folders of the spare as
// this build listed them, with the other tree's (dirrecord.go): the build
// after next lists this tree again. Nothing to save without a spare.
func (o *dirOutput) saveFolders(dir string) error {
	if !o.spare {
		return nil
	}
	l := o.listing()
	if l.err != nil || l.records == nil || len(l.records.Trees) == 0 {
		return nil
	}
	l.records.Dest = o.dest
	return l.records.save(dir)
}

// commit moves the old output aside (it becomes the next build's spare),
// renames the new one into place, and deletes only what cannot be kept.
func (o *dirOutput) commit() error {
	o.swapped = true
	if o.spare {
		if err := o.sweep(); err != nil {
			return fmt.Errorf("dọn thư mục tạm %s: %w", o.tmp, err)
		}
	}
	// The marker goes last: the output never carries it.
	if err := os.Remove(filepath.Join(o.tmp, markerFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("dọn thư mục tạm %s: %w", o.tmp, err)
	}
	defer lockSwap(filepath.Dir(o.dest))()
	old := ""
	if _, err := os.Stat(o.dest); err == nil {
		old = spareDir(o.dest)
		if err := os.Rename(o.dest, old); err != nil {
			// A spare left by another build: fall back to deleting the old
			// output once the new one is in place.
			d, err := workDir(o.dest, "old")
			if err != nil {
				return err
			}
			old = filepath.Join(d, "site")
			if err := os.Rename(o.dest, old); err != nil {
				os.RemoveAll(d)
				return fmt.Errorf("đổi chỗ thư mục đầu ra: %w", err)
			}
			defer removeTree(d)
		}
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

// abort gives up the temporary directory: a spare goes back to being the
// spare (nothing in it is trusted anyway) unless it refused a write; a
// fresh one, or that spare, is deleted.
func (o *dirOutput) abort() {
	if o.spare && !o.broken.Load() {
		// Without its marker: as a spare it is nobody's work folder.
		os.Remove(filepath.Join(o.tmp, markerFile))
		if os.Rename(o.tmp, spareDir(o.dest)) == nil {
			return
		}
	}
	removeTree(o.tmp)
}

// The search export gives its files' sums (static.SumWriter).
var _ static.SumWriter = (*dirOutput)(nil)
