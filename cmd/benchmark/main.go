// Command benchmark measures danvan on generated corpora of several sizes
// and, when they are installed, Hugo + Pagefind on the same corpus in the
// same run, and prints a Markdown table. With Chromium installed it also
// measures the search of both sites in the browser: bytes per query and
// keystroke to results (see internal/bench, MeasureDanvan).
//
//	go run ./cmd/benchmark -sizes 1000,10000 -runs 3 [-pagefind PATH] [-search=false]
//
// `benchmark relevance` runs the known-item relevance benchmark instead
// (see relevance.go):
//
//	go run ./cmd/benchmark relevance -n 10000 [-pagefind PATH]
//
// `benchmark scale` compares cold builds of two sizes, in interleaved
// rounds (see scale.go):
//
//	go run ./cmd/benchmark scale -small 10000 -big 50000 -rounds 5
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/qa"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "relevance" {
		if err := runRelevance(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "benchmark relevance:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "scale" {
		if err := runScale(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "benchmark scale:", err)
			os.Exit(1)
		}
		return
	}
	sizes := flag.String("sizes", "1000,10000", "corpus sizes, comma-separated (e.g. 1000,10000,50000)")
	runs := flag.Int("runs", 3, "runs per measurement; the table shows medians")
	work := flag.String("work", filepath.Join(os.TempDir(), "danvan-bench"), "working directory (corpora and outputs)")
	pagefind := flag.String("pagefind", "", "path to the pagefind binary (default: pagefind on PATH)")
	serveBench := flag.Bool("serve", true, "also measure the preview server's one-article rebuild")
	searchBench := flag.Bool("search", true, "also measure search in Chromium (bytes per query, keystroke to results), danvan and Pagefind, when Chromium is installed")
	verbose := flag.Bool("v", false, "show the tools' output")
	flag.Parse()
	if err := run(*sizes, *runs, *work, *pagefind, *serveBench, *searchBench, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(1)
	}
}

type row struct {
	n                      int
	danvan, hugo, pf       bench.Usage
	warm                   bench.Usage   // rebuild after one edited article, caches and previous output kept
	coldRuns, warmRuns     []bench.Usage // every run of danvan behind the medians danvan and warm
	pairRatios             []float64     // each cold danvan build's wall ÷ the Hugo + Pagefind run after it
	deploy                 bench.Usage   // simulated Netlify deploy of the unchanged site (fresh clone, cache put back)
	deployEdited           bench.Usage   // the same, one article edited (title and body) and committed before it
	deployFirstEdited      bench.Usage   // the first such deploy after the cold one: no spare yet (deploys)
	load                   string        // load averages when the size started and ended (the machine may be shared)
	outBytes, searchBytes  int64
	indexBytes             int64 // the bleve index in the build cache (<cache>/search/index)
	outFiles               int
	hugoBytes, pfBytes     int64
	rebuild                string
	haveHugo, havePagefind bool
	search, pfSearch       *bench.SearchFigures // nil when not measured
	requests               *bench.RequestCost   // what danvan's search latency is made of; nil when not measured
}

// benchmark is one run of the command: the settings and the tools found.
type benchmark struct {
	log            io.Writer // the tools' output (-v), else discarded
	root, work     string    // the repository; corpora and outputs
	bin            string    // danvan built from root
	runs           int
	serveBench     bool
	browser        *qa.Browser // nil: search in the browser not measured
	hugo, pagefind string      // "" when not installed
	trash          *trash      // what is done with, deleted when the run ends
}

// run measures each size in turn, then prints the tables. Each phase of a
// size is one function below, in the order they run.
func run(sizeList string, runs int, work, pagefind string, serveBench, searchBench, verbose bool) error {
	sizes, err := parseSizes(sizeList)
	if err != nil {
		return err
	}
	b, err := setUp(runs, work, pagefind, serveBench, searchBench, verbose)
	if err != nil {
		return err
	}
	if b.browser != nil {
		defer b.browser.Close()
	}
	defer b.trash.empty()
	b.trash.settle(func(format string, args ...any) { fmt.Fprintf(os.Stderr, format, args...) })
	ref := takeReference()
	var rows []row
	for _, n := range sizes {
		before := loadAvg()
		r, err := b.measure(n)
		if err != nil {
			return err
		}
		r.load = before + " → " + loadAvg()
		rows = append(rows, r)
	}
	ref.end()
	printBuilds(rows, runs)
	fmt.Println(ref)
	printSearch(rows)
	return nil
}

