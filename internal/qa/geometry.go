package qa

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// Geometry gates: what a reader on a phone meets first, measured from the
// DOM of the rendered page (never from pixels), so a failure names the
// element and its numbers.
const (
	// GateScrollRegion: an element scrolls sideways (a table in a scroll
	// box): the page fits, but the reader still has to swipe to see it.
	GateScrollRegion = "scroll-region"
	// GateSmallText: text rendered below MinTextPx CSS pixels; SVG text is
	// measured at its rendered size (font size × the scale of the drawing).
	GateSmallText = "small-text"
	// GateClipped: the box of a text lies outside the box that clips it
	// (an overflow:hidden ancestor or the viewport of its <svg>).
	GateClipped = "clipped"
	// GateFirstScreen: an element that must be seen without scrolling is
	// not entirely within the first screen.
	GateFirstScreen = "first-screen"
)

// MinTextPx is the smallest text size allowed, in CSS pixels.
const MinTextPx = 12

// geometryFacts are the measurements of geometryJS.
type geometryFacts struct {
	ScrollRegions []string      `json:"scrollRegions"`
	SmallText     []string      `json:"smallText"`
	Clipped       []string      `json:"clipped"`
	Screen        []screenFacts `json:"screen"`
	Height        float64       `json:"height"`
	MinText       float64       `json:"minText"`
}

// screenFacts say where the first element matching a selector is, in page
// coordinates with the page scrolled to the top.
type screenFacts struct {
	Selector string  `json:"sel"`
	Found    bool    `json:"found"`
	Top      float64 `json:"top"`
	Bottom   float64 `json:"bottom"`
	Text     string  `json:"text"`
}

// geometryJS measures the page. Its arguments are the minimum text size and
// the selectors of the first screen. Text that no one sees is left out:
// elements hidden by display, visibility or the visually-hidden pattern
// (a 1×1 clipped box, read by screen readers only), and <title>/<desc> of
// SVG drawings.
const geometryJS = `((minPx, firstScreen) => {
  window.scrollTo(0, 0);
  const snip = (e) => e.outerHTML.replace(/\s+/g, ' ').slice(0, 140);
  const where = (e) => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) {
      let s = n.tagName.toLowerCase();
      if (n.id) s += '#' + n.id; else if (n.classList.length) s += '.' + [...n.classList].join('.');
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const hiddenCache = new Map();
  const hidden = (e) => {
    if (!e || e === document.documentElement) return false;
    if (hiddenCache.has(e)) return hiddenCache.get(e);
    const cs = getComputedStyle(e);
    let h = cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse';
    if (!h && cs.position === 'absolute' && cs.overflow === 'hidden') {
      const r = e.getBoundingClientRect();
      h = r.width <= 1 && r.height <= 1;
    }
    if (!h) h = hidden(e.parentElement);
    hiddenCache.set(e, h);
    return h;
  };
  const out = {scrollRegions: [], smallText: [], clipped: [], screen: [], height: document.documentElement.scrollHeight, minText: 1e9};

  for (const e of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(e);
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1 && !hidden(e)) {
      out.scrollRegions.push(where(e) + ': scrollWidth ' + e.scrollWidth + ' > clientWidth ' + e.clientWidth);
    }
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seenSmall = new Set(), seenClip = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.data.trim();
    const el = t.parentElement;
    if (!text || !el || hidden(el)) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template' || el.closest('title, desc, option, select')) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const box = range.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    const svgText = el.closest('svg');
    if (svgText && el instanceof SVGElement) {
      const m = el.getScreenCTM();
      if (m) px *= Math.hypot(m.a, m.b);
    }
    out.minText = Math.min(out.minText, px);
    if (px < minPx - 0.01 && !seenSmall.has(el)) {
      seenSmall.add(el);
      out.smallText.push(px.toFixed(1) + 'px: ' + where(el) + ' "' + text.slice(0, 50) + '"');
    }
    // The clip boxes: every ancestor that hides its overflow, and the
    // viewport of an enclosing <svg>.
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const acs = getComputedStyle(a);
      const clipsX = acs.overflowX === 'hidden' || acs.overflowX === 'clip';
      const clipsY = acs.overflowY === 'hidden' || acs.overflowY === 'clip';
      const isSvg = a.tagName.toLowerCase() === 'svg';
      if (!clipsX && !clipsY && !isSvg) continue;
      const c = a.getBoundingClientRect();
      const outX = box.left < c.left - 0.5 || box.right > c.right + 0.5;
      const outY = box.top < c.top - 0.5 || box.bottom > c.bottom + 0.5;
      if (((clipsX || isSvg) && outX) || ((clipsY || isSvg) && outY)) {
        if (!seenClip.has(el)) {
          seenClip.add(el);
          out.clipped.push(where(el) + ' "' + text.slice(0, 50) + '": text box [' + Math.round(box.left) + ',' + Math.round(box.top) + ' – ' + Math.round(box.right) + ',' + Math.round(box.bottom) + '] outside its clip box ' + where(a) + ' [' + Math.round(c.left) + ',' + Math.round(c.top) + ' – ' + Math.round(c.right) + ',' + Math.round(c.bottom) + ']');
        }
        break;
      }
    }
  }
  for (const sel of firstScreen) {
    const e = document.querySelector(sel);
    if (!e) { out.screen.push({sel, found: false, top: 0, bottom: 0, text: ''}); continue; }
    const r = e.getBoundingClientRect();
    out.screen.push({sel, found: true, top: r.top + scrollY, bottom: r.bottom + scrollY, text: e.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)});
  }
  if (out.minText === 1e9) out.minText = 0;
  return out;
})`

