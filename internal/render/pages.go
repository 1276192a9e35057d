package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// Page is what every template receives.
type Page struct {
	Site        *site.Site // the whole site
	Kind        string     // template name: home, article, list…
	Title       string     // page title (without the site name)
	Heading     string     // the h1, when it differs from Title
	Description string     // meta description
	URL         string     // path of this page
	Breadcrumbs []Crumb    // from home to the parent of this page
	OGType      string     // "article" or "website"
	OGImage     string     // absolute image URL, or ""
	OGImageW    int        // its width in pixels, 0 if unknown
	OGImageH    int        // its height in pixels, 0 if unknown
	JSONLD      []any      // structured data, marshalled by html/template
	Feed        string     // path of the page's Atom feed, or ""
	Prev, Next  string     // rel=prev/next of paginated lists

	Article  *site.Article  // article pages
	Static   *site.Page     // standalone pages
	Pager    *site.Pager    // list pages
	Area     *site.Area     // area pages and cells
	Locality *site.Locality // locality pages and cells
	Cell     *site.Cell     // area-within-locality lists
	Year     *site.Year     // year archives
	Round    *site.Round    // contest round pages
	Data     any            // data of a page kind outside the core (the yearly report…)

	memo *memo // what the page's `cached` calls keep for the other pages of its RenderPages; nil outside one
}

// Crumb is one breadcrumb.
type Crumb struct {
	Name string // label
	URL  string // path
}

// Abs turns a site path into an absolute URL.
func (p *Page) Abs(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return strings.TrimSuffix(p.Site.BaseURL, "/") + path
}

// Canonical is the absolute URL of the page.
func (p *Page) Canonical() string { return p.Abs(p.URL) }

// FullTitle is the <title>: page title and site name.
func (p *Page) FullTitle() string {
	if p.Kind == "home" {
		return p.Site.Config.Title
	}
	return p.Title + " — " + p.Site.Config.Title
}

// H1 is the page's main heading.
func (p *Page) H1() string {
	if p.Heading != "" {
		return p.Heading
	}
	return p.Title
}

// CellFormer is how many articles of an area-within-locality list belong
// to units merged into the locality (the list shows them too).
func (p *Page) CellFormer() int {
	if p.Cell == nil {
		return 0
	}
	n := 0
	for _, a := range p.Cell.Articles {
		if a.LocalityRef != p.Cell.Locality {
			n++
		}
	}
	return n
}

// Site renders every page of s into out, in parallel.
func (r *Renderer) Site(s *site.Site, out Output) (int, error) {
	pages := r.Pages(s)
	if err := r.RenderPages(pages, out); err != nil {
		return 0, err
	}
	return len(pages), nil
}

// RenderPages renders pages (of Pages) into out, in parallel: a worker on
// each core, each with its own copy of the templates (workerSets), takes
// the next page not yet taken. The first error stops the workers.
func (r *Renderer) RenderPages(pages []*Page, out Output) error {
	m := newMemo() // cards and the like, shared by the pages (cached.go)
	var (
		next   atomic.Int64 // index of the next page to take
		failed atomic.Bool  // a worker failed: the others stop
		first  error        // the first worker's error
		once   sync.Once
		wg     sync.WaitGroup
	)
	sets := append([]map[string]*template.Template{r.pages}, r.workers...)
	work := func(set map[string]*template.Template) {
		defer wg.Done()
		var buf bytes.Buffer
		for !failed.Load() {
			i := int(next.Add(1) - 1)
			if i >= len(pages) {
				return
			}
			p := pages[i]
			buf.Reset()
			p.memo = m
			err := executeIn(set, &buf, p)
			p.memo = nil
			if err == nil {
				err = out.WriteFile(FileFor(p.URL), buf.Bytes())
			}
			if err != nil {
				once.Do(func() { first = err })
				failed.Store(true)
				return
			}
		}
	}
	for _, set := range sets[:min(len(sets), len(pages))] {
		wg.Add(1)
		go work(set)
	}
	wg.Wait()
	return first
}

// Render executes the template of one page into buf.
func (r *Renderer) Render(buf *bytes.Buffer, p *Page) error { return r.execute(buf, p) }

