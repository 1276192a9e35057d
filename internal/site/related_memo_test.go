package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/markdown"
)

// relatedSlugs lists each article's related articles by slug.
func relatedSlugs(s *Site) map[string]string {
	m := map[string]string{}
	for _, a := range s.Articles {
		var rs []string
		for _, r := range a.Related {
			rs = append(rs, r.Slug)
		}
		m[a.Slug] = strings.Join(rs, ",")
	}
	return m
}

// relatedFS is a site of n articles in three localities of one area,
// with dates and tags that make them related in many ways: b00.md….
func relatedFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(cfg)}}
	locs := []string{"tinh-an", "tinh-an-dong", "an-phu-2025"}
	width := len(fmt.Sprint(n - 1))
	for i := 0; i < n; i++ {
		fsys[fmt.Sprintf("content/bai-viet/b%0*d.md", width, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài %d\"\ndate: 2025-%02d-%02d\narea: kinh-te\nlocality: %s\ntags: [t%d, t%d]\n---\nNội dung %d.\n",
			i, 7+i%5, 1+i%27, locs[i%3], i%4, i%7, i))}
	}
	return fsys
}

// relatedSite loads and builds the site of fsys, with the Markdown cache c
// (nil: none).
func relatedSite(t *testing.T, fsys fstest.MapFS, c *BodyCache) *Site {
	t.Helper()
	ct, probs, err := content.Load(fsys)
	if err != nil || probs.HasErrors() {
		t.Fatalf("load: %v %s", err, probs.Error())
	}
	s, probs, err := New(fsys, ct, markdown.New(ReservedIDs...), Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Cache: c})
	if err != nil || probs.HasErrors() {
		t.Fatalf("site: %v %s", err, probs.Error())
	}
	return s
}

// The memo of related articles must always give what a fresh computation
// gives: reused after a body edit, recomputed after a tag, a locality or a
// date changes.
func TestRelatedMemoMatchesFreshComputation(t *testing.T) {
	fsys := relatedFS(30)
	cache := NewBodyCache()
	check := func(step string) {
		t.Helper()
		got, want := relatedSlugs(relatedSite(t, fsys, cache)), relatedSlugs(relatedSite(t, fsys, nil))
		for slug, w := range want {
			if got[slug] != w {
				t.Errorf("%s: %s related %q, fresh computation %q", step, slug, got[slug], w)
			}
		}
	}
	edit := func(name, from, to string) {
		f := fsys[name]
		if !strings.Contains(string(f.Data), from) {
			t.Fatalf("%s has no %q", name, from)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), from, to, 1))}
	}
	check("first build")
	edit("content/bai-viet/b03.md", "Nội dung 3.", "Nội dung đã sửa.")
	check("body edit")
	edit("content/bai-viet/b04.md", "tags: [t0, t4]", "tags: [t3, t6]")
	check("tag change")
	edit("content/bai-viet/b01.md", "locality: tinh-an-dong", "locality: tinh-an")
	check("locality change")
	edit("content/bai-viet/b06.md", "date: 2025-08-07", "date: 2025-11-20")
	check("date change")
	delete(fsys, "content/bai-viet/b07.md")
	check("article removed")
}

// Related articles do not depend on how many cores pick them: each
// article's pick reads only the lists (relateOn).
func TestRelatedSameOnAnyNumberOfCores(t *testing.T) {
	s := relatedSite(t, relatedFS(240), nil)
	s.relateOn(1)
	one := relatedSlugs(s)
	for _, workers := range []int{2, 3, 7} {
		s.relateOn(workers)
		got := relatedSlugs(s)
		for slug, w := range one {
			if w == "" {
				t.Fatalf("%s has no related article: the test site relates nothing", slug)
			}
			if got[slug] != w {
				t.Errorf("%d cores: %s related %q, one core %q", workers, slug, got[slug], w)
			}
		}
	}
}

// The memo saved with the Markdown cache is read back by the next
// process and used as it is (nothing chosen again), and it gives what a
// fresh computation gives. A memo naming an article it does not have is
// damage: a warning, and the articles are related afresh.
func TestRelatedMemoSavedBetweenRuns(t *testing.T) {
	dir, key := t.TempDir(), "program-1"
	fsys := relatedFS(30)
	first := NewHashedBodyCache()
	want := relatedSlugs(relatedSite(t, fsys, first))
	if err := first.Save(dir, key); err != nil {
		t.Fatal(err)
	}

	next, err := LoadBodyCache(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.related.related) != 30 {
		t.Fatalf("the saved memo was not read: %d articles", len(next.related.related))
	}
	got := relatedSlugs(relatedSite(t, fsys, next))
	if next.relatedFresh {
		t.Error("the next run chose related articles again instead of using the saved memo")
	}
	for slug, w := range want {
		if got[slug] != w {
			t.Errorf("%s related %q after reading the memo, %q before", slug, got[slug], w)
		}
	}

	// Another program's memo is not read.
	if other, _ := LoadBodyCache(dir, "program-2"); len(other.related.related) != 0 {
		t.Error("a memo saved by another program was read")
	}

	// Damage: an index past the memo's articles.
	bad := first.related
	bad.related = append([][]int32(nil), bad.related...)
	bad.related[3] = []int32{0, 30}
	if err := saveRelated(dir, key, bad); err != nil {
		t.Fatal(err)
	}
	damaged, err := LoadBodyCache(dir, key)
	if err == nil || !strings.Contains(err.Error(), "bài liên quan") {
		t.Errorf("damaged memo: warning %v, want one naming the related articles' cache", err)
	}
	if len(damaged.related.related) != 0 {
		t.Fatal("a damaged memo was kept")
	}
	got = relatedSlugs(relatedSite(t, fsys, damaged))
	for slug, w := range want {
		if got[slug] != w {
			t.Errorf("after a damaged memo: %s related %q, want %q", slug, got[slug], w)
		}
	}
}
