package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// Store is the bleve index of a site's articles, kept between builds and
// brought up to date by content hash: on disk in a cache directory (the
// CLI build), or in memory (the preview server, tests).
//
// On disk the directory holds "lock" (held while a build uses the store),
// "index/" (a scorch index), "pairs" and "forms" (the documents' word
// pairs and exact forms, kept beside the index: termstore.go) and "commit"
// (commit.go): the generation of
// the last update that completed, also stored inside the index and in the
// term files, and every indexed document's hash. An index whose generation differs from the
// record's (an interrupted update, or scorch falling back to an older
// snapshot when files are missing) is not trusted, and neither are the
// hashes of a record of another generation. A cache that cannot be read,
// or was written under another IndexVersion or mapping, is rebuilt from
// scratch with a warning; a cache that is busy or cannot be written leaves
// the build with an index in memory. A bad cache never fails the build.
//
// A Store is safe for concurrent use: Sync holds it for one update and
// export at a time.
type Store struct {
	mu     sync.Mutex      // serialises Sync (the preview server exports from several requests)
	dir    string          // <CacheDir>/search, or "" in memory
	idx    bleve.Index     // the open index
	lock   *os.File        // lock held while a store on disk is open
	hashes map[string]Hash // URL → hash of the indexed document
	side   *sideTerms      // the indexed documents' word pairs and exact forms (termstore.go); nil until read from dir
	// reading is the side terms being read from dir beside the start of
	// a Sync (readSideAhead); nil when no read is under way.
	reading chan loadedSide
	gen     string // generation of the last commit of a store on disk (the term files')
	// committing is the commit of the last update while it runs beside
	// the export (startCommit); nil when none is under way.
	committing chan committed
	order      []Hash      // hashes of the site of the last Update, in site order
	cache      exportCache // the last export, reused while nothing changes
	// checked is the index as its seal vouched for it when opened: Close
	// seals again reading only the files written since.
	checked *cachefile.Checked
	log     io.Writer // warnings and the update summary
}

// UpdateStats describe one Update.
type UpdateStats struct {
	Reused   bool          // Sync copied the previous export: nothing search-relevant changed
	Patched  bool          // Sync updated the previous export for the edited documents instead of encoding it from scratch (incremental.go)
	Settled  int           // Patched: terms of the edit whose entries it could not change, neither read nor encoded again (static.Settled)
	Indexed  int           // documents (re)indexed
	Deleted  int           // documents removed
	Kept     int           // documents unchanged
	Rebuilt  bool          // the cache was unusable and rebuilt from scratch
	Duration time.Duration // wall time
}

// Internal keys of the index: its schema id, and the generation of the
// last completed update.
var (
	schemaKey     = []byte("danvan\x00schema")
	generationKey = []byte("danvan\x00generation")
)

// schemaID names what the index's documents mean: IndexVersion and the
// mapping. A stored index with another id is rebuilt.
func schemaID() []byte {
	m, err := json.Marshal(NewMapping())
	if err != nil {
		panic(err) // the mapping is a fixed value
	}
	sum := sha256.Sum256(m)
	return []byte(IndexVersion + "/" + hex.EncodeToString(sum[:8]))
}

// NewMem returns an empty store in memory.
func NewMem(log io.Writer) (*Store, error) {
	idx, err := newMemIndex()
	if err != nil {
		return nil, err
	}
	return &Store{idx: idx, hashes: map[string]Hash{}, side: newSideTerms(), log: orDiscard(log)}, nil // cache in memory
}

// newMemIndex returns an empty index in memory (no path: nothing on disk).
func newMemIndex() (bleve.Index, error) {
	idx, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("tạo chỉ mục bleve: %w", err)
	}
	return idx, nil
}

// Open opens the store in dir (creating it), or falls back to a
// store in memory with a warning on log when dir cannot be used.
func Open(dir string, log io.Writer) (*Store, error) {
	log = orDiscard(log)
	st, err := openDisk(dir, log)
	if err == nil {
		return st, nil
	}
	if errors.Is(err, errLocked) {
		fmt.Fprintf(log, "cảnh báo: %s (%s); lần này dựng chỉ mục tìm kiếm trong bộ nhớ\n", errLocked, dir)
	} else {
		fmt.Fprintf(log, "cảnh báo: không dùng được bộ đệm tìm kiếm %s: %v; lần này dựng chỉ mục trong bộ nhớ\n", dir, err)
	}
	return NewMem(log)
}

