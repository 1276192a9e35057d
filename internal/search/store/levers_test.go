package store_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/sitetest"
)

// A lever is one way of using bleve for the store's job (index every
// article, persist, read the export's postings back), measured alone
// against the lean way the store works.
type lever struct {
	name      string
	batch     int                                     // documents per Batch
	config    map[string]any                          // scorch configuration besides the lean one
	doc       func(*document.Document, *analysis.Doc) // changes the store's document of an article
	builder   bool                                    // scorch's offline builder instead of batches
	fieldDict bool                                    // the export read through FieldDict and a TermFieldReader per term
	partial   bool                                    // leaves terms out: its postings are not compared (what the terms cost, not a way to index)
}

// leanBatch is the batch size of the baseline every lever is measured
// against alone: the store as it was before this table (batches of 300,
// bleve's default merge plan).
const leanBatch = 300

var levers = []lever{
	{name: "lean, as the store was (batches of 300, bleve's merge plan)"},
	{name: "fields stored, with term vectors and doc values (bleve's default mapping)", doc: fatFields},
	{name: "an _all composite field (IncludeInAll)", doc: compositeAll},
	{name: "the same field set in every document", doc: sameFields},
	{name: "batches of 1,000", batch: 1000},
	{name: "batches of 3,000", batch: 3000},
	{name: "Batch waits for the disk (no unsafe_batch)", config: map[string]any{"unsafe_batch": false}},
	{name: "no merging during the bulk load", config: noMerging},
	{name: "scorch.NewBuilder (offline, merged to one segment)", builder: true},
	{name: "zap v15", config: map[string]any{"forceSegmentType": "zap", "forceSegmentVersion": 15}},
	{name: "zap v16", config: map[string]any{"forceSegmentType": "zap", "forceSegmentVersion": 16}},
	{name: "export read through FieldDict + TermFieldReader", fieldDict: true},
	// Combinations of the levers that won alone, and the store now.
	{name: "the store now (batches of store.BatchSize, its merge plan)", batch: store.BatchSize, config: store.DiskConfig()},
	{name: "batches of 1,000 and no merging", batch: 1000, config: noMerging},
	{name: "batches of 2,000 and no merging", batch: 2000, config: noMerging},
	{name: "batches of 1,000, no merging, zap v15", batch: 1000, config: map[string]any{"scorchMergePlanOptions": noMerging["scorchMergePlanOptions"], "forceSegmentType": "zap", "forceSegmentVersion": 15}},
	// What the side terms cost bleve: the store now with the pair fields
	// and the exact field its documents held before the side terms
	// (termstore.go), indexed but not read back.
	{name: "the store now with the pairs and exact forms in bleve (before the side terms)", batch: store.BatchSize, config: store.DiskConfig(), doc: store.AddSideFields, partial: true},
}

// noMerging keeps scorch's merge planner from merging the segments of a
// bulk load.
var noMerging = map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": 100000, "SegmentsPerMergeTask": 100000, "FloorSegmentSize": 1}}

// BenchmarkBleveLevers measures each lever alone on a generated corpus:
// $DANVAN_CORPUS (a gencorpus output), or $DANVAN_LEVERS_N articles (default
// 1,000) generated with seed 1. Per lever: CPU seconds of the process while
// indexing (bleve's background persisting and merging included) and while
// reading the export's postings, wall time, segments, size on disk and
// peak RSS (reset before each lever). Every lever's postings must equal
// the lean way's.
//
//	go test ./internal/search/store -run XXX -bench BleveLevers -benchtime 1x
func BenchmarkBleveLevers(b *testing.B) {
	s := leverSite(b)
	docs := searchtest.Analyze(b, s)
	// One lever's run first, not reported: the first run in the process
	// paid for growing the heap and faulting its pages in, and took the
	// baseline's indexing from 4.45 to 6.85 s of CPU at 10k (2 cores).
	side := store.SideTermsOf(docs) // not bleve's: read by every lever, numbered once
	measureLever(b, levers[0], s, docs, side)
	var want *static.Postings
	for _, l := range levers {
		b.Run(strings.ReplaceAll(l.name, " ", "_"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m, p := measureLever(b, l, s, docs, side)
				if l.partial {
					// nothing to compare
				} else if want == nil {
					want = p
				} else if !reflect.DeepEqual(p, want) {
					b.Fatalf("%s: postings differ from the lean way's", l.name)
				}
				b.ReportMetric(m.indexCPU.Seconds(), "index-cpu-s")
				b.ReportMetric(m.indexWall.Seconds(), "index-wall-s")
				b.ReportMetric(m.readCPU.Seconds(), "read-cpu-s")
				b.ReportMetric(float64(m.segments), "segments")
				b.ReportMetric(float64(m.disk)/(1<<20), "disk-MiB")
				b.ReportMetric(float64(m.peak)/(1<<20), "peak-MiB")
				b.Logf("| %s | %.2f | %.2f | %.2f | %d | %.1f | %.0f |", l.name, m.indexCPU.Seconds(), m.indexWall.Seconds(), m.readCPU.Seconds(), m.segments, float64(m.disk)/(1<<20), float64(m.peak)/(1<<20))
			}
		})
	}
}

