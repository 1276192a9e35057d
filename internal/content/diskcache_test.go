package content

import (
	"bytes"
	"fmt"
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

// manySite is a site of n articles, for the delta's share of the files.
func manySite(n int) fstest.MapFS {
	fsys := cacheSite()
	for i := range n {
		fsys[fmt.Sprintf("content/bai-viet/bai-%02d.md", i)] = &fstest.MapFile{Data: []byte(strings.Replace(goodArticle, "Nghĩa Dũng\"", fmt.Sprintf("Nghĩa Dũng (bài %d)\"", i), 1))}
	}
	return fsys
}

// A save after a few files changed or went writes only those beside the
// base, which stays as it was: every later load reads the base and the
// delta as what a fresh parse gives, finding every file. Many files
// changed write the base again and remove the delta.
func TestHashedCacheDelta(t *testing.T) {
	fsys := manySite(30)
	dir := t.TempDir()
	file := filepath.Join(dir, "content.bin")
	save := func(c *Cache) {
		t.Helper()
		if err := c.SaveFile(dir, "content.bin", "k"); err != nil {
			t.Fatal(err)
		}
	}
	// load reads the saved cache and loads the site with it, checking it
	// against a fresh parse; it reports whether every file was found and
	// nothing was left to save (no entry of a file gone).
	load := func(what string) (*Cache, bool) {
		t.Helper()
		c, err := LoadHashedCache(file, "k")
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := LoadCached(fsys, c)
		if err != nil {
			t.Fatal(err)
		}
		want, _, _ := Load(fsys)
		if !reflect.DeepEqual(got.Articles, want.Articles) {
			t.Fatalf("%s: the articles from the cache differ from a fresh parse", what)
		}
		return c, !c.Changed()
	}
	c := NewHashedCache()
	LoadCached(fsys, c)
	save(c)
	base, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(i int, text string) {
		p := fmt.Sprintf("content/bai-viet/bai-%02d.md", i)
		fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(goodArticle, "Nội dung", text, 1))}
	}
	for round, change := range []func(){
		func() { edit(3, "Nội dung sửa"); delete(fsys, "content/bai-viet/bai-04.md") },
		func() { edit(7, "Nội dung khác") },
	} {
		change()
		c, _ = load(fmt.Sprintf("round %d", round)) // one load a process, as in a build
		save(c)
		if now, err := os.ReadFile(file); err != nil || !bytes.Equal(now, base) {
			t.Fatalf("round %d: the base was written again for an edit (%v)", round, err)
		}
		if _, found := load(fmt.Sprintf("round %d, after", round)); !found {
			t.Errorf("round %d: a file was parsed again after the delta was read", round)
		}
	}
	for i := 10; i < 16; i++ {
		edit(i, "Nội dung thứ "+fmt.Sprint(i))
	}
	c, _ = load("many edits")
	save(c)
	if now, _ := os.ReadFile(file); bytes.Equal(now, base) {
		t.Error("8 of 34 files changed: the base was not written again")
	}
	if _, err := os.Stat(deltaName(file)); err == nil {
		t.Error("the delta of the base before was left")
	}
	if _, found := load("after a new base"); !found {
		t.Error("a file was parsed again after a new base")
	}
}

// A delta of another base is not read; a damaged one makes the cache
// empty, with the error to warn about.
func TestHashedCacheDeltaFaults(t *testing.T) {
	fsys := manySite(30)
	dir := t.TempDir()
	file := filepath.Join(dir, "content.bin")
	c := NewHashedCache()
	LoadCached(fsys, c)
	c.SaveFile(dir, "content.bin", "k")
	c, _ = LoadHashedCache(file, "k")
	fsys["content/bai-viet/bai-01.md"].Data = []byte(strings.Replace(goodArticle, "Nội dung", "Nội dung mới", 1))
	LoadCached(fsys, c)
	if err := c.SaveFile(dir, "content.bin", "k"); err != nil {
		t.Fatal(err)
	}
	delta, err := os.ReadFile(deltaName(file))
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(delta)
	flipped[len(flipped)-10] ^= 1
	os.WriteFile(deltaName(file), flipped, 0o644)
	if back, err := LoadHashedCache(file, "k"); err == nil || len(back.files) != 0 {
		t.Errorf("a damaged delta: %d entries, %v; want an empty cache and an error", len(back.files), err)
	}
	// A new base, and the delta of the one before put back.
	fresh := NewHashedCache()
	LoadCached(fsys, fresh)
	if err := fresh.SaveFile(dir, "content.bin", "k"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(deltaName(file), delta, 0o644)
	back, err := LoadHashedCache(file, "k")
	if err != nil || len(back.asBase) != len(back.files) {
		t.Errorf("a delta of another base was read (%d of %d entries the base's, %v)", len(back.asBase), len(back.files), err)
	}
}
