package testenv

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/qa"
)

// Every skip in the repository (in a file that imports testing) goes
// through this package, so that CI=true
// fails it and the README's test summary names it: a call to Skip, Skipf
// or SkipNow anywhere else is reported with its file and line.
func TestEverySkipGoesThroughTestenv(t *testing.T) {
	root, err := qa.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	self, _ := filepath.Abs(".")
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || filepath.Dir(p) == self {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if !importsTesting(f) {
			return nil // a Skip method there is not testing's
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Skip", "Skipf", "SkipNow":
					rel, _ := filepath.Rel(root, p)
					t.Errorf("%s:%d: %s called directly; use testenv.Need (or NeedCommand, NotShort) so that CI=true fails it", rel, fset.Position(call.Pos()).Line, sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func importsTesting(f *ast.File) bool {
	for _, im := range f.Imports {
		if im.Path.Value == `"testing"` {
			return true
		}
	}
	return false
}
