package content

import (
	"io/fs"
	"reflect"
	"testing"
	"testing/fstest"
)

// listing lists every file of fsys as a build's inputs listing does.
func listing(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// The articles found among a build's listing (findListed) are the ones a
// walk of the folder finds (findFiles): plain files, bundles with their
// resources in walk order (subfolders, a bundle inside a bundle), hidden
// names, names that sort around "/" ("a-b", "a.b", "a/"), a folder named
// like an article.
func TestFindListedAsFindFiles(t *testing.T) {
	f := &fstest.MapFile{Data: []byte("x")}
	fsys := fstest.MapFS{
		"content/_site.yaml":                          f,
		"content/trang/gioi-thieu.md":                 f,
		"content/bai-viet/a.md":                       f,
		"content/bai-viet/a-b.md":                     f,
		"content/bai-viet/a/x.md":                     f,
		"content/bai-viet/a.b/y.md":                   f,
		"content/bai-viet/index.md":                   f,
		"content/bai-viet/notes.txt":                  f,
		"content/bai-viet/b.md/c.md":                  f,
		"content/bai-viet/2024/bundle/index.md":       f,
		"content/bai-viet/2024/bundle/z-anh.png":      f,
		"content/bai-viet/2024/bundle/anh.jpg":        f,
		"content/bai-viet/2024/bundle/anh-2.jpg":      f,
		"content/bai-viet/2024/bundle/anh/1.jpg":      f,
		"content/bai-viet/2024/bundle/sub/c.jpg":      f,
		"content/bai-viet/2024/bundle/sub/d.md":       f,
		"content/bai-viet/2024/bundle/inner/index.md": f,
		"content/bai-viet/2024/bundle/inner/e.jpg":    f,
		"content/bai-viet/2024/bundle/_h.jpg":         f,
		"content/bai-viet/2024/_g.md":                 f,
		"content/bai-viet/_nhap/f.md":                 f,
		"content/bai-viet/.git/config":                f,
		"layouts/base.html":                           f,
	}
	want, wantPages, err := findFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := findListed(listing(t, fsys))
	if !ok {
		t.Fatal("findListed gave up on an ordinary tree")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findListed:\n%+v\nfindFiles:\n%+v", got, want)
	}
	if len(want) != 9 || len(wantPages) != 1 {
		t.Errorf("findFiles found %d articles and %d pages, the test expects 9 and 1: %+v", len(want), len(wantPages), want)
	}
	// Through the cache, as a build calls it.
	cache := NewHashedCache()
	sums := map[string][32]byte{}
	for _, p := range listing(t, fsys) {
		sums[p] = [32]byte{1}
	}
	cache.KnownSums(sums)
	arts, pages, err := findSources(fsys, cache)
	if err != nil || !reflect.DeepEqual(arts, want) || !reflect.DeepEqual(pages, wantPages) {
		t.Errorf("findSources = %+v, %v, %v; want %+v, %v", arts, pages, err, want, wantPages)
	}

	// A folder named index.md: findFiles takes it for a bundle's source
	// (and reports it unreadable); without folders, findListed cannot
	// tell, so it leaves it to findFiles.
	fsys["content/bai-viet/k/index.md/l.md"] = f
	if _, ok := findListed(listing(t, fsys)); ok {
		t.Error("findListed went on with a folder named index.md")
	}
}
