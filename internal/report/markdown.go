package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the tables as GitHub-flavoured Markdown, for the
// terminal (`danvan report`) and for pasting into a document.
func Markdown(w io.Writer, heading string, intro []string, tables []*Table) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", heading)
	for _, p := range intro {
		fmt.Fprintf(&b, "%s\n\n", p)
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "## %s\n\n", t.Title)
		if t.Note != "" {
			fmt.Fprintf(&b, "%s\n\n", t.Note)
		}
		if len(t.Rows) == 0 {
			continue
		}
		cells := make([]string, len(t.Columns))
		aligns := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cells[i] = mdEscape(c.Name)
			aligns[i] = "---"
			if c.Num {
				aligns[i] = "---:"
			}
		}
		fmt.Fprintf(&b, "| %s |\n| %s |\n", strings.Join(cells, " | "), strings.Join(aligns, " | "))
		row := func(r Row, bold bool) {
			for i, c := range r.Cells {
				s := mdEscape(c.Text)
				if i == 0 && r.Sub() {
					s = "↳ " + s // a former unit, counted in the row above it
				}
				if bold && s != "" {
					s = "**" + s + "**"
				}
				cells[i] = s
			}
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		}
		for _, r := range t.Rows {
			row(r, false)
		}
		if t.Total != nil {
			row(*t.Total, true)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps a cell inside its column: pipes are escaped and line
// breaks flattened.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// CSVText writes tables as CSV for the terminal: without a BOM, each table
// preceded by a one-field record naming it and followed by an empty line,
// so `--table` can pick one when a clean single table is needed.
func CSVText(w io.Writer, tables []*Table) error {
	for i, t := range tables {
		if len(tables) > 1 {
			if i > 0 {
				if _, err := io.WriteString(w, "\r\n"); err != nil {
					return err
				}
			}
			if err := writeCSV(w, [][]string{{"# " + t.Title}}); err != nil {
				return err
			}
		}
		if err := writeCSV(w, t.Records()); err != nil {
			return err
		}
	}
	return nil
}
