package main

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// The package comment lists every command, so `go doc` does not go stale
// when a command is added.
func TestPackageDocListsEveryCommand(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	for _, c := range commands() {
		if !strings.Contains(doc, "danvan "+c.name+" ") {
			t.Errorf("the package comment in main.go does not list %q", "danvan "+c.name)
		}
	}
}
