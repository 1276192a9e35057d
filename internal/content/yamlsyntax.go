package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The YAML library reports a syntax error in English, often on the wrong
// line ("mapping values are not allowed in this context" for a colon in a
// title; the end of the block for a missing quote). yamlSyntax finds the
// usual causes in the text itself and says them in Vietnamese, with the
// fix; the library's line is the fallback.

var (
	yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)
	// keyLineRE is "key: value" or "- value", indented or not.
	keyLineRE = regexp.MustCompile(`^(\s*)(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:(\s*)(.*)$`)
	// noSpaceRE is "date:2019-06-14": the colon needs a space after it.
	noSpaceRE = regexp.MustCompile(`^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*):([^\s/].*)$`)
)

// yamlSyntax explains err, a YAML error on raw (the frontmatter block
// whose first line is file line offset+1). It returns the file line and a
// Vietnamese sentence.
func yamlSyntax(raw []byte, offset int, err error) (int, string) {
	lines := strings.Split(string(raw), "\n")
	if i, msg := diagnoseYAML(lines); msg != "" {
		return offset + i + 1, msg
	}
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		// yaml.v3 counts "did not find expected …" from 0; the others
		// from 1. A message without a line is about the first line.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	return offset + line, "phần đầu viết sai cú pháp YAML ở dòng này hoặc dòng ngay trên: kiểm tra mỗi dòng có dạng `tên: giá trị`, giá trị có dấu hai chấm hay dấu # thì đặt trong ngoặc kép, ngoặc kép có mở thì phải có đóng, thụt lề bằng dấu cách (không dùng tab) và đều nhau"
}

// diagnoseYAML looks for the usual mistakes, line by line; it returns the
// 0-based index of the first and what to do, or "" when none is found.
func diagnoseYAML(lines []string) (int, string) {
	block := -1 // indentation of a block scalar (`|`, `>`) being skipped
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if block >= 0 {
			if strings.TrimSpace(l) == "" || indent > block {
				continue
			}
			block = -1
		}
		if j := strings.IndexByte(l[:indent], '\t'); j >= 0 {
			return i, "dòng này thụt lề bằng phím tab; YAML chỉ nhận dấu cách: xóa tab, thụt lề bằng dấu cách (hai dấu cách cho mỗi mức, như các dòng trong nhóm contest)"
		}
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		m := keyLineRE.FindStringSubmatch(l)
		if m == nil {
			if nm := noSpaceRE.FindStringSubmatch(l); nm != nil {
				return i, fmt.Sprintf("thiếu dấu cách sau dấu hai chấm; sửa thành: %s: %s", nm[1], nm[2])
			}
			continue
		}
		key, v := m[2], strings.TrimSpace(m[4])
		if m[3] == "" && v != "" {
			return i, fmt.Sprintf("thiếu dấu cách sau dấu hai chấm; sửa thành: %s: %s", key, v)
		}
		// A quoted or bracketed value may go on over the next lines
		// (valid YAML): read on until it closes.
		start := i
		for j := i + 1; j < len(lines) && unclosed(v); j++ {
			if keyLineRE.MatchString(lines[j]) && !unclosedQuote(v) {
				break // a list missing its "]" runs into the next key
			}
			v += " " + strings.TrimSpace(lines[j])
			i = j
		}
		if unclosed(v) {
			i = start
			v = strings.TrimSpace(m[4])
		}
		if msg := diagnoseValue(key, v); msg != "" {
			return start, msg
		}
		if v == "|" || v == ">" || strings.HasPrefix(v, "|") || strings.HasPrefix(v, ">") {
			block = indent
		}
	}
	return 0, ""
}

// diagnoseValue checks the value of one `key: value` line.
func diagnoseValue(key, v string) string {
	if v == "" {
		return ""
	}
	quoteFix := func(why string) string {
		return fmt.Sprintf("%s; đặt cả giá trị trong ngoặc kép, sửa thành: %s: %s", why, key, strconv.Quote(strings.Trim(v, `"'`)))
	}
	switch q := v[0]; q {
	case '"', '\'':
		end := closingQuote(v, q)
		if end < 0 {
			return fmt.Sprintf("thiếu dấu ngoặc %s đóng ở cuối giá trị; sửa thành: %s: %s", quoteName(q), key, strconv.Quote(strings.TrimPrefix(v, string(q))))
		}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			inner := curlyQuotes(strings.TrimSuffix(strings.TrimPrefix(v, string(q)), string(q)))
			return fmt.Sprintf("giá trị có dấu ngoặc %s ở giữa nên bị cắt ngang sau %s; trong giá trị, dùng ngoặc kép cong “ ” — sửa thành: %s: %s", quoteName(q), v[:end+1], key, strconv.Quote(inner))
		}
		return ""
	case '[':
		if depth(v, '[', ']') > 0 {
			return fmt.Sprintf("danh sách mở bằng [ nhưng thiếu dấu ] đóng; sửa thành: %s: %s]", key, v)
		}
		return ""
	case '{':
		if depth(v, '{', '}') > 0 {
			return quoteFix("giá trị bắt đầu bằng { mà không đóng bằng }")
		}
		return ""
	case '@', '`', '%':
		return quoteFix(fmt.Sprintf("giá trị bắt đầu bằng %c", q))
	case '*', '&', '!':
		return quoteFix(fmt.Sprintf("giá trị bắt đầu bằng %c, một ký hiệu đặc biệt của YAML", q))
	case '|', '>':
		return ""
	}
	if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return quoteFix("giá trị có dấu hai chấm (:) mà không nằm trong ngoặc kép")
	}
	return ""
}

// unclosed reports whether a value opens a quote or bracket it does not
// close.
func unclosed(v string) bool {
	if v == "" {
		return false
	}
	switch v[0] {
	case '"', '\'':
		return closingQuote(v, v[0]) < 0
	case '[':
		return depth(v, '[', ']') > 0
	case '{':
		return depth(v, '{', '}') > 0
	}
	return false
}

func unclosedQuote(v string) bool {
	return v != "" && (v[0] == '"' || v[0] == '\'') && closingQuote(v, v[0]) < 0
}

// curlyQuotes turns straight double quotes into “ and ”, alternately.
func curlyQuotes(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		if r == '"' {
			if open {
				r = '“'
			} else {
				r = '”'
			}
			open = !open
		}
		b.WriteRune(r)
	}
	return b.String()
}

func quoteName(q byte) string {
	if q == '"' {
		return "kép"
	}
	return "đơn"
}

// closingQuote returns the index of the quote closing v (which starts
// with q), or -1. In "…", \" is escaped; in '…', ” is.
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// depth is how many open brackets v leaves unclosed, outside quotes.
func depth(v string, open, close byte) int {
	d := 0
	var q byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == open:
			d++
		case c == close:
			d--
		}
	}
	return d
}
