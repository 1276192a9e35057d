package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/bench"
	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/site"
)

// runRelevance is `benchmark relevance`: the known-item benchmark of
// internal/bench (relevance.go) for danvan and, when Hugo, Pagefind and
// Chromium are installed, for Pagefind on the same corpus.
//
//	go run ./cmd/benchmark relevance -n 10000 [-per 120] [-names 10] [-pagefind PATH]
func runRelevance(args []string) error {
	fl := flag.NewFlagSet("benchmark relevance", flag.ContinueOnError)
	n := fl.Int("n", 10000, "articles in the generated corpus (seed 1)")
	per := fl.Int("per", 120, "queries of each form made from the corpus's articles")
	names := fl.Int("names", 10, "articles planted with a name of two common syllables (two queries each)")
	work := fl.String("work", filepath.Join(os.TempDir(), "danvan-bench"), "working directory (corpus and outputs)")
	pagefind := fl.String("pagefind", "", "path to the pagefind binary (default: pagefind on PATH); none: danvan alone")
	reuse := fl.Bool("reuse", false, "reuse the corpus (its articles; layouts and settings are copied again) and the Hugo + Pagefind site of an earlier run (rebuild danvan only)")
	cliRuns := fl.Int("cli", 30, "time danvan search (the built binary, reading this build's export) on this many of the queries")
	rebuild := fl.Bool("build", true, "build the danvan site (false: rank with the export of the last run, when only the scorer changed)")
	misses := fl.String("misses", "", "write every query not answered first, with each engine's top 3, to this JSON file")
	if err := fl.Parse(args); err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	dir := filepath.Join(*work, fmt.Sprintf("relevance-%d", *n))
	corpusDir := filepath.Join(dir, "corpus")
	if !*reuse {
		fmt.Fprintf(os.Stderr, "%d articles: generating corpus…\n", *n)
		if _, err := corpus.Generate(corpus.Options{N: *n, Seed: 1, Template: root, Out: corpusDir}); err != nil {
			return err
		}
		res, err := build.Prepare(os.DirFS(corpusDir), build.Options{Source: corpusDir})
		if err != nil {
			return err
		}
		planted, err := bench.PlantNames(res.Site, *names, 1, func(a *site.Article) ([]byte, error) {
			return os.ReadFile(filepath.Join(corpusDir, filepath.FromSlash(a.Path)))
		})
		if err != nil {
			return err
		}
		for _, p := range planted {
			path := filepath.Join(corpusDir, filepath.FromSlash(p.File))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, p.Data, 0o644); err != nil {
				return err
			}
		}
		if err := writeJSON(filepath.Join(dir, "planted.json"), planted); err != nil {
			return err
		}
	}
	if *reuse {
		// The articles are kept; the layouts and settings are the
		// program's current ones (an old layout may not build any more).
		if err := corpus.RefreshTemplate(root, corpusDir); err != nil {
			return err
		}
	}
	var planted []bench.PlantedName
	if err := readJSON(filepath.Join(dir, "planted.json"), &planted); err != nil {
		return fmt.Errorf("planted names of the corpus (run without -reuse first): %w", err)
	}

	out := filepath.Join(dir, "public")
	if *rebuild {
		fmt.Fprintf(os.Stderr, "danvan build…\n")
		t0 := time.Now()
		if _, err := build.Run(context.Background(), build.Options{Source: corpusDir, Dest: out, CacheDir: filepath.Join(dir, "cache")}); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "  %v\n", time.Since(t0).Round(time.Millisecond))
	}
	res, err := build.Prepare(os.DirFS(corpusDir), build.Options{Source: corpusDir})
	if err != nil {
		return err
	}
	items := bench.KnownItems(res.Site, *per, 1)
	for _, p := range planted {
		items = append(items, p.Items...)
	}

	var engines []engineJudged
	rank, err := bench.DanvanRanker(out)
	if err != nil {
		return err
	}
	t0 := time.Now()
	js, err := bench.Judge(res.Site, items, rank)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "danvan: %d queries in %v\n", len(items), time.Since(t0).Round(time.Millisecond))
	engines = append(engines, engineJudged{"danvan", js})

	if js, err := pagefindJudged(res.Site, items, corpusDir, dir, *pagefind, *reuse); err != nil {
		return err
	} else if js != nil {
		engines = append(engines, engineJudged{"Pagefind", js})
	}

	// The table: one row per form, each engine's columns side by side.
	head, rule := "| query form | queries |", "|---|---|"
	scores := make([][]bench.FormScore, len(engines))
	for i, e := range engines {
		head += fmt.Sprintf(" %s s@1 | s@5 | MRR@10 |", e.name)
		rule += "---|---|---|"
		scores[i] = bench.Score(e.judged)
	}
	fmt.Printf("\n%s\n%s\n", head, rule)
	for f := range scores[0] {
		line := fmt.Sprintf("| %s | %d |", scores[0][f].Form, scores[0][f].N)
		for i := range engines {
			s := scores[i][f]
			line += fmt.Sprintf(" %.3f | %.3f | %.3f |", s.At1, s.At5, s.MRR10)
		}
		fmt.Println(line)
	}
	fmt.Printf("\n%d queries on %d articles (corpus seed 1, %d planted); a result answers when its folded title holds the query's words in order (see internal/bench/relevance.go).\n",
		len(items), len(res.Site.Articles), len(planted))
	if *cliRuns > 0 {
		if err := timeCLI(root, dir, corpusDir, items, *cliRuns); err != nil {
			return err
		}
	}
	if *misses != "" {
		return writeMisses(*misses, res.Site, engines[0].judged, engines[1:])
	}
	return nil
}