// openDisk locks dir and opens (or creates) the index in it.
func openDisk(dir string, log io.Writer) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục %s: %w", dir, err)
	}
	lock, err := lockFile(filepath.Join(dir, "lock"))
	if err != nil {
		return nil, err
	}
	st := &Store{dir: dir, lock: lock, log: log, cache: exportCache{path: filepath.Join(dir, ExportFile)}}
	os.Remove(filepath.Join(dir, "export.gob")) // the cached export's name before its record layout (exportrecord.go)
	if _, err := os.Lstat(st.indexDir()); errors.Is(err, os.ErrNotExist) {
		err = st.reset() // first build: nothing to warn about
		if err != nil {
			lock.Close()
			return nil, err
		}
		return st, nil
	}
	if err := st.open(); err != nil {
		fmt.Fprintf(log, "cảnh báo: bộ đệm tìm kiếm %s không đọc được (%v): dựng lại từ đầu\n", dir, err)
		if err := st.reset(); err != nil {
			lock.Close()
			return nil, err
		}
	}
	return st, nil
}

// indexDir is the scorch directory of a store on disk.
func (st *Store) indexDir() string { return filepath.Join(st.dir, "index") }

// Len is the number of documents in the index: 0 before the first build,
// or after an upgrade reset it.
func (st *Store) Len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.hashes)
}

// commitFile is the commit record of the last completed update.
func (st *Store) commitFile() string { return filepath.Join(st.dir, commitName) }

// commit records a completed update: a new generation, stored in the index
// (setPersisted returns once the index is on disk), then the commit
// record: the generation and the documents' hashes.
func (st *Store) commit() error {
	if st.dir == "" {
		return nil
	}
	gen, err := st.writeGeneration()
	if err != nil {
		return err
	}
	st.gen = gen
	return nil
}

// writeGeneration writes what commit records and returns the new
// generation. It only reads the store: the index, the side terms and the
// hashes, which nothing changes until the commit is joined.
func (st *Store) writeGeneration() (string, error) {
	var g [12]byte
	if _, err := rand.Read(g[:]); err != nil {
		return "", err
	}
	gen := hex.EncodeToString(g[:])
	// The side terms are written while the index waits for its writes to
	// reach the disk; the commit record comes after both.
	saved := make(chan error, 1)
	side := st.side
	go func() { saved <- side.save(st.dir, gen) }()
	if err := st.setPersisted(generationKey, []byte(gen)); err != nil {
		<-saved
		return "", fmt.Errorf("ghi thế hệ chỉ mục xuống đĩa: %w", err)
	}
	if err := <-saved; err != nil {
		return "", err
	}
	if err := writeCommit(st.dir, gen, st.hashes); err != nil {
		return "", err
	}
	return gen, nil
}

// committed is the outcome of a commit run beside the export.
type committed struct {
	gen string
	err error
}

// startCommit starts commit on a goroutine of its own, for an update whose
// export is made meanwhile: the export reads the index and the side terms
// in memory, never what the commit writes, and writing them (the side
// terms, the wait for the index to reach the disk, the record) took 0.09 to
// 0.2 s in the way of every warm build at 10,000 articles. joinCommit
// waits for it; every step that changes the store joins it first.
func (st *Store) startCommit() {
	done := make(chan committed, 1)
	go func() {
		gen, err := st.writeGeneration()
		done <- committed{gen, err}
	}()
	st.committing = done
}

// joinCommit waits for the commit startCommit started, if any, and
// returns its error. A failed commit leaves the store without a commit
// record: the index is in memory as it should be, and the next process
// that opens the cache rebuilds it.
func (st *Store) joinCommit() error {
	if st.committing == nil {
		return nil
	}
	c := <-st.committing
	st.committing = nil
	if c.err != nil {
		return c.err
	}
	st.gen = c.gen
	return nil
}