// Geometry is what [Browser.CheckPage] measured of a page's layout, for
// reports and screenshots.
type Geometry struct {
	Height  float64 // document height in CSS pixels
	MinText float64 // smallest rendered text size in CSS pixels
	// Where the first element of each PageOptions.FirstScreen selector
	// lies, in CSS pixels from the top of the page.
	Screen []ScreenBox
}

// ScreenBox is where an element lies on the page.
type ScreenBox struct {
	Selector    string
	Found       bool
	Top, Bottom float64 // CSS pixels from the top of the page
}

// checkGeometry runs the geometry gates on a loaded page.
func checkGeometry(ctx context.Context, rep *PageReport, vp Viewport, opts PageOptions) error {
	f, err := chromedp.Run(ctx, chromedp.Evaluate[geometryFacts](geometryJS+"("+jsArg(MinTextPx)+","+jsArg(nonNil(opts.FirstScreen))+")"))
	if err != nil {
		return fmt.Errorf("geometry: %w", err)
	}
	rep.Geometry = Geometry{Height: f.Height, MinText: f.MinText}
	for _, s := range f.ScrollRegions {
		rep.add(GateScrollRegion, "an element scrolls sideways (its content is wider than the page): %s", s)
	}
	for _, s := range f.SmallText {
		rep.add(GateSmallText, "text below %d px: %s", MinTextPx, s)
	}
	for _, s := range f.Clipped {
		rep.add(GateClipped, "%s", s)
	}
	for _, s := range f.Screen {
		rep.Geometry.Screen = append(rep.Geometry.Screen, ScreenBox{Selector: s.Selector, Found: s.Found, Top: s.Top, Bottom: s.Bottom})
		if !s.Found {
			rep.add(GateFirstScreen, "no element matches %q", s.Selector)
			continue
		}
		if s.Bottom > float64(vp.Height)+0.5 {
			rep.add(GateFirstScreen, "%q (%q) spans %.0f–%.0f px, not within the first screen (%d px)", s.Selector, s.Text, s.Top, s.Bottom, vp.Height)
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// String summarises the geometry in one line.
func (g Geometry) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "height %.0f px, smallest text %.1f px", g.Height, g.MinText)
	for _, b := range g.Screen {
		if b.Found {
			fmt.Fprintf(&sb, ", %s at %.0f–%.0f px", b.Selector, b.Top, b.Bottom)
		} else {
			fmt.Fprintf(&sb, ", no %s", b.Selector)
		}
	}
	return sb.String()
}
