package main

import (
	"testing"
	"time"
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
