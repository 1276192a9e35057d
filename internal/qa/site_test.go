package qa

import (
	"bytes"
	"context"
	"github.com/quangngai/danvan/internal/host"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/content"
)

// The repo's sample site, built once per test binary into a temp dir and
// served on 127.0.0.1. The server's address is reserved before the build so
// that the site's base URL (canonical links, og:url…) is the server itself.
var sample struct {
	once  sync.Once
	tmp   string
	dir   string // the built site
	base  string // "http://127.0.0.1:port/"
	srv   *httptest.Server
	log   bytes.Buffer
	stats *build.Stats
	took  time.Duration
	err   error
}

func cleanupSample() {
	if sample.srv != nil {
		sample.srv.Close()
	}
	if sample.tmp != "" {
		_ = os.RemoveAll(sample.tmp)
	}
}

// sampleSite builds the sample site (once) and returns its directory and
// base URL.
func sampleSite(t *testing.T) (dir, base string) {
	t.Helper()
	sample.once.Do(func() {
		root, err := RepoRoot()
		if err != nil {
			sample.err = err
			return
		}
		sample.tmp, sample.err = os.MkdirTemp("", "danvan-qa-site-")
		if sample.err != nil {
			return
		}
		sample.dir = filepath.Join(sample.tmp, "public")
		sample.srv = httptest.NewUnstartedServer(host.Dir(sample.dir))
		sample.base = "http://" + sample.srv.Listener.Addr().String() + "/"
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		start := time.Now()
		sample.stats, sample.err = build.Run(ctx, build.Options{
			Source:   root,
			Dest:     sample.dir,
			CacheDir: filepath.Join(sample.tmp, "cache"), // not the repository's, which other packages' tests read
			BaseURL:  sample.base,
			Log:      &sample.log,
		})
		sample.took = time.Since(start)
		sample.srv.Start()
	})
	if sample.err != nil {
		t.Fatalf("building the sample site: %v\nbuild log:\n%s", sample.err, sample.log.String())
	}
	t.Logf("sample site: %s (built in %v: %+v)", sample.dir, sample.took.Round(time.Millisecond), *sample.stats)
	return sample.dir, sample.base
}

// TestSampleSiteHTMLValid: every HTML page of the sample site passes the
// Nu HTML Checker with no error.
func TestSampleSiteHTMLValid(t *testing.T) {
	java, jar := testVnu(t)
	dir, _ := sampleSite(t)
	files, err := HTMLFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the sample site has no HTML page")
	}
	start := time.Now()
	errs, err := ValidateHTML(context.Background(), java, jar, files)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("vnu checked %d pages in %v", len(files), time.Since(start).Round(time.Millisecond))
	for _, e := range errs {
		e.File, _ = filepath.Rel(dir, e.File)
		t.Error(e)
	}
}

