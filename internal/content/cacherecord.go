package content

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/quangngai/danvan/internal/cachefile"
)

// The layout of a saved content cache (cachefile records): the number of
// files, then each savedFile as encodeSaved writes it. decodeSaved reads
// it back; the strings of a read entry are views of the file's bytes, so
// loading the cache copies nothing but what it must (gob took 0.24 s to
// read and 0.3 s to write the 8 MB cache of 10,000 articles, on every
// build). Change both functions together, and diskCacheVersion with them;
// TestCacheRecordRoundTrip fills every field of the types they cover, so a
// field added to one of them and left out here fails it.

// encodeSaved appends one file's entry.
func encodeSaved(e *cachefile.Encoder, f *savedFile) {
	e.String(f.Path)
	e.Sum(f.Sum)
	e.Strings(f.Res)
	e.Bool(f.Art != nil)
	if f.Art != nil {
		encodeArticle(e, f.Art)
	}
	e.Int(f.BodyOff)
	e.Sum(f.BodySum)
	e.Bool(f.Clean)
	e.Uint(uint64(len(f.Problems)))
	for _, p := range f.Problems {
		e.String(p.File)
		e.Int(p.Line)
		e.String(p.Field)
		e.String(p.Msg)
		e.Bool(p.Warning)
	}
}

// encodeArticle appends a parsed article. Body and Unread are not saved: a
// cached article has neither (the body is read from its file on a hit).
func encodeArticle(e *cachefile.Encoder, a *Article) {
	for _, s := range [...]string{a.Slug, a.Title, a.Area, a.Locality, a.Model, a.Unit, a.Subject, a.Summary, a.Author, a.Cover, a.CoverAlt, a.Award, a.Path, a.Dir} {
		e.String(s)
	}
	encodeTime(e, a.Date)
	encodeTime(e, a.LastMod)
	encodeTime(e, a.Modified)
	e.Int(a.Year)
	e.Int(a.BodyLine)
	e.Bool(a.Draft)
	e.Bool(a.Invalid)
	e.Strings(a.Tags)
	e.Strings(a.Aliases)
	e.Uint(uint64(len(a.AliasLines)))
	for _, l := range a.AliasLines {
		e.Int(l)
	}
	e.Strings(a.Resources)
	// Sorted, so that the same cache makes the same bytes.
	keys := slices.Sorted(maps.Keys(a.Lines))
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.Int(a.Lines[k])
	}
	e.Bool(a.Contest != nil)
	if c := a.Contest; c != nil {
		e.Int(c.Round)
		for _, s := range [...]string{c.Outlet, c.Media, c.Genre, c.URL, c.Duration} {
			e.String(s)
		}
		e.Bool(c.Aired != nil)
		if c.Aired != nil {
			encodeTime(e, *c.Aired)
		}
		e.Strings(c.Prizes)
	}
}

// encodeTime appends t as gob saved it (time.Time.MarshalBinary: the
// instant and the zone's offset), so a read time prints as before. Only
// times that savable accepts come here.
func encodeTime(e *cachefile.Encoder, t time.Time) {
	b, _ := t.MarshalBinary()
	e.Bytes(b)
}

// savable reports whether every time of a can be saved (MarshalBinary
// refuses a zone offset that is not whole minutes); an article that
// cannot is left out of the saved cache and parsed again next time.
func savable(a *Article) bool {
	ts := []time.Time{a.Date, a.LastMod, a.Modified}
	if a.Contest != nil && a.Contest.Aired != nil {
		ts = append(ts, *a.Contest.Aired)
	}
	for _, t := range ts {
		if _, err := t.MarshalBinary(); err != nil {
			return false
		}
	}
	return true
}

// decodeSaved reads one file's entry; damage shows in d.Err.
func decodeSaved(d *cachefile.Decoder) savedFile {
	var f savedFile
	f.Path, f.Sum, f.Res = d.String(), d.Sum(), d.Strings()
	if d.Bool() {
		f.Art = decodeArticle(d)
	}
	f.BodyOff, f.BodySum, f.Clean = d.Int(), d.Sum(), d.Bool()
	if n := d.Count(5); n > 0 {
		f.Problems = make([]Problem, n)
		for i := range f.Problems {
			f.Problems[i] = Problem{File: d.String(), Line: d.Int(), Field: d.String(), Msg: d.String(), Warning: d.Bool()}
		}
	}
	return f
}

func decodeArticle(d *cachefile.Decoder) *Article {
	a := new(Article)
	for _, s := range [...]*string{&a.Slug, &a.Title, &a.Area, &a.Locality, &a.Model, &a.Unit, &a.Subject, &a.Summary, &a.Author, &a.Cover, &a.CoverAlt, &a.Award, &a.Path, &a.Dir} {
		*s = d.String()
	}
	a.Date, a.LastMod, a.Modified = decodeTime(d), decodeTime(d), decodeTime(d)
	a.Year, a.BodyLine, a.Draft, a.Invalid = d.Int(), d.Int(), d.Bool(), d.Bool()
	a.Tags, a.Aliases = d.Strings(), d.Strings()
	if n := d.Count(1); n > 0 {
		a.AliasLines = make([]int, n)
		for i := range a.AliasLines {
			a.AliasLines[i] = d.Int()
		}
	}
	a.Resources = d.Strings()
	if n := d.Count(2); n > 0 {
		a.Lines = make(FieldLines, n)
		for range n {
			k := d.String()
			a.Lines[k] = d.Int()
		}
	}
	if d.Bool() {
		c := &Entry{Round: d.Int()}
		for _, s := range [...]*string{&c.Outlet, &c.Media, &c.Genre, &c.URL, &c.Duration} {
			*s = d.String()
		}
		if d.Bool() {
			t := decodeTime(d)
			c.Aired = &t
		}
		c.Prizes = d.Strings()
		a.Contest = c
	}
	return a
}

func decodeTime(d *cachefile.Decoder) time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.Bytes()); err != nil {
		d.Fail(fmt.Errorf("ngày giờ hỏng: %w", err))
	}
	return t
}
