package render

import (
	"testing"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// The menu marks a section current (aria-current) on its index ("page")
// and under it ("true"), a standalone page on itself; pages that show the
// same menu share one *Nav within a RenderPages (its memo), so the header
// is printed once for them, and a menu that differs is another *Nav.
func TestNavMarksTheCurrentSectionAndIsShared(t *testing.T) {
	s := &site.Site{Pages: []*site.Page{
		{Page: &content.Page{Title: "Giới thiệu", Menu: true}, URL: "/gioi-thieu/"},
		{Page: &content.Page{Title: "Bản quyền"}, URL: "/ban-quyen/"},
	}}
	current := func(n *Nav) map[string]string {
		out := map[string]string{}
		for _, it := range append(append([]NavItem(nil), n.Sections...), n.Pages...) {
			if it.Current != "" {
				out[it.URL] = it.Current
			}
		}
		return out
	}
	for url, want := range map[string]map[string]string{
		"/":                         {},
		SectionAreas.URL:            {SectionAreas.URL: "page"},
		SectionAreas.URL + "x/":     {SectionAreas.URL: "true"},
		SectionReport.URL + "2020/": {SectionReport.URL: "true"},
		"/gioi-thieu/":              {"/gioi-thieu/": "page"},
		"/ban-quyen/":               {},
	} {
		n := (&Page{Site: s, URL: url}).Nav()
		if got := current(n); len(got) != len(want) || !sameMarks(got, want) {
			t.Errorf("%s: current links %v, want %v", url, got, want)
		}
		if len(n.Sections) != len(sections()) || len(n.Pages) != 1 || n.Pages[0].Name != "Giới thiệu" {
			t.Errorf("%s: menu %+v: want every section and the one menu page", url, n)
		}
	}
	m := newMemo()
	at := func(url string) *Nav { return (&Page{Site: s, URL: url, memo: m}).Nav() }
	if a, b := at("/bai-viet/mot/"), at("/nam/2020/"); a == b {
		t.Error("two menus with different current sections are one *Nav")
	}
	if a, b := at("/bai-viet/mot/"), at("/bai-viet/hai/"); a != b {
		t.Error("two pages with the same menu got two *Nav: the header is printed for each")
	}
	if a, b := at(SectionAreas.URL), at(SectionAreas.URL+"x/"); a == b {
		t.Error("a section's index and a page under it share a menu (aria-current page and true)")
	}
}

func sameMarks(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
