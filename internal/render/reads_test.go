package render

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/sitetest"
)

var testAssets = map[string]string{"css/app.css": "/css/app.css", "js/search.js": "/js/search.js"}

// The repo's layouts are analysed completely: no page kind falls back to
// "always render", and what an article page reads is what it shows.
func TestRepoLayoutsReadsAreKnown(t *testing.T) {
	r, probs, err := Load(os.DirFS(sitetest.RepoRoot(t)), testAssets)
	if err != nil || probs.HasErrors() {
		t.Fatal(err, probs)
	}
	for _, kind := range requiredTemplates {
		kr, ok := r.reads[kind]
		if !ok || kr.reason != "" {
			t.Errorf("kind %s: pages not cacheable (%q)", kind, kr.reason)
		}
	}
	got := r.reads["article"].root.String()
	for _, want := range []string{
		".Article.HTML u", ".Article.Title u", ".Article.Related.[].Title u", ".Article.Related n",
		".Article.Prev t", ".Article.LocalityRef.Today.URL u", ".Site.Config.Title u", ".StructuredData.[] u", ".Abs() u",
	} {
		if !strings.Contains(got+"\n", want+"\n") {
			t.Errorf("article pages do not read %q; reads:\n%s", want, got)
		}
	}
	if strings.Contains(got, ".Site.Articles") || strings.Contains(got, ".Article.Body") || strings.Contains(got, ".Article.Text") {
		t.Errorf("article pages read more than they show:\n%s", got)
	}
	// The home page shows a few articles (HomeData): its key reads those,
	// not every article of the site.
	home := r.reads["home"].root.String()
	if !strings.Contains(home, ".Data.Latest.[].Title u") || !strings.Contains(home, ".Data.Awarded.[].Title u") {
		t.Errorf("the home page does not read the articles it shows; reads:\n%s", home)
	}
	if strings.Contains(home, ".Site.Articles") || strings.Contains(home, ".Site.Awarded") {
		t.Errorf("the home page reads whole lists of articles:\n%s", home)
	}
}

// layouts builds a minimal set of layouts whose home page is body.
func layouts(body string) fstest.MapFS {
	return fstest.MapFS{
		"layouts/base.html": {Data: []byte(`<title>{{.Title}}</title>{{block "main" .}}{{end}}`)},
		"layouts/home.html": {Data: []byte(`{{define "main"}}` + body + `{{end}}`)},
	}
}

// testPage is a home page of a small site with one article.
func testPage() (*Page, *site.Article) {
	art := &site.Article{Article: &content.Article{Title: "Bài một", Date: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), Body: []byte("thân bài")}, URL: "/bai-viet/mot/"}
	s := &site.Site{Config: &content.Config{Title: "Trang"}, BaseURL: "https://example.org/", Articles: []*site.Article{art}}
	return &Page{Site: s, Kind: "home", Title: "Trang chủ", URL: "/"}, art
}

func keyOf(t *testing.T, r *Renderer, p *Page) Key {
	t.Helper()
	return r.Keys([]*Page{p})[0]
}

// A page's key changes when something it shows changes, and only then.
func TestKeyFollowsWhatThePageShows(t *testing.T) {
	r, _, err := Load(layouts(`{{range .Site.Articles}}<a href="{{.URL}}">{{.Title}}</a> {{date .Date}}{{end}} {{$.Abs "/x/"}}`), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	if reason := r.reads["home"].reason; reason != "" {
		t.Fatalf("home not cacheable: %s", reason)
	}
	p, art := testPage()
	k0 := keyOf(t, r, p)
	if k0 == (Key{}) {
		t.Fatal("zero key for a cacheable page")
	}
	if keyOf(t, r, p) != k0 {
		t.Fatal("the same page gives two keys")
	}
	art.Body = []byte("thân bài đã sửa") // not shown on the home page
	if keyOf(t, r, p) != k0 {
		t.Error("the key changed with a value the page does not show")
	}
	for _, change := range []struct {
		name string
		do   func()
	}{
		{"article title", func() { art.Title = "Bài một (sửa)" }},
		{"article date", func() { art.Date = art.Date.AddDate(0, 0, 1) }},
		{"base URL, read by the Abs method", func() { p.Site.BaseURL = "https://xem.example.org/" }},
		{"page title", func() { p.Title = "Trang đầu" }},
		{"a second article", func() {
			p.Site.Articles = append(p.Site.Articles, &site.Article{Article: &content.Article{Title: "Bài hai"}, URL: "/bai-viet/hai/"})
		}},
	} {
		before := keyOf(t, r, p)
		change.do()
		if keyOf(t, r, p) == before {
			t.Errorf("%s changed, the key did not", change.name)
		}
	}
	r2, _, err := Load(layouts(`{{range .Site.Articles}}<a href="{{.URL}}">{{.Title}}</a> {{date .Date}}{{end}} {{$.Abs "/x/"}} `), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	if keyOf(t, r2, p) == keyOf(t, r, p) {
		t.Error("the key did not change with the layout")
	}
}

// Where the analysis cannot tell what a template reads, the page gets the
// zero key: it is rendered every time, never served stale.
func TestUnknownReadsAreNotCached(t *testing.T) {
	for name, body := range map[string]string{
		"call of a function value":         `{{call .Site.Config.Title}}`,
		"method with arguments, no rule":   `{{.Site.MaxLocalityCount 3}}`,
		"method with arguments in a chain": `{{with .Site}}{{(.AreaBySlug "kinh-te").Name}} {{.Config.Title | .LocalityBySlug}}{{end}}{{.Site.URLs.Foo 1}}`,
	} {
		r, _, err := Load(layouts(body), testAssets)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, ok := r.pages["home"]; !ok {
			t.Fatalf("%s: the layout does not parse", name)
		}
		p, _ := testPage()
		if k := keyOf(t, r, p); k != (Key{}) {
			t.Errorf("%s: page has a key (%x), want none; analysis: %q", name, k[:4], r.reads["home"].reason)
		}
	}
}

// Every rule for a method with arguments names a method the page model
// has: a rule left behind by a removed method is dead text, and a renamed
// one would make its pages uncacheable without a word.
func TestArgMethodRulesNameRealMethods(t *testing.T) {
	types := map[string]reflect.Type{"render.Page": reflect.TypeFor[*Page](), "site.Site": reflect.TypeFor[*site.Site]()}
	for key := range argMethods {
		i := strings.LastIndex(key, ".")
		typ, ok := types[key[:i]]
		if !ok {
			t.Errorf("rule %q: no type %s in this test's list", key, key[:i])
			continue
		}
		if _, ok := typ.MethodByName(key[i+1:]); !ok {
			t.Errorf("rule %q: %s has no method %s", key, key[:i], key[i+1:])
		}
	}
}
