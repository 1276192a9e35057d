package qa

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/quangngai/danvan/internal/host"
)

// clsJS sums the layout shifts of the page so far (buffered entries
// included), leaving out those caused by input, and names what moved: the
// element (or the text and its parent) with its box before and after.
const clsJS = `new Promise(resolve => {
  let sum = 0, n = 0, what = [];
  const html = e => e.outerHTML.replace(/\s+/g, ' ').slice(0, 90);
  const name = s => !s.node ? '?' : s.node.nodeType === 1 ? html(s.node) : '#text "' + s.node.textContent.slice(0, 40) + '" in ' + (s.node.parentElement ? html(s.node.parentElement) : '?');
  const add = list => { for (const e of list) { n++; if (!e.hadRecentInput) { sum += e.value; what.push(e.value.toExponential(2) + ' at ' + Math.round(e.startTime) + ' ms: ' + e.sources.map(s => name(s) + ' ' + JSON.stringify(s.previousRect) + ' → ' + JSON.stringify(s.currentRect)).join('; ')); } } };
  const po = new PerformanceObserver(l => add(l.getEntries()));
  po.observe({type: 'layout-shift', buffered: true});
  setTimeout(() => { add(po.takeRecords()); po.disconnect(); resolve({sum, n, what}); }, 300);
})`

// blockStart matches the start tag of an element that begins a block, a
// row, a cell or an item, or of an inline element (a loaded machine's
// parser also yields between the words of a line and the element after
// them): where a slow delivery cuts a page.
var blockStart = regexp.MustCompile(`<(?:span|strong|em|time|abbr|small|b|i|p|div|section|article|aside|header|footer|nav|main|figure|h[1-6]|ul|ol|li|dl|dt|dd|table|caption|colgroup|thead|tbody|tfoot|tr|th|td|details|summary|form|label|select|button|input|img|svg|a)[\s>]`)

// linkStart matches the start tag of a link: a piece may also end just
// after one, so that the link is drawn before its text has arrived.
var linkStart = regexp.MustCompile(`<a\s[^>]*>`)

// trickle delivers HTML responses in pieces of about size bytes, each cut
// just before an element starts or (every other piece) just inside a
// link, with a pause after each piece. Chromium
// draws a page while it arrives, so every piece is a chance for it to draw
// a half-built page; what it drew must not move when the rest comes. A
// loaded machine does the same at random (the parser yields between
// elements); the pieces make it happen on every run. Other files pass
// through whole.
func trickle(h http.Handler, size int, pause time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&trickleWriter{ResponseWriter: w, size: size, pause: pause}, r)
	})
}

type trickleWriter struct {
	http.ResponseWriter
	size   int
	pause  time.Duration
	pieces int // pieces cut so far
}

func (w *trickleWriter) Write(p []byte) (int, error) {
	f, ok := w.ResponseWriter.(http.Flusher)
	if !ok || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		return w.ResponseWriter.Write(p)
	}
	n := 0
	for len(p) > 0 {
		cut := len(p)
		if len(p) > w.size {
			if loc := blockStart.FindIndex(p[w.size:]); loc != nil {
				cut = w.size + loc[0]
			}
			// Every other piece ends inside a link, when one follows
			// within another piece's length: a link further on would
			// leave what lies before it (a chart, say) uncut.
			if w.pieces%2 == 1 {
				if loc := linkStart.FindIndex(p[w.size:min(len(p), 2*w.size)]); loc != nil {
					cut = w.size + loc[1]
				}
			}
			w.pieces++
		}
		m, err := w.ResponseWriter.Write(p[:cut])
		n += m
		if err != nil {
			return n, err
		}
		f.Flush()
		p = p[cut:]
		if len(p) > 0 {
			time.Sleep(w.pause) // the network's pace, not a wait for a condition
		}
	}
	return n, nil
}

// TestNoLayoutShift: nothing a reader sees moves while a page loads, on a
// phone and on a desktop, anywhere on the page (see tall), for every page
// of SamplePages: the page arrives in pieces (see trickle), its photos
// load (every <img> has its size), and script-drawn content (the search
// results) appears in room kept for it. A shift names the elements that
// moved, with their boxes.
func TestNoLayoutShift(t *testing.T) {
	dir, _ := sampleSite(t)
	// 20 ms between pieces: longer than a frame (16.7 ms), so Chromium
	// draws the page as it stands after each piece, not only when a loaded
	// machine happens to skip the parser ahead.
	srv := httptest.NewServer(trickle(host.Dir(dir), 200, 20*time.Millisecond))
	defer srv.Close()
	b := testBrowser(t)
	for _, vp := range []Viewport{Phone, Desktop} {
		for _, pg := range SamplePages {
			t.Run(pg.Name+"/"+vp.Name, func(t *testing.T) {
				tab, closeTab, err := b.NewTab()
				if err != nil {
					t.Fatal(err)
				}
				defer closeTab()
				ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
				defer cancel()
				type clsResult struct {
					Sum  float64  `json:"sum"`
					N    int      `json:"n"`
					What []string `json:"what"` // the shifts: value, time, elements and their boxes
				}
				var imgs int
				var res clsResult
				err = chromedp.Do(ctx,
					tall(vp).Emulate(),
					chromedp.Navigate(srv.URL+pg.Path),
				)
				if err == nil && pg.Ready != "" {
					_, err = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelector(`+jsArg(pg.Ready)+`) || null`))
				}
				// Scrolled to the end, the lazy images load; the shifts
				// they would cause are counted when the page is back at
				// its top.
				if err == nil {
					err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`))
				}
				if err == nil {
					_, err = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`Array.from(document.images).every(i => i.complete && i.naturalWidth > 0) || null`))
				}
				if err == nil {
					imgs, err = chromedp.Run(ctx, chromedp.Evaluate[int](`window.scrollTo(0, 0); document.images.length`))
				}
				if err == nil {
					res, err = chromedp.Run(ctx, chromedp.Evaluate[clsResult](clsJS, chromedp.EvalAwaitPromise))
				}
				if err != nil {
					t.Fatalf("%s: %v", pg.Path, err)
				}
				t.Logf("%s: %d images, CLS %.4f (%d entries)", pg.Path, imgs, res.Sum, res.N)
				if res.Sum != 0 {
					t.Errorf("%s: cumulative layout shift %.4f, want 0; shifts:\n%s", pg.Path, res.Sum, strings.Join(res.What, "\n"))
				}
			})
		}
	}
}

// tall is vp made as tall as any sample page, so that a shift anywhere on
// a page counts, not only in its first screen: a reader scrolls while a
// page loads, and a shift below the first screen was counted only when a
// loaded machine drew the moved element at the very end of the load (with
// the view at the bottom for the lazy photos): a test that failed one run
// in five. The width, and with it every layout rule, is vp's.
func tall(vp Viewport) Viewport {
	vp.Height = 8000
	return vp
}
