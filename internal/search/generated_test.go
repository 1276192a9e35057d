package search_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/host"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/testenv"
	"github.com/quangngai/danvan/internal/vi"
)

// plantedArticle is an article added to a generated corpus that one query
// must find first. The generated articles use the same phrases all the
// time ("dân vận khéo" is in a third of their titles, Tịnh Khê in one in
// ten), so a planted article wins only by being about its subject
// through and through: in its title, model, unit, tags and summary, in a
// short text.
type plantedArticle struct {
	slug, frontmatter, body string
	queries                 []string // each must rank the article first
}

var plantedArticles = []plantedArticle{
	{"don-dien-doi-thua-nghia-dung-trong-diem", `title: "Dồn điền, đổi thửa ở xã Nghĩa Dũng"
date: 2019-06-14
area: kinh-te
locality: nghia-dung
model: "Dồn điền, đổi thửa"
unit: "Hội Nông dân xã Nghĩa Dũng"
subject: tap-the
year: 2019
summary: "Nông dân xã Nghĩa Dũng dồn điền, đổi thửa: ruộng liền bờ, máy vào tận đồng."
author: "Nguyễn Thị Hoa"
tags: ["dồn điền", "đổi thửa"]`,
		"Sau dồn điền, đổi thửa, mỗi hộ ở Nghĩa Dũng chỉ còn một, hai thửa ruộng. Dồn điền, đổi thửa để máy gặt vào tận đồng.",
		// The last: a typo ("ngiha" for "nghĩa"), corrected (fuzzy.go).
		[]string{"don dien doi thua", "Dồn điền, đổi thửa", "dồn điền ngiha dũng"}},
	{"camera-an-ninh-tinh-khe-trong-diem", `title: "Tịnh Khê: camera an ninh giữ bình yên xã Tịnh Khê"
date: 2020-03-02
area: quoc-phong-an-ninh
locality: tinh-khe
model: "Camera an ninh Tịnh Khê"
unit: "Công an xã Tịnh Khê"
subject: tap-the
year: 2020
summary: "Người dân Tịnh Khê góp tiền lắp camera an ninh khắp xã Tịnh Khê."
author: "Trần Văn Minh"
tags: ["Tịnh Khê"]`,
		"Ở Tịnh Khê, mỗi thôn có camera an ninh. Công an xã Tịnh Khê theo dõi suốt ngày đêm.",
		[]string{"tinh khe", "Tịnh Khê"}},
	{"dan-van-kheo-nep-lam-viec-trong-diem", `title: "Dân vận khéo: từ phong trào đến nếp làm việc"
date: 2018-01-05
area: he-thong-chinh-tri
locality: thanh-pho
model: "Dân vận khéo"
unit: "Ban Dân vận Thành ủy"
subject: tap-the
year: 2018
summary: "Phong trào Dân vận khéo lan tỏa: dân vận khéo thành nếp làm việc."
author: "Lê Thị Thu"
tags: ["dân vận khéo"]`,
		"Dân vận khéo là nghe dân nói, nói dân hiểu, làm dân tin. Dân vận khéo bắt đầu từ cán bộ.",
		[]string{"DÂN VẬN KHÉO", "dan van kheo"}},
}

