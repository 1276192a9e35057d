// Package site builds the page graph from loaded content: published
// articles with their rendered bodies, the area and locality taxonomies
// (with the history of merged units), years, pages, related articles and
// pagination. It writes no output; render and search read it. Its bodies
// are rendered (bodies.go) by the BodyRenderer, and its images made by the
// ImageProcessor, that the pipeline hands to New (the processor keeps its
// variants in the build's cache): this package imports neither renderer.
package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"iter"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/vi"
)

// PerPage is the number of articles on one list page.
const PerPage = 20

// ReservedIDs are element ids used by the layouts; headings never take them.
var ReservedIDs = []string{"noi-dung", "dau-trang", "menu", "tim-kiem", "chan-trang", "muc-luc"}

// Options control what is published.
type Options struct {
	BaseURL string         // overrides _site.yaml's base_url when set
	Drafts  bool           // include drafts
	NoIndex bool           // a preview: ask search engines not to index it
	Cache   *BodyCache     // rendered Markdown kept between builds, or nil
	Images  ImageProcessor // makes responsive variants; nil publishes originals
	Now     time.Time      // "today", for future-dated articles; zero means time.Now
	// Progress, if set, hears of every body rendered (or found in the
	// cache), from several goroutines.
	Progress func(n int)
}

// Site is the whole page graph.
type Site struct {
	Config       *content.Config // _site.yaml
	BaseURL      string          // absolute, with trailing slash
	Articles     []*Article      // published, newest first
	Areas        []*Area         // in _site.yaml order
	Localities   []*Locality     // sorted by Vietnamese collation, current units first
	Years        []*Year         // newest first
	Pages        []*Page         // standalone pages by weight
	Rounds       []*Round        // contest rounds with entries, newest first
	Awarded      []*Article      // articles with an award, newest first
	Updated      time.Time       // date of the newest article (not the build time)
	NoIndex      bool            // a preview build: pages carry noindex
	StaticURLs   map[string]bool // URLs of files under static/
	Resources    []Resource      // bundle files to copy into the output
	Redirects    []Redirect      // aliases → canonical URLs
	ImagesReused int64           // body images whose variants came with a cached render, not from the image processor

	fsys        fs.FS                // the site root
	byPath      map[string]*Article  // source path → article
	pagesByPath map[string]*Page     // source path → standalone page
	link        [32]byte             // linkKey of the last render of the bodies
	areaBy      map[string]*Area     // slug → area
	localityBy  map[string]*Locality // slug → locality
	urls        []string             // every HTML page URL, sorted
	urlSet      map[string]bool      // the same, as a set
	invalid     []*Article           // articles with errors of their own: links to them resolve, nothing else sees them
	drafts      map[string]bool      // source paths of drafts left out
	cache       *BodyCache           // Markdown results of earlier builds
	images      ImageProcessor       // nil: originals
	progress    func(n int)          // Options.Progress, or a no-op
}

// Resource is a file copied into the output.
type Resource struct {
	Src  string // path in the site root
	Path string // or a generated file outside it (an image variant in the cache)
	URL  string // URL path in the output

	// A generated file is checked against Sum when it is published; if the
	// cache damaged it, it is made again from Image (with the Open Graph
	// crop when Crop).
	Sum   [32]byte // SHA-256 of the generated file
	Image string   // the source image in the site root
	Crop  bool     // the variants were made with the crop
}

// Redirect is an old URL that points to a new one.
type Redirect struct {
	From string // old URL path
	To   string // new URL path
}

// Article is a published article with everything its page shows.
type Article struct {
	*content.Article
	// Summary is the frontmatter's summary, or one derived from the body
	// when it has none (the source article is left as it was read).
	Summary        string
	summaryDerived bool           // Summary came from the body
	URL            string         // /bai-viet/<slug>/
	html           template.HTML  // rendered body (safe: goldmark without raw HTML), read through HTML; emptied by build once pages are written (releaseBodies)
	text           string         // plain text of the body, read through Text; emptied by a cold build's search export once its records are made (ReleaseText)
	unchecked      bool           // html and text are the Markdown cache's, not checked yet against their sums (sealed.go)
	Words          int            // syllables in the body
	ReadingMinutes int            // at 200 words a minute
	Headings       []body.Heading // outline
	htmlSum        sealed         // SHA-256 of HTML as rendered (HTMLSum)
	textSum        sealed         // SHA-256 of Text (TextSum)
	AreaRef        *Area          // its area
	LocalityRef    *Locality      // its locality (the unit named at publication)
	CoverURL       string         // cover image URL, or ""
	CoverW         int            // cover width in pixels
	CoverH         int            // cover height in pixels
	CoverSrcset    string         // responsive variants, or "" for the original
	CoverThumb     Img            // small cover for list cards, or zero
	OGImage        Img            // 1200×630 cover crop for Open Graph, or zero
	Related        []*Article     // 3–5 related articles
	Prev           *Article       // older article
	Next           *Article       // newer article
	idx            int            // position in Site.Articles
}

