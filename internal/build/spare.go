package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// The previous output is not deleted after a swap: it is kept beside the
// destination as a spare (".public.prev") and becomes the next build's
// working directory. At 10k articles a build makes 13k directories, and
// creating them, then deleting the tree they replace, cost seconds of
// kernel and disk time per build on this project's machines; reusing the
// spare turns that into a few renames. Nothing in the spare is trusted:
// a file is kept only when it is the very inode of the current output that
// the manifest vouches for, every other file of the new output is written
// or linked afresh, and whatever the new output does not contain is
// deleted before the swap.

// spareDir is the spare's path for an output directory.
func spareDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".prev")
}

// claimSpare moves the spare to tmp (a fresh work folder with its marker,
// which it replaces), so two builds never share it. It reports whether tmp
// now holds the spare; if not, tmp is still the fresh folder. A spare that
// cannot be written (a read-only output, swapped aside) is discarded with
// a warning, not reused: every build after would fail in it.
func claimSpare(dest, tmp string, warn func(error)) (bool, error) {
	spare := spareDir(dest)
	fi, err := os.Lstat(spare)
	if err != nil || !fi.IsDir() {
		return false, nil
	}
	if err := writable(spare); err != nil {
		warn(fmt.Errorf("thư mục dự phòng %s không ghi được (%v): bỏ nó, lần này dựng vào thư mục mới", spare, err))
		if err := removeTree(spare); err != nil {
			warn(fmt.Errorf("không xóa được thư mục dự phòng %s: %w", spare, err))
		}
		return false, nil
	}
	// os.Rename refuses to replace a directory, even an empty one.
	if err := os.RemoveAll(tmp); err != nil {
		return false, nil
	}
	if os.Rename(spare, tmp) == nil {
		if err := os.WriteFile(filepath.Join(tmp, markerFile), []byte(markerText()), 0o644); err != nil {
			return true, fmt.Errorf("ghi vào thư mục tạm %s: %w", tmp, err)
		}
		return true, nil
	}
	// Another build took the spare first: a fresh folder after all.
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return false, fmt.Errorf("tạo thư mục tạm: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, markerFile), []byte(markerText()), 0o644); err != nil {
		return false, fmt.Errorf("tạo thư mục tạm: %w", err)
	}
	return false, nil
}

// keep reports whether full, in the spare, already is the inode of the
// current output that holds the wanted bytes (so there is nothing to do).
// The identity the manifest recorded for that inode (device, inode, size,
// modification time) is enough: a rewrite in place changes the time of
// the one inode both folders share, so one look, here, sees it. (Looking
// at the output's copy too cost a second lstat per file, 40,000 per
// build at 10,000 articles, and could only find the output's copy
// replaced by another file, which leaves this inode's bytes as they were.)
func (o *dirOutput) keep(full, url string, sum [32]byte, size int64) (fileID, bool) {
	// Most files are where they were, with the same bytes: their own
	// entry first, then any file with those bytes.
	f, ok := o.prev.at(url)
	if !ok || f.Sum != sum {
		_, f, ok = o.prev.lookup(sum)
	}
	if !ok || f.ID.Size != size {
		return fileID{}, false
	}
	id, ok := o.spareID(full, url)
	if !ok || id != f.ID {
		return fileID{}, false
	}
	return f.ID, true
}

// spareID returns the identity of the spare's regular file at full (URL
// path url): as listed when the spare was claimed (listSpare), unless this
// build has written there since; else as it is now.
func (o *dirOutput) spareID(full, url string) (fileID, bool) {
	if l := o.listing(); l.err == nil && l.ids != nil {
		o.mu.Lock()
		_, touched := o.next[url]
		o.mu.Unlock()
		if !touched {
			id, ok := l.ids[url]
			return id, ok
		}
	}
	here, err := os.Lstat(full)
	if err != nil {
		return fileID{}, false
	}
	return identify(here)
}

// makeRoom removes whatever the spare has at full (a stale file, a
// directory where a file now goes), so a new file can be created there.
func makeRoom(full string) error {
	fi, err := os.Lstat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return os.RemoveAll(full)
	}
	return os.Remove(full)
}

