package build

import (
	"testing"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/site"
)

// memOut keeps written files in memory.
type memOut map[string][]byte

func (m memOut) WriteFile(name string, data []byte) error { m[name] = data; return nil }

// An article's body goes when its page is written, not before and not
// with another page: the page is its only reader (releaseBodies).
func TestBodyGoesWithItsPage(t *testing.T) {
	art := func(slug string) *site.Article {
		a := &site.Article{Article: &content.Article{Slug: slug}, URL: "/bai-viet/" + slug + "/"}
		a.SetBody("<p>thân bài</p>", "thân bài")
		return a
	}
	a, b := art("mot"), art("hai")
	pages := []*render.Page{{Kind: "article", URL: a.URL, Article: a}, {Kind: "article", URL: b.URL, Article: b}, {Kind: "areas", URL: "/linh-vuc/"}}
	out := releasing{memOut{}, bodiesOf(pages)}
	held := func(a *site.Article) bool {
		h, err := a.HTML()
		return err == nil && h != ""
	}
	if err := out.WriteFile(render.FileFor("/linh-vuc/"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if !held(a) || !held(b) {
		t.Fatal("a list page's write let a body go")
	}
	if err := out.WriteFile(render.FileFor(a.URL), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if held(a) {
		t.Error("the body stayed after its page was written")
	}
	if !held(b) {
		t.Error("another article's body went with this page")
	}
}