// TestSampleSiteLinks: no internal link, image, script, stylesheet or
// #anchor of the sample site points at nothing.
func TestSampleSiteLinks(t *testing.T) {
	dir, base := sampleSite(t)
	start := time.Now()
	problems, err := CheckLinks(dir, LinkOptions{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("link crawl took %v", time.Since(start).Round(time.Millisecond))
	for _, p := range problems {
		t.Error(p)
	}
}

// samplePage is one page that the browser test visits.
type samplePage struct {
	SamplePage
	print bool // an article: check the print styles
}

// samplePrintHidden is what the print stylesheet (static/css/app.css)
// promises to hide: the header with its navigation, the footer and the skip
// link.
var samplePrintHidden = []string{"header nav", ".site-header", ".site-footer", ".skip-link"}

// pickPages lists the pages the browser gates visit: the pages of issue #15
// (SamplePages: home, an article, an area, a merged unit and its unit of
// today, the two indexes, the contest and a round, the yearly report and a
// year, a search, the 404 page), then the archive and a page 2 when the
// output has one. Each must exist in the output.
func pickPages(t *testing.T, dir string) []samplePage {
	t.Helper()
	var pages []samplePage
	for _, p := range SamplePages {
		if p.Status != 404 {
			path, _, _ := strings.Cut(p.Path, "?")
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path), "index.html")); err != nil {
				t.Errorf("no %s page %s in the output", p.Name, path)
				continue
			}
		}
		pages = append(pages, samplePage{SamplePage: p, print: p.Name == "article"})
	}
	var page2 string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || page2 != "" {
			return err
		}
		if rel, _ := filepath.Rel(dir, p); filepath.ToSlash(rel) == "trang/2/index.html" || strings.HasSuffix(filepath.ToSlash(rel), "/trang/2/index.html") {
			page2 = "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if page2 == "" {
		// The sample site is part of the repository: it must keep a
		// paginated list, or this gate would check one page kind less.
		t.Error("no list has a page 2 (*/trang/2/): the sample content no longer paginates (the archive /bai-viet/ had two pages); keep enough sample articles")
	} else {
		pages = append(pages, samplePage{SamplePage: SamplePage{Name: "page-2", Path: page2}})
	}
	if _, err := os.Stat(filepath.Join(dir, "bai-viet", "index.html")); err != nil {
		t.Errorf("no archive page /bai-viet/ in the output")
	} else {
		pages = append(pages, samplePage{SamplePage: SamplePage{Name: "archive", Path: "/bai-viet/"}})
	}
	return pages
}

// TestSampleSiteBrowser loads the chosen pages in Chromium at a phone and a
// laptop size and runs every browser gate, axe included.
func TestSampleSiteBrowser(t *testing.T) {
	b := testBrowser(t)
	axe := testAxe(t)
	dir, base := sampleSite(t)
	pages := pickPages(t, dir)
	start := time.Now()
	for _, pg := range pages {
		for _, vp := range []Viewport{Phone, Desktop} {
			t.Run(pg.Name+"/"+vp.Name, func(t *testing.T) {
				opts := PageOptions{
					ExpectStatus: pg.Status,
					Lang:         "vi",
					SkipLinkHref: "#noi-dung",
					Axe:          axe,
					FirstScreen:  append([]string{"h1"}, pg.FirstScreen...),
					Ready:        pg.Ready,
				}
				if pg.print {
					opts.PrintHidden = samplePrintHidden
				}
				url := strings.TrimSuffix(base, "/") + pg.Path
				rep := check(t, b, url, vp, opts)
				if rep.Failed() {
					t.Error(rep)
				}
			})
		}
	}
	t.Logf("%d page visits took %v", 2*len(pages), time.Since(start).Round(time.Millisecond))
}

// TestSampleSitePrints: the article and the yearly report print on A4 with
// their print stylesheets, in a bounded number of pages.
func TestSampleSitePrints(t *testing.T) {
	b := testBrowser(t)
	dir, base := sampleSite(t)
	article := ""
	for _, p := range pickPages(t, dir) {
		if p.Name == "article" {
			article = p.Path
		}
	}
	for _, c := range []struct {
		path     string
		min, max int
	}{{"/thong-ke/2019/", 1, 4}, {"/thong-ke/", 1, 4}, {article, 1, 5}} {
		n, _, err := b.PrintPages(context.Background(), strings.TrimSuffix(base, "/")+c.path)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s prints on %d A4 pages", c.path, n)
		if n < c.min || n > c.max {
			t.Errorf("%s prints on %d A4 pages, want %d–%d", c.path, n, c.min, c.max)
		}
	}
}

// TestSampleSiteStyle: no page of the sample site uses a form that
// docs/STYLE.md forbids (straight quotes, padded or machine dates, ranges
// without the spaced en dash, old section names, "phường, xã", a field
// code such as "year" in public text).
func TestSampleSiteStyle(t *testing.T) {
	dir, _ := sampleSite(t)
	problems, err := CheckStyle(dir, content.ArticleFields())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
