package static

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// The ranking of danvan, in one place (static/js/search.js repeats it
// line for line; the parity test holds them equal):
//
//  1. A query is its distinct folded words (at most MaxQueryWords), plus,
//     while the user types, the unfinished last word: a prefix, completed
//     to the PrefixTerms most frequent terms it begins (ParseQuery).
//  2. A document matches a word when the word's postings hold it; a word
//     that is no term of the index may be a typo, read as the most
//     frequent term one edit away (fuzzy.go); the prefix matches through
//     its best completion. A document in the postings of an adjacent pair
//     of the query matches both words of the pair, even when a capped
//     list of a very common word left it out (a name made of two common
//     syllables is found by its exact pair).
//  3. Documents are ordered by
//     a. the number of query words they match: every word first (Full);
//     b. where the words are: all of them in the title, then all in the
//     title, model, unit or tags (the heading fields), then the rest;
//     c. the score: for each matched word idf × impact × 2 (× 3 when the
//     word is written with the same diacritics as typed, × 1 when it is
//     a corrected typo, a completion longer than the typed prefix × 1
//     with the prefix's idf at most), plus idf × Q × 2 for each query
//     pair the document holds side by side;
//     d. the document number (newest first).
//  4. Results show the documents that match every word; only when none
//     does, those that match some, in the same order (Visible).
//
// Impacts and idf are integers (impact: the quantised BM25 part of the
// posting, Impact; idf: Idf of the term's df), so Go and JavaScript agree
// exactly.

// PrefixTerms is how many completions of the last word a typing query
// expands to (most frequent first).
const PrefixTerms = 20

// MinPrefix is the shortest unfinished word (in letters of its folded
// form) that is completed; a shorter one is left out of the query until
// typed on.
const MinPrefix = 2

// MaxQueryWords bounds the distinct words of a query that are looked up:
// a pasted paragraph costs no more than a long question.
const MaxQueryWords = 16

// Query is a parsed query.
type Query struct {
	Words  []analysis.Word // distinct words, first exact form kept, the prefix excluded
	Seq    []string        // folded words in order (for pairs), the prefix included
	Prefix string          // the unfinished last word (folded), or ""
}

// ParseQuery analyses q. With typing set, the last word is unfinished
// when q ends inside it (on a letter, digit or mark; any other character,
// a space, a comma, a U+FEFF, ends it) and it does not occur earlier; an
// unfinished word shorter than MinPrefix letters is left out.
func ParseQuery(q string, typing bool) Query {
	var x Query
	seen := map[string]bool{}
	ws := analysis.Analyze(q)
	for _, w := range ws {
		if len(x.Seq) == 2*MaxQueryWords {
			break
		}
		x.Seq = append(x.Seq, w.Fold)
		if !seen[w.Fold] && len(x.Words) < MaxQueryWords {
			seen[w.Fold] = true
			x.Words = append(x.Words, w)
		}
	}
	last, _ := utf8.DecodeLastRuneInString(q)
	inWord := unicode.IsLetter(last) || unicode.Is(unicode.Nd, last) || unicode.IsMark(last)
	if typing && inWord && len(x.Words) > 0 && len(x.Seq) == len(ws) {
		p := x.Seq[len(x.Seq)-1]
		if x.Words[len(x.Words)-1].Fold == p {
			x.Words = x.Words[:len(x.Words)-1]
			if utf8.RuneCountInString(p) >= MinPrefix {
				x.Prefix = p
			}
		}
	}
	return x
}

// Result is one ranked document of the static index.
type Result struct {
	Doc     int    `json:"doc"`
	Score   int64  `json:"score"`
	Matched int    `json:"matched"` // query words matched (the prefix counts as one)
	Full    bool   `json:"full"`    // every query word matched
	Tier    int    `json:"tier"`    // 2: all matched words in the title; 1: in the heading fields; 0: elsewhere
	URL     string `json:"url,omitempty"`
	Title   string `json:"title,omitempty"`
}

// Filters restrict a search to keyword values (field → slug); empty values
// are ignored.
type Filters map[string]string

// acc is what a document has gathered: bit i of matched, title and head
// stands for query word i (the prefix is the bit after the words).
type acc struct {
	score                int64
	matched, title, head uint32
}

func (a *acc) mark(bit uint32, fields int) {
	a.matched |= bit
	if fields&InTitle != 0 {
		a.title |= bit
	}
	if fields&(InTitle|InMeta) != 0 {
		a.head |= bit
	}
}

