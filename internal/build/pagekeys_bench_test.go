package build

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/quangngai/danvan/internal/corpus"
)

// BenchmarkPageKeys measures the keys of every page of a generated site
// (DANVAN_BENCH_N articles, default 2000), the part of a warm build that
// decides which pages to render again. Run:
// go test ./internal/build -run XXX -bench PageKeys -benchtime 5x
func BenchmarkPageKeys(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("DANVAN_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	root, _ := filepath.Abs("../..")
	dir := filepath.Join(b.TempDir(), "site")
	if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: root, Out: dir}); err != nil {
		b.Fatal(err)
	}
	res, err := Check(Options{Source: dir})
	if err != nil || res.Site == nil {
		b.Fatalf("load: %v", err)
	}
	reports, err := res.Renderer.ReportFiles(res.Site, discard{})
	if err != nil {
		b.Fatal(err)
	}
	pages := append(res.Renderer.Pages(res.Site), reports...)
	b.ReportMetric(float64(len(pages)), "pages")
	b.ResetTimer()
	for range b.N {
		res.Renderer.Keys(pages)
	}
}

// discard is an output that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
