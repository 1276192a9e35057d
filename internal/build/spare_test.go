package build

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/quangngai/danvan/internal/sitetest"
)

// withSpare returns a copy of the sample site built twice into dest with
// cache, an article edited in between: the first output is the spare.
func withSpare(t *testing.T) (site, dest, cache string) {
	t.Helper()
	site = sitetest.Copy(t)
	dest, cache = filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	touchArticle(site) // unchanged inputs would make the second build do nothing
	buildInto(t, site, dest, cache, nil)
	return site, dest, cache
}

// The spare (the output before last, reused as the working directory) is
// never trusted: whatever it holds, the swapped-in tree is exactly what a
// build from scratch writes, and nothing is written outside it.
func TestSpareIsNotTrusted(t *testing.T) {
	site, dest, cache := withSpare(t)
	spare := spareDir(dest)
	if fi, err := os.Stat(spare); err != nil || !fi.IsDir() {
		t.Fatalf("no spare after two builds: %v", err)
	}
	want := fromScratch(t, site)

	outside := t.TempDir()
	mess := func(t *testing.T) {
		// A stray file and folder, a file where a folder goes, a folder
		// where a file goes, a link where a folder goes, a file rewritten
		// in place (it is shared with the output: both change).
		os.WriteFile(filepath.Join(spare, "la.html"), []byte("lạ"), 0o644)
		os.MkdirAll(filepath.Join(spare, "thu-muc-la/con"), 0o755)
		os.RemoveAll(filepath.Join(spare, "nam"))
		os.WriteFile(filepath.Join(spare, "nam"), []byte("tệp thay thư mục"), 0o644)
		os.Remove(filepath.Join(spare, "feed.xml"))
		os.MkdirAll(filepath.Join(spare, "feed.xml/x"), 0o755)
		os.RemoveAll(filepath.Join(spare, "linh-vuc"))
		if err := os.Symlink(outside, filepath.Join(spare, "linh-vuc")); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(spare, "404.html"), os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("hỏng")
		f.Close()
	}
	mess(t)
	buildInto(t, site, dest, cache, nil)
	if got := treeHash(t, dest); got != want {
		t.Errorf("output built in a messed-up spare differs from a build from scratch: %s", treeDiff(t, dest, filepath.Join(t.TempDir(), "x")))
	}
	if _, err := os.Stat(filepath.Join(spare, "la.html")); err == nil {
		t.Error("the spare was not used (it still holds the stray file)")
	}
	// The stray folders the sweep set aside (setAside) went with the build.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*")); len(left) != 1 || left[0] != spare {
		t.Errorf("left beside the output after the build: %v (want only the spare)", left)
	}
	if ents, _ := os.ReadDir(outside); len(ents) > 0 {
		t.Errorf("the build wrote through a link in the spare: %d entries outside", len(ents))
	}

	// A failed build leaves the output alone, keeps the spare, and no
	// temporary folder.
	mess(t)
	before := treeHash(t, dest)
	os.WriteFile(filepath.Join(site, "layouts/article.html"), []byte("{{define \"main\"}}{{.Article.Khong}}{{end}}"), 0o644)
	_, err := Run(context.Background(), Options{Source: site, Dest: dest, CacheDir: cache})
	var ce *ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("want a content error, got %v", err)
	}
	if treeHash(t, dest) != before {
		t.Error("a failed build changed the output")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*"))
	if len(left) != 1 || left[0] != spare {
		t.Errorf("left beside the output: %v (want only the spare)", left)
	}
}

// With a spare, a file of the output rewritten in place is written again
// (the spare shares its inode, whose time changed), and a file of the
// output replaced by another one is built right: the spare's copy, the
// inode the manifest vouches for, still holds the built bytes.
func TestSpareAfterOutputChanged(t *testing.T) {
	site, dest, cache := withSpare(t)
	want := fromScratch(t, site)
	changeOutput(t, dest)
	buildInto(t, site, dest, cache, nil) // the output is not intact: a build
	if got := treeHash(t, dest); got != want {
		t.Errorf("output after files of the output changed differs from a build from scratch: %s", treeDiff(t, dest, filepath.Join(t.TempDir(), "x")))
	}
	// And once more, with those files now in the spare.
	forgetInputs(t, cache)
	buildInto(t, site, dest, cache, nil)
	if got := treeHash(t, dest); got != want {
		t.Error("the next build differs from a build from scratch")
	}
}

// TestParentURL holds parentURL to path.Dir on the clean URL paths the
// sweep gives it.
func TestParentURL(t *testing.T) {
	for _, u := range []string{"/", "/a", "/a/b", "/bai-viet/x/index.html", "/tim-kiem/ab/cd.bin"} {
		if got, want := parentURL(u), path.Dir(u); got != want {
			t.Errorf("parentURL(%q) = %q, want %q", u, got, want)
		}
	}
}
