package build

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/quangngai/danvan/internal/corpus"
)

// BenchmarkPageKeys measures the part of a build that decides which pages
// to render again, on a generated site (DANVAN_BENCH_N articles, default
// 2000): "all" keys every page and records the articles each read (a cold
// build, or one whose site graph changed); "one-edited" is a warm build's
// work after one article's title and body changed (keysOf: the
// fingerprints of every article, then the keys of the pages that read
// it). Run:
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
	core := len(pages) - len(reports)
	b.Run("all", func(b *testing.B) {
		b.ReportMetric(float64(len(pages)), "pages")
		for range b.N {
			res.Renderer.KeysAndArticles(pages, runtime.GOMAXPROCS(0), nil)
		}
	})
	b.Run("one-edited", func(b *testing.B) {
		sitewide := [32]byte{1} // any: the same in both builds
		first := &pageCache{Pages: map[string]pageEntry{}}
		keys, arts, _, graph, displays := keysOf(res, first, sitewide, pages, core, runtime.GOMAXPROCS(0), nil)
		prev := &pageCache{Graph: graph, Displays: slices.Clone(displays), Pages: map[string]pageEntry{}}
		for i, p := range pages {
			prev.Pages[p.URL] = pageEntry{Key: keys[i], Articles: arts[i]}
		}
		prev.Displays[len(displays)/2][0] ^= 1 // the article in the middle was edited
		var keyed int
		for range b.N {
			_, _, keyed, _, _ = keysOf(res, prev, sitewide, pages, core, runtime.GOMAXPROCS(0), nil)
		}
		b.ReportMetric(float64(keyed), "keyed")
	})
}

// discard is an output that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
