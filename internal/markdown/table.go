package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A GFM table in an article is drawn as the site's data tables are
// (static/css/app.css, "Tables"): on a phone a list of rows, each cell a
// line named by its column; from 48rem a table whose columns are set
// before its rows arrive. A browser lays out a table of automatic widths
// again as each row comes, and the columns already drawn move; these
// columns are sized at build time from the cells' text instead.

// tableClass is the class of an article's table: "stack" and "fixed" are
// the data tables' layouts, "article-table" puts every cell of a row on
// its own line on a phone (a cell of free text may be long).
const tableClass = "article-table stack fixed"

// tableChars is about how many characters of a table's text fit across
// the text column (--measure, 44rem, at the table's 0.95rem); cellChars
// is a cell's padding and border, in characters.
const (
	tableChars = 90
	cellChars  = 3
)

// table labels each cell with its column's header (data-label, shown
// before the cell on a phone), turns a column's alignment into a class
// (goldmark writes it as a style attribute, which the site's Content
// Security Policy, style-src 'self', refuses), and sets the columns'
// widths for tableRenderer, from the same reading of each cell's text.
func (w *walk) table(n *extast.Table) {
	var labels []string
	var cols columns
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		_, head := row.(*extast.TableHeader)
		i := 0
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cell, ok := c.(*extast.TableCell)
			if !ok {
				continue
			}
			text := plainText(cell, w.src)
			cols.add(i, text)
			if head {
				labels = append(labels, text)
			} else if i < len(labels) && labels[i] != "" {
				cell.SetAttributeString("data-label", []byte(labels[i]))
			}
			if cell.Alignment != extast.AlignNone {
				cell.SetAttributeString("class", []byte("align-"+cell.Alignment.String()))
				cell.Alignment = extast.AlignNone
			}
			i++
		}
	}
	n.SetAttributeString(widthsAttr, cols.widths())
}

// widthsAttr names the attribute in which table leaves a table's column
// widths ([]int) for tableRenderer, which writes no attribute of the
// table itself.
const widthsAttr = "widths"

// tableRenderer draws a Table node's frame: the scrolling box, the table
// with its classes and its columns. Rows and cells are goldmark's.
type tableRenderer struct{}

func (r *tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, r.render)
}

func (r *tableRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="table-scroll">` + "\n" + `<table class="` + tableClass + `">` + "\n<colgroup>")
	v, _ := node.AttributeString(widthsAttr)
	widths, _ := v.([]int)
	for _, p := range widths {
		fmt.Fprintf(w, `<col class="w-%d">`, p)
	}
	_, _ = w.WriteString("</colgroup>\n")
	return ast.WalkContinue, nil
}

// columns measures a table's columns from their cells' text, in
// characters: each column's longest cell and longest word.
type columns struct{ most, least []int }

// add counts the text of a cell of column i (columns come in order).
func (c *columns) add(i int, text string) {
	if i == len(c.most) {
		c.most, c.least = append(c.most, cellChars), append(c.least, cellChars)
	}
	c.most[i] = max(c.most[i], cellChars+utf8.RuneCountInString(text))
	for _, word := range strings.FieldsFunc(text, unicode.IsSpace) {
		c.least[i] = max(c.least[i], cellChars+utf8.RuneCountInString(word))
	}
}

// widths are the percentages of the table's width the columns take,
// each a multiple of 5, at least 5, summing to 100: the widths a browser's
// automatic layout gives them on a desktop, near enough. A column gets the
// room of its longest word; what is left of tableChars goes to the columns
// whose longest cell does not fit, in proportion to what they lack; when
// every cell fits, the columns share the width as their longest cells do.
func (c *columns) widths() []int {
	most, least := c.most, c.least
	sumMost, sumLeast := 0, 0
	for i := range most {
		sumMost += most[i]
		sumLeast += least[i]
	}
	width := make([]float64, len(most))
	for i := range most {
		switch {
		case sumMost <= tableChars:
			width[i] = float64(most[i])
		case sumLeast >= tableChars:
			width[i] = float64(least[i])
		default:
			width[i] = float64(least[i]) + float64(tableChars-sumLeast)*float64(most[i]-least[i])/float64(sumMost-sumLeast)
		}
	}
	return fives(width)
}

// fives turns weights into percentages in steps of 5, each at least 5,
// summing to 100 (when there are at most 20 columns: more get 5 each, and
// the table is wider than its box): the largest remainders are rounded up.
func fives(weight []float64) []int {
	n := len(weight)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	steps := max(20, n) // of 5 percent
	total := 0.0
	for _, w := range weight {
		total += w
	}
	rest := make([]float64, n)
	used := 0
	for i, w := range weight {
		exact := float64(steps) * w / total
		out[i] = max(1, int(exact))
		rest[i] = exact - float64(out[i])
		used += out[i]
	}
	// Too many steps handed out (columns raised to one): take them back
	// from the widest; too few: give them to the largest remainders.
	for ; used > steps; used-- {
		widest := 0
		for i := range out {
			if out[i] > out[widest] {
				widest = i
			}
		}
		out[widest]--
	}
	for ; used < steps; used++ {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		out[best]++
		rest[best]--
	}
	for i := range out {
		out[i] *= 5
	}
	return out
}
