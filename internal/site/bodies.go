package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/parallel"
)

// The Markdown stage: every body is rendered (through the Markdown cache)
// with a resolver that checks its links and images against the site, and
// what the page model needs of it (HTML, text, headings, summary, files
// to publish) is set on the article or page.

// BodyRenderer renders a document body, asking r where each link and
// image goes; *markdown.Renderer implements it. The pipeline hands one to
// New and PatchBodies: the page model does not depend on the renderer. The
// HTML of a Result is published as it is: it must be safe (no raw HTML,
// no script URLs), as markdown's is.
type BodyRenderer interface {
	Render(src []byte, r body.Resolver) (*body.Result, error)
}

// bodyJob is one body to render: an article's, a page's, or an invalid
// article's (whose problems alone are kept).
type bodyJob struct {
	file     string
	body     []byte          // the Markdown, or nil when unread
	unread   *content.Unread // where the body is when the load did not read it
	bodyLine int
	res      *resolver
	rendered
	err error
}

// rendered is a body's render as the site takes it: made now, or read from
// the Markdown cache.
type rendered struct {
	out  *body.Result  // the render, without its HTML (kept once, as html)
	html template.HTML // out.HTML, kept once
	lead string        // the text's first paragraph, cut (deriveSummary): the summary of an article without one
	// unchecked says html and out.Text are the Markdown cache's blobs,
	// not yet checked against out.HTMLSum and out.TextSum: the site
	// checks them when they are read (Article.HTML, Article.Text).
	unchecked bool
}

// intact reports whether a render's html and text are those its sums were
// taken of.
func (r rendered) intact() bool {
	return !r.unchecked || sum256(string(r.html)) == r.out.HTMLSum && sum256(r.out.Text) == r.out.TextSum
}

// renderBodies renders every article and page body in parallel and turns
// Markdown issues into located problems.
func (s *Site) renderBodies(fsys fs.FS, md BodyRenderer, pages map[string]*Page) content.Problems {
	sizes := &imageSizes{fsys: fsys, m: map[string][2]int{}}
	jobs := s.bodyJobs(sizes, pages)
	s.link = s.linkKey(pages)
	s.renderJobs(fsys, md, jobs)
	probs := s.takeBodies(jobs, sizes)
	probs = append(probs, fragmentProblems(jobs)...)
	s.Resources = dedupeResources(s.Resources)
	return probs
}

// bodyJobs lists the bodies in the order takeBodies reads them: articles,
// then pages, then invalid articles.
func (s *Site) bodyJobs(sizes *imageSizes, pages map[string]*Page) []*bodyJob {
	jobs := make([]*bodyJob, 0, len(s.Articles)+len(s.Pages))
	for _, a := range s.Articles {
		jobs = append(jobs, &bodyJob{file: a.Path, body: a.Body, unread: a.Unread, bodyLine: a.BodyLine, res: &resolver{s: s, file: a.Path, dir: path.Dir(a.Path), bundle: a.Dir, url: a.URL, sizes: sizes, pages: pages}})
	}
	for _, p := range s.Pages {
		jobs = append(jobs, &bodyJob{file: p.Path, body: p.Body, bodyLine: p.BodyLine, res: &resolver{s: s, file: p.Path, dir: path.Dir(p.Path), url: p.URL, sizes: sizes, pages: pages, checkNow: true}})
	}
	// Invalid articles after pages: only their problems are kept.
	for _, a := range s.invalid {
		if a.Body != nil || a.Unread != nil {
			jobs = append(jobs, &bodyJob{file: a.Path, body: a.Body, unread: a.Unread, bodyLine: a.BodyLine, res: &resolver{s: s, file: a.Path, dir: path.Dir(a.Path), bundle: a.Dir, url: a.URL, sizes: sizes, pages: pages}})
		}
	}
	return jobs
}

// renderJobs renders the jobs on every core.
func (s *Site) renderJobs(fsys fs.FS, md BodyRenderer, jobs []*bodyJob) {
	sums := &fileSums{fsys: fsys, m: map[string][32]byte{}}
	parallel.For(len(jobs), func(i int) {
		j := jobs[i]
		var reused int
		if j.body == nil && j.unread != nil {
			j.rendered, reused, j.err = s.renderUnread(fsys, md, j.res, j.unread, sums)
		} else {
			j.rendered, reused, j.err = s.renderBody(md, j.res, j.body, sums)
		}
		atomic.AddInt64(&s.ImagesReused, int64(reused))
		s.progress(1)
	})
}

