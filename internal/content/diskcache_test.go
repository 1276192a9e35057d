package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"
)

// cacheSite is a small site with a clean article, one that needs cleaning
// (BOM, CRLF, NFD), a bundle and one with an error.
func cacheSite() fstest.MapFS {
	mod := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), ModTime: mod} }
	return fstest.MapFS{
		"content/_site.yaml":               f(testConfig),
		"content/bai-viet/sach.md":         f(goodArticle),
		"content/bai-viet/ban.md":          f("\ufeff" + strings.ReplaceAll(norm.NFD.String(strings.Replace(goodArticle, "Nghĩa Dũng\"", "Nghĩa Dũng (2)\"", 1)), "\n", "\r\n")),
		"content/bai-viet/goi/index.md":    f(strings.Replace(goodArticle, "Nghĩa Dũng\"", "Nghĩa Dũng (3)\"", 1)),
		"content/bai-viet/goi/anh.jpg":     f("jpeg"),
		"content/bai-viet/loi.md":          f("---\ntitle: x\ndate: 2019-13-01\n---\n"),
		"content/bai-viet/khong-dong-y.md": f(strings.Replace(goodArticle, "area: kinh-te", "area: kinh-tee", 1)),
	}
}

// roundTrip saves c and reads it back under the same key.
func roundTrip(t *testing.T, c *Cache) *Cache {
	t.Helper()
	dir := t.TempDir()
	if err := c.SaveFile(dir, "content.gob", "k"); err != nil {
		t.Fatal(err)
	}
	back, err := LoadHashedCache(filepath.Join(dir, "content.gob"), "k")
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// savedCacheOf returns a fresh parse of fsys (content and problems) and
// a hashed cache of it, saved and read back.
func savedCacheOf(t *testing.T, fsys fs.FS) (*Content, Problems, *Cache) {
	t.Helper()
	want, wantProbs, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	first := NewHashedCache()
	if _, _, err := LoadCached(fsys, first); err != nil {
		t.Fatal(err)
	}
	return want, wantProbs, roundTrip(t, first)
}

// A saved cache gives exactly what a fresh parse gives: articles (bodies
// included) and problems.
func TestHashedCacheEqualsFreshParse(t *testing.T) {
	fsys := cacheSite()
	want, wantProbs, cache := savedCacheOf(t, fsys)
	got, gotProbs, err := LoadCached(fsys, cache)
	if err != nil {
		t.Fatal(err)
	}
	if cache.Changed() {
		t.Error("an unchanged site changed the cache: nothing was found in it")
	}
	if !reflect.DeepEqual(got.Articles, want.Articles) {
		for i := range got.Articles {
			if !reflect.DeepEqual(got.Articles[i], want.Articles[i]) {
				t.Errorf("article %s from the cache:\n%+v\nfresh:\n%+v", want.Articles[i].Path, got.Articles[i], want.Articles[i])
			}
		}
	}
	if gotProbs.Error() != wantProbs.Error() {
		t.Errorf("problems from the cache:\n%s\nfresh:\n%s", gotProbs.Error(), wantProbs.Error())
	}

	// An edit is seen, whatever the file time says.
	fsys["content/bai-viet/sach.md"].Data = []byte(strings.Replace(goodArticle, "Nội dung", "Nội dung mới", 1))
	got, _, _ = LoadCached(fsys, cache)
	if !cache.Changed() {
		t.Error("an edited file did not change the cache")
	}
	for _, a := range got.Articles {
		if a.Path == "content/bai-viet/sach.md" && !bytes.Contains(a.Body, []byte("Nội dung mới")) {
			t.Errorf("stale body from the cache: %q", a.Body)
		}
	}
}

// A deleted file makes the cache worth saving (to drop its entry).
func TestHashedCacheNoticesDeletedFiles(t *testing.T) {
	fsys := cacheSite()
	c := NewHashedCache()
	LoadCached(fsys, c)
	c = roundTrip(t, c)
	delete(fsys, "content/bai-viet/sach.md")
	LoadCached(fsys, c)
	if !c.Changed() {
		t.Error("a deleted file did not change the cache")
	}
}

func TestBadSavedCacheIsEmpty(t *testing.T) {
	c := NewHashedCache()
	LoadCached(cacheSite(), c)
	dir := t.TempDir()
	file := filepath.Join(dir, "content.gob")
	if err := c.SaveFile(dir, "content.gob", "k"); err != nil {
		t.Fatal(err)
	}
	if back, err := LoadHashedCache(file, "another"); err != nil || len(back.files) != 0 {
		t.Errorf("a cache of another key was used (%d entries, %v)", len(back.files), err)
	}
	if back, err := LoadHashedCache(filepath.Join(dir, "khong-co.gob"), "k"); err != nil || len(back.files) != 0 {
		t.Errorf("a missing cache: %d entries, %v", len(back.files), err)
	}
	good, _ := os.ReadFile(file)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-10] ^= 1
	for name, data := range map[string][]byte{"garbage": []byte("rác"), "truncated": good[:len(good)/2], "empty": nil, "one bit": flipped} {
		os.WriteFile(file, data, 0o644)
		back, err := LoadHashedCache(file, "k")
		if err == nil || back == nil || len(back.files) != 0 {
			t.Errorf("%s: want an error and an empty cache, got %v", name, err)
		}
	}
}
