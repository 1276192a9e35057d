package static

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
)

// Settled returns the terms of own whose entries an edit of document doc
// leaves byte for byte as they are, so that an update need neither read
// their postings from the index nor encode them again. An edit touches
// every word its article holds, and the common ones — lists of thousands
// of documents, capped at MaxPostings — were most of an incremental
// export's time, while the edited article is in few of their capped lists.
//
// own holds the document's postings after the edit (its terms only, each
// with Docs == [doc]), docLen its weighted length after the edit, and
// same the terms it held before and holds after in some text field, with
// the same exact forms. A term of same whose new posting carries no
// heading bits (the term is not in its title or model, so no signature)
// is settled in two cases. Both rest on how keptPostings ranks a capped
// list: every signature first, then by q (then fine impact, then doc),
// so every posting left out ranks below the lowest q kept without a
// signature (lowestUnsigned), and every posting kept without one ranks
// above the postings left out.
//   - the document was not among its entry's kept postings and will not
//     be kept either: its q is below that lowest one;
//   - the document's posting in the entry stays as it was (no heading
//     bits, no signature, the same q; its length moves the fine impact,
//     seldom q), and the list is whole (every document that holds the
//     term: a rare word, most of an article's words), or q is above that
//     lowest one, so the document keeps its place whatever its fine
//     impact. (A common word: its thousands of postings were most of
//     what an edit read.)
//
// Then, the term's df and the counts of its exact forms being unchanged,
// and every other document's impact too (the average length is fixed
// between updates, Update), keptPostings keeps the same postings with the
// same masks.
func Settled(b *Base, doc int32, own []UniTerm, docLen float64, same map[string]bool) ([]string, error) {
	shards := map[int][]json.RawMessage{}
	var out []string
	for _, u := range own {
		if !same[u.Term] || len(u.Docs) != 1 || u.Docs[0] != doc || u.Fields[0] != 0 {
			continue
		}
		e, err := oldEntry(b, u.Term, shards)
		if err != nil {
			return nil, err
		}
		if e == nil {
			continue
		}
		q, _ := impact(float64(u.WTF[0]), docLen, b.Opt.AvgLen)
		k := slices.Index(e.docs, int(doc))
		switch {
		case k < 0 && q < lowestUnsigned(e):
			out = append(out, u.Term)
		case k >= 0 && e.fields[k] == 0 && !hasSig(e, k) && e.qs[k] == q && (len(e.docs) == e.df || q > lowestUnsigned(e)):
			out = append(out, u.Term)
		}
	}
	return out, nil
}

// hasSig reports whether posting k of e carries a signature.
func hasSig(e *entry, k int) bool {
	return slices.ContainsFunc(e.sigs, func(s sig) bool { return s.k == k })
}

// lowestUnsigned is the lowest q of e's postings that carry no signature
// (Q+1 if all do).
func lowestUnsigned(e *entry) int {
	low := Q + 1
	for k, q := range e.qs {
		if q < low && !hasSig(e, k) {
			low = q
		}
	}
	return low
}

// oldEntry decodes the entry of term in b's term shards (nil if b has
// none), parsing each shard once into shards. A shard holds consecutive
// terms of b.Terms, from the first at or after its bound (shard).
func oldEntry(b *Base, term string, shards map[int][]json.RawMessage) (*entry, error) {
	k, found := slices.BinarySearch(b.Terms, term)
	if !found {
		return nil, nil
	}
	i := findShard(b.Uni, term)
	es, ok := shards[i]
	if !ok {
		var err error
		if es, err = splitArray(b.Files[i]); err != nil {
			return nil, fmt.Errorf("u%d.json: %w", i, err)
		}
		shards[i] = es
	}
	k -= sort.SearchStrings(b.Terms, b.Uni[i])
	if k < 0 || k >= len(es) {
		return nil, fmt.Errorf("u%d.json: không có mục của từ %q", i, term)
	}
	e, err := decodeTerm(es[k])
	if err != nil || e.term != term {
		return nil, fmt.Errorf("u%d.json: mục của từ %q hỏng (%v)", i, term, err)
	}
	if len(e.qs) == 0 {
		return nil, nil
	}
	return e, nil
}

// SettledPairs is Settled for pairs: the pairs of own (the document's
// pairs after the edit, each with Docs == [doc]) held before and after
// (same) whose entry stays as it is, its df being unchanged. was holds
// each pair's count in the document before the edit. A capped list ranks
// its postings by count, then document (keptPostings; a pair's heading
// bits do not rank it), so it keeps the same documents when the edited
// one's count is unchanged, or stays below the lowest count kept:
//   - a capped list the document was not in and stays out of: its count
//     unchanged, or its new count below the lowest kept (Base.PairFloor);
//   - a capped list the document was in with the same count, and a whole
//     list (no floor: it keeps every document), in which the document
//     keeps the same heading bits. A list holds no counts.
func SettledPairs(b *Base, doc int32, own []BiTerm, same map[string]bool, was map[string]int32) ([]string, error) {
	var out []string
	for _, bt := range own {
		if !same[bt.Term] || len(bt.Docs) != 1 || bt.Docs[0] != doc {
			continue
		}
		floor, capped := b.PairFloor[bt.Term]
		unchanged := was[bt.Term] == bt.Count[0]
		if capped && bt.Count[0] >= floor && !unchanged {
			continue
		}
		e, err := oldPair(b, bt.Term)
		if err != nil {
			return nil, err
		}
		if e == nil {
			continue
		}
		k := slices.Index(e.docs, int(doc))
		switch {
		case capped && k < 0:
			out = append(out, bt.Term)
		case k >= 0 && (!capped && len(e.docs) == e.df || capped && unchanged) && e.fields[k] == int(bt.Fields[0]):
			out = append(out, bt.Term)
		}
	}
	return out, nil
}

// PairHolders returns the documents that held pair t when b was
// exported, ascending, with ok when b knows every one of them: b has an
// entry for every pair some document held (none: no document), and its
// list is whole unless capped (Base.PairFloor), when it names only the
// documents it kept. An edit's pairs are then read from these documents
// and the edited ones alone, not from every document's list (8.7 million
// entries at 10,000 articles).
func PairHolders(b *Base, t string) (docs []int32, ok bool, err error) {
	if _, capped := b.PairFloor[t]; capped {
		return nil, false, nil
	}
	e, err := oldPair(b, t)
	if err != nil || e == nil {
		return nil, err == nil, err
	}
	if len(e.docs) != e.df {
		return nil, false, nil
	}
	docs = make([]int32, len(e.docs))
	for i, d := range e.docs {
		docs[i] = int32(d)
	}
	return docs, true, nil
}

// oldPair decodes the entry of pair t in b's pair shards (nil if none).
func oldPair(b *Base, t string) (*entry, error) {
	i := PairBucket(t, b.Opt.Buckets)
	es, err := splitArray(b.Files[len(b.Uni)+i])
	if err != nil {
		return nil, fmt.Errorf("b%d.json: %w", i, err)
	}
	for _, raw := range es {
		term, err := entryTerm(raw)
		if err != nil {
			return nil, fmt.Errorf("b%d.json: %w", i, err)
		}
		if term != t {
			continue
		}
		e, err := decodePair(raw)
		if err != nil {
			return nil, fmt.Errorf("b%d.json: %w", i, err)
		}
		return e, nil
	}
	return nil, nil
}