// Area is an area with its articles.
type Area struct {
	content.Area
	URL        string      // /linh-vuc/<slug>/
	Articles   []*Article  // newest first
	ByLocality []Cell      // counts per locality (with predecessors), non-empty
	Units      []UnitCount // each article once, under the unit valid on its date
	Cells      map[string]*Cell
}

// Locality is a unit with its articles and history.
type Locality struct {
	content.Locality
	URL          string      // /dia-ban/<slug>/
	Own          []*Article  // articles naming this unit, newest first
	Articles     []*Article  // own and predecessors' articles, newest first
	Successor    *Locality   // the unit it merged into, or nil
	Predecessors []*Locality // units merged into it (direct)
	ByArea       []Cell      // counts per area, following the history rule
	Current      bool        // the unit has no end date
	label        string      // display name, disambiguated when reused
}

// FullName is the unit's name with its kind ("xã An Phú"), plus its period
// when two units share the name (xã An Phú of 2024 and of 2025).
func (l *Locality) FullName() string {
	if l.label != "" {
		return l.label
	}
	return l.Locality.FullName()
}

// Chain yields the unit and then every unit it was merged into, in order:
// Nghĩa An, then An Phú, then the unit An Phú later joined. It is the one
// walk up a merge history (the history rule: an article counts for its unit
// and every successor). It stops after content.MaxMergeChain units, a
// length validation guarantees is never cut short, and at a unit already
// yielded, so an unvalidated cycle cannot repeat a unit. A nil unit yields
// nothing.
func (l *Locality) Chain() iter.Seq[*Locality] {
	return func(yield func(*Locality) bool) {
		var seen [content.MaxMergeChain]*Locality
		for n, u := 0, l; u != nil && n < len(seen); n, u = n+1, u.Successor {
			if slices.Contains(seen[:n], u) || !yield(u) {
				return
			}
			seen[n] = u
		}
	}
}

// Final is the last unit of l's merge history: the one that holds its
// articles today (l itself when it was never merged).
func (l *Locality) Final() *Locality {
	last := l
	for u := range l.Chain() {
		last = u
	}
	return last
}

// Cell is one cell of the area × locality matrix.
type Cell struct {
	Area     *Area
	Locality *Locality
	Articles []*Article // newest first, with predecessors' articles
	URL      string     // /dia-ban/<locality>/<area>/
}

// Count is the number of articles in the cell.
func (c *Cell) Count() int { return len(c.Articles) }

// Year groups articles by publication year.
type Year struct {
	Year     int        // e.g. 2019
	URL      string     // /nam/2019/
	Articles []*Article // newest first
}

// Round is a contest round with its entries.
type Round struct {
	content.Round
	URL     string     // /cuoc-thi/<round>/
	Entries []*Article // oldest first
}

// Page is a standalone page.
type Page struct {
	*content.Page
	URL      string         // /<slug>/
	HTML     template.HTML  // rendered body
	Headings []body.Heading // outline
}

// reservedTop are first URL segments the site uses itself.
var reservedTop = map[string]bool{"bai-viet": true, "linh-vuc": true, "dia-ban": true, "nam": true, "cuoc-thi": true, "tim-kiem": true, "thong-ke": true, "css": true, "js": true, "images": true, "quan-tri": true, "anh": true}

