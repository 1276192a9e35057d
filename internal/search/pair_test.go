package search_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// A name made of two syllables that are each in more documents than a
// posting list keeps (static.MaxPostings), but side by side only in one
// article, is found through the pair: the article is left out of both
// capped lists (checked in the export itself), and both "Hội Đoàn" and
// "hoi doan" still rank it first, in Go and in search.js.
func TestPairFindsNameOfCappedWords(t *testing.T) {
	s, want := cappedNameSite(static.MaxPostings + 300)
	fsys := searchtest.ExportFS(t, s)
	for _, w := range []string{"hoi", "doan"} {
		e := exportedTerm(t, fsys, w)
		if e.df <= len(e.docs) {
			t.Fatalf("%q: %d documents, list of %d: not capped, the test proves nothing", w, e.df, len(e.docs))
		}
		if e.docs[want] {
			t.Fatalf("%q: the planted article is in the capped list: the test proves nothing", w)
		}
	}
	st, err := static.Open(fsys)
	if err != nil {
		t.Fatal(err)
	}
	queries := []relQuery{{Q: "Hội Đoàn"}, {Q: "hoi doan"}, {Q: "thôn Hội Đoàn"}, {Q: "hoi doan", Typing: true}}
	for _, q := range queries {
		res, err := st.Search(q.Q, q.Typing, nil)
		if err != nil {
			t.Fatal(err)
		}
		rs := res.All
		if len(rs) == 0 || rs[0].Doc != want || !rs[0].Full || rs[0].Tier != 2 {
			t.Errorf("%q (typing %v): want document %d first, all words, in the title; got %+v", q.Q, q.Typing, want, rs[:min(3, len(rs))])
		}
	}
	dir := t.TempDir()
	for name, f := range fsys.(fstest.MapFS) {
		if err := searchtest.DirOut(dir).WriteFile(name, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	js := jsSearch(t, dir, queries)
	for i, q := range queries {
		sameTop10(t, st, q, js[i])
	}
}

// cappedNameSite returns n articles in which "hội" and "đoàn" are common
// but never side by side, plus one long article (so its impacts are low)
// whose title holds "Hội Đoàn"; and that article's number.
func cappedNameSite(n int) (*site.Site, int) {
	s := &site.Site{}
	loc := &site.Locality{Locality: content.Locality{Slug: "xa", Name: "Xã"}}
	s.Localities = []*site.Locality{loc}
	s.Areas = []*site.Area{{Area: content.Area{Slug: "kinh-te", Name: "Kinh tế"}}}
	filler := strings.Fields("người dân cán bộ xã thôn làng đường ruộng lúa nước mùa vụ giúp nhau vốn vay nghèo chăn nuôi bò heo gà")
	date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(title, text string) {
		a := &site.Article{Article: &content.Article{Slug: vi.Slug(title) + fmt.Sprint(len(s.Articles)), Title: title, Area: "kinh-te", Locality: "xa", Date: date},
			URL: fmt.Sprintf("/bai-viet/%d/", len(s.Articles)), LocalityRef: loc}
		a.SetBody("", text)
		date = date.AddDate(0, 0, -1)
		s.Articles = append(s.Articles, a)
	}
	want := n / 2
	for i := 0; i <= n; i++ {
		if i == want {
			var long []string
			for k := 0; k < 600; k++ {
				long = append(long, filler[(k*7)%len(filler)])
			}
			add("Chuyện ở thôn Hội Đoàn", strings.Join(long, " "))
			continue
		}
		var ws []string
		for k := 0; k < 40; k++ {
			ws = append(ws, filler[(i+k*3)%len(filler)])
		}
		// "hội" and "đoàn" apart, a few times each.
		text := "Hội viên " + strings.Join(ws[:20], " ") + " đoàn viên " + strings.Join(ws[20:], " ") + " hội nghị và đoàn kết."
		add(fmt.Sprintf("Bài %d về %s", i, filler[i%len(filler)]), text)
	}
	return s, want
}

// exportedEntry is a term entry as the export holds it.
type exportedEntry struct {
	df   int
	docs map[int]bool
}

// exportedTerm reads term t's entry straight from the export's shards.
func exportedTerm(t *testing.T, fsys fs.FS, term string) exportedEntry {
	t.Helper()
	var man static.Manifest
	readJSONFile(t, fsys, static.Dir+"manifest.json", &man)
	for i := range man.Uni {
		var es [][]json.RawMessage
		readJSONFile(t, fsys, man.Path(static.KindTerms, i), &es)
		for _, e := range es {
			var name string
			json.Unmarshal(e[static.EntryTerm], &name)
			if name != term {
				continue
			}
			out := exportedEntry{docs: map[int]bool{}}
			var variants []string
			var ps []int
			json.Unmarshal(e[static.EntryDF], &out.df)
			json.Unmarshal(e[static.EntryVariants], &variants)
			json.Unmarshal(e[static.EntryPostings], &ps)
			// gap, impact, position if in the title, mask if variants
			d := 0
			for k := 0; k+1 < len(ps); {
				d += ps[k]
				out.docs[d] = true
				k += 2
				if ps[k-1]&static.InTitle != 0 {
					k++
				}
				if len(variants) > 0 {
					k++
				}
			}
			return out
		}
	}
	t.Fatalf("term %q not in the export", term)
	return exportedEntry{}
}

func readJSONFile(t *testing.T, fsys fs.FS, name string, v any) {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
