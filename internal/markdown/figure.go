package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindFigure is the node kind of a captioned image.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image alone in its paragraph with a title: it renders as
// <figure> with the title as <figcaption>.
type Figure struct {
	ast.BaseBlock
	Caption []byte // the image title, as written
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Caption": string(n.Caption)}, nil)
}

// figureRenderer renders Figure nodes; the image inside is rendered by the
// default image renderer.
type figureRenderer struct{}

func (r *figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, r.render)
}

func (r *figureRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Figure)
	if entering {
		_, _ = w.WriteString("<figure>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("\n<figcaption>")
	_, _ = w.Write(util.EscapeHTML(n.Caption))
	_, _ = w.WriteString("</figcaption>\n</figure>\n")
	return ast.WalkContinue, nil
}
