package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/markdown"
)

// withAliases is an article whose frontmatter ends with the given alias
// lines (each on its own line from line 6 on).
func withAliases(slug string, draft bool, aliases ...string) string {
	a := article(slug, "2020-01-01", "kinh-te", "tinh-an")
	fm := "aliases:\n"
	for _, al := range aliases {
		fm += "  - " + al + "\n"
	}
	if draft {
		fm += "draft: true\n"
	}
	return strings.Replace(a, "locality: tinh-an\n", "locality: tinh-an\n"+fm, 1)
}

// An alias that cannot redirect — the article's own address, another
// article's (a draft too), a page or file of the site, one given twice —
// is an error on its line, and only the good aliases become redirects.
func TestAliasCollisions(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_site.yaml":          {Data: []byte(cfg)},
		"static/css/x.css":            {Data: []byte("a{}")},
		"content/bai-viet/a.md":       {Data: []byte(withAliases("a", false, "/bai-viet/a/", "/bai-viet/b", "/bai-viet/nhap/", "/linh-vuc/kinh-te/", "/CSS/x.css", "/linh-vuc/kinh-te/feed.xml", "/tim-kiem/v1/x.json", "/robots.txt", "/cu/a/", "/cu/a/"))},
		"content/bai-viet/b.md":       {Data: []byte(withAliases("b", false, "/cu/a", "/cu/b/"))},
		"content/bai-viet/nhap.md":    {Data: []byte(withAliases("nhap", true))},
		"content/trang/gioi-thieu.md": {Data: []byte("---\ntitle: Giới thiệu\n---\nx\n")},
	}
	c, probs, err := content.Load(fsys)
	if err != nil || probs.HasErrors() {
		t.Fatalf("load: %v %s", err, probs.Error())
	}
	s, probs, err := New(fsys, c, markdown.New(ReservedIDs...), Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{ // file:line of each refused alias
		"content/bai-viet/a.md:7":  0, // own address
		"content/bai-viet/a.md:8":  0, // b's address, without the slash
		"content/bai-viet/a.md:9":  0, // a draft's address
		"content/bai-viet/a.md:10": 0, // an area page
		"content/bai-viet/a.md:11": 0, // a static file, in other case
		"content/bai-viet/a.md:12": 0, // a feed in a page's folder
		"content/bai-viet/a.md:13": 0, // a file of the search export
		"content/bai-viet/a.md:14": 0, // robots.txt
		"content/bai-viet/a.md:16": 0, // the same alias twice in a
		"content/bai-viet/b.md:7":  0, // a's alias again, in b
	}
	for _, p := range probs.Errors() {
		key := fmt.Sprintf("%s:%d", p.File, p.Line)
		if _, ok := want[key]; !ok || p.Field != "aliases" {
			t.Errorf("unexpected: %s", p.Error())
			continue
		}
		want[key]++
	}
	for k, n := range want {
		if n != 1 {
			t.Errorf("%s: %d errors, want 1\n%s", k, n, probs.Error())
		}
	}
	var got []string
	for _, r := range s.Redirects {
		got = append(got, r.From+" "+r.To)
	}
	if strings.Join(got, ",") != "/cu/a/ /bai-viet/a/,/cu/b/ /bai-viet/b/" && strings.Join(got, ",") != "/cu/b/ /bai-viet/b/,/cu/a/ /bai-viet/a/" {
		t.Errorf("redirects %q, want only /cu/a/ → a and /cu/b/ → b", got)
	}
}
