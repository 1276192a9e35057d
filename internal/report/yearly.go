package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// Year is the report of one year: the models registered that year.
type Year struct {
	Year     int             // e.g. 2019
	URL      string          // /thong-ke/2019/
	Models   []*site.Article // the year's models, newest first
	Previous int             // models of the year before
	Awarded  int             // models of the year with an award
	Former   bool            // some model is listed under a successor unit
	Tables   []*Table        // in page order
}

// Change is the number of models compared with the year before.
func (y *Year) Change() int { return len(y.Models) - y.Previous }

// Rule is the counting rule, shown on the page and in the terminal.
func (y *Year) Rule() string {
	return fmt.Sprintf("Một mô hình, tấm gương được tính vào năm %d khi bài viết về nó ghi năm đăng ký mô hình là %d; bài không ghi năm đăng ký được tính theo năm đăng bài. Địa bàn là đơn vị hành chính còn hiệu lực ngày 31/12/%d: mô hình của đơn vị đã sáp nhập trước ngày đó được tính cho đơn vị mới và ghi bên dưới đơn vị mới.", y.Year, y.Year, y.Year)
}

// modelsByYear returns the models counted for each year, newest first
// (the site's order), in one pass over the articles: a pass for each year
// and the one before cost a warm build at 10,000 articles about 15 ms.
func modelsByYear(s *site.Site) map[int][]*site.Article {
	out := map[int][]*site.Article{}
	for _, a := range s.Articles {
		y := a.ModelYear()
		out[y] = append(out[y], a)
	}
	return out
}

// Build computes the report of year y from the site: six tables, in page
// order, each built by the function of the same name below.
func Build(s *site.Site, y int) *Year {
	return build(s, y, modelsByYear(s))
}

// BuildYears is Build for each year of s.ReportYears(), in that order.
func BuildYears(s *site.Site) []*Year {
	byYear := modelsByYear(s)
	var out []*Year
	for _, y := range s.ReportYears() {
		out = append(out, build(s, y, byYear))
	}
	return out
}

// build is Build with the models of each year (modelsByYear).
func build(s *site.Site, y int, byYear map[int][]*site.Article) *Year {
	rep := &Year{Year: y, URL: site.ReportYearURL(y), Models: byYear[y]}
	prev := byYear[y-1]
	rep.Previous = len(prev)
	matrix, former := unitAreaTable(s, y, rep.Models)
	rep.Former = former
	named := byTitle(rep.Models) // once for both lists: sorting every year twice cost 0.07 s of collation at 10,000 articles
	awards, awardList := awardTables(y, named)
	rep.Awarded = len(awardList.Rows)
	rep.Tables = []*Table{matrix, compareTable(s, y, rep.Models, prev), subjectTable(y, rep.Models), awards, awardList, modelListTable(y, named)}
	return rep
}

// unitAreaTable counts the year's models by area and unit, with the units
// valid at the end of the year, and charts the units that have models.
// former reports whether a model is listed under a unit that succeeded its
// own.
func unitAreaTable(s *site.Site, y int, models []*site.Article) (matrix *Table, former bool) {
	day := yearEnd(y)
	var valid []*site.Locality
	for _, l := range s.Localities {
		if l.ValidOn(day) {
			valid = append(valid, l)
		}
	}
	units := unitTable(s, models, valid, func(l *site.Locality) *site.Locality { return l.On(day) })
	validOn := func(l *site.Locality) bool { return l.ValidOn(day) }
	rows, total := matrixRows(s, units, validOn)
	matrix = &Table{
		ID:      "linh-vuc-dia-ban",
		Title:   fmt.Sprintf("Mô hình, tấm gương năm %d theo địa bàn và lĩnh vực", y),
		Note:    fmt.Sprintf("Mọi đơn vị hành chính còn hiệu lực ngày 31/12/%d, kể cả đơn vị chưa có mô hình (số 0).", y),
		Columns: matrixColumns(s),
		Counts:  true,
		Rows:    rows,
		Total:   &total,
	}
	bars := &Chart{ID: "bieu-do-dia-ban", Title: fmt.Sprintf("Số mô hình năm %d của các địa bàn có mô hình", y), Series: []Series{{Name: strconv.Itoa(y)}}}
	for _, c := range units {
		if c.total > 0 && c.unit.ValidOn(day) {
			former = former || len(c.former) > 0
			bars.Labels = append(bars.Labels, c.unit.FullName())
			bars.Series[0].Values = append(bars.Series[0].Values, c.total)
		}
	}
	if len(bars.Labels) > 0 {
		matrix.Chart = bars
	}
	return matrix, former
}

