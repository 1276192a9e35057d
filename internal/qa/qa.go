// Package qa holds danvan's quality gates: checks that run over a built site
// (a directory of HTML files) and report what is wrong with it.
//
//   - [CheckLinks] crawls every HTML file and finds internal links, images,
//     scripts and anchors that point at nothing.
//   - [ValidateHTML] runs the Nu HTML Checker (vnu.jar) over the pages.
//   - [Browser] loads pages in headless Chromium at a given viewport and
//     reports console errors, failed requests, horizontal scroll, images
//     without a size, a broken skip link, print styles and axe-core
//     accessibility violations.
//
// The gates are plain functions so that tests can run them on hand-made
// fixtures (testdata/good and testdata/broken) and on the repo's sample site.
// The external tools (Chromium, Java, the npm packages in .ci/) are found with
// [ChromiumPath], [JavaPath], [AxeSource] and [VnuJar]; tests use [NeedTool]
// to skip loudly when one is missing, or to fail when CI=true.
package qa

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// InCI reports whether the process runs in CI (CI=true), where a missing tool
// is a failure and never a reason to skip.
func InCI() bool {
	return strings.EqualFold(os.Getenv("CI"), "true")
}

// NeedTool stops the test when err (an error from finding a tool) is not nil:
// with CI=true it fails the test, since CI must run every gate; elsewhere it
// skips with a loud message that says how to install the tool.
func NeedTool(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if InCI() {
		tb.Fatalf("CI=true and a quality-gate tool is missing: %v\n(.ci/run installs it; run that script or install it by hand)", err)
	}
	msg := fmt.Sprintf("\n*** SKIPPED: a quality-gate tool is missing: %v\n*** This gate did NOT run. Run `bash .ci/run` or install the tool; with CI=true this is a failure.\n", err)
	// t.Skip is silent without -v: say it on stderr too, once per tool.
	warnedMu.Lock()
	if !warned[err.Error()] {
		warned[err.Error()] = true
		fmt.Fprint(os.Stderr, msg)
	}
	warnedMu.Unlock()
	tb.Skip(msg)
}

var (
	warnedMu sync.Mutex
	warned   = map[string]bool{}
)

// RepoRoot returns the root of the danvan module: the nearest directory at
// or above the working directory that holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found at or above the working directory")
		}
		dir = parent
	}
}

// ciModule returns the path of a file inside .ci/node_modules, or an error
// that says how to install it.
func ciModule(rel string) (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, ".ci", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		name, _, _ := strings.Cut(rel, "/")
		return "", fmt.Errorf("%s is not installed (run `cd .ci && npm ci`): %w", name, err)
	}
	return p, nil
}
