package vi

import (
	"testing"

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
