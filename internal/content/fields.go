package content

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/vi"
)

// fieldReader reads typed values out of a frontmatter mapping and reports
// every problem with its line; a bad field never stops the others. Its
// messages follow the style note in problem.go.
type fieldReader struct {
	rep    reporter
	prefix string      // "contest." for the keys of a group
	rules  []FieldRule // the keys' rules, for examples; nil for _site.yaml
}

func (f fieldReader) name(key string) string { return f.prefix + key }

// example is `key: value` for the key's example, or "".
func (f fieldReader) example(key string) string {
	for _, r := range f.rules {
		if r.Key == f.name(key) && r.Example != "" {
			return key + ": " + r.Example
		}
	}
	return ""
}

// withExample appends ", ví dụ: key: value" when the key has an example.
func (f fieldReader) withExample(key, s string) string {
	if ex := f.example(key); ex != "" {
		return s + ", ví dụ: " + ex
	}
	return s
}

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
		f.rep.errorf(v.line, f.name(key), "%s", f.withExample(key, "phải là một đoạn chữ viết trên cùng dòng, không phải "+kindWord(v)))
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
		f.rep.errorf(v.line, f.name(key), "%s", f.withExample(key, "phải là một danh sách trong ngoặc vuông, các mục cách nhau bằng dấu phẩy"))
		return nil
	}
	var out []string
	for _, it := range v.items {
		if it.kind != scalarValue || it.tag == "null" {
			f.rep.errorf(it.line, f.name(key), "mỗi mục của danh sách phải là một đoạn chữ, không phải %s", kindWord(it))
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
	msg := fmt.Sprintf("%q không hợp lệ", shown(v))
	switch vi.Fold(strings.TrimSpace(shown(v))) {
	case "yes", "y", "on", "co", "dung", "phai", "1":
		msg += " — ý bạn là true? Sửa thành: " + key + ": true"
	case "no", "n", "off", "khong", "sai", "0":
		msg += " — ý bạn là false? Sửa thành: " + key + ": false"
	}
	f.rep.errorf(v.line, f.name(key), "%s (được phép: true hoặc false)", msg)
	return false
}

// integer reads a whole number within [min, max].
func (f fieldReader) integer(v *value, key string, min, max int) (int, bool) {
	if v.kind == scalarValue {
		s := strings.TrimSpace(v.str)
		n, err := strconv.Atoi(s)
		if err == nil && n >= min && n <= max {
			return n, true
		}
		// "năm 2019", "2019." : a number with words around it.
		if err != nil {
			if d := digitsIn(s); d != "" {
				if m, err := strconv.Atoi(d); err == nil && m >= min && m <= max && d != s {
					f.rep.errorf(v.line, f.name(key), "%q không phải một số — ý bạn là %d? Sửa thành: %s: %d (được phép: số nguyên từ %d đến %d)", s, m, key, m, min, max)
					return 0, false
				}
			}
		}
	}
	f.rep.errorf(v.line, f.name(key), "%q không hợp lệ (được phép: số nguyên từ %d đến %d%s)", shown(v), min, max, exampleSuffix(f.example(key)))
	return 0, false
}

// digitsIn returns the only run of digits in s, or "" if there is none or
// more than one.
func digitsIn(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(fields) != 1 {
		return ""
	}
	return fields[0]
}

func exampleSuffix(ex string) string {
	if ex == "" {
		return ""
	}
	return ", ví dụ: " + ex
}

// date reads a calendar day (see parseDate); a mistake is reported with
// what to write instead.
func (f fieldReader) date(v *value, key string) (time.Time, bool) {
	s := shown(v)
	if v.kind == scalarValue {
		s = strings.TrimSpace(v.str)
		t, problem := parseDate(s)
		if problem == "" {
			return t, true
		}
		f.rep.errorf(v.line, f.name(key), "ngày %q %s", s, strings.ReplaceAll(problem, "{key}", key))
		return time.Time{}, false
	}
	f.rep.errorf(v.line, f.name(key), "phải là một ngày viết trên cùng dòng, không phải %s (được phép: NĂM-THÁNG-NGÀY, ví dụ: %s: 2019-06-14)", kindWord(v), key)
	return time.Time{}, false
}

// enum reads one code out of a fixed list; a value written as the name
// ("tập thể") or close to a code gets the code it means.
func (f fieldReader) enum(v *value, key string, allowed map[string]string) (string, bool) {
	s, ok := f.str(v, key)
	if !ok || s == "" {
		return "", ok
	}
	if _, found := allowed[s]; found {
		return s, true
	}
	codes := sortedKeys(allowed)
	msg := fmt.Sprintf("%q không có trong danh sách", s)
	if c := suggestCode(s, codes, func(code string) []string { return []string{allowed[code]} }); c != "" {
		msg += fmt.Sprintf(" — ý bạn là %s (%s)? Sửa thành: %s: %s", c, allowed[c], key, c)
	}
	f.rep.errorf(v.line, f.name(key), "%s (được phép: %s)", msg, listAllowed(allowed))
	return "", false
}

func sortedKeys(m map[string]string) []string {
	if m == nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func listAllowed(m map[string]string) string {
	keys := sortedKeys(m)
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
		msg := "trường này không có trong mẫu"
		if s := closest(k, allowed); s != "" {
			msg += fmt.Sprintf(" — có phải ý bạn là %s (%s)? Sửa tên trường thành %s", s, FieldLabel(f.name(s)), s)
		} else {
			msg += "; xóa dòng này hoặc sửa tên trường"
		}
		f.rep.errorf(line, f.name(k), "%s (được phép: %s)", msg, strings.Join(allowed, ", "))
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
