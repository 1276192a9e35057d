package search_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/quangngai/danvan/internal/qa"
)

// wireQueries mixes specific and very common words, typed as citizens do.
var wireQueries = []string{"don dien doi thua", "tinh khe", "dân vận khéo", "camera an ninh", "nghia dung", "bo giong giam ngheo", "phan loai rac", "hoi phu nu", "khuyen hoc", "dan"}

// gzipHandler serves a built site compressing text as Netlify does; files
// that are already compressed (Pagefind's) go out as they are.
func gzipHandler(root string) http.Handler {
	inner := qa.SiteHandler(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		text := strings.HasSuffix(r.URL.Path, "/") || map[string]bool{".html": true, ".js": true, ".json": true, ".css": true, ".xml": true, ".svg": true}[ext]
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			inner.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		inner.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(p []byte) (int, error) { return g.gz.Write(p) }

// wire counts bytes received per URL in a tab.
type wire struct {
	mu    sync.Mutex
	urls  map[network.RequestID]string
	bytes map[string]float64
}

func (w *wire) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		w.urls[e.RequestID] = e.Request.URL
	case *network.EventLoadingFinished:
		w.bytes[w.urls[e.RequestID]] += e.EncodedDataLength
	}
}

func (w *wire) take(keep func(url string) bool) float64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	total := 0.0
	for u, n := range w.bytes {
		if keep(u) {
			total += n
		}
	}
	w.bytes = map[string]float64{}
	return total
}

// TestSearchOnTheWire measures, in Chromium, the bytes each query
// downloads (gzip on the wire) and the time from the keystroke to rendered
// results, for danvan's search on a built site (DANVAN_SEARCH_SITE) and,
// when DANVAN_PAGEFIND_SITE names a site indexed by Pagefind, for Pagefind
// on the same queries. A benchmark, skipped unless those are set:
//
//	go run ./cmd/danvan build -s /tmp/corpus-10k -d /tmp/site-10k
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run OnTheWire -v
func TestSearchOnTheWire(t *testing.T) {
	dir := os.Getenv("DANVAN_SEARCH_SITE")
	if dir == "" {
		t.Skip("set DANVAN_SEARCH_SITE to a built site to measure")
	}
	path, err := qa.ChromiumPath()
	qa.NeedTool(t, err)
	b, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	measure := func(name, root, page string, ready string, query func(q string) string, keep func(string) bool) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{Handler: gzipHandler(root)}
		go srv.Serve(ln)
		defer srv.Close()
		tab, closeTab, err := b.NewTab()
		if err != nil {
			t.Fatal(err)
		}
		defer closeTab()
		ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
		defer cancel()
		w := &wire{urls: map[network.RequestID]string{}, bytes: map[string]float64{}}
		chromedp.Listen(tab, w.listen)
		if _, err := chromedp.Run(ctx, chromedp.NavigateResponse("http://"+ln.Addr().String()+page)); err != nil {
			t.Fatal(err)
		}
		if ready != "" {
			deadline := time.Now().Add(30 * time.Second)
			for {
				ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](ready))
				if err == nil && ok {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s: not ready", name)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		var sizes []float64
		var times []float64
		first := 0.0
		for i, q := range wireQueries {
			ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](query(q), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s %q: %v", name, q, err)
			}
			time.Sleep(300 * time.Millisecond) // let late responses finish
			n := w.take(keep)
			if i == 0 {
				first = n
			} else {
				sizes = append(sizes, n)
			}
			times = append(times, ms)
			t.Logf("%s %-22q %6.1f KB %6.1f ms", name, q, n/1024, ms)
		}
		sort.Float64s(sizes)
		sort.Float64s(times)
		t.Logf("%s: first query %.1f KB (client included); later queries median %.1f KB, max %.1f KB; keystroke → results median %.1f ms, max %.1f ms",
			name, first/1024, sizes[len(sizes)/2]/1024, sizes[len(sizes)-1]/1024, times[len(times)/2], times[len(times)-1])
	}

	// danvan: type into the box; results are rendered when #search-status
	// changes. Bytes: search.js and everything under /tim-kiem/ but the page.
	measure("danvan", dir, "/tim-kiem/", `!!document.getElementById("q")`, func(q string) string {
		qs, _ := json.Marshal(q)
		return fmt.Sprintf(`(async () => {
			const input = document.getElementById("q"), status = document.getElementById("search-status"), list = document.getElementById("search-results");
			// Rendering rewrites the list and the status: the first change
			// marks the results on screen (5 s at most, reported as -1).
			let timedOut = false;
			const done = new Promise(r => {
				const mo = new MutationObserver(() => { mo.disconnect(); r(); });
				mo.observe(status, {childList: true, characterData: true, subtree: true});
				mo.observe(list, {childList: true, subtree: true});
				setTimeout(() => { timedOut = true; mo.disconnect(); r(); }, 5000);
			});
			const t0 = performance.now();
			input.value = %s;
			input.dispatchEvent(new Event("input", {bubbles: true}));
			await done;
			await new Promise(r => requestAnimationFrame(() => r()));
			return timedOut ? -1 : performance.now() - t0;
		})()`, qs)
	}, func(u string) bool {
		return strings.Contains(u, "/js/search.") || (strings.Contains(u, "/tim-kiem/") && !strings.HasSuffix(u, "/tim-kiem/") && !strings.Contains(u, "/tim-kiem/?"))
	})

	if pf := os.Getenv("DANVAN_PAGEFIND_SITE"); pf != "" {
		// Pagefind: its JS API, top 10 results with their data (what a
		// results page shows). Bytes: everything under /pagefind/.
		page := filepath.Join(pf, "pagefind-bench.html")
		os.WriteFile(page, []byte(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>pf</title></head><body><script type="module">window.pf = await import("/pagefind/pagefind.js"); await window.pf.options({}); window.pfReady = true;</script></body></html>`), 0o644)
		defer os.Remove(page)
		measure("pagefind", pf, "/pagefind-bench.html", `window.pfReady === true`, func(q string) string {
			qs, _ := json.Marshal(q)
			return fmt.Sprintf(`(async () => {
				const t0 = performance.now();
				const r = await window.pf.search(%s);
				await Promise.all(r.results.slice(0, 10).map(x => x.data()));
				return performance.now() - t0;
			})()`, qs)
		}, func(u string) bool { return strings.Contains(u, "/pagefind/") })
	}
}
