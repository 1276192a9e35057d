package site

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/quangngai/danvan/internal/content"
)

// Every field of an article is in its shape, in its display, or named as
// bookkeeping: a field added to content.Article or Article fails here
// until it is classified (fingerprint.go).
func TestFingerprintFieldsClassified(t *testing.T) {
	for _, c := range []struct {
		t     reflect.Type
		roles map[string]fieldRole
	}{{reflect.TypeFor[content.Article](), sourceFields}, {reflect.TypeFor[Article](), derivedFields}} {
		for f := range c.t.Fields() {
			if c.roles[f.Name] == unclassified {
				t.Errorf("%s.%s is not classified (fingerprint.go): is it shape or display?", c.t, f.Name)
			}
		}
		if len(c.roles) != c.t.NumField() {
			t.Errorf("fingerprint.go classifies %d fields of %s, which has %d", len(c.roles), c.t, c.t.NumField())
		}
	}
}

// settable is field i of the struct v points to, settable even when not
// exported.
func settable(v reflect.Value, i int) reflect.Value {
	f := v.Elem().Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// perturb changes v to another value of its type.
func perturb(t *testing.T, v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(25 * time.Hour)))
		return
	case v.Kind() == reflect.String:
		v.SetString(v.String() + "·")
	case v.Kind() == reflect.Int:
		v.SetInt(v.Int() + 1)
	case v.Kind() == reflect.Bool:
		v.SetBool(!v.Bool())
	case v.Kind() == reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case v.Kind() == reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem())
		v.Set(m)
	case v.Kind() == reflect.Pointer && v.IsNil():
		v.Set(reflect.New(v.Type().Elem()))
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.Zero(v.Type()))
	case v.Kind() == reflect.Struct:
		f := v.Field(0)
		perturb(t, reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
	default:
		t.Fatalf("perturb: a %s", v.Type())
	}
}

// Each field moves the fingerprint it is classified in, and not the other
// one: Fingerprints enters every field where sourceFields and
// derivedFields say, and nothing where they say it is not data.
func TestFingerprintsSeeEveryField(t *testing.T) {
	s := buildSite(t, map[string]string{
		"content/bai-viet/a.md": article("a", "2024-01-01", "kinh-te", "tinh-an"),
		"content/bai-viet/b.md": "---\ntitle: \"Bài b\"\ndate: 2024-02-01\narea: kinh-te\nlocality: tinh-an\ntags: [\"x\"]\n---\n## Mục một\n\nNội dung.\n",
		"content/bai-viet/c.md": article("c", "2024-03-01", "kinh-te", "tinh-an"),
	})
	var b *Article
	for _, a := range s.Articles {
		if a.Slug == "b" {
			b = a
		}
	}
	shape0, display0 := b.Fingerprints()
	check := func(owner string, name string, role fieldRole, shape, display [32]byte) {
		moved := map[fieldRole]bool{shapeField: shape != shape0, displayField: display != display0}
		switch role {
		case notData:
			if moved[shapeField] || moved[displayField] {
				t.Errorf("%s.%s is not data, yet moves the fingerprints (shape %v, display %v)", owner, name, moved[shapeField], moved[displayField])
			}
		case shapeField, displayField:
			other := map[fieldRole]fieldRole{shapeField: displayField, displayField: shapeField}[role]
			if !moved[role] || moved[other] {
				t.Errorf("%s.%s moves the shape %v and the display %v; it belongs to the %s", owner, name, moved[shapeField], moved[displayField], map[fieldRole]string{shapeField: "shape", displayField: "display"}[role])
			}
		}
	}
	src := reflect.TypeFor[content.Article]()
	for i := range src.NumField() {
		name := src.Field(i).Name
		c := *b.Article
		perturb(t, settable(reflect.ValueOf(&c), i))
		a := *b
		a.Article = &c
		sh, di := a.Fingerprints()
		check("content.Article", name, sourceFields[name], sh, di)
	}
	// A contest entry's every field is in the shape.
	aired := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	entry := content.Entry{Round: 2024, Outlet: "Báo", Media: "bao-in", Genre: "phong-su", Aired: &aired, Duration: "12:30", Prizes: []string{"Giải A"}}
	withEntry := *b.Article
	withEntry.Contest = &entry
	b.Article = &withEntry
	shape0, display0 = b.Fingerprints()
	ent := reflect.TypeFor[content.Entry]()
	for i := range ent.NumField() {
		e := entry
		perturb(t, settable(reflect.ValueOf(&e), i))
		c := withEntry
		c.Contest = &e
		a := *b
		a.Article = &c
		sh, di := a.Fingerprints()
		check("content.Entry", ent.Field(i).Name, shapeField, sh, di)
	}
	der := reflect.TypeFor[Article]()
	for i := range der.NumField() {
		name := der.Field(i).Name
		if name == "Article" {
			continue
		}
		a := *b
		perturb(t, settable(reflect.ValueOf(&a), i))
		sh, di := a.Fingerprints()
		check("site.Article", name, derivedFields[name], sh, di)
	}
}

