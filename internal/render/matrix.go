package render

import "github.com/quangngai/danvan/internal/site"

// MatrixGroup is a block of rows of the area × locality matrix (/dia-ban/):
// a unit of today followed by the units merged into it, or, with a Title,
// the units that ended without a successor.
type MatrixGroup struct {
	Title string // heading row of the group, or ""
	Rows  []MatrixRow
}

// MatrixRow is one unit with its cell in each area.
type MatrixRow struct {
	Locality *site.Locality
	Cells    []MatrixCell // one per area, in the site's order
	Former   bool         // listed under the unit that holds it today
	Ended    bool         // ended without a unit of today to hold it
}

// MatrixCell is one number of the matrix; Cell is nil when it is 0.
type MatrixCell struct {
	Area *site.Area
	Cell *site.Cell
}

// Matrix lays out the matrix: every unit of today with, beneath it, the
// units merged into it (so "nay thuộc" is where the row sits), then the
// units that no unit of today holds.
func (p *Page) Matrix() []MatrixGroup {
	s := p.Site
	row := func(l *site.Locality, former bool) MatrixRow {
		r := MatrixRow{Locality: l, Former: former}
		for _, a := range s.Areas {
			r.Cells = append(r.Cells, MatrixCell{Area: a, Cell: s.Cell(a.Slug, l.Slug)})
		}
		return r
	}
	groups, ended := s.UnitsToday()
	var out []MatrixGroup
	for _, g := range groups {
		m := MatrixGroup{Rows: []MatrixRow{row(g.Unit, false)}}
		for _, f := range g.Former {
			m.Rows = append(m.Rows, row(f, true))
		}
		out = append(out, m)
	}
	if len(ended) > 0 {
		m := MatrixGroup{Title: "Đơn vị không còn và không sáp nhập vào đơn vị nào"}
		for _, l := range ended {
			r := row(l, false)
			r.Ended = true
			m.Rows = append(m.Rows, r)
		}
		out = append(out, m)
	}
	return out
}
