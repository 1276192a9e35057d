package site

import "unsafe"

// sealed is the SHA-256 of one string, taken when the string was made,
// with the string's address and length: it vouches for that very string
// and no other. Strings never change, so a field given another value
// since (a.HTML = …) is never taken for the one the sum was taken of.
type sealed struct {
	p   *byte    // the string's bytes
	n   int      // its length
	sum [32]byte // their SHA-256
}

func seal(s string, sum [32]byte) sealed { return sealed{unsafe.StringData(s), len(s), sum} }

// of returns the sum if s is the string sealed.
func (x sealed) of(s string) ([32]byte, bool) {
	if x.n == 0 || x.n != len(s) || x.p != unsafe.StringData(s) {
		return [32]byte{}, false
	}
	return x.sum, true
}

// HTMLSum returns the SHA-256 of HTML taken when the body was rendered
// (body.Result.Seal; the Markdown cache keeps it), if HTML is still that
// render: page keys read it instead of hashing the HTML again.
func (a *Article) HTMLSum() ([32]byte, bool) { return a.htmlSum.of(string(a.HTML)) }

// TextSum is HTMLSum for Text: the search index's change check reads it.
func (a *Article) TextSum() ([32]byte, bool) { return a.textSum.of(a.Text) }

// ReleaseHTML empties HTML once the article's page is written, and its
// seal with it: the seal points at the HTML's bytes, and holding 100 MB of
// bodies at 10,000 articles through the search indexing of a cold build
// brought the collector on more often under the memory limit (4 s of CPU).
func (a *Article) ReleaseHTML() { a.HTML, a.htmlSum = "", sealed{} }