// setPersisted stores an internal value and returns once it is on disk.
// Batches do not wait for the disk (unsafe_batch, see diskConfig): this one
// waits until everything before it is persisted too. scorch calls the
// callback only once the write succeeds, and retries a failed one for as
// long as the index is open: on a full disk the build waited for ever. So
// the wait also watches scorch's count of failed writes (persistFailures).
func (st *Store) setPersisted(key, value []byte) error {
	failed := st.persistFailures()
	b := st.idx.NewBatch()
	b.SetInternal(key, value)
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := st.idx.Batch(b); err != nil {
		return err
	}
	tick := time.NewTicker(persistPoll)
	defer tick.Stop()
	for {
		select {
		case err := <-persisted:
			return err
		case <-tick.C:
			if st.persistFailures() > failed {
				return errNotPersisted
			}
		}
	}
}

// persistPoll is how often setPersisted looks for a failed write.
const persistPoll = 20 * time.Millisecond

var errNotPersisted = errors.New("không ghi được chỉ mục tìm kiếm xuống đĩa (ổ đĩa đầy, hay thư mục bộ đệm không ghi được?)")

// persistFailures is how many times scorch failed to write a snapshot of
// the index (0 for an index that is not scorch's).
func (st *Store) persistFailures() uint64 {
	adv, err := st.idx.Advanced()
	if err != nil {
		return 0
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0
	}
	stats, ok := sc.Stats().(*scorch.Stats)
	if !ok {
		return 0
	}
	return atomic.LoadUint64(&stats.TotPersistLoopErr)
}

// uncommit marks the index as being changed, until the next commit.
func (st *Store) uncommit() error {
	if st.dir == "" {
		return nil
	}
	if err := os.Remove(st.commitFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("xóa %s: %w", st.commitFile(), err)
	}
	return nil
}

// open opens the existing index and reads its commit record; an index of
// another schema, or without the record of its generation, is an error
// (the caller rebuilds).
func (st *Store) open() (err error) {
	defer recoverInto(&err)
	if err := st.unseal(); err != nil {
		return err
	}
	idx, err := bleve.OpenUsing(st.indexDir(), diskConfig())
	if err != nil {
		return err
	}
	got, err := idx.GetInternal(schemaKey)
	if err == nil && string(got) != string(schemaID()) {
		err = fmt.Errorf("chỉ mục của phiên bản khác (%q, cần %q)", got, schemaID())
	}
	if err == nil {
		st.hashes, st.gen, err = st.loadCommit(idx)
	}
	if err == nil {
		st.idx, st.side = idx, nil // the side terms are read when first needed (sideTerms)
	}
	if err != nil {
		idx.Close()
		st.idx = nil
		return err
	}
	return nil
}

// diskConfig is the scorch configuration of a store on disk (each choice
// measured alone by levers_test.go):
//   - unsafe_batch: a batch returns once applied in memory instead of
//     waiting for its segment to reach the disk (an fsync per batch);
//     commit waits once at the end, and until then the commit file is
//     absent, so an interrupted update is never trusted;
//   - the merge planner never merges the segments of a bulk load (batches
//     of BatchSize documents): a zap merge re-encodes every posting, and
//     bleve's default plan floors small segments at 2,000 documents, so a
//     10k load in batches was merged again and again (a third of the
//     index's CPU). Segments of fewer than BatchSize/2 live documents (one
//     build's edits) still merge among themselves.
func diskConfig() map[string]interface{} {
	return map[string]interface{}{
		"unsafe_batch": true,
		"scorchMergePlanOptions": map[string]interface{}{
			"MaxSegmentSize":   BatchSize, // eligible for merging: fewer than half as many live documents
			"FloorSegmentSize": 1,
		},
	}
}

// loadCommit returns the documents' hashes from the commit record of
// idx's generation, and the generation.
func (st *Store) loadCommit(idx bleve.Index) (map[string]Hash, string, error) {
	gen, err := idx.GetInternal(generationKey)
	if err != nil {
		return nil, "", err
	}
	hashes, err := readCommit(st.dir, string(gen))
	return hashes, string(gen), err
}

// sideTerms returns the documents' pairs and exact forms, reading them
// from the files of the last commit the first time (or taking the read
// readSideAhead started). A build that changes nothing never reads them.
func (st *Store) sideTerms() (*sideTerms, error) {
	if st.side != nil {
		return st.side, nil
	}
	if r := st.reading; r != nil {
		st.reading = nil
		if got := <-r; got.gen == st.gen && got.err == nil {
			st.side = got.side
			return got.side, nil
		}
	}
	side, err := loadSideTerms(st.dir, st.gen)
	if err != nil {
		return nil, err
	}
	st.side = side
	return side, nil
}

