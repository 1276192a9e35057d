package site

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pager is one page of a paginated list.
type Pager struct {
	N       int        // 1-based page number
	Total   int        // number of pages
	URL     string     // URL of this page
	Items   []*Article // articles on this page
	Prev    string     // URL of the previous page, or ""
	Next    string     // URL of the next page, or ""
	Links   []PageLink // numbered links, with gaps
	Count   int        // articles in the whole list
	First   int        // 1-based index of the first item on this page
	Last    int        // 1-based index of the last item on this page
	BaseURL string     // URL of page 1
}

// PageLink is one numbered link of a pager; N == 0 is a gap ("…").
type PageLink struct {
	N       int    // page number, 0 for a gap
	URL     string // its URL
	Current bool   // the page being shown
}

// PageURL is the URL of page n of a list whose first page is base.
func PageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "trang/" + strconv.Itoa(n) + "/"
}

// Paginate splits items into pages of PerPage. An empty list still has
// one (empty) page.
func Paginate(base string, items []*Article) []*Pager {
	total := max(1, (len(items)+PerPage-1)/PerPage)
	out := make([]*Pager, total)
	for i := range out {
		n := i + 1
		lo, hi := i*PerPage, min(len(items), (i+1)*PerPage)
		p := &Pager{N: n, Total: total, URL: PageURL(base, n), Items: items[lo:hi], Count: len(items), First: lo + 1, Last: hi, BaseURL: base}
		if n > 1 {
			p.Prev = PageURL(base, n-1)
		}
		if n < total {
			p.Next = PageURL(base, n+1)
		}
		p.Links = pageLinks(base, n, total)
		out[i] = p
	}
	return out
}

// pageLinks shows the first, the last and two pages around the current
// one, with gaps: 1 … 4 5 [6] 7 8 … 20.
func pageLinks(base string, cur, total int) []PageLink {
	if total <= 1 {
		return nil
	}
	var out []PageLink
	last := 0
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || (n >= cur-2 && n <= cur+2) {
			if last != 0 && n > last+1 {
				out = append(out, PageLink{})
			}
			out = append(out, PageLink{N: n, URL: PageURL(base, n), Current: n == cur})
			last = n
		}
	}
	return out
}

// ArchiveURL is the list of every article, newest first.
const ArchiveURL = "/bai-viet/"

// URLs lists every HTML page of the site (for the sitemap and link
// checks), sorted.
func (s *Site) URLs() []string {
	if s.urls != nil {
		return s.urls
	}
	out := []string{"/", "/linh-vuc/", "/dia-ban/", "/nam/", "/cuoc-thi/", "/tim-kiem/"}
	for _, a := range s.Articles {
		out = append(out, a.URL)
	}
	for _, p := range s.Pages {
		out = append(out, p.URL)
	}
	addList := func(base string, n int) {
		for _, p := range Paginate(base, make([]*Article, n)) {
			out = append(out, p.URL)
		}
	}
	for _, a := range s.Areas {
		addList(a.URL, len(a.Articles))
		for _, c := range a.ByLocality {
			addList(c.URL, len(c.Articles))
		}
	}
	for _, l := range s.Localities {
		addList(l.URL, len(l.Articles))
	}
	addList(ArchiveURL, len(s.Articles))
	for _, y := range s.Years {
		addList(y.URL, len(y.Articles))
	}
	for _, r := range s.Rounds {
		out = append(out, r.URL)
	}
	// The yearly report (internal/report) writes these pages.
	out = append(out, ReportURL)
	for _, y := range s.ReportYears() {
		out = append(out, ReportYearURL(y))
	}
	sort.Strings(out)
	s.urls = out
	s.urlSet = make(map[string]bool, len(out))
	for _, u := range out {
		s.urlSet[u] = true
	}
	return out
}

// deriveSummary takes the first paragraph of the text, cut at a word
// boundary near 200 characters.
func deriveSummary(text string) string {
	para := text
	if i := strings.IndexByte(para, '\n'); i >= 0 {
		para = para[:i]
	}
	const limit = 200
	end, n := 0, 0 // byte offset after the first limit runes
	for end < len(para) && n < limit {
		_, size := utf8.DecodeRuneInString(para[end:])
		end += size
		n++
	}
	if end == len(para) {
		return para
	}
	cut := para[:end]
	if i := strings.LastIndexByte(cut, ' '); i > limit/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–") + "…"
}
