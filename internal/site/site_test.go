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

const cfg = `title: "T"
areas:
  - {slug: kinh-te, name: "Kinh tế"}
  - {slug: van-hoa-xa-hoi, name: "Văn hóa - xã hội"}
localities:
  - {slug: nghia-an, kind: xa, name: "Nghĩa An", valid_to: 2024-11-30, merged_into: an-phu}
  - {slug: nghia-phu, kind: xa, name: "Nghĩa Phú", valid_to: 2024-11-30, merged_into: an-phu}
  - {slug: an-phu, kind: xa, name: "An Phú", valid_from: 2024-12-01, valid_to: 2025-06-30, merged_into: an-phu-2025}
  - {slug: an-phu-2025, kind: xa, name: "An Phú", valid_from: 2025-07-01}
  - {slug: tinh-an, kind: xa, name: "Tịnh An"}
  - {slug: tinh-an-dong, kind: xa, name: "Tịnh Ấn Đông"}
`

func article(slug, date, area, loc string) string {
	return fmt.Sprintf("---\ntitle: \"Bài %s\"\ndate: %s\narea: %s\nlocality: %s\n---\nNội dung của bài %s.\n", slug, date, area, loc, slug)
}

func buildSite(t *testing.T, files map[string]string) *Site {
	t.Helper()
	return buildSiteOn(t, cfg, files)
}

// buildSiteOn builds a site whose _site.yaml is config.
func buildSiteOn(t *testing.T, config string, files map[string]string) *Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(config)}}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	c, probs, err := content.Load(fsys)
	if err != nil || probs.HasErrors() {
		t.Fatalf("load: %v %s", err, probs.Error())
	}
	s, probs, err := New(fsys, c, markdown.New(ReservedIDs...), Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil || probs.HasErrors() {
		t.Fatalf("site: %v %s", err, probs.Error())
	}
	return s
}

// The history rule: a successor lists and counts its predecessors'
// articles, transitively; a merged unit keeps its own.
func TestHistoryRule(t *testing.T) {
	s := buildSite(t, map[string]string{
		"content/bai-viet/a.md": article("a", "2019-01-01", "kinh-te", "nghia-an"),
		"content/bai-viet/b.md": article("b", "2020-01-01", "kinh-te", "nghia-phu"),
		"content/bai-viet/c.md": article("c", "2025-01-01", "van-hoa-xa-hoi", "an-phu"),
		"content/bai-viet/d.md": article("d", "2025-08-01", "kinh-te", "an-phu-2025"),
	})
	count := func(slug string) int { return len(s.LocalityBySlug(slug).Articles) }
	if count("nghia-an") != 1 || count("an-phu") != 3 || count("an-phu-2025") != 4 {
		t.Errorf("counts: nghia-an %d an-phu %d an-phu-2025 %d", count("nghia-an"), count("an-phu"), count("an-phu-2025"))
	}
	if n := len(s.LocalityBySlug("an-phu-2025").Own); n != 1 {
		t.Errorf("own articles of an-phu-2025: %d", n)
	}
	if c := s.Cell("kinh-te", "an-phu-2025"); c == nil || c.Count() != 3 || c.URL != "/dia-ban/an-phu-2025/kinh-te/" {
		t.Errorf("cell: %+v", c)
	}
	if s.LocalityBySlug("nghia-an").Successor.Slug != "an-phu" {
		t.Error("successor link missing")
	}
	if len(s.LocalityBySlug("an-phu").Predecessors) != 2 {
		t.Error("predecessors missing")
	}
}

func TestLocalitiesSortedVietnamese(t *testing.T) {
	s := buildSite(t, nil)
	var names []string
	for _, l := range s.Localities {
		names = append(names, l.Name+"/"+l.Slug)
	}
	// Current units first, each group in Vietnamese order (An < Ấn).
	want := "An Phú/an-phu-2025 Tịnh An/tinh-an Tịnh Ấn Đông/tinh-an-dong An Phú/an-phu Nghĩa An/nghia-an Nghĩa Phú/nghia-phu"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
}

func TestPagination(t *testing.T) {
	items := make([]*Article, 45)
	pages := Paginate("/linh-vuc/kinh-te/", items)
	if len(pages) != 3 || pages[0].URL != "/linh-vuc/kinh-te/" || pages[1].URL != "/linh-vuc/kinh-te/trang/2/" {
		t.Fatalf("pages: %d %s %s", len(pages), pages[0].URL, pages[1].URL)
	}
	if len(pages[2].Items) != 5 || pages[2].Next != "" || pages[2].Prev != "/linh-vuc/kinh-te/trang/2/" || pages[2].First != 41 {
		t.Errorf("last page: %+v", pages[2])
	}
	links := pageLinks("/x/", 10, 20)
	var got []string
	for _, l := range links {
		got = append(got, fmt.Sprint(l.N))
	}
	if strings.Join(got, " ") != "1 0 8 9 10 11 12 0 20" {
		t.Errorf("links: %v", got)
	}
	if len(Paginate("/x/", nil)) != 1 {
		t.Error("an empty list still has one page")
	}
}