// loadedSide is a read of the side terms of generation gen.
type loadedSide struct {
	gen  string
	side *sideTerms
	err  error
}

// readSideAhead starts reading the side terms, when a store on disk has
// documents and they are not in memory, beside the first steps of a Sync
// (the last export, the site's hashes): an edit needs them first thing
// (heldTerms), and their read was 0.08 s of CPU in the way of every warm
// build at 10,000 articles. A Sync that needs them not (nothing
// search-relevant changed) leaves the read to the next one, which takes it
// if the generation is still the one read.
func (st *Store) readSideAhead() {
	if st.side != nil || st.reading != nil || st.dir == "" || len(st.hashes) == 0 {
		return
	}
	r := make(chan loadedSide, 1)
	dir, gen := st.dir, st.gen
	go func() {
		side, err := loadSideTerms(dir, gen)
		r <- loadedSide{gen, side, err}
	}()
	st.reading = r
}

// reset deletes the index on disk and creates an empty one; a store in
// memory gets a new empty index in memory and touches no file (its paths
// would be relative to the working folder, which is the user's).
func (st *Store) reset() (err error) {
	defer recoverInto(&err)
	_ = st.joinCommit() // what it wrote goes too
	if st.idx != nil {
		st.idx.Close()
		st.idx = nil
	}
	st.hashes, st.side, st.reading = map[string]Hash{}, newSideTerms(), nil
	if st.dir == "" {
		st.idx, err = newMemIndex()
		return err
	}
	if err := st.uncommit(); err != nil {
		return err
	}
	if err := os.RemoveAll(st.indexDir()); err != nil {
		return fmt.Errorf("xóa bộ đệm tìm kiếm cũ: %w", err)
	}
	if err := os.Remove(st.sealFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("xóa bộ đệm tìm kiếm cũ: %w", err)
	}
	idx, err := bleve.NewUsing(st.indexDir(), NewMapping(), scorch.Name, scorch.Name, diskConfig())
	if err != nil {
		return fmt.Errorf("tạo chỉ mục bleve trong %s: %w", st.dir, err)
	}
	if err := idx.SetInternal(schemaKey, schemaID()); err != nil {
		idx.Close()
		return fmt.Errorf("ghi phiên bản chỉ mục: %w", err)
	}
	st.idx = idx
	return st.commit()
}

// eachDoc calls f with the internal number and the id (URL) of every live
// document. Ids are read once per document (bleve's ExternalID reads a
// stored field on every call), so callers map numbers once, not per posting.
func eachDoc(rd index.IndexReader, f func(num uint64, url string) error) error {
	ids, err := rd.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer ids.Close()
	for {
		id, err := ids.Next()
		if err != nil {
			return err
		}
		if id == nil {
			return nil
		}
		url, err := rd.ExternalID(id)
		if err != nil {
			return err
		}
		if err := f(id.Value(), url); err != nil {
			return err
		}
	}
}

// Sync updates the index to s and writes the static index of s to out:
// the last export's files again when nothing it depends on changed, the
// last export updated when articles were only edited (incremental.go),
// else an export from scratch.
func (st *Store) Sync(s *site.Site, out static.Writer) (UpdateStats, *static.Stats, error) {
	return st.sync(s, out, false)
}

// SyncLast is Sync for a caller that is the last reader of the articles'
// texts: nothing reads them after it, or beside it. When the index was
// empty (a cold build), the export lets each text go
// (site.Article.ReleaseText) once the record files are made, before it
// reads the index: at 50,000 articles the texts were 300 MB of the
// export's live heap, which peaks there, under the memory limit, with the
// collector running every second.
func (st *Store) SyncLast(s *site.Site, out static.Writer) (UpdateStats, *static.Stats, error) {
	return st.sync(s, out, true)
}

// Prefetch starts reading, each on a goroutine of its own, what the next
// Sync of an edit reads first: the last export (kept in the store's
// folder, about 30 MB at 10,000 articles) and the documents' side terms
// (readSideAhead). A build calls it as soon as the store is open, beside
// its loading stages, which leave a core idle part of the time: read by
// Sync, the export was 0.05-0.08 s in the way of every warm build at
// 10,000 articles.
func (st *Store) Prefetch() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.hashes) > 0 {
		st.cache.readAhead()
	}
	st.readSideAhead()
}

