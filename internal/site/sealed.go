package site

import (
	"crypto/sha256"
	"html/template"
	"unsafe"
)

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

// holds reports whether s is the string sealed and its bytes are still
// those the sum was taken of (reading them all).
func (x sealed) holds(s string) bool {
	if len(s) == 0 { // of knows no empty string: nothing points at it
		return x.n == 0 && x.sum == sha256.Sum256(nil)
	}
	sum, ok := x.of(s)
	return ok && sum256(s) == sum
}

// sum256 is the SHA-256 of s's bytes (read, not copied).
func sum256(s string) [32]byte { return sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s))) }

// of returns the sum if s is the string sealed.
func (x sealed) of(s string) ([32]byte, bool) {
	if x.n == 0 || x.n != len(s) || x.p != unsafe.StringData(s) {
		return [32]byte{}, false
	}
	return x.sum, true
}

// HTMLSum returns the SHA-256 of the HTML taken when the body was
// rendered (body.Result.Seal; the Markdown cache keeps it), if the HTML is
// still that render.
func (a *Article) HTMLSum() ([32]byte, bool) { return a.htmlSum.of(string(a.html)) }

// TextSum is HTMLSum for the text: the search index's change check reads
// it instead of hashing the text again.
func (a *Article) TextSum() ([32]byte, bool) { return a.textSum.of(a.text) }

// HTML is the rendered body. A body from the Markdown cache is checked
// against its sum here, when it is read, not when the cache is loaded: a
// warm build reads the few bodies of the pages it renders again, and
// checking all of them at load (130 MB at 10,000 articles, every page of
// the file mapped in to do so) cost it 0.2 s of CPU. Bytes that no longer
// match are a *DamagedBodyError, never a page.
func (a *Article) HTML() (template.HTML, error) {
	if a.unchecked && !a.htmlSum.holds(string(a.html)) {
		return "", &DamagedBodyError{File: a.Path}
	}
	return a.html, nil
}

// Text is the plain text of the body, checked as HTML is.
func (a *Article) Text() (string, error) {
	if a.unchecked && !a.textSum.holds(a.text) {
		return "", &DamagedBodyError{File: a.Path}
	}
	return a.text, nil
}

// KeySum returns the length and the SHA-256 of what the method name
// ("HTML" or "Text") returns, when the render's sum is at hand: page keys
// (render.Vouched) take them for the bytes themselves, which they then
// neither hash again nor check.
func (a *Article) KeySum(name string) (n int, sum [32]byte, ok bool) {
	switch name {
	case "HTML":
		sum, ok = a.HTMLSum()
		n = len(a.html)
	case "Text":
		sum, ok = a.TextSum()
		n = len(a.text)
	}
	return n, sum, ok
}

// SetBody gives a a body rendered elsewhere (tests, tools): taken as it
// is, with no sums.
func (a *Article) SetBody(html template.HTML, text string) {
	a.html, a.text, a.unchecked = html, text, false
	a.htmlSum, a.textSum = sealed{}, sealed{}
}

// ReleaseHTML empties the HTML once the article's page is written, and its
// seal with it: the seal points at the HTML's bytes, and holding 100 MB of
// bodies at 10,000 articles through the search indexing of a cold build
// brought the collector on more often under the memory limit (4 s of CPU).
func (a *Article) ReleaseHTML() { a.html, a.htmlSum = "", sealed{} }

// ReleaseText empties the text once its last reader, the search export of
// a command-line build, is done with it (search/store.Store.SyncLast),
// and its seal with it, as ReleaseHTML does for the HTML.
func (a *Article) ReleaseText() { a.text, a.textSum = "", sealed{} }

// DamagedBodyError is a body of the Markdown cache whose bytes no longer
// match the sum taken when it was rendered (a damaged disk, a hand edit).
// The build drops the cache's part that holds it and builds again
// (build.Run).
type DamagedBodyError struct {
	File string // the article's source
}

func (e *DamagedBodyError) Error() string {
	return "bộ đệm Markdown bị hỏng: phần đã dựng của " + e.File + " không khớp mã kiểm tra"
}
