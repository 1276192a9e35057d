package markdown

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestTableFrame: an article's table is the site's data table: in its
// scrolling box, with its classes and a width for every column, each body
// cell named by its column's header (but for an empty header), and the
// columns' alignments as classes, never as a style attribute (which the
// Content Security Policy refuses).
func TestTableFrame(t *testing.T) {
	src := "| Chỉ tiêu | Trước & sau | | Sau |\n|---|--:|:-:|:--|\n| Số thửa bình quân mỗi hộ | 6,8 | a | 2,1 |\n| Đường | 4,2 km | b |\n"
	out := render(t, src).HTML
	for _, want := range []string{
		"<div class=\"table-scroll\">\n<table class=\"article-table stack fixed\">\n<colgroup>",
		`<th class="align-right">Trước &amp; sau</th>`,
		`<th class="align-center"></th>`,
		`<td data-label="Chỉ tiêu">Số thửa bình quân mỗi hộ</td>`,
		`<td data-label="Trước &amp; sau" class="align-right">6,8</td>`,
		`<td class="align-center">a</td>`, // no label: the header is empty
		`<td data-label="Sau" class="align-left">2,1</td>`,
		"</table>\n</div>\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
	if strings.Contains(out, "style=") {
		t.Errorf("a style attribute in\n%s", out)
	}
	cols := regexp.MustCompile(`<col class="w-(\d+)">`).FindAllStringSubmatch(out, -1)
	if len(cols) != 4 {
		t.Fatalf("%d columns, want 4:\n%s", len(cols), out)
	}
}

// TestColumnWidths: the columns share the width in steps of 5 percent
// that add up to 100, as a browser would share it: by their longest cells
// when all fit, a long column of free text taking the most when not, and
// never less than a column's longest word.
func TestColumnWidths(t *testing.T) {
	row := func(cells ...string) string { return "| " + strings.Join(cells, " | ") + " |\n" }
	sep := func(n int) string { return row(strings.Split(strings.Repeat("---,", n)[:4*n-1], ",")...) }
	long := strings.Repeat("chữ ", 60) // 240 characters of words
	cases := []struct {
		name string
		src  string
		want []int
	}{
		{"all fit: by longest cell", row("Năm", "Số hộ được hưởng lợi") + sep(2) + row("2019", "120"), []int{25, 75}},
		{"equal", row("aaaa", "bbbb") + sep(2) + row("1", "2"), []int{50, 50}},
		{"free text takes the rest", row("Năm", "Nội dung") + sep(2) + row("2019", long), []int{10, 90}},
		{"a long word keeps its room", row("Mã", "Nội dung") + sep(2) + row(strings.Repeat("x", 40), long), []int{50, 50}},
		{"one column", row("Tiêu chí") + sep(1) + row(long), []int{100}},
	}
	for _, c := range cases {
		got := widths(t, c.src)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: widths %v, want %v", c.name, got, c.want)
		}
	}
	// Any table: multiples of 5, at least 5, 100 in all (up to 20
	// columns; more get 5 each).
	for n := 1; n <= 24; n++ {
		var cells []string
		for i := range n {
			cells = append(cells, strings.Repeat("từ ", 1+i*i%7))
		}
		got := widths(t, row(cells...)+sep(n)+row(cells...))
		sum := 0
		for _, w := range got {
			if w < 5 || w%5 != 0 {
				t.Errorf("%d columns: width %d in %v", n, w, got)
			}
			sum += w
		}
		if len(got) != n || sum != max(100, 5*n) {
			t.Errorf("%d columns: %v, sum %d", n, got, sum)
		}
	}
}

func widths(t *testing.T, src string) []int {
	t.Helper()
	var out []int
	for _, m := range regexp.MustCompile(`<col class="w-(\d+)">`).FindAllStringSubmatch(render(t, src).HTML, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}
