package store_test

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/store"
)

// The registered bleve analyzer gives the same terms as Analyze.
func TestBleveAnalyzer(t *testing.T) {
	cache := registry.NewCache()
	an, err := cache.AnalyzerNamed(store.AnalyzerVi)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := cache.AnalyzerNamed(store.AnalyzerExact)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range searchtest.GoldenFold(t) {
		var want, wantX, got, gotX []string
		for _, w := range analysis.Analyze(c.In) {
			want = append(want, w.Fold)
			wantX = append(wantX, w.Exact)
		}
		for _, tok := range an.Analyze([]byte(c.In)) {
			got = append(got, string(tok.Term))
		}
		for _, tok := range ex.Analyze([]byte(c.In)) {
			gotX = append(gotX, string(tok.Term))
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotX, wantX) {
			t.Errorf("%q: bleve %q %q, Analyze %q %q", c.In, got, gotX, want, wantX)
		}
	}
}
