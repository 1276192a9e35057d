// Package markdown turns an article body into safe HTML with goldmark:
// GFM, footnotes, typographer, readable Vietnamese heading IDs, links
// between articles written as .md paths, and images with their sizes.
// Raw HTML and dangerous URLs never reach the output.
package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/quangngai/danvan/internal/body"
)

// The types of a rendered body are internal/body's, the contract the page
// model reads without importing this package.
type (
	Resolver = body.Resolver
	Image    = body.Image
	Issue    = body.Issue
	Heading  = body.Heading
	Result   = body.Result
)

// Renderer is a configured goldmark instance. It is safe for concurrent
// use: per-document state lives in the parser context.
type Renderer struct {
	md       goldmark.Markdown
	reserved []string // element ids the layout uses
}

// New returns a Renderer. reservedIDs are ids used by the page layout, so
// a heading never takes one of them.
func New(reservedIDs ...string) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, // tables, strikethrough, autolinks, task lists
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			// Before goldmark's (500): a table's frame is the site's.
			renderer.WithNodeRenderers(util.Prioritized(&figureRenderer{}, 100), util.Prioritized(&tableRenderer{}, 100)),
		),
	)
	return &Renderer{md: md, reserved: reservedIDs}
}

// docState is the per-document state shared with the transformer.
type docState struct {
	res      Resolver
	issues   []Issue
	images   int
	headings []Heading
	text     strings.Builder
	words    int
}

var stateKey = parser.NewContextKey()

// Render converts src. res may be nil when links need no resolving.
func (r *Renderer) Render(src []byte, res Resolver) (*Result, error) {
	if line, depth := tooDeep(src); line > 0 {
		return &Result{Issues: []Issue{nestingIssue(line, depth)}}, nil // not parsed: see MaxNesting
	}
	ids := newIDs(r.reserved)
	pc := parser.NewContext(parser.WithIDs(ids))
	st := &docState{res: res}
	// The plain text is shorter than the source: one allocation instead of
	// a builder doubling from nothing (200 MB of garbage at 10,000 articles).
	st.text.Grow(len(src))
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	// The HTML is kept all build long, with the builder's spare room: made
	// at 9/8 of the source, which nine in ten bodies fit (the HTML of a
	// generated corpus is 1.04 to 1.12 times its source, at most 1.27),
	// and copied at its size when it outgrew that.
	var out htmlWriter
	out.Grow(len(src) + len(src)/8)
	room := out.Cap()
	if err := r.md.Renderer().Render(&out, src, doc); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	html := out.String()
	if out.Cap() > room { // grown by doubling
		html = strings.Clone(html)
	}
	return &Result{
		HTML:     html,
		Text:     strings.Clone(strings.TrimSpace(st.text.String())), // without the builder's spare capacity: kept all build long
		Words:    st.words,
		Headings: st.headings,
		Images:   st.images,
		Issues:   st.issues,
	}, nil
}

// htmlWriter is where goldmark writes the HTML: a strings.Builder that
// passes for the buffered writer goldmark wants (util.BufWriter), so the
// HTML is written once, into the string the site keeps, without a
// bufio.Writer per document in between or a copy into a string at the end
// (110 MB of garbage in a 10,000-article build). goldmark calls neither
// Available nor Buffered; Flush has nothing to do.
type htmlWriter struct{ strings.Builder }

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

// lineOf returns the 1-based source line of an inline node: goldmark keeps
// positions only on blocks, so search from the enclosing block's start.
func lineOf(n ast.Node, src []byte, needle []byte) int {
	start := 0
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start = p.Lines().At(0).Start
			break
		}
	}
	pos := start
	if len(needle) > 0 {
		if i := bytes.Index(src[start:], needle); i >= 0 {
			pos = start + i
		}
	}
	return 1 + bytes.Count(src[:pos], []byte("\n"))
}
