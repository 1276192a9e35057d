package content

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the content, located in a file.
type Problem struct {
	File    string // path relative to the site root, slash-separated
	Line    int    // 1-based line in the file, 0 if unknown
	Field   string // frontmatter key or other subject, may be empty
	Msg     string // what is wrong and what is allowed, in Vietnamese
	Warning bool   // a warning does not fail the build
}

// Error formats the problem as "file:line: field: message".
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
		b.WriteString(p.Field)
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
