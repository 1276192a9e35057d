package qa

import (
	"bytes"
	"context"
	"github.com/quangngai/danvan/internal/host"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/build"
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
			Source:  root,
			Dest:    sample.dir,
			BaseURL: sample.base,
			Log:     &sample.log,
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
	name   string
	path   string // URL path
	status int64
	print  bool // an article: check the print styles
}

// samplePrintHidden is what the print stylesheet (static/css/app.css)
// promises to hide: the header with its navigation, the footer and the skip
// link.
var samplePrintHidden = []string{"header nav", ".site-header", ".site-footer", ".skip-link"}

// pickPages finds the pages of the issue in the built output: home, an
// article, an area, a locality, a page 2, the matrix and the 404 page.
func pickPages(t *testing.T, dir string) []samplePage {
	t.Helper()
	var all []string // slash paths of index.html files
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "index.html" {
			rel, _ := filepath.Rel(dir, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(all)
	urlOf := func(rel string) string { return "/" + strings.TrimSuffix(rel, "index.html") }
	// first returns the first page directly under section (not the section
	// index, not a /trang/N/ page).
	first := func(section string) string {
		for _, rel := range all {
			parts := strings.Split(rel, "/")
			if len(parts) == 3 && parts[0] == section && parts[1] != "trang" {
				return urlOf(rel)
			}
		}
		return ""
	}
	pages := []samplePage{{name: "home", path: "/", status: 200}}
	for _, want := range []struct{ name, section string }{
		{"article", "bai-viet"}, {"area", "linh-vuc"}, {"locality", "dia-ban"},
	} {
		p := first(want.section)
		if p == "" {
			t.Errorf("no %s page (/%s/<slug>/index.html) in the output", want.name, want.section)
			continue
		}
		pages = append(pages, samplePage{name: want.name, path: p, status: 200, print: want.name == "article"})
	}
	page2 := ""
	for _, rel := range all {
		if rel == "trang/2/index.html" || strings.HasSuffix(rel, "/trang/2/index.html") {
			page2 = urlOf(rel)
			break
		}
	}
	if page2 == "" {
		// The sample site is part of the repository: it must keep a
		// paginated list, or this gate would check one page kind less.
		t.Error("no list has a page 2 (*/trang/2/): the sample content no longer paginates (the archive /bai-viet/ had two pages); keep enough sample articles")
	} else {
		pages = append(pages, samplePage{name: "page-2", path: page2, status: 200})
	}
	if _, err := os.Stat(filepath.Join(dir, "dia-ban", "index.html")); err != nil {
		t.Errorf("no matrix page /dia-ban/ in the output")
	} else {
		pages = append(pages, samplePage{name: "matrix", path: "/dia-ban/", status: 200})
	}
	// Feature pages: the yearly report and a contest round (issue 7).
	for _, extra := range []struct{ name, rel string }{
		{"report", "thong-ke/index.html"}, {"report-2019", "thong-ke/2019/index.html"}, {"contest-2019", "cuoc-thi/2019/index.html"}, {"archive", "bai-viet/index.html"},
	} {
		if _, err := os.Stat(filepath.Join(dir, extra.rel)); err != nil {
			t.Errorf("no %s page /%s in the output", extra.name, extra.rel)
			continue
		}
		pages = append(pages, samplePage{name: extra.name, path: urlOf(extra.rel), status: 200})
	}
	if _, err := os.Stat(filepath.Join(dir, "404.html")); err != nil {
		t.Errorf("no 404.html in the output")
	} else {
		pages = append(pages, samplePage{name: "404", path: "/khong-co-trang-nay/", status: 404})
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
			t.Run(pg.name+"/"+vp.Name, func(t *testing.T) {
				opts := PageOptions{
					ExpectStatus: pg.status,
					Lang:         "vi",
					SkipLinkHref: "#noi-dung",
					Axe:          axe,
				}
				if pg.print {
					opts.PrintHidden = samplePrintHidden
				}
				url := strings.TrimSuffix(base, "/") + pg.path
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
		if p.name == "article" {
			article = p.path
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
