// Package vi holds the Vietnamese text functions of danvan: Unicode
// normalisation, diacritic folding for search, tone-placement
// normalisation, URL slugs, syllable splitting, CLDR collation and
// Vietnamese date formats.
//
// Every function is safe for concurrent use except the methods of
// [Collator] (and SortFunc, which uses one): a Collator must not be shared
// between goroutines.
package vi

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isASCII reports whether s consists of bytes below 0x80 only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Lower returns s in NFC with every letter lowercased; diacritics are kept
// ("Đà Nẵng" → "đà nẵng"). The result is NFC even where lowercasing creates a
// new composition (uppercase J + combining caron has no precomposed form, but
// lowercase ǰ does).
func Lower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	if out, ok := lowerNFC(s); ok {
		return out
	}
	return norm.NFC.String(strings.ToLower(norm.NFC.String(s)))
}

// lowerNFC lowercases s in one pass while checking that s and the result
// are NFC: every rune in and out must be an NFC starter (see nfcSafe). It
// returns false when that cannot be shown.
func lowerNFC(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c-'A' < 26 {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := decodeRune(s, i)
		if !isNFCSafe(r, s[i:]) {
			return "", false
		}
		l := unicode.ToLower(r)
		if l != r {
			var buf [utf8.UTFMax]byte
			if !isNFCSafe(l, string(buf[:utf8.EncodeRune(buf[:], l)])) {
				return "", false
			}
		}
		b = utf8.AppendRune(b, l)
		i += n
	}
	return string(b), true
}

// isNFCSafe reports whether the non-ASCII rune r, encoded at the start of s,
// is an NFC starter: a string made of such runes and ASCII is NFC.
func isNFCSafe(r rune, s string) bool {
	if r >= foldLo && r <= foldHi {
		k := r - foldLo
		return foldTables.nfcSafe[k/64]&(1<<(k%64)) != 0
	}
	if r == utf8.RuneError {
		return false // invalid UTF-8, or U+FFFD itself: let norm decide
	}
	return isPlainStarter(s)
}

// Fold table bounds: the table covers Latin-1 Supplement through Latin
// Extended Additional (U+00C0–U+1EFF), where every precomposed Vietnamese
// letter lives.
const (
	foldLo = 0x00C0
	foldHi = 0x1EFF
)

// foldTables is the per-rune lookup data for foldLo <= r <= foldHi, built
// once at package initialisation and never written again.
var foldTables = buildFoldTables()

type foldData struct {
	// fold[r-foldLo] is FoldRune(r).
	fold [foldHi - foldLo + 1]uint16
	// nfcSafe has bit r-foldLo set when r is NFC on its own, has canonical
	// combining class 0 and never composes with a rune before it (NFC quick
	// check "Yes"), and is not one of the marks Fold drops. Text made only
	// of such runes and ASCII is NFC.
	nfcSafe [(foldHi-foldLo)/64 + 1]uint64
}

// isStripMark reports whether r is in the Combining Diacritical Marks block
// (U+0300–U+036F), the marks that folding removes.
func isStripMark(r rune) bool { return r >= 0x0300 && r <= 0x036F }

// isDStroke reports whether r is a letter D with a stroke: đ/Đ, plus the
// look-alikes that legacy Vietnamese encodings and careless typing put in
// their place (Icelandic Ð/ð U+00D0/U+00F0, African Ɖ U+0189 and its
// lowercase ɖ U+0256). None of them has a Unicode decomposition, so
// decompose-and-strip folding would leave them alone.
func isDStroke(r rune) bool {
	switch r {
	case 'đ', 'Đ', 'Ð', 'ð', 'Ɖ', 'ɖ':
		return true
	}
	return false
}

