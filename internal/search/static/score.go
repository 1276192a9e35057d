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
//     that is no term of the index may be a typo, matched by any of the
//     MaxCorrections best terms one edit away (fuzzy.go); the prefix
//     matches through its completions. A document in the postings of an
//     adjacent pair of the query matches both words of the pair, even
//     when a capped list of a very common word left it out (a name made
//     of two common syllables is found by its exact pair). A document
//     whose title signature (format.go) holds a word that a capped list
//     left out matches it too, in its title.
//  3. Documents are ordered by
//     a. the number of query words they match: every word first (Full);
//     b. the number of the query's adjacent pairs their title, model,
//     unit or tags hold side by side, counting the pairs whose lists no
//     cap cut (Pairs: for "Con đường bích họa xã Tịnh Hòa", the model of
//     that name before a title with "bích họa" and "xã Tịnh Khê");
//     c. where the words are: all of them in the title, then all in the
//     title, model, unit or tags (the heading fields), then the rest;
//     d. how many consecutive query words the title holds in the query's
//     order (Order: "bích họa Nghĩa An" before "Nghĩa An … bích họa");
//     e. the score: for each matched word idf × impact × 2 (× 3 when the
//     word is written with the same diacritics as typed; for a typo, × 1
//     for its best correction; for the prefix, its best completion, × 1
//     for one longer than typed, with the prefix's idf at most), plus
//     idf × Q × 2 for each query pair the document holds side by side;
//     f. the document number (newest first).
//  4. Results show the documents that match every word; only when none
//     does, those that match some, in the same order (Visible). When a
//     capped list was read, more documents may match than were found, and
//     the count is a lower bound (AtLeast: "ít nhất").
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
	Pairs   int    `json:"pairs"`   // query pairs held in a heading field, of those whose lists are whole
	Full    bool   `json:"full"`    // every query word matched
	Tier    int    `json:"tier"`    // 2: all matched words in the title; 1: in the heading fields; 0: elsewhere
	Order   int    `json:"order"`   // consecutive query words in the title in the query's order
	URL     string `json:"url,omitempty"`
	Title   string `json:"title,omitempty"`
}

// Results are the documents a query matches, in rank order.
type Results struct {
	All     []Result // every document that matches some query word
	AtLeast bool     // a list read was capped: more documents may match than All holds
}

// Filters restrict a search to keyword values (field → slug); empty values
// are ignored.
type Filters map[string]string

// acc is what a document has gathered: bit i of matched, title and head
// stands for query word i (the prefix is the word after the words); pos[i]
// is 1 + word i's position in the title (0: not known); bit i of inOrder
// says a title pair showed words i and i+1 side by side in that order.
type acc struct {
	score                         int64
	pairs                         int
	matched, title, head, inOrder uint32
	pos                           [MaxQueryWords + 1]int16
}

// mark records that the document matches word i, with the heading bits
// and title position (-1: none) of the posting that says so.
func (a *acc) mark(i, fields, pos int) {
	bit := uint32(1) << i
	a.matched |= bit
	if fields&InTitle != 0 {
		a.title |= bit
		if pos >= 0 && a.pos[i] == 0 {
			a.pos[i] = int16(pos + 1)
		}
	}
	if fields&(InTitle|InMeta) != 0 {
		a.head |= bit
	}
}

// order counts the consecutive query words (i, i+1), i+1 < words, that the
// title holds in that order.
func (a *acc) order(words int) int {
	n := 0
	for i := 0; i+1 < words; i++ {
		if a.inOrder&(1<<i) != 0 || a.pos[i] > 0 && a.pos[i+1] > a.pos[i] {
			n++
		}
	}
	return n
}

