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
	src := reader.Source()
	var unwrap []ast.Node
	var figures []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			txt := plainText(n, src)
			if n.Level >= 2 {
				st.headings = append(st.headings, Heading{Level: n.Level, ID: string(idb), Text: txt})
			}
		case *ast.Link:
			dest := string(n.Destination)
			if !safeURL(dest) {
				st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.Destination), Field: "link", Msg: "liên kết " + strconv.Quote(dest) + " không an toàn nên đã bị bỏ (được phép: https://, http://, mailto:, tel:, hoặc đường dẫn tới bài khác như ten-bai.md)"})
				unwrap = append(unwrap, n)
				return ast.WalkContinue, nil
			}
			if st.res != nil {
				u, err := st.res.Link(dest)
				if err != nil {
					st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.Destination), Field: "link", Msg: err.Error()})
				} else {
					n.Destination = []byte(u)
				}
			}
		case *ast.AutoLink:
			if !safeURL(string(n.URL(src))) {
				st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.URL(src)), Field: "link", Msg: "liên kết tự động không an toàn đã bị bỏ"})
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			st.images++
			dest := string(n.Destination)
			alt := strings.TrimSpace(plainText(n, src))
			if alt == "" {
				st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.Destination), Field: "image", Msg: "ảnh " + strconv.Quote(dest) + " thiếu lời mô tả (alt) cho người khiếm thị: viết ![mô tả ảnh](" + dest + ")"})
			}
			if !safeURL(dest) || strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.Destination), Field: "image", Msg: "địa chỉ ảnh " + strconv.Quote(dest) + " không hợp lệ"})
				n.Destination = nil
			} else if st.res != nil {
				img, err := st.res.Image(dest)
				if err != nil {
					st.issues = append(st.issues, Issue{Line: lineOf(n, src, n.Destination), Field: "image", Msg: err.Error()})
				} else {
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
			}
			if st.images > 1 {
				n.SetAttributeString("loading", []byte("lazy"))
			}
			n.SetAttributeString("decoding", []byte("async"))
			if p, ok := n.Parent().(*ast.Paragraph); ok && p.ChildCount() == 1 && len(n.Title) > 0 {
				figures = append(figures, p)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *extast.TableCell:
			s := plainText(n, src)
			st.text.WriteString(s)
			st.text.WriteByte('\n')
			st.words += len(vi.Words(s))
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, p := range figures {
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
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
