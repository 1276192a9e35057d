// Command gencorpus writes a synthetic danvan site for benchmarks: the
// template's configuration, layouts and static files plus N generated
// Vietnamese articles.
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 -template . -o /tmp/corpus-10k
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/quangngai/danvan/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of articles to generate")
	seed := fl.Int64("seed", 1, "random seed (same seed, same bytes)")
	tpl := fl.String("template", ".", "site root to copy content/_site.yaml, content/trang/, layouts/ and static/ from")
	history := fl.Int("history", 0, "make DIR a git repository whose history adds the articles this many a commit, a day apart (0: no repository)")
	out := fl.String("o", "", "output site root (required); must be missing, empty, or an earlier corpus (marked by "+corpus.Marker+")")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: gencorpus -o DIR [-n N] [-seed S] [-template ROOT] [-history K]\n\n"+
			"Writes a complete danvan site root into DIR: a copy of the template's\n"+
			"configuration, pages, layouts and static files, and N valid synthetic\n"+
			"articles under content/bai-viet/ (in folders of 1000 when N > 1000).\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fl.Usage()
		return 2
	}
	start := time.Now()
	st, err := corpus.Generate(corpus.Options{N: *n, Seed: *seed, Template: *tpl, Out: *out})
	if err != nil {
		fmt.Fprintln(stderr, "gencorpus:", err)
		return 1
	}
	if *history > 0 {
		if err := corpus.Commit(*out, *history); err != nil {
			fmt.Fprintln(stderr, "gencorpus:", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "gencorpus: %d articles, %.1f MB (%d files) in %s, %s\n",
		st.Articles, float64(st.Bytes)/(1<<20), st.Files, *out, time.Since(start).Round(time.Millisecond))
	return 0
}
