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

// The memo of related articles must always give what a fresh computation
// gives: reused after a body edit, recomputed after a tag, a locality or a
// date changes.
func TestRelatedMemoMatchesFreshComputation(t *testing.T) {
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(cfg)}}
	locs := []string{"tinh-an", "tinh-an-dong", "an-phu-2025"}
	for i := 0; i < 30; i++ {
		fsys[fmt.Sprintf("content/bai-viet/b%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài %d\"\ndate: 2025-%02d-%02d\narea: kinh-te\nlocality: %s\ntags: [t%d, t%d]\n---\nNội dung %d.\n",
			i, 7+i%5, 1+i%27, locs[i%3], i%4, i%7, i))}
	}
	md := markdown.New(ReservedIDs...)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	cache := NewBodyCache()
	build := func(c *BodyCache) *Site {
		t.Helper()
		ct, probs, err := content.Load(fsys)
		if err != nil || probs.HasErrors() {
			t.Fatalf("load: %v %s", err, probs.Error())
		}
		s, probs, err := New(fsys, ct, md, Options{Now: now, Cache: c})
		if err != nil || probs.HasErrors() {
			t.Fatalf("site: %v %s", err, probs.Error())
		}
		return s
	}
	check := func(step string) {
		t.Helper()
		got, want := relatedSlugs(build(cache)), relatedSlugs(build(nil))
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
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(cfg)}}
	locs := []string{"tinh-an", "tinh-an-dong", "an-phu-2025"}
	for i := 0; i < 240; i++ {
		fsys[fmt.Sprintf("content/bai-viet/b%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài %d\"\ndate: 2025-%02d-%02d\narea: kinh-te\nlocality: %s\ntags: [t%d, t%d]\n---\nNội dung %d.\n",
			i, 1+i%12, 1+i%27, locs[i%3], i%4, i%7, i))}
	}
	ct, probs, err := content.Load(fsys)
	if err != nil || probs.HasErrors() {
		t.Fatalf("load: %v %s", err, probs.Error())
	}
	s, probs, err := New(fsys, ct, markdown.New(ReservedIDs...), Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil || probs.HasErrors() {
		t.Fatalf("site: %v %s", err, probs.Error())
	}
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
