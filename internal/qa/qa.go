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
// [ChromiumPath], [JavaPath], [AxeSource] and [VnuJar], whose errors say how
// to install what is missing; tests hand those errors to testenv.Need, which
// skips the test or, with CI=true, fails it. Nothing here imports testing.
package qa

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
