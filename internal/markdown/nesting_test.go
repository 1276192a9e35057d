package markdown

import (
	"strings"
	"testing"
)

// Bodies that nest lists or quotes deeper than MaxNesting are refused on
// the line that goes too deep, before goldmark's quadratic parse: the
// first two took 50 s and 24 s to parse. Ordinary nesting, and deep
// indentation inside fenced code, render as before.
func TestNestingIsBounded(t *testing.T) {
	r := New()
	var indented strings.Builder
	for i := 0; i < 2000; i++ {
		indented.WriteString(strings.Repeat("  ", i) + "- mục\n")
	}
	for name, c := range map[string]struct {
		body string
		line int
	}{
		"indented list":           {"Mở đầu.\n\n" + indented.String(), 3 + MaxNesting},
		"markers on one line":     {strings.Repeat("- ", 2000) + "x\n" + strings.Repeat(strings.Repeat(" ", 4000)+"y\n", 200), 1},
		"quotes":                  {"a\n\n" + strings.Repeat(">", 5000) + " x\n", 3},
		"numbered and tabs":       {strings.Repeat("\t", 20) + "1. " + strings.Repeat("1) ", 30) + "x\n", 1},
		"quotes and lists":        {strings.Repeat("> - ", 20) + "x\n", 1},
		"deep list, then a fence": {"```\nx\n```\n" + strings.Repeat("* ", 40) + "x\n", 4},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := r.Render([]byte(c.body), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Issues) != 1 || res.Issues[0].Line != c.line || res.Issues[0].Field != "body" || !strings.Contains(res.Issues[0].Msg, "lồng nhau") {
				t.Fatalf("want one nesting issue on line %d, got %+v", c.line, res.Issues)
			}
			if len(res.HTML) != 0 {
				t.Error("a refused body was rendered")
			}
		})
	}
	for name, body := range map[string]string{
		"three levels":     "- a\n  - b\n    - c\n      > trích\n",
		"indented code":    "```\n" + strings.Repeat(" ", 200) + "- không phải danh sách\n" + strings.Repeat(" ", 200) + "> không phải trích dẫn\n```\n",
		"tilde fence":      "~~~~\n" + strings.Repeat("- ", 100) + "\n~~~\n" + strings.Repeat("> ", 100) + "\n~~~~\n",
		"emphasis, rules":  "*nghiêng* **đậm** - gạch\n\n- - -\n\n* * *\n",
		"numbers in prose": "Năm 2019. Tháng 6) là mốc.\n",
	} {
		res, err := r.Render([]byte(body), nil)
		if err != nil || len(res.Issues) != 0 || len(res.HTML) == 0 {
			t.Errorf("%s: refused or not rendered: %v %+v", name, err, res.Issues)
		}
	}
}
