package static

import "slices"

// smallest reorders keys so that its first k elements are its k smallest
// (in no particular order), in time linear in len(keys) on average: a
// quickselect on the median of three, which sorts what is left once a
// range is small or has been split too many times (a bad run of pivots
// cannot make it quadratic).
func smallest(keys []uint64, k int) {
	if k <= 0 || k >= len(keys) {
		return
	}
	lo, hi := 0, len(keys) // the k-th smallest is in keys[lo:hi]
	for depth := 0; hi-lo > 16; depth++ {
		if depth > 64 {
			slices.Sort(keys[lo:hi])
			return
		}
		p := partition(keys[lo:hi]) + lo
		switch {
		case p == k:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p
		}
	}
	slices.Sort(keys[lo:hi])
}

// partition puts a pivot (the median of the first, middle and last keys)
// at its place in keys, the smaller keys before it and the others after,
// and returns that place.
func partition(keys []uint64) int {
	n := len(keys)
	a, b, c := 0, n/2, n-1
	if keys[b] < keys[a] {
		a, b = b, a
	}
	if keys[c] < keys[b] {
		b = c
		if keys[b] < keys[a] {
			b = a
		}
	}
	keys[b], keys[n-1] = keys[n-1], keys[b]
	pivot, store := keys[n-1], 0
	for i := range n - 1 {
		if keys[i] < pivot {
			keys[i], keys[store] = keys[store], keys[i]
			store++
		}
	}
	keys[store], keys[n-1] = keys[n-1], keys[store]
	return store
}
