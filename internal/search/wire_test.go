package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
	path, err := qa.ChromiumPath()
	testenv.Need(b, err)
	dir := builtSite(b)
	br, err := qa.StartBrowser(path)
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
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
		for _, q := range f.Queries {
			b.Logf("%s %-22q %6.1f KB %6.1f ms (whole page %6.1f ms)", f.Engine, q.Query, float64(q.Bytes)/1024, q.Ms, q.PageMs)
		}
		b.Log(f)
		b.ReportMetric(float64(f.FirstBytes)/1024, engine+"-first-KB")
		b.ReportMetric(float64(f.LaterMedian)/1024, engine+"-later-KB-median")
		b.ReportMetric(f.MsMedian, engine+"-ms-median")
		b.ReportMetric(f.MsMax, engine+"-ms-max")
	}
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
// in this Chromium on this machine, on the same built site and server as
// BenchmarkSearchOnTheWire: the time for 1, 5 and 8 record files fetched
// at once (a search's first round fetches one file per word and word pair,
// its second the records of the first 5 results), and the keystroke →
// first results of each measured query once every file it needs is already
// loaded (so only parsing, ranking, rendering and the next frame remain).
//
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run XXX -bench BrowserRequestCost -benchtime 3x
func BenchmarkBrowserRequestCost(b *testing.B) {
	path, err := qa.ChromiumPath()
	testenv.Need(b, err)
	dir := builtSite(b)
	br, err := qa.StartBrowser(path)
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
	ws, err := bench.StartWireServer(bench.GzipHandler(dir))
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	tab, closeTab, err := br.NewTab()
	if err != nil {
		b.Fatal(err)
	}
	defer closeTab()
	if err := chromedp.Do(tab, chromedp.Navigate(ws.URL+"/tim-kiem/"),
		chromedp.Poll[chromedp.Void](`!!document.getElementById("search-results")`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		b.Fatal(err)
	}
	// Record files d<k>.json are fetched once each (k counts up), so none
	// comes from a cache; each batch is timed from the first fetch to the
	// last parsed response.
	const fetches = `(async (k0) => {
		const m = await (await fetch("/tim-kiem/manifest.json")).json();
		const base = "/tim-kiem/chi-muc/" + m.v + "/", n = m.n, out = {};
		let k = k0;
		for (const w of [1, 5, 8]) {
			const ts = [];
			for (let r = 0; r < 9; r++) {
				const t0 = performance.now();
				await Promise.all(Array.from({length: w}, () => fetch(base + "d" + (k++ % n) + ".json").then(r => r.json())));
				ts.push(performance.now() - t0);
			}
			out[w] = ts.sort((x, y) => x - y)[ts.length >> 1];
		}
		return [out[1], out[5], out[8]];
	})`
	var last [3]float64
	var loaded []float64
	k := 0
	for b.Loop() {
		ms, err := chromedp.Run(tab, chromedp.Evaluate[[3]float64](fmt.Sprintf("(%s)(%d)", fetches, k), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		k += 9 * 14
		last = ms
		loaded = loaded[:0]
		for _, q := range bench.SearchQueries {
			// The first run loads the query's files, the second is timed.
			var t float64
			for range 2 {
				arg, _ := json.Marshal(q)
				r, err := chromedp.Run(tab, chromedp.Evaluate[[2]float64](fmt.Sprintf("(%s)(%s, 0)", bench.DanvanQuery, arg), chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				t = r[0]
				if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const i = document.getElementById("q"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)); err != nil {
					b.Fatal(err)
				}
			}
			loaded = append(loaded, t)
		}
	}
	sort.Float64s(loaded)
	b.ReportMetric(last[0], "fetch1-ms")
	b.ReportMetric(last[1], "fetch5-ms")
	b.ReportMetric(last[2], "fetch8-ms")
	b.ReportMetric(loaded[len(loaded)/2], "loaded-query-ms-median")
}