// Search ranks the documents for q (see the rule above). With typing
// set, the last word may be unfinished (ParseQuery). Filters: area,
// locality (history rule), year, subject → value.
func (s *Index) Search(q string, typing bool, f Filters) (*Results, error) {
	x := ParseQuery(q, typing)
	res := &Results{}
	// capped notes a list read that MaxPostings cut.
	capped := func(es ...*entry) {
		for _, e := range es {
			res.AtLeast = res.AtLeast || len(e.docs) < e.df
		}
	}
	docs := map[int]*acc{}
	get := func(d int) *acc {
		a := docs[d]
		if a == nil {
			a = &acc{}
			docs[d] = a
		}
		return a
	}
	n := s.Manifest.N
	// found[i] is word i's entry (nil when not in the index); floor[i] the
	// impact that a document found only through a pair gets for it.
	nw := len(x.Words)
	found := make([]*entry, nw+1)
	floor := make([]int, nw+1)
	// used holds the entries read (their postings may carry title
	// signatures); hashes[i] the TitleHash values that stand for word i.
	var used []*entry
	hashes := make([][]int, nw)
	for i, w := range x.Words {
		e, err := s.term(w.Fold)
		if err != nil {
			return nil, err
		}
		if e == nil {
			// Not in the index: perhaps a typo (fuzzy.go). A document
			// scores its best correction, ×1.
			es, err := s.corrections(w.Fold)
			if err != nil {
				return nil, err
			}
			if len(es) > 0 {
				capped(es...)
				used = append(used, es...)
				for _, c := range es {
					hashes[i] = append(hashes[i], TitleHash(c.term))
				}
				found[i], floor[i] = es[0], floorImpact(es[0])
				bestOf(es, n, func(*entry) (int64, int64) { return 1, -1 }, func(d int, c int64, fields, pos int) {
					a := get(d)
					a.score += c
					a.mark(i, fields, pos)
				})
			}
			continue
		}
		capped(e)
		used = append(used, e)
		hashes[i] = []int{TitleHash(w.Fold)}
		found[i], floor[i] = e, floorImpact(e)
		vk := -1
		if w.Exact != w.Fold {
			vk = slices.Index(e.variants, w.Exact)
		}
		idf := int64(Idf(n, e.df))
		for k, d := range e.docs {
			m := int64(2)
			if vk >= 0 && e.masks[k]&(1<<vk) != 0 {
				m = 3
			}
			a := get(d)
			a.score += idf * int64(e.qs[k]) * m
			a.mark(i, e.fields[k], e.pos[k])
		}
	}
	all, words := uint32(1)<<nw-1, nw
	if x.Prefix != "" {
		all |= 1 << nw
		words++
		es, err := s.completions(x.Prefix)
		if err != nil {
			return nil, err
		}
		capped(es...)
		// A document scores its best completion. The word as typed, when
		// it is a term (completions put it first), counts as a folded
		// match (×2); a longer word counts half (×1), and no more than the
		// typed word's idf: "thua" must rank "thửa" above a rarer "thuận".
		capIdf := int64(-1)
		if len(es) > 0 && es[0].term == x.Prefix {
			capIdf = int64(Idf(n, es[0].df))
			found[nw], floor[nw] = es[0], floorImpact(es[0])
		}
		bestOf(es, n, func(e *entry) (int64, int64) {
			if e.term == x.Prefix {
				return 2, -1
			}
			return 1, capIdf
		}, func(d int, c int64, fields, pos int) {
			a := get(d)
			a.score += c
			a.mark(nw, fields, pos)
		})
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
		whole := len(e.docs) == e.df
		for k, d := range e.docs {
			a := get(d)
			a.score += bonus
			if whole && e.fields[k] != 0 {
				a.pairs++
			}
			for _, wi := range ends {
				if wi < 0 || found[wi] == nil {
					continue
				}
				if a.matched&(1<<wi) == 0 {
					// Left out of a capped list: matched through the pair,
					// at the lowest impact the list kept.
					a.score += int64(Idf(n, found[wi].df)) * int64(floor[wi]) * 2
				}
				a.mark(wi, e.fields[k], -1)
			}
			if e.fields[k]&InTitle != 0 && ends[0] >= 0 && ends[1] == ends[0]+1 {
				a.inOrder |= 1 << ends[0]
			}
		}
	}
	// Signatures: a word a capped list left out is in the title (or the
	// model) when the document's signature of that field holds it.
	for _, e := range used {
		for _, sg := range e.sigs {
			a := get(e.docs[sg.k])
			for i := range nw {
				if floor[i] == 0 {
					continue // a whole list: absent means absent
				}
				j := slices.IndexFunc(sg.words, func(w int) bool { return slices.Contains(hashes[i], w&(1<<TitleHashBits-1)) })
				if j < 0 {
					continue
				}
				if a.matched&(1<<i) == 0 {
					a.score += int64(Idf(n, found[i].df)) * int64(floor[i]) * 2
				}
				pos := -1
				if sg.field == InTitle {
					pos = sg.words[j] >> TitleHashBits
				}
				a.mark(i, sg.field, pos)
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
		r := Result{Doc: d, Score: a.score, Matched: bits.OnesCount32(a.matched), Pairs: a.pairs, Full: a.matched == all, Order: a.order(words)}
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
		case a.Pairs != b.Pairs:
			return b.Pairs - a.Pairs
		case a.Order != b.Order:
			return b.Order - a.Order
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.Doc - b.Doc
	})
	res.All = out
	return res, nil
}

// bestOf credits each document of the alternative entries es (the
// completions of a prefix, the corrections of a typo) with its best one:
// idf × impact × m, idf at most idfCap when that is not negative, as
// weigh(e) says. give receives the document, its credit, the heading bits
// of all the alternatives it holds (the word meant is in the title if any
// of them is) and the title position of the first of them, in es order,
// that is in the title (-1 for none).
func bestOf(es []*entry, n int, weigh func(*entry) (m, idfCap int64), give func(d int, c int64, fields, pos int)) {
	type best struct {
		c           int64
		fields, pos int
	}
	bests := map[int]*best{}
	var order []int
	for _, e := range es {
		m, idfCap := weigh(e)
		idf := int64(Idf(n, e.df))
		if idfCap >= 0 {
			idf = min(idf, idfCap)
		}
		for k, d := range e.docs {
			b := bests[d]
			if b == nil {
				b = &best{c: -1, pos: -1}
				bests[d] = b
				order = append(order, d)
			}
			b.c = max(b.c, idf*int64(e.qs[k])*m)
			b.fields |= e.fields[k]
			if b.pos < 0 {
				b.pos = e.pos[k]
			}
		}
	}
	for _, d := range order {
		give(d, bests[d].c, bests[d].fields, bests[d].pos)
	}
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
func (r *Results) Visible() []Result {
	rs := r.All
	if len(rs) > 0 && rs[0].Full {
		for i, r := range rs {
			if !r.Full {
				return rs[:i]
			}
		}
	}
	return rs
}
