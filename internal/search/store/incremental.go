package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// The incremental export. When articles are edited but none is added,
// removed or moved in the site order, the export of the last build
// (exportState, in the export cache) is updated: the terms and pairs the
// edited articles hold, before and after, are read out of the index and
// the side terms (termstore.go) with their full postings, and
// static.Update re-encodes only the files that hold them (see
// static/update.go). The words an article held are read before the index
// forgets them, out of the segment that holds it; its pairs (with their
// counts) and exact forms out of the side terms. When one article was
// edited, the words and
// pairs whose lists it cannot change (it stays out of a capped list, or
// keeps its posting as it was) are left as they are, unread
// (static.Settled, SettledPairs).

// exportState is the last export and what it was made from.
type exportState struct {
	Key    string       // exportKey of the export
	URLs   []string     // its documents, in site order
	Hashes []Hash       // their docHasher sums
	Base   *static.Base // the export
}

// MaxIncremental is the share of the articles above which a change is
// exported from scratch: reading every term of a tenth of the articles
// costs about what reading the whole index does.
const MaxIncremental = 0.1

// heldPairs and heldForms are the keys of held.terms that list the pairs
// and the exact forms (ExactTerm).
const (
	heldPairs = "pairs"
	heldForms = "forms"
)

// changes returns the documents of s an export based on prev must encode
// again (their URLs and site positions), or ok false when prev cannot be
// updated to s: none, made by another program, of other documents or
// order, of another index than the store's (st.hashes, before Update), or
// too much changed.
func (st *Store) changes(s *site.Site, prev *exportState, cur []Hash) (urls []string, docs []int32, ok bool) {
	if prev == nil || prev.Base == nil || len(prev.URLs) != len(s.Articles) || len(st.hashes) != len(prev.URLs) {
		return nil, nil, false
	}
	for i, a := range s.Articles {
		if prev.URLs[i] != a.URL || st.hashes[a.URL] != prev.Hashes[i] {
			return nil, nil, false
		}
		if cur[i] != prev.Hashes[i] {
			urls = append(urls, a.URL)
			docs = append(docs, int32(i))
		}
	}
	if float64(len(docs)) > MaxIncremental*float64(len(s.Articles)) {
		return nil, nil, false
	}
	return urls, docs, true
}

// held is what documents hold in the index (heldTerms).
type held struct {
	terms map[string][]string // by field: the text fields; and the pairs (heldPairs) and exact forms (heldForms)
	pairs map[string]int32    // each pair's occurrences, the documents' summed
}

// heldTerms returns what the documents urls hold now.
func (st *Store) heldTerms(urls []string) (h held, err error) {
	defer recoverInto(&err)
	if len(urls) == 0 {
		return held{terms: map[string][]string{}}, nil
	}
	snap, done, err := st.snapshot()
	if err != nil {
		return held{}, err
	}
	defer done()
	side, err := st.sideTerms()
	if err != nil {
		return held{}, err
	}
	h.terms, err = docTerms(snap, urls, analysis.TextFields)
	if err != nil {
		return held{}, err
	}
	h.terms[heldPairs], h.pairs = side.pairs.held(urls)
	h.terms[heldForms], _ = side.forms.held(urls)
	return h, nil
}

// snapshot returns the index's current scorch snapshot and its release.
func (st *Store) snapshot() (*scorch.IndexSnapshot, func(), error) { return snapshotOf(st.idx) }

// snapshotOf returns the current scorch snapshot of idx and its release.
func snapshotOf(idx bleve.Index) (*scorch.IndexSnapshot, func(), error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, nil, err
	}
	rd, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		rd.Close()
		return nil, nil, errors.New("chỉ mục không phải scorch")
	}
	return snap, func() { rd.Close() }, nil
}

// touched merges the terms held before and after a change into the sorted
// folded terms and pairs whose postings it changed.
func touched(before, after map[string][]string) (uni, bi []string) {
	set := func(fields []string) []string {
		var all []string
		for _, f := range fields {
			all = append(all, before[f]...)
			all = append(all, after[f]...)
		}
		slices.Sort(all)
		return slices.Compact(all)
	}
	return set(analysis.TextFields), set([]string{heldPairs})
}