// buildFoldTables computes the fold of every rune in [foldLo, foldHi]: its
// canonical decomposition (NFD) with the combining marks U+0300–U+036F
// removed, lowercased. A rune whose stripped decomposition is not a single
// rune (Indic nukta forms, lone combining marks) is only lowercased. The
// letters of isDStroke map to 'd'.
func buildFoldTables() *foldData {
	t := new(foldData)
	for r := rune(foldLo); r <= foldHi; r++ {
		base := r
		var kept []rune
		for _, d := range norm.NFD.String(string(r)) {
			if !isStripMark(d) {
				kept = append(kept, d)
			}
		}
		if len(kept) == 1 {
			base = kept[0]
		}
		f := unicode.ToLower(base)
		if isDStroke(r) {
			f = 'd'
		}
		if f > 0xFFFF {
			panic("vi: fold of a BMP rune left the BMP")
		}
		i := r - foldLo
		t.fold[i] = uint16(f)
		// The marks Fold drops are left out, so that the one-pass fast
		// paths never see one (U+034F COMBINING GRAPHEME JOINER is a
		// starter).
		if isNFCStarter(string(r)) && !isStripMark(r) {
			t.nfcSafe[i/64] |= 1 << (i % 64)
		}
	}
	return t
}

// isNFCStarter reports whether the first rune of s, on its own, is NFC,
// has combining class 0 and does not combine with a rune before it.
func isNFCStarter(s string) bool {
	p := norm.NFC.PropertiesString(s)
	return p.BoundaryBefore() && p.CCC() == 0 && norm.NFC.IsNormalString(s[:p.Size()])
}

// isPlainStarter is a cheaper, stricter isNFCStarter for runes outside the
// fold table: it also rejects every rune that has a canonical decomposition.
func isPlainStarter(s string) bool {
	p := norm.NFC.PropertiesString(s)
	return p.BoundaryBefore() && p.CCC() == 0 && p.Decomposition() == nil
}

// FoldRune returns r lowercased and stripped of every tone and vowel mark:
// à, ả, ã, á, ạ, ă, â, ằ … ậ and their uppercase fold to 'a'; likewise for
// e/ê, i, o/ô/ơ, u/ư and y; đ and Đ fold to 'd', and so do the look-alikes
// Ð ð (U+00D0, U+00F0) and Ɖ ɖ (U+0189, U+0256) that legacy encodings put
// in their place. Runes in U+00C0–U+1EFF are looked up in a table computed
// once from their NFD decomposition; others are mapped with unicode.ToLower
// (and then the table, should the lowercase fall in it).
// FoldRune(FoldRune(r)) == FoldRune(r). A lone combining mark is returned
// unchanged (Fold drops it).
func FoldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= foldLo && r <= foldHi:
		return rune(foldTables.fold[r-foldLo])
	default:
		// A few runes lowercase into the table (Å ANGSTROM SIGN → å, and so
		// to a), or to ASCII (K KELVIN SIGN → k); fold those too so that
		// FoldRune is idempotent.
		l := unicode.ToLower(r)
		if l >= foldLo && l <= foldHi {
			return rune(foldTables.fold[l-foldLo])
		}
		return l
	}
}

// Fold returns the search form of s: s is brought to NFC (so NFD input folds
// exactly like NFC input), every rune is mapped with FoldRune and combining
// marks U+0300–U+036F that NFC could not compose are dropped.
//
//	Fold("Đà Nẵng") == "da nang"
//	Fold("hoà") == Fold("hòa") == "hoa"
//	Fold("THUỶ") == "thuy"
//
// Fold is idempotent, and its result is NFC.
func Fold(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			break
		}
		i++
	}
	if i == len(s) {
		return s // lowercase ASCII: nothing to do
	}
	if out, ok := foldNFC(s, i); ok {
		return out
	}
	return foldAny(norm.NFC.String(s))
}