// leverSite loads the corpus the levers are measured on.
func leverSite(b *testing.B) *site.Site {
	dir := os.Getenv("DANVAN_CORPUS")
	if dir == "" {
		n := 1000
		if v := os.Getenv("DANVAN_LEVERS_N"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				b.Fatal(err)
			}
		}
		dir = filepath.Join(b.TempDir(), "corpus")
		if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: sitetest.RepoRoot(b), Out: dir}); err != nil {
			b.Fatal(err)
		}
	}
	res, err := build.Prepare(os.DirFS(dir), build.Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	return res.Site
}

type leverFigures struct {
	indexCPU, indexWall, readCPU time.Duration
	segments                     int
	disk, peak                   int64
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set (VmHWM); resetPeak starts it
// again from the current size.
func peakRSS() int64 {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// measureLever indexes docs the lever's way into a fresh directory,
// persists, and reads the export's postings back, with the side terms of
// docs (numbered beforehand: the read's figures are bleve's and the
// inversion's).
func measureLever(b *testing.B, l lever, s *site.Site, docs []*analysis.Doc, side *store.SideTerms) (leverFigures, *static.Postings) {
	b.StopTimer()
	dir := filepath.Join(b.TempDir(), "index")
	runtime.GC()
	resetPeak()
	b.StartTimer()
	var m leverFigures
	cpu0, wall0 := cpuTime(), time.Now()
	bleveDoc := func(d *analysis.Doc) *document.Document {
		doc := store.BleveDocument(d)
		if l.doc != nil {
			l.doc(doc, d)
		}
		return doc
	}
	var idx bleve.Index
	var err error
	if l.builder {
		idx, err = buildOffline(dir, docs, bleveDoc)
	} else {
		idx, err = indexInBatches(dir, docs, bleveDoc, l)
	}
	if err != nil {
		b.Fatal(err)
	}
	m.indexCPU, m.indexWall = cpuTime()-cpu0, time.Since(wall0)
	cpu1 := cpuTime()
	p, err := store.ReadPostings(idx, s, side, l.fieldDict)
	if err != nil {
		b.Fatal(err)
	}
	m.readCPU = cpuTime() - cpu1
	m.peak = peakRSS()
	if adv, err := idx.Advanced(); err == nil {
		if rd, err := adv.Reader(); err == nil {
			m.segments = len(rd.(*scorch.IndexSnapshot).Segments())
			rd.Close()
		}
	}
	if err := idx.Close(); err != nil {
		b.Fatal(err)
	}
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			m.disk += fi.Size()
		}
		return nil
	})
	return m, p
}

