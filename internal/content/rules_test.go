package content

import (
	"math/rand/v2"
	"testing"
)

// The editor's pattern for old addresses accepts only what the build's
// rule (CheckSitePath) accepts: the form can be stricter than the build,
// never looser. Plain old addresses pass both.
func TestAliasPatternWithinCheckSitePath(t *testing.T) {
	re := patternOf(rule(articleRules, "aliases"))
	for _, ok := range []string{"/", "/bai-viet/ten-cu/", "/bai-viet/ten-cu", "/tin/2019/index.html", "/a_b~c+d,(e)'f@g&h=i$j;k"} {
		if !re.MatchString(ok) || CheckSitePath(ok) != "" {
			t.Errorf("%q: pattern %v, CheckSitePath %q; want both to accept it", ok, re.MatchString(ok), CheckSitePath(ok))
		}
	}
	alphabet := []rune("/ab.-_~+,()'@&=$;%:*!?# \t\n\\xyzđ0")
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		n := 1 + r.IntN(12)
		b := make([]rune, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		if r.IntN(2) == 0 {
			s = "/" + s
		}
		if re.MatchString(s) && CheckSitePath(s) != "" {
			t.Fatalf("the editor would accept %q, which the build refuses: %s", s, CheckSitePath(s))
		}
	}
}
