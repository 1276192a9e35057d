package static

import (
	"slices"
	"testing"
)

// A capped pair list the edited document keeps its count in, kept or
// left out, stays as it is (SettledPairs); a change of count, or of
// heading bits where it is kept, re-encodes it.
func TestSettledPairsCappedSameCount(t *testing.T) {
	const n = MaxPostings + 50
	bt := BiTerm{Term: "lua_nuoc"}
	for d := range n {
		bt.Docs = append(bt.Docs, int32(d))
		bt.Count = append(bt.Count, int32(1+d%4)) // 4: docs 3, 7, …; 1: docs 0, 4, …
		bt.Fields = append(bt.Fields, 0)
	}
	entry, floor := encodePair(bt)
	b := &Base{Opt: Options{Buckets: 1}, Files: bucketFiles([]string{bt.Term}, [][]byte{entry}, 1), PairFloor: map[string]int32{bt.Term: floor}}
	e, err := decodePair(entry)
	if err != nil {
		t.Fatal(err)
	}
	const kept, out = 3, n - 2 // count 4, kept; count 1, past the cap among the count-1 documents
	if !slices.Contains(e.docs, kept) || slices.Contains(e.docs, out) || bt.Count[out] != floor {
		t.Fatalf("set-up: document %d kept %v, %d left out %v, floor %d", kept, slices.Contains(e.docs, kept), out, !slices.Contains(e.docs, out), floor)
	}
	same := map[string]bool{bt.Term: true}
	for _, c := range []struct {
		name          string
		doc           int32
		was, count    int32
		fields        uint8
		wantUntouched bool
	}{
		{"kept, the same count (an edit elsewhere)", kept, 4, 4, 0, true},
		{"kept, one occurrence fewer", kept, 4, 3, 0, false},
		{"kept, the same count, now in the title", kept, 4, 4, InTitle, false},
		{"left out at the floor, the same count", out, 1, 1, 0, true},
		{"left out at the floor, one occurrence more", out, 1, 2, 0, false},
	} {
		own := []BiTerm{{Term: bt.Term, Docs: []int32{c.doc}, Count: []int32{c.count}, Fields: []uint8{c.fields}}}
		got, err := SettledPairs(b, c.doc, own, same, map[string]int32{bt.Term: c.was})
		if err != nil {
			t.Fatal(err)
		}
		if untouched := len(got) == 1; untouched != c.wantUntouched {
			t.Errorf("%s: settled %v, want %v", c.name, untouched, c.wantUntouched)
		}
	}
}

// PairHolders names every document of a whole pair list, none for a pair
// the export has no entry for, and refuses a capped list, which names
// only the documents it kept.
func TestPairHolders(t *testing.T) {
	whole := BiTerm{Term: "dan_van", Docs: []int32{2, 5, 9}, Count: []int32{1, 3, 1}, Fields: []uint8{0, InTitle, 0}}
	capped := BiTerm{Term: "lua_nuoc"}
	for d := range MaxPostings + 50 {
		capped.Docs = append(capped.Docs, int32(d))
		capped.Count = append(capped.Count, int32(1+d%4))
		capped.Fields = append(capped.Fields, 0)
	}
	we, _ := encodePair(whole)
	ce, floor := encodePair(capped)
	if floor == 0 {
		t.Fatal("set-up: the long list is not capped")
	}
	b := &Base{Opt: Options{Buckets: 1}, Files: bucketFiles([]string{capped.Term, whole.Term}, [][]byte{ce, we}, 1), PairFloor: map[string]int32{capped.Term: floor}}
	for _, c := range []struct {
		term   string
		want   []int32
		wantOK bool
	}{
		{whole.Term, whole.Docs, true},
		{"khong_co", nil, true},
		{capped.Term, nil, false},
	} {
		got, ok, err := PairHolders(b, c.term)
		if err != nil || ok != c.wantOK || !slices.Equal(got, c.want) {
			t.Errorf("PairHolders(%q) = %v, %v, %v; want %v, %v", c.term, got, ok, err, c.want, c.wantOK)
		}
	}
}
