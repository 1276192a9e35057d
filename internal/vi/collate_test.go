package vi

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// units are the 23 units of Quảng Ngãi city after 2014-04-01, in the order
// derived by hand from the CLDR Vietnamese rules: letter by letter on the
// base letters (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; the space sorts
// before every letter), tones breaking ties only.
var unitsSorted = []string{
	"Chánh Lộ",
	"Lê Hồng Phong",
	"Nghĩa An",
	"Nghĩa Chánh",
	"Nghĩa Dõng", // o < u
	"Nghĩa Dũng",
	"Nghĩa Hà",
	"Nghĩa Lộ",
	"Nghĩa Phú",
	"Nguyễn Nghiêm", // ngh… < ngu…
	"Quảng Phú",
	"Tịnh An",
	"Tịnh Ấn Đông", // a < â
	"Tịnh Ấn Tây",  // Đ (after d) < T
	"Tịnh Châu",
	"Tịnh Hòa",
	"Tịnh Khê",
	"Tịnh Kỳ", // kh < ky
	"Tịnh Long",
	"Tịnh Thiện",
	"Trần Hưng Đạo", // ti… < tr…
	"Trần Phú",
	"Trương Quang Trọng", // tra… < tru…
}

func TestCollateUnits(t *testing.T) {
	c := NewCollator()
	for seed := uint64(0); seed < 20; seed++ {
		got := slices.Clone(unitsSorted)
		r := rand.New(rand.NewPCG(seed, 1))
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		c.Sort(got)
		if !slices.Equal(got, unitsSorted) {
			t.Fatalf("seed %d: Sort =\n%s\nwant\n%s", seed, strings.Join(got, "\n"), strings.Join(unitsSorted, "\n"))
		}
	}
	for i := 1; i < len(unitsSorted); i++ {
		if c.Compare(unitsSorted[i-1], unitsSorted[i]) >= 0 {
			t.Errorf("Compare(%q, %q) >= 0", unitsSorted[i-1], unitsSorted[i])
		}
	}
}

func TestCollatePairs(t *testing.T) {
	less := [][2]string{
		{"a", "ă"}, {"ă", "â"}, {"â", "b"},
		{"d", "đ"}, {"đ", "e"}, {"e", "ê"}, {"ê", "g"},
		{"o", "ô"}, {"ô", "ơ"}, {"ơ", "p"},
		{"u", "ư"}, {"ư", "v"},
		{"Tịnh An", "Tịnh Ấn Đông"},
		{"Tịnh Ấn Đông", "Tịnh Ấn Tây"},
		{"Nghĩa Dõng", "Nghĩa Dũng"},
		{"Dũng", "Đông"},
		{"Dũng", "Đông Sơn"},
		{"Dzũng", "Đa"}, // d < đ decides before the later letters
		{"ăz", "âa"},
		{"uz", "ưa"},
		// tones break ties only, in the order ngang, huyền, hỏi, ngã, sắc, nặng
		{"ba", "bà"}, {"bà", "bả"}, {"bả", "bã"}, {"bã", "bá"}, {"bá", "bạ"},
		{"bạ", "bác"}, {"bác", "bạc"}, {"bạc", "bao"}, {"bao", "bắc"}, {"bắc", "bấc"},
		// case is the last tie breaker: lowercase first
		{"an", "An"}, {"An", "án"},
	}
	c := NewCollator()
	for _, p := range less {
		if got := c.Compare(p[0], p[1]); got != -1 {
			t.Errorf("Compare(%q, %q) = %d, want -1", p[0], p[1], got)
		}
		if got := c.Compare(p[1], p[0]); got != 1 {
			t.Errorf("Compare(%q, %q) = %d, want 1", p[1], p[0], got)
		}
	}
	for _, s := range unitsSorted {
		if got := c.Compare(s, norm.NFD.String(s)); got != 0 {
			t.Errorf("Compare(%q, NFD) = %d, want 0", s, got)
		}
	}
}

// TestCollateAlphabet checks x/text against CLDR "vi" for every letter of
// the Vietnamese alphabet with every tone, lower- then uppercase.
func TestCollateAlphabet(t *testing.T) {
	rows := []string{
		"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "b", "c", "d", "đ", "eèẻẽéẹ", "êềểễếệ",
		"g", "h", "iìỉĩíị", "k", "l", "m", "n", "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ",
		"p", "q", "r", "s", "t", "uùủũúụ", "ưừửữứự", "v", "x", "yỳỷỹýỵ",
	}
	var want []string
	for _, row := range rows {
		for _, r := range row {
			want = append(want, string(r), strings.ToUpper(string(r)))
		}
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	NewCollator().Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("alphabet sorts as\n%s\nwant\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

func TestSortDeterministic(t *testing.T) {
	// NFC and NFD spellings collate equal; Sort orders them by bytes.
	a, b := "Đà Nẵng", norm.NFD.String("Đà Nẵng")
	want := []string{a, b}
	if b < a {
		want = []string{b, a}
	}
	c := NewCollator()
	for _, in := range [][]string{{a, b}, {b, a}} {
		c.Sort(in)
		if !slices.Equal(in, want) {
			t.Errorf("Sort = %+q, want %+q", in, want)
		}
	}
	c.Sort(nil)
	c.Sort([]string{})
}

func TestSortFuncStable(t *testing.T) {
	type unit struct {
		name string
		id   int
	}
	in := []unit{
		{"Tịnh Ấn Tây", 1}, {"Nghĩa Dũng", 2}, {"Tịnh An", 3},
		{norm.NFD.String("Nghĩa Dũng"), 4}, {"Nghĩa Dõng", 5}, {"Nghĩa Dũng", 6},
	}
	SortFunc(NewCollator(), in, func(u unit) string { return u.name })
	var ids []int
	for _, u := range in {
		ids = append(ids, u.id)
	}
	if want := []int{5, 2, 4, 6, 3, 1}; !slices.Equal(ids, want) {
		t.Errorf("SortFunc ids = %v, want %v", ids, want)
	}
	SortFunc(NewCollator(), []unit(nil), func(u unit) string { return u.name })
}
