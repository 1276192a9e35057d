package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// value is a decoded frontmatter value with the file line it came from.
// YAML, TOML and JSON frontmatter all decode into this one shape, so the
// field rules are written once.
type value struct {
	kind  valueKind
	str   string // scalar text exactly as written (YAML keeps `no` as "no")
	tag   string // scalar type: str, int, float, bool, timestamp, null
	line  int    // line in the file
	items []*value
	keys  []string // mapping keys in source order
	m     map[string]*value
}

type valueKind int

const (
	scalarValue valueKind = iota
	listValue
	mapValue
)

// document is a file split into frontmatter and body.
type document struct {
	meta     *value // the top-level mapping
	body     []byte // Markdown after the frontmatter
	bodyLine int    // first line of the body in the file
}

// syntaxError is a frontmatter problem found before any field is read.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

// splitFrontmatter separates frontmatter from the body and decodes it.
// src must already be valid UTF-8 with LF line endings and no BOM.
func splitFrontmatter(src []byte) (*document, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, &syntaxError{line: 1, msg: "tệp trống: bài viết cần phần đầu giữa hai dòng `---` (tiêu đề, ngày đăng, lĩnh vực, địa bàn…), rồi nội dung; tạo bài mới bằng danvan new để có sẵn mẫu"}
	}
	// The line of the opening delimiter: adrg/frontmatter skips blank lines.
	openLine, first := 1, ""
	for rest := src; len(rest) > 0; openLine++ {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			first = string(t)
			break
		}
		rest = tail
	}

	if strings.HasPrefix(first, "{") {
		return splitJSON(src, openLine)
	}

	var (
		format string
		raw    []byte
		in     = &stopReader{src: src}
	)
	capture := func(name string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			format, raw = name, append([]byte(nil), data...)
			in.stop = true
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
	}
	var sink struct{}
	rest, err := frontmatter.MustParse(in, &sink, formats...)
	if errors.Is(err, frontmatter.ErrNotFound) {
		switch first {
		case "---", "+++", "{":
			closing := map[string]string{"---": "---", "+++": "+++", "{": "}"}[first]
			return nil, &syntaxError{line: openLine, msg: fmt.Sprintf("phần đầu mở bằng dòng `%s` nhưng không có dòng `%s` đóng lại: thêm một dòng `%s` sau trường cuối cùng, trước nội dung bài", first, closing, closing)}
		}
		return nil, &syntaxError{line: 1, msg: "thiếu phần đầu: tệp phải bắt đầu bằng dòng `---`, tiếp theo là các trường (title, date, area, locality…) và một dòng `---` nữa; tạo bài mới bằng danvan new để có sẵn mẫu"}
	}
	if err != nil {
		return nil, &syntaxError{line: openLine, msg: "không đọc được phần đầu: kiểm tra hai dòng `---` mở và đóng phần đầu"}
	}

	// The body is the tail of src, not the parser's buffer, which grows
	// by doubling: the buffers held 1.6 times the corpus's bytes for the
	// whole build (525 MB of a 50,000-article build's 1.8 GB peak heap).
	// The parser copied src up to what it read (in.off) into its buffer
	// and rest is that buffer's tail: the body starts len(rest) before.
	off := in.off - len(rest)
	if off < 0 || !bytes.Equal(src[off:in.off], rest) {
		return nil, &syntaxError{line: openLine, msg: "không đọc được phần đầu: kiểm tra hai dòng `---` mở và đóng phần đầu"}
	}
	doc := &document{body: src[off:]}
	doc.bodyLine = 1 + bytes.Count(src[:off], []byte("\n"))
	switch format {
	case "yaml":
		doc.meta, err = decodeYAML(raw, openLine)
	case "toml":
		doc.meta, err = decodeTOML(raw, openLine)
	}
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// stopReader is the file as adrg/frontmatter reads it: a line per Read,
// and nothing once the frontmatter is captured. The parser copies all it
// reads into its buffer, only for splitFrontmatter to take the body from
// src instead: reading on to the end was twice the corpus's bytes of
// garbage (200 MB in a 10,000-article build), and a 4 KB read past the
// frontmatter still three quarters of it.
type stopReader struct {
	src  []byte
	off  int  // bytes of src read so far
	stop bool // the frontmatter is captured: the rest reads as the end
}

