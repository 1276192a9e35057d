package qa

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every fuzz target of the repository runs in the scheduled fuzz workflow
// (.github/workflows/fuzz.yml), under its own package: a target added
// later and forgotten there would only ever run its seeds.
func TestFuzzWorkflowListsEveryTarget(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	wf, err := os.ReadFile(filepath.Join(root, ".github", "workflows", "fuzz.yml"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`\{ pkg: (\S+), target: (Fuzz\w+) \}`).FindAllStringSubmatch(string(wf), -1) {
		listed[m[1]+" "+m[2]] = true
	}
	decl := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(f \*testing\.F\)`)
	found := 0
	err = filepath.WalkDir(filepath.Join(root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			found++
			key := "./" + filepath.ToSlash(rel) + " " + m[1]
			if !listed[key] {
				t.Errorf("%s (%s) is not in the fuzz workflow: add { pkg: ./%s, target: %s }", m[1], p, filepath.ToSlash(rel), m[1])
			}
			delete(listed, key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 8 {
		t.Errorf("found only %d fuzz targets: the search is broken", found)
	}
	for k := range listed {
		t.Errorf("the fuzz workflow lists %s, which no test declares", k)
	}
}
