package serve

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// BenchmarkRebuildOneArticle measures the preview server's rebuild after
// one article changes, on a generated site (DANVAN_BENCH_N articles,
// default 2000). Run: go test ./internal/serve -bench RebuildOne -benchtime 20x
func BenchmarkRebuildOneArticle(b *testing.B) {
	dir := benchSite(b)
	s := &Server{opts: Options{Source: dir, Delay: time.Millisecond}, fsys: os.DirFS(dir), base: "http://127.0.0.1:1/", contentCache: content.NewWatchedCache(), bodyCache: site.NewBodyCache(), clients: map[chan event]bool{}}
	start := time.Now()
	if err := s.rebuild(false); err != nil || s.errs != nil {
		b.Fatalf("first build: %v %v", err, s.errs)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "first-build-ms")
	target := benchTarget(dir)
	orig, _ := os.ReadFile(target)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	if pf := os.Getenv("DANVAN_BENCH_CPU"); pf != "" {
		f, _ := os.Create(pf)
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for i := 0; i < b.N; i++ {
		editAndRebuild(b, s, dir, target, orig, i)
		// Render the edited page as the browser would request it.
		var w discardWriter
		s.page(&w, s.cur, s.cur.pages[s.pageOf(target)], 200)
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "heap-MiB-after")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-growth-MiB")
	runtime.KeepAlive(s)
}

// BenchmarkSearchAfterEdit measures what the search page waits for after
// one article changes: the rebuild, then the extras (feeds, sitemap, the
// search export read out of the bleve index, updated by one article), on a
// cache warmed by the first build. Same sites as BenchmarkRebuildOneArticle.
func BenchmarkSearchAfterEdit(b *testing.B) {
	dir := benchSite(b)
	idx, err := store.Open(filepath.Join(b.TempDir(), "search"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	s := &Server{opts: Options{Source: dir, Delay: time.Millisecond}, fsys: os.DirFS(dir), base: "http://127.0.0.1:1/", contentCache: content.NewWatchedCache(), bodyCache: site.NewBodyCache(), search: idx, clients: map[chan event]bool{}}
	start := time.Now()
	if err := s.rebuild(false); err != nil || s.errs != nil {
		b.Fatalf("first build: %v %v", err, s.errs)
	}
	if _, ok := s.cur.extra("/tim-kiem/manifest.json"); !ok {
		b.Fatalf("no search manifest: %v", s.cur.xerr)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "first-build-ms")
	target := benchTarget(dir)
	orig, _ := os.ReadFile(target)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		editAndRebuild(b, s, dir, target, orig, i)
		if _, ok := s.cur.extra("/tim-kiem/manifest.json"); !ok {
			b.Fatalf("no search manifest: %v", s.cur.xerr)
		}
	}
}

// pageOf finds the URL of the article at a file path.
func (s *Server) pageOf(file string) string {
	rel, _ := filepath.Rel(s.opts.Source, file)
	for _, a := range s.cur.res.Site.Articles {
		if a.Path == filepath.ToSlash(rel) {
			return a.URL
		}
	}
	return "/"
}

type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header {
	if d.h == nil {
		d.h = http.Header{}
	}
	return d.h
}
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(int)             {}

// benchSite is the site the benchmarks edit: a generated one
// (DANVAN_BENCH_N articles, default 2000), or a copy of DANVAN_BENCH_DIR,
// an existing generated site (e.g. from cmd/benchmark).
func benchSite(b *testing.B) string {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("DANVAN_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	root, _ := filepath.Abs("../..")
	dir := filepath.Join(b.TempDir(), "site")
	if src := os.Getenv("DANVAN_BENCH_DIR"); src != "" {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
		return dir
	}
	if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: root, Out: dir}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchTarget is the article the benchmarks edit: one in the middle.
func benchTarget(dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "content/bai-viet/*/*.md"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(dir, "content/bai-viet/*.md"))
	}
	return files[len(files)/2]
}

// editAndRebuild appends the i-th edit to the article at target (orig is
// its text), tells the cache as the watcher would, and rebuilds.
func editAndRebuild(b *testing.B, s *Server, dir, target string, orig []byte, i int) {
	b.Helper()
	data := append(append([]byte(nil), orig...), []byte(fmt.Sprintf("\nĐoạn sửa lần %d.\n", i))...)
	if err := os.WriteFile(target, data, 0o644); err != nil {
		b.Fatal(err)
	}
	// What the watcher does on the file's event.
	os.Chtimes(target, time.Now(), time.Unix(int64(1_700_000_000+i), 0))
	rel, _ := filepath.Rel(dir, target)
	if _, err := s.apply(map[string]bool{filepath.ToSlash(rel): true}); err != nil || s.errs != nil {
		b.Fatalf("rebuild: %v %v", err, s.errs)
	}
}
