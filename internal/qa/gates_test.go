package qa

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixturePages are the pages of testdata/good, with what to check on each.
var fixtureChecks = PageOptions{Lang: "vi", SkipLinkHref: "#noi-dung"}

// fixturePrint is what the fixtures' print stylesheet must hide.
var fixturePrint = []string{"header nav", ".site-footer"}

// TestGatesFailOnBrokenFixture proves that each gate can fail: the broken
// fixture plants a dead link, a dead #anchor, bad nesting, an image without
// alt or size, a thrown error, a wide element, low contrast, two h1s, no
// skip link, no print styles, a box that scrolls sideways, text of 9 px and
// an SVG label shrunk to 6.5 px, a label cut by overflow:hidden and one cut
// by its SVG, and a paragraph far below the first screen; every gate must
// report its problem.
func TestGatesFailOnBrokenFixture(t *testing.T) {
	dir := filepath.Join("testdata", "broken")

	t.Run("links", func(t *testing.T) {
		problems, err := CheckLinks(dir, LinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]LinkProblem{}
		for _, p := range problems {
			t.Logf("found (as planted): %s", p)
			got[p.URL] = p
		}
		for _, want := range []struct {
			url    string
			line   int
			reason string
		}{
			{"/khong-co/", 15, "no such file"},
			{"/bai-viet/mot/#khong-ton-tai", 16, `no element with id "khong-ton-tai"`},
			{"/images/khong-co.png", 23, "no such file"},
		} {
			p, ok := got[want.url]
			if !ok {
				t.Errorf("the link gate missed the planted dead link %s", want.url)
				continue
			}
			if p.File != "index.html" || p.Line != want.line || !strings.Contains(p.Reason, want.reason) {
				t.Errorf("dead link %s reported as %s; want index.html:%d and %q", want.url, p, want.line, want.reason)
			}
		}
		if len(problems) != 3 {
			t.Errorf("%d link problems, want exactly the 3 planted ones", len(problems))
		}
	})

	t.Run("html", func(t *testing.T) {
		java, jar := testVnu(t)
		errs, err := ValidateHTML(context.Background(), java, jar, []string{filepath.Join(dir, "index.html")})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Logf("found (as planted): %s", e)
		}
		for _, want := range []struct {
			line int
			text string
		}{
			{22, "No “p” element in scope but a “p” end tag seen"},
			{23, "An “img” element must have an “alt” attribute"},
		} {
			if !slices.ContainsFunc(errs, func(e HTMLError) bool { return e.Line == want.line && strings.Contains(e.Message, want.text) }) {
				t.Errorf("the HTML gate missed the planted error at line %d: %s", want.line, want.text)
			}
		}
	})

	t.Run("browser", func(t *testing.T) {
		b := testBrowser(t)
		axe := testAxe(t)
		base := serve(t, dir)
		opts := fixtureChecks
		opts.Axe = axe
		opts.PrintHidden = fixturePrint
		opts.FirstScreen = []string{"h1", ".xa-tit"}
		opts.Ready, opts.ReadyTimeout = "#ket-qua li", 2*time.Second
		for _, vp := range []Viewport{Phone, Desktop} {
			t.Run(vp.Name, func(t *testing.T) {
				rep := check(t, b, base+"/", vp, opts)
				t.Logf("found (as planted):\n%s", rep)
				want := []string{GateAxe, GateConsole, GateH1, GateImgSize, GatePrint, GateRequest, GateSkipLink,
					GateScrollRegion, GateSmallText, GateClipped, GateFirstScreen, GateReady}
				if vp.Mobile {
					want = append(want, GateOverflow)
				}
				slices.Sort(want)
				if got := rep.Gates(); !slices.Equal(got, want) {
					t.Errorf("failed gates %v, want %v", got, want)
				}
				var rules []string
				for _, v := range rep.Axe {
					rules = append(rules, v.ID)
				}
				for _, rule := range []string{"image-alt", "color-contrast"} {
					if !slices.Contains(rules, rule) {
						t.Errorf("axe did not report %s; it reported %v", rule, rules)
					}
				}
				if !hasProblem(rep, GateConsole, "lỗi cố ý") {
					t.Errorf("the thrown error is not among the console errors")
				}
				if !hasProblem(rep, GateRequest, "/images/khong-co.png") {
					t.Errorf("the missing image is not among the failed requests")
				}
				if !hasProblem(rep, GateSkipLink, `href="/"`) {
					t.Errorf("the skip-link problem does not name the link that got focus")
				}
				for _, want := range []struct{ gate, text string }{
					{GateSmallText, "9.0px"},
					{GateClipped, "Nhãn bị cắt mất phần cuối"},
					{GateClipped, "Nhãn bị cắt bên trái"},
					{GateFirstScreen, ".xa-tit"},
					{GateScrollRegion, "scrollWidth"},
				} {
					if !hasProblem(rep, want.gate, want.text) {
						t.Errorf("the %s gate did not name %q", want.gate, want.text)
					}
				}
				if vp.Mobile && !hasProblem(rep, GateSmallText, "Nhãn biểu đồ bị thu nhỏ") {
					t.Errorf("the SVG label drawn at 13 units in a half-size drawing was not measured at its rendered size")
				}
				if hasProblem(rep, GateFirstScreen, `"h1"`) {
					t.Errorf("the first h1, at the top, was reported outside the first screen")
				}
			})
		}
	})

	t.Run("404-status", func(t *testing.T) {
		// A page that should exist but answers 404 fails the status gate.
		b := testBrowser(t)
		base := serve(t, dir)
		rep := check(t, b, base+"/bai-viet/khong-co/", Desktop, PageOptions{})
		if !slices.Contains(rep.Gates(), GateStatus) {
			t.Errorf("a 404 for a page expected to exist passed: %s", rep)
		}
	})
}

