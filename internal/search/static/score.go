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
//     b. where the words are (Tier): all of them in the title, then all
//     in the title, model, unit or tags (the heading fields), then the
//     rest;
//     c. the number of the query's adjacent pairs their title, model,
//     unit or tags hold side by side, counting the pairs whose lists no
//     cap cut (Pairs: for "Con đường bích họa xã Tịnh Hòa", the model of
//     that name before a title with "bích họa" and "xã Tịnh Khê");
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
	r := s.newRanking(ParseQuery(q, typing))
	if err := r.words(); err != nil {
		return nil, err
	}
	if err := r.prefix(); err != nil {
		return nil, err
	}
	if err := r.pairs(); err != nil {
		return nil, err
	}
	r.signatures()
	keep, err := s.keep(f)
	if err != nil {
		return nil, err
	}
	all := r.results(keep)
	slices.SortFunc(all, byRank)
	return &Results{All: all, AtLeast: r.atLeast}, nil
}

// ranking is one query's work in progress, shared by Search's phases:
// what each document has gathered, and what the word phases leave for
// the pair and signature phases.
type ranking struct {
	s    *Index
	x    Query
	n    int          // documents in the index (Idf's N)
	docs map[int]*acc // what each document has gathered
	// found[i] is word i's entry (nil when not in the index; i ==
	// len(x.Words) is the prefix); floor[i] the impact that a document
	// found only through a pair or a signature gets for it.
	found []*entry
	floor []int
	// used holds the entries read (their postings may carry title
	// signatures); hashes[i] the TitleHash values that stand for word i.
	used    []*entry
	hashes  [][]int
	atLeast bool // a list read was capped (Results.AtLeast)
}

// newRanking starts ranking x: nothing read, no document gathered.
func (s *Index) newRanking(x Query) *ranking {
	nw := len(x.Words)
	return &ranking{
		s: s, x: x, n: s.Manifest.N, docs: map[int]*acc{},
		found: make([]*entry, nw+1), floor: make([]int, nw+1), hashes: make([][]int, nw),
	}
}

// capped notes a list read that MaxPostings cut: more documents may
// match than are found, so the count is a lower bound.
func (r *ranking) capped(es ...*entry) {
	for _, e := range es {
		r.atLeast = r.atLeast || len(e.docs) < e.df
	}
}

// get is document d's accumulator, made when d is first met.
func (r *ranking) get(d int) *acc {
	a := r.docs[d]
	if a == nil {
		a = &acc{}
		r.docs[d] = a
	}
	return a
}

// give is how bestOf credits query word i: its score, and the match with
// its heading bits and title position.
func (r *ranking) give(i int) func(d int, c int64, fields, pos int) {
	return func(d int, c int64, fields, pos int) {
		a := r.get(d)
		a.score += c
		a.mark(i, fields, pos)
	}
}

// words reads each whole query word's postings (or, for a word that is
// no term of the index, its corrections) and credits their documents.
func (r *ranking) words() error {
	for i, w := range r.x.Words {
		e, err := r.s.term(w.Fold)
		if err != nil {
			return err
		}
		if e == nil {
			if err := r.typo(i, w.Fold); err != nil {
				return err
			}
			continue
		}
		r.word(i, w, e)
	}
	return nil
}

// word credits the documents of word i's entry e: idf × impact × 2, × 3
// when the document writes the word with the diacritics typed.
func (r *ranking) word(i int, w analysis.Word, e *entry) {
	r.capped(e)
	r.used = append(r.used, e)
	r.hashes[i] = []int{TitleHash(w.Fold)}
	r.found[i], r.floor[i] = e, floorImpact(e)
	vk := -1
	if w.Exact != w.Fold {
		vk = slices.Index(e.variants, w.Exact)
	}
	idf := int64(Idf(r.n, e.df))
	for k, d := range e.docs {
		m := int64(2)
		if vk >= 0 && e.masks[k]&(1<<vk) != 0 {
			m = 3
		}
		a := r.get(d)
		a.score += idf * int64(e.qs[k]) * m
		a.mark(i, e.fields[k], e.pos[k])
	}
}

// typo matches word i, no term of the index, by its corrections
// (fuzzy.go): a document scores its best correction, ×1.
func (r *ranking) typo(i int, fold string) error {
	es, err := r.s.corrections(fold)
	if err != nil || len(es) == 0 {
		return err
	}
	r.capped(es...)
	r.used = append(r.used, es...)
	for _, c := range es {
		r.hashes[i] = append(r.hashes[i], TitleHash(c.term))
	}
	r.found[i], r.floor[i] = es[0], floorImpact(es[0])
	bestOf(es, r.n, func(*entry) (int64, int64) { return 1, -1 }, r.give(i))
	return nil
}

// prefix matches the unfinished last word (word len(x.Words)) by its
// completions, when there is one.
func (r *ranking) prefix() error {
	p, nw := r.x.Prefix, len(r.x.Words)
	if p == "" {
		return nil
	}
	es, err := r.s.completions(p)
	if err != nil {
		return err
	}
	r.capped(es...)
	// Their postings carry title signatures too: the unfinished word's
	// completions are read by signatures like any word's entry.
	r.used = append(r.used, es...)
	// A document scores its best completion. The word as typed, when it
	// is a term (completions put it first), counts as a folded match
	// (×2); a longer word counts half (×1), and no more than the typed
	// word's idf: "thua" must rank "thửa" above a rarer "thuận".
	capIdf := int64(-1)
	if len(es) > 0 && es[0].term == p {
		capIdf = int64(Idf(r.n, es[0].df))
		r.found[nw], r.floor[nw] = es[0], floorImpact(es[0])
	}
	bestOf(es, r.n, func(e *entry) (int64, int64) {
		if e.term == p {
			return 2, -1
		}
		return 1, capIdf
	}, r.give(nw))
	return nil
}

