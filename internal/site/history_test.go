package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/sitetest"
)

// repoHistory builds a site on the repo's content/_site.yaml (the city's
// real history: Nghĩa An + Nghĩa Phú → An Phú on 1/12/2024; on 1/7/2025 the
// district level abolished, An Phú and four communes → the new An Phú, the
// city level dissolved) with the given articles.
func repoHistory(t *testing.T, files map[string]string) *Site {
	t.Helper()
	cfgData, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), "content", "_site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return buildSiteOn(t, string(cfgData), files)
}

func slugs(ls []*Locality) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Slug)
	}
	return out
}

// "nay thuộc" names the unit that exists today: the end of the merge
// chain, never a unit that itself ended; the step between is known; a unit
// whose history ends in the dissolved city level has no unit today.
func TestTodayFollowsTheWholeChain(t *testing.T) {
	s := repoHistory(t, nil)
	for _, tc := range []struct {
		slug, today string // "" for none
		via         []string
	}{
		{"nghia-an", "an-phu-2025", []string{"an-phu"}}, // 2024, then 2025
		{"nghia-phu", "an-phu-2025", []string{"an-phu"}},
		{"an-phu", "an-phu-2025", nil},
		{"nghia-dung", "an-phu-2025", nil},
		{"tinh-hoa", "dong-son", nil},
		{"truong-quang-trong", "truong-quang-trong-2025", nil},
		{"thanh-pho", "", nil}, // ended on 30/6/2025, merged into nothing
		{"an-phu-2025", "an-phu-2025", nil},
		{"cam-thanh", "cam-thanh", nil},
	} {
		l := s.LocalityBySlug(tc.slug)
		got := ""
		if u := l.Today(); u != nil {
			got = u.Slug
			if !u.Current {
				t.Errorf("%s: Today is %s, which no longer exists", tc.slug, got)
			}
		}
		if got != tc.today {
			t.Errorf("%s: Today = %q, want %q", tc.slug, got, tc.today)
		}
		if v := slugs(l.Via()); !slices.Equal(v, tc.via) {
			t.Errorf("%s: Via = %v, want %v", tc.slug, v, tc.via)
		}
	}
}

// On picks the unit that existed on a day: Nghĩa An before the 2024
// merge, the An Phú of 2024 between the merges, the An Phú of 2025 after;
// before a unit existed (Nghĩa An joined the city in 2014) it stays itself.
func TestOnPicksTheUnitOfTheDay(t *testing.T) {
	s := repoHistory(t, nil)
	l := s.LocalityBySlug("nghia-an")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{day(2010, 1, 1), "nghia-an"},
		{day(2024, 11, 30), "nghia-an"},
		{day(2024, 12, 1), "an-phu"},
		{day(2025, 6, 30), "an-phu"},
		{day(2025, 7, 1), "an-phu-2025"},
		{day(2026, 3, 1), "an-phu-2025"},
	} {
		if got := l.On(tc.t).Slug; got != tc.want {
			t.Errorf("nghia-an on %s: %s, want %s", tc.t.Format("2006-01-02"), got, tc.want)
		}
	}
	if got := s.LocalityBySlug("thanh-pho").On(day(2026, 1, 1)).Slug; got != "thanh-pho" {
		t.Errorf("the city level after it ended: %s, want itself (no unit holds it)", got)
	}
}

// The units of today: one group per current unit with every unit merged
// into it, however indirectly; the city level stands apart.
func TestUnitsToday(t *testing.T) {
	s := repoHistory(t, nil)
	groups, ended := s.UnitsToday()
	seen := map[string]bool{}
	for _, g := range groups {
		if !g.Unit.Current {
			t.Errorf("group of %s, which no longer exists", g.Unit.Slug)
		}
		for _, f := range g.Former {
			if f.Today() != g.Unit {
				t.Errorf("%s listed under %s, but its unit of today is %v", f.Slug, g.Unit.Slug, f.Today())
			}
			seen[f.Slug] = true
		}
		seen[g.Unit.Slug] = true
		if g.Unit.Slug == "an-phu-2025" {
			want := []string{"an-phu", "nghia-an", "nghia-dong", "nghia-dung", "nghia-ha", "nghia-phu"}
			got := slugs(g.Former)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("under the An Phú of 2025: %v, want %v", got, want)
			}
		}
	}
	if got := slugs(ended); !slices.Equal(got, []string{"thanh-pho"}) {
		t.Errorf("ended units %v, want [thanh-pho]", got)
	}
	for _, l := range s.Localities {
		if !seen[l.Slug] && l.Slug != "thanh-pho" {
			t.Errorf("%s is in no group", l.Slug)
		}
	}
}

// The chips of an area count each article once, for the unit of its date:
// they add up to the area's articles (the issue found 11 for 6 when both
// An Phú units counted their predecessors).
func TestAreaUnitsCountEachArticleOnce(t *testing.T) {
	s := repoHistory(t, map[string]string{
		"content/bai-viet/a.md": article("a", "2019-06-01", "kinh-te", "nghia-an"),    // Nghĩa An
		"content/bai-viet/b.md": article("b", "2025-03-20", "kinh-te", "an-phu"),      // An Phú of 2024
		"content/bai-viet/c.md": article("c", "2025-09-01", "kinh-te", "an-phu-2025"), // An Phú of 2025
		"content/bai-viet/d.md": article("d", "2020-02-02", "kinh-te", "nghia-dung"),
		// Filed under a unit that had ended by its date: counted for the
		// unit of that day, the An Phú of 2025.
		"content/bai-viet/e.md": article("e", "2025-08-15", "kinh-te", "nghia-dung"),
		"content/bai-viet/f.md": article("f", "2021-10-12", "kinh-te", "thanh-pho"),
	})
	ar := s.areaBy["kinh-te"]
	got := map[string]int{}
	sum := 0
	for _, u := range ar.Units {
		got[u.Locality.Slug] = u.Count
		sum += u.Count
		if u.Cell == nil || u.URL != u.Locality.URL+"kinh-te/" {
			t.Errorf("chip %s links to %v", u.Locality.Slug, u.Cell)
		}
	}
	want := map[string]int{"nghia-an": 1, "an-phu": 1, "an-phu-2025": 2, "nghia-dung": 1, "thanh-pho": 1}
	if len(got) != len(want) {
		t.Errorf("chips %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("chip %s: %d, want %d (all chips: %v)", k, got[k], v, got)
		}
	}
	if sum != len(ar.Articles) {
		t.Errorf("chips add up to %d for %d articles", sum, len(ar.Articles))
	}
}
