package report

import (
	"strconv"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// Index is the report index /thong-ke/: totals per year, and every model
// under today's units.
type Index struct {
	URL    string   // /thong-ke/
	Years  []int    // years with a report page, newest first
	Tables []*Table // in page order
}

// BuildIndex computes the report index.
func BuildIndex(s *site.Site) *Index {
	idx := &Index{URL: site.ReportURL, Years: s.ReportYears()}
	type tally struct{ models, collective, individual, city, province int }
	by := map[int]*tally{}
	for _, a := range s.Articles {
		y := a.ModelYear()
		if by[y] == nil {
			by[y] = &tally{}
		}
		t := by[y]
		t.models++
		switch a.Subject {
		case content.SubjectCollective:
			t.collective++
		case content.SubjectIndividual:
			t.individual++
		}
		switch a.Award {
		case content.AwardCity:
			t.city++
		case content.AwardProvince:
			t.province++
		}
	}
	years := &Table{
		ID:    "theo-nam",
		Title: "Mô hình, tấm gương theo năm đăng ký",
		Note:  "Mỗi năm có một trang thống kê riêng; năm không có mô hình nào vẫn được ghi (số 0) để so sánh liền mạch.",
		Columns: []Column{{Name: "Năm"}, {Name: "Mô hình, tấm gương", Num: true}, {Name: "Tập thể", Num: true}, {Name: "Cá nhân", Num: true},
			{Name: "Giấy khen", Num: true}, {Name: "Bằng khen", Num: true}, {Name: "So với năm trước", Num: true}},
		Chart: &Chart{ID: "bieu-do-theo-nam", Title: "Số mô hình, tấm gương theo năm đăng ký", Series: []Series{{Name: "Mô hình, tấm gương"}}},
	}
	var sum tally
	if len(idx.Years) > 0 {
		first, last := idx.Years[len(idx.Years)-1], idx.Years[0]
		prev := 0
		// Oldest first, in the table as in the chart: a timeline.
		for y := first; y <= last; y++ {
			t := by[y]
			if t == nil {
				t = &tally{}
			}
			label := text(strconv.Itoa(y))
			if t.models > 0 {
				label = link(strconv.Itoa(y), site.ReportYearURL(y))
			}
			change := signed(t.models - prev)
			if y == first {
				change = text("")
			}
			years.Rows = append(years.Rows, Row{Cells: []Cell{label, num(t.models), num(t.collective), num(t.individual), num(t.city), num(t.province), change}})
			years.Chart.Labels = append(years.Chart.Labels, strconv.Itoa(y))
			years.Chart.Series[0].Values = append(years.Chart.Series[0].Values, t.models)
			prev = t.models
			sum.models += t.models
			sum.collective += t.collective
			sum.individual += t.individual
			sum.city += t.city
			sum.province += t.province
		}
	}
	years.Total = &Row{Cells: []Cell{text("Tổng cộng"), num(sum.models), num(sum.collective), num(sum.individual), num(sum.city), num(sum.province), text("")}}

	// Across the 2025 reorganisation: every model under the unit that holds
	// it today, with the former units beneath.
	var current []*site.Locality
	for _, l := range s.Localities {
		if l.Current {
			current = append(current, l)
		}
	}
	units := unitTable(s, s.Articles, current, (*site.Locality).Final)
	isCurrent := func(l *site.Locality) bool { return l.Current }
	rows, total := matrixRows(s, units, isCurrent)
	today := &Table{
		ID:      "dia-ban-hien-nay",
		Title:   "Mọi mô hình, tấm gương theo đơn vị hành chính hiện nay",
		Note:    "Mô hình của các đơn vị đã sáp nhập được tính cho đơn vị hiện nay và ghi bên dưới đơn vị đó, kèm ngày đơn vị cũ kết thúc. Mô hình của đơn vị không còn mà không sáp nhập vào đơn vị nào (cấp thành phố) được ghi riêng ở cuối bảng và không có trong biểu đồ.",
		Columns: matrixColumns(s),
		Counts:  true,
		Rows:    rows,
		Total:   &total,
		Chart:   &Chart{ID: "bieu-do-dia-ban-hien-nay", Title: "Số mô hình, tấm gương của các đơn vị hiện nay (gồm cả đơn vị cũ đã sáp nhập)", Series: []Series{{Name: "Mô hình, tấm gương"}}},
	}
	for _, c := range units {
		if c.total > 0 && c.unit.Current {
			today.Chart.Labels = append(today.Chart.Labels, c.unit.FullName())
			today.Chart.Series[0].Values = append(today.Chart.Series[0].Values, c.total)
		}
	}
	idx.Tables = []*Table{years, today}
	return idx
}