func TestRelatedAndPrevNext(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 8; i++ {
		loc := "tinh-an"
		if i%2 == 1 {
			loc = "tinh-an-dong"
		}
		files[fmt.Sprintf("content/bai-viet/b%d.md", i)] = article(fmt.Sprint(i), fmt.Sprintf("2020-01-%02d", i+1), "kinh-te", loc)
	}
	s := buildSite(t, files)
	for _, a := range s.Articles {
		if len(a.Related) < 3 || len(a.Related) > 5 {
			t.Errorf("%s has %d related", a.Slug, len(a.Related))
		}
		for _, r := range a.Related {
			if r == a {
				t.Errorf("%s related to itself", a.Slug)
			}
		}
		if a.Related[0].Locality != a.Locality {
			t.Errorf("%s: the first related article should share the locality", a.Slug)
		}
	}
	if s.Articles[0].Slug != "b7" || s.Articles[0].Next != nil || s.Articles[0].Prev.Slug != "b6" {
		t.Errorf("prev/next of newest: %v", s.Articles[0].Prev)
	}
}

func TestDerivedSummary(t *testing.T) {
	long := strings.Repeat("Mô hình dân vận khéo giúp người dân thoát nghèo bền vững. ", 10)
	s := buildSite(t, map[string]string{"content/bai-viet/a.md": "---\ntitle: A\ndate: 2019-01-01\narea: kinh-te\nlocality: tinh-an\n---\n## Mở đầu\n\n" + long + "\n\nĐoạn hai.\n"})
	sum := s.Articles[0].Summary
	if !strings.HasPrefix(sum, "Mô hình dân vận khéo") || !strings.HasSuffix(sum, "…") || len([]rune(sum)) > 201 {
		t.Errorf("summary %q", sum)
	}
}

func TestDraftsAndLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_site.yaml":    {Data: []byte(cfg)},
		"content/bai-viet/a.md": {Data: []byte("---\ntitle: A\ndate: 2019-01-01\narea: kinh-te\nlocality: tinh-an\n---\nXem [b](b.md) và [mục](b.md#khong-co).\n")},
		"content/bai-viet/b.md": {Data: []byte("---\ntitle: B\ndate: 2019-01-02\narea: kinh-te\nlocality: tinh-an\ndraft: true\n---\n## Có\n")},
	}
	c, _, _ := content.Load(fsys)
	_, probs, _ := New(fsys, c, markdown.New(), Options{})
	if !strings.Contains(probs.Error(), "a.md:7: liên kết: liên kết \"b.md\" tới bài nháp") {
		t.Errorf("a link to a draft must be an error when drafts are off: %s", probs.Error())
	}
	s, probs, _ := New(fsys, c, markdown.New(), Options{Drafts: true})
	if len(s.Articles) != 2 || !strings.Contains(probs.Error(), "#khong-co") {
		t.Errorf("with drafts: %d articles, problems %s", len(s.Articles), probs.Error())
	}
}

func TestReusedNamesAreDisambiguated(t *testing.T) {
	s := buildSite(t, nil)
	if got := s.LocalityBySlug("an-phu").FullName(); got != "xã An Phú (12/2024 – 6/2025)" {
		t.Errorf("an-phu: %q", got)
	}
	if got := s.LocalityBySlug("an-phu-2025").FullName(); got != "xã An Phú (từ 7/2025)" {
		t.Errorf("an-phu-2025: %q", got)
	}
	if got := s.LocalityBySlug("tinh-an").FullName(); got != "xã Tịnh An" {
		t.Errorf("tinh-an: %q", got)
	}
}

// Chain yields a unit's merge history oldest first, ends at the unit that
// holds it today (Final), yields nothing for nil, and never repeats a unit
// or runs past content.MaxMergeChain even on a history validation would
// have rejected.
func TestChain(t *testing.T) {
	s := buildSite(t, nil)
	slugs := func(l *Locality) string {
		var out []string
		for u := range l.Chain() {
			out = append(out, u.Slug)
		}
		return strings.Join(out, " ")
	}
	if got := slugs(s.LocalityBySlug("nghia-an")); got != "nghia-an an-phu an-phu-2025" {
		t.Errorf("chain of nghia-an: %q", got)
	}
	if got := slugs(s.LocalityBySlug("tinh-an")); got != "tinh-an" {
		t.Errorf("chain of an unmerged unit: %q", got)
	}
	if got := s.LocalityBySlug("nghia-an").Final().Slug; got != "an-phu-2025" {
		t.Errorf("final unit of nghia-an: %q", got)
	}
	if got := slugs(nil); got != "" {
		t.Errorf("chain of nil: %q", got)
	}

	// Unvalidated histories, built by hand: a loop, and one too long.
	a, b, c := &Locality{}, &Locality{}, &Locality{}
	a.Slug, b.Slug, c.Slug = "a", "b", "c"
	a.Successor, b.Successor, c.Successor = b, c, b
	if got := slugs(a); got != "a b c" {
		t.Errorf("chain with a loop: %q", got)
	}
	long := make([]*Locality, content.MaxMergeChain+5)
	for i := range long {
		long[i] = &Locality{}
		long[i].Slug = fmt.Sprint(i)
		if i > 0 {
			long[i-1].Successor = long[i]
		}
	}
	if got := len(strings.Fields(slugs(long[0]))); got != content.MaxMergeChain {
		t.Errorf("chain of an over-long history: %d units, want the bound %d", got, content.MaxMergeChain)
	}
	// Breaking out of the loop early is allowed (Locality.On does).
	for u := range long[0].Chain() {
		if u.Slug == "2" {
			break
		}
	}
}
