package render

import (
	"fmt"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/markdown"
	"github.com/quangngai/danvan/internal/site"
)

// smallSite is a site of n articles in two localities.
func smallSite(t *testing.T, n int) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte("title: \"T\"\nareas:\n  - {slug: kinh-te, name: \"Kinh tế\"}\nlocalities:\n  - {slug: tinh-an, kind: xa, name: \"Tịnh An\"}\n  - {slug: nghia-an, kind: xa, name: \"Nghĩa An\"}\n")}}
	for i := range n {
		loc := []string{"tinh-an", "nghia-an"}[i%2]
		fsys[fmt.Sprintf("content/bai-viet/b%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: \"Bài %d\"\ndate: 2024-01-%02d\narea: kinh-te\nlocality: %s\n---\nThân bài %d.\n", i, i+1, loc, i))}
	}
	c, probs, err := content.Load(fsys)
	if err != nil || probs.HasErrors() {
		t.Fatalf("load: %v %s", err, probs.Error())
	}
	s, probs, err := site.New(fsys, c, markdown.New(site.ReservedIDs...), site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || probs.HasErrors() {
		t.Fatalf("site: %v %s", err, probs.Error())
	}
	return s
}

// indexes are the positions of the articles whose titles match.
func indexes(s *site.Site, pick func(a *site.Article) bool) []int32 {
	var out []int32
	for _, a := range s.Articles {
		if pick(a) {
			out = append(out, int32(a.Index()))
		}
	}
	slices.Sort(out)
	return out
}

// A page's key names the articles it read: those it walks to, those a
// struct it reads embeds (site.NumberedEntry), and those under a value
// another page walked first (the keyer's memo), on every page that reads
// them; never the articles it does not show.
func TestKeysNameTheArticlesRead(t *testing.T) {
	s := smallSite(t, 6)
	inTinhAn := indexes(s, func(a *site.Article) bool { return a.LocalityRef.Slug == "tinh-an" })
	for _, c := range []struct {
		name, body string
		data       func() any
		want       []int32
	}{
		{"through a locality, on every page that reads it", `{{range .Locality.Articles}}{{.Title}}{{end}}`, nil, inTinhAn},
		// The reads are those of the layout, not of one run of it: every
		// locality's articles, though the page prints one locality's.
		{"every article a branch can show", `{{range .Site.Localities}}{{if eq .Slug "tinh-an"}}{{range .Articles}}{{.Title}}{{end}}{{end}}{{end}}`, nil, indexes(s, func(*site.Article) bool { return true })},
		{"embedded in a numbered entry", `{{range .Data}}{{.N}} {{.Title}}{{end}}`, func() any {
			return []site.NumberedEntry{{N: 1, Article: s.Articles[2]}, {N: 2, Article: s.Articles[4]}}
		}, []int32{2, 4}},
		{"none: only counts", `{{range .Site.Localities}}{{len .Articles}}{{end}}`, nil, nil},
	} {
		r, _, err := Load(layouts(c.body), testAssets) // the problems are the other kinds' missing layouts
		if err != nil {
			t.Fatal(err)
		}
		if reason := r.reads["home"].reason; reason != "" {
			t.Fatalf("%s: the home page is not cacheable: %s", c.name, reason)
		}
		var pages []*Page
		for range 3 { // the second and third find the first one's walk in the memo
			p := &Page{Site: s, Kind: "home", Title: "Trang chủ", URL: "/", Locality: s.LocalityBySlug("tinh-an")}
			if c.data != nil {
				p.Data = c.data()
			}
			pages = append(pages, p)
		}
		keys, arts := r.KeysAndArticles(pages, 1, nil)
		for i := range pages {
			if keys[i] == (Key{}) {
				t.Fatalf("%s: page %d has no key", c.name, i)
			}
			if !slices.Equal(arts[i], c.want) {
				t.Errorf("%s: page %d read articles %v, want %v", c.name, i, arts[i], c.want)
			}
		}
	}
}
