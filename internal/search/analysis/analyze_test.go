package analysis_test

import (
	"testing"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/vi"
)

func TestExactKeyPlacement(t *testing.T) {
	for _, c := range [][2]string{{"hoà", "hòa"}, {"thuỷ", "thủy"}, {"uỷ", "ủy"}, {"HOÀ", "hoa\u0300"}, {"Đồn", "đồn"}, {"khoẻ", "khỏe"}} {
		if a, b := analysis.ExactKey(c[0]), analysis.ExactKey(c[1]); a != b {
			t.Errorf("ExactKey(%q) = %q, ExactKey(%q) = %q", c[0], a, c[1], b)
		}
		if a, b := analysis.ExactKey(c[0]), analysis.ExactKey(vi.NormalizeTone(c[0])); a != b {
			t.Errorf("ExactKey(%q) = %q ≠ ExactKey(NormalizeTone) = %q", c[0], a, b)
		}
	}
	if a, b := analysis.ExactKey("tình"), analysis.ExactKey("tịnh"); a == b {
		t.Errorf("tình and tịnh share exact key %q", a)
	}
}