// foldNFC folds s, whose first i bytes are lowercase ASCII, in one pass
// while checking that s is NFC. It gives up, returning false, at the first
// rune that could make s non-NFC (a combining mark, a rune NFC changes, a
// rune that composes with the one before it) or at invalid UTF-8.
func foldNFC(s string, i int) (string, bool) {
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for i < len(s) {
		// Copy a run of ASCII, lowercased.
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf {
			j++
		}
		for _, c := range []byte(s[i:j]) {
			if c-'A' < 26 {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if j == len(s) {
			break
		}
		r, n := decodeRune(s, j)
		if !isNFCSafe(r, s[j:]) {
			return "", false
		}
		b = utf8.AppendRune(b, FoldRune(r))
		i = j + n
	}
	return string(b), true
}

// decodeRune decodes the non-ASCII rune at s[i:] like
// utf8.DecodeRuneInString, inlining the two- and three-byte forms that
// Vietnamese letters take (U+0080–U+07FF and U+1000–U+1FFF).
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return 0x1000 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// foldAny folds s, which is NFC, dropping the combining marks U+0300–U+036F.
func foldAny(s string) string {
	b := make([]byte, 0, len(s))
	dropped := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isStripMark(r) {
			dropped = true
			continue
		}
		b = utf8.AppendRune(b, FoldRune(r))
	}
	out := string(b)
	if dropped {
		// Removing a mark can unblock a composition elsewhere (a combining
		// grapheme joiner U+034F between a letter and a nukta, say).
		out = norm.NFC.String(out)
	}
	return out
}

// Slug returns a URL path segment for s: s is folded with Fold, runs of
// ASCII letters and digits are kept and every other run of characters
// becomes a single '-', with no '-' at either end.
//
//	Slug("Dồn điền, đổi thửa ở xã Nghĩa Dũng") == "don-dien-doi-thua-o-xa-nghia-dung"
//	Slug("Đà Nẵng") == "da-nang"
//
// The result matches ^[a-z0-9]+(-[a-z0-9]+)*$, or is "" when s has no ASCII
// letter or digit after folding; callers must handle the empty slug.
func Slug(s string) string {
	f := Fold(s)
	b := make([]byte, 0, len(f))
	sep := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if sep && len(b) > 0 {
				b = append(b, '-')
			}
			sep = false
			b = append(b, c)
			continue
		}
		sep = true
	}
	return string(b)
}

// isMark reports whether r is a combining mark (categories Mn, Mc, Me).
func isMark(r rune) bool {
	if r < 0x0300 {
		return false
	}
	return unicode.Is(unicode.M, r)
}

// Words splits s into syllables: maximal runs of letters and digits
// (unicode.IsLetter, unicode.IsDigit), where a combining mark that follows
// a letter or digit stays with it, so NFD text splits like NFC text. Every
// other character separates words. The words are substrings of s; Words
// does not normalise or fold, so apply NFC or Fold first when the words are
// to be compared. It is used by search indexing; CountWords counts the
// same words without making the list.
func Words(s string) []string {
	// A syllable and its space average five to seven bytes: room for
	// most texts' words at once (growing the list took 40 % of Words'
	// CPU in a cold build).
	words := make([]string, 0, len(s)/6+1)
	for start, end := range wordSpans(s) {
		words = append(words, s[start:end])
	}
	if len(words) == 0 {
		return nil
	}
	return words
}

// CountWords returns len(Words(s)) without allocating: the reading-time
// estimate needs the count only.
func CountWords(s string) int {
	n := 0
	for range wordSpans(s) {
		n++
	}
	return n
}

// EachWord yields the words of s, those Words lists, without making the
// list.
func EachWord(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for start, end := range wordSpans(s) {
			if !yield(s[start:end]) {
				return
			}
		}
	}
}

// wordSpans yields the start and end of each word of s (see Words).
func wordSpans(s string) func(yield func(start, end int) bool) {
	return func(yield func(start, end int) bool) {
		start := -1
		for i, r := range s {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if start < 0 {
					start = i
				}
			case start >= 0 && isMark(r):
				// stays with the letter before it
			default:
				if start >= 0 {
					if !yield(start, i) {
						return
					}
					start = -1
				}
			}
		}
		if start >= 0 {
			yield(start, len(s))
		}
	}
}

// WordsPerMinute is the reading speed ReadingMinutes assumes.
const WordsPerMinute = 200

// ReadingMinutes returns the reading time of a text of the given number of
// words (see Words) at WordsPerMinute, rounded up, and at least 1.
func ReadingMinutes(words int) int {
	if words <= WordsPerMinute {
		return 1
	}
	return (words + WordsPerMinute - 1) / WordsPerMinute
}
