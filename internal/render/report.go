package render

import (
	"fmt"
	"strconv"

	"github.com/quangngai/danvan/internal/report"
	"github.com/quangngai/danvan/internal/site"
)

// Page kinds of the report pages: layouts/report-index.html and
// layouts/report.html.
const (
	KindReportIndex = "report-index"
	KindReport      = "report"
)

// ReportIndexData is what layouts/report-index.html receives as .Data.
type ReportIndexData struct {
	*report.Index
	Reports []*report.Year // one per year with models, newest first
}

// Reports writes the statistics pages, the CSV file of each of their
// tables and the contest's jury lists.
func (r *Renderer) Reports(s *site.Site, out Output) error {
	pages, err := r.ReportFiles(s, out)
	if err != nil {
		return err
	}
	for _, p := range pages {
		if err := r.Page(s, out, p); err != nil {
			return err
		}
	}
	return nil
}

// ReportFiles writes the files of the reports that are not pages (each
// table as CSV beside its page, the contest's jury lists) and returns the
// report pages, for the caller to render, or to keep when their key is
// unchanged (the build's page cache: a report page shows every model, and
// rendering them cost a warm build about 0.5 s of CPU).
func (r *Renderer) ReportFiles(s *site.Site, out Output) ([]*Page, error) {
	for _, rd := range s.Rounds {
		if err := writeJury(rd, report.Jury(s, rd), out); err != nil {
			return nil, fmt.Errorf("danh sách dự thi %s: %w", rd.Name, err)
		}
	}
	years := report.BuildYears(s)
	idx := report.BuildIndex(s)
	pages := []*Page{reportIndexPage(idx, years)}
	tables := [][]*report.Table{idx.Tables}
	for _, rep := range years {
		pages = append(pages, reportYearPage(rep))
		tables = append(tables, rep.Tables)
	}
	for i, p := range pages {
		p.Site = s
		for _, t := range tables[i] {
			if err := out.WriteFile(p.URL+t.File(), report.CSV(t.Records())); err != nil {
				return nil, err
			}
		}
	}
	return pages, nil
}

// writeJury writes the jury export of a round as CSV and JSON beside the
// round page.
func writeJury(rd *site.Round, j report.JuryRound, out Output) error {
	if err := out.WriteFile(rd.URL+report.JuryFile+".csv", report.CSV(j.Records())); err != nil {
		return err
	}
	b, err := j.JSON()
	if err != nil {
		return err
	}
	return out.WriteFile(rd.URL+report.JuryFile+".json", b)
}

func reportIndexPage(idx *report.Index, years []*report.Year) *Page {
	return &Page{Kind: KindReportIndex, Title: SectionReport.Name, Heading: "Thống kê mô hình, tấm gương “Dân vận khéo” theo năm đăng ký",
		Description: "Số mô hình, tấm gương “Dân vận khéo” đăng ký mỗi năm theo lĩnh vực, địa bàn, loại và khen thưởng; bảng tải về dạng CSV.",
		URL:         idx.URL, OGType: "website", Breadcrumbs: []Crumb{Home},
		Data: &ReportIndexData{Index: idx, Reports: years}}
}

func reportYearPage(rep *report.Year) *Page {
	y := strconv.Itoa(rep.Year)
	return &Page{Kind: KindReport, Title: SectionReport.Name + " năm " + y, Heading: "Thống kê mô hình, tấm gương “Dân vận khéo” năm " + y,
		Description: fmt.Sprintf("Năm %d: %d mô hình, tấm gương đăng ký (năm trước %d), %d được khen thưởng; theo địa bàn, lĩnh vực, loại.", rep.Year, len(rep.Models), rep.Previous, rep.Awarded),
		URL:         rep.URL, OGType: "website",
		Breadcrumbs: []Crumb{Home, SectionReport},
		Data:        rep}
}