// parseSizes reads the -sizes list.
func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q", s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// setUp builds danvan into the work folder and finds Chromium, Hugo and
// Pagefind; what is missing is left out of the tables, and said.
func setUp(runs int, work, pagefind string, serveBench, searchBench, verbose bool) (*benchmark, error) {
	b := &benchmark{log: io.Discard, work: work, runs: runs, serveBench: serveBench, pagefind: pagefind, trash: newTrash(work)}
	if verbose {
		b.log = os.Stderr
	}
	var err error
	if b.root, err = os.Getwd(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	b.bin = filepath.Join(work, "danvan")
	if _, err := bench.Run(b.log, b.root, nil, "go", "build", "-o", b.bin, "./cmd/danvan"); err != nil {
		return nil, err
	}
	if searchBench {
		if chrome, err := qa.ChromiumPath(); err != nil {
			fmt.Fprintf(os.Stderr, "search in the browser not measured: %v\n", err)
		} else if b.browser, err = qa.StartBrowser(chrome); err != nil {
			return nil, err
		}
	}
	b.hugo, _ = exec.LookPath("hugo")
	if b.pagefind == "" {
		b.pagefind, _ = exec.LookPath("pagefind")
	}
	return b, nil
}

// historyBatch is how many articles each commit of a corpus's history
// adds (corpus.Commit): 2,000 commits at 10,000 articles.
const historyBatch = 5

// measure runs every phase on a corpus of n articles.
func (b *benchmark) measure(n int) (row, error) {
	r := row{n: n}
	dir := filepath.Join(b.work, fmt.Sprintf("corpus-%d", n))
	fmt.Fprintf(os.Stderr, "%d articles: generating corpus…\n", n)
	if err := b.trash.put(dir); err != nil {
		return r, err
	}
	if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: b.root, Out: dir}); err != nil {
		return r, err
	}
	// A real site's history: danvan reads it (the articles' last-updated
	// dates), and its cost grows with it.
	if err := corpus.Commit(dir, historyBatch); err != nil {
		return r, err
	}
	peers, err := b.newPeers(&r, dir)
	if err != nil {
		return r, err
	}
	if err := b.coldBuilds(&r, dir, peers); err != nil {
		return r, err
	}
	if r.warmRuns, err = warmRebuilds(b.log, b.trash, b.root, b.bin, b.work, dir, n, b.runs); err != nil {
		return r, err
	}
	r.warm = bench.Median(r.warmRuns)
	if r.deploy, r.deployFirstEdited, r.deployEdited, err = deploys(b.log, b.trash, b.root, b.bin, b.work, dir, n, b.runs); err != nil {
		return r, err
	}
	if b.serveBench {
		if r.rebuild, err = b.serveRebuild(dir); err != nil {
			return r, err
		}
	}
	if peers != nil {
		if err := peers.searchPagefind(); err != nil {
			return r, err
		}
	}
	return r, nil
}

// coldBuilds runs `danvan build` with a fresh output folder and an empty
// cache, b.runs times; the first run's output is measured for size, the
// last one's search in Chromium. Each run is followed by the same run of
// the peers (Hugo, then Pagefind), when installed: this machine's speed
// drifts over minutes (a virtual machine on a shared host; the same
// danvan build took 19.5, 22.5 and 25.7 s in a row), and the three
// danvan builds, then the three of the peers, compared one stretch of
// that drift with another.
func (b *benchmark) coldBuilds(r *row, dir string, peers *peers) error {
	var us []bench.Usage
	for i := 0; i < b.runs; i++ {
		out := filepath.Join(b.work, fmt.Sprintf("out-%d-%d", r.n, i))
		cache := filepath.Join(b.work, fmt.Sprintf("cache-%d-%d", r.n, i))
		if err := errors.Join(b.trash.put(out), b.trash.put(cache)); err != nil {
			return err
		}
		u, err := bench.Run(b.log, b.root, nil, b.bin, "build", "-s", dir, "-d", out, "--cache-dir", cache)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "  danvan build %d: %v wall, %v CPU, %s\n", i+1, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
		us = append(us, u)
		if i == 0 {
			r.outBytes, r.outFiles = bench.DirSize(out)
			r.searchBytes, _ = bench.DirSize(filepath.Join(out, "tim-kiem"))
			r.indexBytes, _ = bench.DirSize(filepath.Join(cache, "search", "index"))
		}
		if i == b.runs-1 && b.browser != nil {
			fmt.Fprintf(os.Stderr, "  search in Chromium…\n")
			if r.search, err = bench.MeasureDanvan(context.Background(), b.browser, out); err != nil {
				return err
			}
			if r.requests, err = bench.MeasureRequestCost(context.Background(), b.browser, out); err != nil {
				return err
			}
		}
		if err := errors.Join(b.trash.put(out), b.trash.put(cache)); err != nil {
			return err
		}
		if peers != nil {
			if err := peers.run(i); err != nil {
				return err
			}
			if len(peers.pagefind) > i {
				wall := peers.hugo[i].Wall + peers.pagefind[i].Wall
				ratio := us[i].Wall.Seconds() / wall.Seconds()
				r.pairRatios = append(r.pairRatios, ratio)
				fmt.Fprintf(os.Stderr, "  run %d: danvan ÷ (Hugo+Pagefind) = %.2f (wall)\n", i+1, ratio)
			}
		}
	}
	r.danvan, r.coldRuns = bench.Median(us), us
	if peers != nil {
		r.hugo, r.pf = bench.Median(peers.hugo), bench.Median(peers.pagefind)
	}
	return nil
}

