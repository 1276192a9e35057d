package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/progress"
)

// `benchmark scale` measures how a cold build grows with the site: the
// issue's figure is the 50,000-article build against five times the
// 10,000-article one. This machine's speed drifts by a fifth and more
// within minutes (a virtual machine on a shared host: the same cold 10k
// build took 9.2 s and 14.1 s within the hour, with 14.4 and 20.8 s of
// user time for the same work), so the two sizes are not measured in two
// stretches of that drift: each round builds the small site, the big one,
// the small one again, and compares the big build with the mean of the two
// around it. Every build starts cold: a fresh output folder and an empty
// cache, as on a first deploy. A second table gives the same ratio for
// each stage of the build, read from the step lines danvan prints, so the
// stage that grows faster than the site shows itself.
//
//	go run ./cmd/benchmark scale -small 10000 -big 50000 -rounds 5
//
// Disk: each round keeps its outputs and caches until the end (about
// 5 GB a round at 50,000 articles), since deleting them between builds
// slows the next ones (trash.go).

// scaleRound is one round: the small site, the big one, the small again.
type scaleRound struct {
	before, big, after bench.Usage
	stages             [3]stageTimes // of before, big and after
}

// stageTimes is a build's time in each of its stages (as danvan prints
// them: progress.ParseStep), and their order.
type stageTimes struct {
	names []string
	secs  map[string]float64
}

// readStages reads the finished steps from a build's output. A name seen
// twice adds up.
func readStages(out string) stageTimes {
	st := stageTimes{secs: map[string]float64{}}
	for _, line := range strings.SplitAfter(out, "\n") {
		name, d, ok := progress.ParseStep(line)
		if !ok {
			continue
		}
		if _, seen := st.secs[name]; !seen {
			st.names = append(st.names, name)
		}
		st.secs[name] += d.Seconds()
	}
	return st
}

// wallRatio is the big build's wall time over the mean of the small
// builds around it.
func (r scaleRound) wallRatio() float64 {
	return r.big.Wall.Seconds() / ((r.before.Wall.Seconds() + r.after.Wall.Seconds()) / 2)
}

// cpuRatio is wallRatio for CPU time (user + system).
func (r scaleRound) cpuRatio() float64 {
	return r.big.CPU.Seconds() / ((r.before.CPU.Seconds() + r.after.CPU.Seconds()) / 2)
}

// ratioSummary is the mean and the median of ratios.
func ratioSummary(ratios []float64) (mean, median float64) {
	if len(ratios) == 0 {
		return 0, 0
	}
	s := slices.Clone(ratios)
	slices.Sort(s)
	for _, x := range s {
		mean += x
	}
	mean /= float64(len(s))
	if n := len(s); n%2 == 1 {
		median = s[n/2]
	} else {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return mean, median
}

// runScale is `benchmark scale`.
func runScale(args []string) error {
	fl := flag.NewFlagSet("benchmark scale", flag.ContinueOnError)
	small := fl.Int("small", 10000, "articles in the small corpus (seed 1)")
	big := fl.Int("big", 50000, "articles in the big corpus (seed 1)")
	rounds := fl.Int("rounds", 5, "rounds of (small, big, small) cold builds")
	target := fl.Float64("target", 5, "the largest acceptable ratio, said beside the result")
	work := fl.String("work", filepath.Join(os.TempDir(), "danvan-bench"), "working directory (corpora and outputs)")
	verbose := fl.Bool("v", false, "show danvan's output")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *small <= 0 || *big <= *small || *rounds <= 0 {
		return fmt.Errorf("need 0 < -small < -big and -rounds > 0 (have %d, %d, %d)", *small, *big, *rounds)
	}
	b, err := setUp(1, *work, "", false, false, *verbose)
	if err != nil {
		return err
	}
	defer b.trash.empty()
	dirs := map[int]string{}
	for _, n := range []int{*small, *big} {
		dirs[n] = filepath.Join(b.work, fmt.Sprintf("scale-corpus-%d", n))
		fmt.Fprintf(os.Stderr, "%d articles: generating corpus…\n", n)
		if err := b.trash.put(dirs[n]); err != nil {
			return err
		}
		if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: b.root, Out: dirs[n]}); err != nil {
			return err
		}
	}
	b.trash.settle(func(format string, args ...any) { fmt.Fprintf(os.Stderr, format, args...) })
	cold := func(n, round int, which string) (bench.Usage, stageTimes, error) {
		out := filepath.Join(b.work, fmt.Sprintf("scale-out-%d-%d-%s", n, round, which))
		cache := out + "-cache"
		if err := errors.Join(b.trash.put(out), b.trash.put(cache)); err != nil {
			return bench.Usage{}, stageTimes{}, err
		}
		var log bytes.Buffer
		u, err := bench.Run(io.MultiWriter(&log, b.log), b.root, nil, b.bin, "build", "-s", dirs[n], "-d", out, "--cache-dir", cache)
		if err != nil {
			return u, stageTimes{}, err
		}
		fmt.Fprintf(os.Stderr, "  round %d, %d articles: %v wall, %v CPU, %s\n", round, n, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
		return u, readStages(log.String()), errors.Join(b.trash.put(out), b.trash.put(cache))
	}
	ref := takeReference()
	var rs []scaleRound
	for i := 1; i <= *rounds; i++ {
		var r scaleRound
		if r.before, r.stages[0], err = cold(*small, i, "before"); err != nil {
			return err
		}
		if r.big, r.stages[1], err = cold(*big, i, "big"); err != nil {
			return err
		}
		if r.after, r.stages[2], err = cold(*small, i, "after"); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "  round %d: %.2f× (wall), %.2f× (CPU)\n", i, r.wallRatio(), r.cpuRatio())
		rs = append(rs, r)
	}
	ref.end()
	printScale(os.Stdout, rs, *small, *big, *target)
	fmt.Println(ref)
	return nil
}

