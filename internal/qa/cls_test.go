package qa

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// clsJS sums the layout shifts of the page so far (buffered entries
// included), leaving out those caused by input.
const clsJS = `new Promise(resolve => {
  let sum = 0, n = 0, what = [];
  const name = s => s.node ? (s.node.nodeType === 1 ? s.node.outerHTML.replace(/\s+/g, ' ').slice(0, 90) : '#text ' + s.node.textContent.slice(0, 40)) : '?';
  const add = list => { for (const e of list) { n++; if (!e.hadRecentInput) { sum += e.value; what.push(e.value.toFixed(4) + ' at ' + Math.round(e.startTime) + ' ms: ' + e.sources.map(s => name(s) + ' ' + JSON.stringify(s.previousRect) + ' → ' + JSON.stringify(s.currentRect)).join('; ')); } } };
  const po = new PerformanceObserver(l => add(l.getEntries()));
  po.observe({type: 'layout-shift', buffered: true});
  setTimeout(() => { add(po.takeRecords()); po.disconnect(); resolve({sum, n, what}); }, 300);
})`

// TestNoLayoutShift: pages with photos (an article with a cover and body
// images, the home page with card thumbnails) do not move while their
// images load, on a phone and on a desktop: every <img> has its size.
func TestNoLayoutShift(t *testing.T) {
	_, base := sampleSite(t)
	b := testBrowser(t)
	for _, vp := range []struct{ w, h int64 }{{390, 844}, {1366, 900}} {
		for _, page := range []string{"bai-viet/don-dien-doi-thua-nghia-dung/", ""} {
			tab, closeTab, err := b.NewTab()
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
			type clsResult struct {
				Sum  float64  `json:"sum"`
				N    int      `json:"n"`
				What []string `json:"what"` // the shifts: value, time, elements and their boxes
			}
			var imgs int
			var res clsResult
			err = chromedp.Do(ctx,
				chromedp.EmulateViewport(vp.w, vp.h),
				chromedp.Navigate(base+page),
				chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`),
			)
			if err == nil {
				_, err = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`Array.from(document.images).every(i => i.complete && i.naturalWidth > 0) || null`))
			}
			if err == nil {
				imgs, err = chromedp.Run(ctx, chromedp.Evaluate[int](`window.scrollTo(0, 0); document.images.length`))
			}
			if err == nil {
				res, err = chromedp.Run(ctx, chromedp.Evaluate[clsResult](clsJS, chromedp.EvalAwaitPromise))
			}
			cancel()
			closeTab()
			if err != nil {
				t.Fatalf("/%s at %dpx: %v", page, vp.w, err)
			}
			if imgs == 0 {
				t.Errorf("/%s has no images", page)
			}
			t.Logf("/%s at %dpx: %d images, CLS %.4f (%d entries)", page, vp.w, imgs, res.Sum, res.N)
			if res.Sum != 0 {
				t.Errorf("/%s at %dpx: cumulative layout shift %.4f, want 0; shifts:\n%s", page, vp.w, res.Sum, strings.Join(res.What, "\n"))
			}
		}
	}
}
