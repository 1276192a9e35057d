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

// ExportFile is the cached export's file in the store's folder.
const ExportFile = "export.bin"

// exportCache keeps the last export (exportState) for the next build: one
// in which nothing search-relevant changed (a layout or stylesheet edit)
// writes its files again instead of reading the whole index and encoding
// it, one in which some articles were edited updates it (incremental.go).
type exportCache struct {
	path  string       // file holding the state on disk; "" keeps it in memory
	state *exportState // the state held in memory
	// ahead is the file being read beside the build's loading stages
	// (readAhead), taken by the next get; nil when no read is under way.
	ahead chan loadedExport
}

// loadedExport is a read of the cached export.
type loadedExport struct {
	state *exportState
	err   error
}

// exportKey names everything an export depends on: every article's
// docHasher sum in site order, the site-level names the manifest, facets and
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

// stateKey names what a cached exportState means: the export's format
// and parameters, and the program (an encoder changed without a version
// bump must not reuse old files).
func stateKey() string {
	return "danvan-export-state-4/" + IndexVersion + "/" + static.Params() + "/" + programID()
}

// get returns the cached export, or nil. A missing cache, or one of
// another program, is a miss; a damaged one (checked by cachefile) is a
// miss and an error to warn about.
func (c *exportCache) get() (*exportState, error) {
	if c.path == "" {
		return c.state, nil
	}
	if r := c.ahead; r != nil {
		c.ahead = nil
		got := <-r
		return got.state, got.err
	}
	return c.read()
}

// readAhead starts reading the file on a goroutine of its own; the next
// get takes what it read.
func (c *exportCache) readAhead() {
	if c.path == "" || c.ahead != nil {
		return
	}
	r := make(chan loadedExport, 1)
	go func() {
		state, err := c.read()
		r <- loadedExport{state, err}
	}()
	c.ahead = r
}

// read reads the state from the file.
func (c *exportCache) read() (*exportState, error) {
	d, err := cachefile.ReadRecords(c.path, stateKey())
	if err != nil {
		return nil, cachefile.Warning(err)
	}
	st, err := decodeState(d, c.path)
	if err != nil {
		return nil, cachefile.Warning(err)
	}
	return st, nil
}

// put replaces the cached export; cachefile writes it atomically.
func (c *exportCache) put(st *exportState) error {
	if c.path == "" {
		c.state = st
		return nil
	}
	c.ahead = nil // a read begun before this state was put is of the one before
	// Streamed to the file: the export is about 30 MB at 10,000 articles.
	err := cachefile.SaveRecords(filepath.Dir(c.path), filepath.Base(c.path), stateKey(), func(e *cachefile.Encoder) { encodeState(e, st) })
	if err != nil {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	return nil
}
