package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/bench"
)

// BenchmarkSearchProfile explains where the time from keystroke to
// rendered results goes (the same sites as BenchmarkSearchOnTheWire): a
// timeline of the fetches each query makes (start, response, parsed,
// relative to the keystroke) from a wrapped window.fetch, and a V8 CPU
// profile of the same interval summed by function, logged per query and
// over all. A diagnostic: run it once.
//
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run XXX -bench SearchProfile -benchtime 1x
func BenchmarkSearchProfile(b *testing.B) {
	br, dir := siteInBrowser(b)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	cdn, err := bench.NewCDN(dir, bench.SearchFolders...)
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: cdn}
	go srv.Serve(ln)
	defer srv.Close()
	tab, closeTab, err := br.NewTab()
	if err != nil {
		b.Fatal(err)
	}
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/tim-kiem/"), chromedp.WaitVisible(chromedp.ID("q"))); err != nil {
		b.Fatal(err)
	}
	// The wrapper logs each fetch and the parse of its body, and each timer
	// (run, or cancelled); search.js looks them up on window at each call,
	// so wrapping after load works.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const orig = window.fetch; window.__log = [];
		const st = window.setTimeout;
		window.setTimeout = function (fn, ms) { const e = {u: 'timer ' + ms, s: performance.now()}; window.__log.push(e); e.id = st(function () { e.r = performance.now(); fn(); e.p = performance.now(); }, ms); return e.id; };
		const ct = window.clearTimeout;
		window.clearTimeout = function (id) { for (const e of window.__log) if (e.id === id) e.c = true; return ct(id); };
		const rs = history.replaceState.bind(history);
		history.replaceState = function () { const e = {u: 'replaceState', s: performance.now()}; window.__log.push(e); rs.apply(null, arguments); e.r = performance.now(); };
		window.fetch = function (u) {
			const e = {u: String(u).replace(/^.*\/tim-kiem\//, ''), s: performance.now()}; window.__log.push(e);
			return orig.apply(this, arguments).then(r => {
				e.r = performance.now();
				const j = r.json.bind(r);
				r.json = () => j().then(v => { e.p = performance.now(); return v; });
				return r;
			}, err => { e.x = performance.now(); throw err; });
		};
	})()`)); err != nil {
		b.Fatal(err)
	}
	// The floor: one small request at a time, then six and ten at once.
	rtt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const tok = (await (await fetch('/tim-kiem/manifest.json')).json()).t.d.substr(0, 8);
		const one = async () => { const r = await fetch('/tim-kiem/chi-muc/' + tok + '/d0.json?x=' + Math.random()); await r.json(); };
		const t = [];
		for (let i = 0; i < 10; i++) { const t0 = performance.now(); await one(); t.push(performance.now() - t0); }
		t.sort((a, b) => a - b);
		const par = async n => { const t0 = performance.now(); await Promise.all(Array.from({length: n}, one)); return (performance.now() - t0).toFixed(1); };
		return 'one request: median ' + t[5].toFixed(1) + ' ms, min ' + t[0].toFixed(1) + ' ms; 6 at once ' + await par(6) + ' ms; 10 at once ' + await par(10) + ' ms';
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("round trips (a 1 KB record file): %s", rtt)
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
		b.Fatal(err)
	}
	// settle waits until the query's work is over (every fetch answered or
	// failed, every timer run or cancelled), so none of it is counted
	// against the next query. It polls the page's own world, where the
	// log lives (chromedp.Poll runs in an isolated one).
	const settledJS = `window.__log.every(e => e.u === 'replaceState' || e.c || e.x !== undefined || (e.u.startsWith('timer ') ? e.p !== undefined : e.r !== undefined))`
	settle := func() error {
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](settledJS))
			if err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				left, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.__log)`))
				return fmt.Errorf("not settled in a minute (%v): %s", err, left)
			}
		}
	}
	total := map[string]float64{}
	for b.Loop() {
		clear(total) // one iteration: every query, profiled
		for _, q := range bench.SearchQueries {
			if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
				b.Fatal(err)
			}
			qs, _ := json.Marshal(q)
			res, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(async () => {
			const input = document.getElementById("q"), status = document.getElementById("search-status"), list = document.getElementById("search-results");
			window.__log = [];
			const done = new Promise(r => {
				const mo = new MutationObserver(() => { mo.disconnect(); r(); });
				mo.observe(status, {childList: true, characterData: true, subtree: true});
				mo.observe(list, {childList: true, subtree: true});
			});
			const t0 = performance.now();
			input.value = %s;
			input.dispatchEvent(new Event("input", {bubbles: true}));
			await done;
			const t1 = performance.now();
			await new Promise(r => requestAnimationFrame(() => r()));
			const t2 = performance.now();
			const f = x => x === undefined ? '-' : (x - t0).toFixed(1);
			return 'mutation ' + (t1 - t0).toFixed(1) + ' ms, frame ' + (t2 - t0).toFixed(1) + ' ms; ' + window.__log.length + ' fetches\n' +
				window.__log.map(e => '      ' + e.u.padEnd(22) + ' start ' + f(e.s) + ' resp ' + f(e.r) + ' parsed ' + f(e.p)).join('\n');
		})()`, qs), chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatal(err)
			}
			prof, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
			if err != nil {
				b.Fatal(err)
			}
			self := selfTimes(prof.Profile)
			for k, v := range self {
				total[k] += v
			}
			b.Logf("%q: %s\n    CPU: %s", q, res, topN(self, 8))
			if err := settle(); err != nil {
				b.Fatalf("%q: %v", q, err)
			}
		}
	}
	b.Logf("CPU over all queries: %s", topN(total, 20))
}

// selfTimes sums a CPU profile's sample intervals by the function on top
// of the stack (name:line, or the V8 pseudo-frame), in milliseconds.
func selfTimes(p *profiler.Profile) map[string]float64 {
	name := map[int64]string{}
	for _, n := range p.Nodes {
		f := n.CallFrame
		k := f.FunctionName
		if k == "" {
			k = "(anonymous)"
		}
		if f.URL != "" {
			u := f.URL[strings.LastIndexByte(f.URL, '/')+1:]
			k += " " + u + ":" + fmt.Sprint(f.LineNumber+1)
		}
		name[n.ID] = k
	}
	out := map[string]float64{}
	for i, id := range p.Samples {
		if i+1 < len(p.TimeDeltas) {
			out[name[id]] += float64(p.TimeDeltas[i+1]) / 1000
		}
	}
	return out
}

func topN(m map[string]float64, n int) string {
	type kv struct {
		k string
		v float64
	}
	var all []kv
	for k, v := range m {
		if k != "(idle)" {
			all = append(all, kv{k, v})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v })
	var b strings.Builder
	for i, x := range all {
		if i == n {
			break
		}
		fmt.Fprintf(&b, "%s %.1f ms; ", x.k, x.v)
	}
	fmt.Fprintf(&b, "(idle %.1f ms)", m["(idle)"])
	return b.String()
}
