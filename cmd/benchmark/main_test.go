package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/bench"
)

// The serve phase reads its number from `go test -bench` output: the line
// of the named benchmark, with or without the GOMAXPROCS suffix, and not
// a benchmark whose name only starts the same.
func TestNsPerOp(t *testing.T) {
	out := `goos: linux
BenchmarkRebuildOneArticleCold-2   	      20	 900000000 ns/op
BenchmarkRebuildOneArticle-2   	      20	  52000000 ns/op	 1234 B/op
PASS
`
	if d, ok := nsPerOp(out, "BenchmarkRebuildOneArticle"); !ok || d != 52*time.Millisecond {
		t.Errorf("nsPerOp = %v, %v; want 52ms", d, ok)
	}
	if _, ok := nsPerOp("FAIL\n", "BenchmarkRebuildOneArticle"); ok {
		t.Error("a result found in output without one")
	}
}

func TestParseSizes(t *testing.T) {
	if got, err := parseSizes("1000, 10000"); err != nil || len(got) != 2 || got[1] != 10000 {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "1000,x", "-5"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}

// The simulated deploys keep what the deploy-cache plugin keeps: its
// PATHS line, read from the plugin itself.
func TestPluginPaths(t *testing.T) {
	got, err := pluginPaths("../..")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{".danvan-cache", "public", ".public.prev"}; !slices.Equal(got, want) {
		t.Errorf("plugin keeps %q, want %q", got, want)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(pluginFile)), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"const PATHS = ['public', '../x']\n", "const KEPT = ['public']\n"} {
		if err := os.WriteFile(filepath.Join(dir, pluginFile), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if ps, err := pluginPaths(dir); err == nil {
			t.Errorf("%q: read as %q, want an error", src, ps)
		}
	}
}

// TestWallRange checks the spread printed under the table: shortest and
// longest wall time, whatever the order, and a dash for no runs.
func TestWallRange(t *testing.T) {
	us := []bench.Usage{{Wall: 1200 * time.Millisecond}, {Wall: 860 * time.Millisecond}, {Wall: 905 * time.Millisecond}}
	if got := wallRange(us); got != "0.86–1.20 s" {
		t.Errorf("wallRange = %q, want 0.86–1.20 s", got)
	}
	if got := wallRange(nil); got != "–" {
		t.Errorf("wallRange(nil) = %q, want –", got)
	}
}