// Pages lists every HTML page of the core site, without rendering them
// (the preview server renders them on request).
func (r *Renderer) Pages(s *site.Site) []*Page {
	var pages []*Page
	add := func(p *Page) { p.Site = s; pages = append(pages, p) }

	add(r.homePage(s))
	for _, a := range s.Articles {
		add(articlePage(s, a))
	}
	for _, pg := range s.Pages {
		add(&Page{Kind: "page", Title: pg.Title, Description: pg.Summary, URL: pg.URL, Static: pg, OGType: "website",
			Breadcrumbs: []Crumb{Home}})
	}
	add(&Page{Kind: "areas", Title: SectionAreas.Name, Heading: "Mô hình theo lĩnh vực", Description: "Số mô hình, tấm gương theo từng lĩnh vực và từng địa bàn.", URL: SectionAreas.URL, Breadcrumbs: []Crumb{Home}})
	add(&Page{Kind: "localities", Title: SectionLocalities.Name, Heading: "Mô hình theo địa bàn", Description: "Số mô hình, tấm gương của từng xã, phường theo năm lĩnh vực, kể cả các đơn vị trước sáp nhập.", URL: SectionLocalities.URL, Breadcrumbs: []Crumb{Home}})
	add(&Page{Kind: "years", Title: SectionYears.Name, Heading: "Bài viết theo năm đăng", Description: "Các bài viết xếp theo năm đăng bài.", URL: SectionYears.URL, Breadcrumbs: []Crumb{Home}})
	add(&Page{Kind: "contest", Title: SectionContest.Name, Heading: s.Config.Contest.Name, Description: "Các tác phẩm dự thi viết về gương điển hình “Dân vận khéo”, theo từng đợt.", URL: SectionContest.URL, Breadcrumbs: []Crumb{Home}})
	add(&Page{Kind: "search", Title: SectionSearch.Name, Heading: "Tìm mô hình, tấm gương", Description: "Tìm bài viết theo tên mô hình, đơn vị, địa bàn.", URL: SectionSearch.URL, Breadcrumbs: []Crumb{Home}})
	add(&Page{Kind: "404", Title: "Không tìm thấy trang", Description: "Trang bạn tìm không có hoặc đã được chuyển đi.", URL: "/404.html"})
	for _, rd := range s.Rounds {
		add(&Page{Kind: "round", Title: rd.Name, Heading: "Tác phẩm dự thi — " + rd.Name, Description: fmt.Sprintf("%d tác phẩm dự thi %s.", len(rd.Entries), rd.Name), URL: rd.URL, Round: rd,
			Breadcrumbs: []Crumb{Home, SectionContest}})
	}
	for _, a := range s.Areas {
		for _, pg := range site.Paginate(a.URL, a.Articles) {
			add(listPage(pg, "Lĩnh vực "+a.Name, a.Description, []Crumb{Home, SectionAreas}, a.URL+"feed.xml", func(p *Page) { p.Area = a }))
		}
		for i := range a.ByLocality {
			c := &a.ByLocality[i]
			title := a.Name + " — " + c.Locality.FullName()
			desc := fmt.Sprintf("Các mô hình, tấm gương lĩnh vực %s ở %s.", a.Name, c.Locality.FullName())
			for _, pg := range site.Paginate(c.URL, c.Articles) {
				add(listPage(pg, title, desc, []Crumb{Home, SectionLocalities, {c.Locality.FullName(), c.Locality.URL}}, "", func(p *Page) { p.Cell = c; p.Area = a; p.Locality = c.Locality }))
			}
		}
	}
	for _, l := range s.Localities {
		desc := fmt.Sprintf("Các mô hình, tấm gương “Dân vận khéo” ở %s.", l.FullName())
		for _, pg := range site.Paginate(l.URL, l.Articles) {
			add(listPage(pg, l.FullName(), desc, []Crumb{Home, SectionLocalities}, l.URL+"feed.xml", func(p *Page) { p.Locality = l }))
		}
	}
	for _, pg := range site.Paginate(site.ArchiveURL, s.Articles) {
		add(listPage(pg, "Tất cả bài viết", "Tất cả bài viết về mô hình, tấm gương “Dân vận khéo”, mới nhất trước.", []Crumb{Home}, "/feed.xml", func(*Page) {}))
	}
	for _, y := range s.Years {
		for _, pg := range site.Paginate(y.URL, y.Articles) {
			add(listPage(pg, "Năm "+strconv.Itoa(y.Year), fmt.Sprintf("Các bài viết đăng năm %d.", y.Year), []Crumb{Home, SectionYears}, "", func(p *Page) { p.Year = y }))
		}
	}

	return pages
}

