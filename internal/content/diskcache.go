package content

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
)

// diskCacheVersion changes whenever what a parse produces, or the format
// of a saved cache, changes; a saved cache of another version is ignored.
const diskCacheVersion = 6

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
	delete(c.asBase, f.path)
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
//
// The file is a base and, beside it (deltaName), the entries changed since
// and the files gone since: at 10,000 articles the base is 8 MB, and every
// warm build encoded and wrote it again (0.06 s of CPU) for the one
// article it parsed. The delta is written while it holds at most an
// eighth of the files; past that, the base is written again and the delta
// removed. The base starts with a random name, which the delta repeats:
// a delta of another base (left by a save stopped between the two) is not
// read.
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
	changed, gone := c.sinceBase(paths)
	var err error
	if c.baseID != "" && len(changed)+len(gone) <= len(paths)/8 {
		err = cachefile.SaveRecords(dir, deltaName(name), deltaKey(key), func(e *cachefile.Encoder) {
			e.String(c.baseID)
			c.encodeFiles(e, changed)
			e.Strings(gone)
		})
	} else {
		err = c.saveBase(dir, name, key, paths)
	}
	if err != nil {
		return fmt.Errorf("ghi bộ đệm nội dung: %w", err)
	}
	return nil
}

// sinceBase returns the files of paths (sorted) whose entries are not the
// base's, and the base's files not in paths.
func (c *Cache) sinceBase(paths []string) (changed, gone []string) {
	for _, p := range paths {
		if !c.asBase[p] {
			changed = append(changed, p)
		}
	}
	i := 0
	for _, p := range c.basePaths {
		for i < len(paths) && paths[i] < p {
			i++
		}
		if i == len(paths) || paths[i] != p {
			gone = append(gone, p)
		}
	}
	return changed, gone
}

// saveBase writes the entries of paths as the base, and removes the delta
// of the base before (one that cannot be removed would be read with the
// new base's name missing: never, but it would fail the next delta).
func (c *Cache) saveBase(dir, name, key string, paths []string) error {
	var id [12]byte
	if _, err := rand.Read(id[:]); err != nil {
		return err
	}
	baseID := hex.EncodeToString(id[:])
	err := cachefile.SaveRecords(dir, name, fileKey(key), func(e *cachefile.Encoder) {
		e.String(baseID)
		c.encodeFiles(e, paths)
	})
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, deltaName(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	c.baseID, c.basePaths, c.asBase = baseID, paths, make(map[string]bool, len(paths))
	for _, p := range paths {
		c.asBase[p] = true
	}
	return nil
}

// encodeFiles writes the count of paths, then the entry of each.
func (c *Cache) encodeFiles(e *cachefile.Encoder, paths []string) {
	e.Uint(uint64(len(paths)))
	for _, p := range paths {
		f := c.files[p]
		encodeSaved(e, &savedFile{Path: p, Sum: f.sum, Res: f.res, Art: f.art, BodyOff: f.bodyOff, BodySum: f.bodySum, Clean: f.clean, Problems: f.probs})
	}
}

// deltaName is the file of the changes to the saved cache name.
func deltaName(name string) string { return name + ".delta" }

// deltaKey is the key of the changes to a cache saved under key.
func deltaKey(key string) string { return fileKey(key) + "\x00delta" }

// LoadHashedCache reads a cache written by SaveFile: the base, and the
// delta beside it when it is of that base. A missing cache, or one of
// another version or key, comes back empty without error; a damaged one
// comes back empty with the error to warn about.
func LoadHashedCache(file, key string) (*Cache, error) {
	c := NewHashedCache()
	type saved struct {
		id    string
		files []savedFile
		gone  []string
	}
	decode := func(d *cachefile.Decoder, gone bool) saved {
		s := saved{id: d.String(), files: make([]savedFile, d.Count(70))}
		for i := range s.files {
			s.files[i] = decodeSaved(d)
		}
		if gone {
			s.gone = d.Strings()
		}
		return s
	}
	base, ok, warn := cachefile.LoadRecords(file, fileKey(key), func(d *cachefile.Decoder) saved { return decode(d, false) })
	if warn != nil {
		return c, fmt.Errorf("bộ đệm nội dung %w", warn)
	}
	if !ok {
		return c, nil
	}
	delta, ok, warn := cachefile.LoadRecords(deltaName(file), deltaKey(key), func(d *cachefile.Decoder) saved { return decode(d, true) })
	if warn != nil {
		return NewHashedCache(), fmt.Errorf("bộ đệm nội dung %w", warn)
	}
	c.baseID, c.basePaths, c.asBase = base.id, make([]string, len(base.files)), make(map[string]bool, len(base.files))
	for i, f := range base.files {
		c.files[f.Path] = cachedFile{sum: f.Sum, res: f.Res, art: f.Art, bodyOff: f.BodyOff, bodySum: f.BodySum, clean: f.Clean, probs: f.Problems}
		c.basePaths[i] = f.Path
		c.asBase[f.Path] = true
	}
	if ok && delta.id == base.id {
		for _, f := range delta.files {
			c.files[f.Path] = cachedFile{sum: f.Sum, res: f.Res, art: f.Art, bodyOff: f.BodyOff, bodySum: f.BodySum, clean: f.Clean, probs: f.Problems}
			delete(c.asBase, f.Path)
		}
		for _, p := range delta.gone {
			delete(c.files, p)
			delete(c.asBase, p)
		}
	}
	return c, nil
}
