package render

import (
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/site"
)

// Nav is the site's menu as one page shows it: the header prints it
// ({{cached $ "header" .Nav}}). Every page printed its menu itself, and the
// header and the footer were a third of the pages' template work in a
// cold build (10,000 articles: all pages rendered in 2.5 s against 1.6 s
// without them, two cores); the pages that show the same menu now share
// one *Nav within a RenderPages, and its HTML is printed once.
type Nav struct {
	Sections []NavItem // the sections, in order
	Pages    []NavItem // the standalone pages of the menu (menu: true), by weight
}

// NavItem is one link of the menu.
type NavItem struct {
	Name string // the link's text
	URL  string // where it goes
	// Current is the link's aria-current: "page" on the page it links
	// to, "true" on a page under it, "" elsewhere.
	Current string
}

// Nav returns the menu as p shows it: a section is current on its index
// and on every page under its URL, a standalone page on itself. Within a
// RenderPages or a Keys call (p.memo), the pages that show the same marks
// get the same *Nav, found by its marks before any menu is built (the
// page keys ask every page for its menu: 13,000 menus made and dropped
// were 12 MB of a warm build's allocations at 10,000 articles).
func (p *Page) Nav() *Nav {
	secs := sections()
	var menu []*site.Page
	if p.Site != nil {
		for _, sp := range p.Site.Pages {
			if sp.Menu {
				menu = append(menu, sp)
			}
		}
	}
	marks := make([]string, 0, len(secs)+len(menu))
	for _, c := range secs {
		cur := ""
		if strings.HasPrefix(p.URL, c.URL) {
			cur = "true"
			if p.URL == c.URL {
				cur = "page"
			}
		}
		marks = append(marks, cur)
	}
	for _, sp := range menu {
		cur := ""
		if p.URL == sp.URL {
			cur = "page"
		}
		marks = append(marks, cur)
	}
	build := func() *Nav {
		n := &Nav{Sections: make([]NavItem, len(secs)), Pages: make([]NavItem, len(menu))}
		for i, c := range secs {
			n.Sections[i] = NavItem{Name: c.Name, URL: c.URL, Current: marks[i]}
		}
		for i, sp := range menu {
			n.Pages[i] = NavItem{Name: sp.Title, URL: sp.URL, Current: marks[len(secs)+i]}
		}
		return n
	}
	if p.memo == nil {
		return build()
	}
	return p.memo.navs.get(strings.Join(marks, "|"), build)
}

// navs are the menus of one RenderPages or Keys call, one *Nav for each
// set of current marks (the only part of a menu that varies within one).
type navs struct {
	mu sync.Mutex
	by map[string]*Nav
}

// get returns the menu kept for the marks state, or the one build makes,
// kept for it.
func (ns *navs) get(state string, build func() *Nav) *Nav {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if kept, ok := ns.by[state]; ok {
		return kept
	}
	if ns.by == nil {
		ns.by = map[string]*Nav{}
	}
	n := build()
	ns.by[state] = n
	return n
}
