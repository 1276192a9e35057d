package imageset

import "testing"

// Hash and Tail split a variant's suffix at its content hash, for the
// sizes and for the Open Graph crop.
func TestVariantHashAndTail(t *testing.T) {
	for _, tc := range []struct{ suffix, hash, tail string }{
		{"-3f2a9c1d-960.jpg", "3f2a9c1d", "-960.jpg"},
		{"-3f2a9c1d-1200x630.jpg", "3f2a9c1d", "-1200x630.jpg"},
		{"-0badcafe-480.png", "0badcafe", "-480.png"},
	} {
		v := Variant{Suffix: tc.suffix}
		if v.Hash() != tc.hash || v.Tail() != tc.tail {
			t.Errorf("%s: hash %q tail %q, want %q %q", tc.suffix, v.Hash(), v.Tail(), tc.hash, tc.tail)
		}
	}
}