// An edit of the title, the summary or the body changes the display and
// not the shape; an edit of anything a list is built from changes the
// shape, of that article and of those whose neighbours or related
// articles it moves.
func TestFingerprintsSplitShapeFromDisplay(t *testing.T) {
	base := map[string]string{
		"content/bai-viet/a.md": article("a", "2024-01-01", "kinh-te", "tinh-an"),
		"content/bai-viet/b.md": article("b", "2024-02-01", "kinh-te", "tinh-an"),
		"content/bai-viet/c.md": article("c", "2024-03-01", "van-hoa-xa-hoi", "an-phu-2025"),
	}
	prints := func(files map[string]string) map[string][2][32]byte {
		s := buildSite(t, files)
		out := map[string][2][32]byte{}
		for _, a := range s.Articles {
			sh, di := a.Fingerprints()
			out[a.Slug] = [2][32]byte{sh, di}
		}
		return out
	}
	before := prints(base)
	edit := func(slug, old, new string) map[string][2][32]byte {
		files := map[string]string{}
		for k, v := range base {
			files[k] = v
		}
		f := "content/bai-viet/" + slug + ".md"
		if !strings.Contains(files[f], old) {
			t.Fatalf("%s has no %q", f, old)
		}
		files[f] = strings.Replace(files[f], old, new, 1)
		return prints(files)
	}
	for _, c := range []struct {
		name, old, new string
		shape, display bool // whether b's shape and display change
	}{
		{"title", `title: "Bài b"`, `title: "Bài b đã sửa"`, false, true},
		{"body", "Nội dung của bài b.", "Nội dung khác hẳn của bài b.", false, true},
		{"summary", "locality: tinh-an\n", "locality: tinh-an\nsummary: \"Tóm tắt\"\n", false, true},
		{"date", "date: 2024-02-01", "date: 2024-02-02", true, false},
		{"area", "area: kinh-te", "area: van-hoa-xa-hoi", true, false},
		{"tags", "locality: tinh-an\n", "locality: tinh-an\ntags: [\"nông thôn mới\"]\n", true, false},
	} {
		after := edit("b", c.old, c.new)
		if got := after["b"][0] != before["b"][0]; got != c.shape {
			t.Errorf("%s: shape changed %v, want %v", c.name, got, c.shape)
		}
		if got := after["b"][1] != before["b"][1]; got != c.display {
			t.Errorf("%s: display changed %v, want %v", c.name, got, c.display)
		}
		if after["a"][1] != before["a"][1] || after["c"][1] != before["c"][1] {
			t.Errorf("%s of b changed another article's display", c.name)
		}
	}
	// b moved after c: the neighbours of all three change.
	after := edit("b", "date: 2024-02-01", "date: 2024-04-01")
	for _, slug := range []string{"a", "c"} {
		if after[slug][0] == before[slug][0] {
			t.Errorf("b moved past c, and %s's shape (its neighbours) did not change", slug)
		}
	}
}
