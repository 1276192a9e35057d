package qa

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// DefaultChromium is where Debian's chromium package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// ChromiumPath returns the browser to test with: $CHROME_PATH when set,
// else /usr/bin/chromium, else chromium on PATH.
func ChromiumPath() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CHROME_PATH=%s: %w", p, err)
		}
		return p, nil
	}
	if _, err := os.Stat(DefaultChromium); err == nil {
		return DefaultChromium, nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("Chromium not found at %s or on PATH, and CHROME_PATH is unset (install it: apt-get install -y chromium)", DefaultChromium)
}

// Browser is one headless Chromium process with a fresh profile. Its methods
// may be called from several goroutines: each page gets its own tab.
type Browser struct {
	ctx         context.Context // the first tab's chromedp context: owns the browser
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
	profile     string
}

// StartBrowser starts Chromium at execPath headless, with the flags that the
// quality gates need and a new, empty user-data-dir.
func StartBrowser(execPath string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "danvan-qa-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 900),
		// A loaded 2-core machine can take a while to start Chromium.
		chromedp.WSURLReadTimeout(2 * time.Minute),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Run starts the process; its context must have no deadline.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		_ = os.RemoveAll(profile)
		return nil, fmt.Errorf("start %s: %w", execPath, err)
	}
	return &Browser{ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc, profile: profile}, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() error {
	tctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	err := chromedp.Cancel(tctx)
	cancel()
	b.cancel()
	b.cancelAlloc()
	if rmErr := os.RemoveAll(b.profile); err == nil {
		err = rmErr
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// Viewport is a window size to test a page at.
type Viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool // emulate a phone: meta viewport, touch
}

// The viewports of the issue: a phone and a laptop.
var (
	Phone   = Viewport{Name: "phone-390x844", Width: 390, Height: 844, Mobile: true}
	Desktop = Viewport{Name: "desktop-1366x900", Width: 1366, Height: 900}
)

// Emulate sets a tab to the viewport: its size and orientation, and for a
// phone the mobile layout (meta viewport, overlay scrollbars) and touch.
func (vp Viewport) Emulate() chromedp.Action[chromedp.Void] {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if vp.Width > vp.Height {
		opts[0] = chromedp.EmulateLandscape
	}
	if vp.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(vp.Width, vp.Height, opts...)
}

// PageOptions say what to check on one page.
type PageOptions struct {
	// ExpectStatus is the HTTP status of the page itself; 0 means 200. A
	// deliberate 404 page sets 404, so its own 404 is neither a failed
	// request nor a console error.
	ExpectStatus int64
	// Lang, if set, is the lang attribute that <html> must have.
	Lang string
	// SkipLinkHref, if set, is the href of the skip link that the first Tab
	// must focus; Enter must then move to that element, a <main>.
	SkipLinkHref string
	// PrintHidden, if not empty, are CSS selectors that must match at least
	// one element, each hidden under print media emulation: display:none
	// itself or inside an element that is (so "header nav" passes when the
	// print stylesheet hides the whole header).
	PrintHidden []string
	// Axe is the axe-core source (see [AxeSource]); empty skips axe.
	Axe string
	// Ready, if set, is a CSS selector that must match before the checks
	// run: content a script draws after the page loads (the results of
	// the search page), so the gates measure it too. ReadyTimeout bounds
	// the wait (0 means 30 s); a guard, not a performance assertion.
	Ready        string
	ReadyTimeout time.Duration
	// FirstScreen are CSS selectors whose first match must lie entirely
	// within the first screen (the viewport's height, page scrolled to the
	// top): the h1, the first article card of the home page.
	FirstScreen []string
	// Timeout bounds the whole visit; 0 means 2 minutes. It is a guard
	// against a hung browser, never a performance assertion.
	Timeout time.Duration
}

// Gate names used in [Problem].
const (
	GateStatus   = "status"
	GateConsole  = "console"
	GateRequest  = "request"
	GateOverflow = "overflow"
	GateImgSize  = "img-size"
	GateH1       = "h1"
	GateLang     = "lang"
	GateSkipLink = "skip-link"
	GatePrint    = "print"
	GateAxe      = "axe"
	GateReady    = "ready"
)

// Problem is one failed check on a page.
type Problem struct {
	Gate   string
	Detail string
}

func (p Problem) String() string { return p.Gate + ": " + p.Detail }

// PageReport is what [Browser.CheckPage] found on one page at one viewport.
type PageReport struct {
	URL         string
	Viewport    Viewport
	Status      int64
	ScrollWidth int64
	InnerWidth  int64
	Geometry    Geometry
	Axe         []AxeViolation
	Problems    []Problem
}

// Failed reports whether any check failed.
func (r *PageReport) Failed() bool { return len(r.Problems) > 0 }

// Gates returns the names of the gates that failed, sorted, once each.
func (r *PageReport) Gates() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range r.Problems {
		if !seen[p.Gate] {
			seen[p.Gate] = true
			out = append(out, p.Gate)
		}
	}
	sort.Strings(out)
	return out
}

