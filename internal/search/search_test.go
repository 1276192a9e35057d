package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/content"
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

// jsResults is what the JS client shows for a query: its top 10 as
// [doc, score, matched, pairs, tier, order, full] and whether the count is a
// lower bound.
type jsResults struct {
	Top     [][7]int64
	AtLeast bool
}

// jsSearch runs queries through the JS client in Node on the export in
// dir; each result is its visible top 10 as [doc, score, matched, tier,
// order, full] tuples.
func jsSearch(t *testing.T, dir string, queries any) []jsResults {
	t.Helper()
	data, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	qp := filepath.Join(dir, "queries.json")
	if err := os.WriteFile(qp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var js []jsResults
	if err := json.Unmarshal(runNode(t, "search", dir, qp), &js); err != nil {
		t.Fatal(err)
	}
	return js
}

// runNode runs testdata/run.js on the client as shipped (ShipClient of
// static/js/search.js), so the tests hold the bytes a browser gets.
func runNode(t *testing.T, args ...string) []byte {
	t.Helper()
	client := filepath.Join(t.TempDir(), "search.js")
	if err := os.WriteFile(client, shippedClient(t), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node(t), append([]string{"testdata/run.js"}, args...)...)
	cmd.Env = append(os.Environ(), "DANVAN_CLIENT="+client)
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
	relQuery{Q: "truyne thong"}, relQuery{Q: "nghoe kho"}, relQuery{Q: "tuyen truyne", Typing: true}, relQuery{Q: "chiens binh"},
	// Beyond ASCII folding: a one-letter non-ASCII prefix (one rune, two
	// UTF-16 units or bytes), a byte-order mark and other format
	// characters, emoji, other scripts, combining marks at the end.
	relQuery{Q: "đ", Typing: true}, relQuery{Q: "tịnh đ", Typing: true}, relQuery{Q: "ươ", Typing: true}, relQuery{Q: "dân ư", Typing: true},
	relQuery{Q: "tinh khe\uFEFF", Typing: true}, relQuery{Q: "\uFEFFtinh khe"}, relQuery{Q: "tinh\uFEFFkhe", Typing: true},
	relQuery{Q: "tinh kh\u200B", Typing: true}, relQuery{Q: "dân vận\u00AD", Typing: true},
	relQuery{Q: "🙂 dân vận khéo"}, relQuery{Q: "dân vận 🙂", Typing: true}, relQuery{Q: "bò 🐄 giống"},
	relQuery{Q: "Ωμέγα dân vận", Typing: true}, relQuery{Q: "中文 tinh khe"}, relQuery{Q: "tinh 中", Typing: true},
	relQuery{Q: "tinh khe\u0301", Typing: true}, relQuery{Q: "khe\u0302", Typing: true}, relQuery{Q: "ĐỒN ĐIỀN Đ", Typing: true},
	relQuery{Q: "don dien, doi", Typing: true}, relQuery{Q: "don dien doi,", Typing: true}, relQuery{Q: "2019 d", Typing: true})

func slugOf(url string) string { return filepath.Base(url) }

func TestRelevanceStatic(t *testing.T) {
	s := searchtest.SynthSite(400, 1)
	st, err := static.Open(searchtest.ExportFS(t, s))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range relevance {
		res, err := st.Search(q.Q, q.Typing, q.Filters)
		if err != nil {
			t.Fatal(err)
		}
		rs := res.Visible()
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

// The JS client and the Go reference scorer show identical top-10 lists
// (documents, scores, words matched, tier, order, all words or not).
func TestParity(t *testing.T) {
	node(t)
	s := searchtest.SynthSite(600, 2)
	dir := t.TempDir()
	if _, err := store.ExportDocs(s, searchtest.Analyze(t, s), searchtest.DirOut(dir)); err != nil {
		t.Fatal(err)
	}
	js := jsSearch(t, dir, parityQueries)
	st, err := static.Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range parityQueries {
		sameTop10(t, st, q, js[i])
	}
}

// sameTop10 runs q through the Go reference scorer and reports a
// difference from the JS client's visible top 10.
func sameTop10(t *testing.T, st *static.Index, q relQuery, js jsResults) []static.Result {
	t.Helper()
	res, err := st.Search(q.Q, q.Typing, q.Filters)
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Visible()
	goTop := [][7]int64{}
	for _, r := range rs[:min(10, len(rs))] {
		full := int64(0)
		if r.Full {
			full = 1
		}
		goTop = append(goTop, [7]int64{int64(r.Doc), r.Score, int64(r.Matched), int64(r.Pairs), int64(r.Tier), int64(r.Order), full})
	}
	if len(js.Top) == 0 {
		js.Top = [][7]int64{}
	}
	if !reflect.DeepEqual(goTop, js.Top) || res.AtLeast != js.AtLeast {
		t.Errorf("%+q (typing %v, %v):\n Go %v (at least: %v)\n JS %v (at least: %v)", q.Q, q.Typing, q.Filters, goTop, res.AtLeast, js.Top, js.AtLeast)
	}
	return rs
}

// The browser client, as shipped, stays under 8 KB gzipped.
func TestClientSize(t *testing.T) {
	src := shippedClient(t)
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(src)
	w.Close()
	if b.Len() >= 8<<10 {
		t.Errorf("static/js/search.js as shipped is %d B gzipped, over the 8 KB budget", b.Len())
	}
	t.Logf("static/js/search.js as shipped: %d B, %d B gzipped", len(src), b.Len())
}

// shippedClient is static/js/search.js as the build ships it.
func shippedClient(t *testing.T) []byte {
	t.Helper()
	data, err := build.ReadAsset(os.DirFS("../.."), "static/"+static.ClientSource)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// An export made before the word list existed still answers a query with
// a typo, uncorrected.
func TestTypoWithoutWordList(t *testing.T) {
	fsys := searchtest.ExportFS(t, searchtest.SynthSite(50, 3)).(fstest.MapFS)
	for name := range fsys {
		if strings.HasSuffix(name, "/"+static.KindWords+"0.json") {
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

// The format's positions and constants, idf, the pair buckets, the files'
// paths and the query parse are the same in search.js as in Go: every df
// of several corpus sizes, pairs in and beyond ASCII, files of every kind
// and group, queries with prefixes, format characters, emoji and other
// scripts.
func TestFormatParity(t *testing.T) {
	node(t)
	sizes := []int{1, 2, 10, 600, 2013, 10010}
	pairs := []string{"dan_van", "tinh_khe", "đôn_điền", "中_文", "ω_μέγα", "a_b", "2019_dan", "x_" + strings.Repeat("y", 40)}
	var queries []relQuery
	for _, q := range parityQueries {
		queries = append(queries, relQuery{Q: q.Q, Typing: q.Typing}, relQuery{Q: q.Q, Typing: !q.Typing})
	}
	queries = append(queries, relQuery{Q: strings.Repeat("dân vận khéo mô hình cán bộ người ", 6), Typing: true})
	// File paths: groups of every kind, the last one short, a file past
	// the tokens.
	man := static.Manifest{Tokens: map[string]string{"u": "0123abcd", "b": "11111111aaaaaaaa", "d": "22222222bbbbbbbbcccccccc", "f": "3333dddd", "w": "4444eeee"}}
	type pathCase struct {
		K string `json:"k"`
		I int    `json:"i"`
	}
	var paths []pathCase
	for _, k := range []string{static.KindTerms, static.KindPairs, static.KindRecords} {
		for _, i := range []int{0, 1, static.GroupFiles - 1, static.GroupFiles, 2*static.GroupFiles + 5, 5 * static.GroupFiles} {
			paths = append(paths, pathCase{k, i})
		}
	}
	paths = append(paths, pathCase{static.KindFacets, 0}, pathCase{static.KindWords, 0})
	in := map[string]any{"n": sizes, "pairs": pairs, "buckets": 1024, "queries": queries, "manifest": man, "paths": paths}
	data, _ := json.Marshal(in)
	p := filepath.Join(t.TempDir(), "format.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Format  map[string]int
		Chain   int
		Files   string
		Idf     [][]int
		Buckets []int
		Hashes  []int
		Paths   []string
		Queries []struct {
			Words  []struct{ F, X string }
			Seq    []string
			Prefix string
		}
	}
	if err := json.Unmarshal(runNode(t, "format", p), &js); err != nil {
		t.Fatal(err)
	}
	if want := static.Format(); !reflect.DeepEqual(js.Format, want) {
		t.Errorf("FORMAT in search.js:\n %v\nstatic.Format():\n %v", js.Format, want)
	}
	if static.Dir+js.Files != static.FilesDir {
		t.Errorf("FILES in search.js is %q, static.FilesDir %q", js.Files, static.FilesDir)
	}
	if js.Chain != content.MaxMergeChain {
		t.Errorf("CHAIN in search.js is %d, content.MaxMergeChain %d", js.Chain, content.MaxMergeChain)
	}
	for i, n := range sizes {
		for df := 0; df <= n; df++ {
			if got, want := js.Idf[i][df], static.Idf(n, df); got != want {
				t.Errorf("idf(%d, %d): JS %d, Go %d", n, df, got, want)
			}
		}
	}
	for i, pr := range pairs {
		if got, want := js.Buckets[i], static.PairBucket(pr, 1024); got != want {
			t.Errorf("pair bucket of %q: JS %d, Go %d", pr, got, want)
		}
		if got, want := js.Hashes[i], static.TitleHash(pr); got != want {
			t.Errorf("title hash of %q: JS %d, Go %d", pr, got, want)
		}
	}
	for i, pc := range paths {
		if got, want := static.Dir+js.Paths[i], man.Path(pc.K, pc.I); got != want {
			t.Errorf("path of %s%d: JS %q, Go %q", pc.K, pc.I, got, want)
		}
	}
	for i, q := range queries {
		x := static.ParseQuery(q.Q, q.Typing)
		var words []struct{ F, X string }
		for _, w := range x.Words {
			words = append(words, struct{ F, X string }{w.Fold, w.Exact})
		}
		got := js.Queries[i]
		if !reflect.DeepEqual(got.Words, words) && (len(got.Words) > 0 || len(words) > 0) ||
			!slices.Equal(got.Seq, x.Seq) || got.Prefix != x.Prefix {
			t.Errorf("%+q (typing %v): JS %+v, Go %+v", q.Q, q.Typing, got, x)
		}
	}
}

// A snippet anchors on a whole word of the query: "an" finds "an ninh",
// not the "an" inside "Thanh" at the start of the text.
func TestSnippetWholeWord(t *testing.T) {
	node(t)
	text := strings.Repeat("Thanh niên tình nguyện dọn vệ sinh đường làng. ", 8) + "Tổ an ninh tự quản tuần tra mỗi tối."
	rec := make([]string, static.RecText+1)
	rec[static.RecSummary], rec[static.RecText] = "Tóm tắt không có từ cần tìm.", text
	cases := []map[string]any{
		{"rec": rec, "terms": map[string]int{"an": 1}, "prefix": ""},
		{"rec": rec, "terms": map[string]int{}, "prefix": "ni"}, // the unfinished word: "niên" at the start
	}
	data, _ := json.Marshal(cases)
	p := filepath.Join(t.TempDir(), "snippets.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := json.Unmarshal(runNode(t, "snippet", p), &got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got[0], "…") || !strings.Contains(got[0], "Tổ an ninh") {
		t.Errorf("snippet for \"an\" does not start near the word \"an\": %q", got[0])
	}
	if !strings.HasPrefix(got[1], "Thanh niên") {
		t.Errorf("snippet for the prefix \"ni\" does not start at \"niên\": %q", got[1])
	}
}