// New builds the site. It renders every Markdown body, so problems in
// links and images are reported here, with their file lines.
func New(fsys fs.FS, c *content.Content, md BodyRenderer, opts Options) (*Site, content.Problems, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	s := &Site{
		Config:     c.Config,
		fsys:       fsys,
		NoIndex:    opts.NoIndex,
		cache:      opts.Cache,
		images:     opts.Images,
		progress:   opts.Progress,
		BaseURL:    c.Config.BaseURL,
		byPath:     map[string]*Article{},
		areaBy:     map[string]*Area{},
		localityBy: map[string]*Locality{},
		drafts:     map[string]bool{},
	}
	if s.progress == nil {
		s.progress = func(int) {}
	}
	if opts.BaseURL != "" {
		if why := content.CheckBaseURL(opts.BaseURL); why != "" {
			return nil, nil, fmt.Errorf("địa chỉ trang web --base-url %q không dùng được: %s", opts.BaseURL, why)
		}
		s.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	var probs content.Problems
	var err error
	if s.StaticURLs, err = listStatic(fsys); err != nil {
		return nil, nil, err
	}
	s.buildTaxonomies()
	today := opts.Now.Format("2006-01-02")
	for _, a := range c.Articles {
		if a.Draft && !opts.Drafts {
			s.drafts[a.Path] = true
			continue
		}
		art := &Article{Article: a, Summary: a.Summary, URL: articleURL(a.Slug)}
		if a.Slug == "trang" && !a.Invalid {
			// /bai-viet/trang/N/ are the archive's pages.
			probs = append(probs, content.Problem{File: a.Path, Line: lineOr1(a.Lines["slug"]), Field: "slug", Msg: "đường dẫn /bai-viet/trang/ dành cho các trang của danh sách bài; đổi tên tệp, hoặc thêm dòng slug: ten-bai-viet"})
			a.Invalid = true
		}
		art.AreaRef = s.areaBy[a.Area]
		art.LocalityRef = s.localityBy[a.Locality]
		if a.Invalid || art.AreaRef == nil || art.LocalityRef == nil {
			// Never published (its errors fail the build), but it exists:
			// links to it resolve, and its body's own problems are found.
			s.invalid = append(s.invalid, art)
			s.byPath[a.Path] = art
			continue
		}
		switch day := a.Date.Format("2006-01-02"); {
		case a.Draft && day < today:
			probs = append(probs, content.Problem{File: a.Path, Line: a.Lines["draft"], Field: "draft", Warning: true, Msg: fmt.Sprintf("bài nháp có ngày đăng đã qua (%s): khi xuất bản, sửa ngày đăng thành ngày đăng thật (date: NĂM-THÁNG-NGÀY) và đổi thành draft: false", a.Date.Format("02/01/2006"))})
		case day > today:
			probs = append(probs, content.Problem{File: a.Path, Line: a.Lines["date"], Field: "date", Warning: true, Msg: fmt.Sprintf("ngày đăng %s ở tương lai: bài vẫn được đưa lên trang; kiểm tra lại ngày đăng", a.Date.Format("02/01/2006"))})
		}
		s.Articles = append(s.Articles, art)
		s.byPath[a.Path] = art
	}
	// Slugs are unique, so the order is total and need not be stable.
	slices.SortFunc(s.Articles, func(a, b *Article) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c // newer first
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	if len(s.Articles) > 0 {
		s.Updated = s.Articles[0].Date
	}
	pages := map[string]*Page{}
	for _, p := range c.Pages {
		if p.Draft && !opts.Drafts {
			continue
		}
		if reservedTop[p.Slug] {
			probs = append(probs, content.Problem{File: p.Path, Line: 1, Field: "slug", Msg: fmt.Sprintf("đường dẫn /%s/ đã được trang web dùng cho mục khác; hãy đổi tên tệp hoặc thêm trường slug", p.Slug)})
			continue
		}
		pg := &Page{Page: p, URL: "/" + p.Slug + "/"}
		s.Pages = append(s.Pages, pg)
		pages[p.Path] = pg
	}
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Weight < s.Pages[j].Weight })

	s.index()
	s.cachedRelate()
	s.URLs()
	s.pagesByPath = pages
	probs = append(probs, s.renderBodies(fsys, md, pages)...)
	probs = append(probs, s.redirects(c.Articles)...)
	probs.Sort()
	return s, probs, nil
}

// buildTaxonomies creates areas and localities with their history links.
func (s *Site) buildTaxonomies() {
	for _, a := range s.Config.Areas {
		ar := &Area{Area: a, URL: "/linh-vuc/" + a.Slug + "/", Cells: map[string]*Cell{}}
		s.Areas = append(s.Areas, ar)
		s.areaBy[a.Slug] = ar
	}
	for _, l := range s.Config.Localities {
		lo := &Locality{Locality: l, URL: "/dia-ban/" + l.Slug + "/", Current: l.ValidTo == nil}
		s.Localities = append(s.Localities, lo)
		s.localityBy[l.Slug] = lo
	}
	for _, lo := range s.Localities {
		if lo.MergedInto != "" {
			lo.Successor = s.localityBy[lo.MergedInto]
			if lo.Successor != nil {
				lo.Successor.Predecessors = append(lo.Successor.Predecessors, lo)
			}
		}
	}
	byName := map[string][]*Locality{}
	for _, lo := range s.Localities {
		byName[lo.Locality.FullName()] = append(byName[lo.Locality.FullName()], lo)
	}
	for name, same := range byName {
		if len(same) < 2 {
			continue
		}
		for _, lo := range same {
			switch {
			case lo.ValidFrom != nil && lo.ValidTo != nil:
				lo.label = name + " (" + vi.MonthRange(*lo.ValidFrom, *lo.ValidTo) + ")"
			case lo.ValidTo != nil:
				lo.label = name + " (đến " + vi.ShortMonth(*lo.ValidTo) + ")"
			case lo.ValidFrom != nil:
				lo.label = name + " (từ " + vi.ShortMonth(*lo.ValidFrom) + ")"
			}
		}
	}
	col := vi.NewCollator()
	vi.SortFunc(col, s.Localities, func(l *Locality) string { return l.Name })
	sort.SliceStable(s.Localities, func(i, j int) bool { return s.Localities[i].Current && !s.Localities[j].Current })
	for _, lo := range s.Localities {
		vi.SortFunc(col, lo.Predecessors, func(l *Locality) string { return l.Name })
	}
}

func lineOr1(l int) int {
	if l == 0 {
		return 1
	}
	return l
}
