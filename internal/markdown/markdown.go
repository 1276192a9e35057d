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
)

// Resolver maps what an author wrote to what the page links to. The site
// implements it per document, since relative paths depend on the file.
type Resolver interface {
	// Link returns the URL for a link destination, or an error (in
	// Vietnamese) when it points nowhere.
	Link(dest string) (string, error)
	// Image returns the URL and size of an image source, or an error.
	Image(src string) (Image, error)
}

// Image is a resolved image.
type Image struct {
	URL    string // URL to emit
	Width  int    // intrinsic width in pixels, 0 if unknown
	Height int    // intrinsic height in pixels, 0 if unknown
	Srcset string // responsive candidates ("a-480.jpg 480w, …"), or ""
	Sizes  string // the sizes attribute that goes with Srcset
}

// Issue is a problem found while rendering, located by body line.
type Issue struct {
	Line  int    // 1-based line within the Markdown source
	Field string // "link", "image"…
	Msg   string // Vietnamese message
}

// Heading is one entry of a document's outline.
type Heading struct {
	Level int    // 2..6
	ID    string // the element id
	Text  string // plain text
}

// Result is a rendered document.
type Result struct {
	HTML     []byte    // safe HTML fragment
	Text     string    // plain text of the blocks, one block a line
	Words    int       // syllable count, for reading time
	Headings []Heading // h2..h6 in order
	Images   int       // number of images
	Issues   []Issue   // broken links, missing alt text, unsafe URLs
}

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
			renderer.WithNodeRenderers(util.Prioritized(&figureRenderer{}, 100)),
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
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	return &Result{
		HTML:     buf.Bytes(),
		Text:     strings.TrimSpace(st.text.String()),
		Words:    st.words,
		Headings: st.headings,
		Images:   st.images,
		Issues:   st.issues,
	}, nil
}

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
