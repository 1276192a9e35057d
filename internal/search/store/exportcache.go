package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

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

// programID identifies the running program by its file's path, size and
// modification time: a rebuilt danvan is a new file. (Hashing the 30 MB
// binary would cost 150 ms of every warm build.)
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprint(exe, fi.Size(), fi.ModTime().UnixNano())
}

// get returns the cached export of key, or nil. A cache file that cannot
// be read is a miss.
func (c *exportCache) get(key string) []cachedFile {
	if c.path == "" {
		if c.key == key {
			return c.files
		}
		return nil
	}
	f, err := os.Open(c.path)
	if err != nil {
		return nil
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	var got string
	var files []cachedFile
	if dec.Decode(&got) != nil || got != key || dec.Decode(&files) != nil {
		return nil
	}
	return files
}

// put replaces the cached export. On disk it writes a new file and renames
// it into place, so a reader never sees half of one.
func (c *exportCache) put(key string, files []cachedFile) error {
	if c.path == "" {
		c.key, c.files = key, files
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".export-*")
	if err != nil {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(key)
	if err == nil {
		err = enc.Encode(files)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
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
