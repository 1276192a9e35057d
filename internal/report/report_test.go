package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/report"
	"github.com/quangngai/danvan/internal/site"
)

// memOutput keeps written files in memory.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOutput) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = append([]byte(nil), data...)
	return nil
}

const root = "../.."

// fixed is "today" for the sample site, so the tests do not depend on the
// clock.
var fixed = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func sample(t *testing.T) (*build.Result, *memOutput) {
	t.Helper()
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root, BaseURL: "https://example.org/", Now: fixed})
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	out := &memOutput{files: map[string][]byte{}}
	if err := res.Renderer.Reports(res.Site, out); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return res, out
}

// readCSV checks the file is UTF-8 with a BOM and CRLF line ends, and
// parses it with encoding/csv.
func readCSV(t *testing.T, name string, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatalf("%s: no UTF-8 BOM", name)
	}
	body := data[3:]
	if bytes.Count(body, []byte("\n")) != bytes.Count(body, []byte("\r\n")) {
		t.Errorf("%s: line ends are not all CRLF", name)
	}
	r := csv.NewReader(bytes.NewReader(body))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs
}

// Cells a spreadsheet would read as a formula come back, read with
// encoding/csv, behind an apostrophe (OWASP); plain numbers and ordinary
// text come back as they were.
func TestCSVCellsAreNeverFormulas(t *testing.T) {
	cells := map[string]string{
		"=HYPERLINK(\"https://evil.example/\",\"Bấm\")": "'=HYPERLINK(\"https://evil.example/\",\"Bấm\")",
		"+1+cmd|' /C calc'!A0":                          "'+1+cmd|' /C calc'!A0",
		"-2+3":                                          "'-2+3",
		"@SUM(1+1)":                                     "'@SUM(1+1)",
		"\t=1":                                          "'\t=1",
		"\r=1":                                          "'\r=1",
		"-":                                             "'-",
		"+2":                                            "+2",
		"-1":                                            "-1",
		"12%":                                           "12%",
		"3.5":                                           "3.5",
		"Nguyễn Thị Hoa":                                "Nguyễn Thị Hoa",
		"a=b":                                           "a=b",
	}
	var recs [][]string
	for in := range cells {
		recs = append(recs, []string{in})
	}
	for i, rec := range readCSV(t, "formulas", report.CSV(recs)) {
		in := recs[i][0]
		// encoding/csv drops a carriage return inside a quoted field.
		if want := strings.ReplaceAll(cells[in], "\r", ""); rec[0] != want {
			t.Errorf("%q came back as %q, want %q", in, rec[0], want)
		}
	}
}

func TestCSVQuotingRoundTrips(t *testing.T) {
	recs := [][]string{
		{"Tiêu đề", "Ghi chú"},
		{"Dồn điền, đổi thửa", `Bí thư “ba cùng” và "dấu ngoặc kép"`},
		{"Dòng một\nDòng hai", " khoảng trắng đầu"},
		{"", "khoảng trắng: =1+1"},
	}
	data := report.CSV(recs)
	got := readCSV(t, "quoting", data)
	if len(got) != len(recs) {
		t.Fatalf("got %d records, want %d", len(got), len(recs))
	}
	for i := range recs {
		for j := range recs[i] {
			// encoding/csv reads a quoted CRLF inside a field back as LF.
			if got[i][j] != recs[i][j] {
				t.Errorf("record %d field %d: %q, want %q", i, j, got[i][j], recs[i][j])
			}
		}
	}
	if !bytes.Contains(data, []byte(`"Bí thư “ba cùng” và ""dấu ngoặc kép"""`)) {
		t.Errorf("quotes are not doubled inside a quoted field:\n%s", data)
	}
}

// published is the sample content as content.Load reads it, without the
// site model: the independent side of the count checks.
func published(t *testing.T) *content.Content {
	t.Helper()
	c, probs, err := content.Load(os.DirFS(root))
	if err != nil || probs.HasErrors() {
		t.Fatalf("Load: %v %v", err, probs.Errors())
	}
	kept := c.Articles[:0]
	for _, a := range c.Articles {
		if !a.Draft {
			kept = append(kept, a)
		}
	}
	c.Articles = kept
	return c
}

