package store_test

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
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
	s = changed(s, 10, func(a *site.Article) { appendText(a, " uniqueword") })
	for i := 0; i < static.MaxPostings; i++ {
		s = changed(s, 100+i, func(a *site.Article) {
			appendText(a, " capword")
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
			return changed(s, 3, func(a *site.Article) { setText(a, "Cán bộ xã đối thoại với nhân dân về "+text(a)) })
		}, true},
		{"title edit", func(s *site.Site) *site.Site {
			return changed(s, 7, func(a *site.Article) { a.Title = "Tiêu đề đã sửa: " + a.Title })
		}, true},
		{"title and body edit", func(s *site.Site) *site.Site {
			return changed(s, 8, func(a *site.Article) { a.Title = a.Title + " mới"; appendText(a, " Đoạn mới thêm.") })
		}, true},
		{"a term appears for the first time", func(s *site.Site) *site.Site {
			return changed(s, 20, func(a *site.Article) { appendText(a, " từmớitinh") })
		}, true},
		{"a term disappears", func(s *site.Site) *site.Site {
			return changed(s, 10, func(a *site.Article) { setText(a, strings.ReplaceAll(text(a), " uniqueword", "")) })
		}, true},
		{"a list gets capped: other titles' signatures move", func(s *site.Site) *site.Site {
			return changed(s, 450, func(a *site.Article) { appendText(a, " capword") })
		}, true},
		{"the list is whole again", func(s *site.Site) *site.Site {
			return changed(s, 450, func(a *site.Article) { setText(a, strings.ReplaceAll(text(a), " capword", "")) })
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
			s = changed(s, 50, func(a *site.Article) { setText(a, "Văn bản mới hoàn toàn.") })
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
			return changed(s, 60, func(a *site.Article) { appendText(a, strings.Repeat(" ruộng đất", 20000)) })
		}, false},
		{"edit after a rebuild", func(s *site.Site) *site.Site {
			return changed(s, 61, func(a *site.Article) { setText(a, "Một câu.") })
		}, true},
	}
	// On disk, each step is a new build (the store opened again from the
	// cache), or the preview server's next rebuild (the store kept open:
	// after an export from scratch, it reads its side terms back from disk).
	for _, mode := range []string{"in memory", "cache on disk", "on disk, kept open"} {
		disk, reopen := mode != "in memory", mode == "cache on disk"
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
			if reopen { // a new build: the state comes from the cache on disk
				st.Close()
				st = open()
			}
			got, us := syncExport(t, st, cur)
			name := step.name + " (" + mode + ")"
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

// Random edits of one article at a time around the common words, whose
// lists are capped, each compared with an export from scratch: the
// article's weight in such a list rises, falls, crosses the lowest kept
// impact or not, the word enters or leaves its title (a signature), or
// changes its exact form. The terms left as they are (Settled) must be
// those no export from scratch would write otherwise; some must be.
func TestIncrementalSettledTermsEqualExportFromScratch(t *testing.T) {
	s := searchtest.SynthSite(500, 11)
	// The words in the most articles: their lists are capped.
	df := map[string]int{}
	for _, a := range s.Articles {
		seen := map[string]bool{}
		for _, w := range strings.Fields(text(a)) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	var common []string
	for w, n := range df {
		if n > static.MaxPostings && utf8.RuneCountInString(w) > 1 {
			common = append(common, w)
		}
	}
	// Most articles first: the lowest impact kept in its list is the
	// highest of all.
	slices.SortFunc(common, func(a, b string) int { return cmp.Or(df[b]-df[a], strings.Compare(a, b)) })
	if len(common) < 5 {
		t.Fatalf("only %d words in more than %d articles", len(common), static.MaxPostings)
	}
	st, err := store.NewMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	syncExport(t, st, s)
	r := rand.New(rand.NewPCG(3, 5))
	settled := 0
	for step := range 42 {
		i, w := r.IntN(len(s.Articles)), common[r.IntN(len(common))]
		var what string
		kind := r.IntN(6)
		if step < 2 {
			i, w, kind = 7, common[0], 6+step
		}
		switch kind {
		case 6:
			// So long that its impact in every common word's list is
			// below the lowest kept...
			what = "the body made very long"
			s = changed(s, i, func(a *site.Article) { appendText(a, strings.Repeat(" khoảng trống", 300)) })
		case 7:
			// ...when the word becomes its title: the title's signature
			// then sits on the word's posting, which is kept for it.
			what = fmt.Sprintf("the title is %q alone", w)
			s = changed(s, i, func(a *site.Article) { a.Title = w })
		case 0:
			k := 1 + r.IntN(4)
			what = fmt.Sprintf("%q added %d times to the body", w, k)
			s = changed(s, i, func(a *site.Article) { appendText(a, strings.Repeat(" "+w, k)) })
		case 1:
			what = fmt.Sprintf("one %q taken out of the body", w)
			s = changed(s, i, func(a *site.Article) { setText(a, strings.Replace(text(a), w, "", 1)) })
		case 2:
			what = fmt.Sprintf("%q added to the title", w)
			s = changed(s, i, func(a *site.Article) { a.Title += " " + w })
		case 3:
			what = fmt.Sprintf("%q in another exact form", w)
			s = changed(s, i, func(a *site.Article) { setText(a, strings.Replace(text(a), w, vi.Fold(w), 1)) })
		case 4:
			what = "the body made longer"
			s = changed(s, i, func(a *site.Article) { appendText(a, " "+text(a)) })
		default:
			what = "the body halved"
			s = changed(s, i, func(a *site.Article) { t := text(a); setText(a, t[:strings.LastIndex(t[:len(t)/2+1], " ")+1]) })
		}
		name := fmt.Sprintf("step %d, article %d: %s", step, i, what)
		got, us := syncExport(t, st, s)
		if !us.Patched && !us.Reused { // Reused: the article did not hold the word
			t.Fatalf("%s: exported from scratch: %+v", name, us)
		}
		settled += us.Settled
		sameFiles(t, name, unversioned(got), unversioned(recountExport(t, s)))
		if t.Failed() {
			return
		}
	}
	if settled == 0 {
		t.Error("no term was ever left as it was: Settled is not exercised")
	}
	t.Logf("%d terms left as they were over 42 edits", settled)
}

// Edits around a capped pair's lowest kept count, each compared with an
// export from scratch: "lúa nước" is held 4, 3 and 2 times by 100
// articles each and once by 50 more, so its list keeps the 300 highest
// counts, lowest document first, and the floor is 2 with 50 articles
// holding it twice left out.
func TestIncrementalSettledPairsEqualExportFromScratch(t *testing.T) {
	s := searchtest.SynthSite(500, 11)
	count := func(i int) int { return []int{4, 3, 2, 2, 1}[i%5] } // 100, 100, 200, 100 of the first 500
	for i := range 450 {
		s = changed(s, i, func(a *site.Article) { appendText(a, strings.Repeat(" lúa nước", count(i))) })
	}
	// "cá kho" is held by three articles only: its list is whole.
	for _, i := range []int{20, 21, 22} {
		s = changed(s, i, func(a *site.Article) { appendText(a, " cá kho") })
	}
	st, err := store.NewMem(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	syncExport(t, st, s)
	setCount := func(i, n int) func(*site.Article) {
		return func(a *site.Article) {
			setText(a, strings.ReplaceAll(text(a), " lúa nước", "")+strings.Repeat(" lúa nước", n))
		}
	}
	steps := []struct {
		name string
		i    int
		edit func(*site.Article)
	}{
		{"held once, still once (an edit elsewhere): left as it was", 4, func(a *site.Article) { appendText(a, " thêm chữ") }},
		{"held four times and kept, still four times (an edit elsewhere): left as it was", 5, func(a *site.Article) { appendText(a, " thêm chữ") }},
		{"held twice and kept, still twice, now in the title too", 2, func(a *site.Article) { a.Title += " lúa nước" }},
		{"held once, now twice: at the floor, first of its count by order, it is kept", 4, setCount(4, 2)},
		{"held four times, now once: it leaves the list", 0, setCount(0, 1)},
		{"held twice and left out, now three times: it is kept", 448, setCount(448, 3)},
		{"held three times, now once", 1, setCount(1, 1)},
		{"held once, still once again", 9, func(a *site.Article) { a.Title += " mới" }},
		{"a whole list, an edit elsewhere: left as it was", 20, func(a *site.Article) { appendText(a, " thêm chữ") }},
		{"a whole list, held twice now", 20, func(a *site.Article) { appendText(a, " cá kho") }},
		{"a whole list, now in the title too: its heading bits change", 21, func(a *site.Article) { a.Title += " cá kho" }},
		{"a whole list, out of the title again", 21, func(a *site.Article) { a.Title = strings.TrimSuffix(a.Title, " cá kho") }},
	}
	settled := 0
	for _, step := range steps {
		s = changed(s, step.i, step.edit)
		got, us := syncExport(t, st, s)
		if !us.Patched {
			t.Fatalf("%s: exported from scratch: %+v", step.name, us)
		}
		settled += us.Settled
		sameFiles(t, step.name, unversioned(got), unversioned(recountExport(t, s)))
	}
	if settled == 0 {
		t.Error("no pair or term was ever left as it was")
	}
}

// text is a's body text; setText and appendText change it (the site's
// articles keep it behind site.Article.Text).
func text(a *site.Article) string {
	t, err := a.Text()
	if err != nil {
		panic(err)
	}
	return t
}

func setText(a *site.Article, t string) {
	html, err := a.HTML()
	if err != nil {
		panic(err)
	}
	a.SetBody(html, t)
}

func appendText(a *site.Article, more string) { setText(a, text(a)+more) }

// An edit's update is committed beside its export (startCommit). When that
// commit fails, here because the side terms' file cannot be replaced (a
// folder stands where the pairs' delta goes: an edit writes only that), the export made meanwhile is still the
// export from scratch, byte for byte; the failure is a warning, and the
// store mends itself as after any failed update (rebuilt, then in memory):
// the next edit exports right too.
func TestSyncCommitFailingBesideTheExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	var log bytes.Buffer
	st, err := store.Open(dir, &log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := incrementalSite()
	syncExport(t, st, s)
	edits := []func(a *site.Article){
		func(a *site.Article) { appendText(a, " Đoạn đầu thêm.") },
		func(a *site.Article) { a.Title += " đã sửa"; appendText(a, " Đoạn mới thêm.") },
		func(a *site.Article) { appendText(a, " Thêm một đoạn nữa.") },
	}
	for i, edit := range edits {
		if i == 1 {
			// After a patched export the side terms are in memory: only
			// the commit writes their file.
			pairs := filepath.Join(dir, "pairs-delta")
			if err := os.Remove(pairs); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(pairs, "chặn"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		s = changed(s, 3, edit)
		got, us := syncExport(t, st, s)
		if !us.Patched {
			t.Errorf("edit %d: %+v, want the export patched", i, us)
		}
		want := recountExport(t, s)
		sameFiles(t, fmt.Sprintf("edit %d", i), got, want)
		if warned := strings.Contains(log.String(), "cảnh báo"); warned != (i >= 1) {
			t.Errorf("edit %d: warned %v:\n%s", i, warned, log.String())
		}
	}
	for _, w := range []string{"cập nhật bộ đệm tìm kiếm", "dựng chỉ mục trong bộ nhớ"} {
		if !strings.Contains(log.String(), w) {
			t.Errorf("no warning %q:\n%s", w, log.String())
		}
	}
}