// makeDirs creates dir and its parents. In the spare, each existing
// component must be a real directory: a file or a symbolic link standing
// where a directory now goes is removed first (following a link would
// write outside the output). A fresh folder holds only what this build
// made, so a component not made yet is simply created (os.MkdirAll looked
// twice first: 27,000 stat calls in a cold build at 10,000 articles).
func (o *dirOutput) makeDirs(dir string) error {
	rel, err := filepath.Rel(o.tmp, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("thư mục %s nằm ngoài thư mục tạm", dir)
	}
	if rel == "." {
		return nil
	}
	if o.spare && o.listedDir("/"+filepath.ToSlash(rel)) {
		// A real folder when the spare was claimed, and so were its
		// parents (listTree enters no other): one look for the whole
		// path. (A look per part cost a warm build 30 ms at 10,000
		// articles: 14,000 folders.)
		return nil
	}
	p, u := o.tmp, "" // the folder, and its URL path
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		p, u = filepath.Join(p, part), u+"/"+part
		o.mu.Lock()
		done := o.dirs[p]
		o.mu.Unlock()
		if done {
			continue
		}
		if !o.spare {
			// Made a moment ago by another writer: Mkdir says so.
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			o.mu.Lock()
			o.dirs[p] = true
			o.mu.Unlock()
			continue
		}
		if o.listedDir(u) {
			// A real folder when the spare was claimed: nothing to check.
			o.mu.Lock()
			o.dirs[p] = true
			o.mu.Unlock()
			continue
		}
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
		case err == nil:
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			fallthrough
		case errors.Is(err, fs.ErrNotExist):
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
		default:
			return err
		}
		o.mu.Lock()
		o.dirs[p] = true
		o.mu.Unlock()
	}
	return nil
}

// spareListing is what a spare held when it was claimed: each entry's
// URL path ("/bai-viet/x/index.html") and whether it is a folder, in walk
// order (a folder before what it holds); the folders (real ones, never a
// link), and the identity of each regular file where the system gives it
// (ids is nil where it does not: keep then looks at each file).
type spareListing struct {
	entries []spareEntry
	dirs    map[string]bool
	ids     map[string]fileID
	records *treeRecords // the trees listed lately, this one's listing first (saveFolders)
	err     error
}

type spareEntry struct {
	url string
	dir bool
}

// listedDir reports whether the spare held a real folder at URL path u
// when it was claimed.
func (o *dirOutput) listedDir(u string) bool {
	l := o.listing()
	return l.err == nil && l.dirs[u]
}

// listing waits for the spare's listing (listSpare), once.
func (o *dirOutput) listing() *spareListing {
	o.listOnce.Do(func() {
		l := <-o.listed
		o.list = &l
	})
	return o.list
}

// listSpare lists the spare claimed as tmp, with the identity of each
// file. It runs beside the build, from the moment the spare is claimed:
// the loading stages that come first leave a core idle, while the pages
// and the search index that need the listing keep both busy. (Walking
// 13,000 folders at the swap cost a warm build at 10,000 articles 0.4 s;
// an lstat of each of its 40,000 files, by full path, as it was kept,
// another 0.25 s, and one of each folder as it was made 0.12 s.)
// files and dirs say how many of each to make room for. records loads
// the records of the trees listed lately (dirrecord.go; nil: none): the
// listing reads only the folders that changed since this tree's, and
// adds its own record to them (spareListing.records).
func listSpare(tmp string, files, dirs int, records func() *treeRecords) spareListing {
	l := spareListing{entries: make([]spareEntry, 0, files+dirs), dirs: make(map[string]bool, dirs), ids: make(map[string]fileID, files)}
	var prev *treeRecords
	if records != nil {
		prev = records()
	}
	l.records = prev
	rec, err := listTree(tmp, prev, l.add)
	l.err = err
	if err == nil && rec != nil {
		l.records = prev.with(rec)
	}
	if l.err == nil && !filesIdentified {
		l.ids = nil
	}
	return l
}

// add records one entry of the spare (see listTree).
func (l *spareListing) add(url string, dir bool, id fileID, identified bool) {
	l.entries = append(l.entries, spareEntry{url: url, dir: dir})
	if dir {
		l.dirs[url] = true
	} else if identified {
		l.ids[url] = id
	}
}