// compareTable counts new models by area against the previous year.
func compareTable(s *site.Site, y int, models, prev []*site.Article) *Table {
	areaNow, areaPrev := map[string]int{}, map[string]int{}
	for _, a := range models {
		areaNow[a.Area]++
	}
	for _, a := range prev {
		areaPrev[a.Area]++
	}
	cmp := &Table{
		ID:      "so-voi-nam-truoc",
		Title:   fmt.Sprintf("Mô hình mới năm %d so với năm %d, theo lĩnh vực", y, y-1),
		Note:    "Số mô hình đăng ký trong mỗi năm và mức tăng, giảm.",
		Columns: []Column{{Name: "Lĩnh vực"}, {Name: "Năm " + strconv.Itoa(y-1), Num: true}, {Name: "Năm " + strconv.Itoa(y), Num: true}, {Name: "Tăng, giảm", Num: true}},
		Chart: &Chart{ID: "bieu-do-linh-vuc", Title: fmt.Sprintf("Số mô hình theo lĩnh vực, năm %d và năm %d", y-1, y),
			Series: []Series{{Name: "Năm " + strconv.Itoa(y-1)}, {Name: "Năm " + strconv.Itoa(y)}}},
	}
	for _, ar := range s.Areas {
		p, n := areaPrev[ar.Slug], areaNow[ar.Slug]
		cmp.Rows = append(cmp.Rows, Row{Cells: []Cell{link(ar.Name, ar.URL), num(p), num(n), signed(n - p)}})
		cmp.Chart.Labels = append(cmp.Chart.Labels, ar.Name) // the row's name: a chart label wraps, it is never cut
		cmp.Chart.Series[0].Values = append(cmp.Chart.Series[0].Values, p)
		cmp.Chart.Series[1].Values = append(cmp.Chart.Series[1].Values, n)
	}
	cmp.Total = &Row{Cells: []Cell{text("Tổng cộng"), num(len(prev)), num(len(models)), signed(len(models) - len(prev))}}
	return cmp
}

// subjectTable counts collective models and individual exemplars.
func subjectTable(y int, models []*site.Article) *Table {
	subj := map[string]int{}
	for _, a := range models {
		subj[a.Subject]++
	}
	subjects := &Table{
		ID:      "doi-tuong",
		Title:   fmt.Sprintf("Mô hình tập thể và tấm gương cá nhân năm %d", y),
		Note:    "Theo loại ghi trong bài viết: mô hình của một tập thể hay tấm gương của một cá nhân.",
		Columns: []Column{{Name: "Loại"}, {Name: "Số mô hình, tấm gương", Num: true}, {Name: "Tỉ lệ", Num: true}},
		Chart:   &Chart{ID: "bieu-do-doi-tuong", Title: fmt.Sprintf("Mô hình tập thể và tấm gương cá nhân năm %d", y), Series: []Series{{Name: strconv.Itoa(y)}}},
	}
	kinds := []struct{ slug, name string }{{content.SubjectCollective, content.SubjectName(content.SubjectCollective)}, {content.SubjectIndividual, content.SubjectName(content.SubjectIndividual)}}
	if subj[""] > 0 {
		kinds = append(kinds, struct{ slug, name string }{"", "Chưa phân loại"})
	}
	for _, k := range kinds {
		subjects.Rows = append(subjects.Rows, Row{Cells: []Cell{text(k.name), num(subj[k.slug]), percent(subj[k.slug], len(models))}})
		subjects.Chart.Labels = append(subjects.Chart.Labels, k.name)
		subjects.Chart.Series[0].Values = append(subjects.Chart.Series[0].Values, subj[k.slug])
	}
	subjects.Total = &Row{Cells: []Cell{text("Tổng cộng"), num(len(models)), percent(len(models), len(models))}}
	return subjects
}