// String lists the problems, one a line.
func (r *PageReport) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s at %s: %d problem(s)", r.URL, r.Viewport.Name, len(r.Problems))
	for _, p := range r.Problems {
		sb.WriteString("\n  - ")
		sb.WriteString(strings.ReplaceAll(p.String(), "\n", "\n    "))
	}
	return sb.String()
}

func (r *PageReport) add(gate, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Gate: gate, Detail: fmt.Sprintf(format, args...)})
}

// CheckPage opens url in a new tab at the viewport and runs the checks of
// opts. The error return is for a browser that could not do its job (a
// crash, a timeout); problems with the page are in the report.
func (b *Browser) CheckPage(ctx context.Context, url string, vp Viewport, opts PageOptions) (*PageReport, error) {
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil { // opens the tab, with no deadline
		return nil, fmt.Errorf("open tab: %w", err)
	}
	tctx, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	want := opts.ExpectStatus
	if want == 0 {
		want = 200
	}
	col := &collector{pageURL: url, expectStatus: want, requests: map[network.RequestID]string{}, inflight: map[network.RequestID]bool{}}
	if err := chromedp.Listen(tab, col.handle); err != nil {
		return nil, err
	}

	if err := chromedp.Do(tctx,
		vp.Emulate(),
		call(emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}),
		call(page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}),
	); err != nil {
		return nil, fmt.Errorf("set up tab: %w", err)
	}

	rep := &PageReport{URL: url, Viewport: vp}
	resp, err := chromedp.Run(tctx, chromedp.NavigateResponse(url))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", url, err)
	}
	if resp != nil {
		rep.Status = resp.Status
	}
	if rep.Status != want {
		rep.add(GateStatus, "HTTP status %d, want %d", rep.Status, want)
	}
	if err := col.waitQuiet(tctx); err != nil {
		return nil, err
	}

	if opts.Ready != "" {
		// Bounded by the visit's timeout; a page that never draws it is
		// reported, and the checks still run on what it did draw.
		wait := opts.ReadyTimeout
		if wait == 0 {
			wait = 30 * time.Second
		}
		rctx, cancel := context.WithTimeout(tctx, wait)
		_, err := chromedp.Run(rctx, chromedp.Poll[chromedp.Void](`document.querySelector(`+jsArg(opts.Ready)+`) !== null || null`, chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err != nil && tctx.Err() != nil {
			return nil, err
		}
		if err != nil {
			rep.add(GateReady, "%q never appeared: %v", opts.Ready, err)
		}
		if err := col.waitQuiet(tctx); err != nil {
			return nil, err
		}
	}
	if err := checkLayout(tctx, rep, vp, opts); err != nil {
		return nil, err
	}
	if err := checkGeometry(tctx, rep, vp, opts); err != nil {
		return nil, err
	}
	if opts.SkipLinkHref != "" {
		if err := checkSkipLink(tctx, rep, opts.SkipLinkHref); err != nil {
			return nil, err
		}
	}
	if opts.Axe != "" {
		if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
			return nil, err
		}
		v, err := RunAxe(tctx, opts.Axe)
		if err != nil {
			return nil, err
		}
		rep.Axe = v
		for _, viol := range v {
			rep.add(GateAxe, "%s", viol)
		}
	}
	if len(opts.PrintHidden) > 0 {
		if err := checkPrint(tctx, rep, opts.PrintHidden); err != nil {
			return nil, err
		}
	}
	// Late console errors and requests (from the key presses, print
	// styles…) count too.
	if err := col.waitQuiet(tctx); err != nil {
		return nil, err
	}
	consoleErrs, failed := col.results()
	for _, e := range consoleErrs {
		rep.add(GateConsole, "%s", e)
	}
	for _, f := range failed {
		rep.add(GateRequest, "%s", f)
	}
	return rep, nil
}