// printScale prints the rounds as a Markdown table, then the mean and the
// median ratio against the target.
func printScale(w io.Writer, rs []scaleRound, small, big int, target float64) {
	fmt.Fprintf(w, "\n| round | %d wall / CPU / peak | %d wall / CPU / peak | %d again | %d ÷ mean %d: wall / CPU |\n", small, big, small, big, small)
	fmt.Fprintf(w, "|---|---|---|---|---|\n")
	cell := func(u bench.Usage) string {
		return fmt.Sprintf("%.2f s / %.2f s / %s", u.Wall.Seconds(), u.CPU.Seconds(), bench.MiB(u.PeakRSS))
	}
	var walls, cpus []float64
	for i, r := range rs {
		fmt.Fprintf(w, "| %d | %s | %s | %s | %.2f / %.2f |\n", i+1, cell(r.before), cell(r.big), cell(r.after), r.wallRatio(), r.cpuRatio())
		walls, cpus = append(walls, r.wallRatio()), append(cpus, r.cpuRatio())
	}
	wm, wmed := ratioSummary(walls)
	cm, cmed := ratioSummary(cpus)
	verdict := "met"
	if wm > target {
		verdict = "missed"
	}
	fmt.Fprintf(w, "\nCold builds, %d rounds on %d CPUs; corpus seed 1 (cmd/gencorpus). Wall ratio: mean %.2f, median %.2f (target ≤ %s: %s, by the mean). CPU ratio: mean %.2f, median %.2f.\n",
		len(rs), numCPU(), wm, wmed, strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", target), "0"), "."), verdict, cm, cmed)
	printStages(w, rs, small, big)
}

// printStages prints each stage's mean time at both sizes and its ratio:
// the mean over the rounds of the big build's time over the mean of the
// small builds around it, as for the whole build. Stages run beside each
// other (the search index beside the pages, in a warm build) overlap, so
// their times need not add up to the build's.
func printStages(w io.Writer, rs []scaleRound, small, big int) {
	var names []string
	seen := map[string]bool{}
	for _, r := range rs {
		for _, st := range r.stages {
			for _, n := range st.names {
				if !seen[n] {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
	}
	if len(names) == 0 {
		return
	}
	fmt.Fprintf(w, "\n| stage | %d, mean | %d, mean | ratio: mean (median) of rounds |\n|---|---|---|---|\n", small, big)
	for _, n := range names {
		var smallSum, bigSum float64
		var ratios []float64
		for _, r := range rs {
			s := (r.stages[0].secs[n] + r.stages[2].secs[n]) / 2
			smallSum += s
			bigSum += r.stages[1].secs[n]
			if s > 0 {
				ratios = append(ratios, r.stages[1].secs[n]/s)
			}
		}
		ratio := "—"
		if mean, median := ratioSummary(ratios); len(ratios) > 0 {
			ratio = fmt.Sprintf("%.2f (%.2f)", mean, median)
		}
		fmt.Fprintf(w, "| %s | %.2f s | %.2f s | %s |\n", n, smallSum/float64(len(rs)), bigSum/float64(len(rs)), ratio)
	}
}
