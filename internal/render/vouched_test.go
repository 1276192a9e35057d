package render_test

import (
	"html/template"
	"testing"
)

// An article's HTML enters its page's key as the sum taken when it was
// rendered (site.Article.HTMLSum), and gives the key that hashing it
// where the walk meets it gives. A HTML set since (another string) is
// hashed: the old sum never vouches for it.
func TestKnownSumsGiveTheSameKeys(t *testing.T) {
	res, _ := samplePages(t)
	pages := res.Renderer.Pages(res.Site)
	known, hashed := res.Renderer.KeysOn(pages, 1), res.Renderer.KeysHashingAll(pages)
	sealed := 0
	for i, p := range pages {
		if p.Article != nil {
			if _, ok := p.Article.HTMLSum(); ok && len(p.Article.HTML) > 256 {
				sealed++
			}
		}
		if known[i] != hashed[i] || known[i] == ([32]byte{}) {
			t.Errorf("%s: key %x with the sums known, %x hashing every body", p.URL, known[i][:4], hashed[i][:4])
		}
	}
	if sealed == 0 {
		t.Fatal("no article of the sample site has a long body with its sum: the test proves nothing")
	}

	for i, p := range pages {
		if a := p.Article; a != nil {
			a.HTML = template.HTML(string(a.HTML) + "<p>Đoạn thêm.</p>") // the sum taken at render time is now stale
			if _, ok := a.HTMLSum(); ok {
				t.Fatal("HTMLSum vouches for a HTML set after the render")
			}
			k := res.Renderer.KeysOn(pages[i:i+1], 1)[0]
			if k == known[i] || k != res.Renderer.KeysHashingAll(pages[i : i+1])[0] {
				t.Errorf("%s: a changed HTML kept the old key", p.URL)
			}
			break
		}
	}
}
