package markdown

import "fmt"

// MaxNesting is the deepest nesting of lists and quotes a body may open.
// goldmark checks every open block on every following line, so n levels
// held over m lines cost n·m: a list indented 2,000 levels deep took 50 s
// to parse, 2,000 list markers on one line followed by 200 lines 24 s.
// Articles nest two or three levels.
const MaxNesting = 32

// tooDeep finds the first line of src that opens more than MaxNesting
// levels of lists and quotes, before goldmark parses it. A line's depth is
// at most its list and quote markers plus half its indentation (every
// nested list item is indented at least two columns more than its
// parent); fenced code is skipped. It returns the 1-based line and its
// depth, or 0, 0.
func tooDeep(src []byte) (line, depth int) {
	var fence byte // '`' or '~' while inside a fenced code block
	var fenceLen int
	for ln, i := 1, 0; i < len(src); ln++ {
		end := i
		for end < len(src) && src[end] != '\n' {
			end++
		}
		l := src[i:end]
		i = end + 1
		col, p := 0, 0
		for p < len(l) && (l[p] == ' ' || l[p] == '\t') {
			if l[p] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			p++
		}
		if n := run(l[p:]); n >= 3 && (l[p] == '`' || l[p] == '~') {
			switch {
			case fence == 0:
				fence, fenceLen = l[p], n
				continue
			case l[p] == fence && n >= fenceLen:
				fence = 0
				continue
			}
		}
		if fence != 0 {
			continue
		}
		markers := 0
		for p < len(l) {
			if n := marker(l[p:]); n > 0 {
				markers++
				p += n
				for p < len(l) && (l[p] == ' ' || l[p] == '\t') {
					p++
				}
				continue
			}
			break
		}
		if markers == 0 {
			continue
		}
		if d := col/2 + markers; d > MaxNesting {
			return ln, d
		}
	}
	return 0, 0
}

// run counts the repeats of l's first byte at its start.
func run(l []byte) int {
	n := 0
	for n < len(l) && l[n] == l[0] {
		n++
	}
	return n
}

// marker returns the length of a quote or list marker at the start of l
// ("> ", "- ", "* ", "+ ", "12. ", "3) "), or 0.
func marker(l []byte) int {
	if len(l) == 0 {
		return 0
	}
	spaceAfter := func(n int) int {
		if n == len(l) || l[n] == ' ' || l[n] == '\t' {
			return n
		}
		return 0
	}
	switch l[0] {
	case '>':
		return 1
	case '-', '*', '+':
		return spaceAfter(1)
	}
	d := 0
	for d < len(l) && d < 9 && l[d] >= '0' && l[d] <= '9' {
		d++
	}
	if d > 0 && d < len(l) && (l[d] == '.' || l[d] == ')') {
		return spaceAfter(d + 1)
	}
	return 0
}

// nestingIssue is the problem of a body that nests too deep.
func nestingIssue(line, depth int) Issue {
	return Issue{Line: line, Field: "body", Msg: fmt.Sprintf("danh sách hoặc trích dẫn lồng nhau %d cấp, quá giới hạn %d cấp; hãy viết phẳng hơn (mỗi cấp lồng là hai dấu cách thụt vào trước dấu -)", depth, MaxNesting)}
}
