package site

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The page model renders nothing itself: the Markdown renderer and the
// image processor are handed to it by the pipeline (BodyRenderer,
// ImageProcessor), so its code imports only their contracts (body,
// imageset), never the packages that do the work.
func TestPageModelImportsNoRenderer(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasSuffix(p, "/internal/markdown") || strings.HasSuffix(p, "/internal/images") || strings.HasPrefix(p, "github.com/yuin/goldmark") {
				t.Errorf("%s imports %s: take the work through BodyRenderer or ImageProcessor instead", fset.Position(im.Pos()), p)
			}
		}
	}
}