// serveRebuild runs the preview server's one-article rebuild benchmark
// (internal/serve, BenchmarkRebuildOneArticle) on the corpus and returns
// its time per rebuild.
func (b *benchmark) serveRebuild(dir string) (string, error) {
	fmt.Fprintf(os.Stderr, "  serve: one-article rebuild…\n")
	const name = "BenchmarkRebuildOneArticle"
	cmd := exec.Command("go", "test", "./internal/serve", "-run", "XXX", "-bench", strings.TrimPrefix(name, "Benchmark"), "-benchtime", "20x", "-count", "1")
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), "DANVAN_BENCH_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("serve benchmark: %v\n%s", err, out)
	}
	d, ok := nsPerOp(string(out), name)
	if !ok {
		return "", fmt.Errorf("serve benchmark: no %s result in:\n%s", name, out)
	}
	return d.Round(time.Millisecond).String(), nil
}

// nsPerOp reads the time per operation of benchmark name from `go test
// -bench` output ("BenchmarkX-2   20   52000000 ns/op …").
func nsPerOp(out, name string) (time.Duration, bool) {
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) < 4 || f[3] != "ns/op" || (f[0] != name && !strings.HasPrefix(f[0], name+"-")) {
			continue
		}
		if ns, err := strconv.ParseFloat(f[2], 64); err == nil {
			return time.Duration(ns), true
		}
	}
	return 0, false
}

// peers are the builds of the same corpus by Hugo, indexed by Pagefind
// when it is installed.
type peers struct {
	b        *benchmark
	r        *row
	hdir     string        // the Hugo site of the corpus
	pub      string        // its output
	hugo     []bench.Usage // each run of Hugo
	pagefind []bench.Usage // each run of Pagefind
}

// newPeers makes the Hugo site of the corpus in dir; nil when Hugo is not
// installed.
func (b *benchmark) newPeers(r *row, dir string) (*peers, error) {
	if b.hugo == "" {
		return nil, nil
	}
	r.haveHugo = true
	p := &peers{b: b, r: r, hdir: filepath.Join(b.work, fmt.Sprintf("hugo-%d", r.n))}
	p.pub = filepath.Join(p.hdir, "public")
	if err := b.trash.put(p.hdir); err != nil {
		return nil, err
	}
	if err := bench.HugoSite(dir, p.hdir); err != nil {
		return nil, err
	}
	return p, nil
}

// run builds the site with Hugo and indexes it with Pagefind (run i).
func (p *peers) run(i int) error {
	b, r := p.b, p.r
	if err := b.trash.put(p.pub); err != nil {
		return err
	}
	u, err := bench.Run(b.log, p.hdir, nil, b.hugo, "--quiet", "-d", p.pub)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "  hugo %d: %v wall, %v CPU, %s\n", i+1, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
	p.hugo = append(p.hugo, u)
	if i == 0 {
		r.hugoBytes, _ = bench.DirSize(p.pub)
	}
	if b.pagefind == "" {
		return nil
	}
	r.havePagefind = true
	if err := b.trash.put(filepath.Join(p.pub, "pagefind")); err != nil {
		return err
	}
	u, err = bench.Run(b.log, p.hdir, nil, b.pagefind, "--site", p.pub)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "  pagefind %d: %v wall, %v CPU, %s\n", i+1, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
	p.pagefind = append(p.pagefind, u)
	if i == 0 {
		r.pfBytes, _ = bench.DirSize(filepath.Join(p.pub, "pagefind"))
	}
	return nil
}