// indexInBatches indexes as the store does: two workers each apply a batch
// while the other builds the next, unsafe batches, and one batch at the
// end that waits until everything is persisted.
func indexInBatches(dir string, docs []*analysis.Doc, doc func(*analysis.Doc) *document.Document, l lever) (bleve.Index, error) {
	cfg := map[string]any{"unsafe_batch": true}
	for k, v := range l.config {
		cfg[k] = v
	}
	idx, err := bleve.NewUsing(dir, store.NewMapping(), scorch.Name, scorch.Name, cfg)
	if err != nil {
		return nil, err
	}
	size := l.batch
	if size == 0 {
		size = leanBatch
	}
	starts := make(chan int)
	errs := make(chan error, 2)
	for w := 0; w < 2; w++ {
		go func() {
			var first error
			for lo := range starts {
				bt := idx.NewBatch()
				for _, d := range docs[lo:min(lo+size, len(docs))] {
					if err := bt.IndexAdvanced(doc(d)); err != nil && first == nil {
						first = err
					}
				}
				if err := idx.Batch(bt); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for lo := 0; lo < len(docs); lo += size {
		starts <- lo
	}
	close(starts)
	for w := 0; w < 2; w++ {
		if err := <-errs; err != nil {
			return nil, err
		}
	}
	// What the store's commit does: a last batch that waits for the disk.
	bt := idx.NewBatch()
	bt.SetInternal([]byte("levers"), []byte("done"))
	persisted := make(chan error, 1)
	if u, _ := cfg["unsafe_batch"].(bool); u {
		bt.SetPersistedCallback(func(err error) { persisted <- err })
	} else {
		persisted <- nil
	}
	if err := idx.Batch(bt); err != nil {
		return nil, err
	}
	return idx, <-persisted
}

// buildOffline builds the index with scorch's offline builder (segments of
// its default batch size, merged into one at Close), then opens it as a
// normal index.
func buildOffline(dir string, docs []*analysis.Doc, doc func(*analysis.Doc) *document.Document) (bleve.Index, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// What bleve.NewBuilder writes, with the store's prebuilt documents
	// (bleve's own builder only takes values to map).
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644); err != nil {
		return nil, err
	}
	mapping, err := json.Marshal(store.NewMapping())
	if err != nil {
		return nil, err
	}
	bld, err := scorch.NewBuilder(map[string]any{"path": filepath.Join(dir, "store"), "internal": map[string][]byte{string(util.MappingInternalKey): mapping}})
	if err != nil {
		return nil, err
	}
	// Documents are analysed on a second core while the builder (one
	// goroutine: it holds a lock) writes segments.
	ch := make(chan index.Document, 256)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, d := range docs {
			ch <- doc(d)
		}
		close(ch)
	}()
	for d := range ch {
		if err := bld.Index(d); err != nil {
			return nil, err
		}
	}
	wg.Wait()
	if err := bld.Close(); err != nil {
		return nil, err
	}
	return bleve.OpenUsing(dir, map[string]any{"unsafe_batch": true})
}

// fatField is a field with bleve's default options for text: stored, with
// term vectors (the position of every occurrence) and doc values.
type fatField struct {
	document.Field
	freqs index.TokenFrequencies
	value []byte
}

func (f *fatField) Options() index.FieldIndexingOptions {
	return index.IndexField | index.StoreField | index.IncludeTermVectors | index.DocValues
}
func (f *fatField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
func (f *fatField) Value() []byte                                    { return f.value }
func (f *fatField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }

// fatFields gives every text field bleve's default options; term vectors
// carry positions, counted in the field's words as bleve's analysis would.
func fatFields(doc *document.Document, d *analysis.Doc) {
	for i, f := range doc.Fields {
		tf, ok := f.(index.Field)
		if !ok || f.Name() == "_id" {
			continue
		}
		freqs := index.TokenFrequencies{}
		var value []string
		pos := 0
		for term, t := range tf.AnalyzedTokenFrequencies() {
			c := &index.TokenFreq{Term: t.Term}
			for k := 0; k < t.Frequency(); k++ {
				pos++
				c.Locations = append(c.Locations, &index.TokenLocation{Position: pos, Start: 0, End: len(term)})
				value = append(value, term)
			}
			c.SetFrequency(t.Frequency())
			freqs[term] = c
		}
		doc.Fields[i] = &fatField{Field: f, freqs: freqs, value: []byte(strings.Join(value, " "))}
	}
}

// compositeAll adds the _all field a mapping with IncludeInAll adds.
func compositeAll(doc *document.Document, _ *analysis.Doc) {
	doc.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, nil, nil, index.IndexField))
}

// sameFields adds the keyword fields an article lacks, empty, so every
// document has the same fields (zap merges such segments by copying).
func sameFields(doc *document.Document, d *analysis.Doc) {
	have := map[string]bool{}
	for _, f := range doc.Fields {
		have[f.Name()] = true
	}
	for _, k := range analysis.KeywordFields {
		if !have[k] {
			doc.AddField(document.NewTextFieldWithIndexingOptions(k, nil, nil, index.IndexField))
		}
	}
}
