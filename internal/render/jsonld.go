package render

import "time"

// StructuredData returns the JSON-LD objects of the page: a NewsArticle for
// articles and a BreadcrumbList wherever there are breadcrumbs.
// html/template marshals them safely inside <script type="application/ld+json">.
func (p *Page) StructuredData() []any {
	var out []any
	if a := p.Article; a != nil {
		art := map[string]any{
			"@context":         "https://schema.org",
			"@type":            "NewsArticle",
			"headline":         a.Title,
			"description":      a.Summary,
			"datePublished":    a.Date.Format(time.RFC3339),
			"inLanguage":       "vi",
			"mainEntityOfPage": p.Canonical(),
			"articleSection":   a.AreaRef.Name,
			"contentLocation":  map[string]any{"@type": "Place", "name": a.LocalityRef.FullName() + ", Quảng Ngãi"},
			"publisher":        map[string]any{"@type": "Organization", "name": p.Site.Config.Publisher.Name},
		}
		if a.Modified.After(a.Date) {
			art["dateModified"] = a.Modified.Format(time.RFC3339)
		}
		if a.Author != "" {
			art["author"] = map[string]any{"@type": "Person", "name": a.Author}
		} else {
			art["author"] = map[string]any{"@type": "Organization", "name": p.Site.Config.Publisher.Name}
		}
		if a.CoverURL != "" {
			art["image"] = p.Abs(a.CoverURL)
		}
		if len(a.Tags) > 0 {
			art["keywords"] = a.Tags
		}
		out = append(out, art)
	}
	if len(p.Breadcrumbs) > 0 {
		var items []any
		for i, c := range p.Breadcrumbs {
			items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "name": c.Name, "item": p.Abs(c.URL)})
		}
		items = append(items, map[string]any{"@type": "ListItem", "position": len(p.Breadcrumbs) + 1, "name": p.H1(), "item": p.Canonical()})
		out = append(out, map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
	}
	return out
}
