package render_test

import (
	"testing"

	"github.com/quangngai/danvan/internal/render"
)

// An article's HTML enters its page's key by the sum taken when it was
// rendered (site.Article.KeySum, render.Vouched), without being read, and
// gives the key that hashing it where the walk meets it gives. A body set
// since has no sum: it is hashed, and the key follows it.
func TestVouchedSumsGiveTheSameKeys(t *testing.T) {
	res, _ := samplePages(t)
	pages := res.Renderer.Pages(res.Site)
	vouched, hashed := res.Renderer.KeysOn(pages, 1, nil), res.Renderer.KeysHashingAll(pages)
	long := 0
	for i, p := range pages {
		if a := p.Article; a != nil {
			if n, _, ok := a.KeySum("HTML"); ok && n > 256 {
				long++
			}
		}
		if vouched[i] != hashed[i] || vouched[i] == ([32]byte{}) {
			t.Errorf("%s: key %x with the sums vouched for, %x hashing every body", p.URL, vouched[i][:4], hashed[i][:4])
		}
	}
	if long == 0 {
		t.Fatal("no article of the sample site has a long body with its sum: the test proves nothing")
	}

	for i, p := range pages {
		if a := p.Article; a != nil {
			html, err := a.HTML()
			if err != nil {
				t.Fatal(err)
			}
			text, _ := a.Text()
			a.SetBody(html+"<p>Đoạn thêm.</p>", text)
			if _, _, ok := a.KeySum("HTML"); ok {
				t.Fatal("KeySum vouches for a body set after the render")
			}
			k := res.Renderer.KeysOn(pages[i:i+1], 1, nil)[0]
			if k == vouched[i] || k != res.Renderer.KeysHashingAll(pages[i : i+1])[0] {
				t.Errorf("%s: a changed HTML kept the old key", p.URL)
			}
			break
		}
	}
}

// A page's key is the same whatever pages it is keyed with: keyed with
// every page of the sample site, on one worker or two (sharing menus and
// cards through the batch's memo), and keyed alone.
func TestKeysDoNotDependOnTheBatch(t *testing.T) {
	res, _ := samplePages(t)
	pages := res.Renderer.Pages(res.Site)
	one, two := res.Renderer.KeysOn(pages, 1, nil), res.Renderer.KeysOn(pages, 2, nil)
	// A second worker from the start (more already closed), and a
	// channel never closed: the extra worker must not hold the call up.
	closed := make(chan struct{})
	close(closed)
	joined, waiting := res.Renderer.KeysOn(pages, 1, closed), res.Renderer.KeysOn(pages, 1, make(chan struct{}))
	for i, p := range pages {
		alone := res.Renderer.KeysOn(pages[i:i+1], 1, nil)[0]
		if one[i] != alone || two[i] != alone || joined[i] != alone || waiting[i] != alone || alone == ([32]byte{}) {
			t.Errorf("%s: key %x among all pages (one worker), %x (two), %x (one, then two), %x (one, the other never free), %x alone", p.URL, one[i][:4], two[i][:4], joined[i][:4], waiting[i][:4], alone[:4])
		}
	}
	if len(pages) <= 2*render.KeyChunk {
		t.Errorf("the sample site has %d pages: too few for two workers to share chunks of %d", len(pages), render.KeyChunk)
	}
}