// searchPagefind measures Pagefind's search in Chromium, on the last
// run's output.
func (p *peers) searchPagefind() error {
	if !p.r.havePagefind || p.b.browser == nil {
		return nil
	}
	fmt.Fprintf(os.Stderr, "  Pagefind search in Chromium…\n")
	var err error
	p.r.pfSearch, err = bench.MeasurePagefind(context.Background(), p.b.browser, p.pub)
	return err
}

// printBuilds prints the build table, one row per size.
func printBuilds(rows []row, runs int) {
	fmt.Printf("\n| articles | danvan wall | danvan CPU | danvan peak RSS | warm rebuild, 1 article edited: wall / CPU / RSS | deploy of the unchanged site (fresh clone, cache restored): wall / CPU | the same, 1 article edited: wall / CPU (the first after the cold deploy) | output | search files | bleve index (cache) | serve rebuild (1 article) | Hugo wall / CPU / RSS | Pagefind wall / CPU / RSS | Hugo+Pagefind wall / CPU | danvan ÷ (Hugo+Pagefind): wall / CPU | load (1 min) |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		peer, ratio, hugoCol, pfCol := "—", "—", "not installed", "not installed"
		if r.haveHugo {
			hugoCol = fmt.Sprintf("%.2f s / %.2f s / %s", r.hugo.Wall.Seconds(), r.hugo.CPU.Seconds(), bench.MiB(r.hugo.PeakRSS))
		}
		if r.havePagefind {
			pfCol = fmt.Sprintf("%.2f s / %.2f s / %s", r.pf.Wall.Seconds(), r.pf.CPU.Seconds(), bench.MiB(r.pf.PeakRSS))
		}
		if r.haveHugo && r.havePagefind {
			// On a shared machine the CPU ratio is the steadier one: wall
			// times stretch with everyone else's load.
			wall, cpu := r.hugo.Wall+r.pf.Wall, r.hugo.CPU+r.pf.CPU
			peer = fmt.Sprintf("%.2f s / %.2f s", wall.Seconds(), cpu.Seconds())
			ratio = fmt.Sprintf("%.2f / %.2f", r.danvan.Wall.Seconds()/wall.Seconds(), r.danvan.CPU.Seconds()/cpu.Seconds())
		}
		rebuild := r.rebuild
		if rebuild == "" {
			rebuild = "—"
		}
		fmt.Printf("| %d | %.2f s | %.2f s | %s | %.2f s / %.2f s / %s | %.2f s / %.2f s | %.2f s / %.2f s (%.2f s / %.2f s) | %s (%d files) | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.n, r.danvan.Wall.Seconds(), r.danvan.CPU.Seconds(), bench.MiB(r.danvan.PeakRSS),
			r.warm.Wall.Seconds(), r.warm.CPU.Seconds(), bench.MiB(r.warm.PeakRSS), r.deploy.Wall.Seconds(), r.deploy.CPU.Seconds(),
			r.deployEdited.Wall.Seconds(), r.deployEdited.CPU.Seconds(), r.deployFirstEdited.Wall.Seconds(), r.deployFirstEdited.CPU.Seconds(), bench.MiB(r.outBytes), r.outFiles, bench.MiB(r.searchBytes), bench.MiB(r.indexBytes), rebuild, hugoCol, pfCol, peer, ratio, r.load)
	}
	fmt.Printf("\nMedians of %d runs on %d CPUs; corpus seed 1 (cmd/gencorpus), a git repository whose history adds the articles %d a commit.\n", runs, numCPU(), historyBatch)
	// The machine's speed drifts between runs: the spread says how far a
	// median can be trusted.
	for _, r := range rows {
		fmt.Printf("Spread at %d articles: danvan cold %s, warm rebuild %s", r.n, wallRange(r.coldRuns), wallRange(r.warmRuns))
		if len(r.pairRatios) > 0 {
			ratios := make([]string, len(r.pairRatios))
			for i, x := range r.pairRatios {
				ratios[i] = fmt.Sprintf("%.2f", x)
			}
			fmt.Printf("; danvan ÷ (Hugo+Pagefind) run by run %s", strings.Join(ratios, ", "))
		}
		fmt.Printf(".\n")
	}
}

