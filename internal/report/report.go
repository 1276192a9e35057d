// Package report produces what the site's data is asked for outside the
// web pages: the press-contest jury export of each round
// (/cuoc-thi/<round>/bai-du-thi.csv and .json) and the yearly report of
// models (/thong-ke/ and /thong-ke/<year>/, with SVG charts and a CSV file
// per table). `danvan report` prints the same tables in the terminal. It
// reads the site model and writes through render; it computes nothing the
// site already knows.
package report

import (
	"fmt"

	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/site"
)

// Write renders every output of the package into out: the jury exports of
// each round, the report index and one report page per year, and a CSV
// file for every table of those pages.
func Write(s *site.Site, r *render.Renderer, out render.Output) error {
	for _, rd := range s.Rounds {
		if err := writeJury(s, rd, out); err != nil {
			return fmt.Errorf("danh sách dự thi %s: %w", rd.Name, err)
		}
	}
	var years []*Year
	for _, y := range s.ReportYears() {
		years = append(years, Build(s, y))
	}
	idx := BuildIndex(s)
	if err := writePage(s, r, out, indexPage(idx, years), idx.Tables); err != nil {
		return err
	}
	for _, rep := range years {
		if err := writePage(s, r, out, yearPage(rep), rep.Tables); err != nil {
			return err
		}
	}
	return nil
}

// writePage renders one report page and the CSV file of each of its
// tables beside it.
func writePage(s *site.Site, r *render.Renderer, out render.Output, p *render.Page, tables []*Table) error {
	for _, t := range tables {
		if err := out.WriteFile(p.URL+t.File(), CSV(t.Records())); err != nil {
			return err
		}
	}
	return r.Page(s, out, p)
}
