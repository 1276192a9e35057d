// Package corpus generates synthetic danvan sites: a copy of a template
// site's configuration, layouts and static files plus N valid, realistic
// Vietnamese articles, for benchmarks and load tests of the loader, the
// renderer and the search index. The same options always give the same
// bytes.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Marker is the file Generate leaves in Out; a folder holding it may be
// wiped and rewritten by a later run.
const Marker = ".danvan-corpus"

// Options configure Generate.
type Options struct {
	N        int    // number of articles
	Seed     int64  // random seed: same seed, same bytes
	Template string // site root to copy content/_site.yaml, layouts/, static/ and content/trang/ from
	Out      string // site root to write; must be empty, missing, or a previous corpus
}

// Stats describe what Generate wrote.
type Stats struct {
	Articles     int   // articles written
	Files        int   // all files written, copies and the marker included
	Bytes        int64 // bytes of all files written
	ArticleBytes int64 // bytes of the articles alone
}

// Generate writes a complete site root into opts.Out.
func Generate(opts Options) (Stats, error) {
	var st Stats
	if opts.N < 0 {
		return st, fmt.Errorf("corpus: N must not be negative (got %d)", opts.N)
	}
	if opts.Template == "" || opts.Out == "" {
		return st, errors.New("corpus: Template and Out are required")
	}
	cfgSrc, err := os.ReadFile(filepath.Join(opts.Template, "content", "_site.yaml"))
	if err != nil {
		return st, fmt.Errorf("corpus: template: %w", err)
	}
	sc, err := parseSite(cfgSrc)
	if err != nil {
		return st, fmt.Errorf("corpus: template %s: %w", opts.Template, err)
	}
	if err := prepareOut(opts.Out, opts.Template); err != nil {
		return st, err
	}

	write := func(rel string, data []byte) error {
		p := filepath.Join(opts.Out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		st.Files++
		st.Bytes += int64(len(data))
		return nil
	}
	marker := fmt.Sprintf("danvan synthetic corpus: n=%d seed=%d\nThis folder is rewritten by gencorpus; do not keep work here.\n", opts.N, opts.Seed)
	if err := write(Marker, []byte(marker)); err != nil {
		return st, fmt.Errorf("corpus: %w", err)
	}
	if err := write("content/_site.yaml", cfgSrc); err != nil {
		return st, fmt.Errorf("corpus: %w", err)
	}
	if err := copyTemplate(opts.Template, write); err != nil {
		return st, fmt.Errorf("corpus: %w", err)
	}

	lx := newLexicon()
	seed := uint64(opts.Seed)
	pl := newPlanner(lx, sc, rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)))
	plans := make([]*plan, opts.N)
	for i := range plans {
		if plans[i], err = pl.plan(i+1, opts.N); err != nil {
			return st, fmt.Errorf("corpus: %w", err)
		}
	}
	dirs := map[string]bool{articleRoot: true}
	if err := os.MkdirAll(filepath.Join(opts.Out, articleRoot), 0o755); err != nil {
		return st, fmt.Errorf("corpus: %w", err)
	}
	for _, a := range plans {
		if !dirs[a.dir] {
			dirs[a.dir] = true
			if err := os.MkdirAll(filepath.Join(opts.Out, filepath.FromSlash(a.dir)), 0o755); err != nil {
				return st, fmt.Errorf("corpus: %w", err)
			}
		}
	}

	// Bodies: each article has its own random stream, so the output does
	// not depend on how the work is scheduled.
	sizes := make([]int64, len(plans))
	// Creating files dominates on slow file systems and blocks in the
	// kernel, so more writers than CPUs pay off.
	var g errgroup.Group
	g.SetLimit(8 * runtime.GOMAXPROCS(0))
	for i, a := range plans {
		g.Go(func() error {
			w := &writer{lx: lx, r: rand.New(rand.NewPCG(seed^0x5bd1e9955bd1e995, uint64(i)+1)), a: a, all: plans}
			data := a.frontmatter() + w.body()
			sizes[i] = int64(len(data))
			return os.WriteFile(filepath.Join(opts.Out, filepath.FromSlash(a.path())), []byte(data), 0o644)
		})
	}
	if err := g.Wait(); err != nil {
		return st, fmt.Errorf("corpus: %w", err)
	}
	for _, n := range sizes {
		st.ArticleBytes += n
	}
	st.Articles = len(plans)
	st.Files += len(plans)
	st.Bytes += st.ArticleBytes
	return st, nil
}

// prepareOut makes out an empty folder. An existing folder is accepted if
// it is empty, or wiped if it holds the Marker of an earlier corpus.
func prepareOut(out, template string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	absTpl, err := filepath.Abs(template)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if absOut == absTpl || strings.HasPrefix(absTpl, absOut+string(filepath.Separator)) {
		return fmt.Errorf("corpus: output %s would overwrite the template %s", out, template)
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return fmt.Errorf("corpus: output %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if fi, err := os.Lstat(filepath.Join(out, Marker)); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("corpus: output %s exists and is not empty (and has no %s from an earlier run): refusing to overwrite it", out, Marker)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return fmt.Errorf("corpus: wiping %s: %w", out, err)
		}
	}
	return nil
}

// RefreshTemplate replaces what Generate copied from template into out
// (content/_site.yaml, content/trang/, layouts/, static/) with the
// template's current files, leaving the articles alone: a benchmark that
// reuses a corpus then builds it with the program's current layouts.
func RefreshTemplate(template, out string) error {
	cfg, err := os.ReadFile(filepath.Join(template, "content", "_site.yaml"))
	if err != nil {
		return fmt.Errorf("corpus: template: %w", err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("corpus: %s is not a generated corpus: %w", out, err)
	}
	for _, dir := range []string{"content/trang", "layouts", "static"} {
		if err := os.RemoveAll(filepath.Join(out, filepath.FromSlash(dir))); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	write := func(rel string, data []byte) error {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	if err := write("content/_site.yaml", cfg); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := copyTemplate(template, write); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// copyTemplate copies content/trang/*.md, layouts/** and static/** of the
// template; missing folders are skipped.
func copyTemplate(template string, write func(rel string, data []byte) error) error {
	pages, err := os.ReadDir(filepath.Join(template, "content", "trang"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range pages {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(template, "content", "trang", e.Name()))
		if err != nil {
			return err
		}
		if err := write("content/trang/"+e.Name(), data); err != nil {
			return err
		}
	}
	for _, dir := range []string{"layouts", "static"} {
		root := filepath.Join(template, dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(template, p)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return write(filepath.ToSlash(rel), data)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
