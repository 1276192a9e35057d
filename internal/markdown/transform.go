package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/quangngai/danvan/internal/vi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer rewrites the parsed document before rendering: it resolves
// links and images, drops unsafe URLs, wraps captioned images in figures,
// and collects the outline and the plain text.
type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*docState)
	if st == nil {
		return
	}
	w := &walk{docState: st, src: reader.Source()}
	_ = ast.Walk(doc, w.visit)
	w.unwrapUnsafe()
	w.makeFigures()
}

// walk is one Transform: the document's state, and the nodes to rewrite
// once the walk is over (a tree is not changed while it is walked).
type walk struct {
	*docState
	src     []byte
	scratch []byte           // a block's text, before it joins the plain text
	unwrap  []ast.Node       // unsafe links, replaced by their text
	figures []*ast.Paragraph // paragraphs of one captioned image, made figures
}

// visit handles one node kind after another; an image's children are its
// alt text, already read, so they are skipped.
func (w *walk) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(n)
	case *ast.Link:
		w.link(n)
	case *ast.AutoLink:
		w.autoLink(n)
	case *ast.Image:
		w.image(n)
		return ast.WalkSkipChildren, nil
	case *extast.Table:
		w.table(n)
	case *ast.Paragraph, *ast.TextBlock, *extast.TableCell:
		w.plain(n)
	}
	return ast.WalkContinue, nil
}

// heading adds a heading of level 2 or more to the outline.
func (w *walk) heading(n *ast.Heading) {
	if n.Level < 2 {
		return
	}
	id, _ := n.AttributeString("id")
	idb, _ := id.([]byte)
	w.headings = append(w.headings, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, w.src)})
}

// link drops an unsafe destination and resolves the others (a link to
// another article's .md file becomes its URL).
func (w *walk) link(n *ast.Link) {
	dest := string(n.Destination)
	if !safeURL(dest) {
		w.issue(n, n.Destination, "link", "liên kết "+strconv.Quote(dest)+" không an toàn nên đã bị bỏ (được phép: https://, http://, mailto:, tel:, hoặc đường dẫn tới bài khác như ten-bai.md)")
		w.unwrap = append(w.unwrap, n)
		return
	}
	if w.res == nil {
		return
	}
	u, err := w.res.Link(dest)
	if err != nil {
		w.issue(n, n.Destination, "link", err.Error())
		return
	}
	n.Destination = []byte(u)
}

// autoLink drops an unsafe <scheme:…> link.
func (w *walk) autoLink(n *ast.AutoLink) {
	if !safeURL(string(n.URL(w.src))) {
		w.issue(n, n.URL(w.src), "link", "liên kết tự động không an toàn đã bị bỏ")
		w.unwrap = append(w.unwrap, n)
	}
}

// image checks the alt text and the address, resolves the file to its
// URL, size and srcset, loads every image after the first lazily, and
// marks a lone captioned image for a figure.
func (w *walk) image(n *ast.Image) {
	w.images++
	dest := string(n.Destination)
	if alt := strings.TrimSpace(plainText(n, w.src)); alt == "" {
		w.issue(n, n.Destination, "image", "ảnh "+strconv.Quote(dest)+" thiếu lời mô tả (alt) cho người khiếm thị: viết ![mô tả ảnh]("+dest+")")
	}
	if !safeURL(dest) || strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		w.issue(n, n.Destination, "image", "địa chỉ ảnh "+strconv.Quote(dest)+" không hợp lệ")
		n.Destination = nil
	} else if w.res != nil {
		w.resolveImage(n, dest)
	}
	if w.images > 1 {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
	if p, ok := n.Parent().(*ast.Paragraph); ok && p.ChildCount() == 1 && len(n.Title) > 0 {
		w.figures = append(w.figures, p)
	}
}

// resolveImage points an image at its processed file, with its size (no
// layout shift) and its srcset.
func (w *walk) resolveImage(n *ast.Image, dest string) {
	img, err := w.res.Image(dest)
	if err != nil {
		w.issue(n, n.Destination, "image", err.Error())
		return
	}
	n.Destination = []byte(img.URL)
	if img.Width > 0 && img.Height > 0 {
		n.SetAttributeString("width", []byte(strconv.Itoa(img.Width)))
		n.SetAttributeString("height", []byte(strconv.Itoa(img.Height)))
	}
	if img.Srcset != "" {
		n.SetAttributeString("srcset", []byte(img.Srcset))
		n.SetAttributeString("sizes", []byte(img.Sizes))
	}
}

// plain adds a block's text to the article's plain text and word count.
// The block's text is made in w.scratch, once for all blocks, and counted
// where it lands in w.text (a string per block was 130 MB of garbage in a
// 10,000-article build).
func (w *walk) plain(n ast.Node) {
	w.scratch = appendPlain(w.scratch[:0], n, w.src)
	start := w.text.Len()
	w.text.Write(bytes.TrimSpace(w.scratch))
	w.words += vi.CountWords(w.text.String()[start:])
	w.text.WriteByte('\n')
}

// issue records a problem at the line of at, a slice of the source.
func (w *walk) issue(n ast.Node, at []byte, field, msg string) {
	w.issues = append(w.issues, Issue{Line: lineOf(n, w.src, at), Field: field, Msg: msg})
}

// unwrapUnsafe replaces each dropped link by its content (an autolink by
// its label), so the words stay and the link goes.
func (w *walk) unwrapUnsafe() {
	for _, n := range w.unwrap {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(w.src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// makeFigures turns each paragraph holding only a captioned image into a
// figure whose caption is the image's title.
func (w *walk) makeFigures() {
	for _, p := range w.figures {
		img := p.FirstChild().(*ast.Image)
		fig := &Figure{Caption: img.Title}
		img.Title = nil
		fig.AppendChild(fig, img)
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

// safeURL allows web and mail links and relative paths; it refuses
// javascript:, data:, vbscript: and any other scheme.
func safeURL(u string) bool {
	s := strings.ToLower(strings.TrimSpace(u))
	// Browsers ignore control characters and whitespace inside a scheme.
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // relative
	}
	switch s[:i] {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// plainText returns the text under n, with soft breaks as spaces.
func plainText(n ast.Node, src []byte) string {
	return string(bytes.TrimSpace(appendPlain(nil, n, src)))
}

// appendPlain appends the text under n to b, as plainText, untrimmed.
func appendPlain(b []byte, n ast.Node, src []byte) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b = append(b, tx.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b
}