// call makes an action of one protocol command whose result is not needed.
func call[P, R any](cmd cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	})
}

// collector gathers console errors and failed requests from the events of
// one tab. Listen calls handle on the tab's reading goroutine, so it only
// records, under the lock.
type collector struct {
	pageURL      string
	expectStatus int64

	mu       sync.Mutex
	requests map[network.RequestID]string // id → "GET url (Type)"
	inflight map[network.RequestID]bool
	console  []string
	failed   []string
}

func (c *collector) handle(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		c.requests[ev.RequestID] = fmt.Sprintf("%s %s (%s)", ev.Request.Method, ev.Request.URL, ev.Type)
		c.inflight[ev.RequestID] = true
	case *network.EventLoadingFinished:
		delete(c.inflight, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(c.inflight, ev.RequestID)
		if ev.Canceled && ev.BlockedReason == "" {
			return // aborted by the page or by the end of the visit
		}
		why := ev.ErrorText
		if ev.BlockedReason != "" {
			why += " blocked: " + string(ev.BlockedReason)
		}
		c.failed = append(c.failed, fmt.Sprintf("%s failed: %s", c.describe(ev.RequestID), why))
	case *network.EventResponseReceived:
		st := int64(ev.Response.Status)
		if st < 400 {
			return
		}
		if ev.Type == network.ResourceTypeDocument && sameURL(ev.Response.URL, c.pageURL) && st == c.expectStatus {
			return // the deliberate 404 page itself
		}
		c.failed = append(c.failed, fmt.Sprintf("%s: HTTP %d", c.describe(ev.RequestID), st))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		c.console = append(c.console, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, firstLine(msg)))
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				parts = append(parts, a.Description)
			case len(a.Value) > 0:
				var s string
				if json.Unmarshal(a.Value, &s) == nil {
					parts = append(parts, s)
				} else {
					parts = append(parts, string(a.Value))
				}
			default:
				parts = append(parts, string(a.Type))
			}
		}
		c.console = append(c.console, fmt.Sprintf("console.%s: %s", ev.Type, firstLine(strings.Join(parts, " "))))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level != cdplog.EntryLevelError {
			return
		}
		if e.Source == cdplog.EntrySourceNetwork && sameURL(e.URL, c.pageURL) && c.expectStatus >= 400 &&
			strings.Contains(e.Text, fmt.Sprintf("status of %d", c.expectStatus)) {
			return // the browser's note about the deliberate 404
		}
		where := e.URL
		if where != "" && e.LineNumber > 0 {
			where = fmt.Sprintf("%s:%d", where, e.LineNumber+1)
		}
		c.console = append(c.console, fmt.Sprintf("%s error: %s %s", e.Source, firstLine(e.Text), where))
	}
}

func (c *collector) describe(id network.RequestID) string {
	if d, ok := c.requests[id]; ok {
		return d
	}
	return "request " + string(id)
}

func (c *collector) pending() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for id := range c.inflight {
		out = append(out, c.describe(id))
	}
	sort.Strings(out)
	return out
}

func (c *collector) results() (console, failed []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.console...), append([]string(nil), c.failed...)
}

