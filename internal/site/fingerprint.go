package site

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// An article's fingerprints split what it holds in two. Its shape is
// everything the site's graph is built from: dates, area, locality,
// tags, unit, subject, slug, cover, aliases… and what the graph gives
// it back (its URL, related articles, neighbours). Its display is what
// only the pages that show it read: the title, the summary and the
// rendered body. No list is ordered, filtered or grouped by a display
// value (the yearly report orders by title, but every article it orders
// is one it shows), so two sites whose articles all have the same shape,
// built from the same other inputs, have the same graph, and a page can
// only differ where it shows an article whose display changed
// (build/pagedeps.go).

// Index is the article's position in Site.Articles.
func (a *Article) Index() int { return a.idx }

// Fingerprints returns the SHA-256 of the article's shape and of its
// display (see above). Call it before the body is released (ReleaseHTML).
// Every field is entered by hand (reflection cost 15 µs an article);
// TestFingerprintsSeeEveryField changes each field in turn and checks
// that it moves the fingerprint sourceFields puts it in.
func (a *Article) Fingerprints() (shape, display [32]byte) {
	var room [1024]byte // most articles' values fit: no allocation
	e := printer{buf: room[:0]}
	c := a.Article
	e.str(c.Slug)
	e.time(c.Date)
	e.str(c.Area)
	e.str(c.Locality)
	e.str(c.Model)
	e.str(c.Unit)
	e.str(c.Subject)
	e.int(c.Year)
	e.str(c.Author)
	e.str(c.Cover)
	e.str(c.CoverAlt)
	e.strs(c.Tags)
	e.str(c.Award)
	e.bool(c.Contest != nil)
	if x := c.Contest; x != nil {
		e.int(x.Round)
		e.str(x.Outlet)
		e.str(x.Media)
		e.str(x.Genre)
		e.str(x.URL)
		e.bool(x.Aired != nil)
		if x.Aired != nil {
			e.time(*x.Aired)
		}
		e.str(x.Duration)
		e.strs(x.Prizes)
	}
	e.strs(c.Aliases)
	e.bool(c.Draft)
	e.time(c.LastMod)
	e.bool(c.Invalid)
	e.str(c.Path)
	e.str(c.Dir)
	e.strs(c.Resources)
	e.str(a.URL)
	e.str(a.AreaRef.refURL())
	e.str(a.LocalityRef.refURL())
	e.str(a.CoverURL)
	e.int(a.CoverW)
	e.int(a.CoverH)
	e.str(a.CoverSrcset)
	e.img(a.CoverThumb)
	e.img(a.OGImage)
	e.int(len(a.Related))
	for _, r := range a.Related {
		e.int(r.position())
	}
	e.int(a.Prev.position())
	e.int(a.Next.position())
	e.int(a.idx)
	shape = sha256.Sum256(e.buf)

	e.buf = e.buf[:0]
	e.str(c.Title)
	e.str(c.Summary)
	e.time(c.Modified)
	e.str(a.Summary)
	e.bool(a.summaryDerived)
	html, ok := a.HTMLSum()
	if !ok {
		html = sum256(string(a.html))
	}
	text, ok := a.TextSum()
	if !ok {
		text = sum256(a.text)
	}
	e.buf = append(append(e.buf, html[:]...), text[:]...)
	e.int(len(a.html))
	e.int(len(a.text))
	e.int(a.Words)
	e.int(a.ReadingMinutes)
	e.int(len(a.Headings))
	for _, h := range a.Headings {
		e.int(h.Level)
		e.str(h.ID)
		e.str(h.Text)
	}
	display = sha256.Sum256(e.buf)
	return shape, display
}

// printer lays out the values of a fingerprint.
type printer struct{ buf []byte }

func (e *printer) str(s string) { e.buf = append(binary.AppendUvarint(e.buf, uint64(len(s))), s...) }
func (e *printer) int(n int)    { e.buf = binary.AppendVarint(e.buf, int64(n)) }

func (e *printer) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *printer) strs(ss []string) {
	e.int(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// time enters the instant and its zone (a date shows in its own).
func (e *printer) time(t time.Time) {
	name, off := t.Zone()
	e.buf = binary.AppendVarint(e.buf, t.Unix())
	e.int(t.Nanosecond())
	e.int(off)
	e.str(name)
}

func (e *printer) img(i Img) {
	e.str(i.URL)
	e.int(i.Width)
	e.int(i.Height)
}

// fieldRole says how a field of content.Article enters the fingerprints.
type fieldRole int

const (
	unclassified fieldRole = iota
	shapeField             // in the shape
	displayField           // in the display (Title, Summary; the body enters by its render)
	notData                // bookkeeping of the loader, shown nowhere
)

// sourceFields classifies every field of content.Article:
// TestFingerprintFieldsClassified fails on one missing here, and
// TestFingerprintsSeeEveryField on one Fingerprints does not enter where
// it says. Only a value that no list is ordered, filtered or grouped by
// may be display.
var sourceFields = map[string]fieldRole{
	"Slug": shapeField, "Date": shapeField, "Area": shapeField, "Locality": shapeField,
	"Model": shapeField, "Unit": shapeField, "Subject": shapeField, "Year": shapeField,
	"Author": shapeField, "Cover": shapeField, "CoverAlt": shapeField, "Tags": shapeField,
	"Award": shapeField, "Contest": shapeField, "Aliases": shapeField,
	"Draft": shapeField, "LastMod": shapeField, "Invalid": shapeField,
	"Path": shapeField, "Dir": shapeField, "Resources": shapeField,
	"Title": displayField, "Summary": displayField,
	// The "last updated" date, from the git history: shown on the
	// article's own page, and in the sitemap, which is not a keyed page.
	"Modified": displayField,
	"Body":     notData, // the Markdown: it enters as its render (HTML, text), which build may have released it for
	"Unread":   notData, // the loader's note that it skipped the file
	// Lines of the file, for messages only: a summary written on a new
	// line moves them without changing what any page shows.
	"Lines": notData, "BodyLine": notData, "AliasLines": notData,
}

// derivedFields classifies the fields of Article besides its source (the
// embedded content.Article, classified by sourceFields), as
// TestFingerprintsSeeEveryField checks.
var derivedFields = map[string]fieldRole{
	"URL": shapeField, "AreaRef": shapeField, "LocalityRef": shapeField, "CoverURL": shapeField,
	"CoverW": shapeField, "CoverH": shapeField, "CoverSrcset": shapeField, "CoverThumb": shapeField,
	"OGImage": shapeField, "Related": shapeField, "Prev": shapeField, "Next": shapeField, "idx": shapeField,
	"Summary": displayField, "summaryDerived": displayField, "html": displayField, "text": displayField,
	"Words": displayField, "ReadingMinutes": displayField, "Headings": displayField,
	"Article":   notData,                                         // the source: sourceFields
	"unchecked": notData, "htmlSum": notData, "textSum": notData, // how far html and text were checked, and their sums: html and text enter themselves
}

// refURL is the URL of an area or locality, or "" for none.
func (a *Area) refURL() string {
	if a == nil {
		return ""
	}
	return a.URL
}

func (l *Locality) refURL() string {
	if l == nil {
		return ""
	}
	return l.URL
}

// position is the article's index, or -1 for none.
func (a *Article) position() int {
	if a == nil {
		return -1
	}
	return a.idx
}