// listTreePortable calls add for everything under root, depth first, a
// folder before what it holds: its URL path ("/a/b.html"), whether it is
// a real folder (a link never is), and a regular file's identity where
// the system gives it. An entry that vanishes while listed is left out.
// It is written with the os package for every system; the build lists
// with listTree, which on Linux is listtree_linux.go's faster walk, held
// to this one by TestListTreeAsPortableWalk.
func listTreePortable(root string, add func(url string, dir bool, id fileID, identified bool)) error {
	var walk func(dir, url string) error
	walk = func(dir, url string) error {
		f, err := os.Open(dir)
		if err == nil {
			defer f.Close()
			var ents []fs.DirEntry
			if ents, err = f.ReadDir(-1); err == nil {
				slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
				var names []string
				for _, e := range ents {
					if e.Type().IsRegular() {
						names = append(names, e.Name())
					}
				}
				ids := identifyIn(f, names)
				for _, e := range ents {
					u := url + "/" + e.Name()
					id, ok := ids[e.Name()]
					add(u, e.IsDir(), id, ok)
					if e.IsDir() {
						if err := walk(filepath.Join(dir, e.Name()), u); err != nil {
							return err
						}
					}
				}
				return nil
			}
		}
		if url != "" && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) {
			return nil // replaced by the build meanwhile: nothing of it is left to sweep
		}
		return err
	}
	return walk(root, "")
}

// parentURL is the folder of the clean URL path u: "/a/b" → "/a", "/a"
// → "/". (path.Dir cleans what it returns: a third of the sweep's time,
// for paths the output made clean.)
func parentURL(u string) string {
	i := strings.LastIndexByte(u, '/')
	if i <= 0 {
		return "/"
	}
	return u[:i]
}

// sweep deletes everything the spare held when claimed (listSpare) that
// the new output does not contain, so the swapped-in tree holds exactly
// this build's files. Whatever the build wrote is in the new output:
// every file of it was written or kept (a regular file, checked then),
// every folder made or checked (makeDirs); a file or folder that stood
// where the output now has the other kind was replaced then.
func (o *dirOutput) sweep() error {
	l := o.listing()
	if l.err != nil {
		return l.err
	}
	// The build has written everything: o.next, the new output's files,
	// no longer changes.
	o.mu.Lock()
	files := o.next
	o.mu.Unlock()
	dirs := make(map[string]bool, len(l.dirs))
	dirs["/"] = true
	for u := range files {
		for d := parentURL(u); !dirs[d]; d = parentURL(d) {
			dirs[d] = true
		}
	}
	gone := "" // the last folder removed: what it held went with it
	for _, e := range l.entries {
		switch {
		case e.url == "/"+markerFile:
			continue // removed by commit, just before the swap
		case gone != "" && strings.HasPrefix(e.url, gone+"/"):
			continue
		case dirs[e.url]:
			continue
		}
		if _, ok := files[e.url]; ok {
			continue
		}
		p := filepath.Join(o.tmp, filepath.FromSlash(e.url))
		if _, err := os.Lstat(p); err != nil {
			continue // gone with what the build replaced (makeRoom)
		}
		if e.dir {
			gone = e.url
			if o.setAside(p) {
				continue
			}
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// setAside moves the folder p out of the work folder into the trash, a
// work folder of its own beside dest that removeTrash deletes once the
// output is swapped in, beside the build's last records. A warm build's
// sweep deletes the search index's folders of two builds before (15 of
// them, 1,000 files, at 10,000 articles after one edit): 0.06-0.08 s in
// the way of the swap, against one rename each. It reports whether p was
// moved; if not, the caller deletes it.
func (o *dirOutput) setAside(p string) bool {
	if o.trash == "" {
		d, err := workDir(o.dest, "old")
		if err != nil {
			return false
		}
		o.trash = d
	}
	o.trashed++
	return os.Rename(p, filepath.Join(o.trash, strconv.Itoa(o.trashed))) == nil
}

// removeTrash deletes what sweep set aside, if anything; a killed build
// leaves it to the next one's leftovers (removeLeftovers).
func (o *dirOutput) removeTrash() {
	if o.trash != "" {
		removeTree(o.trash)
		o.trash = ""
	}
}