func TestJuryExport(t *testing.T) {
	res, out := sample(t)
	c := published(t)
	want := map[int]map[string]bool{} // round → article URLs
	for _, a := range c.Articles {
		if a.Contest != nil {
			if want[a.Contest.Round] == nil {
				want[a.Contest.Round] = map[string]bool{}
			}
			want[a.Contest.Round]["https://example.org/bai-viet/"+a.Slug+"/"] = true
		}
	}
	if len(want) < 2 {
		t.Fatalf("the sample content has entries in %d rounds; the issue asks for 2 or more", len(want))
	}
	for round, urls := range want {
		dir := "/cuoc-thi/" + strconv.Itoa(round) + "/"
		recs := readCSV(t, dir+"bai-du-thi.csv", out.files[dir+"bai-du-thi.csv"])
		if recs[0][0] != "Số thứ tự" || recs[0][1] != "Tiêu đề" || recs[0][11] != "Số chữ" {
			t.Errorf("%s header: %q", dir, recs[0])
		}
		if len(recs)-1 != len(urls) {
			t.Errorf("round %d: %d rows, want %d", round, len(recs)-1, len(urls))
		}
		for i, r := range recs[1:] {
			if r[0] != strconv.Itoa(i+1) {
				t.Errorf("round %d row %d: number %q", round, i+1, r[0])
			}
			if !urls[r[10]] {
				t.Errorf("round %d: URL %q is not an entry of the round", round, r[10])
			}
			if n, err := strconv.Atoi(r[11]); err != nil || n <= 0 {
				t.Errorf("round %d: word count %q", round, r[11])
			}
			if !regexp.MustCompile(`^\d\d/\d\d/\d{4}$`).MatchString(r[6]) {
				t.Errorf("round %d: date %q", round, r[6])
			}
		}
		var j report.JuryRound
		if err := json.Unmarshal(out.files[dir+"bai-du-thi.json"], &j); err != nil {
			t.Fatalf("%sbai-du-thi.json: %v", dir, err)
		}
		if j.Round != round || j.Count != len(urls) || len(j.Entries) != len(urls) {
			t.Errorf("round %d JSON: round %d, count %d, %d entries", round, j.Round, j.Count, len(j.Entries))
		}
		for i, e := range j.Entries {
			if e.Title != recs[i+1][1] || e.URL != recs[i+1][10] {
				t.Errorf("round %d entry %d: JSON %q, CSV %q", round, i+1, e.Title, recs[i+1][1])
			}
		}
		// The round page numbers entries as the export does.
		page := renderRound(t, res, round)
		for i, r := range recs[1:] {
			if !strings.Contains(page, `<li value="`+strconv.Itoa(i+1)+`">`) || !strings.Contains(page, r[1]) {
				t.Errorf("round %d page lacks entry %d %q", round, i+1, r[1])
			}
		}
		if !strings.Contains(page, "bai-du-thi.csv") || !strings.Contains(page, "bai-du-thi.json") {
			t.Errorf("round %d page does not link the exports", round)
		}
	}
}

// renderRound renders the core round page (report.Write does not: the
// core renderer owns it).
func renderRound(t *testing.T, res *build.Result, round int) string {
	t.Helper()
	out := &memOutput{files: map[string][]byte{}}
	if _, err := res.Renderer.Site(res.Site, out); err != nil {
		t.Fatal(err)
	}
	return string(out.files["/cuoc-thi/"+strconv.Itoa(round)+"/index.html"])
}

// modelYear is the rule of the report, written again from the content
// contract: the `year` field, or the publication year.
func modelYear(a *content.Article) int {
	if a.Year != 0 {
		return a.Year
	}
	return a.Date.Year()
}

