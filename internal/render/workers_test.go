package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// memOutput keeps the files written to it.
type memOutput struct {
	mu    sync.Mutex
	files map[string]string
	fail  string // a file name whose write fails, or ""
}

func (o *memOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if name == o.fail {
		return fmt.Errorf("đĩa đầy: %s", name)
	}
	o.files[name] = string(data)
	return nil
}

// withProcs runs Load and the test under n cores' worth of workers.
func withProcs(t *testing.T, n int) {
	t.Helper()
	old := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

// Each worker of RenderPages renders with its own copy of the templates,
// whose `cached` renders with that copy: rendering through a copy leaves
// the loaded set unexecuted (html/template could not copy it otherwise),
// and every page is what Render makes of it.
func TestWorkersRenderWithTheirOwnTemplates(t *testing.T) {
	withProcs(t, 3)
	r, _, err := Load(cardLayouts(`{{range .Site.Articles}}{{cached $ "card-a" .}}{{cached $ "card-b" .}}{{end}}`), testAssets)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.workers) != 2 {
		t.Fatalf("%d worker sets for 3 cores, want 2", len(r.workers))
	}
	for i, set := range r.workers {
		if set["home"] == nil || set["home"] == r.pages["home"] {
			t.Fatalf("worker %d: no copy of its own of the home template", i+1)
		}
	}
	p, _ := testPage()
	var buf bytes.Buffer
	p.memo = newMemo()
	if err := executeIn(r.workers[0], &buf, p); err != nil {
		t.Fatal(err)
	}
	p.memo = nil
	if _, err := r.pages["home"].Clone(); err != nil {
		t.Errorf("rendering with a worker's copy executed the loaded templates: %v", err)
	}
	if _, err := r.workers[1]["home"].Clone(); err != nil {
		t.Errorf("rendering with one worker's copy executed another's: %v", err)
	}

	// Many pages, more than the workers, each written once as Render makes it.
	var pages []*Page
	for i := range 50 {
		p, art := testPage()
		art.Title = fmt.Sprintf("Bài %d <b>", i)
		p.URL = fmt.Sprintf("/trang-%d/", i)
		pages = append(pages, p)
	}
	out := &memOutput{files: map[string]string{}}
	if err := r.RenderPages(pages, out); err != nil {
		t.Fatal(err)
	}
	if len(out.files) != len(pages) {
		t.Fatalf("%d files written for %d pages", len(out.files), len(pages))
	}
	for _, p := range pages {
		want := render(t, r, p, false)
		if got := out.files[FileFor(p.URL)]; got != want {
			t.Errorf("%s: RenderPages wrote\n%s\nRender makes\n%s", p.URL, got, want)
		}
	}
}

// The first failure (a page without a template, a file not written) is
// what RenderPages returns. A worker stops at its failure: alone, it
// writes none of the pages after it.
func TestRenderPagesStopsAtAFailure(t *testing.T) {
	for _, procs := range []int{1, 2} {
		withProcs(t, procs)
		r, _, err := Load(layouts(`{{range .Site.Articles}}{{.Title}}{{end}}`), testAssets)
		if err != nil {
			t.Fatal(err)
		}
		var pages []*Page
		for i := range 200 {
			p, _ := testPage()
			p.URL = fmt.Sprintf("/trang-%d/", i)
			pages = append(pages, p)
		}
		pages[3].Kind = "khong-co"
		out := &memOutput{files: map[string]string{}}
		err = r.RenderPages(pages, out)
		if err == nil || !strings.Contains(err.Error(), "layouts/khong-co.html") {
			t.Fatalf("%d workers: RenderPages = %v, want the missing template named", procs, err)
		}
		if procs == 1 && len(out.files) != 3 {
			t.Errorf("one worker wrote %d pages, want the 3 before the failure", len(out.files))
		}
		out = &memOutput{files: map[string]string{}, fail: "/trang-7/index.html"}
		pages[3].Kind = "home"
		if err := r.RenderPages(pages, out); err == nil || !strings.Contains(err.Error(), "đĩa đầy: /trang-7/") {
			t.Fatalf("%d workers: RenderPages = %v, want the failed write", procs, err)
		}
		if procs == 1 && len(out.files) != 7 {
			t.Errorf("one worker wrote %d pages, want the 7 before the failure", len(out.files))
		}
	}
}