func (s *stopReader) Read(p []byte) (int, error) {
	rest := s.src[s.off:]
	if s.stop || len(rest) == 0 {
		return 0, io.EOF
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(p, rest)
	s.off += n
	return n, nil
}

// splitJSON reads a JSON frontmatter: exactly one JSON object from the
// first "{", then the body, whatever follows the closing "}" (a blank
// line, one line break, or the text itself). adrg/frontmatter wants a
// blank line after a "}" alone on its line and otherwise says the "}" is
// missing, which sent editors looking for the wrong mistake.
func splitJSON(src []byte, openLine int) (*document, error) {
	start := len(src) - len(bytes.TrimLeft(src, " \t\n"))
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var obj json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &syntaxError{line: openLine, msg: fmt.Sprintf("phần đầu (frontmatter) mở bằng `{` ở dòng %d nhưng không có `}` đóng lại", openLine)}
		}
		line := openLine
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset > 0 && start+int(se.Offset) <= len(src) {
			line = 1 + bytes.Count(src[:start+int(se.Offset)-1], []byte("\n"))
		}
		return nil, &syntaxError{line: line, msg: "phần đầu dạng JSON sai cú pháp ở dòng này (kiểm tra dấu phẩy giữa các trường, dấu ngoặc kép quanh tên và giá trị, dấu ngoặc nhọn)"}
	}
	end := start + int(dec.InputOffset())
	meta, err := decodeYAML(src[start:end], openLine-1) // JSON is YAML
	if err != nil {
		return nil, err
	}
	rest := src[end:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 && len(bytes.TrimSpace(rest[:i])) == 0 {
		rest = rest[i+1:] // the line break after "}"
	}
	return &document{meta: meta, body: rest, bodyLine: 1 + bytes.Count(src[:len(src)-len(rest)], []byte("\n"))}, nil
}

// decodeYAML parses YAML (or JSON) into a value tree; offset is added to
// every line so lines are counted in the file, not in the block.
func decodeYAML(raw []byte, offset int) (*value, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		line, msg := yamlSyntax(raw, offset, err)
		return nil, &syntaxError{line: line, msg: msg}
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		return &value{kind: mapValue, m: map[string]*value{}, line: offset + 1}, nil
	}
	root := n.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{line: offset + root.Line, msg: "phần đầu phải gồm các dòng dạng `tên: giá trị`, ví dụ: title: \"Tiêu đề\""}
	}
	return fromYAML(root, offset)
}

// Bounds of a YAML (or JSON) value tree. yaml.v3 decodes into a Node
// tree without expanding aliases (its own guard against "billion laughs"
// works only when it fills Go values), and an alias may even point at a
// node that contains it. The walk below expands aliases itself, so it
// counts: unbounded, ten nested levels of ten aliases each made 10¹⁰
// values, and `&a [*a]` recursed until the stack overflowed. (yaml.v2,
// which adrg/frontmatter imports, never sees danvan's frontmatter.)
const (
	MaxYAMLDepth       = 32     // nested lists and groups of fields
	MaxYAMLAliasValues = 10_000 // values made by expanding aliases (*name)
)

// yamlWalk turns a Node tree into values within the bounds above.
type yamlWalk struct {
	offset    int                 // added to every line
	aliased   int                 // values made inside alias expansions
	aliasLine int                 // line of the outermost alias being expanded, or 0
	open      map[*yaml.Node]bool // collections being walked: an alias to one is a loop
}

func fromYAML(n *yaml.Node, offset int) (*value, error) {
	w := &yamlWalk{offset: offset, open: map[*yaml.Node]bool{}}
	return w.value(n, 1)
}

func (w *yamlWalk) value(n *yaml.Node, depth int) (*value, error) {
	line := w.offset + n.Line
	if depth > MaxYAMLDepth {
		return nil, &syntaxError{line: line, msg: fmt.Sprintf("phần đầu lồng nhau quá sâu (hơn %d cấp); các trường của bài chỉ lồng một, hai cấp, ví dụ contest: với round: 2019 thụt vào bên dưới", MaxYAMLDepth)}
	}
	if w.aliasLine != 0 {
		if w.aliased++; w.aliased > MaxYAMLAliasValues {
			return nil, &syntaxError{line: w.aliasLine, msg: fmt.Sprintf("tham chiếu YAML (*tên) tạo ra hơn %d giá trị; hãy viết giá trị trực tiếp, không dùng & và *", MaxYAMLAliasValues)}
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if w.open[n.Alias] {
			return nil, &syntaxError{line: line, msg: fmt.Sprintf("tham chiếu *%s nằm bên trong chính giá trị nó trỏ tới (vòng lặp); hãy viết giá trị trực tiếp, không dùng & và *", n.Value)}
		}
		if w.aliasLine == 0 {
			w.aliasLine = line
			defer func() { w.aliasLine = 0 }()
		}
		return w.value(n.Alias, depth)
	case yaml.ScalarNode:
		return &value{kind: scalarValue, str: n.Value, tag: strings.TrimPrefix(n.ShortTag(), "!!"), line: line}, nil
	case yaml.SequenceNode:
		w.open[n] = true
		defer delete(w.open, n)
		v := &value{kind: listValue, line: line}
		for _, c := range n.Content {
			cv, err := w.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, cv)
		}
		return v, nil
	case yaml.MappingNode:
		w.open[n] = true
		defer delete(w.open, n)
		v := &value{kind: mapValue, line: line, m: map[string]*value{}}
		keyLines := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &syntaxError{line: w.offset + k.Line, msg: "tên trường phải là một từ, như title hay date, đứng đầu dòng trước dấu hai chấm"}
			}
			if prev, dup := keyLines[k.Value]; dup {
				return nil, &syntaxError{line: w.offset + k.Line, msg: fmt.Sprintf("%s (%s) được viết hai lần, ở dòng %d và dòng này: giữ một dòng, xóa dòng kia", FieldLabel(k.Value), k.Value, w.offset+prev)}
			}
			keyLines[k.Value] = k.Line
			cv, err := w.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			if cv.kind == scalarValue {
				cv.line = w.offset + k.Line // report scalar problems on the key's line
			}
			v.keys = append(v.keys, k.Value)
			v.m[k.Value] = cv
		}
		return v, nil
	}
	return nil, &syntaxError{line: line, msg: "giá trị không đọc được"}
}

