package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/site"
)

// FeedSize is the number of entries in each Atom feed.
const FeedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Link       atomLink       `xml:"link"`
	Author     atomPerson     `xml:"author"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content,omitempty"`
	Categories []atomCategory `xml:"category"`
}

// Feeds writes the site feed and one per area and per locality.
func (r *Renderer) Feeds(s *site.Site, out Output) (int, error) {
	type feed struct {
		path, title string
		items       []*site.Article
	}
	feeds := []feed{{"/feed.xml", s.Config.Title, s.Articles}}
	for _, a := range s.Areas {
		feeds = append(feeds, feed{a.URL + "feed.xml", "Lĩnh vực " + a.Name + " — " + s.Config.Title, a.Articles})
	}
	for _, l := range s.Localities {
		feeds = append(feeds, feed{l.URL + "feed.xml", l.FullName() + " — " + s.Config.Title, l.Articles})
	}
	abs := func(p string) string { return strings.TrimSuffix(s.BaseURL, "/") + p }
	for _, f := range feeds {
		af := atomFeed{
			Lang:   "vi",
			ID:     abs(f.path),
			Title:  f.title,
			Links:  []atomLink{{Rel: "self", Href: abs(f.path), Type: "application/atom+xml"}, {Rel: "alternate", Href: abs(strings.TrimSuffix(f.path, "feed.xml")), Type: "text/html"}},
			Author: atomPerson{Name: s.Config.Publisher.Name},
		}
		updated := s.Updated
		if len(f.items) > 0 {
			updated = f.items[0].Date
		}
		af.Updated = stamp(updated)
		for i, a := range f.items {
			if i == FeedSize {
				break
			}
			e := atomEntry{
				ID:        abs(a.URL),
				Title:     a.Title,
				Updated:   stamp(a.Date),
				Published: stamp(a.Date),
				Link:      atomLink{Rel: "alternate", Href: abs(a.URL), Type: "text/html"},
				Author:    atomPerson{Name: firstNonEmpty(a.Author, s.Config.Publisher.Name)},
				Summary:   atomText{Type: "text", Body: a.Summary},
				Categories: []atomCategory{
					{Term: a.AreaRef.Slug, Label: a.AreaRef.Name},
					{Term: a.LocalityRef.Slug, Label: a.LocalityRef.FullName()},
				},
			}
			af.Entries = append(af.Entries, e)
		}
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		enc := xml.NewEncoder(&buf)
		enc.Indent("", "  ")
		if err := enc.Encode(af); err != nil {
			return 0, fmt.Errorf("feed %s: %w", f.path, err)
		}
		buf.WriteByte('\n')
		if err := out.WriteFile(f.path, buf.Bytes()); err != nil {
			return 0, err
		}
	}
	return len(feeds), nil
}

func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(time.RFC3339)
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
