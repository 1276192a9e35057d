package site

import (
	"crypto/sha256"
	"html/template"
	"testing"
)

// Every article's HTML and text come with their SHA-256, rendered afresh
// or read back from the saved Markdown cache, and the sums are those of
// the very strings; a value set since is not vouched for.
func TestBodySumsTravelWithTheCache(t *testing.T) {
	dir, key := t.TempDir(), "program-1"
	fsys := relatedFS(12)
	check := func(step string, s *Site) {
		t.Helper()
		for _, a := range s.Articles {
			h, hok := a.HTMLSum()
			x, xok := a.TextSum()
			if !hok || !xok || h != sha256.Sum256([]byte(a.HTML)) || x != sha256.Sum256([]byte(a.Text)) {
				t.Errorf("%s: %s: sums %v %v, not those of its HTML and text", step, a.Slug, hok, xok)
			}
		}
	}
	first := NewHashedBodyCache()
	check("rendered", relatedSite(t, fsys, first))
	if err := first.Save(dir, key); err != nil {
		t.Fatal(err)
	}
	next, err := LoadBodyCache(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	s := relatedSite(t, fsys, next)
	for f, e := range next.m {
		if e.fresh {
			t.Fatalf("%s rendered again: the saved cache was not used", f)
		}
	}
	check("read from the cache", s)

	a := s.Articles[0]
	a.HTML = template.HTML(string(a.HTML) + "<p>thêm</p>")
	a.Text += " thêm"
	if _, ok := a.HTMLSum(); ok {
		t.Error("HTMLSum vouches for a HTML set after the render")
	}
	if _, ok := a.TextSum(); ok {
		t.Error("TextSum vouches for a text set after the render")
	}
}

// Releasing an article's HTML lets its bytes go: the seal no longer
// points at them.
func TestReleaseHTMLDropsTheSeal(t *testing.T) {
	s := relatedSite(t, relatedFS(2), NewHashedBodyCache())
	a := s.Articles[0]
	if _, ok := a.HTMLSum(); !ok {
		t.Fatal("a rendered article has no sum")
	}
	a.ReleaseHTML()
	if a.HTML != "" || a.htmlSum != (sealed{}) {
		t.Errorf("after ReleaseHTML: HTML %q, seal %+v; want both empty", a.HTML, a.htmlSum)
	}
}
