package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	code, out, errs := runCLI("report", "-s", "../..", "--year", "2019")
	if code != exitOK {
		t.Fatalf("report: %d %s", code, errs)
	}
	for _, want := range []string{"# Báo cáo mô hình, tấm gương “Dân vận khéo” năm 2019", "## Mô hình, tấm gương năm 2019 theo địa bàn và lĩnh vực", "| **Tổng cộng** |", "Cách tính:"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown output lacks %q", want)
		}
	}

	code, out, errs = runCLI("report", "-s", "../..", "--year", "2019", "--format", "csv", "--table", "doi-tuong")
	if code != exitOK {
		t.Fatalf("report csv: %d %s", code, errs)
	}
	if strings.HasPrefix(out, "\ufeff") {
		t.Error("terminal CSV starts with a BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 3 || recs[0][0] != "Loại" {
		t.Errorf("csv: %v %q", err, recs)
	}

	for _, args := range [][]string{
		{"report", "-s", "../.."}, // no year
		{"report", "-s", "../..", "--year", "2019", "--format", "xlsx"}, // unknown format
		{"report", "-s", "../..", "--year", "2019", "--table", "khong-co"},
	} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}
