// Package analysis is the text analysis of the site search, defined once
// for the index (internal/search/store), the static format and its scorer
// (internal/search/static), and mirrored by the browser client
// static/js/search.js:
//
//   - text is brought to NFC and split into syllables with vi.Words, each
//     cut at MaxWordRunes runes (Words);
//   - the search form of a syllable is vi.Fold (tone and vowel marks
//     stripped, đ→d, NFD input = NFC input);
//   - the exact form keeps the vowel marks but records the tone as a digit
//     after the letters ("hoà" and "hòa" are both "hoa1"), so old and new
//     tone placement are alike (see ExactKey);
//   - adjacent syllables make bigrams "a_b" of their folded forms.
package analysis

import (
	"iter"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/quangngai/danvan/internal/vi"
)

// Word is one analysed syllable.
type Word struct {
	Fold  string // vi.Fold form: the search term
	Exact string // ExactKey form: marks an exact-diacritic match
}

// Analyze splits s into syllables and returns their folded and exact forms.
func Analyze(s string) []Word { return (&Analyzer{}).Analyze(s) }

// Analyzer is Analyze with a memo of the syllables seen so far: a language
// written in a few thousand distinct syllables needs each folded once. The
// zero value is ready; not safe for concurrent use.
type Analyzer struct{ memo map[string]Word }

// MaxWordRunes bounds a term: a Vietnamese syllable has at most seven
// letters, and a longer run of letters or digits (a code, a number, junk)
// is cut after this many runes, in documents and queries alike. Without a
// bound one 5 MB "word" made bleve's term dictionary take 5.8 GB (about
// 1 KB per byte of the term). search.js mirrors it (FORMAT.maxWordRunes).
const MaxWordRunes = 40

// Words splits NFC text into words as vi.Words does, each cut at
// MaxWordRunes runes: the words every part of the search sees.
func Words(s string) []string {
	ws := vi.Words(s)
	for i, w := range ws {
		ws[i] = Cut(w)
	}
	return ws
}

// eachWord yields the words of Words(s) without making the list.
func eachWord(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for w := range vi.EachWord(s) {
			if !yield(Cut(w)) {
				return
			}
		}
	}
}

// Cut returns the first MaxWordRunes runes of w.
func Cut(w string) string {
	n := 0
	for i := range w {
		if n == MaxWordRunes {
			return w[:i]
		}
		n++
	}
	return w
}

// Analyze is the package's Analyze, memoised.
func (a *Analyzer) Analyze(s string) []Word {
	// Made at about its size: a syllable and its space take five bytes or
	// more (NFC is no longer than s).
	return a.AnalyzeAppend(make([]Word, 0, len(s)/5+1), s)
}

// AnalyzeAppend is Analyze appending to dst, for a caller done with the
// words of one text before it analyses the next (the index builder: in a
// cold 10,000-article build the lists were 430 MB of garbage out of 4 GB).
func (a *Analyzer) AnalyzeAppend(dst []Word, s string) []Word {
	s = vi.NFC(s)
	// Without the list of Words (in a cold build, 360 MB of allocation
	// out of 4.6 GB).
	for w := range eachWord(s) {
		if a.memo == nil {
			a.memo = map[string]Word{}
		}
		x, ok := a.memo[w]
		if !ok {
			x = Word{Fold: strings.Clone(vi.Fold(w)), Exact: ExactKey(w)}
			if len(a.memo) < 1<<16 {
				a.memo[strings.Clone(w)] = x
			}
		}
		dst = append(dst, x)
	}
	return dst
}

// toneDigit maps the five Vietnamese tone marks (as combining marks) to a
// digit: huyền 1, sắc 2, hỏi 3, ngã 4, nặng 5.
func toneDigit(r rune) byte {
	switch r {
	case 0x0300:
		return '1'
	case 0x0301:
		return '2'
	case 0x0309:
		return '3'
	case 0x0303:
		return '4'
	case 0x0323:
		return '5'
	}
	return 0
}

// ExactKey returns the exact form of one syllable: lowercased, tone mark
// removed from wherever it sits and appended as a digit, other marks (ă â
// ê ô ơ ư đ) kept. "Hoà", "hòa" and "HOÀ" give "hoa1"; "thuỷ", "thủy" give
// "thuy3"; "đồn" gives "đôn1". A word with no tone mark gets no digit.
func ExactKey(w string) string {
	d := norm.NFD.String(vi.Lower(w))
	var b strings.Builder
	b.Grow(len(d) + 1)
	var tone byte
	for _, r := range d {
		if t := toneDigit(r); t != 0 {
			tone = t
			continue
		}
		b.WriteRune(r)
	}
	s := norm.NFC.String(b.String())
	if tone != 0 {
		s += string(tone)
	}
	return s
}

// Bigram joins two folded syllables into a bigram term.
func Bigram(a, b string) string { return a + BigramSep + b }

// BigramSep joins the syllables of a bigram. A syllable is letters and
// digits (vi.Words), so a bigram splits back into its syllables only one
// way.
const BigramSep = "_"

// IsASCII reports whether s has only ASCII bytes.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