// waitQuiet waits until the tab has had no request in flight for a few
// checks in a row. A request that never ends is reported when ctx ends.
func (c *collector) waitQuiet(ctx context.Context) error {
	quiet := 0
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for quiet < 4 {
		select {
		case <-ctx.Done():
			return fmt.Errorf("requests still in flight %v: %w", c.pending(), ctx.Err())
		case <-tick.C:
		}
		if len(c.pending()) == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
	return nil
}

func sameURL(a, b string) bool {
	trim := func(s string) string {
		s, _, _ = strings.Cut(s, "#")
		return s
	}
	return trim(a) == trim(b)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// jsArg returns v as a JavaScript literal.
func jsArg(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with strings and string slices
	}
	return string(b)
}

type layoutFacts struct {
	ScrollWidth int64    `json:"scrollWidth"`
	InnerWidth  int64    `json:"innerWidth"`
	Wide        []string `json:"wide"`
	Unsized     []string `json:"unsized"`
	H1          []string `json:"h1"`
	Lang        string   `json:"lang"`
}

const layoutJS = `(() => {
  const de = document.documentElement, iw = Math.min(window.innerWidth, de.clientWidth);
  const snip = (e) => e.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
  const wide = [];
  if (de.scrollWidth > iw) {
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect(), p = e.parentElement;
      if (r.right > iw + 0.5 && (!p || p.getBoundingClientRect().right <= iw + 0.5)) {
        wide.push(Math.round(r.right) + 'px: ' + snip(e));
        if (wide.length >= 5) break;
      }
    }
  }
  const unsized = [...document.querySelectorAll('img')]
    .filter(i => !(i.getAttribute('width') || '').trim() || !(i.getAttribute('height') || '').trim())
    .map(snip);
  const h1 = [...document.querySelectorAll('h1')].map(h => h.textContent.trim().slice(0, 80));
  return {scrollWidth: de.scrollWidth, innerWidth: window.innerWidth, wide, unsized, h1, lang: de.getAttribute('lang') || ''};
})()`

func checkLayout(ctx context.Context, rep *PageReport, vp Viewport, opts PageOptions) error {
	f, err := chromedp.Run(ctx, chromedp.Evaluate[layoutFacts](layoutJS))
	if err != nil {
		return fmt.Errorf("layout facts: %w", err)
	}
	rep.ScrollWidth, rep.InnerWidth = f.ScrollWidth, f.InnerWidth
	// A phone zooms out to fit wide content, and innerWidth grows with it;
	// the device width is the real limit.
	limit := min(f.InnerWidth, vp.Width)
	if f.ScrollWidth > limit {
		rep.add(GateOverflow, "horizontal scroll: document.documentElement.scrollWidth %d > innerWidth %d (viewport %d); elements past the right edge:\n%s",
			f.ScrollWidth, f.InnerWidth, vp.Width, strings.Join(f.Wide, "\n"))
	}
	for _, img := range f.Unsized {
		rep.add(GateImgSize, "img without width and height attributes: %s", img)
	}
	if len(f.H1) != 1 {
		rep.add(GateH1, "%d h1 elements, want exactly 1: %q", len(f.H1), f.H1)
	}
	if opts.Lang != "" && f.Lang != opts.Lang {
		rep.add(GateLang, "<html lang=%q>, want %q", f.Lang, opts.Lang)
	}
	return nil
}

type focusFacts struct {
	Tag     string `json:"tag"`
	Href    string `json:"href"`
	Text    string `json:"text"`
	Visible bool   `json:"visible"`
}

const focusJS = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return {tag: '', href: '', text: '', visible: false};
  const r = a.getBoundingClientRect();
  return {tag: a.tagName.toLowerCase(), href: a.getAttribute('href') || '', text: a.textContent.trim().slice(0, 80),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
})()`

type targetFacts struct {
	Hash     string  `json:"hash"`
	Found    bool    `json:"found"`
	Tag      string  `json:"tag"`
	Focused  bool    `json:"focused"`
	Top      float64 `json:"top"`
	AtBottom bool    `json:"atBottom"`
}

// targetJS reads where the skip link led; its argument is the target id.
const targetJS = `((id) => {
  const t = document.getElementById(id), se = document.scrollingElement, a = document.activeElement;
  if (!t) return {hash: location.hash, found: false, tag: '', focused: false, top: 0, atBottom: false};
  return {hash: location.hash, found: true, tag: t.tagName.toLowerCase(), focused: a === t || t.contains(a),
    top: t.getBoundingClientRect().top, atBottom: Math.ceil(se.scrollTop + innerHeight) >= se.scrollHeight - 1};
})`

// nextFocusJS tells where the Tab after the skip link went: inside the
// target, after it, or back before it (the skip link did not move the
// sequential focus starting point).
const nextFocusJS = `((id) => {
  const t = document.getElementById(id), a = document.activeElement;
  if (!t || !a || a === document.body) return 'none';
  if (t.contains(a)) return 'inside';
  if (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) return 'after';
  return 'before: ' + a.outerHTML.replace(/\s+/g, ' ').slice(0, 120);
})`

func checkSkipLink(ctx context.Context, rep *PageReport, href string) error {
	id := strings.TrimPrefix(href, "#")
	// Start as a keyboard user does: nothing focused, at the top.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.scrollTo(0, 0)`)); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return err
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[focusFacts](focusJS))
	if err != nil {
		return fmt.Errorf("skip link: %w", err)
	}
	if f.Tag != "a" || f.Href != href {
		rep.add(GateSkipLink, "the first Tab focuses <%s href=%q> %q, want the skip link <a href=%q>", f.Tag, f.Href, f.Text, href)
		return nil
	}
	if !f.Visible {
		rep.add(GateSkipLink, "the skip link %q is focused but not visible in the viewport", f.Text)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		return err
	}
	// Wait (bounded) until the browser has followed the link and scrolled;
	// smooth scrolling can take a moment. A timeout is reported below.
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	_, err = chromedp.Run(pctx, chromedp.PollFunction[chromedp.Void](`(id) => {
	  const t = document.getElementById(id), se = document.scrollingElement, a = document.activeElement;
	  if (!t || location.hash !== '#' + id) return false;
	  const top = t.getBoundingClientRect().top;
	  return a === t || Math.abs(top) <= 2 || Math.ceil(se.scrollTop + innerHeight) >= se.scrollHeight - 1;
	}`, chromedp.WithPollingArgs(id), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(0)))
	cancel()
	if err != nil && ctx.Err() != nil {
		return err
	}
	t, err := chromedp.Run(ctx, chromedp.Evaluate[targetFacts](targetJS+"("+jsArg(id)+")"))
	if err != nil {
		return fmt.Errorf("skip link target: %w", err)
	}
	switch {
	case t.Hash != href:
		rep.add(GateSkipLink, "Enter on the skip link left location.hash = %q, want %q", t.Hash, href)
		return nil
	case !t.Found:
		rep.add(GateSkipLink, "the skip link points to #%s, but no element has that id", id)
		return nil
	case t.Tag != "main":
		rep.add(GateSkipLink, "the skip link target #%s is a <%s>, want <main>", id, t.Tag)
	}
	if !t.Focused && !(t.Top >= -2 && t.Top <= 2) && !t.AtBottom {
		rep.add(GateSkipLink, "after Enter, #%s is neither focused nor scrolled to the top (its top is at %.0fpx)", id, t.Top)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return err
	}
	next, err := chromedp.Run(ctx, chromedp.Evaluate[string](nextFocusJS+"("+jsArg(id)+")"))
	if err != nil {
		return fmt.Errorf("skip link next focus: %w", err)
	}
	if strings.HasPrefix(next, "before") {
		rep.add(GateSkipLink, "after following the skip link, Tab goes back to %s", strings.TrimPrefix(next, "before: "))
	}
	return nil
}

type printFacts struct {
	Selector string   `json:"sel"`
	Count    int      `json:"count"`
	Shown    []string `json:"shown"`
}

func checkPrint(ctx context.Context, rep *PageReport, selectors []string) error {
	if err := chromedp.Do(ctx, call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})); err != nil {
		return err
	}
	facts, err := chromedp.Run(ctx, chromedp.Evaluate[[]printFacts](`((sels) => sels.map(s => {
	  const els = [...document.querySelectorAll(s)];
	  return {sel: s, count: els.length,
	    shown: els.filter(e => getComputedStyle(e).display !== 'none' && e.checkVisibility()).map(e => e.outerHTML.replace(/\s+/g, ' ').slice(0, 100))};
	}))(`+jsArg(selectors)+`)`))
	if err != nil {
		return fmt.Errorf("print styles: %w", err)
	}
	if err := chromedp.Do(ctx, call(emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})); err != nil {
		return err
	}
	for _, f := range facts {
		if f.Count == 0 {
			rep.add(GatePrint, "selector %q matches nothing, so the print check has nothing to check", f.Selector)
		}
		for _, s := range f.Shown {
			rep.add(GatePrint, "under print media %q is still displayed (want display:none): %s", f.Selector, s)
		}
	}
	return nil
}