// renderBody renders one body, src, with its resolver r, or takes it from the
// Markdown cache when the cache has it for the same body, links and files
// (r then gets the images and anchors the render had found). reused is the
// number of image variants the cached render had asked for.
func (s *Site) renderBody(md BodyRenderer, r *resolver, src []byte, sums *fileSums) (_ rendered, reused int, err error) {
	if e, ok := s.cache.get(r.file, s.link, r.bundle, src, sums); ok && (!r.checkNow || e.intact()) {
		r.images, r.anchors = e.images, e.anchors
		return e.rendered, e.asked, nil
	}
	out, err := md.Render(src, r)
	if err != nil {
		return rendered{}, 0, err
	}
	out.Seal()
	html := template.HTML(out.HTML) // #nosec: safe by BodyRenderer's contract (goldmark without raw HTML)
	// Kept once, as html.
	kept := *out
	kept.HTML = ""
	made := rendered{out: &kept, html: html, lead: deriveSummary(kept.Text)}
	s.cache.put(r.file, bodyEntry{link: s.link, bundle: r.bundle, body: src, rendered: made, images: r.images, anchors: r.anchors, asked: r.asked}, r.deps, sums)
	return made, 0, nil
}

// renderUnread is renderBody for a body the load did not read: the
// Markdown cache is asked by the body's hash, and the body is read only
// when the cache has no render of it.
func (s *Site) renderUnread(fsys fs.FS, md BodyRenderer, r *resolver, u *content.Unread, sums *fileSums) (_ rendered, reused int, err error) {
	if e, ok := s.cache.getSum(r.file, s.link, r.bundle, u.Sum, sums); ok && (!r.checkNow || e.intact()) {
		r.images, r.anchors = e.images, e.anchors
		return e.rendered, e.asked, nil
	}
	src, err := u.Read(fsys)
	if err != nil {
		return rendered{}, 0, err
	}
	return s.renderBody(md, r, src, sums)
}

// takeBodies sets each render on its article or page (with the article's
// cover and files to publish) and returns the problems of the renders.
func (s *Site) takeBodies(jobs []*bodyJob, sizes *imageSizes) content.Problems {
	var probs content.Problems
	for i, j := range jobs {
		if j.err != nil {
			probs = append(probs, content.Problem{File: j.file, Line: j.bodyLine, Msg: j.err.Error()})
			continue
		}
		for _, is := range j.out.Issues {
			probs = append(probs, content.Problem{File: j.file, Line: j.bodyLine + is.Line - 1, Field: is.Field, Msg: is.Msg})
		}
		if i < len(s.Articles) {
			a := s.Articles[i]
			a.setBody(j.rendered)
			s.Resources = append(s.Resources, j.res.images...)
			s.setCover(a, sizes, &probs)
		} else if i < len(s.Articles)+len(s.Pages) {
			p := s.Pages[i-len(s.Articles)]
			p.HTML = j.html
			p.Headings = j.out.Headings
		}
	}
	return probs
}

// setBody gives a its rendered body and what is derived from it; a
// summary the frontmatter did not give is the body's first paragraph
// (r.lead, derived when the body was rendered: the text of a body from
// the Markdown cache is not read here).
func (a *Article) setBody(r rendered) {
	out := r.out
	a.html, a.text, a.unchecked, a.Headings = r.html, out.Text, r.unchecked, out.Headings
	a.htmlSum, a.textSum = seal(string(r.html), out.HTMLSum), seal(out.Text, out.TextSum)
	a.Words, a.ReadingMinutes = out.Words, max(1, (out.Words+199)/200)
	if a.Summary == "" || a.summaryDerived {
		a.Summary, a.summaryDerived = r.lead, true
	}
}

// fragmentProblems checks links to a heading of another document.
// Fragments may point at any heading of another document (footnotes and
// layout ids too), so they are checked after all are rendered. Few
// documents have such links: the headings are indexed only then.
func fragmentProblems(jobs []*bodyJob) content.Problems {
	var probs content.Problems
	var heads map[string][]body.Heading // URL → headings
	for _, j := range jobs {
		if len(j.res.anchors) == 0 {
			continue
		}
		if heads == nil {
			heads = make(map[string][]body.Heading, len(jobs))
			for _, k := range jobs {
				if k.err == nil {
					heads[k.res.url] = k.out.Headings
				}
			}
		}
		for _, an := range j.res.anchors {
			hs, known := heads[an.target]
			if !known || hasHeading(hs, an.fragment) || footnoteID(an.fragment) {
				continue
			}
			probs = append(probs, content.Problem{File: j.file, Line: j.bodyLine, Field: "link", Msg: fmt.Sprintf("liên kết tới mục #%s của %s: không có tiêu đề nào với mã này", an.fragment, an.target)})
		}
	}
	return probs
}

// footnoteID reports whether id is one goldmark gives a footnote or its
// back link: those are not headings and are not checked.
func footnoteID(id string) bool {
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

// hasHeading reports whether a document has a heading with the id.
func hasHeading(hs []body.Heading, id string) bool {
	for _, h := range hs {
		if h.ID == id {
			return true
		}
	}
	return false
}
