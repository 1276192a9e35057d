package vi

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// NFC and NFCBytes give what the norm package gives, on random text mixing
// the runes of the fast path (ASCII, precomposed letters, punctuation)
// with runes that must go through norm: combining marks in and out of
// canonical order, decomposable letters outside the fold table, Hangul
// syllables and the jamo that compose with them, CJK compatibility
// ideographs (NFC_Quick_Check=No), invalid UTF-8.
func TestNFCMatchesNorm(t *testing.T) {
	pieces := []string{
		"a", "D", " ", "1", "-", "ấ", "Ư", "ỹ", "đ", "Ð", "é", "ǰ", "–", "“", "”", "…", "₫",
		"\u0301", "\u0323", "\u0302", "\u0306", "\u031B", "\u0345", "\u034F",
		"\u212B", "\u2126", "\uF900", "\u0958", "가", "\u1100", "\u1161", "\u11A8",
		"\xff", "\xe1\x80",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var s string
		for range 1 + r.IntN(6) {
			s += pieces[r.IntN(len(pieces))]
		}
		want := norm.NFC.String(s)
		if got := NFC(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
		if got := NFCBytes([]byte(s)); string(got) != want {
			t.Fatalf("NFCBytes(%+q) = %+q, want %+q", s, got, want)
		}
	}
}
