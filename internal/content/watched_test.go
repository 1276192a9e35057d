package content

import (
	"testing"
	"testing/fstest"
)

// A watched cache trusts its entries until Invalidate names the file:
// the owner (the preview server) hears of every change from fsnotify.
func TestWatchedCacheTrustsUntilInvalidated(t *testing.T) {
	const cfg = "title: T\nareas:\n  - {slug: kinh-te, name: \"Kinh tế\"}\nlocalities:\n  - {slug: tinh-an, kind: xa, name: \"Tịnh An\"}\n"
	art := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2020-01-01\narea: kinh-te\nlocality: tinh-an\n---\nThân bài.\n")}
	}
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(cfg)}, "content/bai-viet/a.md": art("Một")}
	c := NewWatchedCache()
	title := func() string {
		t.Helper()
		ct, probs, err := LoadCached(fsys, c)
		if err != nil || probs.HasErrors() || len(ct.Articles) != 1 {
			t.Fatalf("load: %v %v", err, probs)
		}
		return ct.Articles[0].Title
	}
	if got := title(); got != "Một" {
		t.Fatalf("first load: %q", got)
	}
	// Without an event the cache does not even look at the file.
	fsys["content/bai-viet/a.md"] = art("Hai")
	if got := title(); got != "Một" {
		t.Fatalf("without an event the entry is trusted, got %q", got)
	}
	c.Invalidate("content/bai-viet/a.md")
	if got := title(); got != "Hai" {
		t.Fatalf("after Invalidate: %q", got)
	}
	// A folder's event covers the files in it.
	fsys["content/bai-viet/a.md"] = art("Bốn")
	c.Invalidate("content/bai-viet")
	if got := title(); got != "Bốn" {
		t.Fatalf("after Invalidate of the folder: %q", got)
	}
	fsys["content/bai-viet/a.md"] = art("Ba")
	c.InvalidateAll()
	if got := title(); got != "Ba" {
		t.Fatalf("after InvalidateAll: %q", got)
	}
}