// TestBrowserGenerated drives the search page in Chromium on a generated
// 2,000-article site with planted articles: typed queries, with and without
// diacritics, in NFC and NFD, rank the planted article first; an area and
// a locality filter give the counts that the site's articles give when
// counted directly; reloading the URL restores the search; axe finds no
// violation. It builds a real site, so it takes seconds, not minutes.
func TestBrowserGenerated(t *testing.T) {
	testenv.NotShort(t, "the search page on a generated site in Chromium")
	chrome, err := qa.ChromiumPath()
	testenv.Need(t, err)
	start := time.Now()
	root := filepath.Join(t.TempDir(), "site")
	if _, err := corpus.Generate(corpus.Options{N: 2000, Seed: 7, Template: "../..", Out: root}); err != nil {
		t.Fatal(err)
	}
	for _, p := range plantedArticles {
		data := "---\n" + p.frontmatter + "\ndraft: false\n---\n\n" + p.body + "\n"
		if err := os.WriteFile(filepath.Join(root, "content", "bai-viet", p.slug+".md"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Names made of two syllables common in this corpus but never side by
	// side in it, planted in copies of its articles (bench.PlantNames).
	names := plantNames(t, root, 2)
	generated := time.Now()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Source: root, Dest: out, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	built := time.Now()
	// The site as read from its files: the independent source of the
	// filter counts checked below (the page gets them from the export).
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("2,000 + %d + %d articles: generated in %v, built in %v, loaded again in %v", len(plantedArticles), len(names),
		generated.Sub(start).Round(time.Millisecond), built.Sub(generated).Round(time.Millisecond), time.Since(built).Round(time.Millisecond))

	// The Go reference scorer over the built site's export: its top three,
	// logged, say by how much a planted article wins.
	st, err := static.Open(os.DirFS(out))
	if err != nil {
		t.Fatal(err)
	}

	ws, err := bench.StartWireServer(host.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	tab := openSearchTab(t, chrome)
	do, eval := tab.do, tab.eval
	// typeQuery replaces the box's text as one input event (a paste, or
	// an IME committing a word) after clearing the results.
	typeQuery := func(q string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Evaluate[chromedp.Void](`(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true})); })()`),
			poll(`document.querySelectorAll('#search-results li').length === 0`),
			chromedp.Evaluate[chromedp.Void](`(() => { const q = document.getElementById('q'); q.value = `+jsString(q)+`; q.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	}

	do("open the search page", chromedp.Navigate(ws.URL+"/tim-kiem/"), chromedp.WaitVisible(chromedp.ID("q")))
	for i, p := range plantedArticles {
		want := "/bai-viet/" + p.slug + "/"
		for j, q := range p.queries {
			for _, form := range []string{q, norm.NFD.String(q)} {
				for _, typing := range []bool{true, false} {
					res, err := st.Search(form, typing, nil)
					if err != nil {
						t.Fatal(err)
					}
					rs := res.Visible()
					top := rs[:min(3, len(rs))]
					if err := st.Describe(top); err != nil {
						t.Fatal(err)
					}
					var desc []string
					for _, r := range top {
						desc = append(desc, fmt.Sprintf("%s (%d words, %d)", r.URL, r.Matched, r.Score))
					}
					t.Logf("%+q (typing %v): Go reference top 3: %s", form, typing, strings.Join(desc, ", "))
				}
				if i == 0 && j == 0 && form == q {
					// Real keystrokes once: the page answers while typing.
					do("type "+q, chromedp.SendKeys(chromedp.ID("q"), q), firstIs(want))
				} else {
					do("type "+q, typeQuery(form), firstIs(want))
				}
				do("enter "+q, chromedp.SendKeys(chromedp.ID("q"), "\r"), firstIs(want))
			}
		}
	}
	// Planted names, typed and entered, with and without diacritics, rank
	// their article first.
	for _, p := range names {
		for _, k := range p.Items {
			do("type "+k.Query, typeQuery(k.Query), firstIs(p.URL))
			do("enter "+k.Query, chromedp.SendKeys(chromedp.ID("q"), "\r"), firstIs(p.URL))
		}
	}

	// One ranking: for every query of this test, the page shows the same
	// count and top 5 as the Go scorer over the same export, which is what
	// `danvan search` prints.
	var all []string
	for _, p := range plantedArticles {
		for _, q := range p.queries {
			all = append(all, q, norm.NFD.String(q))
		}
	}
	for _, p := range names {
		for _, k := range p.Items {
			all = append(all, k.Query)
		}
	}
	all = append(all, bench.SearchQueries...)
	for _, q := range all {
		sameAsCLI(t, tab, st, ws.URL, q)
	}

	// The URL of an NFD query restores it.
	nfd := norm.NFD.String("DÂN VẬN KHÉO")
	do("URL restores an NFD query", chromedp.Navigate(ws.URL+"/tim-kiem/?q="+url.QueryEscape(nfd)), firstIs("/bai-viet/"+plantedArticles[2].slug+"/"))

	// Filters: a word in a few hundred articles, its most frequent area,
	// then the locality (with the units merged into it) most frequent
	// among those. The counts on the page must be the site's own.
	word, area, loc := pickFilters(res.Site)
	wantArea := countMatches(res.Site, word, area, "")
	wantBoth := countMatches(res.Site, word, area, loc)
	t.Logf("filters: %q in area %s: %d articles; and locality %s: %d", word, area, wantArea, loc, wantBoth)
	// A page of results is complete when it lists as many results as the
	// status counts, ten at most (the first five come on their own).
	const pageDone = `(() => { const m = /Tìm thấy (\d+) bài/.exec(document.getElementById('search-status').textContent); return !!m && document.querySelectorAll('#search-results li').length >= Math.min(10, +m[1]); })()`
	status := func() int {
		t.Helper()
		s := eval(`document.getElementById('search-status').textContent`)
		m := regexp.MustCompile(`Tìm thấy (\d+) bài`).FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("status %q has no count", s)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	do("area filter",
		chromedp.Navigate(ws.URL+"/tim-kiem/?q="+url.QueryEscape(word)+"&linh-vuc="+area),
		poll(`/Tìm thấy \d+ bài/.test(document.getElementById('search-status').textContent)`),
		poll(`document.querySelector('#f-dia-ban option[value="`+loc+`"]') !== null`))
	if got := status(); got != wantArea {
		t.Errorf("%q in %s: page says %d articles, the site has %d", word, area, got, wantArea)
	}
	// The locality option counts the results under the area filter.
	opt := eval(`document.querySelector('#f-dia-ban option[value="` + loc + `"]').textContent`)
	if !strings.HasSuffix(opt, ": "+strconv.Itoa(wantBoth)+" bài") {
		t.Errorf("locality option %q, want a count of %d", opt, wantBoth)
	}
	// The status changes when the filtered results are on screen (unless
	// the filter keeps every result).
	changed := `true`
	if wantBoth != wantArea {
		changed = `document.getElementById('search-status').textContent.indexOf('Tìm thấy ` + strconv.Itoa(wantArea) + ` bài') < 0`
	}
	do("locality filter",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-dia-ban'); s.value = `+jsString(loc)+`; s.dispatchEvent(new Event('change', {bubbles: true})); })()`),
		poll(`location.search.indexOf('dia-ban=`+loc+`') >= 0`),
		poll(`/Tìm thấy \d+ bài/.test(document.getElementById('search-status').textContent) && `+changed),
		poll(pageDone))
	if got := status(); got != wantBoth {
		t.Errorf("%q in %s, %s: page says %d articles, the site has %d", word, area, loc, got, wantBoth)
	}
	listed := `Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href')).join(' ')`
	before, statusBefore := eval(listed), eval(`document.getElementById('search-status').textContent`)
	do("reload", chromedp.Reload(), poll(pageDone))
	if after := eval(listed); after != before {
		t.Errorf("after reload the results differ:\n before %s\n after  %s", before, after)
	}
	if s := eval(`document.getElementById('search-status').textContent`); s != statusBefore {
		t.Errorf("after reload the status is %q, was %q", s, statusBefore)
	}
	if v := eval(`document.getElementById('q').value + '|' + document.getElementById('f-linh-vuc').value + '|' + document.getElementById('f-dia-ban').value`); v != word+"|"+area+"|"+loc {
		t.Errorf("after reload the form holds %q", v)
	}

	tab.axe("the search page with results and filters")
}

// plantNames plants k articles named with common syllables in the corpus
// at root (bench.PlantNames) and returns them.
func plantNames(t *testing.T, root string, k int) []bench.PlantedName {
	t.Helper()
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	names, err := bench.PlantNames(res.Site, k, 7, func(a *site.Article) ([]byte, error) {
		return os.ReadFile(filepath.Join(root, filepath.FromSlash(a.Path)))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range names {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p.File)), p.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("planted name %q: %s", p.Name, p.URL)
	}
	return names
}

// sameAsCLI opens the search page on q (as a shared link does) and
// requires its status count and its first five results to be the Go
// scorer's (Results.Visible of Search, what `danvan search` prints).
func sameAsCLI(t *testing.T, tab *searchTab, st *static.Index, base, q string) {
	t.Helper()
	res, err := st.Search(q, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Visible()
	top := rs[:min(5, len(rs))]
	if err := st.Describe(top); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range top {
		want = append(want, r.URL)
	}
	if len(rs) == 0 {
		tab.do("open "+q, chromedp.Navigate(base+"/tim-kiem/?q="+url.QueryEscape(q)),
			poll(`document.getElementById('search-status').textContent.indexOf('Không tìm thấy') === 0`))
		return
	}
	tab.do("open "+q, chromedp.Navigate(base+"/tim-kiem/?q="+url.QueryEscape(q)),
		poll(`(() => { const m = /Tìm thấy (?:ít nhất )?(\d+) bài/.exec(document.getElementById('search-status').textContent); return !!m && document.querySelectorAll('#search-results li').length >= Math.min(5, +m[1]); })()`))
	status := tab.eval(`document.getElementById('search-status').textContent`)
	count := "Tìm thấy " + strconv.Itoa(len(rs)) + " bài"
	if res.AtLeast {
		count = "Tìm thấy ít nhất " + strconv.Itoa(len(rs)) + " bài"
	}
	if !strings.Contains(status, count) {
		t.Errorf("%+q: the page says %q, the Go scorer finds %d", q, status, len(rs))
	}
	got := strings.Fields(tab.eval(`Array.from(document.querySelectorAll('#search-results li a')).slice(0, 5).map(a => a.getAttribute('href')).join(' ')`))
	if !slices.Equal(got, want) {
		t.Errorf("%+q: the page's top 5 %v, the Go scorer's %v", q, got, want)
	}
}

// articleWords returns the folded words of the indexed text of a: title,
// model, unit, tags, summary and body.
func articleWords(a *site.Article) map[string]bool {
	body, err := a.Text()
	if err != nil {
		panic(err) // a generated site's bodies are rendered afresh
	}
	text := strings.Join(append([]string{a.Title, a.Model, a.Unit, a.Summary, body}, a.Tags...), " ")
	out := map[string]bool{}
	for _, w := range vi.Words(vi.NFC(text)) {
		out[vi.Fold(w)] = true
	}
	return out
}

// inLocality reports whether a counts for loc: its own unit or one it was
// merged into.
func inLocality(a *site.Article, loc string) bool {
	for l := range a.LocalityRef.Chain() {
		if l.Slug == loc {
			return true
		}
	}
	return false
}

// countMatches counts the articles holding word, in area and (unless
// empty) in loc.
func countMatches(s *site.Site, word, area, loc string) int {
	n := 0
	for _, a := range s.Articles {
		if a.Area == area && (loc == "" || inLocality(a, loc)) && articleWords(a)[word] {
			n++
		}
	}
	return n
}

// pickFilters chooses, deterministically, an ASCII word of at least four
// letters found in 100 to static.MaxPostings articles (no more than the postings cap, so
// every match is in the index), the area with most of its articles, and
// the locality with most of those.
func pickFilters(s *site.Site) (word, area, loc string) {
	df := map[string]int{}
	words := make([]map[string]bool, len(s.Articles))
	for i, a := range s.Articles {
		words[i] = articleWords(a)
		for w := range words[i] {
			df[w]++
		}
	}
	for w, n := range df {
		if n < 100 || n > static.MaxPostings || len(w) < 4 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			continue
		}
		if word == "" || n > df[word] || n == df[word] && w < word {
			word = w
		}
	}
	best := func(count map[string]int) string {
		var ks []string
		for k := range count {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool {
			return count[ks[i]] > count[ks[j]] || count[ks[i]] == count[ks[j]] && ks[i] < ks[j]
		})
		return ks[0]
	}
	areas, locs := map[string]int{}, map[string]int{}
	for i, a := range s.Articles {
		if words[i][word] {
			areas[a.Area]++
		}
	}
	area = best(areas)
	for i, a := range s.Articles {
		if words[i][word] && a.Area == area {
			for l := range a.LocalityRef.Chain() {
				locs[l.Slug]++
			}
		}
	}
	return word, area, best(locs)
}
