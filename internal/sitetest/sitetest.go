// Package sitetest helps tests that need the repository's sample site, or a
// copy of it they can break.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot is the repository root (the folder with go.mod), which is also
// the sample site's root.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// Copy copies the given folders of the sample site (content, layouts and
// static when none are named) into a new temporary site root.
func Copy(t testing.TB, dirs ...string) string {
	t.Helper()
	if len(dirs) == 0 {
		dirs = []string{"content", "layouts", "static"}
	}
	src, dst := RepoRoot(t), t.TempDir()
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(src, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if e.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
