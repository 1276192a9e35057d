package search_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/testenv"
)

// TestSearchOnTheWire measures, in Chromium, the bytes each query
// downloads (counted at the server, gzip as Netlify serves) and the time
// from the keystroke to rendered results, for danvan's search on a built
// site (DANVAN_SEARCH_SITE) and, when DANVAN_PAGEFIND_SITE names a site
// indexed by Pagefind, for Pagefind on the same queries. A benchmark,
// skipped unless those are set; numbers are logged, not asserted
// (DANVAN_SEARCH_ROUNDS=N repeats it; DANVAN_SEARCH_TYPED=1 also types
// each query a letter at a time, 150 ms apart):
//
//	go run ./cmd/danvan build -s /tmp/corpus-10k -d /tmp/site-10k
//	DANVAN_SEARCH_SITE=/tmp/site-10k go test ./internal/search -run OnTheWire -v
func TestSearchOnTheWire(t *testing.T) {
	dir := os.Getenv("DANVAN_SEARCH_SITE")
	if dir == "" {
		t.Skip("set DANVAN_SEARCH_SITE to a built site to measure")
	}
	path, err := qa.ChromiumPath()
	testenv.Need(t, err)
	b, err := qa.StartBrowser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	report := func(f *bench.SearchFigures, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range f.Queries {
			t.Logf("%s %-22q %6.1f KB %6.1f ms (whole page %6.1f ms)", f.Engine, q.Query, float64(q.Bytes)/1024, q.Ms, q.PageMs)
		}
		t.Log(f)
	}
	// Latency depends on the machine's load: DANVAN_SEARCH_ROUNDS repeats
	// the measurement on fresh pages (bytes are the same each round).
	rounds, _ := strconv.Atoi(os.Getenv("DANVAN_SEARCH_ROUNDS"))
	for r := 0; r < max(1, rounds); r++ {
		report(bench.MeasureDanvan(context.Background(), b, dir))
		if os.Getenv("DANVAN_SEARCH_TYPED") != "" {
			report(bench.MeasureDanvanTyped(context.Background(), b, dir, 150*time.Millisecond))
		}
		if pf := os.Getenv("DANVAN_PAGEFIND_SITE"); pf != "" {
			report(bench.MeasurePagefind(context.Background(), b, pf))
		}
	}
}
