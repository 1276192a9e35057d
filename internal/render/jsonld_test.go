package render

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The JSON-LD structs list their fields in the order of their JSON names,
// the order the maps they replaced were written in: a field added out of
// order would change every page's bytes for nothing.
func TestStructuredDataFieldsInNameOrder(t *testing.T) {
	for _, v := range []any{newsArticle{}, ldThing{}, breadcrumbList{}, listItem{}} {
		typ := reflect.TypeOf(v)
		var names []string
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			names = append(names, name)
		}
		if !slices.IsSorted(names) {
			t.Errorf("%s: JSON names %v are not in order", typ.Name(), names)
		}
	}
	data, err := json.Marshal(newsArticle{Keywords: nil})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, omitted := range []string{"dateModified", "image", "keywords"} {
		if _, ok := m[omitted]; ok {
			t.Errorf("%s written though empty: %s", omitted, data)
		}
	}
}
