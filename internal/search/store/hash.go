package store

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"unsafe"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// IndexVersion names the analysis (Analyze, vi.Fold, ExactKey), the
// document layout (bleveDocument), the inputs hashed by docHasher and what
// the store keeps where (documents' hashes in the commit record since
// version 3, not in the index). Bump it whenever one of them changes: a
// cache written under another version is rebuilt from scratch. (Mapping
// changes are detected by themselves: see schemaID.)
const IndexVersion = "danvan-search-4"

// Hash is the content hash of one article's searchable content.
type Hash [16]byte

// docHasher hashes everything of an article that reaches the index or
// the export: the analysed text fields, the keyword fields, and the record
// shown in results (URL, title, area, locality, date, summary, snippet
// text). An article whose hash is unchanged need not be analysed again.
// Short fields go through one buffer, reused from article to article
// (hashing each field as a []byte of its own made 130 MB of garbage for
// the 10,000 articles of a build); the text, most of the bytes, goes to
// the hash as it is, not copied first.
type docHasher struct {
	buf []byte
	h   hash.Hash
}

func (d *docHasher) sum(a *site.Article) Hash {
	if d.h == nil {
		d.h = sha256.New()
	}
	d.h.Reset()
	d.buf = d.buf[:0]
	put := func(s string) {
		d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(len(s)))
		d.buf = append(d.buf, s...)
	}
	put(IndexVersion)
	put(a.URL)
	put(a.Title)
	put(analysis.MetaText(a))
	put(a.Summary)
	// The text by its SHA-256, taken when the body was rendered (the
	// Markdown cache keeps it): hashing the 100 MB of text of 10,000
	// articles again was most of this hash's work in a warm build.
	text, ok := a.TextSum()
	if !ok {
		// A text made otherwise (tests, site.Article.SetBody); a damaged
		// one (no sum can be for it) is refused where it is indexed.
		t, _ := a.Text()
		text = sha256.Sum256(unsafe.Slice(unsafe.StringData(t), len(t)))
	}
	d.buf = append(d.buf, text[:]...)
	put(a.Area)
	put(static.RecordLocality(a))
	put(a.Date.Format("2006-01-02"))
	analysis.EachDocKey(a, func(name string, values []string) {
		put(name)
		for _, v := range values {
			put(v)
		}
		d.buf = append(d.buf, 0)
	})
	d.h.Write(d.buf)
	var sum [sha256.Size]byte
	d.h.Sum(sum[:0])
	var out Hash
	copy(out[:], sum[:])
	return out
}