// Search ranks the documents for q (see the rule above). With typing
// set, the last word may be unfinished (ParseQuery). Filters: area,
// locality (history rule), year, subject → value.
func (s *Index) Search(q string, typing bool, f Filters) ([]Result, error) {
	x := ParseQuery(q, typing)
	docs := map[int]*acc{}
	get := func(d int) *acc {
		a := docs[d]
		if a == nil {
			a = &acc{}
			docs[d] = a
		}
		return a
	}
	n := s.Man.N
	// found[i] is word i's entry (nil when not in the index); floor[i] the
	// impact that a document found only through a pair gets for it.
	nw := len(x.Words)
	found := make([]*entry, nw+1)
	floor := make([]int, nw+1)
	for i, w := range x.Words {
		e, err := s.term(w.Fold)
		if err != nil {
			return nil, err
		}
		fuzzy := false
		if e == nil {
			if e, err = s.correction(w.Fold); err != nil {
				return nil, err
			}
			if e == nil {
				continue
			}
			fuzzy = true
		}
		found[i], floor[i] = e, floorImpact(e)
		vk := -1
		if w.Exact != w.Fold && !fuzzy {
			vk = slices.Index(e.variants, w.Exact)
		}
		idf, bit := int64(Idf(n, e.df)), uint32(1)<<i
		for k, d := range e.docs {
			m := int64(2)
			if fuzzy {
				m = 1
			} else if vk >= 0 && e.masks[k]&(1<<vk) != 0 {
				m = 3
			}
			a := get(d)
			a.score += idf * int64(e.qs[k]) * m
			a.mark(bit, e.fields[k])
		}
	}
	all := uint32(1)<<nw - 1
	if x.Prefix != "" {
		all |= 1 << nw
		es, err := s.completions(x.Prefix)
		if err != nil {
			return nil, err
		}
		// A document scores its best completion. The word as typed, when
		// it is a term (completions put it first), counts as a folded
		// match (×2); a longer word counts half (×1), and no more than the
		// typed word's idf: "thua" must rank "thửa" above a rarer "thuận".
		type best struct{ c, fields int64 }
		bests := map[int]best{}
		capIdf := int64(-1)
		if len(es) > 0 && es[0].term == x.Prefix {
			capIdf = int64(Idf(n, es[0].df))
			found[nw], floor[nw] = es[0], floorImpact(es[0])
		}
		for _, e := range es {
			m, idf := int64(1), int64(Idf(n, e.df))
			if e.term == x.Prefix {
				m = 2
			} else if capIdf >= 0 {
				idf = min(idf, capIdf)
			}
			for k, d := range e.docs {
				if b, ok := bests[d]; !ok || idf*int64(e.qs[k])*m > b.c {
					bests[d] = best{idf * int64(e.qs[k]) * m, int64(e.fields[k])}
				}
			}
		}
		for d, b := range bests {
			a := get(d)
			a.score += b.c
			a.mark(1<<nw, int(b.fields))
		}
	}
	// Adjacent pairs, the unfinished word as typed included: when it is
	// already a whole word ("doi thua" before the user stops typing) the
	// pair counts as it will once finished.
	index := func(fold string) int {
		if x.Prefix != "" && fold == x.Prefix {
			return nw
		}
		return slices.IndexFunc(x.Words, func(w analysis.Word) bool { return w.Fold == fold })
	}
	seenPair := map[string]bool{}
	for i := 1; i < len(x.Seq); i++ {
		pt := analysis.Bigram(x.Seq[i-1], x.Seq[i])
		if seenPair[pt] || x.Seq[i-1] == x.Seq[i] {
			continue
		}
		seenPair[pt] = true
		e, err := s.pair(pt)
		if err != nil {
			return nil, err
		}
		if e == nil {
			continue
		}
		bonus := int64(Idf(n, e.df)) * Q * 2
		ends := [2]int{index(x.Seq[i-1]), index(x.Seq[i])}
		for k, d := range e.docs {
			a := get(d)
			a.score += bonus
			for _, wi := range ends {
				if wi < 0 || found[wi] == nil {
					continue
				}
				bit := uint32(1) << wi
				if a.matched&bit == 0 {
					// Left out of a capped list: matched through the pair,
					// at the lowest impact the list kept.
					a.score += int64(Idf(n, found[wi].df)) * int64(floor[wi]) * 2
				}
				a.mark(bit, e.fields[k])
			}
		}
	}
	var keep func(int) bool
	if len(f) > 0 {
		var err error
		if keep, err = s.filter(f); err != nil {
			return nil, err
		}
	}
	out := make([]Result, 0, len(docs))
	for d, a := range docs {
		if a.matched == 0 || keep != nil && !keep(d) {
			continue
		}
		r := Result{Doc: d, Score: a.score, Matched: bits.OnesCount32(a.matched), Full: a.matched == all}
		switch a.matched {
		case a.title:
			r.Tier = 2
		case a.head:
			r.Tier = 1
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Result) int {
		switch {
		case a.Matched != b.Matched:
			return b.Matched - a.Matched
		case a.Tier != b.Tier:
			return b.Tier - a.Tier
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.Doc - b.Doc
	})
	return out, nil
}

// floorImpact is the lowest impact a capped posting list kept: what a
// document left out of it is credited with when a pair finds it. 0 when
// the list is whole (nothing was left out).
func floorImpact(e *entry) int {
	if len(e.docs) >= e.df {
		return 0
	}
	return slices.Min(e.qs)
}

// Visible returns the results a reader is shown: those that match every
// query word, or, when none does, all of them.
func Visible(rs []Result) []Result {
	if len(rs) > 0 && rs[0].Full {
		for i, r := range rs {
			if !r.Full {
				return rs[:i]
			}
		}
	}
	return rs
}
