package static

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// A pair entry decodes to the postings it was made from: every one of a
// whole list, the MaxPostings highest counts (and ties by document) of a
// capped one, each with its gap-coded document and its heading bits; and
// appendPair leaves the bytes before it alone.
func TestPairEntryRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	for _, n := range []int{1, 2, 17, MaxPostings, MaxPostings + 1, 3 * MaxPostings} {
		bt := BiTerm{Term: "dan_van"}
		d := int32(0)
		for range n {
			d += 1 + r.Int32N(40)
			bt.Docs = append(bt.Docs, d)
			bt.Count = append(bt.Count, 1+r.Int32N(6))
			bt.Fields = append(bt.Fields, []uint8{0, 0, 0, InTitle, InMeta, InTitle | InMeta}[r.IntN(6)])
		}
		// What it keeps: all, or the highest counts, ties to the lower document.
		keep := make([]int, n)
		for k := range keep {
			keep[k] = k
		}
		if n > MaxPostings {
			slices.SortStableFunc(keep, func(a, b int) int { return int(bt.Count[b] - bt.Count[a]) })
			keep = keep[:MaxPostings]
			slices.Sort(keep)
		}
		prefix := []byte("xyz")
		entry, floor := appendPair(slices.Clip(prefix), bt)
		if string(entry[:3]) != "xyz" {
			t.Fatalf("%d postings: the bytes before the entry changed: %q", n, entry[:3])
		}
		e, err := decodePair(entry[3:])
		if err != nil {
			t.Fatalf("%d postings: %v in %s", n, err, entry[3:])
		}
		if e.term != bt.Term || e.df != n || len(e.docs) != len(keep) {
			t.Fatalf("%d postings: term %q df %d with %d kept, want %q %d %d", n, e.term, e.df, len(e.docs), bt.Term, n, len(keep))
		}
		wantFloor := int32(0)
		for i, k := range keep {
			if e.docs[i] != int(bt.Docs[k]) || e.fields[i] != int(bt.Fields[k]) {
				t.Fatalf("%d postings: posting %d is doc %d fields %d, want %d %d", n, i, e.docs[i], e.fields[i], bt.Docs[k], bt.Fields[k])
			}
			if n > MaxPostings && (wantFloor == 0 || bt.Count[k] < wantFloor) {
				wantFloor = bt.Count[k]
			}
		}
		if floor != wantFloor {
			t.Errorf("%d postings: floor %d, want %d", n, floor, wantFloor)
		}
		if whole, _ := encodePair(bt); string(whole) != string(entry[3:]) {
			t.Errorf("%d postings: encodePair and appendPair differ", n)
		}
	}
}
