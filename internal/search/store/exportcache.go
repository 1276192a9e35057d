package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	// base is the state the file at path holds (as last read or written),
	// and baseID its name there: put writes only the changes since while
	// they are few (exportdelta.go).
	base   *exportState
	baseID string
	// ahead is the file being read beside the build's loading stages
	// (readAhead), taken by the next get; nil when no read is under way.
	ahead chan loadedExport
}

// loadedExport is a read of the cached export.
type loadedExport struct {
	state  *exportState // the export, the base with its delta applied
	base   *exportState // the base alone
	baseID string
	err    error
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
	return "danvan-export-state-5/" + IndexVersion + "/" + static.Params() + "/" + programID()
}

// get returns the cached export, or nil. A missing cache, or one of
// another program, is a miss; a damaged one (checked by cachefile) is a
// miss and an error to warn about.
func (c *exportCache) get() (*exportState, error) {
	if c.path == "" {
		return c.state, nil
	}
	got := loadedExport{}
	if r := c.ahead; r != nil {
		c.ahead = nil
		got = <-r
	} else {
		got = c.read()
	}
	c.base, c.baseID = got.base, got.baseID
	return got.state, got.err
}

// readAhead starts reading the file on a goroutine of its own; the next
// get takes what it read.
func (c *exportCache) readAhead() {
	if c.path == "" || c.ahead != nil {
		return
	}
	r := make(chan loadedExport, 1)
	go func() { r <- c.read() }()
	c.ahead = r
}

// read reads the state from the files: the base, and the delta beside it
// if it is of that base. A damaged delta is a warning, and a miss: the
// base alone may be older than the index.
func (c *exportCache) read() loadedExport {
	d, err := cachefile.ReadRecords(c.path, stateKey())
	if err != nil {
		return loadedExport{err: cachefile.Warning(err)}
	}
	id := d.String()
	base, err := decodeState(d, c.path)
	if err != nil {
		return loadedExport{err: cachefile.Warning(err)}
	}
	got := loadedExport{state: base, base: base, baseID: id}
	file := c.deltaPath()
	dd, err := cachefile.ReadRecords(file, deltaStateKey())
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, cachefile.ErrStale):
		return got
	case err != nil:
		got.state, got.err = nil, cachefile.Warning(err)
		return got
	}
	st, ok, err := decodeDelta(dd, file, id, base)
	switch {
	case err != nil:
		got.state, got.err = nil, cachefile.Warning(err)
	case ok:
		got.state = st
	}
	return got
}

// deltaPath is the file of the changes to the base at path.
func (c *exportCache) deltaPath() string { return filepath.Join(filepath.Dir(c.path), exportDeltaFile) }

// put replaces the cached export; cachefile writes it atomically.
func (c *exportCache) put(st *exportState) error {
	if c.path == "" {
		c.state = st
		return nil
	}
	c.ahead = nil // a read begun before this state was put is of the one before
	dir := filepath.Dir(c.path)
	if d, ok := diffExport(c.base, st); ok && c.baseID != "" && d.small(c.base) {
		err := cachefile.SaveRecords(dir, exportDeltaFile, deltaStateKey(), func(e *cachefile.Encoder) { encodeDelta(e, c.baseID, st, d) })
		if err != nil {
			return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
		}
		return nil
	}
	var name [12]byte
	if _, err := rand.Read(name[:]); err != nil {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	id := hex.EncodeToString(name[:])
	// Streamed to the file: the export is about 30 MB at 10,000 articles.
	err := cachefile.SaveRecords(dir, filepath.Base(c.path), stateKey(), func(e *cachefile.Encoder) { e.String(id); encodeState(e, st) })
	if err != nil {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	// The delta of the base before is never read again (its base's name
	// is gone); one that cannot be removed would fail the next put's.
	if err := os.Remove(c.deltaPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("ghi bộ đệm xuất chỉ mục: %w", err)
	}
	c.base, c.baseID = st, id
	return nil
}