func hasProblem(rep *PageReport, gate, text string) bool {
	return slices.ContainsFunc(rep.Problems, func(p Problem) bool {
		return p.Gate == gate && strings.Contains(p.Detail, text)
	})
}

// TestGatesPassOnGoodFixture: a small correct site passes every gate, so
// the gates do not cry wolf.
func TestGatesPassOnGoodFixture(t *testing.T) {
	dir := filepath.Join("testdata", "good")

	t.Run("links", func(t *testing.T) {
		problems, err := CheckLinks(dir, LinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	})

	t.Run("html", func(t *testing.T) {
		java, jar := testVnu(t)
		files, err := HTMLFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 4 {
			t.Fatalf("found %d HTML files in %s, want 4: %v", len(files), dir, files)
		}
		errs, err := ValidateHTML(context.Background(), java, jar, files)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Error(e)
		}
	})

	t.Run("browser", func(t *testing.T) {
		b := testBrowser(t)
		axe := testAxe(t)
		base := serve(t, dir)
		pages := []struct {
			name, path string
			status     int64
			print      bool
		}{
			{"home", "/", 200, false},
			{"article", "/bai-viet/mot/", 200, true},
			{"page-2", "/trang/2/", 200, false},
			{"404", "/khong-ton-tai/", 404, false},
		}
		for _, pg := range pages {
			for _, vp := range []Viewport{Phone, Desktop} {
				t.Run(pg.name+"/"+vp.Name, func(t *testing.T) {
					opts := fixtureChecks
					opts.Axe = axe
					opts.ExpectStatus = pg.status
					if pg.name == "home" {
						// A list drawn 300 ms after the load: the gates wait for it
						// and then find it.
						opts.Ready, opts.FirstScreen = "#ve-sau li", []string{"h1", "#ve-sau"}
					}
					if pg.print {
						opts.PrintHidden = fixturePrint
					}
					rep := check(t, b, base+pg.path, vp, opts)
					if rep.Failed() {
						t.Error(rep)
					}
				})
			}
		}
	})
}

// TestCheckLinksCases covers the URL forms the crawler must understand.
func TestCheckLinksCases(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/index.html", `<!doctype html><h2 id="x">x</h2><a name="old">old</a>`)
	write("img/p.jpg", "jpg")
	write("img/p-2x.jpg", "jpg")
	write("feed.xml", "<feed/>")
	write("index.html", `<!doctype html>
<link rel="canonical" href="https://example.org/">
<link rel="alternate" href="/feed.xml">
<link rel="preconnect" href="https://cdn.example.net">
<meta property="og:url" content="https://example.org/a/">
<meta property="og:image" content="https://example.org/img/missing.jpg">
<a href="a/">ok</a> <a href="/a/#x">ok</a> <a href="/a#old">ok</a> <a href="a/index.html#top">ok</a>
<a href="https://example.org/a/#x">ok</a> <a href="https://other.example/zzz">external</a>
<a href="mailto:a@example.org">mail</a> <a href="tel:+84">tel</a> <a href="?q=1">self</a> <a href="#">top</a>
<img src="img/p.jpg" srcset="img/p.jpg 1x, /img/p-2x.jpg 2x, /img/p-3x.jpg 3x" alt="">
<picture><source srcset="/img/p.webp"><img src="/img/p.jpg" alt=""></picture>
<a href="https://example.org/b/">dead absolute</a>
<a href="/a/#y">dead anchor</a>
<a href="/feed.xml#z">fragment into XML: not checked</a>
<meta http-equiv="refresh" content="0; url=/moved/">
<a href="/bai-cu">redirected old URL</a> <a href="/tin/x/">a splat rule: not known, so dead</a>
`)
	write("_redirects", "# old slugs\n/bai-cu/ /a/ 301\n/bai-mat/ /mat/ 301\n/tin/* /a/:splat 301\n")
	problems, err := CheckLinks(dir, LinkOptions{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.URL)
	}
	want := []string{
		"/mat/",                               // _redirects line 3
		"https://example.org/img/missing.jpg", // line 6
		"/img/p-3x.jpg",                       // line 10
		"/img/p.webp",                         // line 11
		"https://example.org/b/",              // line 12
		"/a/#y",                               // line 13
		"/moved/",                             // line 15
		"/tin/x/",                             // line 16
	}
	if !slices.Equal(got, want) {
		for _, p := range problems {
			t.Log(p)
		}
		t.Errorf("broken URLs %q,\nwant %q", got, want)
	}
}
