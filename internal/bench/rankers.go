package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/search/static"
)

// TopK is how many results of each query the relevance benchmark reads.
const TopK = 10

// DanvanRanker ranks with the static index of the danvan site built in
// root: the Go scorer that `danvan search` runs and static/js/search.js
// mirrors (their parity is tested), so its lists are the browser's.
func DanvanRanker(root string) (func(q string) ([]string, error), error) {
	ix, err := static.Open(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	return func(q string) ([]string, error) {
		res, err := ix.Search(q, false, nil)
		if err != nil {
			return nil, err
		}
		rs := res.Visible()
		rs = rs[:min(TopK, len(rs))]
		if err := ix.Describe(rs); err != nil {
			return nil, err
		}
		urls := make([]string, len(rs))
		for i, r := range rs {
			urls[i] = r.URL
		}
		return urls, nil
	}, nil
}

// PagefindRanker ranks with Pagefind's index of the site in root (a Hugo
// build indexed by pagefind), through its JavaScript API in Chromium, as
// its search box does. close ends the page and its server.
func PagefindRanker(ctx context.Context, b *qa.Browser, root string) (rank func(q string) ([]string, error), close func(), err error) {
	page := filepath.Join(root, "pagefind-bench.html")
	if err := os.WriteFile(page, []byte(pagefindPage), 0o644); err != nil {
		return nil, nil, fmt.Errorf("pagefind page: %w", err)
	}
	cdn, err := NewCDN(root)
	if err != nil {
		os.Remove(page)
		return nil, nil, err
	}
	ws, err := StartWireServer(cdn)
	if err != nil {
		os.Remove(page)
		return nil, nil, err
	}
	tab, closeTab, err := b.NewTab()
	if err != nil {
		ws.Close()
		os.Remove(page)
		return nil, nil, err
	}
	close = func() { closeTab(); ws.Close(); os.Remove(page) }
	if err := chromedp.Do(tab, chromedp.Navigate(ws.URL+"/pagefind-bench.html"),
		chromedp.Poll[chromedp.Void](`window.pfReady === true`, chromedp.WithPollingTimeout(time.Minute))); err != nil {
		close()
		return nil, nil, fmt.Errorf("pagefind: page not ready: %w", err)
	}
	const js = `(async (q, k) => { const r = await window.pf.search(q); return Promise.all(r.results.slice(0, k).map(x => x.data().then(d => d.url))); })`
	rank = func(q string) ([]string, error) {
		arg, _ := json.Marshal(q)
		c, cancel := context.WithTimeout(tab, time.Minute)
		defer cancel()
		defer context.AfterFunc(ctx, cancel)()
		urls, err := chromedp.Run(c, chromedp.Evaluate[[]string](fmt.Sprintf("%s(%s, %d)", js, arg, TopK), chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, fmt.Errorf("pagefind %q: %w", q, err)
		}
		return urls, nil
	}
	return rank, close, nil
}
