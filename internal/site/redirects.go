package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/quangngai/danvan/internal/content"
)

// generatedRoot are files the build writes at the top of the output, and
// generatedDirs folders it fills itself: an old address there would
// shadow, or be shadowed by, one of them.
var (
	generatedRoot = []string{"/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html", "/_redirects", "/_headers", "/opensearch.xml"}
	generatedDirs = []string{"/css/", "/js/", "/tim-kiem/", "/quan-tri/", "/thong-ke/"}
)

// redirects turns the old addresses (aliases) of the published articles
// into redirects. Each alias is already a safe site path (content checks
// its form); here it must also lead somewhere: Netlify never redirects an
// address that has a file, so an alias equal to a page, a file of the
// site, the article's own address or another article's (drafts included,
// they may be published later) would be dead, and an alias given by two
// articles would send readers to one of them at random. Those are errors
// on the alias's line; only the others become redirects.
func (s *Site) redirects(all []*content.Article) content.Problems {
	articleAt := map[string]*content.Article{} // SitePathKey of every article's URL
	for _, a := range all {
		articleAt[content.SitePathKey(articleURL(a.Slug))] = a
	}
	taken := map[string]bool{}
	for _, u := range s.urls {
		taken[content.SitePathKey(u)] = true
	}
	for u := range s.StaticURLs {
		taken[content.SitePathKey(u)] = true
	}
	for _, r := range s.Resources {
		taken[content.SitePathKey(r.URL)] = true
	}
	for _, u := range generatedRoot {
		taken[content.SitePathKey(u)] = true
	}
	var probs content.Problems
	given := map[string]*Article{} // alias key → the article that gives it
	for _, a := range s.Articles {
		for i, al := range a.Aliases {
			key := content.SitePathKey(al)
			why := ""
			switch other := articleAt[key]; {
			case key == content.SitePathKey(a.URL):
				why = "đây là đường dẫn của chính bài này; xóa dòng này"
			case other != nil:
				why = fmt.Sprintf("đây là đường dẫn của bài %s; Netlify không chuyển hướng đường dẫn đang có trang: xóa dòng này", other.Path)
			case given[key] != nil && given[key] != a:
				why = fmt.Sprintf("bài %s cũng ghi đường dẫn cũ này; mỗi đường dẫn cũ chỉ chuyển về một bài: xóa ở một trong hai bài", given[key].Path)
			case given[key] == a:
				why = "ghi hai lần trong bài này; xóa một dòng"
			case taken[key] || s.underPage(al) || inGeneratedDir(al):
				why = "trang web đã có trang hoặc tệp ở đường dẫn này (Netlify không chuyển hướng đường dẫn đang có tệp); xóa dòng này hoặc ghi đúng đường dẫn cũ"
			}
			if why != "" {
				probs = append(probs, content.Problem{File: a.Path, Line: a.AliasLines[i], Field: "aliases", Msg: fmt.Sprintf("%q không dùng được: %s", al, why)})
				continue
			}
			given[key] = a
			s.Redirects = append(s.Redirects, Redirect{From: al, To: a.URL})
		}
	}
	return probs
}

// underPage reports whether p names a file (its last segment has a dot)
// in the folder of a page, where the build writes files of its own
// (feed.xml, the contest's CSV, a bundle's images).
func (s *Site) underPage(p string) bool {
	if strings.HasSuffix(p, "/") || !strings.Contains(path.Base(p), ".") {
		return false
	}
	return s.urlSet[strings.ToLower(path.Dir(p))+"/"]
}

// inGeneratedDir reports whether p lies in a folder the build fills.
func inGeneratedDir(p string) bool {
	lp := strings.ToLower(p)
	for _, d := range generatedDirs {
		if strings.HasPrefix(lp, d) && lp != d {
			return true
		}
	}
	return false
}

// articleURL is the address of the article with the given slug.
func articleURL(slug string) string { return ArchiveURL + slug + "/" }
