package static

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// keptBySorting is keptPostings as it was before smallest: every key
// sorted, the first MaxPostings kept, and the signed keys after them.
func keptBySorting(keys []uint64) []int {
	keys = slices.Clone(keys)
	slices.Sort(keys)
	keep := min(MaxPostings, len(keys))
	for keep < len(keys) && keys[keep]&noSig == 0 {
		keep++
	}
	idx := make([]int, keep)
	for i, key := range keys[:keep] {
		idx[i] = int(key & (1<<rankDocBits - 1))
	}
	slices.Sort(idx)
	return idx
}

// keptPostings keeps the very postings a sort of every key kept, for lists
// just over the cap to many times it, with no, few, most or all postings
// signed, impacts spread or all alike (keys differ only by their index),
// in any order.
func TestKeptPostingsAsSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{MaxPostings + 1, MaxPostings + 7, 2 * MaxPostings, 5000, 40000} {
		for _, signedShare := range []float64{0, 0.01, 0.5, 0.99, 1} {
			for _, spread := range []int{1, 3, 1 << 20} {
				keys := make([]uint64, n)
				for k := range keys {
					sig := r.Float64() < signedShare
					keys[k] = rankKey(sig, r.IntN(Q+1)%spread, r.IntN(spread), k)
				}
				if spread == 1 {
					slices.Reverse(keys) // already ranked, backwards
				}
				want := keptBySorting(keys)
				got := keptPostings(slices.Clone(keys))
				if !slices.Equal(got, want) {
					t.Fatalf("%d postings, %.0f%% signed, spread %d: kept %d postings, want %d (first difference at %d)",
						n, 100*signedShare, spread, len(got), len(want), firstDiff(got, want))
				}
			}
		}
	}
}

// smallest leaves the k smallest keys first, for every k, on lists with
// repeats (where a partition makes no progress) as well.
func TestSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 17, 100, 1000} {
		for _, distinct := range []int{1, 2, 50, 1 << 30} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = uint64(r.IntN(distinct))
			}
			sorted := slices.Sorted(slices.Values(keys))
			for k := 0; k <= n; k++ {
				got := slices.Clone(keys)
				smallest(got, k)
				head := slices.Sorted(slices.Values(got[:k]))
				if !slices.Equal(head, sorted[:k]) {
					t.Fatalf("n=%d, %d distinct, k=%d: the first k are not the k smallest", n, distinct, k)
				}
				if !slices.Equal(slices.Sorted(slices.Values(got)), sorted) {
					t.Fatalf("n=%d, k=%d: keys lost or changed", n, k)
				}
			}
		}
	}
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// BenchmarkKeptPostings ranks the capped list of a word in every article
// (10,000 and 50,000 postings, one in fifty signed): go test
// ./internal/search/static -run XXX -bench KeptPostings.
func BenchmarkKeptPostings(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		r := rand.New(rand.NewPCG(5, 6))
		keys := make([]uint64, n)
		for k := range keys {
			keys[k] = rankKey(r.IntN(50) == 0, r.IntN(Q+1), r.IntN(1e6), k)
		}
		work := make([]uint64, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for range b.N {
				copy(work, keys)
				keptPostings(work)
			}
		})
	}
}
