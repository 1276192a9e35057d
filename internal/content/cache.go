package content

import (
	"io/fs"
	"strings"
	"sync"
	"time"
)

// Cache keeps parsed articles between loads, keyed by path, modification
// time and size, so a preview server re-reads only the files that changed.
// It is safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	files  map[string]cachedFile // by file path
	hashed bool                  // files are recognised by a hash of their bytes (NewHashedCache)
	used   map[string]bool       // hashed: files seen by this process's loads
	dirty  bool                  // hashed: an entry was added since the cache was read
	known  map[string][32]byte   // hashed: sums of files the caller hashed (KnownSums)
	// hashed: the saved cache is a base and the changes since (SaveFile):
	// baseID names the base read or written last ("" for none), basePaths
	// are its files in path order, and asBase the files whose entries are
	// still the base's.
	baseID    string
	basePaths []string
	asBase    map[string]bool
	// watched (NewWatchedCache): the owner hears of every change, so an
	// entry stays valid without a stat until Invalidate names its file.
	watched bool
	stale   map[string]bool // watched: files named by Invalidate since they were read

	gitOnce sync.Once
	git     *history // the content folder's git history, read once
}

type cachedFile struct {
	mod     time.Time // file time when parsed (NewWatchedCache)
	size    int64     // file size when parsed (NewWatchedCache)
	sum     [32]byte  // SHA-256 of the file (NewHashedCache)
	res     []string  // bundle resources when parsed
	art     *Article  // parsed, before cross-file validation; nil on errors
	probs   Problems  // problems of the file alone
	bodyOff int       // hashed: where the body starts in the cleaned source (art.Body is nil)
	bodySum [32]byte  // hashed: SHA-256 of the body
	clean   bool      // hashed: the file needed no cleaning, so its bytes are the source
}

// NewWatchedCache returns an empty cache for an owner that watches the
// files (the preview server, with fsnotify): it trusts its entries until
// Invalidate names their file, which spares a stat of every article on
// every rebuild (40 ms at 10k articles).
func NewWatchedCache() *Cache {
	return &Cache{files: map[string]cachedFile{}, watched: true, stale: map[string]bool{}}
}

// Invalidate tells a watched cache that files (paths from the site
// root, slash-separated) may have changed. A path may name a folder: a
// folder renamed or replaced brings files that no event names.
func (c *Cache) Invalidate(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		c.stale[p] = true
		if _, ok := c.files[p]; ok {
			continue
		}
		for f := range c.files {
			if strings.HasPrefix(f, p+"/") {
				c.stale[f] = true
			}
		}
	}
}

// InvalidateAll makes a watched cache check every file again: the owner
// may have missed changes (the watcher's queue overflowed).
func (c *Cache) InvalidateAll() {
	c.mu.Lock()
	for p := range c.files {
		c.stale[p] = true
	}
	c.mu.Unlock()
}

// article returns a fresh copy of the cached parse of f, or parses it.
// Validation mutates articles, so callers always get their own copy.
func (c *Cache) article(fsys fs.FS, f articleFile, probs *Problems) *Article {
	if c == nil {
		return loadArticle(fsys, f, probs)
	}
	if c.hashed {
		return c.hashedArticle(fsys, f, probs)
	}
	if c.watched {
		c.mu.Lock()
		hit, ok := c.files[f.path]
		stale := c.stale[f.path]
		// Forget the mark before reading: a change from now on marks
		// the file again, for the next load.
		delete(c.stale, f.path)
		c.mu.Unlock()
		if ok && !stale && equalStrings(hit.res, f.resources) {
			return hit.reuse(probs)
		}
	}
	fi, err := fs.Stat(fsys, f.path)
	if err != nil {
		return loadArticle(fsys, f, probs)
	}
	c.mu.Lock()
	hit, ok := c.files[f.path]
	c.mu.Unlock()
	if ok && hit.mod.Equal(fi.ModTime()) && hit.size == fi.Size() && equalStrings(hit.res, f.resources) {
		return hit.reuse(probs)
	}
	var own Problems
	a := loadArticle(fsys, f, &own)
	*probs = append(*probs, own...)
	entry := cachedFile{mod: fi.ModTime(), size: fi.Size(), res: f.resources, probs: own}
	if a != nil {
		cp := *a
		entry.art = &cp
	}
	c.mu.Lock()
	c.files[f.path] = entry
	c.mu.Unlock()
	return a
}

// reuse reports the entry's problems and returns a copy of its article.
func (e cachedFile) reuse(probs *Problems) *Article {
	*probs = append(*probs, e.probs...)
	if e.art == nil {
		return nil
	}
	cp := *e.art
	return &cp
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Reread reads the files of articles again (they changed on disk) through
// the cache, each as its bundle and resources were when the article was
// loaded, without walking content/ or validating across files: for a
// caller that loaded the site before and goes on only if nothing but the
// articles' bodies changed (the preview server's patch). It returns the
// articles in the same order (nil where a file cannot be read or parsed)
// and the problems of reading them.
func (c *Cache) Reread(fsys fs.FS, articles []*Article) ([]*Article, Problems) {
	out := make([]*Article, len(articles))
	var probs Problems
	for i, a := range articles {
		out[i] = c.article(fsys, articleFile{path: a.Path, bundle: a.Dir, resources: a.Resources}, &probs)
	}
	return out, probs
}
