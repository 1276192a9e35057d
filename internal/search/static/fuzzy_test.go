package static

import "testing"

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"thuong", "thuogn", true}, // swap
		{"thuong", "thuonh", true}, // replace
		{"thuong", "thuon", true},  // delete
		{"thuong", "thuongg", true},
		{"giong", "gionng", true}, // insert
		{"thuong", "thuong", false},
		{"thuong", "thoung", true},
		{"thuong", "htuong", true},
		{"thuong", "tuhogn", false},
		{"thuong", "thu", false},
		{"nghia", "nghai", true},
		{"nghia", "ngiha", true},
		{"nghia", "nhgai", false},
		{"abc", "bca", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := oneEdit(c.b, c.a); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
