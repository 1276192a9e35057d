package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/qa"
)

// SearchQueries mixes specific and very common words, typed as citizens
// do: without diacritics, with them, and one word in most documents.
var SearchQueries = []string{"don dien doi thua", "tinh khe", "dân vận khéo", "camera an ninh", "nghia dung", "bo giong giam ngheo", "phan loai rac", "hoi phu nu", "khuyen hoc", "dan"}

// QueryFigure is one query of a search measurement.
type QueryFigure struct {
	Query  string
	Bytes  int64   // on the wire, for this query only
	Ms     float64 // keystroke (or API call) to the first results on screen
	PageMs float64 // … to the whole first page (10 results, or all if fewer)
	Phases Phases  // where a danvan search's time went (-1s for Pagefind)
}

// SearchRounds is how many fresh pages a search measurement runs
// SearchQueries on. The bytes are the first page's (every page is served
// from a new origin, openPage, so the others download the same); the
// latencies of all pages are pooled. One page's ten queries gave medians
// that jumped between about 30 and 50 ms from run to run on this
// project's 2-core machine, as first results fall on one side of a frame
// or the other; fifty queries hold still.
const SearchRounds = 5

// SearchFigures sum up a search measurement: the first query on a fresh
// page (its bytes include the client, loaded with the page), then the
// others, each counting only what it downloaded itself.
type SearchFigures struct {
	Engine                  string
	Queries                 []QueryFigure // every page's, one page after the other
	Rounds                  int           // pages the queries ran on (SearchRounds)
	FirstBytes              int64
	LaterMedian, LaterMax   int64
	MsMedian, MsMax         float64      // to the first results on screen
	PageMsMedian, PageMsMax float64      // to the whole first page
	Phases                  PhaseFigures // where danvan's time went (Queries 0 for Pagefind)
}

func (f *SearchFigures) String() string {
	return fmt.Sprintf("%s: first query %.1f KB (client included); later queries median %.1f KB, max %.1f KB; keystroke → first results median %.1f ms, max %.1f ms; → whole first page median %.1f ms, max %.1f ms (%d queries on %d pages)",
		f.Engine, float64(f.FirstBytes)/1024, float64(f.LaterMedian)/1024, float64(f.LaterMax)/1024, f.MsMedian, f.MsMax, f.PageMsMedian, f.PageMsMax, len(f.Queries), f.Rounds)
}

// summarize sums up qs, rounds pages of per queries each: bytes from the
// first page, latencies from all.
func summarize(engine string, qs []QueryFigure, rounds, per int) *SearchFigures {
	f := &SearchFigures{Engine: engine, Queries: qs, Rounds: rounds, Phases: summarizePhases(qs)}
	var later []int64
	var ms, page []float64
	for i, q := range qs {
		switch {
		case i == 0:
			f.FirstBytes = q.Bytes
		case i < per:
			later = append(later, q.Bytes)
		}
		ms = append(ms, q.Ms)
		page = append(page, q.PageMs)
	}
	sort.Slice(later, func(i, j int) bool { return later[i] < later[j] })
	sort.Float64s(ms)
	sort.Float64s(page)
	if len(later) > 0 {
		f.LaterMedian, f.LaterMax = later[len(later)/2], later[len(later)-1]
	}
	if len(ms) > 0 {
		f.MsMedian, f.MsMax = ms[len(ms)/2], ms[len(ms)-1]
		f.PageMsMedian, f.PageMsMax = page[len(page)/2], page[len(page)-1]
	}
	return f
}

