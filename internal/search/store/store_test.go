package store_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/sitetest"
)

// sameFiles reports every difference between two exports.
func sameFiles(t *testing.T, what string, got, want searchtest.MapOut) {
	t.Helper()
	var names []string
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	bad := 0
	for _, name := range names {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, name)
		case !bytes.Equal(g.Data, want[name].Data):
			t.Errorf("%s: %s differs:\n got %.300s\nwant %.300s", what, name, g.Data, want[name].Data)
		default:
			continue
		}
		if bad++; bad == 5 {
			t.Fatalf("%s: too many differences", what)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: unexpected %s", what, name)
		}
	}
}

// recountExport is the oracle's export of s.
func recountExport(t *testing.T, s *site.Site) searchtest.MapOut {
	t.Helper()
	out := searchtest.MapOut{}
	if _, err := store.RecountExport(s, searchtest.Analyze(t, s), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// syncExport brings st up to s and returns the export and update stats.
func syncExport(t *testing.T, st *store.Store, s *site.Site) (searchtest.MapOut, store.UpdateStats) {
	t.Helper()
	out := searchtest.MapOut{}
	us, _, err := st.Sync(s, out)
	if err != nil {
		t.Fatal(err)
	}
	return out, us
}

// checkAgainstRecount compares the bleve export of s (postings and bytes)
// with the oracle's.
func checkAgainstRecount(t *testing.T, s *site.Site) {
	t.Helper()
	docs := searchtest.Analyze(t, s)
	st, err := store.NewMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, _ := syncExport(t, st, s)
	p, err := store.BlevePostings(st, s)
	if err != nil {
		t.Fatal(err)
	}
	if want := store.RecountPostings(docs); !reflect.DeepEqual(p, want) {
		t.Errorf("postings read out of bleve differ from the recount (%d/%d terms, %d/%d bigrams)", len(p.Uni), len(want.Uni), len(p.Bi), len(want.Bi))
	}
	sameFiles(t, "bleve vs recount", got, recountExport(t, s))
}

// The export read out of bleve is the export of the postings counted
// directly: same terms, frequencies, exact marks, bigrams, truncation.
// Three batches and more (store.BatchSize): an indexing worker counts a
// later batch in the counters of an earlier one.
func TestExportFromBleveMatchesRecount(t *testing.T) {
	checkAgainstRecount(t, searchtest.SynthSite(2*store.BatchSize+100, 5))
}

func TestExportFromBleveMatchesRecountSampleSite(t *testing.T) {
	root := sitetest.RepoRoot(t)
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstRecount(t, res.Site)
}

// On realistic generated text: 300 articles, or the site at $DANVAN_CORPUS
// (e.g. /tmp/danvan-bench/corpus-10000).
func TestExportFromBleveMatchesRecountCorpus(t *testing.T) {
	res := searchtest.CorpusSite(t, 300)
	checkAgainstRecount(t, res.Site)
}

// edited returns a copy of s with article i's text replaced.
func edited(s *site.Site, i int, text string) *site.Site {
	c := *s
	c.Articles = append([]*site.Article(nil), s.Articles...)
	a := *c.Articles[i]
	art := *a.Article
	a.Article = &art
	setText(&a, text)
	c.Articles[i] = &a
	return &c
}

// without returns a copy of s without article i.
func without(s *site.Site, i int) *site.Site {
	c := *s
	c.Articles = append(append([]*site.Article(nil), s.Articles[:i]...), s.Articles[i+1:]...)
	return &c
}

// with returns a copy of s with a new article at position i.
func with(s *site.Site, i int, slug, title, text string) *site.Site {
	c := *s
	a := *s.Articles[0]
	art := *a.Article
	art.Slug, art.Title = slug, title
	a.Article = &art
	a.URL, a.Summary = "/bai-viet/"+slug+"/", text
	setText(&a, text)
	c.Articles = append(append(append([]*site.Article(nil), s.Articles[:i]...), &a), s.Articles[i:]...)
	return &c
}

// Changing, deleting and adding articles updates the cached index: only
// those are indexed, and the export equals a build from scratch.
func TestStoreIncremental(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	s0 := searchtest.SynthSite(200, 3)
	var log bytes.Buffer
	st, err := store.Open(dir, &log)
	if err != nil {
		t.Fatal(err)
	}
	_, us := syncExport(t, st, s0)
	if us.Indexed != len(s0.Articles) || us.Kept != 0 {
		t.Errorf("first build: %+v, want %d indexed", us, len(s0.Articles))
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// Each step changes the previous step's site.
	s1 := edited(s0, 17, "Đồng bào hiến đất làm đường giao thông nông thôn mới ở xã Tịnh Khê.")
	s2 := without(s1, 40)
	s3 := with(s2, 3, "bai-moi", "Bài mới về dồn điền đổi thửa", "Nông dân bàn bạc dồn điền đổi thửa.")
	s4 := with(without(edited(s3, 5, "Văn bản mới hoàn toàn."), 60), 0, "bai-moi-2", "Thêm một bài", "Hoà bình, thuỷ lợi.")
	n := len(s0.Articles)
	steps := []struct {
		name                   string
		site                   *site.Site
		indexed, deleted, kept int
	}{
		{"unchanged", s0, 0, 0, n},
		{"one changed", s1, 1, 0, n - 1},
		{"one deleted", s2, 0, 1, n - 1},
		{"one added", s3, 1, 0, n - 1},
		{"changed, deleted, added", s4, 2, 1, n - 2},
	}
	for _, step := range steps {
		// Each step starts from the previous step's cache, in a new
		// store as a new build would.
		st, err := store.Open(dir, &log)
		if err != nil {
			t.Fatal(err)
		}
		got, us := syncExport(t, st, step.site)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		if us.Indexed != step.indexed || us.Deleted != step.deleted || us.Kept != step.kept || us.Rebuilt {
			t.Errorf("%s: %+v, want %d indexed, %d deleted, %d kept", step.name, us, step.indexed, step.deleted, step.kept)
		}
		// Only an unchanged site reuses the previous export's files.
		if unchanged := step.indexed+step.deleted == 0; us.Reused != unchanged {
			t.Errorf("%s: reused the cached export: %v, want %v", step.name, us.Reused, unchanged)
		}
		sameFiles(t, step.name, got, recountExport(t, step.site))
		fresh, err := store.NewMem(nil)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := syncExport(t, fresh, step.site)
		fresh.Close()
		sameFiles(t, step.name+" (vs. from scratch)", got, want)
	}
	if strings.Contains(log.String(), "cảnh báo") {
		t.Errorf("unexpected warnings:\n%s", log.String())
	}
}

// A cache that cannot be read is rebuilt with a warning; the export is
// right.
func TestStoreCorruptCacheRebuilds(t *testing.T) {
	s := searchtest.SynthSite(120, 4)
	want := recountExport(t, s)
	for _, corrupt := range []struct {
		name string
		// full: everything is indexed again, with a warning.
		full bool
		do   func(t *testing.T, index string)
	}{
		{"garbage in every file", true, func(t *testing.T, index string) {
			files, _ := filepath.Glob(filepath.Join(index, "store", "*"))
			if len(files) == 0 {
				t.Fatal("no index files")
			}
			for _, f := range files {
				if err := os.WriteFile(f, []byte("không phải chỉ mục"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"one byte of a segment changed", true, func(t *testing.T, index string) {
			// bleve reads segments without checking their checksums:
			// without the seal this gave wrong results without a word.
			files, _ := filepath.Glob(filepath.Join(index, "store", "*.zap"))
			if len(files) == 0 {
				t.Fatal("no segment files")
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)/3] ^= 0x04
			if err := os.WriteFile(files[0], data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"segments deleted", true, func(t *testing.T, index string) {
			files, _ := filepath.Glob(filepath.Join(index, "store", "*.zap"))
			if len(files) == 0 {
				t.Fatal("no segment files to delete")
			}
			for _, f := range files {
				os.Remove(f)
			}
		}},
		{"update interrupted", true, func(t *testing.T, index string) {
			// A build killed between two batches, or after the index
			// persisted the update but before the commit record was
			// written, leaves no commit record.
			if err := os.Remove(filepath.Join(filepath.Dir(index), "commit")); err != nil {
				t.Fatal(err)
			}
		}},
		// The commit record holds every document's hash: a damaged one
		// must not be trusted (a hash taken for another would keep a
		// changed article's old text in the index).
		{"commit record damaged", true, func(t *testing.T, index string) {
			rewriteCommit(t, index, func(data []byte) []byte {
				data[len(data)-5] ^= 0x10 // in the last document's hash
				return data
			})
		}},
		{"commit record cut short", true, func(t *testing.T, index string) {
			rewriteCommit(t, index, func(data []byte) []byte { return data[:len(data)/2] })
		}},
		{"commit record of another layout", true, func(t *testing.T, index string) {
			// e.g. the bare generation the commit file held before
			// version 3, written by cachefile as another layout.
			if err := cachefile.Write(filepath.Dir(index), "commit", "danvan-search-commit/0", []byte("0123456789abcdef01234567")); err != nil {
				t.Fatal(err)
			}
		}},
		{"index is a file", true, func(t *testing.T, index string) {
			os.RemoveAll(index)
			if err := os.WriteFile(index, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(corrupt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "search")
			st, err := store.Open(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			syncExport(t, st, s)
			st.Close()
			corrupt.do(t, filepath.Join(dir, "index"))
			var log bytes.Buffer
			st, err = store.Open(dir, &log)
			if err != nil {
				t.Fatal(err)
			}
			got, us := syncExport(t, st, s)
			st.Close()
			if corrupt.full && !strings.Contains(log.String(), "cảnh báo") {
				t.Errorf("no warning for a corrupt cache; log: %q", log.String())
			}
			if corrupt.full && us.Indexed != len(s.Articles) {
				t.Errorf("after corruption: %+v, want everything indexed again", us)
			}
			sameFiles(t, "after "+corrupt.name, got, want)
			// The rebuilt cache is good: the next build indexes nothing.
			log.Reset()
			st, _ = store.Open(dir, &log)
			_, us = syncExport(t, st, s)
			st.Close()
			if us.Indexed != 0 || log.Len() > 0 {
				t.Errorf("cache not repaired: %+v, log %q", us, log.String())
			}
		})
	}
}

// rewriteCommit replaces the commit record beside index with edit(its bytes).
func rewriteCommit(t *testing.T, index string, edit func([]byte) []byte) {
	t.Helper()
	file := filepath.Join(filepath.Dir(index), "commit")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, edit(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A damaged export cache is a miss with a warning, not an error or a
// wrong export.
func TestStoreCorruptExportCache(t *testing.T) {
	s := searchtest.SynthSite(60, 10)
	dir := filepath.Join(t.TempDir(), "search")
	st, _ := store.Open(dir, nil)
	syncExport(t, st, s)
	st.Close()
	for _, data := range []string{"", "rác", "\x0f\xff\x81"} {
		if err := os.WriteFile(filepath.Join(dir, store.ExportFile), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		st, _ := store.Open(dir, &log)
		got, us := syncExport(t, st, s)
		st.Close()
		if us.Reused {
			t.Errorf("%q: a damaged export cache was reused", data)
		}
		if !strings.Contains(log.String(), "cảnh báo: bộ đệm xuất chỉ mục tìm kiếm "+filepath.Join(dir, store.ExportFile)+" bị hỏng") {
			t.Errorf("%q: no warning about the damaged export cache: %q", data, log.String())
		}
		sameFiles(t, "after a damaged export cache", got, recountExport(t, s))
	}
}

// An index written under another version (or mapping) is rebuilt.
func TestStoreVersionChangeRebuilds(t *testing.T) {
	s := searchtest.SynthSite(80, 6)
	dir := filepath.Join(t.TempDir(), "search")
	st, _ := store.Open(dir, nil)
	syncExport(t, st, s)
	if err := store.SetSchema(st, "danvan-search-0/cũ"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	rebuiltWithWarning(t, dir, s, "a version change", "phiên bản khác")
}

// rebuiltWithWarning checks that a build of s on the cache in dir indexes
// everything again, warns with a message holding warning, and exports s
// right.
func rebuiltWithWarning(t *testing.T, dir string, s *site.Site, what, warning string) {
	t.Helper()
	var log bytes.Buffer
	st, _ := store.Open(dir, &log)
	got, us := syncExport(t, st, s)
	st.Close()
	if us.Indexed != len(s.Articles) || !strings.Contains(log.String(), warning) {
		t.Errorf("%s: %+v, log %q; want a rebuild with a warning", what, us, log.String())
	}
	sameFiles(t, "after "+what, got, recountExport(t, s))
}

// A second build on a busy cache indexes in memory, with a warning, and
// leaves the first build's cache alone.
func TestStoreBusyCache(t *testing.T) {
	s := searchtest.SynthSite(60, 8)
	dir := filepath.Join(t.TempDir(), "search")
	first, err := store.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	var log bytes.Buffer
	second, err := store.Open(dir, &log)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := syncExport(t, second, s)
	second.Close()
	if !strings.Contains(log.String(), "lần dựng khác") {
		t.Errorf("no warning for a busy cache: %q", log.String())
	}
	sameFiles(t, "busy cache", got, recountExport(t, s))
	syncExport(t, first, s)
	if n, _ := store.StoreDocs(first); n != uint64(len(s.Articles)) {
		t.Errorf("first store holds %d documents, want %d", n, len(s.Articles))
	}
}

// Articles with the same text in different places of the site (order
// changes) export with their new document numbers.
func TestStoreReorder(t *testing.T) {
	s := searchtest.SynthSite(50, 9)
	dir := filepath.Join(t.TempDir(), "search")
	st, _ := store.Open(dir, nil)
	syncExport(t, st, s)
	st.Close()
	r := *s
	r.Articles = append([]*site.Article(nil), s.Articles...)
	r.Articles[0], r.Articles[len(r.Articles)-1] = r.Articles[len(r.Articles)-1], r.Articles[0]
	st, _ = store.Open(dir, nil)
	got, us := syncExport(t, st, &r)
	st.Close()
	if us.Indexed != 0 {
		t.Errorf("reorder re-indexed %d documents", us.Indexed)
	}
	sameFiles(t, "reordered", got, recountExport(t, &r))
}

// A build killed after the index persisted an update but before the
// commit record was written leaves the previous update's record (or none,
// see TestStoreCorruptCacheRebuilds): the hashes it holds are not the
// index's, so the next build rebuilds, and its export is right. Trusted,
// the old record would say the edited article still had its old hash, and
// reverting the edit would keep the edited text in the index.
func TestStoreRecordOfAnotherUpdateIsNotTrusted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	record := filepath.Join(dir, "commit")
	s0 := searchtest.SynthSite(120, 11)
	s1 := edited(s0, 17, "Đồng bào hiến đất làm đường giao thông nông thôn mới ở xã Tịnh Khê.")
	old := twoUpdates(t, dir, record, s0, s1)
	if err := os.WriteFile(record, old, 0o644); err != nil { // the write the killed build never made
		t.Fatal(err)
	}
	rebuiltWithWarning(t, dir, s0, "a commit record of the previous update", "không phải bản của lần cập nhật cuối")
}

// twoUpdates syncs s0, then s1 (one article of s0 edited), into the store
// in dir, closing it after each, and returns what file held after the
// first: a file of the update before the last.
func twoUpdates(t *testing.T, dir, file string, s0, s1 *site.Site) []byte {
	t.Helper()
	st, err := store.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	syncExport(t, st, s0)
	st.Close()
	earlier, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	st, _ = store.Open(dir, nil)
	if _, us := syncExport(t, st, s1); us.Indexed != 1 {
		t.Fatalf("the second update: %+v, want 1 indexed", us)
	}
	st.Close()
	return earlier
}

// Documents' hashes live in the commit record, not in the index: scorch
// writes every internal value of the index again with each snapshot it
// persists, so one per document made persisting quadratic in the corpus.
func TestStoreInternalKeysDoNotGrowWithTheCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	keys := func(s *site.Site) []string {
		st, err := store.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		syncExport(t, st, s)
		st.Close()
		st, _ = store.Open(dir, nil) // what was persisted
		defer st.Close()
		if n, _ := store.StoreDocs(st); n != uint64(len(s.Articles)) {
			t.Fatalf("the index holds %d documents, want %d", n, len(s.Articles))
		}
		keys, err := store.InternalKeys(st)
		if err != nil {
			t.Fatal(err)
		}
		return keys
	}
	small, large := keys(searchtest.SynthSite(20, 12)), keys(searchtest.SynthSite(400, 12))
	if len(large) != len(small) || len(large) > 4 {
		t.Errorf("internal values: %d for 20 articles, %d for 400 (%.200q); want the same few: bleve's _mapping and TotBytesWritten, the schema, the generation", len(small), len(large), large)
	}
}

// A store on disk lets its side terms go once an export from scratch has
// read them (they are the biggest thing a 50,000-article export holds,
// and they are on disk); one in memory cannot. Reading them back for the
// next edit is TestIncrementalExportEqualsExportFromScratch's "kept open".
func TestFullExportLetsSideTermsGo(t *testing.T) {
	s := searchtest.SynthSite(50, 3)
	disk, err := store.Open(filepath.Join(t.TempDir(), "search"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	mem, err := store.NewMem(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	syncExport(t, disk, s)
	syncExport(t, mem, s)
	if store.SideTermsHeld(disk) {
		t.Error("the store on disk still holds its side terms after an export from scratch")
	}
	if !store.SideTermsHeld(mem) {
		t.Error("the store in memory let its side terms go: it has no other copy")
	}
}

// A load is indexed in URL order, whatever the site's order: bleve looks
// every document of a batch up in every segment already in the index,
// and skips the segments whose IDs all lie below it (zap's DocNumbers;
// Store.update). Counted here: for each segment, in the order the
// batches came in, the earlier segments holding an ID above its lowest.
// Two workers apply batches, so one may overtake the other: at most one
// such segment each. In site order (here the reverse of URL order) every
// earlier segment is one.
func TestLoadIndexesInURLOrder(t *testing.T) {
	s := searchtest.SynthSite(6*store.BatchSize+50, 7)
	c := *s
	c.Articles = slices.Clone(s.Articles)
	slices.SortFunc(c.Articles, func(a, b *site.Article) int { return strings.Compare(b.URL, a.URL) })
	st, err := store.Open(filepath.Join(t.TempDir(), "search"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Update(&c); err != nil {
		t.Fatal(err)
	}
	spans, err := store.SegmentIDSpans(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) < 4 { // one a batch (7), but for merges
		t.Fatalf("%d segments, want at least 4", len(spans))
	}
	looked := 0
	for j := range spans {
		for i := range j {
			if spans[i][1] >= spans[j][0] {
				looked++
			}
		}
	}
	if looked > len(spans)-1 {
		t.Errorf("%d segments looked up for the batches after them, want at most %d (spans in order: %q)", looked, len(spans)-1, spans)
	}
}

// An export from scratch for the texts' last reader (SyncLast) into an
// empty index lets each article's text go once it is done with them, and
// exports what Sync does. Into an index that held articles before, it
// keeps them: a read of an older segment may fail, and the index is then
// rebuilt from the texts.
func TestSyncLastLetsTextsGo(t *testing.T) {
	kept, let := searchtest.SynthSite(50, 3), searchtest.SynthSite(50, 3)
	var outs []searchtest.MapOut
	for i, s := range []*site.Site{kept, let} {
		st, err := store.Open(filepath.Join(t.TempDir(), "search"), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		out := searchtest.MapOut{}
		sync := st.Sync
		if i == 1 {
			sync = st.SyncLast
		}
		if _, _, err := sync(s, out); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if !reflect.DeepEqual(outs[0], outs[1]) {
		t.Error("SyncLast exported other files than Sync")
	}
	for i, a := range let.Articles {
		if text, _ := a.Text(); text != "" {
			t.Fatalf("SyncLast kept the text of %s", a.URL)
		}
		if text, _ := kept.Articles[i].Text(); text == "" {
			t.Fatalf("Sync let the text of %s go", a.URL)
		}
	}

	older := searchtest.SynthSite(50, 3)
	part := *older
	part.Articles = older.Articles[:10]
	st, err := store.Open(filepath.Join(t.TempDir(), "search"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	syncExport(t, st, &part)
	out := searchtest.MapOut{}
	us, _, err := st.SyncLast(older, out)
	if err != nil {
		t.Fatal(err)
	}
	if us.Patched || us.Reused {
		t.Fatalf("40 articles added were not exported from scratch: %+v", us)
	}
	if !reflect.DeepEqual(out, outs[0]) {
		t.Error("SyncLast into an index that held articles exported other files than Sync into an empty one")
	}
	for _, a := range older.Articles {
		if text, _ := a.Text(); text == "" {
			t.Fatalf("SyncLast into an index that held articles let the text of %s go", a.URL)
		}
	}
}
