package serve

import (
	"context"
	"fmt"
	"github.com/quangngai/danvan/internal/sitetest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/testenv"
)

// TestServeInChromium drives the preview server as an editor would: a page
// open in Chromium, an edit to the article, the reload with the new text;
// broken frontmatter, the error overlay; the fix, the recovery.
func TestServeInChromium(t *testing.T) {
	path, err := qa.ChromiumPath()
	testenv.Need(t, err)
	b, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	defer b.Close()

	site := sitetest.Copy(t)
	base, stop := startServer(t, site)
	defer stop()
	tab, closeTab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()

	page := base + "bai-viet/trong-rau-an-toan-nghia-ha/"
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(page)); err != nil {
		t.Fatal(err)
	}
	// The live-reload script connects before we edit.
	waitJS(t, ctx, `document.documentElement.getAttribute("data-danvan-live") === "1"`, 20*time.Second)

	art := filepath.Join(site, "content/bai-viet/trong-rau-an-toan-nghia-ha.md")
	src, _ := os.ReadFile(art)
	edited := strings.Replace(string(src), "\n---\n", "\n---\nCâu mới viết trong lúc xem thử.\n\n", 1)
	start := time.Now()
	writeAtomically(t, art, edited)
	waitJS(t, ctx, `document.body.innerText.includes("Câu mới viết trong lúc xem thử.")`, 30*time.Second)
	t.Logf("save → new text shown in Chromium: %v", time.Since(start).Round(time.Millisecond))

	os.WriteFile(art, []byte(strings.Replace(edited, "area: kinh-te", "area: kinh-tee", 1)), 0o644)
	waitJS(t, ctx, `(() => { const o = document.getElementById("danvan-loi"); return !!o && o.innerText.includes("trong-rau-an-toan-nghia-ha.md:") && o.innerText.includes("kinh-tee"); })()`, 30*time.Second)

	os.WriteFile(art, []byte(edited), 0o644)
	waitJS(t, ctx, `!document.getElementById("danvan-loi") && document.body.innerText.includes("Câu mới viết trong lúc xem thử.")`, 30*time.Second)
}

// waitJS polls a JavaScript condition until it is true; the page may be
// reloading meanwhile, so evaluation errors just mean "not yet".
func waitJS(t *testing.T, ctx context.Context, cond string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not true within %v: %s", limit, cond)
}

// TestServeLatencyCorpus measures, in Chromium, the time from saving an
// article to the new text on screen, on a generated site. It runs only
// with DANVAN_SERVE_CORPUS=<site dir> (a benchmark, not a gate):
//
//	go run ./cmd/gencorpus -n 2000 -o /tmp/c2k && DANVAN_SERVE_CORPUS=/tmp/c2k go test ./internal/serve -run LatencyCorpus -v
func TestServeLatencyCorpus(t *testing.T) {
	src := os.Getenv("DANVAN_SERVE_CORPUS")
	if src == "" {
		t.Skip("set DANVAN_SERVE_CORPUS to a generated site to measure")
	}
	path, err := qa.ChromiumPath()
	testenv.Need(t, err)
	b, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	base, stop := startServer(t, site)
	defer stop()
	t.Logf("serve start-up to first page ready: %v", time.Since(start).Round(time.Millisecond))
	files, _ := filepath.Glob(filepath.Join(site, "content/bai-viet/*/*.md"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(site, "content/bai-viet/*.md"))
	}
	file := files[len(files)/2]
	rel, _ := filepath.Rel(site, file)
	slug := strings.TrimSuffix(filepath.Base(rel), ".md")
	tab, closeTab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"bai-viet/"+slug+"/")); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(file)
	var lat []time.Duration
	for i := 0; i < 15; i++ {
		waitJS(t, ctx, `document.documentElement.getAttribute("data-danvan-live") === "1"`, 30*time.Second)
		marker := fmt.Sprintf("Dấu sửa số %d.", i)
		start := time.Now()
		writeAtomically(t, file, strings.Replace(string(orig), "\n---\n", "\n---\n"+marker+"\n\n", 1))
		waitJS(t, ctx, `document.body.innerText.includes(`+strconv.Quote(marker)+`)`, 30*time.Second)
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("save → new text in Chromium over %d edits: median %v, min %v, max %v", len(lat), lat[len(lat)/2].Round(time.Millisecond), lat[0].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
}
