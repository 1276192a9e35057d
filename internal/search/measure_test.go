package search_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

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

// BenchmarkExport measures the search step of a cold build in memory
// (analysis, bleve index, export), the export's size, and the bytes (gzip,
// as served) a browser downloads per query: the first query on a fresh
// page (client included) and later ones (only what is not cached yet). The
// site is $DANVAN_CORPUS or DANVAN_BENCH_N generated articles (1000):
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 -template . -o /tmp/corpus-10k
//	DANVAN_CORPUS=/tmp/corpus-10k go test ./internal/search -run XXX -bench Export -benchtime 1x
func BenchmarkExport(b *testing.B) {
	s := searchtest.CorpusSite(b, benchN()).Site
	var out searchtest.MapOut
	var st *static.Stats
	var analyse time.Duration
	for b.Loop() {
		t0 := time.Now()
		docs := searchtest.Analyze(b, s)
		analyse += time.Since(t0)
		out = searchtest.MapOut{}
		var err error
		if st, err = store.ExportDocs(s, docs, out); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	sizes := map[byte][2]int{}
	var gzTotal, maxShard int
	for name, f := range out {
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
	b.Logf("%d articles; export: %d files, %d KiB raw, %d KiB gzip; %d terms in %d shards, %d bigrams in %d shards; largest shard %d B gzip",
		len(s.Articles), st.Files, st.Bytes>>10, gzTotal>>10, st.UniTerms, st.UniShards, st.BiTerms, st.BiShards, maxShard)
	for _, c := range []byte{'m', 'u', 'b', 'd', 'f'} {
		b.Logf("  %c: %d KiB raw, %d KiB gzip", c, sizes[c][0]>>10, sizes[c][1]>>10)
	}
	js, err := os.ReadFile("../../static/js/search.js")
	if err != nil {
		b.Fatal(err)
	}
	jsGz := gz(js)
	fsys := fstest.MapFS(out)
	var firsts, laters []int
	for _, q := range measureQueries {
		stc, err := static.Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		firsts = append(firsts, jsGz+loadedGz(fsys, stc, q, map[string]bool{}))
	}
	stc, _ := static.Open(fsys)
	seen := map[string]bool{}
	loadedGz(fsys, stc, "khởi động", seen) // warm: manifest
	for _, q := range measureQueries {
		n := loadedGz(fsys, stc, q, seen)
		laters = append(laters, n)
		b.Logf("  %-28q first %6d B, after the others %6d B", q, firsts[len(laters)-1], n)
	}
	sort.Ints(firsts)
	sort.Ints(laters)
	b.ReportMetric(float64(analyse.Milliseconds())/float64(b.N), "analyse-ms/op")
	b.ReportMetric(float64(gzTotal)/1024, "export-KiB-gzip")
	b.ReportMetric(float64(jsGz), "client-B-gzip")
	b.ReportMetric(float64(firsts[len(firsts)/2]), "first-query-B-median")
	b.ReportMetric(float64(firsts[len(firsts)-1]), "first-query-B-max")
	b.ReportMetric(float64(laters[len(laters)/2]), "later-query-B-median")
	b.ReportMetric(float64(laters[len(laters)-1]), "later-query-B-max")
}

// benchN is the size of the generated site of the benchmarks
// (DANVAN_BENCH_N, default 1000) when DANVAN_CORPUS names none.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("DANVAN_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 1000
}

func classify(name string) byte {
	switch {
	case name == static.Dir+"manifest.json" || name == "opensearch.xml":
		return 'm'
	case bytes.HasSuffix([]byte(name), []byte("/"+static.KindFacets+"0.json")):
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

// TestParityCorpus runs the parity check of TestParity on realistic
// generated text (300 articles, or the site at $DANVAN_CORPUS) with the
// measurement queries, finished and while typing.
func TestParityCorpus(t *testing.T) {
	var qs []relQuery
	for _, q := range measureQueries {
		qs = append(qs, relQuery{Q: q}, relQuery{Q: q, Typing: true}, relQuery{Q: string([]rune(q)[:len([]rune(q))-2]), Typing: true})
	}
	qs = append(qs, relQuery{Q: "dân", Filters: map[string]string{"locality": "an-phu"}}, relQuery{Q: "mô hình", Filters: map[string]string{"area": "kinh-te", "year": "2019"}})
	sameOnCorpus(t, 300, qs)
	t.Logf("%d queries: identical top 10 in Go and JS", len(qs))
}

// sameOnCorpus exports n generated articles and checks that Go and JS
// rank each of qs alike (top 10).
func sameOnCorpus(t *testing.T, n int, qs []relQuery) {
	t.Helper()
	node(t)
	res := searchtest.CorpusSite(t, n)
	dir := t.TempDir()
	if _, err := store.ExportDocs(res.Site, searchtest.Analyze(t, res.Site), searchtest.DirOut(dir)); err != nil {
		t.Fatal(err)
	}
	js := jsSearch(t, dir, qs)
	st, err := static.Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		sameTop10(t, st, q, js[i])
	}
}

// BenchmarkStoreSync measures the build's search step with its index in
// the cache (open, update, export, close), in the states a build meets: a
// cold cache, nothing changed, nothing changed but no export cache, and
// one article changed. The index size on disk is a metric. Same sites as
// BenchmarkExport:
//
//	DANVAN_CORPUS=/tmp/danvan-bench/corpus-10000 go test ./internal/search -run XXX -bench StoreSync -benchtime 3x
func BenchmarkStoreSync(b *testing.B) {
	s := searchtest.CorpusSite(b, benchN()).Site
	dir := filepath.Join(b.TempDir(), "search")
	sync := func(b *testing.B) {
		st, err := store.Open(dir, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := st.Sync(s, searchtest.MapOut{}); err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
	diskMiB := func(b *testing.B) {
		size, _ := dirSize(dir)
		b.ReportMetric(float64(size)/(1<<20), "index-MiB")
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(dir)
			b.StartTimer()
			sync(b)
		}
		diskMiB(b)
	})
	b.Run("unchanged", func(b *testing.B) {
		for b.Loop() {
			sync(b)
		}
		diskMiB(b)
	})
	b.Run("unchanged-no-export-cache", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			os.Remove(filepath.Join(dir, store.ExportFile))
			b.StartTimer()
			sync(b)
		}
	})
	b.Run("one-changed", func(b *testing.B) {
		a := s.Articles[len(s.Articles)/2]
		html, err := a.HTML()
		if err != nil {
			b.Fatal(err)
		}
		text, err := a.Text()
		if err != nil {
			b.Fatal(err)
		}
		defer a.SetBody(html, text)
		for i := 0; b.Loop(); i++ {
			a.SetBody(html, text+" Đoạn sửa thêm số "+strconv.Itoa(i)+" về dồn điền đổi thửa.")
			sync(b)
		}
		diskMiB(b)
	})
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

// TestParityCappedLists: on 1,000 articles the common words' lists are
// capped (static.MaxPostings), so documents come back through pairs and
// title signatures; queries being typed (the last word cut short) must
// rank alike in Go and JS there too. It found the JS reading the
// signatures of the unfinished word's completions while Go did not.
func TestParityCappedLists(t *testing.T) {
	var qs []relQuery
	for _, q := range measureQueries {
		r := []rune(q)
		for cut := 1; cut <= 3 && cut < len(r); cut++ {
			qs = append(qs, relQuery{Q: string(r[:len(r)-cut]), Typing: true})
		}
	}
	sameOnCorpus(t, 1000, qs)
}
