package store_test

import (
	"bytes"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// changed returns a copy of s in which f has changed article i.
func changed(s *site.Site, i int, f func(a *site.Article)) *site.Site {
	c := *s
	c.Articles = append([]*site.Article(nil), s.Articles...)
	a := *c.Articles[i]
	art := *a.Article
	a.Article = &art
	f(&a)
	c.Articles[i] = &a
	return &c
}

// incrementalSite is a site on which every kind of incremental change
// can be made: 500 generated articles (so that the most common words'
// lists are capped and titles carry signatures), a word "uniqueword" in
// one article only, and a word "capword" in exactly static.MaxPostings
// articles, five of which have it in their titles: one more article
// with it caps its list, which moves those five titles' signatures.
func incrementalSite() *site.Site {
	s := searchtest.SynthSite(500, 11)
	s = changed(s, 10, func(a *site.Article) { a.Text += " uniqueword" })
	for i := 0; i < static.MaxPostings; i++ {
		s = changed(s, 100+i, func(a *site.Article) {
			a.Text += " capword"
			if i < 5 {
				a.Title += " capword"
			}
		})
	}
	return s
}

// An export updated for edited articles is, byte for byte, the export a
// build from scratch writes, after every kind of change, one after the
// other; edits are updates (UpdateStats.Patched), additions, deletions and
// a change of the average length's step are exports from scratch.
func TestIncrementalExportEqualsExportFromScratch(t *testing.T) {
	s := incrementalSite()
	steps := []struct {
		name    string
		change  func(s *site.Site) *site.Site
		patched bool // the previous export was updated, not encoded from scratch
	}{
		{"body edit", func(s *site.Site) *site.Site {
			return changed(s, 3, func(a *site.Article) { a.Text = "Cán bộ xã đối thoại với nhân dân về " + a.Text })
		}, true},
		{"title edit", func(s *site.Site) *site.Site {
			return changed(s, 7, func(a *site.Article) { a.Title = "Tiêu đề đã sửa: " + a.Title })
		}, true},
		{"title and body edit", func(s *site.Site) *site.Site {
			return changed(s, 8, func(a *site.Article) { a.Title, a.Text = a.Title+" mới", a.Text+" Đoạn mới thêm." })
		}, true},
		{"a term appears for the first time", func(s *site.Site) *site.Site {
			return changed(s, 20, func(a *site.Article) { a.Text += " từmớitinh" })
		}, true},
		{"a term disappears", func(s *site.Site) *site.Site {
			return changed(s, 10, func(a *site.Article) { a.Text = strings.ReplaceAll(a.Text, " uniqueword", "") })
		}, true},
		{"a list gets capped: other titles' signatures move", func(s *site.Site) *site.Site {
			return changed(s, 450, func(a *site.Article) { a.Text += " capword" })
		}, true},
		{"the list is whole again", func(s *site.Site) *site.Site {
			return changed(s, 450, func(a *site.Article) { a.Text = strings.ReplaceAll(a.Text, " capword", "") })
		}, true},
		{"model, unit and tags", func(s *site.Site) *site.Site {
			return changed(s, 30, func(a *site.Article) {
				a.Model, a.Unit, a.Tags = "Mô hình dân vận khéo", "Hội Nông dân", []string{"nông thôn mới"}
			})
		}, true},
		{"area: the record and facets only", func(s *site.Site) *site.Site {
			return changed(s, 40, func(a *site.Article) { a.Area = "van-hoa" })
		}, true},
		{"two articles", func(s *site.Site) *site.Site {
			s = changed(s, 50, func(a *site.Article) { a.Text = "Văn bản mới hoàn toàn." })
			return changed(s, 51, func(a *site.Article) { a.Summary = "Tóm tắt mới." })
		}, true},
		{"site-wide names only", func(s *site.Site) *site.Site {
			c := *s
			c.Areas = append([]*site.Area(nil), s.Areas...)
			area := *c.Areas[0]
			area.Name = "Kinh tế (đổi tên)"
			c.Areas[0] = &area
			return &c
		}, true},
		{"an added article", func(s *site.Site) *site.Site {
			return with(s, 5, "bai-moi", "Bài mới về dồn điền đổi thửa", "Nông dân bàn bạc dồn điền đổi thửa.")
		}, false},
		{"a deleted article", func(s *site.Site) *site.Site { return without(s, 5) }, false},
		{"the average length moves a step", func(s *site.Site) *site.Site {
			return changed(s, 60, func(a *site.Article) { a.Text += strings.Repeat(" ruộng đất", 20000) })
		}, false},
		{"edit after a rebuild", func(s *site.Site) *site.Site {
			return changed(s, 61, func(a *site.Article) { a.Text = "Một câu." })
		}, true},
	}
	for _, disk := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "search")
		var log bytes.Buffer
		open := func() *store.Store {
			if !disk {
				st, err := store.NewMem(&log)
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			st, err := store.Open(dir, &log)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		st := open()
		prev, _ := syncExport(t, st, s)
		cur := s
		for _, step := range steps {
			cur = step.change(cur)
			if disk { // a new build: the state comes from the cache on disk
				st.Close()
				st = open()
			}
			got, us := syncExport(t, st, cur)
			name := step.name
			if disk {
				name += " (cache on disk)"
			}
			if us.Patched != step.patched || us.Reused {
				t.Errorf("%s: %+v, want Patched %v", name, us, step.patched)
			}
			// Compared without the token folders first, so that a
			// difference names the file that differs, then whole.
			want := recountExport(t, cur)
			sameFiles(t, name, unversioned(got), unversioned(want))
			sameFiles(t, name+" (with folders)", got, want)
			if !bytes.Equal(got[static.Dir+"manifest.json"].Data, want[static.Dir+"manifest.json"].Data) {
				t.Errorf("%s: the manifests (and so the versions) differ", name)
			}
			if kept := checkNamesKept(t, name, prev, got); step.patched && kept == 0 {
				t.Errorf("%s: no file kept its name", name)
			}
			prev = got
		}
		st.Close()
		if strings.Contains(log.String(), "cảnh báo") {
			t.Errorf("unexpected warnings:\n%s", log.String())
		}
	}
}

// unversioned returns out with the token folders taken out of the names.
func unversioned(out searchtest.MapOut) searchtest.MapOut {
	u := searchtest.MapOut{}
	for name, f := range out {
		u[unversionedName(name)] = f
	}
	return u
}

// unversionedName is name without its token folder.
func unversionedName(name string) string {
	if rest, ok := strings.CutPrefix(name, static.FilesDir); ok {
		_, file, _ := strings.Cut(rest, "/")
		return static.FilesDir + file
	}
	return name
}

// checkNamesKept checks that a file of b whose bytes a has under the same
// name (but for its folder) keeps its folder unless another file of that
// folder's group changed: browsers keep what they cached of an export,
// and the build's output keeps the file where it is. It returns how many
// files kept their names.
func checkNamesKept(t *testing.T, what string, a, b searchtest.MapOut) int {
	t.Helper()
	before := map[string]string{} // name without folder → name
	for name := range a {
		before[unversionedName(name)] = name
	}
	folder := func(name string) string { return path.Dir(name) }
	changed := map[string]bool{} // folders of b holding a new or changed file
	for name, f := range b {
		if old, ok := before[unversionedName(name)]; !ok || !bytes.Equal(a[old].Data, f.Data) {
			changed[folder(name)] = true
		}
	}
	kept := 0
	for name, f := range b {
		old, ok := before[unversionedName(name)]
		switch {
		case !ok || !bytes.Equal(a[old].Data, f.Data) || changed[folder(name)]:
		case old != name:
			t.Errorf("%s: %s moved to %s though no file of its group changed", what, old, name)
		default:
			kept++
		}
	}
	return kept
}
