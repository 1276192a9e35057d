// Package sitetest helps tests that need the repository's sample site, or a
// copy of it they can break.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/quangngai/danvan/internal/qa"
)

// RepoRoot is the repository root (the folder with go.mod), which is also
// the sample site's root. It fails the test where qa.RepoRoot finds none.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := qa.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
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
		CopyTree(t, filepath.Join(src, d), filepath.Join(dst, d))
	}
	return dst
}

// CopyTree copies the folder src to dst: folders and file contents (as
// regular files, mode 0644).
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
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

// NetlifyHeader is one [[headers]] rule of netlify.toml.
type NetlifyHeader struct {
	For    string
	Values map[string]string
}

// NetlifyHeaders reads the [[headers]] rules of the repository's
// netlify.toml, in order.
func NetlifyHeaders(t testing.TB) []NetlifyHeader {
	t.Helper()
	var cfg struct{ Headers []NetlifyHeader }
	if _, err := toml.DecodeFile(filepath.Join(RepoRoot(t), "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg.Headers
}
