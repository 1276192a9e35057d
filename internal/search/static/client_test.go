package static

import (
	"strings"
	"testing"
)

// The shipped client is minified and keeps its top-level names; a syntax
// error stops the build with its line and column.
func TestShipClient(t *testing.T) {
	src := "'use strict';\n// a comment\nfunction fold(longName) {\n  var another = longName + 1; // why\n  return another;\n}\n"
	out, err := ShipClient([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if strings.Contains(got, "comment") || strings.Contains(got, "another") || strings.Contains(got, "\n ") {
		t.Errorf("not minified: %q", got)
	}
	if !strings.Contains(got, "function fold(") {
		t.Errorf("the top-level name fold is gone: %q", got)
	}
	_, err = ShipClient([]byte("var a = 1;\nfunction (\n"))
	if err == nil || !strings.Contains(err.Error(), "dòng 2, cột 10") || !strings.Contains(err.Error(), "static/js/search.js") {
		t.Errorf("syntax error: %v, want one naming static/js/search.js, dòng 2, cột 10", err)
	}
}
