package report

import "strconv"

// Table is one table of a report page. The same value renders as an HTML
// table, a CSV file and a Markdown table, so the three never disagree.
type Table struct {
	ID      string   // HTML id and CSV file name stem, e.g. "linh-vuc-dia-ban"
	Title   string   // heading and caption
	Note    string   // one sentence under the heading: what is counted
	Columns []Column // the first column is the row header
	Rows    []Row
	Total   *Row   // footer row, or nil
	Chart   *Chart // the chart of the same numbers, or nil
	// Counts is set on a matrix of counts (units × areas): on a phone its
	// rows show their non-zero cells as chips instead of one line each.
	Counts bool
}

// Column is a column header.
type Column struct {
	Name string // header text
	Num  bool   // numbers: right-aligned
}

// Row is one table row; Cells[0] is the row header.
type Row struct {
	Cells  []Cell
	Parent string // for a former unit listed under its successor: the successor's name
}

// Cell is one cell, optionally a link.
type Cell struct {
	Text string
	URL  string // site path, or ""
}

// Sub reports whether the row is listed under another row (indented).
func (r Row) Sub() bool { return r.Parent != "" }

// File is the name of the table's CSV file, beside its page.
func (t *Table) File() string { return t.ID + ".csv" }

// hasSub reports whether some row is listed under another.
func (t *Table) hasSub() bool {
	for _, r := range t.Rows {
		if r.Sub() {
			return true
		}
	}
	return false
}

// Records is the table as CSV records: a header row, the rows and the
// total. A table with former units gets a last column naming the row each
// of them is listed under, because a spreadsheet has no indentation and a
// sum over the column would otherwise count those articles twice.
func (t *Table) Records() [][]string {
	sub := t.hasSub()
	head := make([]string, 0, len(t.Columns)+1)
	for _, c := range t.Columns {
		head = append(head, c.Name)
	}
	if sub {
		head = append(head, "Thuộc đơn vị (đã tính trong dòng đó)")
	}
	recs := [][]string{head}
	add := func(r Row) {
		rec := make([]string, 0, len(r.Cells)+1)
		for _, c := range r.Cells {
			rec = append(rec, c.Text)
		}
		if sub {
			rec = append(rec, r.Parent)
		}
		recs = append(recs, rec)
	}
	for _, r := range t.Rows {
		add(r)
	}
	if t.Total != nil {
		add(*t.Total)
	}
	return recs
}

// itoa formats an integer.
func itoa(n int) string { return strconv.Itoa(n) }

// num formats a count.
func num(n int) Cell { return Cell{Text: strconv.Itoa(n)} }

// text is a plain cell.
func text(s string) Cell { return Cell{Text: s} }

// link is a cell linking to a site page.
func link(s, url string) Cell { return Cell{Text: s, URL: url} }

// signed formats a change: "+2", "-1", "0" (an ASCII minus, so a
// spreadsheet reads it as a number).
func signed(n int) Cell {
	switch {
	case n > 0:
		return Cell{Text: "+" + strconv.Itoa(n)}
	case n < 0:
		return Cell{Text: "-" + strconv.Itoa(-n)}
	}
	return Cell{Text: "0"}
}

// percent is n of total as a whole percentage, "0%" when total is 0.
func percent(n, total int) Cell {
	if total == 0 {
		return Cell{Text: "0%"}
	}
	return Cell{Text: strconv.Itoa((n*100+total/2)/total) + "%"}
}
