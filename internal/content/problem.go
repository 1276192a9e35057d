package content

import (
	"fmt"
	"sort"
	"strings"
)

// Writing a message (the style every check follows; read before adding one)
//
// The reader is an editor who writes articles, not a programmer. A message
// answers three questions in Vietnamese: where (file:line, and the field
// by its Vietnamese name), what is wrong (the bad value, quoted as
// written), and how to fix it (the exact text to type, or the choices).
//
//   - Problem.Field is the frontmatter key ("locality", "contest.round"):
//     tools (JSON, GitHub annotations) read it. Error() prints the
//     Vietnamese name instead (FieldLabel: "địa bàn"), so the printed
//     line reads `tệp:dòng: địa bàn: vấn đề; cách sửa (được phép: …)`.
//   - Inside Msg, name fields in Vietnamese ("ngày đăng", "địa bàn"); write
//     a key only inside the text the editor types: `sửa thành: date:
//     2020-05-08`. No library English (translate YAML errors), no jargon
//     ("RFC 3339", "slug", "localities", "mapping"): say "NĂM-THÁNG-NGÀY",
//     "mã địa bàn", "danh sách địa bàn trong content/_site.yaml".
//   - Show the fix: a likely intended value as "ý bạn là …?", then what
//     is allowed, with an example, in "(được phép: …)". Dates in prose
//     are dd/mm/yyyy ("01/7/2025" as officials write), in fixes YYYY-MM-DD.
//   - One mistake, one problem, on the file that has the mistake: never
//     report its consequences in other files (an invalid article still
//     exists for links to it; see Article.Invalid).
//   - A warning (Problem.Warning) is for what builds but is probably
//     wrong; it says why it may be wrong and what to check.
//
// messages_test.go holds one row per message class, input and expected
// text: add a row with every new message.

// Problem is one thing wrong with the content, located in a file.
type Problem struct {
	File    string // path relative to the site root, slash-separated
	Line    int    // 1-based line in the file, 0 if unknown
	Field   string // frontmatter key ("locality", "contest.round"), may be empty
	Msg     string // what is wrong and what is allowed, in Vietnamese
	Warning bool   // a warning does not fail the build
}

// Error formats the problem as "file:line: field: message", the field by
// its Vietnamese name.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("cảnh báo: ")
	}
	if p.Field != "" {
		b.WriteString(FieldLabel(p.Field))
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems collects every problem of a build, so an editor sees them all at
// once instead of fixing them one run at a time.
type Problems []Problem

// Error lists the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders problems by file, then line, for stable output.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// reporter accumulates problems for one file.
type reporter struct {
	file string
	list *Problems
}

func (r reporter) errorf(line int, field, format string, args ...any) {
	*r.list = append(*r.list, Problem{File: r.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (r reporter) warnf(line int, field, format string, args ...any) {
	*r.list = append(*r.list, Problem{File: r.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...), Warning: true})
}
