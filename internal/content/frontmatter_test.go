package content

import (
	"strings"
	"testing"
)

// A JSON frontmatter ends at its closing brace, whatever follows it: a
// blank line, one line break or the text itself. adrg/frontmatter wanted
// a blank line and otherwise said the brace was missing.
func TestJSONFrontmatterEndings(t *testing.T) {
	obj := "{\n\"title\": \"x\", \"date\": \"2019-06-14\", \"area\": \"kinh-te\", \"locality\": \"nghia-dung\"\n}"
	for _, c := range []struct {
		src      string
		bodyLine int
	}{
		{obj + "\n\nNội dung\n", 4},
		{obj + "\nNội dung\n", 4},
		{obj + "Nội dung\n", 3},
		{strings.ReplaceAll(obj, "\n", "") + "\nNội dung\n", 2},
	} {
		c2, probs := load(t, map[string]string{"content/bai-viet/a.md": c.src})
		if probs.HasErrors() || len(c2.Articles) != 1 {
			t.Errorf("%q: %s", c.src, probs.Error())
			continue
		}
		a := c2.Articles[0]
		if strings.TrimSpace(string(a.Body)) != "Nội dung" || a.BodyLine != c.bodyLine || a.Title != "x" {
			t.Errorf("%q: body %q at line %d, title %q; want \"Nội dung\" at line %d", c.src, a.Body, a.BodyLine, a.Title, c.bodyLine)
		}
	}
	expectProblem(t, "{\n\"title\": \"x\",\n\"date\": \"2019-06-14\"\n", 1, "", "không có `}` đóng lại")
	expectProblem(t, "{\n\"title\": \"x\"\n\"date\": \"2019-06-14\"\n}\nx\n", 3, "", "JSON sai cú pháp")
}
