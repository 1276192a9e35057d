package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/quangngai/danvan/internal/sitetest"
)

// treeHash hashes every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var names []string
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, n)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSampleSiteBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer // not a terminal: one line per stage, as Netlify's log shows them
	st, err := Run(context.Background(), Options{Source: sitetest.RepoRoot(t), Dest: out, CacheDir: t.TempDir(), BaseURL: "https://example.org/", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"Đọc nội dung:", "Dựng Markdown, ảnh và liên kết:", "Viết trang HTML:", "Chỉ mục tìm kiếm:", "Thay thư mục đầu ra:"} {
		if !strings.Contains(log.String(), "  "+stage) {
			t.Errorf("the build log has no line for the stage %q:\n%s", stage, log.String())
		}
	}
	if st.Articles < 24 || st.Pages < 50 {
		t.Errorf("stats: %+v", st)
	}
	for _, f := range []string{"index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "dia-ban/index.html", "linh-vuc/kinh-te/index.html", "linh-vuc/kinh-te/feed.xml", "_redirects"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{`<html lang="vi">`, `<link rel="canonical" href="https://example.org/">`, `href="/css/app.`} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("home page lacks %s", want)
		}
	}
}

func TestFeedsParse(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: sitetest.RepoRoot(t), Dest: out, CacheDir: t.TempDir(), BaseURL: "https://example.org/"}); err != nil {
		t.Fatal(err)
	}
	feeds, _ := filepath.Glob(filepath.Join(out, "*", "*", "feed.xml"))
	feeds = append(feeds, filepath.Join(out, "feed.xml"))
	if len(feeds) < 10 {
		t.Fatalf("only %d feeds", len(feeds))
	}
	p := gofeed.NewParser()
	for _, f := range feeds {
		data, _ := os.ReadFile(f)
		feed, err := p.ParseString(string(data))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if feed.FeedType != "atom" || feed.Title == "" || feed.Language != "vi" {
			t.Errorf("%s: type %q title %q lang %q", f, feed.FeedType, feed.Title, feed.Language)
		}
		for _, it := range feed.Items {
			if !strings.HasPrefix(it.Link, "https://example.org/bai-viet/") || it.PublishedParsed == nil {
				t.Errorf("%s: bad item %q %v", f, it.Link, it.PublishedParsed)
			}
		}
	}
	main, _ := p.ParseString(mustRead(t, filepath.Join(out, "feed.xml")))
	if len(main.Items) != 20 {
		t.Errorf("site feed has %d items, want 20", len(main.Items))
	}
}

func mustRead(t *testing.T, p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Every HTML page of the output is in the sitemap, and nothing else.
func TestSitemapListsEveryPage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: sitetest.RepoRoot(t), Dest: out, CacheDir: t.TempDir(), BaseURL: "https://example.org/"}); err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(mustRead(t, filepath.Join(out, "sitemap.xml"))), &sm); err != nil {
		t.Fatal(err)
	}
	inMap := map[string]bool{}
	for _, u := range sm.URLs {
		inMap[strings.TrimPrefix(u.Loc, "https://example.org")] = true
		if strings.Contains(u.Loc, "/bai-viet/") && u.LastMod == "" {
			t.Errorf("%s has no lastmod", u.Loc)
		}
	}
	pages := 0
	_ = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		pages++
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		u := "/"
		if rel != "." {
			u = "/" + filepath.ToSlash(rel) + "/"
		}
		if strings.HasPrefix(u, "/quan-tri/") {
			return nil // the web editor: noindex, not for search engines
		}
		if !inMap[u] {
			t.Errorf("page %s is not in the sitemap", u)
		}
		delete(inMap, u)
		return nil
	})
	for u := range inMap {
		t.Errorf("sitemap lists %s, which has no page", u)
	}
	if pages < 50 {
		t.Errorf("only %d pages", pages)
	}
}

