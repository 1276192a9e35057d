package render_test

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/sitetest"
)

// samplePages renders the repo's sample site (its content/_site.yaml holds
// the 2024 and 2025 merges) into memory: URL → HTML.
func samplePages(t *testing.T) (*build.Result, map[string]string) {
	t.Helper()
	root := sitetest.RepoRoot(t)
	res, err := build.Prepare(os.DirFS(root), build.Options{Source: root, BaseURL: "https://example.org/", Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	out := map[string]string{}
	var buf bytes.Buffer
	for _, p := range res.Renderer.Pages(res.Site) {
		buf.Reset()
		if err := res.Renderer.Render(&buf, p); err != nil {
			t.Fatal(err)
		}
		out[p.URL] = buf.String()
	}
	return res, out
}

var nayThuocRE = regexp.MustCompile(`nay thuộc <a href="/dia-ban/([a-z0-9-]+)/">`)

// Every page that says which unit a place belongs to today names a unit
// that exists today; the pages of the units merged twice say both steps.
func TestPagesNameTheUnitOfToday(t *testing.T) {
	res, pages := samplePages(t)
	s := res.Site
	n := 0
	for url, html := range pages {
		for _, m := range nayThuocRE.FindAllStringSubmatch(html, -1) {
			n++
			if l := s.LocalityBySlug(m[1]); l == nil || !l.Current {
				t.Errorf("%s: “nay thuộc” names %s, which does not exist today", url, m[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("no page says “nay thuộc”")
	}
	for _, tc := range []struct {
		url  string
		want []string
		not  []string
	}{
		// A unit merged twice: the step, then today's unit.
		{"/dia-ban/nghia-an/", []string{`rồi sáp nhập vào <a href="/dia-ban/an-phu/">xã An Phú (12/2024 – 6/2025)</a>; nay thuộc <a href="/dia-ban/an-phu-2025/">xã An Phú (từ 7/2025)</a>`}, nil},
		// Merged once: its successor is today's unit, said once.
		{"/dia-ban/an-phu/", []string{`rồi sáp nhập vào <a href="/dia-ban/an-phu-2025/">`}, []string{"nay thuộc"}},
		{"/dia-ban/nghia-chanh/", []string{`rồi sáp nhập vào <a href="/dia-ban/cam-thanh/">phường Cẩm Thành</a>`}, []string{"nay thuộc"}},
		// Dissolved: no unit of today.
		{"/dia-ban/thanh-pho/", []string{"không sáp nhập vào đơn vị nào; nay không còn là đơn vị hành chính"}, []string{"nay thuộc"}},
		// The article of a unit merged twice, in its facts box.
		{"/bai-viet/hien-dat-lam-duong-nghia-an/", []string{`nay thuộc <a href="/dia-ban/an-phu-2025/">xã An Phú (từ 7/2025)</a>; trước đó thuộc <a href="/dia-ban/an-phu/">xã An Phú (12/2024 – 6/2025)</a>`}, nil},
		// The matrix: Nghĩa An under the An Phú of today; the city level
		// apart, said to have ended.
		{"/dia-ban/", []string{
			`<a href="/dia-ban/nghia-an/">xã Nghĩa An</a> <span class="unit-note">nay thuộc <a href="/dia-ban/an-phu-2025/">`,
			`Đơn vị không còn và không sáp nhập vào đơn vị nào`,
			`không còn là đơn vị hành chính từ 1/7/2025`,
		}, []string{`nay thuộc <a href="/dia-ban/an-phu/">`}},
	} {
		html, ok := pages[tc.url]
		if !ok {
			t.Errorf("no page %s", tc.url)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %q", tc.url, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(html, w) {
				t.Errorf("%s says %q", tc.url, w)
			}
		}
	}
	// The matrix lists each former unit right under its unit of today.
	rows := regexp.MustCompile(`<tr class="(unit|former|ended)"><th scope="row"><a href="/dia-ban/([a-z0-9-]+)/">`).FindAllStringSubmatch(pages["/dia-ban/"], -1)
	var group string
	for _, r := range rows {
		l := s.LocalityBySlug(r[2])
		if r[1] == "ended" {
			if l.Current || l.Today() != nil {
				t.Errorf("/dia-ban/: %s is listed as ended", r[2])
			}
			continue
		}
		if r[1] == "unit" {
			group = r[2]
			if !l.Current {
				t.Errorf("/dia-ban/: %s heads a group but no longer exists", r[2])
			}
			continue
		}
		if l.Today() != nil && l.Today().Slug != group {
			t.Errorf("/dia-ban/: %s is listed under %s, but belongs to %s today", r[2], group, l.Today().Slug)
		}
	}
}

var chipRE = regexp.MustCompile(`<li><a href="(/dia-ban/[a-z0-9-]+/(?:[a-z0-9-]+/)?)">[^<]+ <span class="count">(\d+)</span></a></li>`)

// The unit chips of an area count each article once: they add up to the
// area's articles, on the area's page and on the index of areas.
func TestAreaChipsAddUp(t *testing.T) {
	res, pages := samplePages(t)
	for _, ar := range res.Site.Areas {
		html := pages[ar.URL]
		box := html[strings.Index(html, `<details class="breakdown"`):]
		box = box[:strings.Index(box, "</details>")]
		sum := 0
		for _, m := range chipRE.FindAllStringSubmatch(box, -1) {
			n, _ := strconv.Atoi(m[2])
			sum += n
		}
		if sum != len(ar.Articles) {
			t.Errorf("%s: chips add up to %d for %d articles", ar.URL, sum, len(ar.Articles))
		}
	}
	idx := pages[render.SectionAreas.URL]
	for _, ar := range res.Site.Areas {
		start := strings.Index(idx, `<a href="`+ar.URL+`">`)
		if start < 0 {
			t.Fatalf("%s: no entry for %s", render.SectionAreas.URL, ar.URL)
		}
		block := idx[start:]
		block = block[:strings.Index(block, "</li>\n</ul>")+len("</li>")]
		sum := 0
		for _, m := range chipRE.FindAllStringSubmatch(block, -1) {
			n, _ := strconv.Atoi(m[2])
			sum += n
		}
		if sum != len(ar.Articles) {
			t.Errorf("%s, %s: chips add up to %d for %d articles", render.SectionAreas.URL, ar.Name, sum, len(ar.Articles))
		}
	}
	// The home page's units are the units of today.
	home := pages["/"]
	sec := home[strings.Index(home, `id="dia-ban-tieu-de"`):]
	for _, m := range chipRE.FindAllStringSubmatch(sec, -1) {
		slug := strings.Split(m[1], "/")[2]
		if l := res.Site.LocalityBySlug(slug); !l.Current {
			t.Errorf("home: %s is listed among today's units", slug)
		}
	}
}