// sync is Sync; last says the caller is the texts' last reader (SyncLast).
func (st *Store) sync(s *site.Site, out static.Writer, last bool) (UpdateStats, *static.Stats, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	defer st.releasingMapped()()
	st.readSideAhead()
	prev, err := st.cache.get()
	if err != nil {
		fmt.Fprintf(st.log, "cảnh báo: bộ đệm xuất chỉ mục tìm kiếm %v\n", err) // exported afresh below
	}
	cur := siteHashes(s)
	// An index this build makes whole has nothing older that a read could
	// fail on: only then are the texts let go before the index is read
	// (encode).
	fresh := len(st.hashes) == 0
	// The terms edited articles held, read before Update replaces them.
	urls, docs, incremental := st.changes(s, prev, cur)
	var before held
	if incremental {
		if before, err = st.heldTerms(urls); err != nil {
			fmt.Fprintf(st.log, "cảnh báo: đọc từ của bài đã sửa trong chỉ mục tìm kiếm: %v; xuất lại toàn bộ\n", err)
			incremental = false
		}
	}
	// An edit's index update is committed beside its export, which reads
	// the index in memory (startCommit).
	us, err := st.updateHashed(s, cur, incremental)
	if err != nil {
		return us, nil, err
	}
	es, err := st.export(s, out, exportInput{last: last, fresh: fresh, prev: prev, cur: cur, urls: urls, docs: docs, before: before, incremental: incremental}, &us)
	if cerr := st.finishCommit(s, cur, &us); err == nil {
		err = cerr
	}
	if err != nil {
		return us, nil, err
	}
	return us, es, nil
}

// exportInput is what sync knows when it exports.
type exportInput struct {
	last, fresh bool         // sync's last; the index was empty before this update
	prev        *exportState // the last export, if kept
	cur         []Hash       // the articles' hashes (siteHashes)
	urls        []string     // the documents an incremental export encodes again (changes)
	docs        []int32      // their site positions
	before      held         // the terms they held before the update
	incremental bool         // the export can be an update of prev
}

// export writes the static index of s to out: the last export again when
// nothing it depends on changed, the last export updated for edited
// documents, else an export from scratch, which first joins the commit
// under way (an index being rebuilt is read whole).
func (st *Store) export(s *site.Site, out static.Writer, in exportInput, us *UpdateStats) (*static.Stats, error) {
	key := exportKey(s, st.order)
	if in.prev != nil && in.prev.Key == key {
		es, err := in.prev.Base.Write(out)
		us.Reused = true
		return es, err
	}
	var b *static.Base
	var err error
	if in.incremental && !us.Rebuilt {
		var settled int
		b, settled, err = st.exportChange(s, in.prev, in.urls, in.docs, in.before)
		switch {
		case errors.Is(err, static.ErrRebuild):
		case err != nil:
			fmt.Fprintf(st.log, "cảnh báo: cập nhật chỉ mục tìm kiếm đã xuất: %v; xuất lại toàn bộ\n", err)
		default:
			us.Patched, us.Settled = true, settled
		}
	}
	// A warm build's export keeps nearly every file as it is, at about
	// 0.1 s of CPU for 27,000 files at 10,000 articles: it mostly runs
	// after the pages, with the other core idle.
	workers := 2
	if b == nil {
		if err := st.finishCommit(s, in.cur, us); err != nil {
			return nil, err
		}
		if b, err = st.encode(s, in.last && (in.fresh || us.Rebuilt)); err != nil {
			return nil, err
		}
	}
	// The export is kept for the next build while its files are written:
	// both only read b.
	urlList := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		urlList[i] = a.URL
	}
	kept := make(chan error, 1)
	go func() { kept <- st.cache.put(&exportState{Key: key, URLs: urlList, Hashes: st.order, Base: b}) }()
	es, err := b.WriteOn(out, workers)
	if perr := <-kept; perr != nil {
		fmt.Fprintf(st.log, "cảnh báo: %v\n", perr) // only the next build is slower
	}
	return es, err
}

