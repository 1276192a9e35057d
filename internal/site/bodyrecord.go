package site

import (
	"html/template"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/cachefile"
)

// The layout of a saved body cache shard (cachefile records): the number
// of entries, then each entry as encodeEntry writes it. decodeShard reads
// it back. The HTML and the text of each entry are blobs (cachefile.Blob):
// outside the shard's checksum, read as views of the mapped file, and
// checked against the entry's sums only when the site reads them
// (rendered.unchecked), so a warm build touches the few it uses. Change both
// functions together, and bodyCacheVersion with them;
// TestBodyRecordRoundTrip fills every field of the types they cover, so a
// field added to one of them and left out here fails it.

// encodeEntry appends one entry of a shard.
func encodeEntry(e *cachefile.Encoder, b bodyEntry) {
	e.String(b.file)
	e.Sum(b.link)
	e.String(b.bundle)
	e.Sum(b.sum)
	encodeResult(e, b.out, string(b.html))
	e.Uint(uint64(len(b.images)))
	for _, r := range b.images {
		e.String(r.Src)
		e.String(r.Path)
		e.String(r.URL)
		e.Sum(r.Sum)
		e.String(r.Image)
		e.Bool(r.Crop)
	}
	e.Uint(uint64(len(b.anchors)))
	for _, a := range b.anchors {
		e.String(a.file)
		e.String(a.target)
		e.String(a.fragment)
		e.Int(a.line)
	}
	e.Uint(uint64(len(b.deps)))
	for _, d := range b.deps {
		e.String(d.Path)
		e.Sum(d.Sum)
	}
	e.String(b.lead)
	e.Int(b.asked)
}

// encodeResult appends a render whose HTML is html (out.HTML is not read:
// an entry keeps it once, as a string).
func encodeResult(e *cachefile.Encoder, out *body.Result, html string) {
	e.Blob(html)
	e.Blob(out.Text)
	e.Int(out.Words)
	e.Uint(uint64(len(out.Headings)))
	for _, h := range out.Headings {
		e.Int(h.Level)
		e.String(h.ID)
		e.String(h.Text)
	}
	e.Int(out.Images)
	e.Sum(out.HTMLSum)
	e.Sum(out.TextSum)
	e.Uint(uint64(len(out.Issues)))
	for _, is := range out.Issues {
		e.Int(is.Line)
		e.String(is.Field)
		e.String(is.Msg)
	}
}

// decodeShard reads the entries of a shard; damage is a
// *cachefile.CorruptError naming file.
func decodeShard(d *cachefile.Decoder, file string) ([]bodyEntry, error) {
	// Each item of a list takes at least one byte per field it has.
	es := make([]bodyEntry, d.Count(8))
	for i := range es {
		b := &es[i]
		b.file, b.link, b.bundle, b.sum = d.String(), d.Sum(), d.String(), d.Sum()
		b.out = new(body.Result)
		b.html = template.HTML(d.Blob()) // #nosec: saved goldmark output without raw HTML
		b.out.Text, b.out.Words = d.Blob(), d.Int()
		b.unchecked = true
		if n := d.Count(3); n > 0 {
			b.out.Headings = make([]body.Heading, n)
			for j := range b.out.Headings {
				b.out.Headings[j] = body.Heading{Level: d.Int(), ID: d.String(), Text: d.String()}
			}
		}
		b.out.Images = d.Int()
		b.out.HTMLSum, b.out.TextSum = d.Sum(), d.Sum()
		if n := d.Count(3); n > 0 {
			b.out.Issues = make([]body.Issue, n)
			for j := range b.out.Issues {
				b.out.Issues[j] = body.Issue{Line: d.Int(), Field: d.String(), Msg: d.String()}
			}
		}
		if n := d.Count(37); n > 0 {
			b.images = make([]Resource, n)
			for j := range b.images {
				b.images[j] = Resource{Src: d.String(), Path: d.String(), URL: d.String(), Sum: d.Sum(), Image: d.String(), Crop: d.Bool()}
			}
		}
		if n := d.Count(4); n > 0 {
			b.anchors = make([]anchorRef, n)
			for j := range b.anchors {
				b.anchors[j] = anchorRef{file: d.String(), target: d.String(), fragment: d.String(), line: d.Int()}
			}
		}
		if n := d.Count(33); n > 0 {
			b.deps = make([]dep, n)
			for j := range b.deps {
				b.deps[j] = dep{Path: d.String(), Sum: d.Sum()}
			}
		}
		b.lead = d.String()
		b.asked = d.Int()
	}
	if err := d.Err(file); err != nil {
		return nil, err
	}
	return es, nil
}
