package content

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// fieldReader reads typed values out of a frontmatter mapping and reports
// every problem with its line; a bad field never stops the others.
type fieldReader struct {
	rep    reporter
	prefix string // "contest." for nested keys
}

func (f fieldReader) name(key string) string { return f.prefix + key }

func kindWord(v *value) string {
	switch v.kind {
	case listValue:
		return "một danh sách"
	case mapValue:
		return "một nhóm trường"
	}
	switch v.tag {
	case "bool":
		return "giá trị đúng/sai"
	case "int", "float":
		return "một số"
	case "null":
		return "rỗng"
	}
	return "chữ"
}

// str reads a text field. Any scalar is accepted and kept exactly as
// written, so a title "no" or "2019" stays text.
func (f fieldReader) str(v *value, key string) (string, bool) {
	if v.kind != scalarValue {
		f.rep.errorf(v.line, f.name(key), "phải là một đoạn chữ, không phải %s", kindWord(v))
		return "", false
	}
	if v.tag == "null" {
		return "", true
	}
	return strings.TrimSpace(v.str), true
}

// strList reads a list of texts; a single text is accepted as a list of one.
func (f fieldReader) strList(v *value, key string) []string {
	if v.kind == scalarValue {
		if v.tag == "null" || strings.TrimSpace(v.str) == "" {
			return nil
		}
		return []string{strings.TrimSpace(v.str)}
	}
	if v.kind != listValue {
		f.rep.errorf(v.line, f.name(key), "phải là một danh sách, ví dụ [\"nông nghiệp\", \"dồn điền\"]")
		return nil
	}
	var out []string
	for _, it := range v.items {
		if it.kind != scalarValue || it.tag == "null" {
			f.rep.errorf(it.line, f.name(key), "mỗi mục của danh sách phải là một đoạn chữ")
			continue
		}
		if s := strings.TrimSpace(it.str); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// boolean accepts only true/false: yes/no/on/off are ambiguous in YAML 1.1.
func (f fieldReader) boolean(v *value, key string) bool {
	if v.kind == scalarValue && v.tag == "bool" {
		b, _ := strconv.ParseBool(strings.ToLower(v.str))
		return b
	}
	f.rep.errorf(v.line, f.name(key), "giá trị %q không hợp lệ (được phép: true hoặc false)", shown(v))
	return false
}

// integer reads a whole number within [min, max].
func (f fieldReader) integer(v *value, key string, min, max int) (int, bool) {
	if v.kind == scalarValue {
		n, err := strconv.Atoi(strings.TrimSpace(v.str))
		if err == nil && n >= min && n <= max {
			return n, true
		}
	}
	f.rep.errorf(v.line, f.name(key), "giá trị %q không hợp lệ (được phép: số nguyên từ %d đến %d)", shown(v), min, max)
	return 0, false
}

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
}

// date reads YYYY-MM-DD or RFC 3339; impossible dates (30/2) are errors.
func (f fieldReader) date(v *value, key string) (time.Time, bool) {
	if v.kind == scalarValue {
		s := strings.TrimSpace(v.str)
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				if t.Year() < 1900 || t.Year() > 2100 {
					break
				}
				return t, true
			}
		}
	}
	f.rep.errorf(v.line, f.name(key), "ngày %q không hợp lệ (được phép: dạng NĂM-THÁNG-NGÀY như 2019-06-14, hoặc RFC 3339 như 2019-06-14T08:00:00+07:00; ngày phải có thật)", shown(v))
	return time.Time{}, false
}

// enum reads one slug out of a fixed set.
func (f fieldReader) enum(v *value, key string, allowed map[string]string) (string, bool) {
	s, ok := f.str(v, key)
	if !ok || s == "" {
		return "", ok
	}
	if _, found := allowed[s]; found {
		return s, true
	}
	f.rep.errorf(v.line, f.name(key), "giá trị %q không hợp lệ (được phép: %s)", s, listAllowed(allowed))
	return "", false
}

func listAllowed(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s (%s)", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func shown(v *value) string {
	if v.kind != scalarValue {
		return kindWord(v)
	}
	return v.str
}

// unknownKeys reports keys not in the allowed list, with a suggestion for
// typos such as "locallity".
func (f fieldReader) unknownKeys(m *value, allowed []string) {
	set := map[string]bool{}
	for _, k := range allowed {
		set[k] = true
	}
	for _, k := range m.keys {
		if set[k] {
			continue
		}
		line := m.m[k].line
		if m.m[k].kind != scalarValue {
			line = m.m[k].line - 1
			if line < m.line {
				line = m.line
			}
		}
		msg := fmt.Sprintf("trường không được hỗ trợ (được phép: %s)", strings.Join(allowed, ", "))
		if s := closest(k, allowed); s != "" {
			msg = fmt.Sprintf("trường không được hỗ trợ — có phải ý bạn là %q? (được phép: %s)", s, strings.Join(allowed, ", "))
		}
		f.rep.errorf(line, f.name(k), "%s", msg)
	}
}

// closest returns the allowed key within edit distance 2 of k, if any.
func closest(k string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(strings.ToLower(k), a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
