package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// sitemapLimit is the protocol's limit of URLs per sitemap file.
const sitemapLimit = 50000

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// Meta writes sitemap.xml, robots.txt and _redirects.
func (r *Renderer) Meta(s *site.Site, out Output) error {
	abs := func(p string) string { return strings.TrimSuffix(s.BaseURL, "/") + p }
	lastmod := lastModified(s)
	urls := s.URLs()
	var entries []sitemapURL
	for _, u := range urls {
		e := sitemapURL{Loc: abs(u)}
		if t, ok := lastmod[u]; ok && !t.IsZero() {
			e.LastMod = t.Format("2006-01-02")
		}
		entries = append(entries, e)
	}
	if len(entries) <= sitemapLimit {
		if err := out.WriteFile("/sitemap.xml", appendURLSet(nil, entries)); err != nil {
			return err
		}
	} else {
		var idx sitemapIndex
		for i := 0; i*sitemapLimit < len(entries); i++ {
			name := fmt.Sprintf("/sitemap-%d.xml", i+1)
			part := entries[i*sitemapLimit : min(len(entries), (i+1)*sitemapLimit)]
			if err := writeXML(out, name, urlset{URLs: part}); err != nil {
				return err
			}
			idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: abs(name), LastMod: s.Updated.Format("2006-01-02")})
		}
		if err := writeXML(out, "/sitemap.xml", idx); err != nil {
			return err
		}
	}
	robots := "User-agent: *\nAllow: /\nDisallow: /quan-tri/\n\nSitemap: " + abs("/sitemap.xml") + "\n"
	if s.NoIndex {
		// Deploy previews: keep them out of search engines (Netlify
		// merges _headers with netlify.toml).
		robots = "User-agent: *\nDisallow: /\n"
		if err := out.WriteFile("/_headers", []byte("/*\n  X-Robots-Tag: noindex\n")); err != nil {
			return err
		}
	}
	if err := out.WriteFile("/robots.txt", []byte(robots)); err != nil {
		return err
	}
	// Netlify redirects: old slugs (aliases) and 404 handling.
	var red bytes.Buffer
	reds := append([]site.Redirect(nil), s.Redirects...)
	sort.Slice(reds, func(i, j int) bool { return reds[i].From < reds[j].From })
	for _, rd := range reds {
		// Both ends were checked when the content was read; a line is
		// written only if they still are plain site paths, so no value
		// can ever add a rule of its own.
		for _, p := range []string{rd.From, rd.To} {
			if why := content.CheckSitePath(p); why != "" {
				return fmt.Errorf("_redirects: %q không ghi được: %s", p, why)
			}
		}
		fmt.Fprintf(&red, "%s %s 301\n", rd.From, rd.To)
	}
	return out.WriteFile("/_redirects", red.Bytes())
}

// lastModified is the newest article date shown on each page.
func lastModified(s *site.Site) map[string]time.Time {
	m := map[string]time.Time{"/": s.Updated, "/linh-vuc/": s.Updated, "/dia-ban/": s.Updated, "/nam/": s.Updated}
	for _, a := range s.Articles {
		m[a.URL] = a.Date
		if a.Modified.After(a.Date) {
			m[a.URL] = a.Modified
		}
	}
	list := func(base string, items []*site.Article) {
		for _, p := range site.Paginate(base, items) {
			if len(p.Items) > 0 {
				m[p.URL] = p.Items[0].Date
			}
		}
	}
	for _, a := range s.Areas {
		list(a.URL, a.Articles)
		for _, c := range a.ByLocality {
			list(c.URL, c.Articles)
		}
	}
	for _, l := range s.Localities {
		list(l.URL, l.Articles)
	}
	list(site.ArchiveURL, s.Articles)
	for _, y := range s.Years {
		list(y.URL, y.Articles)
	}
	for _, p := range s.Pages {
		if !p.Date.IsZero() {
			m[p.URL] = p.Date
		}
	}
	return m
}

// appendURLSet appends to b the sitemap of entries, byte for byte what
// writeXML makes of urlset{URLs: entries} (TestURLSetIsWriteXML): a site
// of 10,000 articles lists 13,500 pages, and encoding/xml took 25 ms of
// every build's CPU to write them.
func appendURLSet(b []byte, entries []sitemapURL) []byte {
	b = append(b, xml.Header...)
	b = append(b, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`...)
	var esc bytes.Buffer
	text := func(s string) {
		esc.Reset()
		xml.EscapeText(&esc, []byte(s)) // never fails on a bytes.Buffer
		b = append(b, esc.Bytes()...)
	}
	for _, e := range entries {
		b = append(b, "\n  <url>\n    <loc>"...)
		text(e.Loc)
		b = append(b, "</loc>"...)
		if e.LastMod != "" {
			b = append(b, "\n    <lastmod>"...)
			text(e.LastMod)
			b = append(b, "</lastmod>"...)
		}
		b = append(b, "\n  </url>"...)
	}
	if len(entries) > 0 {
		b = append(b, '\n')
	}
	return append(b, "</urlset>\n"...)
}

func writeXML(out Output, name string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	buf.WriteByte('\n')
	return out.WriteFile(name, buf.Bytes())
}
