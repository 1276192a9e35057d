package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/report"
)

// reportFlags are the options of report.
type reportFlags struct {
	source, format, table string
	drafts                bool
	year                  int
}

func reportOptions(f *reportFlags) *options {
	o := newOptions("report", "", "In báo cáo mô hình, tấm gương của một năm (cùng số liệu với trang /thong-ke/<năm>/): bảng theo địa bàn và lĩnh vực, so với năm trước, loại, khen thưởng.")
	o.source(&f.source)
	o.drafts(&f.drafts, false)
	o.number(&f.year, "", "year", "NĂM", 0, "năm cần báo cáo (bắt buộc), ví dụ 2019")
	o.text(&f.format, "", "format", "DẠNG", "md", "md", "md (bảng Markdown) hoặc csv")
	o.text(&f.table, "", "table", "MÃ-BẢNG", "", "mọi bảng", "chỉ in một bảng, ví dụ linh-vuc-dia-ban")
	return o
}

// runReport is `danvan report --year 2019 [--format md|csv] [--table ID]`:
// the tables of /thong-ke/<year>/ in the terminal, computed by the same
// code as the page.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f reportFlags
	o := reportOptions(&f)
	if ok, code := o.parse(args, stdout, stderr); !ok {
		return code
	}
	if !o.noArgs(stderr) {
		return exitUsage
	}
	format, table, year := f.format, f.table, f.year
	if year < 1990 || year > 2100 {
		fmt.Fprintln(stderr, "danvan report: cần --year, một năm từ 1990 đến 2100, ví dụ: danvan report --year 2019")
		return exitUsage
	}
	if format != "md" && format != "csv" {
		fmt.Fprintf(stderr, "danvan report: định dạng %q không hợp lệ (được phép: md, csv)\n", format)
		return exitUsage
	}
	fsys, err := build.OpenSite(f.source)
	if err != nil {
		return printFailure(stderr, "report", err)
	}
	defer fsys.Close()
	res, err := build.Prepare(fsys, build.Options{Source: f.source, Drafts: f.drafts})
	if err != nil {
		return printFailure(stderr, "report", err)
	}
	rep := report.Build(res.Site, year)
	tables := rep.Tables
	if table != "" {
		tables = nil
		var ids []string
		for _, t := range rep.Tables {
			ids = append(ids, t.ID)
			if t.ID == table {
				tables = append(tables, t)
			}
		}
		if tables == nil {
			fmt.Fprintf(stderr, "danvan report: không có bảng %q (được phép: %s)\n", table, strings.Join(ids, ", "))
			return exitUsage
		}
	}
	if len(rep.Models) == 0 {
		fmt.Fprintf(stderr, "danvan report: năm %d chưa có mô hình, tấm gương nào; các bảng đều bằng 0.\n", year)
	}
	if format == "csv" {
		err = report.CSVText(stdout, tables)
	} else {
		intro := []string{
			fmt.Sprintf("%d mô hình, tấm gương (năm %d: %d; tăng, giảm %s); %d được khen thưởng.", len(rep.Models), year-1, rep.Previous, rep.ChangeText(), rep.Awarded),
			"Cách tính: " + rep.Rule(),
		}
		err = report.Markdown(stdout, fmt.Sprintf("Báo cáo mô hình, tấm gương “Dân vận khéo” năm %d", year), intro, tables)
	}
	if err != nil {
		fmt.Fprintf(stderr, "danvan report: %v\n", err)
		return exitContent
	}
	return exitOK
}
