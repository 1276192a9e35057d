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
func waitJS(t testing.TB, ctx context.Context, cond string, limit time.Duration) {
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

// BenchmarkSaveToScreen measures, in Chromium, the time from saving an
// article to the new text on screen (one save per iteration), and the
// server's start-up to its first page, on the benchmarks' generated site
// (DANVAN_BENCH_N articles, default 2000, or a copy of DANVAN_BENCH_DIR):
//
//	go test ./internal/serve -run XXX -bench SaveToScreen -benchtime 15x
func BenchmarkSaveToScreen(b *testing.B) {
	path, err := qa.ChromiumPath()
	testenv.Need(b, err)
	br, err := qa.StartBrowser(path)
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
	site := benchSite(b)
	start := time.Now()
	base, stop := startServer(b, site)
	defer stop()
	startUp := time.Since(start)
	file := benchTarget(site)
	slug := strings.TrimSuffix(filepath.Base(file), ".md")
	tab, closeTab, err := br.NewTab()
	if err != nil {
		b.Fatal(err)
	}
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 30*time.Minute)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"bai-viet/"+slug+"/")); err != nil {
		b.Fatal(err)
	}
	orig, _ := os.ReadFile(file)
	defer os.WriteFile(file, orig, 0o644)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		waitJS(b, ctx, `document.documentElement.getAttribute("data-danvan-live") === "1"`, 30*time.Second)
		marker := fmt.Sprintf("Dấu sửa số %d.", i)
		b.StartTimer()
		saved := time.Now()
		writeAtomically(b, file, strings.Replace(string(orig), "\n---\n", "\n---\n"+marker+"\n\n", 1))
		waitJS(b, ctx, `document.body.innerText.includes(`+strconv.Quote(marker)+`)`, 30*time.Second)
		lat = append(lat, time.Since(saved))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "median-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Milliseconds()), "max-ms")
	b.ReportMetric(float64(startUp.Milliseconds()), "start-up-ms")
}