// row finds the row whose first cell is label.
func row(t *testing.T, recs [][]string, label string) []string {
	t.Helper()
	for _, r := range recs {
		if r[0] == label {
			return r
		}
	}
	t.Fatalf("no row %q in %q", label, recs)
	return nil
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func TestYearCountsMatchContent(t *testing.T) {
	_, out := sample(t)
	c := published(t)
	type tally struct{ models, collective, individual, city, province int }
	by := map[int]*tally{}
	areas := map[int]map[string]int{}
	for _, a := range c.Articles {
		y := modelYear(a)
		if by[y] == nil {
			by[y] = &tally{}
			areas[y] = map[string]int{}
		}
		by[y].models++
		areas[y][a.Area]++
		switch a.Subject {
		case "tap-the":
			by[y].collective++
		case "ca-nhan":
			by[y].individual++
		}
		switch a.Award {
		case "giay-khen":
			by[y].city++
		case "bang-khen":
			by[y].province++
		}
	}
	awardYears := 0
	for y, want := range by {
		if want.city+want.province > 0 {
			awardYears++
		}
		dir := "/thong-ke/" + strconv.Itoa(y) + "/"
		if _, ok := out.files[dir+"index.html"]; !ok {
			t.Errorf("no report page %s", dir)
			continue
		}
		m := readCSV(t, dir+"linh-vuc-dia-ban.csv", out.files[dir+"linh-vuc-dia-ban.csv"])
		total := row(t, m, "Tổng cộng")
		if got := atoi(t, total[len(c.Config.Areas)+1]); got != want.models {
			t.Errorf("%d: matrix total %d, content has %d", y, got, want.models)
		}
		for i, ar := range c.Config.Areas {
			if got := atoi(t, total[i+1]); got != areas[y][ar.Slug] {
				t.Errorf("%d %s: %d, content has %d", y, ar.Slug, got, areas[y][ar.Slug])
			}
		}
		// Rows of units (not the former units beneath them) add up to the total.
		sum := 0
		for _, r := range m[1 : len(m)-1] {
			if len(r) == len(m[0]) && m[0][len(m[0])-1] == "Thuộc đơn vị (đã tính trong dòng đó)" && r[len(r)-1] != "" {
				continue
			}
			sum += atoi(t, r[len(c.Config.Areas)+1])
		}
		if sum != want.models {
			t.Errorf("%d: unit rows add up to %d, want %d", y, sum, want.models)
		}
		s := readCSV(t, dir+"doi-tuong.csv", out.files[dir+"doi-tuong.csv"])
		if got := atoi(t, row(t, s, "Mô hình tập thể")[1]); got != want.collective {
			t.Errorf("%d: %d collective, content has %d", y, got, want.collective)
		}
		if got := atoi(t, row(t, s, "Tấm gương cá nhân")[1]); got != want.individual {
			t.Errorf("%d: %d individual, content has %d", y, got, want.individual)
		}
		aw := readCSV(t, dir+"khen-thuong.csv", out.files[dir+"khen-thuong.csv"])
		if got := atoi(t, row(t, aw, content.AwardName("giay-khen"))[1]); got != want.city {
			t.Errorf("%d: %d giấy khen, content has %d", y, got, want.city)
		}
		if got := atoi(t, row(t, aw, content.AwardName("bang-khen"))[1]); got != want.province {
			t.Errorf("%d: %d bằng khen, content has %d", y, got, want.province)
		}
		list := readCSV(t, dir+"danh-sach-khen-thuong.csv", out.files[dir+"danh-sach-khen-thuong.csv"])
		if len(list)-1 != want.city+want.province {
			t.Errorf("%d: %d awarded models listed, content has %d", y, len(list)-1, want.city+want.province)
		}
		prev := 0
		if p := by[y-1]; p != nil {
			prev = p.models
		}
		cmp := readCSV(t, dir+"so-voi-nam-truoc.csv", out.files[dir+"so-voi-nam-truoc.csv"])
		tr := row(t, cmp, "Tổng cộng")
		if atoi(t, tr[1]) != prev || atoi(t, tr[2]) != want.models || atoi(t, tr[3]) != want.models-prev {
			t.Errorf("%d: previous-year row %q, want %d → %d", y, tr, prev, want.models)
		}
	}
	if awardYears < 2 {
		t.Errorf("awards in %d years; the issue asks for 2 or more", awardYears)
	}

	// The index: one row per year between the first and the last.
	idx := readCSV(t, "/thong-ke/theo-nam.csv", out.files["/thong-ke/theo-nam.csv"])
	for y, want := range by {
		r := row(t, idx, strconv.Itoa(y))
		if atoi(t, r[1]) != want.models || atoi(t, r[4]) != want.city || atoi(t, r[5]) != want.province {
			t.Errorf("index %d: %q", y, r)
		}
	}
}

// finalSlug follows merged_into in _site.yaml, independently of the site.
func finalSlug(cfg *content.Config, slug string) string {
	for guard := 0; guard < 16; guard++ {
		l, _ := cfg.Locality(slug)
		if l.MergedInto == "" {
			return l.Slug
		}
		slug = l.MergedInto
	}
	return slug
}

func TestAcrossReorganisation(t *testing.T) {
	_, out := sample(t)
	c := published(t)
	want := map[string]int{}
	for _, a := range c.Articles {
		want[finalSlug(c.Config, a.Locality)]++
	}
	// Rows link to their unit: match them by the unit's page in the HTML,
	// and by count in the CSV.
	page := string(out.files["/thong-ke/index.html"])
	recs := readCSV(t, "dia-ban-hien-nay.csv", out.files["/thong-ke/dia-ban-hien-nay.csv"])
	last := len(recs[0]) - 1
	if recs[0][last] != "Thuộc đơn vị (đã tính trong dòng đó)" {
		t.Fatalf("no parent column: %q", recs[0])
	}
	got := map[string]int{}
	former := 0
	for _, r := range recs[1 : len(recs)-1] {
		if r[last] != "" {
			former++
			continue
		}
		got[r[0]] = atoi(t, r[last-1])
	}
	if former == 0 {
		t.Error("no former unit is listed under its successor")
	}
	for slug, n := range want {
		l, _ := c.Config.Locality(slug)
		found := false
		for name, m := range got {
			if strings.HasPrefix(name, l.FullName()) && m == n {
				found = true
			}
		}
		if !found {
			t.Errorf("unit %s: want %d models under it, rows %v", slug, n, got)
		}
		if !strings.Contains(page, `href="/dia-ban/`+slug+`/"`) {
			t.Errorf("index page has no row for %s", slug)
		}
	}
	if !strings.Contains(page, `<tr class="sub">`) {
		t.Error("index page does not indent former units")
	}
}

var chartRE = regexp.MustCompile(`(?s)<figure class="bar-chart"[^>]*>.*?</figure>`)

// TestChartsAccessible: every chart is a captioned figure hidden from
// screen readers (the table beside it reads the same numbers), without
// inline style or script (the CSP forbids them), and every number of a
// chart is in its table.
func TestChartsAccessible(t *testing.T) {
	res, out := sample(t)
	pages := []string{"/thong-ke/index.html"}
	for _, y := range res.Site.ReportYears() {
		pages = append(pages, site.ReportYearURL(y)+"index.html")
	}
	for _, p := range pages {
		html := string(out.files[p])
		charts := chartRE.FindAllString(html, -1)
		if len(charts) == 0 {
			t.Errorf("%s: no chart", p)
		}
		for _, c := range charts {
			open := c[:strings.Index(c, ">")]
			if !strings.Contains(open, `aria-hidden="true"`) {
				t.Errorf("%s: chart not hidden from screen readers (its table reads the numbers): %s", p, open)
			}
			if !strings.Contains(c, "<figcaption>") {
				t.Errorf("%s: chart without caption: %s", p, open)
			}
			if strings.Contains(c, "style=") || strings.Contains(c, "<script") {
				t.Errorf("%s: chart has inline style or script", p)
			}
			// The chart is followed by its table, which has every number.
			rest := html[strings.Index(html, c)+len(c):]
			table := rest[:strings.Index(rest, "</table>")]
			for _, m := range regexp.MustCompile(`<span class="bar-value">(?:<span class="bar-series">[^<]*</span>)?(\d+)</span>`).FindAllStringSubmatch(c, -1) {
				if !strings.Contains(table, ">"+m[1]+"<") {
					t.Errorf("%s: chart value %s is not in the table after it", p, m[1])
				}
			}
		}
		// Every id is unique, and there is one h1.
		ids := regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(html, -1)
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id[1]] {
				t.Errorf("%s: duplicate id %q", p, id[1])
			}
			seen[id[1]] = true
		}
		if n := strings.Count(html, "<h1"); n != 1 {
			t.Errorf("%s: %d h1", p, n)
		}
		if strings.Contains(html, "<th>") {
			t.Errorf("%s: a table header without scope", p)
		}
		// Every table has its CSV, linked from the page.
		for _, l := range regexp.MustCompile(`href="([a-z-]+\.csv)"`).FindAllStringSubmatch(html, -1) {
			if _, ok := out.files[strings.TrimSuffix(p, "index.html")+l[1]]; !ok {
				t.Errorf("%s links %s, which was not written", p, l[1])
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	_, a := sample(t)
	_, b := sample(t)
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	for _, n := range names {
		if !bytes.Equal(a.files[n], b.files[n]) {
			t.Errorf("%s differs between two runs", n)
		}
	}
}

// The table and chart "theo đơn vị hành chính hiện nay" list only units
// that exist today: the city level, which ceased to be an administrative
// unit on 1/7/2025 and merged into nothing, is named as such on its own
// row at the end, counted in the total, and left out of the chart.
func TestTodayListsOnlyCurrentUnits(t *testing.T) {
	res, _ := sample(t)
	idx := report.BuildIndex(res.Site)
	var today *report.Table
	for _, tb := range idx.Tables {
		if tb.ID == "dia-ban-hien-nay" {
			today = tb
		}
	}
	if today == nil {
		t.Fatal("no table dia-ban-hien-nay")
	}
	current := map[string]bool{}
	for _, l := range res.Site.Localities {
		if l.Current {
			current[l.FullName()] = true
		}
	}
	ended := 0
	for i, r := range today.Rows {
		name := r.Cells[0].Text
		switch {
		case r.Sub():
			if !current[r.Parent] {
				t.Errorf("row %q is listed under %q, which does not exist today", name, r.Parent)
			}
		case strings.Contains(name, "không còn là đơn vị hành chính từ 1/7/2025"):
			ended++
			if !strings.HasPrefix(name, "Thành phố Quảng Ngãi") {
				t.Errorf("ended row %q is not the city level", name)
			}
			for _, after := range today.Rows[i+1:] {
				if !strings.Contains(after.Cells[0].Text, "không còn là đơn vị hành chính") {
					t.Errorf("the unit of today %q comes after an ended unit", after.Cells[0].Text)
				}
			}
		case !current[name]:
			t.Errorf("row %q is among the units of today but does not exist today", name)
		}
	}
	if ended != 1 {
		t.Errorf("%d rows for the city level, want 1", ended)
	}
	for _, l := range today.Chart.Labels {
		if !current[l] {
			t.Errorf("chart bar %q is not a unit of today", l)
		}
	}
	total := today.Total.Cells[len(today.Total.Cells)-1].Text
	if total != strconv.Itoa(len(res.Site.Articles)) {
		t.Errorf("total %s, want every model: %d", total, len(res.Site.Articles))
	}
}

// TestChartsMatchTables: every bar of every chart of the report pages is
// a number of its table, in the row of the same name: the chart and the
// table never disagree.
func TestChartsMatchTables(t *testing.T) {
	res, _ := sample(t)
	tables := report.BuildIndex(res.Site).Tables
	for _, y := range res.Site.ReportYears() {
		tables = append(tables, report.Build(res.Site, y).Tables...)
	}
	charts := 0
	for _, tb := range tables {
		c := tb.Chart
		if c == nil || len(c.Labels) == 0 {
			continue
		}
		charts++
		for i, label := range c.Labels {
			var row *report.Row
			for k := range tb.Rows {
				if tb.Rows[k].Cells[0].Text == label {
					row = &tb.Rows[k]
				}
			}
			if row == nil {
				t.Errorf("%s: bar %q has no row of that name", tb.ID, label)
				continue
			}
			for _, s := range c.Series {
				want := strconv.Itoa(s.Values[i])
				found := false
				for _, cell := range row.Cells[1:] {
					found = found || cell.Text == want
				}
				if !found {
					t.Errorf("%s: bar %q of %q is %s, not a number of its row %v", tb.ID, label, s.Name, want, row.Cells)
				}
			}
		}
	}
	if charts == 0 {
		t.Fatal("no chart checked")
	}
}

// Whatever a cell holds, read back from the CSV file it is either a plain
// number or does not start with a character a spreadsheet takes for a
// formula; and with the apostrophe taken off it is the cell as given.
func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"=1+1", "+2", "-", "@x", "\t=1", "\r=1", "Nguyễn", "-3.5%", "", "'=x"} {
		f.Add(s)
	}
	number := regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?%?$`)
	f.Fuzz(func(t *testing.T, cell string) {
		if !utf8.ValidString(cell) || strings.ContainsRune(cell, '\r') {
			return // encoding/csv does not read a carriage return back
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(report.CSV([][]string{{cell, "x"}}), []byte("\ufeff")))).ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 2 {
			t.Fatalf("%q: %v %q", cell, err, recs)
		}
		got := recs[0][0]
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && !number.MatchString(got) {
			t.Fatalf("%q comes back as %q, a formula", cell, got)
		}
		if got != cell && got != "'"+cell {
			t.Fatalf("%q comes back as %q", cell, got)
		}
	})
}

// TestBuildYearsIsBuildOfEachYear: the reports the build writes
// (BuildYears, which groups the models by year once) are Build's for each
// report year, in the same order, table for table.
func TestBuildYearsIsBuildOfEachYear(t *testing.T) {
	res, _ := sample(t)
	years := report.BuildYears(res.Site)
	want := res.Site.ReportYears()
	if len(years) != len(want) || len(want) < 2 {
		t.Fatalf("BuildYears gave %d years, want %d (the sample has %v)", len(years), len(want), want)
	}
	for i, y := range want {
		got, one := years[i], report.Build(res.Site, y)
		if got.Year != y || got.Previous != one.Previous || len(got.Models) != len(one.Models) || len(got.Tables) != len(one.Tables) {
			t.Fatalf("year %d: BuildYears gave year %d, %d models (%d the year before), Build %d (%d)", y, got.Year, len(got.Models), got.Previous, len(one.Models), one.Previous)
		}
		for k := range one.Tables {
			if a, b := string(report.CSV(got.Tables[k].Records())), string(report.CSV(one.Tables[k].Records())); a != b {
				t.Errorf("year %d, table %s: BuildYears and Build differ:\n%s\n---\n%s", y, one.Tables[k].ID, a, b)
			}
		}
	}
}
