package render

import (
	"html/template"
	"reflect"
	"strings"
	"sync"
)

// The layouts' `cached` function: {{cached $ "card-row" .}} prints what
// {{template "card-row" .}} prints, and keeps it for the other pages of the
// same RenderPages that show the same value. An article's card is on
// about seven list pages; rendering each card once per build instead of
// on every page cut the list pages' share of a cold build (3,461 pages at
// 10,000 articles: 3.0 of the 6.3 s the pages spent in their templates).
// The first argument is the page, which carries the build's memo (Render,
// one page at a time, keeps nothing). A page's key reads what the named
// template reads of the value, as for {{template}} (reads.go).

// memo holds the HTML of cached templates, by template name and value,
// for one RenderPages. A value that is not a pointer is never kept: two
// equal keys would not mean the same value.
type memo struct {
	mu   sync.Mutex
	html map[memoEntry]template.HTML
	navs navs // the pages' menus (Page.Nav)
}

type memoEntry struct {
	name string
	dot  any // a pointer
}

func newMemo() *memo { return &memo{html: map[memoEntry]template.HTML{}} }

// cachedIn is the `cached` function of the templates of set.
func cachedIn(set *template.Template) func(p *Page, name string, dot any) (template.HTML, error) {
	return func(p *Page, name string, dot any) (template.HTML, error) {
		var m *memo
		if p != nil && dot != nil && reflect.TypeOf(dot).Kind() == reflect.Pointer {
			m = p.memo
		}
		key := memoEntry{name, dot}
		if m != nil {
			m.mu.Lock()
			h, ok := m.html[key]
			m.mu.Unlock()
			if ok {
				return h, nil
			}
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, name, dot); err != nil {
			return "", err
		}
		h := template.HTML(b.String()) // escaped by set, as {{template}} would be
		if m != nil {
			m.mu.Lock()
			m.html[key] = h
			m.mu.Unlock()
		}
		return h, nil
	}
}
