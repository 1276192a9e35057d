package static

import (
	"slices"
	"testing"
)

// TestCappedListBreaksTiesByRawImpact proves that a capped term list
// keeps, among postings at the same quantised impact, those of highest
// unquantised impact, whatever their document numbers: a word nearly
// every document repeats saturates the scale, and a short article about
// it through and through (here the last document, as an old article is)
// must not be cut for the sake of lower numbers. TestBrowserGenerated's
// "DÂN VẬN KHÉO" lost its article that way.
func TestCappedListBreaksTiesByRawImpact(t *testing.T) {
	const n = MaxPostings + 20
	u := UniTerm{Term: "dan"}
	p := &Postings{DocLen: make([]float64, n)}
	for d := range n {
		p.DocLen[d] = 400 // long documents repeating the word
		u.Docs = append(u.Docs, int32(d))
		u.WTF = append(u.WTF, 100)
		u.Fields = append(u.Fields, 0)
	}
	best := n - 1
	p.DocLen[best], u.WTF[best] = 40, 40 // short, about it throughout
	p.Uni = []UniTerm{u}
	avg := AvgLen(p.DocLen)
	if Impact(100, 400, avg) != Impact(40, 40, avg) {
		t.Fatalf("the set-up needs equal quantised impacts, got %d and %d", Impact(100, 400, avg), Impact(40, 40, avg))
	}
	e, err := decodeTerm(encodeTerm(u, p.DocLen, avg, nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(e.docs); got != MaxPostings {
		t.Fatalf("kept %d postings, want the cap %d", got, MaxPostings)
	}
	if !slices.Contains(e.docs, best) {
		t.Errorf("the posting of highest raw impact (document %d) was cut; kept %v…", best, e.docs[:5])
	}
}