// timeCLI runs `danvan search` on n of the queries, each a fresh process
// reading the export of the build in dir, and prints the median and
// maximum wall and CPU time per query.
func timeCLI(root, dir, corpusDir string, items []bench.KnownItem, n int) error {
	bin := filepath.Join(dir, "danvan")
	if _, err := bench.Run(io.Discard, root, nil, "go", "build", "-o", bin, "./cmd/danvan"); err != nil {
		return err
	}
	var us []bench.Usage
	for i := 0; i < n && i < len(items); i++ {
		// Spread over the forms: every len(items)/n-th query.
		k := items[i*len(items)/n]
		var out strings.Builder
		u, err := bench.Run(&out, root, nil, bin, "search", "-s", corpusDir, "--cache-dir", filepath.Join(dir, "cache"), k.Query)
		if err != nil {
			return err
		}
		if strings.Contains(out.String(), "Lưu ý") || strings.Contains(out.String(), "tìm trên nội dung hiện tại") {
			return fmt.Errorf("danvan search did not read the last build's export: %s", out.String())
		}
		us = append(us, u)
	}
	med, max := bench.Median(us), bench.Usage{}
	for _, u := range us {
		if u.Wall > max.Wall {
			max = u
		}
	}
	fmt.Printf("\n`danvan search`, %d queries, each a new process reading the export of the last build: median %.0f ms wall (%.0f ms CPU), max %.0f ms wall (%.0f ms CPU).\n",
		len(us), float64(med.Wall.Microseconds())/1000, float64(med.CPU.Microseconds())/1000, float64(max.Wall.Microseconds())/1000, float64(max.CPU.Microseconds())/1000)
	return nil
}

// pagefindJudged builds the Hugo twin of the corpus, indexes it with
// Pagefind and judges Pagefind's lists in Chromium; nil when a tool is
// missing.
func pagefindJudged(s *site.Site, items []bench.KnownItem, corpusDir, dir, pagefind string, reuse bool) ([]bench.Judged, error) {
	hugo, _ := exec.LookPath("hugo")
	if pagefind == "" {
		pagefind, _ = exec.LookPath("pagefind")
	}
	chrome, cerr := qa.ChromiumPath()
	if hugo == "" || pagefind == "" || cerr != nil {
		fmt.Fprintf(os.Stderr, "Pagefind not measured: needs hugo, pagefind and Chromium\n")
		return nil, nil
	}
	hdir := filepath.Join(dir, "hugo")
	pub := filepath.Join(hdir, "public")
	if _, err := os.Stat(filepath.Join(pub, "pagefind")); !reuse || err != nil {
		os.RemoveAll(hdir)
		if err := bench.HugoSite(corpusDir, hdir); err != nil {
			return nil, err
		}
		fmt.Fprintf(os.Stderr, "hugo + pagefind…\n")
		if _, err := bench.Run(io.Discard, hdir, nil, hugo, "--quiet", "-d", pub); err != nil {
			return nil, err
		}
		if _, err := bench.Run(io.Discard, hdir, nil, pagefind, "--site", pub); err != nil {
			return nil, err
		}
	}
	// Pagefind's lists of an index already queried are kept in ranks.json:
	// with -reuse, only new queries go to Chromium (600 take minutes).
	ranksFile := filepath.Join(hdir, "ranks.json")
	ranks := map[string][]string{}
	if reuse {
		_ = readJSON(ranksFile, &ranks)
	}
	var b *qa.Browser
	var rank func(string) ([]string, error)
	var closePage func()
	defer func() {
		if closePage != nil {
			closePage()
		}
		if b != nil {
			b.Close()
		}
	}()
	t0 := time.Now()
	js, err := bench.Judge(s, items, func(q string) ([]string, error) {
		if urls, ok := ranks[q]; ok {
			return urls, nil
		}
		if rank == nil {
			var err error
			if b, err = qa.StartBrowser(chrome); err != nil {
				return nil, err
			}
			if rank, closePage, err = bench.PagefindRanker(context.Background(), b, pub); err != nil {
				return nil, err
			}
		}
		urls, err := rank(q)
		ranks[q] = urls
		return urls, err
	})
	if err != nil {
		return nil, err
	}
	if err := writeJSON(ranksFile, ranks); err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "Pagefind: %d queries in %v\n", len(items), time.Since(t0).Round(time.Millisecond))
	return js, nil
}

// engineJudged is one engine's judged lists.
type engineJudged struct {
	name   string
	judged []bench.Judged
}

// writeMisses writes the queries danvan did not answer first, with the
// titles of its top 3 and of the other engines' top 3.
func writeMisses(path string, s *site.Site, danvan []bench.Judged, others []engineJudged) error {
	title := map[string]string{}
	for _, a := range s.Articles {
		title[bench.URLKey(a.URL)] = a.Title + " | model: " + a.Model
	}
	top3 := func(urls []string) []string {
		var out []string
		for _, u := range urls[:min(3, len(urls))] {
			out = append(out, title[bench.URLKey(u)])
		}
		return out
	}
	type miss struct {
		Form, Query, Source string
		Rank                int
		Top3                []string
		Others              map[string][]string `json:",omitempty"`
	}
	var ms []miss
	for i, j := range danvan {
		if j.Rank == 1 {
			continue
		}
		m := miss{Form: j.Item.Form, Query: j.Item.Query, Source: j.Item.Source, Rank: j.Rank, Top3: top3(j.Top), Others: map[string][]string{}}
		for _, o := range others {
			m.Others[o.name] = top3(o.judged[i].Top)
		}
		ms = append(ms, m)
	}
	return writeJSON(path, ms)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
