package search_test

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
)

func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// measureQueries is the query set of the download measurements: planted
// style queries, common words, and typing prefixes.
var measureQueries = []string{"don dien doi thua", "dân vận khéo", "tinh khe", "dân", "bò giống giảm nghèo",
	"hiến đất làm đường", "camera an ninh", "nghĩa dũng", "phụ nữ", "rác thải", "an phú", "người dân", "đường giao thông nông thôn"}

// TestMeasure reports index and export time and sizes and the bytes (gzip,
// as served) a browser downloads per query, on the site at
// $DANVAN_CORPUS (e.g. a gencorpus output). Numbers are logged, not asserted.
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 -template . -o /tmp/corpus-10k
//	DANVAN_CORPUS=/tmp/corpus-10k go test -run TestMeasure -v ./internal/search/
func TestMeasure(t *testing.T) {
	res := searchtest.CorpusSite(t)
	s := res.Site
	runtime.GC()
	t0 := time.Now()
	docs := analysis.AnalyzeSite(s)
	t1 := time.Now()
	out := searchtest.MapOut{}
	st, err := store.ExportDocs(s, docs, out)
	if err != nil {
		t.Fatal(err)
	}
	t3 := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d articles: analyse %v, bleve index and export %v (total %v); heap sys %d MiB",
		len(docs), t1.Sub(t0).Round(time.Millisecond), t3.Sub(t1).Round(time.Millisecond), t3.Sub(t0).Round(time.Millisecond), ms.HeapSys>>20)
	sizes := map[byte][2]int{}
	var gzTotal, maxShard int
	for name, f := range out {
		k := name[len(name)-len("x.json")] // not exact; classify below
		_ = k
		cls := classify(name)
		g := gz(f.Data)
		v := sizes[cls]
		v[0] += len(f.Data)
		v[1] += g
		sizes[cls] = v
		gzTotal += g
		if (cls == 'u' || cls == 'b') && g > maxShard {
			maxShard = g
		}
	}
	t.Logf("export: %d files, %d KiB raw, %d KiB gzip; %d terms in %d shards, %d bigrams in %d shards; largest shard %d B gzip",
		st.Files, st.Bytes>>10, gzTotal>>10, st.UniTerms, st.UniShards, st.BiTerms, st.BiShards, maxShard)
	for _, c := range []byte{'m', 'u', 'b', 'd', 'f'} {
		t.Logf("  %c: %d KiB raw, %d KiB gzip", c, sizes[c][0]>>10, sizes[c][1]>>10)
	}
	js, err := os.ReadFile("../../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	jsGz := gz(js)
	fsys := fstest.MapFS(out)
	// First query on a fresh page: client + manifest + shards + records of
	// the top 10. Later queries: only what is not cached yet.
	var firsts, laters []int
	for _, q := range measureQueries {
		stc, err := static.Open(fsys)
		if err != nil {
			t.Fatal(err)
		}
		first := jsGz + loadedGz(fsys, stc, q, map[string]bool{})
		firsts = append(firsts, first)
	}
	stc, _ := static.Open(fsys)
	seen := map[string]bool{}
	loadedGz(fsys, stc, "khởi động", seen) // warm: manifest
	for _, q := range measureQueries {
		b := loadedGz(fsys, stc, q, seen)
		laters = append(laters, b)
		t.Logf("  %-28q first %6d B, after the others %6d B", q, firsts[len(laters)-1], b)
	}
	sort.Ints(firsts)
	sort.Ints(laters)
	t.Logf("client %d B gzip; first query median %d B, max %d B; later queries median %d B, max %d B",
		jsGz, firsts[len(firsts)/2], firsts[len(firsts)-1], laters[len(laters)/2], laters[len(laters)-1])
}

func classify(name string) byte {
	switch {
	case name == static.Dir+"manifest.json" || name == "opensearch.xml":
		return 'm'
	case bytes.HasSuffix([]byte(name), []byte("facets.json")):
		return 'f'
	}
	i := bytes.LastIndexByte([]byte(name), '/')
	return name[i+1]
}

// loadedGz runs q as the page does (typing the whole query, then the final
// search) and returns the gzip bytes of files not in seen.
func loadedGz(fsys fs.FS, st *static.Index, q string, seen map[string]bool) int {
	for _, typing := range []bool{true, false} {
		res, err := st.Search(q, typing, nil)
		if err == nil {
			rs := res.Visible()
			st.Describe(rs[:min(10, len(rs))])
		}
	}
	n := 0
	for name := range st.Loaded {
		if !seen[name] {
			seen[name] = true
			data, _ := fs.ReadFile(fsys, name)
			n += gz(data)
		}
	}
	return n
}

// TestParityCorpus runs the parity check of TestParity on the site at
// $DANVAN_CORPUS (realistic generated text) with the measurement queries,
// finished and while typing.
func TestParityCorpus(t *testing.T) {
	root := os.Getenv("DANVAN_CORPUS")
	if root == "" {
		t.Skip("set DANVAN_CORPUS to a site root")
	}
	node(t)
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := store.ExportDocs(res.Site, analysis.AnalyzeSite(res.Site), searchtest.DirOut(dir)); err != nil {
		t.Fatal(err)
	}
	var qs []relQuery
	for _, q := range measureQueries {
		qs = append(qs, relQuery{Q: q}, relQuery{Q: q, Typing: true}, relQuery{Q: string([]rune(q)[:len([]rune(q))-2]), Typing: true})
	}
	qs = append(qs, relQuery{Q: "dân", Filters: map[string]string{"locality": "an-phu"}}, relQuery{Q: "mô hình", Filters: map[string]string{"area": "kinh-te", "year": "2019"}})
	js := jsSearch(t, dir, qs)
	st, err := static.Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		sameTop10(t, st, q, js[i])
	}
	t.Logf("%d queries: identical top 10 in Go and JS", len(qs))
}

// TestMeasureStore reports the cost of the build's search step on the
// site at $DANVAN_CORPUS: a cold build (empty cache), a warm build with
// nothing changed, and one with one article changed; index size on disk.
// Numbers are logged, not asserted.
//
//	DANVAN_CORPUS=/tmp/danvan-bench/corpus-10000 go test -run TestMeasureStore -v ./internal/search/
func TestMeasureStore(t *testing.T) {
	res := searchtest.CorpusSite(t)
	s := res.Site
	dir := filepath.Join(t.TempDir(), "search")
	run := func(name string) {
		runtime.GC()
		t0 := time.Now()
		st, err := store.Open(dir, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		out := searchtest.MapOut{}
		us, es, err := st.Sync(s, out)
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		size, _ := dirSize(dir)
		t.Logf("%-34s open+update+export %v (update %v: %d indexed, %d kept; export reused %v: %d files, %d KiB), close %v; index on disk %d MiB; heap sys %d MiB",
			name, t1.Sub(t0).Round(time.Millisecond), us.Duration.Round(time.Millisecond), us.Indexed, us.Kept, us.Reused, es.Files, es.Bytes>>10,
			t2.Sub(t1).Round(time.Millisecond), size>>20, ms.HeapSys>>20)
	}
	run("cold (empty cache)")
	if os.Getenv("DANVAN_MEASURE_COLD_ONLY") != "" {
		return
	}
	run("warm, nothing changed")
	os.Remove(filepath.Join(dir, "export.gob"))
	run("warm, nothing changed, no export cache")
	a := s.Articles[len(s.Articles)/2]
	a.Text += " Đoạn sửa thêm về dồn điền đổi thửa."
	run("warm, one changed")
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	return n, err
}
