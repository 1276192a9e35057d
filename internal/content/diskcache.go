package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
)

// diskCacheVersion changes whenever what a parse produces, or the format
// of a saved cache, changes; a saved cache of another version is ignored.
const diskCacheVersion = 5

// NewHashedCache returns a cache that recognises a file by a SHA-256 of
// its bytes instead of its time and size: for a cache saved between runs
// of the command line, where a file time proves nothing (a checkout or a
// copy keeps or repeats times; two saves can share one). Reading and
// hashing every file costs a fraction of parsing it.
func NewHashedCache() *Cache {
	return &Cache{files: map[string]cachedFile{}, hashed: true, used: map[string]bool{}}
}

// hashedArticle is Cache.article for a hashed cache.
func (c *Cache) hashedArticle(fsys fs.FS, f articleFile, probs *Problems) *Article {
	if a, ok := c.unreadArticle(f, probs); ok {
		return a
	}
	raw, err := readSource(fsys, f.path)
	if err != nil {
		return loadArticle(fsys, f, probs) // reports the error
	}
	sum := sha256.Sum256(raw)
	c.mu.Lock()
	hit, ok := c.files[f.path]
	c.used[f.path] = true
	c.mu.Unlock()
	if ok && hit.sum == sum && equalStrings(hit.res, f.resources) {
		*probs = append(*probs, hit.probs...)
		if hit.art == nil {
			return nil
		}
		cp := *hit.art
		src := raw
		if !hit.clean {
			src, _ = cleanSource(raw, reporter{file: f.path, list: new(Problems)})
		}
		cp.Body = src[hit.bodyOff:]
		return &cp
	}
	var own Problems
	a, src := parseArticleFile(raw, f, &own)
	*probs = append(*probs, own...)
	entry := cachedFile{sum: sum, res: f.resources, probs: own}
	if a != nil {
		off := len(src) - len(a.Body)
		if off < 0 || !bytes.Equal(src[off:], a.Body) {
			return a // the body is not the tail of the source: not cached
		}
		cp := *a
		cp.Body = nil // rebuilt from the file on a hit: the cache stays small
		entry.art, entry.bodyOff, entry.clean, entry.bodySum = &cp, off, bytes.Equal(src, raw), sha256.Sum256(a.Body)
	}
	c.mu.Lock()
	c.files[f.path] = entry
	c.dirty = true
	c.mu.Unlock()
	return a
}

// savedFile is one entry of a saved cache.
type savedFile struct {
	Path     string    // file path in the site root
	Sum      [32]byte  // SHA-256 of the file's bytes
	Res      []string  // bundle resources when parsed
	Art      *Article  // parsed, without Body; nil on errors
	BodyOff  int       // where the body starts in the cleaned source
	BodySum  [32]byte  // SHA-256 of the body
	Clean    bool      // the file needed no cleaning (BOM, CR, NFC)
	Problems []Problem // problems of the file alone
}

// fileKey is the key of the saved cache: its format, and what the caller
// says the entries depend on.
func fileKey(key string) string { return fmt.Sprintf("content-v%d\x00%s", diskCacheVersion, key) }

// Changed reports whether the cache differs from what was read: a file
// was parsed, or a cached file was not seen in this load (deleted or
// renamed), so saving it is worthwhile.
func (c *Cache) Changed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dirty || len(c.used) != len(c.files)
}

// SaveFile writes the entries of the files seen by the last load as
// name in dir, under key (the caller's version of everything a parse
// depends on), checksummed by cachefile, in the layout of cacherecord.go.
func (c *Cache) SaveFile(dir, name, key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	paths := make([]string, 0, len(c.used))
	for p := range c.files {
		if c.used[p] && (c.files[p].art == nil || savable(c.files[p].art)) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths) // the same cache makes the same bytes
	// Streamed to the file: about 8 MB at 10,000 articles.
	err := cachefile.SaveRecords(dir, name, fileKey(key), func(e *cachefile.Encoder) {
		e.Uint(uint64(len(paths)))
		for _, p := range paths {
			f := c.files[p]
			encodeSaved(e, &savedFile{Path: p, Sum: f.sum, Res: f.res, Art: f.art, BodyOff: f.bodyOff, BodySum: f.bodySum, Clean: f.clean, Problems: f.probs})
		}
	})
	if err != nil {
		return fmt.Errorf("ghi bộ đệm nội dung: %w", err)
	}
	return nil
}

// LoadHashedCache reads a cache written by SaveFile. A missing cache, or
// one of another version or key, comes back empty without error; a
// damaged one comes back empty with the error to warn about.
func LoadHashedCache(file, key string) (*Cache, error) {
	c := NewHashedCache()
	fs, ok, warn := cachefile.LoadRecords(file, fileKey(key), func(d *cachefile.Decoder) []savedFile {
		fs := make([]savedFile, d.Count(70))
		for i := range fs {
			fs[i] = decodeSaved(d)
		}
		return fs
	})
	if warn != nil {
		return c, fmt.Errorf("bộ đệm nội dung %w", warn)
	}
	if ok {
		for _, f := range fs {
			c.files[f.Path] = cachedFile{sum: f.Sum, res: f.Res, art: f.Art, bodyOff: f.BodyOff, bodySum: f.BodySum, clean: f.Clean, probs: f.Problems}
		}
	}
	return c, nil
}