// Page renders one page into out. Features outside the core site (the
// contest export, the yearly report…) build their own Page values.
func (r *Renderer) Page(s *site.Site, out Output, p *Page) error {
	p.Site = s
	var buf bytes.Buffer
	if err := r.execute(&buf, p); err != nil {
		return err
	}
	return out.WriteFile(FileFor(p.URL), buf.Bytes())
}

// FileFor maps a URL path to the file that serves it.
func FileFor(url string) string {
	if strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}

// execute executes the template of p's kind into buf.
func (r *Renderer) execute(buf *bytes.Buffer, p *Page) error { return executeIn(r.pages, buf, p) }

// executeIn executes the template of p's kind from set into buf.
func executeIn(set map[string]*template.Template, buf *bytes.Buffer, p *Page) error {
	t := set[p.Kind]
	if t == nil {
		return fmt.Errorf("không có mẫu giao diện layouts/%s.html", p.Kind)
	}
	if err := t.ExecuteTemplate(buf, "base.html", p); err != nil {
		var damaged *site.DamagedBodyError
		if errors.As(err, &damaged) {
			return damaged // the Markdown cache's fault, not the layout's: the build renders the body again
		}
		return &content.Problem{File: "layouts/" + p.Kind + ".html", Msg: "lỗi khi dựng trang " + p.URL + ": " + err.Error()}
	}
	return nil
}

func listPage(pg *site.Pager, title, desc string, crumbs []Crumb, feed string, set func(*Page)) *Page {
	p := &Page{Kind: "list", Title: title, Description: desc, URL: pg.URL, Pager: pg, Breadcrumbs: crumbs, Feed: feed, OGType: "website", Prev: pg.Prev, Next: pg.Next}
	if pg.N > 1 {
		p.Heading = title
		p.Title = fmt.Sprintf("%s — trang %d", title, pg.N)
		p.Breadcrumbs = append(append([]Crumb(nil), crumbs...), Crumb{title, pg.BaseURL})
	}
	set(p)
	return p
}

// HomeData is what layouts/home.html receives as .Data: the few articles
// it shows, not the lists they are taken from. The home page's key then
// reads those few (pagekey.go): the whole list cost every warm build 24 ms
// at 10,000 articles, and an edit of any article rendered it again.
type HomeData struct {
	Latest  []*site.Article // the newest articles, at most HomeLatest
	Awarded []*site.Article // the newest awarded ones, at most HomeAwarded
}

// How many articles the home page shows of each list.
const (
	HomeLatest  = 10
	HomeAwarded = 6
)

func (r *Renderer) homePage(s *site.Site) *Page {
	return &Page{Kind: "home", Title: Home.Name, Heading: s.Config.Title, Description: s.Config.Description, URL: "/", OGType: "website", Feed: "/feed.xml",
		Data: &HomeData{Latest: s.Articles[:min(len(s.Articles), HomeLatest)], Awarded: s.Awarded[:min(len(s.Awarded), HomeAwarded)]}}
}

func articlePage(s *site.Site, a *site.Article) *Page {
	p := &Page{Kind: "article", Title: a.Title, Description: a.Summary, URL: a.URL, Article: a, OGType: "article",
		Breadcrumbs: []Crumb{Home, SectionAreas, {a.AreaRef.Name, a.AreaRef.URL}}}
	if a.OGImage.URL != "" {
		p.OGImage, p.OGImageW, p.OGImageH = a.OGImage.URL, a.OGImage.Width, a.OGImage.Height
	} else if a.CoverURL != "" {
		p.OGImage = a.CoverURL
	}
	return p
}
