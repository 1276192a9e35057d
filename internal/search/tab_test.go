package search_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/testenv"
)

// searchTab is a Chromium tab for the search page tests, with the steps
// they share. Its limits are generous: a loaded machine is slow, and
// nothing here is timed.
type searchTab struct {
	t   *testing.T
	ctx context.Context // the tab
}

// openSearchTab starts Chromium at chrome and opens a tab; both close
// when the test ends.
func openSearchTab(t *testing.T, chrome string) *searchTab {
	t.Helper()
	b, err := qa.StartBrowser(chrome)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ctx, cancel, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return &searchTab{t: t, ctx: ctx}
}

// do runs steps, failing the test with name on error. Steps that lose
// their page's JavaScript context to Chromium run once more from the
// start (each step list begins with its navigation): on a loaded machine
// an Evaluate right after a Navigate and a poll that had passed once
// failed with "Cannot find context with specified id" (CI, 2026-12-06), an
// error of the DevTools link, not of the page.
func (tb *searchTab) do(name string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	for try := 1; ; try++ {
		c, stop := context.WithTimeout(tb.ctx, 90*time.Second)
		err := chromedp.Do(c, steps...)
		stop()
		if err == nil {
			return
		}
		if try == 1 && strings.Contains(err.Error(), "Cannot find context with specified id") {
			tb.t.Logf("%s: %v; running the step again", name, err)
			continue
		}
		tb.t.Fatalf("%s: %v", name, err)
	}
}

// eval returns the string value of a JavaScript expression.
func (tb *searchTab) eval(expr string) string {
	tb.t.Helper()
	c, stop := context.WithTimeout(tb.ctx, 30*time.Second)
	defer stop()
	v, err := chromedp.Run(c, chromedp.Evaluate[string](expr))
	if err != nil {
		tb.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// axe opens the filters and runs axe-core on the page, as the subtest
// "axe on <what>": every violation fails it. Without axe-core installed
// the subtest is skipped (testenv.Need), so the summary names it.
func (tb *searchTab) axe(what string) {
	tb.t.Helper()
	tb.t.Run("axe on "+what, func(t *testing.T) {
		src, err := qa.AxeSource()
		testenv.Need(t, err)
		c, stop := context.WithTimeout(tb.ctx, 90*time.Second)
		defer stop()
		if err := chromedp.Do(c, chromedp.Evaluate[chromedp.Void](`document.getElementById('search-filters').open = true`)); err != nil {
			t.Fatalf("open filters: %v", err)
		}
		vs, err := qa.RunAxe(c, src)
		if err != nil {
			t.Fatalf("axe: %v", err)
		}
		for _, v := range vs {
			t.Errorf("axe: %s", v)
		}
	})
}

// poll waits until a JavaScript expression is true.
func poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(60*time.Second))
}

// firstIs waits until the first result links to href.
func firstIs(href string) chromedp.Action[chromedp.Void] {
	return poll(`(() => { const a = document.querySelector('main #search-results li a'); return !!a && a.getAttribute('href') === ` + jsString(href) + `; })()`)
}