// releasingMapped releases the pages of the index's mapped files from
// the process's resident memory until the returned function is called
// (releaseMapped), whenever the process holds more than mappedBudget of
// mapped file pages, checked every 100 ms: indexing and export touch every
// segment once, and without this the whole index stayed resident until
// the store closed (about 800 MB at 50,000 articles). Once a second was
// not enough: the export read 660 MB of a 50,000-article index within
// one. Not at every tick: a release drops the pages from the page cache
// too (MADV_PAGEOUT), so the next read of them goes to the disk; released
// every 100 ms whatever their size, a 50,000-article cold build took 187 s
// instead of 170 s (2,242 MiB peak instead of 2,956), and a 10,000-article
// index (about 150 MB) never needs it.
func (st *Store) releasingMapped() (stop func()) {
	if st.dir == "" {
		return func() {}
	}
	dir := st.indexDir()
	release := func() {
		if residentFile() > mappedBudget {
			releaseMapped(dir)
		}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				release()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		release()
	}
}

// mappedBudget is how much of mapped files (the index's segments and the
// program's code, about 40 MB) may stay resident before releasingMapped
// releases the index's pages.
const mappedBudget = 512 << 20

// Update brings the index in line with the site: documents of vanished
// articles are deleted, new and changed articles (by docHasher) analysed and
// indexed, unchanged ones left alone. If the index on disk fails, it is
// rebuilt from scratch; if that fails too, the store moves to memory.
func (st *Store) Update(s *site.Site) (UpdateStats, error) {
	return st.updateHashed(s, siteHashes(s), false)
}

// siteHashes returns the docHasher sum of every article of s, in order,
// on every core: it is the first step of every Sync (0.12-0.2 s at
// 10,000 articles in a warm build, where the pages are rendered beside it).
func siteHashes(s *site.Site) []Hash {
	cur := make([]Hash, len(s.Articles))
	workers := min(runtime.GOMAXPROCS(0), max(len(s.Articles)/256, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var dh docHasher
			for i := w * len(cur) / workers; i < (w+1)*len(cur)/workers; i++ {
				cur[i] = dh.sum(s.Articles[i])
			}
		})
	}
	wg.Wait()
	return cur
}

// updateHashed is Update for the articles' sums cur (siteHashes), which
// Sync has already taken.
func (st *Store) updateHashed(s *site.Site, cur []Hash, beside bool) (UpdateStats, error) {
	start := time.Now()
	// The texts to index are read first: a body the Markdown cache
	// damaged (site.DamagedBodyError) is the build's to deal with, not a
	// fault of the index, and must not send it to a rebuild.
	for i, a := range s.Articles {
		if h, ok := st.hashes[a.URL]; !ok || h != cur[i] {
			if _, err := a.Text(); err != nil {
				return UpdateStats{}, err
			}
		}
	}
	var us UpdateStats
	var err error
	if beside && st.dir != "" {
		if us, err = st.index(s, cur); err == nil && us.Indexed+us.Deleted > 0 {
			st.startCommit()
		}
	} else {
		us, err = st.update(s, cur)
	}
	if err != nil && st.dir != "" {
		us, err = st.mend(s, cur, err)
	}
	us.Duration = time.Since(start)
	return us, err
}

// mend deals with an update of a store on disk that failed for cause: the
// index is rebuilt from scratch, and if that fails too, the store moves to
// memory.
func (st *Store) mend(s *site.Site, cur []Hash, cause error) (us UpdateStats, err error) {
	_ = st.joinCommit() // the cause, or after it
	fmt.Fprintf(st.log, "cảnh báo: cập nhật bộ đệm tìm kiếm %s lỗi (%v): dựng lại từ đầu\n", st.dir, cause)
	if err = st.reset(); err == nil {
		us, err = st.update(s, cur)
		us.Rebuilt = true
	}
	if err != nil {
		fmt.Fprintf(st.log, "cảnh báo: không dùng được bộ đệm tìm kiếm %s (%v): dựng chỉ mục trong bộ nhớ\n", st.dir, err)
		st.toMemory()
		if err = st.reset(); err == nil {
			us, err = st.update(s, cur)
		}
	}
	return us, err
}

// finishCommit joins the commit that ran beside the export, mending the
// store as a failed update is if it failed (mend). The export already
// made stands: it was read from the index in memory, which holds the
// update whatever became of its copy on disk.
func (st *Store) finishCommit(s *site.Site, cur []Hash, us *UpdateStats) error {
	err := st.joinCommit()
	if err == nil {
		return nil
	}
	mended, err := st.mend(s, cur, err)
	us.Rebuilt = us.Rebuilt || mended.Rebuilt
	return err
}