// exportChange updates prev.Base to s, the index being up to date: docs
// changed, and held the terms before before the index was updated.
func (st *Store) exportChange(s *site.Site, prev *exportState, urls []string, docs []int32, before held) (b *static.Base, settled int, err error) {
	defer recoverInto(&err)
	after, err := st.heldTerms(urls)
	if err != nil {
		return nil, 0, err
	}
	uni, bi := touched(before.terms, after.terms)
	snap, done, err := st.snapshot()
	if err != nil {
		return nil, 0, err
	}
	defer done()
	pos := make(map[string]int32, len(s.Articles))
	for i, a := range s.Articles {
		pos[a.URL] = int32(i)
	}
	segs, err := siteSegments(snap, pos)
	if err != nil {
		return nil, 0, err
	}
	urlList := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		urlList[i] = a.URL
	}
	sides, err := st.sideTerms()
	if err != nil {
		return nil, 0, err
	}
	// read reads the postings of terms uni in segs, with their exact
	// forms, and of pairs bi, the side terms' postings taken by side.
	read := func(segs []siteSegment, uni, bi []string, side func(ts *termStore, terms []string) ([]static.BiTerm, error)) (*static.Postings, error) {
		only := map[string][]string{}
		for _, f := range analysis.TextFields {
			only[f] = uni
		}
		prefixes := make([]string, len(uni))
		for i, t := range uni {
			prefixes[i] = t + ExactSep
		}
		newReader := func() termReader { return &segmentReader{ctx: context.Background(), segs: segs, only: only} }
		p := &static.Postings{DocLen: make([]float64, len(s.Articles))}
		pairs := func() ([]static.BiTerm, error) { return side(sides.pairs, bi) }
		// The exact forms of the words asked for are taken beside the
		// words themselves, not after them: their store is walked whole
		// (termStore.postingsOf), at the end of the read's path. (An
		// export from scratch inverts every form after the words, not
		// beside them, which keeps its peak down.)
		forms := started(func() ([]static.BiTerm, error) { return side(sides.forms, sides.forms.withPrefix(prefixes)) })
		return p, readBoth(newReader, p, pairs, forms)
	}
	// all takes the postings of every document; own those of the edited
	// one. A pair is looked for in the documents that held it and the
	// edited ones, when the last export names them all (pairHolders).
	all := func(ts *termStore, terms []string) ([]static.BiTerm, error) {
		if len(terms) == 0 {
			return nil, nil
		}
		if ts == sides.pairs {
			from, ok, err := pairHolders(prev.Base, terms, docs)
			if err != nil {
				return nil, err
			}
			if ok {
				return ts.postingsFrom(urlList, terms, from)
			}
		}
		return ts.postings(urlList, terms)
	}
	own := func(ts *termStore, terms []string) ([]static.BiTerm, error) {
		return ts.own(urls[0], docs[0], terms), nil
	}
	// One edited article: the terms whose entries it cannot change are
	// neither read nor encoded again (static.Settled), judged from the
	// article's own postings. Its length is taken from them: the full
	// read below leaves those terms out.
	var mine *static.Postings
	if len(docs) == 1 {
		if mine, err = read(ownSegments(segs, docs[0]), uni, bi, own); err != nil {
			return nil, 0, err
		}
		// The pairs beside the words: each decodes old entries of the
		// last export, which both only read (0.04-0.11 s and 0.08 s, one
		// after the other, at 10,000 articles).
		var pairs []string
		var perr error
		paired := make(chan struct{})
		go func() {
			defer close(paired)
			defer recoverInto(&perr)
			pairs, perr = static.SettledPairs(prev.Base, docs[0], mine.Bi, samePairs(before.terms, after.terms), before.pairs)
		}()
		words, err := static.Settled(prev.Base, docs[0], mine.Uni, mine.DocLen[docs[0]], sameTerms(before.terms, after.terms))
		<-paired
		if err != nil {
			return nil, 0, err
		}
		if perr != nil {
			return nil, 0, perr
		}
		uni, bi, settled = without(uni, words), without(bi, pairs), len(words)+len(pairs)
	}
	p, err := read(segs, uni, bi, all)
	if err != nil {
		return nil, 0, err
	}
	// Every term of a changed document was read (or its own postings
	// were): its length is whole. The others' lengths did not change.
	lens := slices.Clone(prev.Base.DocLen)
	for _, d := range docs {
		lens[d] = p.DocLen[d]
		if mine != nil {
			lens[d] = mine.DocLen[d]
		}
	}
	p.DocLen = lens
	b, err = static.Update(prev.Base, s, static.Change{Docs: docs, Uni: uni, Bi: bi, Postings: p,
		Read: func(terms []string) ([]static.UniTerm, error) {
			more, err := read(segs, terms, nil, all)
			if err != nil {
				return nil, err
			}
			return more.Uni, nil
		}})
	return b, settled, err
}

