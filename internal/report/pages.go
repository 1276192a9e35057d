package report

import (
	"fmt"
	"strconv"

	"github.com/quangngai/danvan/internal/render"
)

// Page kinds: layouts/report-index.html and layouts/report.html.
const (
	KindIndex = "report-index"
	KindYear  = "report"
)

// IndexData is what layouts/report-index.html receives as .Data.
type IndexData struct {
	*Index
	Reports []*Year // one per year with models, newest first
}

func indexPage(idx *Index, years []*Year) *render.Page {
	return &render.Page{Kind: KindIndex, Title: render.SectionReport.Name, Heading: "Thống kê mô hình, tấm gương “Dân vận khéo” theo năm đăng ký",
		Description: "Số mô hình, tấm gương “Dân vận khéo” đăng ký mỗi năm theo lĩnh vực, địa bàn, loại và khen thưởng; bảng tải về dạng CSV.",
		URL:         idx.URL, OGType: "website", Breadcrumbs: []render.Crumb{render.Home},
		Data: &IndexData{Index: idx, Reports: years}}
}

func yearPage(rep *Year) *render.Page {
	y := strconv.Itoa(rep.Year)
	return &render.Page{Kind: KindYear, Title: render.SectionReport.Name + " năm " + y, Heading: "Thống kê mô hình, tấm gương “Dân vận khéo” năm " + y,
		Description: fmt.Sprintf("Năm %d: %d mô hình, tấm gương đăng ký (năm trước %d), %d được khen thưởng; theo địa bàn, lĩnh vực, loại.", rep.Year, len(rep.Models), rep.Previous, rep.Awarded),
		URL:         rep.URL, OGType: "website",
		Breadcrumbs: []render.Crumb{render.Home, render.SectionReport},
		Data:        rep}
}
