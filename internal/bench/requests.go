package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/chromedp/chromedp"
	"github.com/quangngai/danvan/internal/qa"
)

// RequestCost is what a danvan search's latency is made of in this
// browser on this machine. A search fetches two rounds of files: one per
// query word and word pair, then the records of the first 5 results; each
// is a separate request, and the browser handles requests one after
// another, at a cost of its own per request.
type RequestCost struct {
	Fetch1, Fetch5, Fetch8 float64 // ms for 1, 5 or 8 record files fetched at once (median)
	LoadedMedian           float64 // ms from keystroke to first results when every file the query needs is already loaded (median over SearchQueries)
}

func (c *RequestCost) String() string {
	return fmt.Sprintf("1 file %.1f ms, 5 at once %.1f ms, 8 at once %.1f ms; a query whose files are loaded: %.1f ms", c.Fetch1, c.Fetch5, c.Fetch8, c.LoadedMedian)
}

// requestRounds fetches record files d<k>.json (k counting up from its
// argument, so no file comes from a cache) 1, 5 and 8 at once, nine times
// each, and returns the median time from the first fetch to the last
// parsed response for each width. record is the path of record file k
// (static.Manifest.Path, search.js Index.get).
const requestRounds = `(async (k0) => {
	const record = (m, k) => "/tim-kiem/chi-muc/" + m.t.d.substr((k >> 6) * 8, 8) + "/d" + k + ".json";
	const m = await (await fetch("/tim-kiem/manifest.json")).json();
	let k = k0;
	const out = [];
	for (const w of [1, 5, 8]) {
		const ts = [];
		for (let r = 0; r < 9; r++) {
			const t0 = performance.now();
			await Promise.all(Array.from({length: w}, () => fetch(record(m, k++ % m.n)).then(r => r.json())));
			ts.push(performance.now() - t0);
		}
		out.push(ts.sort((x, y) => x - y)[ts.length >> 1]);
	}
	return out;
})`

// clearBox empties the search box, as a person deleting the query, and
// resolves once a keystroke would be searched at once again. search.js
// (Page.prototype.listen) folds a keystroke within 20 ms of the previous
// search into a search at the end of those 20 ms: the clear itself may
// be folded so (its search up to 20 ms after it), and a new 20 ms spell
// starts from its search, hence 2 × 20 ms and a margin. The condition is
// a time, so the wait is one: without it the timed search, typed a moment
// after the clear, counted up to 20 ms of folding as its own latency.
const clearBox = `(async () => { const i = document.getElementById("q"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); await new Promise(r => setTimeout(r, 2 * 20 + 5)); return true; })()`

// MeasureRequestCost measures RequestCost on the danvan site built in root,
// served as MeasureDanvan serves it.
func MeasureRequestCost(ctx context.Context, b *qa.Browser, root string) (*RequestCost, error) {
	cdn, err := NewCDN(root, SearchFolders...)
	if err != nil {
		return nil, fmt.Errorf("request cost: %w", err)
	}
	tctx, _, done, err := openPage(ctx, b, cdn, "/tim-kiem/", danvanReady)
	if err != nil {
		return nil, fmt.Errorf("request cost: %w", err)
	}
	defer done()
	ms, err := chromedp.Run(tctx, chromedp.Evaluate[[3]float64](requestRounds+"(100)", chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("request cost: %w", err)
	}
	c := &RequestCost{Fetch1: ms[0], Fetch5: ms[1], Fetch8: ms[2]}
	var loaded []float64
	for _, q := range SearchQueries {
		arg, _ := json.Marshal(q)
		// The first search loads the query's files; the second is timed.
		var t [2]float64
		for range 2 {
			if t, err = chromedp.Run(tctx, chromedp.Evaluate[[2]float64](fmt.Sprintf("(%s)(%s, 0, %s)", danvanQuery, arg, phasesArgs), chromedp.EvalAwaitPromise)); err != nil {
				return nil, fmt.Errorf("request cost %q: %w", q, err)
			}
			if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](clearBox, chromedp.EvalAwaitPromise)); err != nil {
				return nil, err
			}
		}
		loaded = append(loaded, t[0])
	}
	sort.Float64s(loaded)
	c.LoadedMedian = loaded[len(loaded)/2]
	return c, nil
}
