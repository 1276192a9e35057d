package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/images"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/sitetest"
)

// keyedSite is every core page of a site with its full key, the articles
// the key read, and the articles' fingerprints.
type keyedSite struct {
	urls     []string
	keys     []render.Key
	arts     [][]int32
	shapes   [][32]byte
	displays [][32]byte
	paths    []string // the articles' source files, in Site.Articles order
}

func keySite(t *testing.T, root string, proc *images.Processor) keyedSite {
	t.Helper()
	res, err := Prepare(os.DirFS(root), Options{Source: root, State: &State{Images: proc}})
	if err != nil {
		t.Fatal(err)
	}
	pages := res.Renderer.Pages(res.Site)
	var ks keyedSite
	ks.shapes, ks.displays = fingerprints(res.Site.Articles, 2)
	ks.keys, ks.arts = res.Renderer.KeysAndArticles(pages, 2, nil)
	for _, p := range pages {
		ks.urls = append(ks.urls, p.URL)
	}
	for _, a := range res.Site.Articles {
		ks.paths = append(ks.paths, a.Path)
	}
	return ks
}

// For every article of the sample site, an edit of its title, its summary
// and its body leaves every article's shape as it was, and changes the key
// of no page that did not read an article whose display changed: the
// pages a warm build keys again (stalePages) include every page whose
// full key changed. The edited article's own page, and every page that
// lists it, do change: the check has something to find.
func TestGraphKeysMatchFullKeys(t *testing.T) {
	root := sitetest.Copy(t)
	proc := images.New(t.TempDir())
	before := keySite(t, root, proc)
	if len(before.paths) < 20 {
		t.Fatalf("the sample site has %d articles; this test wants at least 20", len(before.paths))
	}
	for i, file := range before.paths {
		full := filepath.Join(root, filepath.FromSlash(file))
		orig, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.Replace(string(orig), `title: "`, `title: "Đã sửa: `, 1)
		src = strings.Replace(src, `summary: "`, `summary: "Tóm tắt mới: `, 1)
		src += fmt.Sprintf("\nĐoạn viết thêm số %d.\n", i)
		if src == string(orig) || !strings.Contains(src, "Đã sửa: ") {
			t.Fatalf("%s: no title line to edit", file)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		after := keySite(t, root, proc)
		if err := os.WriteFile(full, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.Join(after.urls, " ") != strings.Join(before.urls, " ") || strings.Join(after.paths, " ") != strings.Join(before.paths, " ") {
			t.Fatalf("%s: an edit of the title, summary and body changed the pages or the articles' order", file)
		}
		changed := make([]bool, len(before.displays))
		for j := range before.shapes {
			if after.shapes[j] != before.shapes[j] {
				t.Errorf("%s: its edit changed the shape of %s", file, before.paths[j])
			}
			changed[j] = after.displays[j] != before.displays[j]
		}
		if !changed[i] {
			t.Errorf("%s: its edit left its display as it was", file)
		}
		differ := 0
		for p := range before.urls {
			if after.keys[p] == before.keys[p] {
				continue
			}
			differ++
			if !readsAny(before.arts[p], changed) {
				t.Errorf("%s: its edit changed the key of %s, which read none of the changed articles (it read %v)", file, before.urls[p], before.arts[p])
			}
		}
		if differ < 2 { // its page, and at least the archive that lists it
			t.Errorf("%s: its edit changed %d page keys, want its page and the lists that show it", file, differ)
		}
	}
}
