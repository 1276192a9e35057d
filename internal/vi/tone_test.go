package vi

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeTone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ABC xyz", "abc xyz"},
		// Old placement → modern, open oa/oe/uy.
		{"hoà", "hòa"},
		{"hòa", "hòa"},
		{"HOÀ", "hòa"},
		{norm.NFD.String("hoà"), "hòa"},
		{"hoá", "hóa"},
		{"hoả", "hỏa"},
		{"hoã", "hõa"},
		{"hoạ sĩ", "họa sĩ"},
		{"loà", "lòa"},
		{"toà án", "tòa án"},
		{"oà", "òa"},
		{"khoẻ", "khỏe"},
		{"hoè", "hòe"},
		{"xoè", "xòe"},
		{"thuỷ", "thủy"},
		{"thủy", "thủy"},
		{"THUỶ", "thủy"},
		{"uỷ", "ủy"},
		{"Uỷ ban nhân dân", "ủy ban nhân dân"},
		{"tuỳ", "tùy"},
		{"luỹ", "lũy"},
		{"thuỵ", "thụy"},
		{"tuý", "túy"},
		{"Hoà Bình, Khánh Hoà", "hòa bình, khánh hòa"},
		{"Tịnh Hoà", "tịnh hòa"},
		{"hoà-bình", "hòa-bình"},
		{"(hoà)", "(hòa)"},
		// qu: the u is part of the consonant.
		{"quý", "quý"},
		{"Quý", "quý"},
		{"qúy", "quý"},
		{"qùy", "quỳ"},
		{"qúa", "quá"},
		{"quà", "quà"},
		{"quỳnh", "quỳnh"},
		{"quốc", "quốc"},
		// Final consonant or third vowel: same in both styles, unchanged.
		{"hoàn", "hoàn"},
		{"khoáng", "khoáng"},
		{"thuyền", "thuyền"},
		{"ngoài", "ngoài"},
		{"khoái", "khoái"},
		{"khuya", "khuya"},
		{"khuỷu", "khuỷu"},
		{"huỳnh", "huỳnh"},
		{"hoặc", "hoặc"},
		// Other nuclei: untouched.
		{"mùa", "mùa"},
		{"của", "của"},
		{"giữa", "giữa"},
		{"thuế", "thuế"},
		{"thuở", "thuở"},
		{"Đà Nẵng", "đà nẵng"},
		// Malformed syllables are left as they are.
		{"hóà", "hóà"},             // two tone marks
		{"hoà\u0323", "hoạ\u0300"}, // a mark NFC cannot compose
		{"hoàhoà", "hoàhoà"},       // two vowel groups
	}
	for _, tt := range tests {
		got := NormalizeTone(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeTone(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("NormalizeTone(%+q) = %+q is not NFC", tt.in, got)
		}
	}
}

// TestNormalizeToneAllTones moves every tone of every movable nucleus.
func TestNormalizeToneAllTones(t *testing.T) {
	for _, n := range movableNuclei {
		first, second := vowelOf1(n[0]).row, vowelOf1(n[1]).row
		for tone := toneGrave; tone <= toneDot; tone++ {
			old := "h" + string(n[0]) + string(withTone[second][tone])
			want := "h" + string(withTone[first][tone]) + string(n[1])
			if got := NormalizeTone(old); got != want {
				t.Errorf("NormalizeTone(%q) = %q, want %q", old, got, want)
			}
			if got := NormalizeTone(want); got != want {
				t.Errorf("NormalizeTone(%q) = %q, want it unchanged", want, got)
			}
			closed := old + "n"
			if got := NormalizeTone(closed); got != closed {
				t.Errorf("NormalizeTone(%q) = %q, want it unchanged", closed, got)
			}
		}
	}
}

func TestToneTable(t *testing.T) {
	n := 0
	for r := rune(-1); r <= vowelCodeMax+10; r++ {
		v, ok := vowelOf(r)
		if !ok {
			continue
		}
		n++
		if withTone[v.row][v.tone] != r {
			t.Errorf("withTone[%d][%d] = %q, want %q", v.row, v.tone, withTone[v.row][v.tone], r)
		}
		if FoldRune(r) != FoldRune(v.base) {
			t.Errorf("%q and its base %q fold differently", r, v.base)
		}
		if !norm.NFC.IsNormalString(string(r)) {
			t.Errorf("%q is not NFC", r)
		}
	}
	if n != len(vowelRows)*6 {
		t.Errorf("vowelOf knows %d vowels, want %d", n, len(vowelRows)*6)
	}
}

// TestNormalizeToneGrid runs NormalizeTone over generated syllables: every
// pair of vowel letters with the tone on neither, the first or the second,
// after several initials and before several finals, in lower and title case.
func TestNormalizeToneGrid(t *testing.T) {
	initials := []string{"", "h", "th", "ngh", "qu", "gi"}
	finals := []string{"", "n", "ng", "c"}
	movable := func(a, b rune) bool {
		for _, n := range movableNuclei {
			if n[0] == a && n[1] == b {
				return true
			}
		}
		return false
	}
	for _, ini := range initials {
		for r1 := range vowelRows {
			for r2 := range vowelRows {
				for pos := 0; pos < 3; pos++ { // 0: no tone, 1: first, 2: second
					for tone := toneGrave; tone <= toneDot; tone++ {
						if pos == 0 && tone > toneGrave {
							break
						}
						t1, t2 := toneNone, toneNone
						switch pos {
						case 1:
							t1 = tone
						case 2:
							t2 = tone
						}
						for _, fin := range finals {
							syl := ini + string(withTone[r1][t1]) + string(withTone[r2][t2]) + fin
							want := syl
							b1, b2 := withTone[r1][0], withTone[r2][0]
							if pos == 2 && fin == "" && (ini == "" || ini == "h" || ini == "th" || ini == "ngh") && movable(b1, b2) {
								want = ini + string(withTone[r1][t2]) + string(b2)
							}
							for _, in := range []string{syl, titleCase(syl), strings.ToUpper(syl)} {
								got := NormalizeTone(in)
								if got != want {
									t.Fatalf("NormalizeTone(%q) = %q, want %q", in, got, want)
								}
								if NormalizeTone(got) != got {
									t.Fatalf("NormalizeTone not idempotent on %q", in)
								}
								if Fold(got) != Fold(in) {
									t.Fatalf("Fold(NormalizeTone(%q)) = %q, want %q", in, Fold(got), Fold(in))
								}
							}
						}
					}
				}
			}
		}
	}
}

// titleCase uppercases the first rune of s.
func titleCase(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
