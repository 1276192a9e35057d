package qa

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/content"
)

// TestStyleGateFindsPlantedForms: each forbidden form planted in
// testdata/style is reported on its line, and the correct forms, code,
// comments and scripts of the same page are not.
func TestStyleGateFindsPlantedForms(t *testing.T) {
	problems, err := CheckStyle(filepath.Join("testdata", "style"), content.ArticleFields())
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][]string{}
	for _, p := range problems {
		t.Logf("found (as planted): %s", p)
		got[p.Line] = append(got[p.Line], p.Rule)
	}
	for line, rule := range map[int]string{
		5:  "ngoặc kép thẳng",
		11: "ngày có số 0",
		12: "ngày có số 0",
		13: "khoảng ngày",
		14: "khoảng ngày",
		15: "ngày kiểu máy",
		16: "khoảng đếm",
		17: "tên mục cũ",
		18: "thứ tự",
		19: "tên trường tiếng Anh",
		20: "ngoặc kép thẳng",
	} {
		found := false
		for _, r := range got[line] {
			found = found || strings.HasPrefix(r, rule)
		}
		if !found {
			t.Errorf("line %d: %q not reported (reported: %q)", line, rule, got[line])
		}
		delete(got, line)
	}
	for line, rules := range got {
		t.Errorf("line %d: reported %q, but nothing is planted there", line, rules)
	}
}