func TestDeterministic(t *testing.T) {
	root := sitetest.RepoRoot(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	cache := t.TempDir() // not the repository's: another package's tests read that one meanwhile
	for _, d := range []string{a, b} {
		if _, err := Run(context.Background(), Options{Source: root, Dest: d, CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
	}
	if treeHash(t, a) != treeHash(t, b) {
		t.Error("two builds of the same input differ")
	}
}

// A failed build leaves the previous output exactly as it was, and no
// temporary directory behind.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := sitetest.Copy(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Run(context.Background(), Options{Source: site, Dest: out}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, out)
	cases := map[string]func(){
		"bad frontmatter": func() {
			os.WriteFile(filepath.Join(site, "content/bai-viet/zz-hong.md"), []byte("---\ntitle: x\ndate: 2019-13-01\n---\n"), 0o644)
		},
		"broken template": func() {
			os.WriteFile(filepath.Join(site, "layouts/article.html"), []byte("{{define \"main\"}}\n{{.Article.Title\n{{end}}"), 0o644)
		},
		"escaping link": func() {
			os.WriteFile(filepath.Join(site, "content/bai-viet/zz-thoat.md"), []byte("---\ntitle: x\ndate: 2019-01-02\narea: kinh-te\nlocality: nghia-dung\n---\n[mật khẩu](../../../../etc/passwd)\n\n![ảnh](/../../etc/passwd)\n"), 0o644)
		},
		"empty file": func() {
			os.WriteFile(filepath.Join(site, "content/bai-viet/zz-trong.md"), nil, 0o644)
		},
	}
	names := []string{"bad frontmatter", "broken template", "escaping link", "empty file"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			fresh := sitetest.Copy(t)
			site = fresh
			cases[name]()
			_, err := Run(context.Background(), Options{Source: site, Dest: out})
			var ce *ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("want a content error, got %v", err)
			}
			if treeHash(t, out) != before {
				t.Error("previous output was changed")
			}
			left, _ := filepath.Glob(filepath.Join(parent, ".public.*"))
			if len(left) > 0 {
				t.Errorf("temporary directories left: %v", left)
			}
			msg := ce.Error()
			switch name {
			case "broken template":
				if !strings.Contains(msg, "layouts/article.html:3") {
					t.Errorf("template error lacks file:line: %s", msg)
				}
			case "escaping link":
				if !strings.Contains(msg, "zz-thoat.md:7: liên kết") || !strings.Contains(msg, "zz-thoat.md:9: ảnh") {
					t.Errorf("escaping paths not reported with lines: %s", msg)
				}
			case "bad frontmatter":
				if !strings.Contains(msg, "zz-hong.md:3: ngày đăng") {
					t.Errorf("bad date not located: %s", msg)
				}
			}
		})
	}
}

func TestCheckWritesNothing(t *testing.T) {
	st, err := Run(context.Background(), Options{Source: sitetest.RepoRoot(t)})
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 0 || st.Articles == 0 {
		t.Errorf("stats: %+v", st)
	}
}

func TestRawHTMLNeverReachesPages(t *testing.T) {
	site := sitetest.Copy(t)
	src := "---\ntitle: \"<script>alert(1)</script> Tiêu đề\"\ndate: 2019-01-02\narea: kinh-te\nlocality: nghia-dung\nsummary: \"\\\"><img src=x onerror=alert(1)>\"\n---\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n"
	if err := os.WriteFile(filepath.Join(site, "content/bai-viet/zz-xss.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Dest: out}); err != nil {
		t.Fatal(err)
	}
	page := mustRead(t, filepath.Join(out, "bai-viet/zz-xss/index.html"))
	// Escaped text like &lt;img src=x onerror=…&gt; is harmless; a tag is not.
	for _, bad := range []string{"<script>alert", "<img src=x"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; Tiêu đề") {
		t.Error("title not escaped as text")
	}
}

// Run and Check make the image processor and open the disk caches in their
// own copy of the state: the caller's State is exactly as given afterwards
// (the preview server hands its State to every rebuild).
func TestBuildLeavesOptionsAlone(t *testing.T) {
	site := sitetest.Copy(t)
	kept := &State{}
	opts := Options{Source: site, Dest: filepath.Join(t.TempDir(), "public"), CacheDir: t.TempDir(), State: kept}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(opts); err != nil {
		t.Fatal(err)
	}
	if *kept != (State{}) {
		t.Errorf("the build wrote into the caller's state: %+v", *kept)
	}
}

// A build tells its caller how many articles it is about to read
// (Options.Sized, the memory limit), once, before it reads them; a build
// with nothing to do does not.
func TestSizedBeforeLoading(t *testing.T) {
	site := sitetest.Copy(t)
	want := 0
	filepath.WalkDir(filepath.Join(site, "content", "bai-viet"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			want++
		}
		return nil
	})
	out := filepath.Join(t.TempDir(), "public")
	var calls []int
	sized := func(n int) { calls = append(calls, n) }
	if _, err := Run(context.Background(), Options{Source: site, Dest: out, Sized: sized}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0] != want || want < 20 {
		t.Errorf("Sized called with %v, want once with %d", calls, want)
	}
	calls = nil
	if _, err := Run(context.Background(), Options{Source: site, Dest: out, Sized: sized}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 0 {
		t.Errorf("nothing to build: Sized called with %v", calls)
	}
	// Before the articles are read: a site whose articles are all broken
	// is still sized, then refused.
	os.WriteFile(filepath.Join(site, "content/bai-viet/zz-hong.md"), []byte("---\ntitle: x\ndate: 2019-13-01\n---\n"), 0o644)
	if _, err := Run(context.Background(), Options{Source: site, Dest: out, Sized: sized}); err == nil {
		t.Fatal("a broken article was built")
	}
	if len(calls) != 1 || calls[0] != want+1 {
		t.Errorf("Sized called with %v before a failed load, want once with %d", calls, want+1)
	}
}