// update is Update without the fallbacks.
func (st *Store) update(s *site.Site, cur []Hash) (us UpdateStats, err error) {
	defer recoverInto(&err)
	if us, err = st.index(s, cur); err != nil || us.Indexed+us.Deleted == 0 {
		return us, err
	}
	return us, st.commit()
}

// index is update without the commit: the caller commits when it
// indexed or deleted something.
func (st *Store) index(s *site.Site, cur []Hash) (us UpdateStats, err error) {
	defer recoverInto(&err)
	if err := st.joinCommit(); err != nil {
		return us, err
	}
	inSite := make(map[string]bool, len(s.Articles))
	var todo []int // articles to (re)index, by URL (below)
	st.order = cur
	for i, a := range s.Articles {
		inSite[a.URL] = true
		if h, ok := st.hashes[a.URL]; ok && h == cur[i] {
			us.Kept++
			continue
		}
		todo = append(todo, i)
	}
	var gone []string
	for url := range st.hashes {
		if !inSite[url] {
			gone = append(gone, url)
		}
	}
	if len(gone) == 0 && len(todo) == 0 {
		return us, nil
	}
	// Indexed in URL order: every batch bleve applies looks its
	// documents up in every segment already in the index (to mark those
	// it replaces), skipping the IDs above a segment's last one (zap's
	// DocNumbers). In site order a 50,000-article load made 4 million
	// such lookups (2.5 s of CPU, against 0.1 s at 10,000: it grows with
	// the square of the site); in URL order, next to none.
	slices.SortFunc(todo, func(i, j int) int { return strings.Compare(s.Articles[i].URL, s.Articles[j].URL) })
	side, err := st.sideTerms()
	if err != nil {
		return us, err
	}
	if err := st.uncommit(); err != nil {
		return us, err
	}
	if len(gone) > 0 {
		b := st.idx.NewBatch()
		for _, url := range gone {
			b.Delete(url)
		}
		if err := st.idx.Batch(b); err != nil {
			return us, fmt.Errorf("xóa bài khỏi chỉ mục: %w", err)
		}
		for _, url := range gone {
			delete(st.hashes, url)
			side.remove(url)
		}
		us.Deleted = len(gone)
	}
	err = indexBatches(st.idx, side, len(todo), func(k int, an *analysis.Analyzer, scratch *analysis.Doc) (*analysis.Doc, error) {
		return scratch, analysis.AnalyzeDocInto(scratch, s.Articles[todo[k]], an)
	})
	if err != nil {
		return us, err
	}
	side.settle()
	for _, i := range todo {
		st.hashes[s.Articles[i].URL] = cur[i]
	}
	us.Indexed = len(todo)
	return us, nil
}

// toMemory gives up the store on disk (closing it, releasing the lock) for
// an empty one in memory.
func (st *Store) toMemory() {
	_ = st.joinCommit() // its files are left behind with the rest
	if st.idx != nil {
		st.idx.Close()
		st.idx = nil
	}
	if st.lock != nil {
		st.lock.Close()
		st.lock = nil
	}
	st.dir = ""
}

// Close closes the index and releases the cache.
func (st *Store) Close() error {
	// Sync and Update join the commits they start: none is left running
	// here unless one of them panicked. Should one be, it ends before the
	// index closes; if it failed, the index has no commit record and the
	// next process rebuilds it.
	_ = st.joinCommit()
	var err error
	if st.idx != nil {
		err = st.idx.Close()
		st.idx = nil
		if err == nil && st.dir != "" {
			// Sealed only once bleve is done with its files (its merger
			// runs until Close); a warning at worst: the next build then
			// rebuilds the index.
			if serr := cachefile.SealDir(st.indexDir(), st.sealFile(), sealKey, st.checked); serr != nil {
				fmt.Fprintf(st.log, "cảnh báo: %v\n", serr)
			}
		}
	}
	if st.lock != nil {
		st.lock.Close()
		st.lock = nil
	}
	if err != nil {
		return fmt.Errorf("đóng chỉ mục tìm kiếm: %w", err)
	}
	return nil
}

// sealKey is the key of the index's seal (cachefile.SealDir): what the
// index is already says schemaKey, inside it.
const sealKey = "bleve-index"

