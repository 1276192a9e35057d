package vi

import (
	"unicode"
	"unicode/utf8"
)

// Tone marks, in the CLDR order that collation uses too.
const (
	toneNone  = iota // thanh ngang: a
	toneGrave        // thanh huyền: à
	toneHook         // thanh hỏi: ả
	toneTilde        // thanh ngã: ã
	toneAcute        // thanh sắc: á
	toneDot          // thanh nặng: ạ
)

// vowelRows lists every lowercase Vietnamese vowel letter; column k of a
// row carries tone k. The first rune of a row is its toneless base.
var vowelRows = [...]string{
	"aàảãáạ",
	"ăằẳẵắặ",
	"âầẩẫấậ",
	"eèẻẽéẹ",
	"êềểễếệ",
	"iìỉĩíị",
	"oòỏõóọ",
	"ôồổỗốộ",
	"ơờởỡớợ",
	"uùủũúụ",
	"ưừửữứự",
	"yỳỷỹýỵ",
}

// toneVowel is one lowercase vowel letter split into its toneless base and
// its tone.
type toneVowel struct {
	row  uint8 // index into vowelRows
	base rune  // toneless letter: a, ă, â, e, …
	tone uint8 // toneNone … toneDot
}

// vowelCodeMax bounds the runes of vowelRows (ỹ U+1EF9 is the largest).
const vowelCodeMax = 0x1EFF

// vowelCodes maps every rune r <= vowelCodeMax of vowelRows to
// 1 + 6*row + tone, and every other rune to 0; withTone is the reverse map
// [row][tone] → rune. Both are built once and never written again.
var (
	vowelCodes = buildVowelCodes()
	withTone   = buildWithTone()
)

func buildVowelCodes() *[vowelCodeMax + 1]uint8 {
	var t [vowelCodeMax + 1]uint8
	for i, row := range vowelRows {
		for tone, r := range []rune(row) {
			t[r] = uint8(1 + 6*i + tone)
		}
	}
	return &t
}

func buildWithTone() [len(vowelRows)][6]rune {
	var t [len(vowelRows)][6]rune
	for i, row := range vowelRows {
		copy(t[i][:], []rune(row))
	}
	return t
}

// vowelOf splits the lowercase vowel letter r; ok is false when r is not
// one.
func vowelOf(r rune) (v toneVowel, ok bool) {
	if r < 0 || r > vowelCodeMax || vowelCodes[r] == 0 {
		return toneVowel{}, false
	}
	c := vowelCodes[r] - 1
	row, tone := c/6, c%6
	return toneVowel{row: row, base: withTone[row][toneNone], tone: tone}, true
}

// movableNuclei are the two-vowel nuclei (by toneless base) whose tone
// placement differs between the old style (tone on the second vowel: hoà,
// khoẻ, thuỷ) and the modern style (tone on the first: hòa, khỏe, thủy) when
// nothing follows them in the syllable. With a final consonant or a third
// vowel both styles put the tone on the second vowel (hoàn, khoáng, thuyền,
// ngoài), and those syllables are left alone.
var movableNuclei = [...][2]rune{
	{'o', 'a'},
	{'o', 'e'},
	{'u', 'y'},
}

// NormalizeTone returns s lowercased in NFC (as Lower does) with the tone
// mark of each syllable in the modern position, so that text typed in either
// style compares equal with its diacritics kept:
//
//	"hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy", "uỷ" → "ủy"
//	"hoàn", "thuyền", "khoáng", "ngoài" are unchanged
//
// Only the open nuclei oa, oe and uy move. In a syllable starting with qu
// the u belongs to the consonant, so "quý" is kept and the misplaced "qúy",
// "qúa" become "quý", "quá". Syllables are the maximal runs of letters; one
// that holds a combining mark NFC could not compose, or more than one tone
// mark, or more than one group of vowels, is left as it is.
func NormalizeTone(s string) string {
	s = Lower(s)
	if isASCII(s) {
		return s
	}
	var out []byte // nil until a syllable changes
	done := 0      // s[:done] is in out already
	var syl []rune // scratch for one syllable
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSyllableRune(r) {
			i += n
			continue
		}
		start, ascii := i, true
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isSyllableRune(r) {
				break
			}
			ascii = ascii && r < utf8.RuneSelf
			i += n
		}
		if ascii {
			continue // no tone mark
		}
		syl = syl[:0]
		for _, r := range s[start:i] {
			syl = append(syl, r)
		}
		if !fixSyllable(syl) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(s))
		}
		out = append(out, s[done:start]...)
		for _, r := range syl {
			out = utf8.AppendRune(out, r)
		}
		done = i
	}
	if out == nil {
		return s
	}
	return string(append(out, s[done:]...))
}

// isSyllableRune reports whether r belongs in a syllable: a letter or a
// combining mark.
func isSyllableRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || isMark(r)
}

// fixSyllable moves the tone of the lowercase syllable syl to its modern
// position in place and reports whether it changed anything.
func fixSyllable(syl []rune) bool {
	if len(syl) < 2 {
		return false
	}
	// Find the vowel group [vs, ve) and check the syllable's shape:
	// consonants, one vowel group, consonants, one tone mark at most.
	vs, ve := -1, -1
	toned := -1
	for i, r := range syl {
		if isMark(r) {
			return false
		}
		v, ok := vowelOf(r)
		if !ok {
			if vs >= 0 && ve < 0 {
				ve = i
			}
			continue
		}
		if ve >= 0 {
			return false // a second vowel group
		}
		if vs < 0 {
			vs = i
		}
		if v.tone != toneNone {
			if toned >= 0 {
				return false
			}
			toned = i
		}
	}
	if vs < 0 || toned < 0 {
		return false
	}
	if ve < 0 {
		ve = len(syl)
	}
	// After q, the u is part of the consonant "qu": its tone belongs on the
	// vowel that follows (qúy → quý, qúa → quá).
	if vs > 0 && syl[vs-1] == 'q' && vowelOf1(syl[vs]).base == 'u' {
		if toned == vs && ve-vs >= 2 {
			moveTone(syl, vs, vs+1)
			return true
		}
		return false
	}
	if ve-vs != 2 || ve != len(syl) || toned != vs+1 {
		return false
	}
	first, second := vowelOf1(syl[vs]).base, vowelOf1(syl[vs+1]).base
	for _, n := range movableNuclei {
		if n[0] == first && n[1] == second {
			moveTone(syl, vs+1, vs)
			return true
		}
	}
	return false
}

// moveTone moves the tone of the vowel syl[from] onto the toneless vowel
// syl[to].
func moveTone(syl []rune, from, to int) {
	f, t := vowelOf1(syl[from]), vowelOf1(syl[to])
	syl[to] = withTone[t.row][f.tone]
	syl[from] = withTone[f.row][toneNone]
}

// vowelOf1 is vowelOf for a rune known to be a vowel letter.
func vowelOf1(r rune) toneVowel {
	v, _ := vowelOf(r)
	return v
}
