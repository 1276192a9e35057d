package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every article's HTML and text come with their SHA-256, rendered afresh
// or read back from the saved Markdown cache, and the sums are those of
// the very strings; a value set since is not vouched for.
func TestBodySumsTravelWithTheCache(t *testing.T) {
	dir, key := t.TempDir(), "program-1"
	fsys := relatedFS(12)
	check := func(step string, s *Site) {
		t.Helper()
		for _, a := range s.Articles {
			h, hok := a.HTMLSum()
			x, xok := a.TextSum()
			if !hok || !xok || h != sha256.Sum256([]byte(a.html)) || x != sha256.Sum256([]byte(a.text)) {
				t.Errorf("%s: %s: sums %v %v, not those of its HTML and text", step, a.Slug, hok, xok)
			}
		}
	}
	first := NewHashedBodyCache()
	check("rendered", relatedSite(t, fsys, first))
	if err := first.Save(dir, key); err != nil {
		t.Fatal(err)
	}
	next, err := LoadBodyCache(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	s := relatedSite(t, fsys, next)
	for f, e := range next.m {
		if e.fresh {
			t.Fatalf("%s rendered again: the saved cache was not used", f)
		}
	}
	check("read from the cache", s)

	a := s.Articles[0]
	a.html = template.HTML(string(a.html) + "<p>thêm</p>")
	a.text += " thêm"
	if _, ok := a.HTMLSum(); ok {
		t.Error("HTMLSum vouches for a HTML set after the render")
	}
	if _, ok := a.TextSum(); ok {
		t.Error("TextSum vouches for a text set after the render")
	}
}

// Releasing an article's HTML lets its bytes go: the seal no longer
// points at them.
func TestReleaseHTMLDropsTheSeal(t *testing.T) {
	s := relatedSite(t, relatedFS(2), NewHashedBodyCache())
	a := s.Articles[0]
	if _, ok := a.HTMLSum(); !ok {
		t.Fatal("a rendered article has no sum")
	}
	a.ReleaseHTML()
	if a.html != "" || a.htmlSum != (sealed{}) {
		t.Errorf("after ReleaseHTML: HTML %q, seal %+v; want both empty", a.html, a.htmlSum)
	}
}

// A body whose bytes in the saved Markdown cache were damaged (the
// checksum does not cover them: cachefile.Blob) loads as it is, keeps the
// sum taken when it was rendered (the page keys'), and is refused when
// read: a *DamagedBodyError, never the damaged bytes. Its text and the
// other articles read as saved; the summary comes from the saved entry.
func TestDamagedBodyIsFoundWhenRead(t *testing.T) {
	dir, key := t.TempDir(), "program-1"
	fsys := relatedFS(12)
	first := NewHashedBodyCache()
	want := relatedSite(t, fsys, first).Articles
	if err := first.Save(dir, key); err != nil {
		t.Fatal(err)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "markdown-*.bin"))
	damaged := 0
	for _, f := range shards {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.Index(data, []byte("<p>Nội dung 0.</p>")); i >= 0 {
			data[i+4] ^= 0x20 // "nội"
			if err := os.WriteFile(f, data, 0o644); err != nil {
				t.Fatal(err)
			}
			damaged++
		}
	}
	if damaged != 1 {
		t.Fatalf("found the body in %d shards, want 1", damaged)
	}
	next, err := LoadBodyCache(dir, key)
	if err != nil {
		t.Fatalf("the damage is in a blob, which loading does not read: %v", err)
	}
	s := relatedSite(t, fsys, next)
	for i, a := range s.Articles {
		html, herr := a.HTML()
		text, terr := a.Text()
		if a.Summary != want[i].Summary {
			t.Errorf("%s: summary %q, want %q", a.Path, a.Summary, want[i].Summary)
		}
		if _, ok := a.HTMLSum(); !ok {
			t.Errorf("%s: no sum for the page keys", a.Path)
		}
		if a.Path != "content/bai-viet/b00.md" {
			if herr != nil || terr != nil || html == "" || text == "" {
				t.Errorf("%s: %v %v", a.Path, herr, terr)
			}
			continue
		}
		var de *DamagedBodyError
		if !errors.As(herr, &de) || de.File != a.Path || html != "" {
			t.Errorf("damaged HTML read as %q, %v; want a *DamagedBodyError", html, herr)
		}
		if terr != nil || text != "Nội dung 0." {
			t.Errorf("its undamaged text: %q, %v", text, terr)
		}
		if !strings.Contains(herr.Error(), "bộ đệm Markdown bị hỏng") {
			t.Errorf("message %q", herr)
		}
	}
}
