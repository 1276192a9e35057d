package search_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/testenv"
	"github.com/quangngai/danvan/internal/vi"
)

// node returns the path of node, or stops the test (testenv.Need).
func node(t *testing.T) string {
	t.Helper()
	return testenv.NeedCommand(t, "node", "apt-get install nodejs")
}

// jsSearch runs queries through the JS client in Node on the export in
// dir; each result is its top 10 as [doc, score, …] triples.
func jsSearch(t *testing.T, dir string, queries any) [][][3]int64 {
	t.Helper()
	data, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	qp := filepath.Join(dir, "queries.json")
	if err := os.WriteFile(qp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var js [][][3]int64
	if err := json.Unmarshal(runNode(t, "search", dir, qp), &js); err != nil {
		t.Fatal(err)
	}
	return js
}

func runNode(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(node(t), append([]string{"testdata/run.js"}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %v: %v", args, err)
	}
	return out
}

// One folding table: the JS client folds, splits and keys exactly like Go,
// on the golden vectors and on every rune of U+0000–U+24FF.
func TestJSFoldParity(t *testing.T) {
	node(t)
	cs := searchtest.GoldenFold(t)
	for i := range cs {
		cs[i].Exact = analysis.ExactKey(cs[i].In)
		cs[i].Words = analysis.Words(vi.NFC(cs[i].In))
		if cs[i].Words == nil {
			cs[i].Words = []string{}
		}
	}
	// Words over analysis.MaxWordRunes are cut alike (by runes, not
	// UTF-16 units: an astral letter counts once).
	for _, in := range []string{strings.Repeat("ư", 41), strings.Repeat("a", 39) + "𝐀bc", "ngắn " + strings.Repeat("9", 100) + " từ"} {
		cs = append(cs, searchtest.FoldCase{In: in, Fold: vi.Fold(in), Exact: analysis.ExactKey(in), Words: analysis.Words(vi.NFC(in))})
	}
	for r := rune(0); r <= 0x24FF; r++ {
		// Surrogates; U+1C89–U+1C8A are new in Unicode 16, which Go
		// knows and Node 20's ICU does not.
		if r >= 0xD800 && r <= 0xDFFF || r == 0x1C89 || r == 0x1C8A {
			continue
		}
		s := string(r) + "a"
		cs = append(cs, searchtest.FoldCase{In: s, Fold: vi.Fold(s)})
	}
	data, _ := json.Marshal(cs)
	p := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var bad []map[string]any
	if err := json.Unmarshal(runNode(t, "fold", p), &bad); err != nil {
		t.Fatal(err)
	}
	for i, b := range bad {
		if i == 20 {
			t.Errorf("… %d mismatches in all", len(bad))
			break
		}
		t.Errorf("JS and Go differ: %v", b)
	}
}

type relQuery struct {
	Q       string            `json:"q"`
	Typing  bool              `json:"typing,omitempty"`
	Filters map[string]string `json:"filters,omitempty"`
	Want    string            `json:"-"` // slug expected first
	Typo    bool              `json:"-"` // corrected by the static index only (fuzzy.go)
}

var relevance = []relQuery{
	{Q: "don dien doi thua", Want: "don-dien-doi-thua"},
	{Q: "Dồn điền, đổi thửa", Want: "don-dien-doi-thua"},
	{Q: "Do\u0302\u0300n đie\u0302\u0300n đo\u0302\u0309i thu\u031b\u0309a", Want: "don-dien-doi-thua"},
	{Q: "DON DIEN", Want: "don-dien-doi-thua"},
	{Q: "don dien doi th", Typing: true, Want: "don-dien-doi-thua"},
	{Q: "tinh khe", Want: "tinh-khe-camera"},
	{Q: "Tịnh Khê", Want: "tinh-khe-camera"},
	{Q: "Tịnh Thương", Want: "tinh-thuong"},
	{Q: "tình khế", Want: "decoy-tinhkhe"},
	{Q: "tịnh khê", Want: "tinh-khe-camera"},
	{Q: "hòa bình", Want: "hoa-binh-thon"},
	{Q: "hoà bình", Want: "hoa-binh-thon"},
	{Q: "ho\u0300a bi\u0300nh", Want: "hoa-binh-thon"},
	{Q: "DÂN VẬN KHÉO", Want: "dan-van-kheo"},
	{Q: "DA\u0302N VA\u0302\u0323N KHE\u0301O", Want: "dan-van-kheo"},
	{Q: "dan van kheo", Want: "dan-van-kheo"},
	{Q: "bò giống", Want: "bo-giong"},
	{Q: "bo giong", Want: "bo-giong"},
	{Q: "bò giống", Filters: map[string]string{"locality": "an-phu"}, Want: "bo-giong"},
	{Q: "hoa binh", Filters: map[string]string{"locality": "an-phu", "area": "kinh-te"}, Want: "hoa-binh-thon"},
	{Q: "tinh", Filters: map[string]string{"locality": "tinh-khe", "area": "quoc-phong"}, Want: "tinh-khe-camera"},
	// One-letter typos in long words (fuzzy.go).
	{Q: "tinh thuogn", Want: "tinh-thuong", Typo: true},
	{Q: "Tịnh Thươgn", Want: "tinh-thuong", Typo: true},
	{Q: "bo giongg", Want: "bo-giong", Typo: true},
	{Q: "bò giốgn", Want: "bo-giong", Typo: true},
}

// parityQueries add common words, prefixes and misses to the relevance set.
var parityQueries = append(append([]relQuery{}, relevance...),
	relQuery{Q: "dân"}, relQuery{Q: "nghèo"}, relQuery{Q: "người dân vận động"}, relQuery{Q: "khe", Typing: true},
	relQuery{Q: "dân v", Typing: true}, relQuery{Q: "ng", Typing: true}, relQuery{Q: "lúa mới ", Typing: true},
	relQuery{Q: "xyzzy"}, relQuery{Q: "dân dân vận"}, relQuery{Q: "2019"},
	relQuery{Q: "hội", Filters: map[string]string{"year": "2019", "subject": "ca-nhan"}},
	relQuery{Q: "truyne thong"}, relQuery{Q: "nghoe kho"}, relQuery{Q: "tuyen truyne", Typing: true}, relQuery{Q: "chiens binh"})

func slugOf(url string) string { return filepath.Base(url) }

func TestRelevanceStatic(t *testing.T) {
	s := searchtest.SynthSite(400, 1)
	st, err := static.Open(searchtest.ExportFS(t, s))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range relevance {
		rs, err := st.Search(q.Q, q.Typing, q.Filters)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 {
			t.Errorf("%q %v: no results, want %s", q.Q, q.Filters, q.Want)
			continue
		}
		if err := st.Describe(rs[:1]); err != nil {
			t.Fatal(err)
		}
		if got := slugOf(rs[0].URL); got != q.Want {
			t.Errorf("%q %v: first %s, want %s", q.Q, q.Filters, got, q.Want)
		}
	}
}

func TestRelevanceBleve(t *testing.T) {
	s := searchtest.SynthSite(400, 1)
	ix, err := store.NewIndex(analysis.AnalyzeSite(s))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range relevance {
		if q.Typing || q.Typo {
			continue // bleve has no typing mode and corrects no typos
		}
		hits, err := ix.Search(context.Background(), q.Q, static.Filters(q.Filters), 10)
		if err != nil {
			t.Fatal(err)
		}
		// bleve scores fields separately (not BM25F) and its BM25 depends
		// on segment layout: a sanity check, not the ranking users see.
		var got []string
		for _, h := range hits {
			got = append(got, slugOf(h.Article.URL))
		}
		switch {
		case len(got) > 0 && got[0] == q.Want:
		case slices.Contains(got[:min(3, len(got))], q.Want):
			t.Logf("bleve %q %v: %s in top 3, not first: %v", q.Q, q.Filters, q.Want, got)
		default:
			t.Errorf("bleve %q %v: got %v, want %s in the top 3", q.Q, q.Filters, got, q.Want)
		}
	}
}

// The JS client and the Go reference scorer give identical top-10 lists
// (documents, scores and match counts); bleve's top 10 overlaps.
func TestParity(t *testing.T) {
	node(t)
	s := searchtest.SynthSite(600, 2)
	dir := t.TempDir()
	docs := analysis.AnalyzeSite(s)
	if _, err := store.ExportDocs(s, docs, searchtest.DirOut(dir)); err != nil {
		t.Fatal(err)
	}
	js := jsSearch(t, dir, parityQueries)
	st, err := static.Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := store.NewIndex(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i, q := range parityQueries {
		rs := sameTop10(t, st, q, js[i])
		if q.Typing || len(rs) < 3 {
			continue
		}
		hits, err := ix.Search(context.Background(), q.Q, static.Filters(q.Filters), 10)
		if err != nil {
			t.Fatal(err)
		}
		inGo := map[string]bool{}
		if err := st.Describe(rs[:min(10, len(rs))]); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs[:min(10, len(rs))] {
			inGo[r.URL] = true
		}
		overlap := 0
		for _, h := range hits {
			if inGo[h.Article.URL] {
				overlap++
			}
		}
		t.Logf("%q: bleve/static top-10 overlap %d/%d", q.Q, overlap, min(10, len(hits)))
		if q.Want != "" && overlap == 0 {
			t.Errorf("%q: bleve and the static scorer share no top-10 result", q.Q)
		}
	}
}

// sameTop10 runs q through the Go reference scorer and reports a
// difference from the JS client's top 10 (doc, score, matched words).
func sameTop10(t *testing.T, st *static.Index, q relQuery, js [][3]int64) []static.Result {
	t.Helper()
	rs, err := st.Search(q.Q, q.Typing, q.Filters)
	if err != nil {
		t.Fatal(err)
	}
	goTop := [][3]int64{}
	for _, r := range rs[:min(10, len(rs))] {
		goTop = append(goTop, [3]int64{int64(r.Doc), r.Score, int64(r.Matched)})
	}
	if len(js) == 0 {
		js = [][3]int64{}
	}
	if !reflect.DeepEqual(goTop, js) {
		t.Errorf("%q (typing %v, %v):\n Go %v\n JS %v", q.Q, q.Typing, q.Filters, goTop, js)
	}
	return rs
}

// The browser client stays under 8 KB minified and gzipped; gzip of the
// unminified source is an upper bound of that.
func TestClientSize(t *testing.T) {
	src, err := os.ReadFile("../../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(src)
	w.Close()
	if b.Len() >= 8<<10 {
		t.Errorf("static/js/search.js is %d B gzipped, over the 8 KB budget", b.Len())
	}
	t.Logf("static/js/search.js: %d B, %d B gzipped", len(src), b.Len())
}

// An export made before the word list existed still answers a query with
// a typo, uncorrected.
func TestTypoWithoutWordList(t *testing.T) {
	fsys := searchtest.ExportFS(t, searchtest.SynthSite(50, 3)).(fstest.MapFS)
	for name := range fsys {
		if strings.HasSuffix(name, "/"+static.WordsFile) {
			delete(fsys, name)
		}
	}
	st, err := static.Open(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Search("tinh thuogn", false, nil); err != nil {
		t.Errorf("search without a word list: %v", err)
	}
}