var tomlLineRE = regexp.MustCompile(`line (\d+)`)

// tomlSyntax explains a TOML error (the library's English is left out).
const tomlSyntax = "phần đầu dạng TOML (giữa hai dòng +++) viết sai ở dòng này: mỗi dòng có dạng `tên = giá trị`, chữ đặt trong ngoặc kép, ví dụ: title = \"Tiêu đề\"; hoặc viết phần đầu dạng YAML giữa hai dòng ---"

// decodeTOML parses TOML. BurntSushi/toml has no public key positions, so
// lines of keys are found by scanning the block text.
func decodeTOML(raw []byte, offset int) (*value, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		line := offset + 1
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = offset + pe.Position.Line
			return nil, &syntaxError{line: line, msg: tomlSyntax}
		}
		if mm := tomlLineRE.FindStringSubmatch(err.Error()); mm != nil {
			l, _ := strconv.Atoi(mm[1])
			line = offset + l
		}
		return nil, &syntaxError{line: line, msg: tomlSyntax}
	}
	lines := strings.Split(string(raw), "\n")
	find := func(key string, from int) int {
		re := regexp.MustCompile(`^\s*(\[\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(=|\])`)
		for i := from; i < len(lines); i++ {
			if re.MatchString(lines[i]) {
				return i
			}
		}
		return from
	}
	// Deeper than MaxYAMLDepth is refused as in YAML; deep stops the walk.
	var deep *syntaxError
	var conv func(x any, line, depth int) *value
	conv = func(x any, line, depth int) *value {
		if depth > MaxYAMLDepth {
			if deep == nil {
				deep = &syntaxError{line: offset + line + 1, msg: fmt.Sprintf("phần đầu lồng nhau quá sâu (hơn %d cấp); các trường của bài chỉ lồng một, hai cấp", MaxYAMLDepth)}
			}
			return &value{kind: scalarValue, tag: "null", line: offset + line + 1}
		}
		switch t := x.(type) {
		case map[string]any:
			v := &value{kind: mapValue, line: offset + line + 1, m: map[string]*value{}}
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				kl := find(k, line)
				v.keys = append(v.keys, k)
				v.m[k] = conv(t[k], kl, depth+1)
			}
			return v
		case []any:
			v := &value{kind: listValue, line: offset + line + 1}
			for _, it := range t {
				v.items = append(v.items, conv(it, line, depth+1))
			}
			return v
		case []map[string]any:
			v := &value{kind: listValue, line: offset + line + 1}
			for _, it := range t {
				v.items = append(v.items, conv(it, line, depth+1))
			}
			return v
		case string:
			return &value{kind: scalarValue, str: t, tag: "str", line: offset + line + 1}
		case int64:
			return &value{kind: scalarValue, str: strconv.FormatInt(t, 10), tag: "int", line: offset + line + 1}
		case float64:
			return &value{kind: scalarValue, str: strconv.FormatFloat(t, 'f', -1, 64), tag: "float", line: offset + line + 1}
		case bool:
			return &value{kind: scalarValue, str: strconv.FormatBool(t), tag: "bool", line: offset + line + 1}
		case time.Time:
			s := t.Format(time.RFC3339)
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
				s = t.Format("2006-01-02")
			}
			return &value{kind: scalarValue, str: s, tag: "timestamp", line: offset + line + 1}
		}
		return &value{kind: scalarValue, str: fmt.Sprint(x), tag: "str", line: offset + line + 1}
	}
	v := conv(m, 0, 1)
	if deep != nil {
		return nil, deep
	}
	return v, nil
}
