package vi

import (
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. Text that is already NFC
// (the common case) is returned unchanged without allocating: text made
// of ASCII and NFC starters (isNFCSafe: every precomposed Vietnamese
// letter) is recognised by one scan over the fold table, anything else by
// the quick check of golang.org/x/text/unicode/norm. Invalid UTF-8 bytes
// are passed through.
func NFC(s string) string {
	if allNFCSafe(s) {
		return s
	}
	return norm.NFC.String(s)
}

// NFCBytes is NFC for bytes: b itself when it is already NFC (no copy),
// else a new slice.
func NFCBytes(b []byte) []byte {
	// A view of b, only read during the call.
	if allNFCSafe(unsafe.String(unsafe.SliceData(b), len(b))) {
		return b
	}
	return norm.NFC.Bytes(b)
}

// allNFCSafe reports whether s is ASCII and NFC starters only, and so NFC
// as it is (isNFCSafe). The norm package's own quick check, a trie lookup
// and a rune's properties for every rune, took a third of the content
// stage's CPU (BenchmarkLoad: 2.5 of 8.2 s).
func allNFCSafe(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := decodeRune(s, i)
		if !isNFCSafe(r, s[i:]) {
			return false
		}
		i += n
	}
	return true
}
