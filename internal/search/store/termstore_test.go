package store

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// TestTermStore holds a term store to a naive inversion of the same
// lists through every way it changes: documents set (from two goroutines
// at once, as the indexing workers do), replaced and removed, terms
// numbered across settles, counts too big for an entry's field,
// compaction, and a round trip through the file (whose lists are then
// views of the file).
func TestTermStore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 400)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%03d_w%03d", rng.IntN(60), rng.IntN(60))
	}
	docPairs := func() map[string]uint32 {
		m := map[string]uint32{}
		for range 1 + rng.IntN(40) {
			c := uint32(1 + rng.IntN(4))
			if rng.IntN(25) == 0 {
				c = uint32(60 + rng.IntN(300)) // around and past the entry's count field
			}
			m[vocab[rng.IntN(len(vocab))]] = c<<2 | uint32(rng.IntN(4))
		}
		return m
	}
	docs := map[string]map[string]uint32{}
	var urls []string
	ps := newTermStore(pairsFile)
	set := func(url string, m map[string]uint32) {
		if docs[url] == nil {
			urls = append(urls, url)
		}
		docs[url] = m
		if err := ps.set(url, keyed(ps, m)); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, ps *termStore) {
		t.Helper()
		// The order the file's reader trusts (termStore.check).
		for i := 1; i < len(ps.sorted); i++ {
			if a, b := ps.terms.At(int(ps.sorted[i-1])), ps.terms.At(int(ps.sorted[i])); a >= b {
				t.Fatalf("%s: the table's order has %q before %q", what, a, b)
			}
		}
		want := naivePairs(urls, docs, nil)
		got, err := ps.postings(urls, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(norm(got), want) {
			t.Fatalf("%s: postings differ from the naive inversion", what)
		}
		// A few terms, then many (a term's number follows the order in
		// which the store met it, not term order): their postings come
		// out in term order.
		many := []string{"not a pair"}
		for i := 0; i < len(vocab); i += 5 {
			many = append(many, vocab[i])
		}
		for _, only := range [][]string{{vocab[3], vocab[7], vocab[100], "not a pair"}, many} {
			slices.Sort(only)
			only = slices.Compact(only)
			got, err = ps.postings(urls, only)
			if err != nil {
				t.Fatal(err)
			}
			if want := naivePairs(urls, docs, only); !reflect.DeepEqual(norm(got), want) {
				t.Fatalf("%s: postings of %q differ from the naive inversion", what, only)
			}
			// From the documents that hold them, and a few that do not,
			// the same postings (postingsFrom); one of them left out, not.
			var from []int32
			for d, url := range urls {
				if d%7 == 0 || slices.ContainsFunc(only, func(p string) bool { _, ok := docs[url][p]; return ok }) {
					from = append(from, int32(d))
				}
			}
			got, err = ps.postingsFrom(urls, only, from)
			if err != nil {
				t.Fatal(err)
			}
			if want := naivePairs(urls, docs, only); !reflect.DeepEqual(norm(got), want) {
				t.Fatalf("%s: postings of %q from their holders differ from the naive inversion", what, only)
			}
			for k, d := range from {
				if !slices.ContainsFunc(only, func(p string) bool { _, ok := docs[urls[d]][p]; return ok }) {
					continue
				}
				got, err = ps.postingsFrom(urls, only, slices.Delete(slices.Clone(from), k, k+1))
				if err != nil {
					t.Fatal(err)
				}
				if want := naivePairs(urls, docs, only); reflect.DeepEqual(norm(got), want) {
					t.Fatalf("%s: postings of %q without document %d, a holder, are still all of them", what, only, d)
				}
				break
			}
		}
		if _, err := ps.postingsFrom(urls, many, []int32{2, 1}); err == nil {
			t.Fatalf("%s: postingsFrom took documents out of order", what)
		}
		if _, err := ps.postingsFrom(urls, many, []int32{int32(len(urls))}); err == nil {
			t.Fatalf("%s: postingsFrom took a document past the last", what)
		}
		d := len(urls) / 2
		terms, counts := ps.held(urls[d : d+1])
		var wantTerms []string
		for p, cb := range docs[urls[d]] {
			wantTerms = append(wantTerms, p)
			if counts[p] != int32(cb>>2) {
				t.Fatalf("%s: held count of %q: %d, want %d", what, p, counts[p], cb>>2)
			}
		}
		slices.Sort(wantTerms)
		if !slices.Equal(terms, wantTerms) {
			t.Fatalf("%s: held pairs %q, want %q", what, terms, wantTerms)
		}
		own := ps.own(urls[d], 7, wantTerms)
		for _, b := range own {
			cb := docs[urls[d]][b.Term]
			if !slices.Equal(b.Docs, []int32{7}) || b.Count[0] != int32(cb>>2) || b.Fields[0] != uint8(cb&3) {
				t.Fatalf("%s: own posting of %q: %+v, want count %d bits %d", what, b.Term, b, cb>>2, cb&3)
			}
		}
		if len(own) != len(wantTerms) {
			t.Fatalf("%s: %d own postings, want %d", what, len(own), len(wantTerms))
		}
	}
	for i := range 50 {
		url := fmt.Sprintf("/bai/%d/", i)
		urls, docs[url] = append(urls, url), docPairs()
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < 50; i += 2 {
				if err := ps.set(urls[i], keyed(ps, docs[urls[i]])); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	ps.settle()
	check("first settle", ps)
	for round := range 4 {
		for range 10 {
			set(urls[rng.IntN(len(urls))], docPairs()) // replaced
		}
		set(fmt.Sprintf("/moi/%d/", round), docPairs())
		gone := urls[rng.IntN(len(urls))]
		ps.remove(gone)
		delete(docs, gone)
		urls = slices.DeleteFunc(urls, func(u string) bool { return u == gone })
		ps.settle()
		check(fmt.Sprintf("round %d", round), ps)
	}
	live := len(naivePairs(urls, docs, nil))
	ps.compacted = 0 // due
	ps.compact()
	if ps.terms.Len() != live {
		t.Errorf("compacted table: %d pairs, want the %d held", ps.terms.Len(), live)
	}
	check("compacted", ps)
	dir, loaded := saveAndLoad(t, ps, "gen-1")
	check("loaded", loaded)
	ps = loaded
	set(urls[0], docPairs()) // a view of the file replaced
	set("/sau/", docPairs())
	ps.settle()
	check("loaded, then edited", ps)
	if _, err := loadTerms(dir, pairsFile, "gen-2"); err == nil {
		t.Error("a pair file of another generation was read")
	}
	if _, err := loadTerms(filepath.Join(dir, "none"), pairsFile, "gen-1"); err == nil {
		t.Error("a missing pair file was read")
	}
	// The edits since the load are written as a delta beside the base,
	// which stays as it was; a document removed is gone once read back.
	base, err := os.ReadFile(filepath.Join(dir, pairsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := ps.save(dir, "gen-2"); err != nil {
		t.Fatal(err)
	}
	gone := urls[1]
	ps.remove(gone)
	delete(docs, gone)
	urls = slices.DeleteFunc(urls, func(u string) bool { return u == gone })
	set("/sau-nua/", docPairs())
	ps.settle()
	if err := ps.save(dir, "gen-3"); err != nil {
		t.Fatal(err)
	}
	if now, err := os.ReadFile(filepath.Join(dir, pairsFile)); err != nil || !bytes.Equal(now, base) {
		t.Errorf("the base was written again for edits of %d of %d documents (%v)", 4, len(urls), err)
	}
	again, err := loadTerms(dir, pairsFile, "gen-3")
	if err != nil {
		t.Fatal(err)
	}
	check("base and delta", again)
	if got, want := slices.Sorted(maps.Keys(again.docs)), slices.Sorted(slices.Values(urls)); !slices.Equal(got, want) {
		t.Errorf("documents read back from base and delta: %q, want %q", got, want)
	}
	if _, err := loadTerms(dir, pairsFile, "gen-2"); err == nil {
		t.Error("a delta of another generation was read")
	}
}

// TestCompactKeepsAFullTable checks that compaction leaves a table every
// term of which a document holds as it is, lists unmoved (a cold build's:
// renumbering it copied every list), and that the table then round-trips
// through its file.
func TestCompactKeepsAFullTable(t *testing.T) {
	ps := newTermStore(pairsFile)
	docs := map[string]map[string]uint32{
		"/a/": {"x_y": 1 << 2, "b_c": 2<<2 | 1},
		"/b/": {"x_y": 3 << 2, "a_a": 1<<2 | 2},
	}
	for url, m := range docs {
		if err := ps.set(url, keyed(ps, m)); err != nil {
			t.Fatal(err)
		}
	}
	ps.settle()
	before := map[string]*byte{}
	for url, l := range ps.docs {
		before[url] = &l[0]
	}
	terms := termsOf(ps)
	ps.compact()
	if ps.compacted != len(terms) || !slices.Equal(termsOf(ps), terms) {
		t.Fatalf("compacted %d, terms %q; want %d, %q unchanged", ps.compacted, termsOf(ps), len(terms), terms)
	}
	for url, l := range ps.docs {
		if &l[0] != before[url] {
			t.Errorf("the list of %s was copied", url)
		}
	}
	_, loaded := saveAndLoad(t, ps, "g")
	urls := []string{"/a/", "/b/"}
	got, err := loaded.postings(urls, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := naivePairs(urls, docs, nil); !reflect.DeepEqual(norm(got), want) {
		t.Fatalf("postings after the round trip %v, want %v", norm(got), want)
	}
}

// saveAndLoad saves the pair store ps as generation gen in a fresh folder
// and reads it back.
// termsOf returns the table of ps by number.
func termsOf(ps *termStore) []string {
	out := make([]string, ps.terms.Len())
	for i := range out {
		out[i] = ps.terms.At(i)
	}
	return out
}

func saveAndLoad(t *testing.T, ps *termStore, gen string) (string, *termStore) {
	t.Helper()
	dir := t.TempDir()
	if err := ps.save(dir, gen); err != nil {
		t.Fatal(err)
	}
	loaded, err := loadTerms(dir, pairsFile, gen)
	if err != nil {
		t.Fatal(err)
	}
	return dir, loaded
}

// keyed returns the pairs of m (term → count << 2 | bits) by key.
func keyed(ps *termStore, m map[string]uint32) map[uint64]uint32 {
	out, local := map[uint64]uint32{}, map[string]uint32{}
	for t, cb := range m {
		a, b, _ := strings.Cut(t, analysis.BigramSep)
		out[partsKey(ps.partNumber(a, local), ps.partNumber(b, local))] = cb
	}
	return out
}

// TestTermKeyCompare holds termStore.compare, which orders a term against
// a key without joining the key's parts, to strings.Compare of the joined
// term: equal, prefixes either way, and the separator against the bytes
// around it.
func TestTermKeyCompare(t *testing.T) {
	parts := []string{"", "a", "ab", "b", "a_", "a\x1f", "a b", "ă", "z"}
	for _, name := range []string{pairsFile, formsFile} {
		ps := newTermStore(name)
		var terms []string
		for _, a := range parts {
			for _, b := range parts {
				terms = append(terms, a+ps.sep+b, a, a+ps.sep, a+b)
			}
		}
		for _, a := range parts {
			for _, b := range parts {
				key := termKey{a, b}
				for _, term := range terms {
					if got, want := ps.compare(term, key), strings.Compare(term, a+ps.sep+b); got != want {
						t.Errorf("%s: compare(%q, %q) = %d, want %d", name, term, key, got, want)
					}
				}
			}
		}
	}
}

// naivePairs inverts the lists of docs (url → pair → count << 2 | bits)
// with maps, documents numbered by their place in urls; only: those
// pairs.
func naivePairs(urls []string, docs map[string]map[string]uint32, only []string) []static.BiTerm {
	byPair := map[string]*static.BiTerm{}
	for d, url := range urls {
		for p, cb := range docs[url] {
			if only != nil && !slices.Contains(only, p) {
				continue
			}
			b := byPair[p]
			if b == nil {
				b = &static.BiTerm{Term: p}
				byPair[p] = b
			}
			b.Docs = append(b.Docs, int32(d))
			b.Count = append(b.Count, int32(cb>>2))
			b.Fields = append(b.Fields, uint8(cb&3))
		}
	}
	var out []static.BiTerm
	for _, b := range byPair {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b static.BiTerm) int {
		if a.Term < b.Term {
			return -1
		}
		return 1
	})
	return out
}

// norm drops the capacity differences of the store's slab-cut slices.
func norm(bs []static.BiTerm) []static.BiTerm {
	out := make([]static.BiTerm, len(bs))
	for i, b := range bs {
		out[i] = static.BiTerm{Term: b.Term, Docs: slices.Clone(b.Docs), Count: slices.Clone(b.Count), Fields: slices.Clone(b.Fields)}
	}
	return out
}