// pairHolders returns the documents that can hold the pairs terms after
// an edit of the documents docs, ascending: those that held one of them
// at the last export b (static.PairHolders), and docs. The others'
// pairs are what they were then: they were not indexed again, and b is
// the export of the very index this edit updates (Store.changes). ok is
// false when b does not name every holder of some pair (a capped list):
// then every document is looked at.
func pairHolders(b *static.Base, terms []string, docs []int32) (from []int32, ok bool, err error) {
	from = slices.Clone(docs)
	for _, t := range terms {
		held, whole, err := static.PairHolders(b, t)
		if err != nil || !whole {
			return nil, false, err
		}
		from = append(from, held...)
	}
	slices.Sort(from)
	return slices.Compact(from), true, nil
}

// sameTerms returns the terms an article held before an edit and holds
// after it (before and after: heldTerms) in some text field, with the same
// exact forms.
func sameTerms(before, after map[string][]string) map[string]bool {
	words := func(held map[string][]string) map[string]bool {
		w := map[string]bool{}
		for _, f := range analysis.TextFields {
			for _, t := range held[f] {
				w[t] = true
			}
		}
		return w
	}
	forms := func(held map[string][]string) map[string]string {
		fs := map[string]string{}
		for _, t := range held[heldForms] { // sorted: forms join in order
			fold, _, _ := strings.Cut(t, ExactSep)
			fs[fold] += t + "\n"
		}
		return fs
	}
	was, is := words(before), words(after)
	fb, fa := forms(before), forms(after)
	same := map[string]bool{}
	for t := range is {
		if was[t] && fb[t] == fa[t] {
			same[t] = true
		}
	}
	return same
}

// samePairs returns the pairs an article held before an edit and holds
// after it.
func samePairs(before, after map[string][]string) map[string]bool {
	was := map[string]bool{}
	for _, t := range before[heldPairs] {
		was[t] = true
	}
	same := map[string]bool{}
	for _, t := range after[heldPairs] {
		if was[t] {
			same[t] = true
		}
	}
	return same
}

// without returns the sorted terms ts without those of drop.
func without(ts, drop []string) []string {
	if len(drop) == 0 {
		return ts
	}
	gone := make(map[string]bool, len(drop))
	for _, t := range drop {
		gone[t] = true
	}
	return slices.DeleteFunc(slices.Clone(ts), func(t string) bool { return gone[t] })
}

// started runs f on a goroutine of its own at once and returns a function
// that waits for its result; call it once.
func started(f func() ([]static.BiTerm, error)) func() ([]static.BiTerm, error) {
	type result struct {
		terms []static.BiTerm
		err   error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() { done <- r }()
		defer recoverInto(&r.err)
		r.terms, r.err = f()
	}()
	return func() ([]static.BiTerm, error) {
		r := <-done
		return r.terms, r.err
	}
}
