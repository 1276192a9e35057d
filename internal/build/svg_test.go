package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/host"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// scriptedSVG runs two scripts when it is opened as a document: a
// <script> element and an onload attribute, each marking the root.
const scriptedSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.documentElement.setAttribute('data-onload','1')">` +
	`<script>document.documentElement.setAttribute('data-script','1')</script>` +
	`<rect width="40" height="40" fill="teal"/></svg>`

// An SVG holding a script, beside an article and linked from it, is
// published (an editor's drawing is a passive type) and is safe: opened by
// itself in Chromium, served as the public host serves it (host.Dir, with
// SVGPolicy, which netlify.toml sends too), neither script runs. The same
// file served without the policy does run both, so the check can fail.
func TestSVGScriptDoesNotRun(t *testing.T) {
	path, err := qa.ChromiumPath()
	testenv.Need(t, err)
	site := sitetest.Copy(t)
	if err := os.WriteFile(filepath.Join(site, bundle, "so-do.svg"), []byte(scriptedSVG), 0o644); err != nil {
		t.Fatal(err)
	}
	appendBody(t, site, "\n[Sơ đồ các thửa ruộng](so-do.svg)\n")
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, site, dest, t.TempDir(), nil)
	const file = "/bai-viet/don-dien-doi-thua-nghia-dung/so-do.svg"
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(file))); err != nil {
		t.Fatalf("the drawing was not published: %v", err)
	}

	guarded := httptest.NewServer(host.Dir(dest))
	defer guarded.Close()
	bare := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer bare.Close()

	b, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	defer b.Close()
	ran := func(url string) (script, onload bool) {
		t.Helper()
		tab, closeTab, err := b.NewTab()
		if err != nil {
			t.Fatal(err)
		}
		defer closeTab()
		ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
		defer cancel()
		// Navigate returns once the load event has fired: by then a
		// script that may run has run.
		if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		flags, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`[document.documentElement.getAttribute('data-script') === '1', document.documentElement.getAttribute('data-onload') === '1']`))
		if err != nil {
			t.Fatal(err)
		}
		s, o := flags[0], flags[1]
		return s, o
	}
	if s, o := ran(bare.URL + file); !s || !o {
		t.Fatalf("without the policy the scripts should run (script %v, onload %v): the check cannot tell", s, o)
	}
	if s, o := ran(guarded.URL + file); s || o {
		t.Errorf("a script of the published SVG ran under the host's policy (script %v, onload %v)", s, o)
	}
}
