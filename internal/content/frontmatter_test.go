package content

import (
	"fmt"
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

// laughs is a "billion laughs" YAML block: ten levels of ten aliases to
// the level below, 10¹⁰ values once expanded, in 1 KB.
func laughs() string {
	var b strings.Builder
	b.WriteString("l0: &l0 [\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\"]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// YAML aliases are expanded within bounds, in articles and in
// content/_site.yaml: an alias bomb, an alias inside its own value, and
// nesting deeper than MaxYAMLDepth are errors with a line, found in
// milliseconds, instead of hanging the build while memory grows, or
// overflowing the stack.
func TestYAMLBounds(t *testing.T) {
	article := func(extra string) string {
		return strings.Replace(goodArticle, "tags:", extra+"tags:", 1)
	}
	deep := "tags: " + strings.Repeat("[", MaxYAMLDepth+5) + "x" + strings.Repeat("]", MaxYAMLDepth+5) + "\n"
	for name, c := range map[string]struct {
		src  string
		line int
		says string
	}{
		"alias bomb":      {article(laughs()), 11, "tham chiếu YAML"},
		"alias loop":      {article("loop: &v [1, *v]\n"), 8, "vòng lặp"},
		"map alias loop":  {article("loop: &m {a: {b: *m}}\n"), 8, "vòng lặp"},
		"deep nesting":    {strings.Replace(goodArticle, "tags: [\"nông nghiệp\", \"dồn điền\"]\n", deep, 1), 8, "lồng nhau quá sâu"},
		"small alias use": {article("x: &x nông nghiệp\n"), 8, "trường này không có trong mẫu"},
	} {
		t.Run(name, func(t *testing.T) {
			expectProblem(t, c.src, c.line, fieldOf(c.says), c.says)
		})
	}
	cfg := strings.Replace(testConfig, "areas:", laughs()+"areas:", 1)
	_, probs := ParseConfig([]byte(cfg))
	if !strings.Contains(probs.Error(), ConfigFile+":6: tham chiếu YAML") {
		t.Errorf("alias bomb in %s not reported on its line:\n%s", ConfigFile, probs.Error())
	}
}

// fieldOf is the field a bound's message is reported under: the syntax
// errors have none; the unknown key is "x".
func fieldOf(says string) string {
	if says == "trường này không có trong mẫu" {
		return "x"
	}
	return ""
}

// TOML frontmatter has the same depth bound.
func TestTOMLDepthBound(t *testing.T) {
	src := "+++\ntitle = \"x\"\ntags = " + strings.Repeat("[", MaxYAMLDepth+3) + strings.Repeat("]", MaxYAMLDepth+3) + "\n+++\nx\n"
	expectProblem(t, src, 3, "", "lồng nhau quá sâu")
}

// Any file splits into frontmatter and body, or into problems with a line,
// without a panic and within the bounds (an alias bomb or deep nesting is
// a problem, not a hang).
func FuzzFrontmatter(f *testing.F) {
	f.Add([]byte(goodArticle))
	f.Add([]byte("+++\ntitle = \"x\"\n+++\nx\n"))
	f.Add([]byte("{\"title\": \"x\"}Nội dung"))
	f.Add([]byte("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n---\n"))
	f.Add([]byte("---\nv: &v [1, *v]\n---\n"))
	f.Add([]byte("---\ntags: [[[[[[x]]]]]]\n---\n"))
	f.Add([]byte("\ufeff---\r\ntitle: x\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var probs Problems
		doc, _ := parseDoc(raw, reporter{file: "a.md", list: &probs})
		if doc == nil && len(probs) == 0 {
			t.Fatal("no document and no problem")
		}
		for _, p := range probs {
			if p.Line < 0 || p.Msg == "" {
				t.Fatalf("problem without a line or a message: %+v", p)
			}
		}
	})
}

// The body is the whole rest of the file whatever its length, though the
// frontmatter parser is given a line per read and nothing past the
// frontmatter (stopReader): bodies around and past the parser's 4,096-byte
// read buffer, blank lines before the frontmatter, a frontmatter line
// longer than that buffer, YAML and TOML.
func TestSplitFrontmatterKeepsWholeBody(t *testing.T) {
	long := strings.Repeat("Dân vận ", 700)
	for _, c := range []struct{ head, title string }{
		{"---\ntitle: x\n---\n", "x"},
		{"\n\n---\ntitle: x\n---\n", "x"},
		{"---\ntitle: " + long + "\n---\n", strings.TrimSpace(long)},
		{"+++\ntitle = \"x\"\n+++\n", "x"},
	} {
		for _, n := range []int{0, 1, 4000, 4096, 4097, 9000, 70000} {
			body := strings.Repeat("Dân vận khéo\n", n/14+1)[:n]
			doc, err := splitFrontmatter([]byte(c.head + body))
			if err != nil {
				t.Fatalf("%.20q… + %d bytes: %v", c.head, n, err)
			}
			if string(doc.body) != body {
				t.Errorf("%.20q… + %d bytes: body of %d bytes, want %d", c.head, n, len(doc.body), len(body))
			}
			if want := 1 + strings.Count(c.head, "\n"); doc.bodyLine != want {
				t.Errorf("%.20q… + %d bytes: body at line %d, want %d", c.head, n, doc.bodyLine, want)
			}
			if doc.meta == nil || doc.meta.m["title"] == nil || doc.meta.m["title"].str != c.title {
				t.Errorf("%.20q… + %d bytes: title not read: %+v", c.head, n, doc.meta)
			}
		}
	}
}
