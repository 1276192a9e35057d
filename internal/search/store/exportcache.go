package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/quangngai/danvan/internal/buildid"
	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// exportCache keeps the files of the last export with the key of what
// produced them, so a build in which nothing search-relevant changed (a
// layout or stylesheet edit) copies them instead of reading the whole
// index and encoding it again.
type exportCache struct {
	path  string       // file holding the cached export on disk; "" keeps it in memory
	key   string       // key of the export held in memory
	files []cachedFile // the export held in memory
}

// cachedFile is one exported file.
type cachedFile struct {
	Name string // path under the output directory
	Data []byte // contents
}

// exportKey names everything an export depends on: every article's
// docHash in site order, the site-level names the manifest, facets and
// opensearch.xml hold, the export's parameters, and the program itself
// (an encoder changed without a version bump must not reuse old files).
func exportKey(s *site.Site, hashes []Hash) string {
	h := sha256.New()
	put := func(ss ...string) {
		for _, x := range ss {
			var n [8]byte
			binary.LittleEndian.PutUint64(n[:], uint64(len(x)))
			h.Write(n[:])
			h.Write([]byte(x))
		}
	}
	put(IndexVersion, programID(), static.Params())
	put(strconv.Itoa(len(s.Articles)))
	for i, a := range s.Articles {
		put(a.URL)
		h.Write(hashes[i][:])
	}
	for _, a := range s.Areas {
		put("area", a.Slug, a.Name)
	}
	for _, l := range s.Localities {
		succ := ""
		if l.Successor != nil {
			succ = l.Successor.Slug
		}
		put("locality", l.Slug, l.Name, succ)
	}
	if s.Config != nil {
		put("site", s.Config.Title, s.BaseURL)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// programID identifies the running program (buildid.Running). When it
// cannot be identified the key is one no other run shares, so the cache
// is never reused by what may be another program.
func programID() string {
	id, err := buildid.Running()
	if err != nil {
		return fmt.Sprint("unidentified program, run at ", time.Now().UnixNano())
	}
	return id
}

// get returns the cached export of key, or nil. A missing cache, or one of
// another key, is a miss; a damaged one (checked by cachefile) is a miss
// and an error to warn about.
func (c *exportCache) get(key string) ([]cachedFile, error) {
	if c.path == "" {
		if c.key == key {
			return c.files, nil
		}
		return nil, nil
	}
	var files []cachedFile
	if err := cachefile.ReadGob(c.path, key, &files); err != nil {
		return nil, cachefile.Warning(err)
	}
	return files, nil
}

// put replaces the cached export; cachefile writes it atomically.
func (c *exportCache) put(key string, files []cachedFile) error {
	if c.path == "" {
		c.key, c.files = key, files
		return nil
	}
	if err := cachefile.WriteGob(filepath.Dir(c.path), filepath.Base(c.path), key, files); err != nil {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	return nil
}

// recorder passes files on to a Writer and keeps a copy.
type recorder struct {
	out   static.Writer // where the files go
	files []cachedFile  // what went there
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.files = append(r.files, cachedFile{Name: name, Data: data})
	return r.out.WriteFile(name, data)
}
