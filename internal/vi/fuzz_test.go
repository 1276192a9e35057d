package vi

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var fuzzSeeds = []string{
	"",
	"Đà Nẵng",
	"hoà hòa thuỷ thủy uỷ ủy khoẻ qúy quý",
	"Dồn điền, đổi thửa ở xã Nghĩa Dũng",
	"Tịnh Ấn Tây",
	"THUỶ ĐIỆN",
	"J\u030C",
	"q\u0301",
	"a\u0323\u0302",
	"न\u034f\u093c",
	"Ð ð Ɖ ɖ İ ß",
	"Kế hoạch số 01/KH-UBND ngày 01/01/2018",
	"\xff\xfe invalid \xc3",
	"東京 – ok!",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
		f.Add(norm.NFD.String(s))
	}
	for _, v := range foldVectors {
		f.Add(v.In)
	}
}

func FuzzFold(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent: Fold(%+q) = %+q, Fold of that = %+q", s, got, again)
		}
		if utf8.ValidString(s) {
			if d := Fold(norm.NFD.String(s)); d != got {
				t.Errorf("Fold(NFD(%+q)) = %+q, Fold = %+q", s, d, got)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("Fold(%+q) = %+q is not NFC", s, got)
			}
			for _, f := range []func(string) string{NFC, Lower} {
				if out := f(s); !norm.NFC.IsNormalString(out) {
					t.Errorf("output %+q for %+q is not NFC", out, s)
				}
			}
			// The one-pass fast paths agree with the plain definitions.
			if slow := foldAny(norm.NFC.String(s)); slow != got {
				t.Errorf("Fold(%+q) = %+q, slow path %+q", s, got, slow)
			}
			if l, slow := Lower(s), norm.NFC.String(strings.ToLower(norm.NFC.String(s))); l != slow {
				t.Errorf("Lower(%+q) = %+q, want %+q", s, l, slow)
			}
			if out := Lower(s); Fold(out) != got {
				t.Errorf("Fold(Lower(%+q)) = %+q, Fold = %+q", s, Fold(out), got)
			}
		}
		if strings.ContainsFunc(got, isStripMark) {
			t.Errorf("Fold(%+q) = %+q keeps a combining mark", s, got)
		}
		for _, w := range Words(s) {
			if w == "" || !strings.Contains(s, w) {
				t.Errorf("Words(%+q) has %+q", s, w)
			}
		}
	})
}

func FuzzSlug(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !slugRE.MatchString(got) {
			t.Errorf("Slug(%+q) = %q", s, got)
		}
		if again := Slug(got); again != got {
			t.Errorf("Slug not idempotent: Slug(%+q) = %q, Slug of that = %q", s, got, again)
		}
		if utf8.ValidString(s) {
			if d := Slug(norm.NFD.String(s)); d != got {
				t.Errorf("Slug(NFD(%+q)) = %q, Slug = %q", s, d, got)
			}
		}
	})
}

func FuzzNormalizeTone(f *testing.F) {
	addSeeds(f)
	f.Add("hoà khoẻ thuỷ oà uỷ qúa hoàn thuyền")
	f.Fuzz(func(t *testing.T, s string) {
		got := NormalizeTone(s)
		if !utf8.ValidString(s) {
			return
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("NormalizeTone(%+q) = %+q is not NFC", s, got)
		}
		if again := NormalizeTone(got); again != got {
			t.Errorf("NormalizeTone not idempotent: %+q → %+q → %+q", s, got, again)
		}
		if d := NormalizeTone(norm.NFD.String(s)); d != got {
			t.Errorf("NormalizeTone(NFD(%+q)) = %+q, want %+q", s, d, got)
		}
		// Moving a tone never changes the folded text.
		if Fold(got) != Fold(s) {
			t.Errorf("Fold(NormalizeTone(%+q)) = %+q, Fold = %+q", s, Fold(got), Fold(s))
		}
	})
}
