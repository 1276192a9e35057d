package bench

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/testenv"
)

func TestMedian(t *testing.T) {
	m := Median([]Usage{{Wall: 3 * time.Second, CPU: 1, PeakRSS: 30}, {Wall: time.Second, CPU: 5, PeakRSS: 10}, {Wall: 2 * time.Second, CPU: 3, PeakRSS: 20}})
	if m.Wall != 2*time.Second || m.CPU != 3 || m.PeakRSS != 20 {
		t.Errorf("median: %+v", m)
	}
	if (Median(nil) != Usage{}) {
		t.Error("median of nothing")
	}
}

func TestRunMeasuresAChild(t *testing.T) {
	sh := testenv.NeedCommand(t, "sh", "a POSIX shell")
	u, err := Run(io.Discard, t.TempDir(), nil, sh, "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done")
	if err != nil {
		t.Fatal(err)
	}
	if u.Wall <= 0 || u.PeakRSS <= 0 {
		t.Errorf("usage: %+v", u)
	}
	if _, err := Run(io.Discard, t.TempDir(), nil, "false"); err == nil {
		t.Error("a failing command must return an error")
	}
}

func TestHugoSiteAndDirSize(t *testing.T) {
	corpus := t.TempDir()
	os.MkdirAll(filepath.Join(corpus, "content", "bai-viet"), 0o755)
	os.WriteFile(filepath.Join(corpus, "content", "bai-viet", "a.md"), []byte("---\ntitle: A\n---\nx\n"), 0o644)
	dir := t.TempDir()
	if err := HugoSite(corpus, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"hugo.toml", "layouts/_default/single.html", "layouts/_default/list.html", "content/bai-viet/a.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	n, files := DirSize(filepath.Join(corpus, "content"))
	if n == 0 || files != 1 {
		t.Errorf("DirSize: %d bytes, %d files", n, files)
	}
}

func TestEditorEditsAndRestores(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "bai-viet", "000")
	os.MkdirAll(dir, 0o755)
	orig := "---\ntitle: \"Bài một\"\n---\nThân bài.\n"
	os.WriteFile(filepath.Join(dir, "a.md"), []byte(orig), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte(orig), 0o644)
	e, err := NewEditor(root)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for i := 0; i < 2; i++ {
		if err := e.Edit(); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "a.md"))
		seen = append(seen, string(data))
	}
	if seen[0] == seen[1] || !strings.Contains(seen[1], `title: "(Sửa lần 2) Bài một"`) || !strings.HasSuffix(seen[1], "lần sửa thứ 2.\n") {
		t.Errorf("edits: %q", seen)
	}
	if err := e.Restore(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(data) != orig {
		t.Errorf("not restored: %q", data)
	}
}

// Editors spread over the articles, each editing and restoring its own.
func TestEditorsSpread(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "bai-viet", "000")
	os.MkdirAll(dir, 0o755)
	orig := "---\ntitle: \"Bài\"\n---\nThân bài.\n"
	for _, f := range []string{"a.md", "b.md", "c.md", "d.md", "e.md", "f.md"} {
		os.WriteFile(filepath.Join(dir, f), []byte(orig), 0o644)
	}
	es, err := NewEditors(root, 3)
	if err != nil {
		t.Fatal(err)
	}
	var picked []string
	for _, e := range es {
		picked = append(picked, filepath.Base(e.file))
		if err := e.Edit(); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(picked, " ") != "a.md c.md e.md" {
		t.Errorf("picked %v, want a.md c.md e.md", picked)
	}
	for _, e := range es {
		if err := e.Restore(); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range picked {
		if data, _ := os.ReadFile(filepath.Join(dir, f)); string(data) != orig {
			t.Errorf("%s not restored: %q", f, data)
		}
	}
	if _, err := NewEditors(root, 7); err == nil {
		t.Error("7 editors of 6 articles: no error")
	}
}

// A search measurement takes its bytes from the first page and pools the
// latencies of every page.
func TestSummarizeRounds(t *testing.T) {
	qs := []QueryFigure{
		{Bytes: 100, Ms: 50, PageMs: 60}, {Bytes: 10, Ms: 40, PageMs: 45}, {Bytes: 20, Ms: 45, PageMs: 50},
		{Bytes: 999, Ms: 20, PageMs: 25}, {Bytes: 999, Ms: 21, PageMs: 26}, {Bytes: 999, Ms: 22, PageMs: 27},
	}
	f := summarize("x", qs, 2, 3)
	if f.FirstBytes != 100 || f.LaterMedian != 20 || f.LaterMax != 20 {
		t.Errorf("bytes: first %d, later median %d, max %d; want 100, 20, 20 (the first page's)", f.FirstBytes, f.LaterMedian, f.LaterMax)
	}
	if f.MsMedian != 40 || f.MsMax != 50 || f.PageMsMedian != 45 || f.Rounds != 2 {
		t.Errorf("latency: median %v, max %v, page median %v, rounds %d; want 40, 50, 45 over both pages, 2", f.MsMedian, f.MsMax, f.PageMsMedian, f.Rounds)
	}
}

// A search's phases are summed up as the medians of each step's duration,
// each over the queries where the step happened; queries without phases
// (Pagefind's) are left out.
func TestSummarizePhases(t *testing.T) {
	none := Phases{IndexFiles: -1, Index: -1, Asked: -1, Record: -1, Drawn: -1}
	qs := []QueryFigure{
		{Ms: 30, Phases: Phases{IndexFiles: 5, Index: 16, Asked: 20, Record: 24, Drawn: 27}},
		{Ms: 20, Phases: Phases{IndexFiles: 3, Index: 10, Asked: 12, Record: 15, Drawn: 19}},
		// Every file loaded before: rank from the keystroke, no record fetched.
		{Ms: 8, Phases: Phases{IndexFiles: 0, Index: -1, Asked: -1, Record: -1, Drawn: 6}},
		{Ms: 99, Phases: none},
	}
	p := summarizePhases(qs)
	want := PhaseFigures{Queries: 3, IndexFiles: 3, Index: 16, Rank: 4, Record: 4, Draw: 4, Frame: 2}
	if p != want {
		t.Errorf("phases %#v, want %#v", p, want)
	}
	if got := summarizePhases([]QueryFigure{{Ms: 5, Phases: none}}); got.Queries != 0 || got.Index != -1 {
		t.Errorf("no phases: %+v, want 0 queries and -1 medians", got)
	}
}