// danvanQuery types q into the search box and returns the milliseconds
// from the last keystroke until results are on screen, twice: the first
// results (the first change to the list or the status), and the whole
// first page (as many results as the status counts, ten at most). Each is
// taken after the next frame; a wait over 5 s is reported as -1. With gap
// 0 the whole query is one input event (a paste, a word from the phone's
// keyboard suggestions); otherwise it is typed a letter at a time, gap ms
// apart, as a person types, and earlier letters have searched already.
// The Phases of the search follow (phasesJS, its arguments after gap:
// phasesArgs), read once the page is drawn.
const danvanQuery = `(async (q, gap, ...where) => {
	const input = document.getElementById("q"), status = document.getElementById("search-status"), list = document.getElementById("search-results");
	const type = s => { input.value = s; input.dispatchEvent(new Event("input", {bubbles: true})); };
	const cs = Array.from(q);
	if (gap > 0) for (let i = 1; i < cs.length; i++) { type(cs.slice(0, i).join("")); await new Promise(r => setTimeout(r, gap)); }
	const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
	let first = null, drawn = -1;
	const page = new Promise(r => {
		const mo = new MutationObserver(() => {
			if (!first) { drawn = performance.now(); first = frame(); }
			const m = /Tìm thấy (?:ít nhất )?(\d+) bài/.exec(status.textContent);
			if (!m || list.children.length >= Math.min(10, +m[1])) { mo.disconnect(); r(frame()); }
		});
		mo.observe(status, {childList: true, characterData: true, subtree: true});
		mo.observe(list, {childList: true, subtree: true});
		setTimeout(() => { mo.disconnect(); r(-1); }, 5000);
	});
	performance.clearResourceTimings(); // the buffer holds 250 entries
	const t0 = performance.now();
	type(q);
	const t2 = await page, t1 = first ? await first : -1;
	return (t2 < 0 || t1 < 0 ? [-1, -1] : [t1 - t0, t2 - t0]).concat(` + phasesJS + `(t0, drawn, ...where));
})`

// pagefindQuery runs Pagefind's JS API: the search and the data of the top
// 10 results (what a results page shows), each result's data awaited on
// its own; first results = the first 5 in hand (Pagefind's own UI shows
// 5 at first), whole page = all 10.
const pagefindQuery = `(async (q) => {
	const t0 = performance.now();
	const r = await window.pf.search(q);
	const data = r.results.slice(0, 10).map(x => x.data());
	await Promise.all(data.slice(0, 5));
	const t1 = performance.now();
	await Promise.all(data);
	return [t1 - t0, performance.now() - t0];
})`

