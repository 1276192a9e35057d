package qa

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// The style gate reads what a visitor reads on a built site (text, and the
// attributes that are read aloud or shown: alt, title, aria-label,
// placeholder, the page description) and reports the forms that
// docs/STYLE.md forbids. Code (<code>, <pre>), scripts and styles are not
// text; URLs in attributes are not read.

// StyleProblem is one forbidden form on a page.
type StyleProblem struct {
	File string // relative to the site root
	Line int    // 1-based line of the text
	Rule string // which rule of docs/STYLE.md
	Text string // the text around the form
}

func (p StyleProblem) String() string {
	return fmt.Sprintf("%s:%d: %s: %q", p.File, p.Line, p.Rule, p.Text)
}

// styleRule is one forbidden form.
type styleRule struct {
	name string
	re   *regexp.Regexp
}

// styleRules are the forms docs/STYLE.md forbids, each with the rule's
// name in that guide.
var styleRules = []styleRule{
	{"ngoặc kép thẳng (dùng “ ”)", regexp.MustCompile(`["']`)},
	{"ngày có số 0 ở đầu (viết 1/7/2025)", regexp.MustCompile(`(^|[^\d/])0\d/\d{1,2}/\d{4}|(^|[^\d/])\d{1,2}/0\d/\d{4}|(^|[^\d/])0\d/\d{4}\b`)},
	{"ngày kiểu máy (viết 14/6/2019)", regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)},
	{"khoảng ngày, tháng không có dấu – giữa hai khoảng trắng", regexp.MustCompile(`\d/\d{4}(?:–|\s*-\s*)\d`)},
	{countRule, regexp.MustCompile(`\bBài (\d+)–(\d+) trong`)},
	{"tên mục cũ", regexp.MustCompile(`(?i)nguồn tin atom|sơ đồ trang|báo cáo thống kê|thống kê hằng năm`)},
	{"thứ tự “xã, phường”", regexp.MustCompile(`phường, xã`)},
}

const countRule = "khoảng đếm vô nghĩa (Bài 1–1)"

// CheckStyle reads every HTML page under root and reports the forbidden
// forms of docs/STYLE.md, and any of fields (the frontmatter keys, which
// are code, not words) standing as a word in public text.
func CheckStyle(root string, fields []string) ([]StyleProblem, error) {
	files, err := HTMLFiles(root)
	if err != nil {
		return nil, err
	}
	rules := append([]styleRule(nil), styleRules...)
	if len(fields) > 0 {
		quoted := make([]string, len(fields))
		for i, f := range fields {
			quoted[i] = regexp.QuoteMeta(f)
		}
		rules = append(rules, styleRule{"tên trường tiếng Anh trong chữ trên trang (viết bằng lời)", regexp.MustCompile(`(^|[^\p{L}\d_./@-])(` + strings.Join(quoted, "|") + `)([^\p{L}\d_./@-]|$)`)})
	}
	var out []StyleProblem
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(root, f)
		for _, t := range publicText(data) {
			for _, r := range rules {
				// One report per rule and piece of text is enough to find it.
				for _, m := range r.re.FindAllStringSubmatchIndex(t.text, -1) {
					if r.name == countRule && t.text[m[2]:m[3]] != t.text[m[4]:m[5]] {
						continue // "Bài 21–40 trong" is right; only "Bài 1–1" is not
					}
					out = append(out, StyleProblem{File: filepath.ToSlash(rel), Line: t.line, Rule: r.name, Text: around(t.text, m[0], m[1])})
					break
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}

// textRun is a piece of public text and the line it starts on.
type textRun struct {
	text string
	line int
}

// readAttrs are the attributes a visitor reads or hears.
var readAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true}

// readMeta are the <meta> whose content is shown (search results, shared
// links).
var readMeta = map[string]bool{"description": true, "og:title": true, "og:description": true, "twitter:title": true, "twitter:description": true}

// skipText are the elements whose content is not text to read.
var skipText = map[string]bool{"script": true, "style": true, "code": true, "pre": true, "template": true}

// publicText tokenizes a page and returns its public text.
func publicText(data []byte) []textRun {
	skip := 0
	var out []textRun
	eachToken(data, func(tt html.TokenType, tok html.Token, at int) {
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if skipText[tok.Data] && tt == html.StartTagToken {
				skip++
			}
			var name, content string
			for _, a := range tok.Attr {
				switch {
				case readAttrs[a.Key] && a.Val != "":
					out = append(out, textRun{a.Val, at})
				case a.Key == "name" || a.Key == "property":
					name = a.Val
				case a.Key == "content":
					content = a.Val
				}
			}
			if tok.Data == "meta" && readMeta[name] && content != "" {
				out = append(out, textRun{content, at})
			}
		case html.EndTagToken:
			if skipText[tok.Data] && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 && strings.TrimSpace(tok.Data) != "" {
				out = append(out, textRun{tok.Data, at})
			}
		}
	})
	return out
}

// around returns the match with a few words either side, on one line.
func around(s string, i, j int) string {
	lo, hi := max(0, i-30), min(len(s), j+30)
	for lo > 0 && !utf8Start(s[lo]) {
		lo--
	}
	for hi < len(s) && !utf8Start(s[hi]) {
		hi++
	}
	return strings.Join(strings.Fields(s[lo:hi]), " ")
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
