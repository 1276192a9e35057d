package qa

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A4 in inches, as the protocol wants it.
const (
	a4Width  = 8.27
	a4Height = 11.69
)

var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// PrintPages prints url to PDF on A4 paper with the page's own print
// stylesheet and returns the number of pages.
func (b *Browser) PrintPages(ctx context.Context, url string) (int, []byte, error) {
	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		return 0, nil, fmt.Errorf("open tab: %w", err)
	}
	tctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	if _, err := chromedp.Run(tctx, chromedp.NavigateResponse(url)); err != nil {
		return 0, nil, fmt.Errorf("load %s: %w", url, err)
	}
	var pdf []byte
	err := chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: a4Width, PaperHeight: a4Height})
		if err != nil {
			return err
		}
		pdf = res.Data
		return nil
	}))
	if err != nil {
		return 0, nil, fmt.Errorf("print %s: %w", url, err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		return 0, nil, fmt.Errorf("print %s: not a PDF", url)
	}
	return len(pdfPageRE.FindAll(pdf, -1)), pdf, nil
}

// NewTab opens a tab for tests that drive a page step by step (the preview
// server's live reload). Cancel closes it.
func (b *Browser) NewTab() (context.Context, context.CancelFunc, error) {
	tab, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(tab); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("open tab: %w", err)
	}
	return tab, cancel, nil
}
