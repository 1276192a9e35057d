package search_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/testenv"
)

// BenchmarkSearchOnTheWire measures, in Chromium, the bytes each query
// downloads (counted at the server, gzip as Netlify serves) and the time
// from the keystroke to rendered results, for danvan's search on a built
// site and, when DANVAN_PAGEFIND_SITE names a site indexed by Pagefind,
// for Pagefind on the same queries. One iteration runs every query on a
// fresh page (latency depends on the machine's load: run several);
// DANVAN_SEARCH_TYPED=1 also types each query a letter at a time, 150 ms
// apart. The site is DANVAN_SEARCH_SITE, or one built from the generated
// site of the other benchmarks:
//
//	go run ./cmd/danvan build -s /tmp/corpus-10k -d /tmp/site-10k
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run XXX -bench OnTheWire -benchtime 3x
func BenchmarkSearchOnTheWire(b *testing.B) {
	br, dir := siteInBrowser(b)
	ctx := context.Background()
	engines := map[string]func() (*bench.SearchFigures, error){
		"danvan": func() (*bench.SearchFigures, error) { return bench.MeasureDanvan(ctx, br, dir) },
	}
	if os.Getenv("DANVAN_SEARCH_TYPED") != "" {
		engines["danvan-typed"] = func() (*bench.SearchFigures, error) {
			return bench.MeasureDanvanTyped(ctx, br, dir, 150*time.Millisecond)
		}
	}
	if pf := os.Getenv("DANVAN_PAGEFIND_SITE"); pf != "" {
		engines["pagefind"] = func() (*bench.SearchFigures, error) { return bench.MeasurePagefind(ctx, br, pf) }
	}
	last := map[string]*bench.SearchFigures{}
	for b.Loop() {
		for name, measure := range engines {
			f, err := measure()
			if err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			last[name] = f
		}
	}
	for _, engine := range []string{"danvan", "danvan-typed", "pagefind"} {
		f := last[engine]
		if f == nil {
			continue
		}
		for i, q := range f.Queries {
			b.Logf("%s %d %-22q %6.1f KB %6.1f ms (whole page %6.1f ms) %+v", f.Engine, i/len(bench.SearchQueries)+1, q.Query, float64(q.Bytes)/1024, q.Ms, q.PageMs, q.Phases)
		}
		b.Log(f)
		if f.Phases.Queries > 0 {
			b.Log("where the time went: ", f.Phases)
		}
		b.ReportMetric(float64(f.FirstBytes)/1024, engine+"-first-KB")
		b.ReportMetric(float64(f.LaterMedian)/1024, engine+"-later-KB-median")
		b.ReportMetric(f.MsMedian, engine+"-ms-median")
		b.ReportMetric(f.MsMax, engine+"-ms-max")
	}
}

// siteInBrowser starts Chromium (closed when b ends) and returns it with
// builtSite's site.
func siteInBrowser(b *testing.B) (*qa.Browser, string) {
	b.Helper()
	path, err := qa.ChromiumPath()
	testenv.Need(b, err)
	dir := builtSite(b)
	br, err := qa.StartBrowser(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { br.Close() })
	return br, dir
}

// builtSite is the built site the browser benchmarks search:
// DANVAN_SEARCH_SITE, or a build of searchtest.CorpusSite's site.
func builtSite(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("DANVAN_SEARCH_SITE"); dir != "" {
		return dir
	}
	root := searchtest.CorpusRoot(b, benchN())
	out := filepath.Join(b.TempDir(), "public")
	opts := build.Options{Source: root, Dest: out, CacheDir: filepath.Join(b.TempDir(), "cache")}
	if _, err := build.Run(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkBrowserRequestCost measures what a search's latency is made of
// (bench.RequestCost) on the site BenchmarkSearchOnTheWire searches:
//
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run XXX -bench BrowserRequestCost -benchtime 3x
func BenchmarkBrowserRequestCost(b *testing.B) {
	br, dir := siteInBrowser(b)
	var c *bench.RequestCost
	for b.Loop() {
		var err error
		if c, err = bench.MeasureRequestCost(context.Background(), br, dir); err != nil {
			b.Fatal(err)
		}
	}
	b.Log(c)
	b.ReportMetric(c.Fetch1, "fetch1-ms")
	b.ReportMetric(c.Fetch5, "fetch5-ms")
	b.ReportMetric(c.Fetch8, "fetch8-ms")
	b.ReportMetric(c.LoadedMedian, "loaded-query-ms-median")
}

// TestMeasureOnTheWire runs the search measurements of cmd/benchmark on
// the sample site, so the harness itself is tested where CI has Chromium:
// the tab they open (without DevTools observing it) still sees every
// query's results drawn, the server counts the bytes, and the request
// costs come out. It asserts that the figures exist, not how fast they
// are: those are the benchmark's.
func TestMeasureOnTheWire(t *testing.T) {
	testenv.NotShort(t, "search measured in Chromium")
	path, err := qa.ChromiumPath()
	testenv.Need(t, err)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Source: "../..", Dest: out, CacheDir: filepath.Join(t.TempDir(), "cache")}); err != nil {
		t.Fatal(err)
	}
	br, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	f, err := bench.MeasureDanvan(context.Background(), br, out)
	if err != nil {
		t.Fatal(err)
	}
	if f.FirstBytes <= 0 {
		t.Errorf("first query: %d bytes counted, want the client and the index files", f.FirstBytes)
	}
	if f.Rounds != bench.SearchRounds || len(f.Queries) != bench.SearchRounds*len(bench.SearchQueries) {
		t.Errorf("%d queries on %d pages, want every query on each of %d pages", len(f.Queries), f.Rounds, bench.SearchRounds)
	}
	for _, q := range f.Queries {
		if q.Ms <= 0 || q.PageMs < q.Ms {
			t.Errorf("%q: first results %.1f ms, whole page %.1f ms: results not seen drawn", q.Query, q.Ms, q.PageMs)
		}
	}
	c, err := bench.MeasureRequestCost(context.Background(), br, out)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fetch1 <= 0 || c.Fetch5 <= 0 || c.Fetch8 <= 0 || c.LoadedMedian <= 0 {
		t.Errorf("request cost has a missing figure: %v", c)
	}
}