// pagefindPage is the page the Pagefind measurement runs in.
const pagefindPage = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>pf</title></head><body><script type="module">window.pf = await import("/pagefind/pagefind.js"); await window.pf.options({}); window.pfReady = true;</script></body></html>`

// SearchFolders are the folders of a danvan site its search page loads
// from (the page and the index, the client, the styles): a CDN of the
// measurements compresses them before the first page opens.
var SearchFolders = []string{"tim-kiem", "js", "css"}

// danvanReady is true once the search page is ready to type in.
const danvanReady = `!!document.getElementById("q") && !!document.getElementById("search-results")`

// MeasureDanvan measures the search page of the danvan site built in root.
// Bytes: search.js and everything under /tim-kiem/ but the page itself.
func MeasureDanvan(ctx context.Context, b *qa.Browser, root string) (*SearchFigures, error) {
	return MeasureDanvanTyped(ctx, b, root, 0)
}

// MeasureDanvanTyped is MeasureDanvan with each query typed a letter at a
// time, gap apart (0: in one input event).
func MeasureDanvanTyped(ctx context.Context, b *qa.Browser, root string, gap time.Duration) (*SearchFigures, error) {
	engine := "danvan"
	if gap > 0 {
		engine = fmt.Sprintf("danvan typed (%v a letter)", gap)
	}
	query := fmt.Sprintf("((q) => (%s)(q, %d, %s))", danvanQuery, gap.Milliseconds(), phasesArgs)
	return measureSearch(ctx, b, engine, root, SearchFolders, "/tim-kiem/", danvanReady, query,
		func(p string) bool {
			return strings.Contains(p, "/js/search.") || (strings.HasPrefix(p, "/tim-kiem/") && p != "/tim-kiem/")
		})
}

// MeasurePagefind measures Pagefind's index of the site in root (a Hugo
// build indexed by pagefind). Bytes: everything under /pagefind/, which
// Pagefind stores compressed and the server sends as it is.
func MeasurePagefind(ctx context.Context, b *qa.Browser, root string) (*SearchFigures, error) {
	page := filepath.Join(root, "pagefind-bench.html")
	if err := os.WriteFile(page, []byte(pagefindPage), 0o644); err != nil {
		return nil, fmt.Errorf("pagefind page: %w", err)
	}
	defer os.Remove(page)
	return measureSearch(ctx, b, "pagefind", root, []string{"pagefind", "pagefind-bench.html"}, "/pagefind-bench.html", `window.pfReady === true`, pagefindQuery,
		func(p string) bool { return strings.HasPrefix(p, "/pagefind/") })
}

// measureSearch measures an engine on the site in root, served by one CDN
// whose files under preload are compressed before the first page opens.
func measureSearch(ctx context.Context, b *qa.Browser, engine, root string, preload []string, page, ready, query string, keep func(string) bool) (*SearchFigures, error) {
	cdn, err := NewCDN(root, preload...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", engine, err)
	}
	var qs []QueryFigure
	for range SearchRounds {
		round, err := measureRound(ctx, b, engine, cdn, page, ready, query, keep)
		if err != nil {
			return nil, err
		}
		qs = append(qs, round...)
	}
	return summarize(engine, qs, SearchRounds, len(SearchQueries)), nil
}

// measureRound runs SearchQueries on one fresh page.
func measureRound(ctx context.Context, b *qa.Browser, engine string, site http.Handler, page, ready, query string, keep func(string) bool) ([]QueryFigure, error) {
	tctx, ws, done, err := openPage(ctx, b, site, page, ready)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", engine, err)
	}
	defer done()
	var qs []QueryFigure
	for _, q := range SearchQueries {
		arg, _ := json.Marshal(q)
		ms, err := chromedp.Run(tctx, chromedp.Evaluate[[]float64](query+"("+string(arg)+")", chromedp.EvalAwaitPromise))
		if err == nil && len(ms) < 2 {
			err = fmt.Errorf("the page answered %v, not two latencies", ms)
		}
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", engine, q, err)
		}
		time.Sleep(300 * time.Millisecond) // let late responses finish
		qs = append(qs, QueryFigure{Query: q, Bytes: ws.Take(keep), Ms: ms[0], PageMs: ms[1], Phases: phasesOf(ms)})
	}
	return qs, nil
}

// unobserved turns off the DevTools domains chromedp turns on in every tab
// for its own use (network, DOM, CSS), which the measurements do not read:
// with them on, Chromium reports every request, DOM change and style
// change to this process as it happens, work a reader's browser does not
// do. On this project's 2-core machine the observing was a quarter of a
// search's latency (6 alternating runs of BenchmarkSearchOnTheWire at
// 10,000 articles: keystroke → first results median 66 ms observed, 48 ms
// not). Pagefind is measured in the same kind of tab. The measurements
// read the page (performance.now, MutationObserver) and the server's byte
// counts, none of these domains.
func unobserved(tctx context.Context) error {
	return chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, c := range []cdp.Command[cdp.Empty, cdp.Empty]{network.Disable, css.Disable, dom.Disable} {
			if _, err := cdp.Call(ctx, t, c, cdp.Empty{}); err != nil {
				return fmt.Errorf("turn off %s: %w", c.Method, err)
			}
		}
		return nil
	}))
}

// openPage serves site (a CDN) on a new origin, bytes counted by the
// WireServer, and opens page in a new tab of b once ready
// (a JS expression) is true. The tab's context ends after 5 minutes or
// with ctx; done closes the tab and the server.
func openPage(ctx context.Context, b *qa.Browser, site http.Handler, page, ready string) (tctx context.Context, ws *WireServer, done func(), err error) {
	if ws, err = StartWireServer(site); err != nil {
		return nil, nil, nil, err
	}
	tab, closeTab, err := b.NewTab()
	if err != nil {
		ws.Close()
		return nil, nil, nil, err
	}
	tctx, cancel := context.WithTimeout(tab, 5*time.Minute)
	stop := context.AfterFunc(ctx, cancel)
	done = func() {
		stop()
		cancel()
		closeTab()
		ws.Close()
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(ws.URL+page),
		chromedp.Poll[chromedp.Void](ready, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		done()
		return nil, nil, nil, fmt.Errorf("page not ready: %w", err)
	}
	if err := unobserved(tctx); err != nil {
		done()
		return nil, nil, nil, err
	}
	return tctx, ws, done, nil
}
