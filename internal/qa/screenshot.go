package qa

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Screenshot loads url at the viewport and returns a JPEG of what the first
// screen shows (the viewport, not the whole page), at the given quality
// (1–100), or a PNG when quality is 0, once ready (a CSS selector, or "")
// matches. It is for people reading a change (docs/screenshots/), never
// for a test: the gates measure the DOM.
func (b *Browser) Screenshot(ctx context.Context, url string, vp Viewport, quality int64, ready string) ([]byte, error) {
	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		return nil, fmt.Errorf("open tab: %w", err)
	}
	tctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if vp.Width > vp.Height {
		opts[0] = chromedp.EmulateLandscape
	}
	if vp.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(vp.Width, vp.Height, opts...)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(tctx, chromedp.NavigateResponse(url)); err != nil {
		return nil, fmt.Errorf("load %s: %w", url, err)
	}
	if ready != "" {
		if _, err := chromedp.Run(tctx, chromedp.Poll[chromedp.Void](`document.querySelector(`+jsArg(ready)+`) !== null || null`)); err != nil {
			return nil, fmt.Errorf("wait for %s on %s: %w", ready, url, err)
		}
	}
	// Images are lazy or decoding: wait (bounded by tctx) until those in
	// the first screen are decoded, so the picture shows the page as read.
	const drawn = `Promise.all([...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).map(i => i.decode().catch(() => null))).then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))`
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](drawn, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("wait for images of %s: %w", url, err)
	}
	var shot []byte
	err := chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		params := page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng}
		if quality > 0 {
			params = page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatJpeg, Quality: &quality}
		}
		res, err := cdp.Call(ctx, t, page.CaptureScreenshot, params)
		if err != nil {
			return err
		}
		shot = res.Data
		return nil
	}))
	if err != nil {
		return nil, fmt.Errorf("screenshot %s: %w", url, err)
	}
	return shot, nil
}
