package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// cardLayouts is layouts(body) with two card templates that read
// different fields of an article.
func cardLayouts(body string) fstest.MapFS {
	fs := layouts(body)
	fs["layouts/partials/card.html"] = &fstest.MapFile{Data: []byte(`{{define "card-a"}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{define "card-b"}}<b>{{date .Date}}</b>{{end}}`)}
	return fs
}

// {{cached $ "name" .}} reads and prints what {{template "name" .}} does.
func TestCachedIsTheTemplate(t *testing.T) {
	viaCached, _, err := Load(cardLayouts(`{{range .Site.Articles}}{{cached $ "card-a" .}}{{cached $ "card-b" .}}{{end}}`), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	viaTemplate, _, err := Load(cardLayouts(`{{range .Site.Articles}}{{template "card-a" .}}{{template "card-b" .}}{{end}}`), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := viaCached.reads["home"], viaTemplate.reads["home"]; a.reason != "" || a.root.String() != b.root.String() {
		t.Fatalf("reads through cached (%q):\n%s\nthrough template:\n%s", a.reason, a.root, b.root)
	}
	p, art := testPage()
	art.Title = "Một <b> & hai"
	want := render(t, viaTemplate, p, false)
	if !strings.Contains(want, "Một &lt;b&gt; &amp; hai") {
		t.Fatalf("the title is not escaped: %s", want)
	}
	for _, memo := range []bool{false, true} {
		if got := render(t, viaCached, p, memo); got != want {
			t.Errorf("memo %v: cached gives\n%s\nwant\n%s", memo, got, want)
		}
	}
	// Through the memo of one RenderPages, each template keeps its own
	// HTML of the value, and a second page gets the same.
	m := newMemo()
	first, second := render2(t, viaCached, p, m), render2(t, viaCached, p, m)
	if first != want || second != want || len(m.html) != 2 {
		t.Errorf("pages sharing a memo: %q then %q (%d kept), want %q twice (2 kept)", first, second, len(m.html), want)
	}
}

// render renders p, with a fresh memo when memo is set.
func render(t *testing.T, r *Renderer, p *Page, withMemo bool) string {
	t.Helper()
	var m *memo
	if withMemo {
		m = newMemo()
	}
	return render2(t, r, p, m)
}

func render2(t *testing.T, r *Renderer, p *Page, m *memo) string {
	t.Helper()
	var buf bytes.Buffer
	p.memo = m
	defer func() { p.memo = nil }()
	if err := r.Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A `cached` call the analysis cannot follow makes the kind uncacheable
// (always rendered), never wrongly keyed.
func TestCachedWithoutANameIsNotKeyed(t *testing.T) {
	r, _, err := Load(cardLayouts(`{{range .Site.Articles}}{{cached $ .Title .}}{{end}}`), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	if r.reads["home"].reason == "" {
		t.Error("a template name that is not a quoted string was taken for known reads")
	}
}