// wallRange is the shortest and longest wall time of us, "–" when empty.
func wallRange(us []bench.Usage) string {
	if len(us) == 0 {
		return "–"
	}
	lo, hi := us[0].Wall, us[0].Wall
	for _, u := range us[1:] {
		lo, hi = min(lo, u.Wall), max(hi, u.Wall)
	}
	return fmt.Sprintf("%.2f–%.2f s", lo.Seconds(), hi.Seconds())
}

// warmRebuilds measures `danvan build` after one edited article, with the
// cache and the output (and its spare) of the previous build kept: a cold
// build and one edit prime them, then each run edits an article (another
// each time) and rebuilds. The articles are put back afterwards.
func warmRebuilds(log io.Writer, trash *trash, root, bin, work, dir string, n, runs int) ([]bench.Usage, error) {
	out := filepath.Join(work, fmt.Sprintf("warm-%d", n), "public")
	cache := filepath.Join(work, fmt.Sprintf("warm-%d", n), "cache")
	if err := trash.put(filepath.Dir(out)); err != nil {
		return nil, err
	}
	defer trash.put(filepath.Dir(out))
	build := func() (bench.Usage, error) {
		return bench.Run(log, root, nil, bin, "build", "-s", dir, "-d", out, "--cache-dir", cache)
	}
	// Each run edits another article, one the index still holds as the
	// cold build left it: an editor's next edit is seldom the article
	// edited last (editing one article again and again measured about
	// 0.1–0.2 s less at 10,000: its postings sit in a small segment of
	// their own). The article of the run before is put back, and built,
	// untimed, first. The first edit, untimed, primes the spare output
	// folder (.public.prev) an editor's builds find: the first build after
	// a cold one has none and makes every folder afresh (at 10,000
	// articles 3.6 s against 2.2 s and 1.8 s for the next two, in one run).
	eds, err := bench.NewEditors(dir, runs+1)
	if err != nil {
		return nil, err
	}
	for _, ed := range eds {
		defer ed.Restore()
	}
	if _, err := build(); err != nil {
		return nil, err
	}
	var us []bench.Usage
	for i, ed := range eds {
		if i > 0 {
			if err := eds[i-1].Restore(); err != nil {
				return nil, err
			}
			if _, err := build(); err != nil {
				return nil, err
			}
		}
		if err := ed.Edit(); err != nil {
			return nil, err
		}
		u, err := build()
		if err != nil {
			return nil, err
		}
		if i == 0 {
			continue // the primer
		}
		fmt.Fprintf(os.Stderr, "  danvan warm rebuild %d (1 article edited): %v wall, %v CPU, %s\n", i, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
		us = append(us, u)
	}
	return us, eds[len(eds)-1].Restore()
}

// loadAvg is the one-minute load average (/proc/loadavg), or "?".
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func numCPU() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}

// printSearch prints the search figures measured in Chromium, if any.
func printSearch(rows []row) {
	var lines []string
	for _, r := range rows {
		for _, f := range []*bench.SearchFigures{r.search, r.pfSearch} {
			if f != nil {
				lines = append(lines, fmt.Sprintf("| %d | %s | %.1f KB | %.1f KB | %.1f KB | %.0f ms | %.0f ms | %.0f ms |", r.n, f.Engine,
					float64(f.FirstBytes)/1024, float64(f.LaterMedian)/1024, float64(f.LaterMax)/1024, f.MsMedian, f.MsMax, f.PageMsMedian))
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Printf("\n| articles | search | first query | later queries, median | later, max | keystroke → first results, median | max | → whole first page, median |\n|---|---|---|---|---|---|---|---|\n")
	fmt.Println(strings.Join(lines, "\n"))
	for _, r := range rows {
		if r.requests != nil {
			fmt.Printf("\nWhat danvan's latency is made of at %d articles (a search fetches one file per query word and word pair, then the first 5 results' records, one request each, the first ahead of the others): %s.\n", r.n, r.requests)
			if r.search != nil && r.search.Phases.Queries > 0 {
				fmt.Printf("Where the time of a search went at %d articles (%s).\n", r.n, r.search.Phases)
			}
		}
	}
	fmt.Printf("\nSearch: %d queries (%s), each on %d fresh pages, in headless Chromium on 127.0.0.1; bytes counted at the server (gzip as Netlify serves, each file compressed once: bench.CDN) on the first page, the first query's including the client; latencies are medians over every page, and load-sensitive (see uptime).\n",
		len(bench.SearchQueries), strings.Join(bench.SearchQueries, ", "), bench.SearchRounds)
}
