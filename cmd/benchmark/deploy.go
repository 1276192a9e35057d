package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/bench"
)

// deploys measures what Netlify runs for a deploy of an unchanged site,
// then for a deploy of one edited article (its title and body, committed
// and pushed before each): `danvan build` in a fresh git clone of the
// corpus, with the folders the deploy-cache plugin keeps (pluginPaths:
// the cache, the previous output and the spare) put back as it does, by
// moving them in. The clone lands in the same folder each time, as Netlify's
// /opt/build/repo does; the danvan program is the benchmark's
// (netlify.toml's `go run` reuses its cached executable: that step is
// Go's, not measured here).
//
// The first deploy of an edit after the cold deploy is measured apart
// (first): the cold deploy replaced no output, so it left no spare
// (build/spare.go), and the unchanged deploys after it write nothing; that
// one deploy makes its output afresh, every kept file linked again (at 10k
// articles, 13,000 folders and 40,000 links: 4 to 6 s on this project's
// 2-core machines), and leaves the spare every later deploy reuses.
func deploys(log io.Writer, trash *trash, root, bin, work, dir string, n, runs int) (unchanged, first, edited bench.Usage, err error) {
	base := filepath.Join(work, fmt.Sprintf("deploy-%d", n))
	origin, repo, kept := filepath.Join(base, "origin.git"), filepath.Join(base, "repo"), filepath.Join(base, "kept")
	if err := trash.put(base); err != nil {
		return unchanged, first, edited, err
	}
	defer trash.put(base)
	// git runs git in dir; its error names the command and ends with what
	// git said on stderr. No automatic gc: a push of 10,000 loose objects
	// started one in the background of origin.git (receive.autoGC), which
	// packed and deleted objects while the next local clone copied them
	// ("failed to copy file … No such file or directory", twice in 10k
	// runs). Netlify's clone is a fetch over the network, which such a gc
	// cannot cut.
	git := func(dir string, args ...string) error {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=b", "GIT_AUTHOR_EMAIL=b@example.org", "GIT_COMMITTER_NAME=b", "GIT_COMMITTER_EMAIL=b@example.org", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_CONFIG_COUNT=3", "GIT_CONFIG_KEY_0=gc.auto", "GIT_CONFIG_VALUE_0=0", "GIT_CONFIG_KEY_1=receive.autoGC", "GIT_CONFIG_VALUE_1=false", "GIT_CONFIG_KEY_2=maintenance.auto", "GIT_CONFIG_VALUE_2=false")
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = log, io.MultiWriter(log, &stderr)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("git %s (in %s): %w: %s", strings.Join(args, " "), dir, err, strings.TrimSpace(stderr.String()))
		}
		return nil
	}
	// The corpus as a repository (its own history: git dates are inputs),
	// made one if it is not (measure gives it a history, corpus.Commit).
	src := filepath.Join(base, "src")
	if err := os.CopyFS(src, os.DirFS(dir)); err != nil {
		return unchanged, first, edited, err
	}
	steps := [][]string{{"clone", "-q", "--bare", ".", origin}}
	if _, err := os.Stat(filepath.Join(src, ".git")); err != nil {
		steps = append([][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "corpus"}}, steps...)
	}
	for _, args := range steps {
		if err := git(src, args...); err != nil {
			return unchanged, first, edited, err
		}
	}
	paths, err := pluginPaths(root)
	if err != nil {
		return unchanged, first, edited, err
	}
	deploy := func() (bench.Usage, error) {
		if err := trash.put(repo); err != nil {
			return bench.Usage{}, fmt.Errorf("the last clone: %w", err)
		}
		if err := git(base, "clone", "-q", origin, repo); err != nil {
			return bench.Usage{}, err
		}
		// onPreBuild: the plugin moves the kept folders into the clone.
		if err := moveEach(paths, kept, repo); err != nil {
			return bench.Usage{}, err
		}
		u, err := bench.Run(log, root, nil, bin, "build", "-s", repo, "-d", filepath.Join(repo, "public"))
		if err != nil {
			return u, err
		}
		// onEnd: it moves them back into the deploy cache.
		os.MkdirAll(kept, 0o755)
		if err := moveEach(paths, repo, kept); err != nil {
			return bench.Usage{}, err
		}
		return u, nil
	}
	if _, err := deploy(); err != nil { // the first deploy is cold
		return unchanged, first, edited, err
	}
	editor, err := bench.NewEditor(src)
	if err != nil {
		return unchanged, first, edited, err
	}
	var same, changed []bench.Usage
	for _, what := range []string{"unchanged", "first edited", "one article edited"} {
		times := runs
		if what == "first edited" {
			times = 1
		}
		for i := 0; i < times; i++ {
			if what != "unchanged" {
				if err := editor.Edit(); err != nil {
					return unchanged, first, edited, err
				}
				for _, args := range [][]string{{"commit", "-q", "-a", "-m", "sửa một bài"}, {"push", "-q", origin, "HEAD"}} {
					if err := git(src, args...); err != nil {
						return unchanged, first, edited, err
					}
				}
			}
			u, err := deploy()
			if err != nil {
				return unchanged, first, edited, err
			}
			fmt.Fprintf(os.Stderr, "  simulated deploy %d (%s, fresh clone + restored cache): %v wall, %v CPU, %s\n", i+1, what, u.Wall.Round(time.Millisecond), u.CPU.Round(time.Millisecond), bench.MiB(u.PeakRSS))
			switch what {
			case "unchanged":
				same = append(same, u)
			case "first edited":
				first = u
			default:
				changed = append(changed, u)
			}
		}
	}
	return bench.Median(same), first, bench.Median(changed), nil
}

// moveEach moves each of paths that exists in from into to, as the
// plugin's utils.cache does with {move: true}.
func moveEach(paths []string, from, to string) error {
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(from, p)); err != nil {
			continue
		}
		if err := os.Rename(filepath.Join(from, p), filepath.Join(to, p)); err != nil {
			return err
		}
	}
	return nil
}

// pluginFile is the deploy-cache plugin, whose PATHS the simulated deploys
// keep between builds.
const pluginFile = "internal/deploy/netlify-plugin/index.js"

var pathsRE = regexp.MustCompile(`(?m)^const PATHS = \[([^\]]*)\]`)

// pluginPaths reads the folders the deploy-cache plugin keeps (its PATHS
// line), so the simulation keeps exactly those.
func pluginPaths(root string) ([]string, error) {
	src, err := os.ReadFile(filepath.Join(root, pluginFile))
	if err != nil {
		return nil, err
	}
	m := pathsRE.FindSubmatch(src)
	if m == nil {
		return nil, fmt.Errorf("%s: no line 'const PATHS = [...]'", pluginFile)
	}
	var paths []string
	for _, p := range strings.Split(string(m[1]), ",") {
		p = strings.Trim(strings.TrimSpace(p), `'"`)
		if p == "" || strings.ContainsAny(p, `/\`) || strings.HasPrefix(p, "..") {
			return nil, fmt.Errorf("%s: PATHS holds %q, not a folder name", pluginFile, p)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