// sealFile records the files of the index as the last Close left them.
func (st *Store) sealFile() string { return filepath.Join(st.dir, "index.seal") }

// unseal checks the index against its seal before bleve opens it, then
// removes the seal: from now on bleve changes the files, and only Close
// seals them again. bleve reads its segments without checking their
// checksums, so a damaged file would otherwise give wrong search results
// without a word; an index without a seal was not closed (a build killed
// mid-way) and is not trusted either.
func (st *Store) unseal() error {
	checked, err := cachefile.CheckDir(st.indexDir(), st.sealFile(), sealKey)
	switch {
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, cachefile.ErrStale):
		return errors.New("chỉ mục không có dấu niêm phong của lần đóng trước (lần dựng bị dừng giữa chừng, hoặc bộ đệm của phiên bản cũ)")
	case err != nil:
		return fmt.Errorf("chỉ mục %w", err)
	}
	if err := os.Remove(st.sealFile()); err != nil {
		return fmt.Errorf("xóa %s: %w", st.sealFile(), err)
	}
	st.checked = checked
	return nil
}

// recoverInto turns a panic into an error: a corrupt segment makes bleve
// panic on read, and a bad cache must not crash the build.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("lỗi bên trong bleve: %v", r)
	}
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// add indexes documents analysed by the caller (ExportDocs, tests).
func (st *Store) add(docs []*analysis.Doc) error {
	err := indexBatches(st.idx, st.side, len(docs), func(i int, _ *analysis.Analyzer, _ *analysis.Doc) (*analysis.Doc, error) { return docs[i], nil })
	if err != nil {
		return err
	}
	st.side.settle()
	var dh docHasher
	for _, d := range docs {
		st.hashes[d.Article.URL] = dh.sum(d.Article)
	}
	return nil
}

// Export writes the static index of s under tim-kiem/, its postings read
// out of the index (which Update has brought in line with s).
func (st *Store) Export(s *site.Site, out static.Writer) (*static.Stats, error) {
	b, err := st.encode(s, false)
	if err != nil {
		return nil, err
	}
	return b.Write(out)
}

// encode encodes the static index of s from scratch, its postings read
// out of the index. An index on disk that cannot be read is rebuilt from
// scratch, from the articles' texts, and read again; release lets the
// texts go first, once the record files are made (the only part of the
// export that reads them): for an index this build made whole, which a
// rebuild would not mend.
func (st *Store) encode(s *site.Site, release bool) (*static.Base, error) {
	records, err := static.Records(s)
	if err != nil {
		return nil, err
	}
	if release {
		for _, a := range s.Articles {
			a.ReleaseText()
		}
	}
	p, err := st.postings(s)
	if err != nil && st.dir != "" && !release {
		fmt.Fprintf(st.log, "cảnh báo: đọc bộ đệm tìm kiếm %s lỗi (%v): dựng lại từ đầu\n", st.dir, err)
		if err = st.reset(); err == nil {
			if _, err = st.update(s, siteHashes(s)); err == nil {
				p, err = st.postings(s)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("đọc chỉ mục tìm kiếm: %w", err)
	}
	return static.EncodeWith(s, p, static.Options{}, records), nil
}

// postings reads the postings of s out of the current index snapshot and
// the side terms.
func (st *Store) postings(s *site.Site) (p *static.Postings, err error) {
	defer recoverInto(&err)
	side, err := st.sideTerms()
	if err != nil {
		return nil, err
	}
	p, err = indexPostings(st.idx, side, s, walkSegments)
	if err == nil && st.dir != "" {
		// Every term of the side terms is in p now, and they are on disk
		// under st.gen (commit): the next build that needs them reads them
		// again (sideTerms), as a new process does. Kept, they held 260 MB
		// through the rest of a 50,000-article export, where the heap is at
		// its peak and the collector, near the memory limit, ran every half
		// second.
		st.side = nil
	}
	return p, err
}

// indexPostings reads the postings of s out of a reader of idx, walking
// it the given way, and out of the side terms.
func indexPostings(idx bleve.Index, side *sideTerms, s *site.Site, walk walkKind) (*static.Postings, error) {
	snap, done, err := snapshotOf(idx)
	if err != nil {
		return nil, err
	}
	defer done()
	return readPostings(context.Background(), snap, s, walk, side)
}