// awardTables counts the year's awarded models by award, then lists them
// in the order given (byTitle).
func awardTables(y int, models []*site.Article) (awards, awardList *Table) {
	aw := map[string]int{}
	awardList = &Table{
		ID:      "danh-sach-khen-thuong",
		Title:   fmt.Sprintf("Danh sách mô hình, tấm gương năm %d được khen thưởng", y),
		Columns: []Column{{Name: "STT", Num: true}, {Name: "Mô hình, tấm gương"}, {Name: "Đơn vị thực hiện"}, {Name: "Địa bàn"}, {Name: "Lĩnh vực"}, {Name: "Hình thức khen thưởng"}},
	}
	for _, a := range models {
		if a.Award == "" {
			continue
		}
		aw[a.Award]++
		awardList.Rows = append(awardList.Rows, modelRow(len(awardList.Rows)+1, a, text(content.AwardName(a.Award))))
	}
	if len(awardList.Rows) == 0 {
		awardList.Note = "Chưa có mô hình nào của năm này được khen thưởng."
	}
	awards = &Table{
		ID:      "khen-thuong",
		Title:   fmt.Sprintf("Khen thưởng mô hình, tấm gương năm %d", y),
		Note:    "Hình thức khen thưởng ghi trong bài viết về mô hình đăng ký năm này.",
		Columns: []Column{{Name: "Hình thức"}, {Name: "Số mô hình, tấm gương", Num: true}},
		Chart:   &Chart{ID: "bieu-do-khen-thuong", Title: fmt.Sprintf("Khen thưởng mô hình, tấm gương năm %d", y), Series: []Series{{Name: strconv.Itoa(y)}}},
	}
	for _, k := range []string{content.AwardCity, content.AwardProvince} {
		awards.Rows = append(awards.Rows, Row{Cells: []Cell{text(content.AwardName(k)), num(aw[k])}})
		awards.Chart.Labels = append(awards.Chart.Labels, content.AwardName(k))
		awards.Chart.Series[0].Values = append(awards.Chart.Series[0].Values, aw[k])
	}
	awards.Total = &Row{Cells: []Cell{text("Tổng cộng"), num(len(awardList.Rows))}}
	return awards, awardList
}

// modelListTable lists every model of the year, what each unit reports,
// in the order given (byTitle).
func modelListTable(y int, models []*site.Article) *Table {
	list := &Table{
		ID:      "danh-sach-mo-hinh",
		Title:   fmt.Sprintf("Danh sách mô hình, tấm gương năm %d", y),
		Columns: []Column{{Name: "STT", Num: true}, {Name: "Mô hình, tấm gương"}, {Name: "Đơn vị thực hiện"}, {Name: "Địa bàn"}, {Name: "Lĩnh vực"}, {Name: "Loại"}},
	}
	for _, a := range models {
		list.Rows = append(list.Rows, modelRow(len(list.Rows)+1, a, text(content.SubjectName(a.Subject))))
	}
	return list
}

// modelRow is one line of a list of models; last is the list's own column.
func modelRow(n int, a *site.Article, last Cell) Row {
	return Row{Cells: []Cell{num(n), link(modelName(a), a.URL), text(a.Unit), link(a.LocalityRef.FullName(), a.LocalityRef.URL), text(a.AreaRef.Name), last}}
}

// byTitle orders models for a list by model name in Vietnamese order (the
// slug breaks ties), so the numbering is stable and a reader can scan it.
func byTitle(models []*site.Article) []*site.Article {
	out := slices.Clone(models)
	slices.SortStableFunc(out, func(a, b *site.Article) int { return strings.Compare(a.Slug, b.Slug) })
	vi.SortFunc(vi.NewCollator(), out, modelName)
	return out
}

// modelName is the model's name, or the article title when it has none.
func modelName(a *site.Article) string {
	if a.Model != "" {
		return a.Model
	}
	return a.Title
}

// ChangeText is Change with its sign, e.g. "+2".
func (y *Year) ChangeText() string { return signed(y.Change()).Text }
