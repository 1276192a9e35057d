package vi

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator orders strings in Vietnamese dictionary order (CLDR "vi"):
// a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones (none, huyền, hỏi, ngã,
// sắc, nặng, in that order) and then case only break ties, so
// "Tịnh An" < "Tịnh Ấn Đông" < "Tịnh Ấn Tây" and "Dũng" < "Đông".
// NFC and NFD spellings of a string compare equal.
//
// It wraps golang.org/x/text/collate with language.Vietnamese, whose
// tailoring was checked against CLDR for every Vietnamese letter with every
// tone in both cases (see collate_test.go), so no fallback key is needed.
//
// A Collator keeps scratch state (x/text's collate.Collator does) and is NOT safe for concurrent use: give
// each goroutine its own (NewCollator is cheap).
type Collator struct {
	c *collate.Collator
}

// NewCollator returns a Vietnamese Collator. It must not be shared between
// goroutines.
func NewCollator() *Collator {
	return &Collator{c: collate.New(language.Vietnamese)}
}

// Compare returns -1, 0 or +1 as a sorts before, the same as, or after b in
// Vietnamese order.
func (c *Collator) Compare(a, b string) int {
	return c.c.CompareString(a, b)
}

// Sort sorts s in place in Vietnamese order. Strings that collate equal
// (an NFC and an NFD spelling of one text) are ordered by their bytes, so
// the result does not depend on the input order.
func (c *Collator) Sort(s []string) {
	keys := c.keys(len(s), func(i int) string { return s[i] })
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		if k := bytes.Compare(keys[i], keys[j]); k != 0 {
			return k
		}
		return strings.Compare(s[i], s[j])
	})
	permute(s, idx)
}

// SortFunc sorts xs in place in Vietnamese order of key(x). The sort is
// stable: elements whose keys collate equal keep their order. key is called
// once per element.
func SortFunc[T any](c *Collator, xs []T, key func(T) string) {
	keys := c.keys(len(xs), func(i int) string { return key(xs[i]) })
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		return bytes.Compare(keys[i], keys[j])
	})
	permute(xs, idx)
}

// keys returns the collation keys of the n strings str(0) … str(n-1),
// each string's key made once: the names sorted often repeat (a model is
// the subject of several articles), and a key costs microseconds (10,000
// of them, most of a warm build's report at 10,000 articles).
func (c *Collator) keys(n int, str func(int) string) [][]byte {
	// The keys point into buf, which stays alive as long as they do.
	var buf collate.Buffer
	keys := make([][]byte, n)
	made := map[string][]byte{}
	for i := range keys {
		s := str(i)
		k, ok := made[s]
		if !ok {
			k = c.c.KeyFromString(&buf, s)
			made[s] = k
		}
		keys[i] = k
	}
	return keys
}

// permute rearranges xs so that the new xs[k] is the old xs[idx[k]].
func permute[T any](xs []T, idx []int) {
	old := slices.Clone(xs)
	for k, i := range idx {
		xs[k] = old[i]
	}
}
