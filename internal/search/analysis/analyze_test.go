package analysis_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/vi"
)

func TestExactKeyPlacement(t *testing.T) {
	for _, c := range [][2]string{{"hoà", "hòa"}, {"thuỷ", "thủy"}, {"uỷ", "ủy"}, {"HOÀ", "hoa\u0300"}, {"Đồn", "đồn"}, {"khoẻ", "khỏe"}} {
		if a, b := analysis.ExactKey(c[0]), analysis.ExactKey(c[1]); a != b {
			t.Errorf("ExactKey(%q) = %q, ExactKey(%q) = %q", c[0], a, c[1], b)
		}
		if a, b := analysis.ExactKey(c[0]), analysis.ExactKey(vi.NormalizeTone(c[0])); a != b {
			t.Errorf("ExactKey(%q) = %q ≠ ExactKey(NormalizeTone) = %q", c[0], a, b)
		}
	}
	if a, b := analysis.ExactKey("tình"), analysis.ExactKey("tịnh"); a == b {
		t.Errorf("tình and tịnh share exact key %q", a)
	}
}

// A word longer than MaxWordRunes is cut, in runes: a 5 MB run of letters
// becomes one 40-rune term (it cost 5.8 GB in bleve's dictionary uncut),
// and the words around it are untouched.
func TestLongWordsAreCut(t *testing.T) {
	huge := strings.Repeat("ư", 5<<20/2) // 5 MB of a two-byte letter
	ws := analysis.Analyze("trước " + huge + " sau")
	if len(ws) != 3 {
		t.Fatalf("%d words, want 3", len(ws))
	}
	if n := utf8.RuneCountInString(ws[1].Fold); n != analysis.MaxWordRunes {
		t.Errorf("the long word has %d runes after analysis, want %d", n, analysis.MaxWordRunes)
	}
	if ws[0].Fold != "truoc" || ws[2].Fold != "sau" {
		t.Errorf("neighbours changed: %+v, %+v", ws[0], ws[2])
	}
	for _, c := range []struct {
		in   string
		want int
	}{{strings.Repeat("a", 40), 40}, {strings.Repeat("a", 41), 40}, {strings.Repeat("𝐀", 45), 40}, {"ngắn", 4}} {
		if got := utf8.RuneCountInString(analysis.Cut(c.in)); got != c.want {
			t.Errorf("Cut(%d runes) has %d runes, want %d", utf8.RuneCountInString(c.in), got, c.want)
		}
	}
}

// One Doc analysed into again and again (as each index worker does) holds
// exactly what AnalyzeDoc gives for the latest article: the lists of a
// longer article before it leave nothing behind.
func TestAnalyzeDocIntoReusesLists(t *testing.T) {
	s := searchtest.SynthSite(40, 3)
	an, scratch := &analysis.Analyzer{}, &analysis.Doc{}
	reused := false
	for _, a := range s.Articles {
		before := cap(scratch.Fields[analysis.FieldBody])
		if err := analysis.AnalyzeDocInto(scratch, a, an); err != nil {
			t.Fatal(err)
		}
		want, err := analysis.AnalyzeDoc(a, &analysis.Analyzer{})
		if err != nil {
			t.Fatal(err)
		}
		if scratch.Article != a || !reflect.DeepEqual(scratch.Fields, want.Fields) || !reflect.DeepEqual(scratch.Keys, want.Keys) {
			t.Fatalf("%s: analysed into a used Doc:\n%+v\nwant\n%+v", a.URL, scratch.Fields, want.Fields)
		}
		reused = reused || before >= len(want.Fields[analysis.FieldBody]) && before > 0
	}
	if !reused {
		t.Error("no article's body was analysed into the lists of an earlier one: the test proves nothing")
	}
}

// TestEachDocKeyInNameOrder: EachDocKey gives each keyword field once, in
// the order of the names (the search's document hash relies on it), with
// the values DocKeys holds; across the synthetic site every field turns up.
func TestEachDocKeyInNameOrder(t *testing.T) {
	s := searchtest.SynthSite(200, 5)
	seen := map[string]bool{}
	for _, a := range s.Articles {
		var names []string
		keys := analysis.DocKeys(a)
		analysis.EachDocKey(a, func(name string, values []string) {
			if len(names) > 0 && names[len(names)-1] >= name {
				t.Fatalf("%s: field %q after %q", a.URL, name, names[len(names)-1])
			}
			names = append(names, name)
			seen[name] = true
			if !reflect.DeepEqual(values, keys[name]) {
				t.Fatalf("%s: %s = %q, DocKeys %q", a.URL, name, values, keys[name])
			}
		})
		if len(names) != len(keys) {
			t.Fatalf("%s: %d fields, DocKeys %d", a.URL, len(names), len(keys))
		}
	}
	for _, name := range []string{"area", "locality", "year", "subject"} {
		if !seen[name] {
			t.Errorf("no article has the field %s: the test proves less than it says", name)
		}
	}
}