// pairs reads the entries of the query's distinct adjacent pairs, the
// unfinished word as typed included (when it is already a whole word,
// "doi thua" before the user stops typing, the pair counts as it will
// once finished), and credits their documents.
func (r *ranking) pairs() error {
	seq, seen := r.x.Seq, map[string]bool{}
	for i := 1; i < len(seq); i++ {
		pt := analysis.Bigram(seq[i-1], seq[i])
		if seen[pt] || seq[i-1] == seq[i] {
			continue
		}
		seen[pt] = true
		e, err := r.s.pair(pt)
		if err != nil {
			return err
		}
		if e != nil {
			r.pair(e, [2]int{r.index(seq[i-1]), r.index(seq[i])})
		}
	}
	return nil
}

// index is the query word that folded word fold of Seq is: its place in
// Words, len(Words) for the prefix, -1 for none.
func (r *ranking) index(fold string) int {
	if r.x.Prefix != "" && fold == r.x.Prefix {
		return len(r.x.Words)
	}
	return slices.IndexFunc(r.x.Words, func(w analysis.Word) bool { return w.Fold == fold })
}

// pair credits the documents of pair entry e, whose words are query
// words ends (-1: none): the pair's bonus, both words matched (even where
// a capped list left the document out), a whole list's heading pair
// counted, and the title's order noted.
func (r *ranking) pair(e *entry, ends [2]int) {
	bonus := int64(Idf(r.n, e.df)) * Q * 2
	whole := len(e.docs) == e.df
	for k, d := range e.docs {
		a := r.get(d)
		a.score += bonus
		if whole && e.fields[k] != 0 {
			a.pairs++
		}
		for _, wi := range ends {
			if wi < 0 || r.found[wi] == nil {
				continue
			}
			r.leftOut(a, wi)
			a.mark(wi, e.fields[k], -1)
		}
		if e.fields[k]&InTitle != 0 && ends[0] >= 0 && ends[1] == ends[0]+1 {
			a.inOrder |= 1 << ends[0]
		}
	}
}

// leftOut credits a document that a capped list of word i left out, now
// found to match it, with the lowest impact the list kept; a document
// that already matches word i keeps its own credit.
func (r *ranking) leftOut(a *acc, i int) {
	if a.matched&(1<<i) == 0 {
		a.score += int64(Idf(r.n, r.found[i].df)) * int64(r.floor[i]) * 2
	}
}

// signatures matches the words that capped lists left out in the titles
// (or models) of the documents of the entries read, by the signatures
// those entries carry.
func (r *ranking) signatures() {
	for _, e := range r.used {
		for _, sg := range e.sigs {
			r.signature(r.get(e.docs[sg.k]), sg)
		}
	}
}

// signature marks in a the words of capped lists that signature sg (of
// the title or the model) holds: a word in the field is in the document.
func (r *ranking) signature(a *acc, sg sig) {
	for i := range len(r.x.Words) {
		if r.floor[i] == 0 {
			continue // a whole list: absent means absent
		}
		j := slices.IndexFunc(sg.words, func(w int) bool { return slices.Contains(r.hashes[i], w&(1<<TitleHashBits-1)) })
		if j < 0 {
			continue
		}
		r.leftOut(a, i)
		pos := -1
		if sg.field == InTitle {
			pos = sg.words[j] >> TitleHashBits
		}
		a.mark(i, sg.field, pos)
	}
}

// keep is filters f as a test of a document number; nil (keep all, the
// facets not read) when f is empty.
func (s *Index) keep(f Filters) (func(int) bool, error) {
	if len(f) == 0 {
		return nil, nil
	}
	return s.filter(f)
}

// results are the documents that match some query word and that keep
// (nil: every one) lets through, with what ordering them compares, not
// yet ordered.
func (r *ranking) results(keep func(int) bool) []Result {
	words := len(r.x.Words)
	if r.x.Prefix != "" {
		words++
	}
	all := uint32(1)<<words - 1
	out := make([]Result, 0, len(r.docs))
	for d, a := range r.docs {
		if a.matched == 0 || keep != nil && !keep(d) {
			continue
		}
		out = append(out, Result{
			Doc: d, Score: a.score, Matched: bits.OnesCount32(a.matched), Pairs: a.pairs,
			Full: a.matched == all, Tier: a.tier(), Order: a.order(words),
		})
	}
	return out
}

// tier is where the document's matched words are (Result.Tier): all in
// the title 2, all in the heading fields 1, else 0.
func (a *acc) tier() int {
	switch a.matched {
	case a.title:
		return 2
	case a.head:
		return 1
	}
	return 0
}

// byRank orders results by rule 3: words matched, tier, heading pairs,
// title order, score (higher first), then the document number.
func byRank(a, b Result) int {
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
