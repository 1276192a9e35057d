package site

import (
	"path"
	"reflect"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/content"
)

// Patching the page graph. An editor saving an article while previewing
// changes its body far more often than its frontmatter; when nothing but
// the body changed, every list, link, taxonomy and related choice stays
// as it is, and only the article's own rendered body (with what derives
// from it: text, reading time, headings, a derived summary, the last
// update) is new. The preview server renders that body and patches it
// into the graph it has, instead of building the graph again: at 10k
// articles that is a few milliseconds, not a build.

// BodyPatch is the new render of articles whose files changed in their
// body only, ready to be applied to the site.
type BodyPatch struct {
	updates []bodyUpdate
}

type bodyUpdate struct {
	a        *Article         // the article in the site
	src      *content.Article // its source as read now
	rendered                  // its body
}

// Sources returns the source articles of the published articles at paths
// (slash paths from the site root), or false when one is not published.
func (s *Site) Sources(paths []string) ([]*content.Article, bool) {
	out := make([]*content.Article, len(paths))
	for i, p := range paths {
		a := s.byPath[p]
		if a == nil {
			return nil, false
		}
		out[i] = a.Article
	}
	return out, true
}

// PatchBodies prepares the patch that brings s up to the article sources
// read again (see Sources and content.Cache.Reread). It reports false when
// that is not a body-only change the graph can take as it is: an article
// that is not published in s, a frontmatter that changed, a body that
// renders with problems, publishes other files, links to a heading that is
// not there, or drops a heading (another document may link to it). The
// caller then builds the site again, which reports problems in full.
func (s *Site) PatchBodies(sources []*content.Article, md BodyRenderer) (*BodyPatch, bool) {
	sizes := &imageSizes{fsys: s.fsys, m: map[string][2]int{}}
	sums := &fileSums{fsys: s.fsys, m: map[string][32]byte{}}
	p := &BodyPatch{}
	for _, n := range sources {
		if n == nil {
			return nil, false
		}
		file := n.Path
		a := s.byPath[file]
		if a == nil || !sameFrontmatter(a, n) {
			return nil, false
		}
		res := &resolver{s: s, file: file, dir: path.Dir(file), bundle: n.Dir, url: a.URL, sizes: sizes, pages: s.pagesByPath}
		u := bodyUpdate{a: a, src: n}
		var err error
		if u.rendered, _, err = s.renderBody(md, res, n.Body, sums); err != nil {
			return nil, false
		}
		if len(u.out.Issues) > 0 || !s.sameFiles(a, res.images) || !s.anchorsResolve(res.anchors) || droppedHeading(a.Headings, u.out.Headings) {
			return nil, false
		}
		p.updates = append(p.updates, u)
	}
	return p, true
}

// Apply writes the patch into the site. Nothing may read the site
// meanwhile (the preview server holds its lock).
func (p *BodyPatch) Apply() {
	for _, u := range p.updates {
		u.a.Article = u.src
		u.a.setBody(u.rendered)
	}
}

// sameFrontmatter reports whether n, the article's source as read now,
// differs from the one a was built from in its body and dates only.
func sameFrontmatter(a *Article, n *content.Article) bool {
	o, c := *a.Article, *n
	o.Body, c.Body = nil, nil
	o.Modified, c.Modified = time.Time{}, time.Time{}
	return reflect.DeepEqual(o, c)
}

// sameFiles reports whether the body's files (images, linked bundle
// files), with the cover, are the files a publishes now.
func (s *Site) sameFiles(a *Article, body []Resource) bool {
	now := map[string]bool{}
	for _, r := range s.Resources {
		if strings.HasPrefix(r.URL, a.URL) {
			now[r.URL] = true
		}
	}
	next := map[string]bool{}
	for _, r := range body {
		next[r.URL] = true
	}
	if a.CoverURL != "" && strings.HasPrefix(a.CoverURL, a.URL) {
		next[a.CoverURL] = true
	}
	return reflect.DeepEqual(now, next) || (len(now) == 0 && len(next) == 0)
}

// anchorsResolve reports whether every link to a heading of another
// document finds it.
func (s *Site) anchorsResolve(anchors []anchorRef) bool {
	for _, an := range anchors {
		if footnoteID(an.fragment) {
			continue
		}
		var hs []body.Heading
		if a := s.byURL(an.target); a != nil {
			hs = a.Headings
		} else if pg := s.pageByURL(an.target); pg != nil {
			hs = pg.Headings
		} else {
			continue // not a document: nothing to check (as a build does)
		}
		if !hasHeading(hs, an.fragment) {
			return false
		}
	}
	return true
}

// droppedHeading reports whether a heading id of old is missing from new.
func droppedHeading(old, new []body.Heading) bool {
	for _, h := range old {
		if !hasHeading(new, h.ID) {
			return true
		}
	}
	return false
}

func (s *Site) byURL(u string) *Article {
	for _, a := range s.byPath {
		if a.URL == u {
			return a
		}
	}
	return nil
}

func (s *Site) pageByURL(u string) *Page {
	for _, p := range s.Pages {
		if p.URL == u {
			return p
		}
	}
	return nil
}
