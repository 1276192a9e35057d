package render

import "time"

// The JSON-LD objects are structs, not maps: a page's key (pagekey.go)
// hashes what the page shows, and maps cost a sort of their keys on every
// page (and their building a seventh of the keys' work). The fields are
// declared in the order of their JSON names, which is the order
// encoding/json gave the maps' keys: the pages' bytes are unchanged.

// newsArticle is schema.org's NewsArticle, for article pages.
type newsArticle struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	ArticleSection   string   `json:"articleSection"`
	Author           ldThing  `json:"author"`
	ContentLocation  ldThing  `json:"contentLocation"`
	DateModified     string   `json:"dateModified,omitempty"`
	DatePublished    string   `json:"datePublished"`
	Description      string   `json:"description"`
	Headline         string   `json:"headline"`
	Image            string   `json:"image,omitempty"`
	InLanguage       string   `json:"inLanguage"`
	Keywords         []string `json:"keywords,omitempty"`
	MainEntityOfPage string   `json:"mainEntityOfPage"`
	Publisher        ldThing  `json:"publisher"`
}

// ldThing is a named schema.org thing: a Person, an Organization, a Place.
type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// breadcrumbList is schema.org's BreadcrumbList.
type breadcrumbList struct {
	Context         string     `json:"@context"`
	Type            string     `json:"@type"`
	ItemListElement []listItem `json:"itemListElement"`
}

type listItem struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// StructuredData returns the JSON-LD objects of the page: a NewsArticle for
// articles and a BreadcrumbList wherever there are breadcrumbs.
// html/template marshals them safely inside <script type="application/ld+json">.
func (p *Page) StructuredData() []any {
	var out []any
	if a := p.Article; a != nil {
		art := newsArticle{
			Context:          "https://schema.org",
			Type:             "NewsArticle",
			Headline:         a.Title,
			Description:      a.Summary,
			DatePublished:    a.Date.Format(time.RFC3339),
			InLanguage:       "vi",
			MainEntityOfPage: p.Canonical(),
			ArticleSection:   a.AreaRef.Name,
			ContentLocation:  ldThing{Type: "Place", Name: a.LocalityRef.FullName() + ", Quảng Ngãi"},
			Publisher:        ldThing{Type: "Organization", Name: p.Site.Config.Publisher.Name},
			Author:           ldThing{Type: "Organization", Name: p.Site.Config.Publisher.Name},
			Keywords:         a.Tags,
		}
		if a.Modified.After(a.Date) {
			art.DateModified = a.Modified.Format(time.RFC3339)
		}
		if a.Author != "" {
			art.Author = ldThing{Type: "Person", Name: a.Author}
		}
		if a.CoverURL != "" {
			art.Image = p.Abs(a.CoverURL)
		}
		out = append(out, art)
	}
	if len(p.Breadcrumbs) > 0 {
		items := make([]listItem, 0, len(p.Breadcrumbs)+1)
		for i, c := range p.Breadcrumbs {
			items = append(items, listItem{Type: "ListItem", Position: i + 1, Name: c.Name, Item: p.Abs(c.URL)})
		}
		items = append(items, listItem{Type: "ListItem", Position: len(p.Breadcrumbs) + 1, Name: p.H1(), Item: p.Canonical()})
		out = append(out, breadcrumbList{Context: "https://schema.org", Type: "BreadcrumbList", ItemListElement: items})
	}
	return out
}
