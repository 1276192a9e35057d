package report

import (
	"sort"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// The history rule of the report. Units merge (Nghĩa An + Nghĩa Phú → An
// Phú in 2024, the whole city into five units on 2025-07-01), and a report
// must count each model once, under a unit that existed in the period it
// covers.

// yearEnd is 31 December of y: a yearly report uses the units valid on the
// last day of its year, as the units themselves report at year end.
func yearEnd(y int) time.Time { return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC) }

// unitOrder ranks units as official reports list them: the city level,
// then wards, then communes, each in the site's Vietnamese order.
func unitOrder(s *site.Site) func(a, b *site.Locality) bool {
	pos := make(map[*site.Locality]int, len(s.Localities))
	for i, l := range s.Localities {
		pos[l] = i
	}
	kind := map[string]int{content.KindThanhPho: 0, content.KindPhuong: 1, content.KindXa: 2}
	return func(a, b *site.Locality) bool {
		if ka, kb := kind[a.Kind], kind[b.Kind]; ka != kb {
			return ka < kb
		}
		return pos[a] < pos[b]
	}
}

// unitCounts counts models per area for one reporting unit, and per former
// unit listed under it.
type unitCounts struct {
	unit   *site.Locality
	areas  map[string]int
	total  int
	former map[*site.Locality]*unitCounts
}

func (c *unitCounts) add(a *site.Article) {
	if c.areas == nil {
		c.areas = map[string]int{}
	}
	c.areas[a.Area]++
	c.total++
}

// unitTable groups models under the unit unitFor picks, lists every unit of
// always (even with no model) plus any unit that received a model, and
// puts each former unit whose models moved to a successor beneath it.
func unitTable(s *site.Site, models []*site.Article, always []*site.Locality, unitFor func(*site.Locality) *site.Locality) []*unitCounts {
	by := map[*site.Locality]*unitCounts{}
	get := func(l *site.Locality) *unitCounts {
		if by[l] == nil {
			by[l] = &unitCounts{unit: l, former: map[*site.Locality]*unitCounts{}}
		}
		return by[l]
	}
	for _, l := range always {
		get(l)
	}
	for _, a := range models {
		u := unitFor(a.LocalityRef)
		c := get(u)
		c.add(a)
		if u != a.LocalityRef {
			f := c.former[a.LocalityRef]
			if f == nil {
				f = &unitCounts{unit: a.LocalityRef}
				c.former[a.LocalityRef] = f
			}
			f.add(a)
		}
	}
	less := unitOrder(s)
	out := make([]*unitCounts, 0, len(by))
	for _, c := range by {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].unit, out[j].unit) })
	return out
}

// sortedFormer lists the former units of a row in report order.
func (c *unitCounts) sortedFormer(s *site.Site) []*unitCounts {
	less := unitOrder(s)
	out := make([]*unitCounts, 0, len(c.former))
	for _, f := range c.former {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].unit, out[j].unit) })
	return out
}

// unitLabel names a former unit with the day it ended, so a reader sees
// why it sits under another unit. A name the site already disambiguates
// with its period ("xã An Phú (12/2024 – 6/2025)") is kept as is.
func unitLabel(l *site.Locality) string {
	if l.FullName() != l.Locality.FullName() {
		return l.FullName()
	}
	if l.ValidTo != nil {
		return l.FullName() + " (đến " + vi.ShortDate(*l.ValidTo) + ")"
	}
	return l.FullName()
}

// endedLabel names a unit that ended without a successor (the city level
// on 1/7/2025): it is listed apart from the units of the period, because
// no unit of the period holds its models.
func endedLabel(l *site.Locality) string {
	if l.ValidTo == nil {
		return l.FullName()
	}
	return l.FullName() + " (không còn là đơn vị hành chính từ " + vi.ShortDate(l.ValidTo.AddDate(0, 0, 1)) + ")"
}

// matrixRows turns unit counts into rows: the unit, one cell per area, the
// total; former units beneath their successor. Units that do not exist in
// the period (valid says no: a unit dissolved without a successor) come
// last, named as such; the total counts every model.
func matrixRows(s *site.Site, units []*unitCounts, valid func(*site.Locality) bool) (rows []Row, total Row) {
	sums := map[string]int{}
	all := 0
	row := func(c *unitCounts, label string, parent string) Row {
		r := Row{Cells: []Cell{link(label, c.unit.URL)}, Parent: parent}
		for _, ar := range s.Areas {
			r.Cells = append(r.Cells, num(c.areas[ar.Slug]))
		}
		r.Cells = append(r.Cells, num(c.total))
		return r
	}
	var ended []Row
	for _, c := range units {
		for k, v := range c.areas {
			sums[k] += v
		}
		all += c.total
		if !valid(c.unit) {
			ended = append(ended, row(c, endedLabel(c.unit), ""))
			continue
		}
		rows = append(rows, row(c, c.unit.FullName(), ""))
		for _, f := range c.sortedFormer(s) {
			rows = append(rows, row(f, unitLabel(f.unit), c.unit.FullName()))
		}
	}
	rows = append(rows, ended...)
	total = Row{Cells: []Cell{text("Tổng cộng")}}
	for _, ar := range s.Areas {
		total.Cells = append(total.Cells, num(sums[ar.Slug]))
	}
	total.Cells = append(total.Cells, num(all))
	return rows, total
}

// matrixColumns are the columns of an area × unit table.
func matrixColumns(s *site.Site) []Column {
	cols := []Column{{Name: "Địa bàn"}}
	for _, ar := range s.Areas {
		cols = append(cols, Column{Name: ar.Short, Num: true})
	}
	return append(cols, Column{Name: "Tổng", Num: true})
}
