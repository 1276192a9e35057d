package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// Two kinds of terms of the indexed documents are kept beside the bleve
// index, not in it (sideTerms): the pairs of adjacent words, and the exact
// forms of the words. In bleve they cost most of the index: at 10k
// articles (≈ 870 pair occurrences and ≈ 440 exact forms an article) the
// three pair fields took indexing from 8.3 to 23.0 s of CPU, the export's
// read from 0.5 to 3.3 s and the index on disk from 46 to 151 MiB; the
// exact field, the pairs gone, from 6.1 to 10.8 s and 23 to 46 MiB
// (BenchmarkBleveLevers). The export needs no more of such a term than its
// documents, its count in each and its heading bits: numbered terms and an
// array inversion give them in a fraction of a second, and an edit changes
// one document's list. bleve keeps the words of each field, with their
// counts, and the keywords.
//
// A term is numbered when first met, and keeps its number: a document's
// list is written once, as bytes (the file's own layout, so a list read
// from the file is a view of it, decoded as it is read). The table of
// terms is kept in term order through a permutation, so postings come out
// in the export's order without sorting them. On disk each store is one
// cachefile entry written with each commit and valid for its generation
// only (termfile.go).

// sideTerms are the terms kept beside the index.
type sideTerms struct {
	pairs *termStore // pairsOf each document: count << 2 | heading bits
	forms *termStore // formsOf each document: ExactTerm(fold, form), count 1
}

func newSideTerms() *sideTerms {
	return &sideTerms{pairs: newTermStore(pairsFile), forms: newTermStore(formsFile)}
}

// set records the side terms of d, replacing those its URL had, counting
// them in sc (one per goroutine).
func (st *sideTerms) set(d *analysis.Doc, sc *sideScratch) error {
	defer sc.clear()
	if err := st.pairs.set(d.Article.URL, pairsOf(d, st.pairs, sc.pairs, sc.pairParts)); err != nil {
		return err
	}
	return st.forms.set(d.Article.URL, formsOf(d, st.forms, sc.forms, sc.perFold, sc.formParts))
}

// sideScratch holds one document's side terms while they are counted,
// cleared for the next document: an indexing worker keeps one, for one
// sideTerms. (A map a document, grown from empty, cost a cold build at 10k
// articles about a second of CPU: BenchmarkSideTerms.) Terms are counted
// under their parts' numbers (termStore.partNumber), of which the worker
// keeps its own copies.
type sideScratch struct {
	pairs, forms         map[uint64]uint32
	perFold              map[uint32]int    // exact forms counted for each folded term, by its number
	pairParts, formParts map[string]uint32 // the worker's copies of each store's part numbers
}

func newSideScratch() *sideScratch {
	return &sideScratch{pairs: map[uint64]uint32{}, forms: map[uint64]uint32{}, perFold: map[uint32]int{},
		pairParts: map[string]uint32{}, formParts: map[string]uint32{}}
}

func (sc *sideScratch) clear() { clear(sc.pairs); clear(sc.forms); clear(sc.perFold) }

// termKey is a side term as its two parts: a pair's two syllables, a
// form's folded term and exact form. The term is the parts joined by the
// store's separator (termStore.sep), which no part holds (syllables are
// letters and digits: vi.Words), so a term has one key. Terms are counted
// and numbered by their parts' numbers (partsKey); the term's string is
// built once, when it is first numbered, and the key orders it among the
// settled terms (findSorted).
type termKey [2]string

// remove forgets the document url.
func (st *sideTerms) remove(url string) { st.pairs.remove(url); st.forms.remove(url) }

// settle settles both stores.
func (st *sideTerms) settle() { st.pairs.settle(); st.forms.settle() }

// save writes both stores as files of generation gen in dir.
func (st *sideTerms) save(dir, gen string) error {
	if err := st.pairs.save(dir, gen); err != nil {
		return err
	}
	return st.forms.save(dir, gen)
}

// loadSideTerms reads both stores of generation gen from dir.
func loadSideTerms(dir, gen string) (*sideTerms, error) {
	pairs, err := loadTerms(dir, pairsFile, gen)
	if err != nil {
		return nil, err
	}
	forms, err := loadTerms(dir, formsFile, gen)
	if err != nil {
		return nil, err
	}
	return &sideTerms{pairs: pairs, forms: forms}, nil
}

// termStore holds one kind of side terms of every indexed document. set is safe for
// concurrent use (the two indexing workers); the rest is called by one
// goroutine at a time, after the workers are done.
type termStore struct {
	name   string // the kind of terms, and its file (termfile.go)
	sep    string // joins the parts of a term (termKey)
	mu     sync.Mutex
	terms  cachefile.Table // term by number (those read from the store's file: views of it)
	sorted []uint32        // the numbers 0 … len(sorted)-1, in term order: the terms up to the last settle
	// A term is counted, and the terms numbered since the last settle
	// (len(sorted) and up) are found, by the numbers of its two parts
	// (syllables, or a fold and its form): one probe of a table of 16-byte
	// slots, where a key of the two strings was hashed, and compared
	// through pointers, in a table of 40-byte slots. A cold build numbers
	// 11 million side terms at 10k articles (299,000 pairs, 437,000 at
	// 50k). BenchmarkSideTerms, one core: 3.31 s keyed by strings, 2.97 s
	// with the table keyed by numbers (two runs each); counting each
	// document by numbers too, each worker numbering parts from its own
	// copy, a fifth less again (2.40 and 2.41 s against 3.09 and 2.95 s,
	// the calmest of four alternating pairs). What is left is mostly the
	// table's size: a cache miss a lookup.
	partMu    sync.Mutex          // guards parts and partNames: the workers number parts beside set
	parts     map[string]uint32   // a part → its number, for the store's life
	partNames []string            // the parts by number
	fresh     map[uint64]uint32   // a term numbered since the last settle: its parts' numbers → its number
	docs      map[string]termList // URL → the document's terms
	// compacted is the size of the table after it was last compacted:
	// terms no document holds any more stay in it until it grows a
	// quarter past that (compact).
	compacted int
	// The store's file (termfile.go) is a base and what changed since:
	// baseGen is the generation of the base (the one last read or
	// written; "" when there is none, or the store was renumbered since),
	// baseTerms the terms it holds, and changed the documents set or
	// removed since it was written.
	baseGen   string
	baseTerms int
	changed   map[string]bool
}

// termList is one document's terms, in no particular order, as bytes,
// every number 4 bytes little-endian: the number of terms n; n entries,
// each term number << 8 | min(count, 63) << 2 | heading bits; then, for
// each entry whose count field is 63 in entry order, its count. Four bytes
// a term (a count above 62 is rare) keep the pair file at about 35 MB at
// 10k articles, which a warm build reads whole.
type termList []byte

const (
	maxTerms   = 1 << 24 // term numbers fit in 24 bits
	countField = 63      // a count field this high says: the count follows the entries
)

func (l termList) len() int {
	if len(l) < 4 {
		return 0
	}
	return int(binary.LittleEndian.Uint32(l))
}

// entry returns entry i; num its term number and bits its heading bits.
func (l termList) entry(i int) uint32 { return binary.LittleEndian.Uint32(l[4+4*i:]) }
func num(e uint32) uint32             { return e >> 8 }
func bits(e uint32) uint8             { return uint8(e & 3) }

// count returns the count of entry e, reading it from the overflow at
// *over (advanced) when the entry's field cannot hold it. Entries must be
// read in order for the overflow to line up: over starts at 4 + 4n.
func (l termList) count(e uint32, over *int) int32 {
	c := int32(e >> 2 & countField)
	if c == countField {
		c = int32(binary.LittleEndian.Uint32(l[*over:]))
		*over += 4
	}
	return c
}

// firstOver is where the overflow counts of l start.
func (l termList) firstOver() int { return 4 + 4*l.len() }

func newTermStore(name string) *termStore {
	sep := analysis.BigramSep
	if name == formsFile {
		sep = ExactSep
	}
	return &termStore{name: name, sep: sep, parts: map[string]uint32{}, fresh: map[uint64]uint32{}, docs: map[string]termList{}}
}

// find returns the number of the term t, if it has one.
func (ps *termStore) find(t string) (uint32, bool) {
	a, b, ok := strings.Cut(t, ps.sep)
	if !ok {
		return 0, false // not a term of this store: every term joins two parts
	}
	return ps.findKey(termKey{a, b})
}

// findKey returns the number of the term of key, if it has one.
func (ps *termStore) findKey(key termKey) (uint32, bool) {
	if k, ok := ps.findSorted(key); ok {
		return k, true
	}
	ps.partMu.Lock()
	a, oka := ps.parts[key[0]]
	b, okb := ps.parts[key[1]]
	ps.partMu.Unlock()
	if !oka || !okb {
		return 0, false
	}
	k, ok := ps.fresh[partsKey(a, b)]
	return k, ok
}

// findSorted returns the number of the term of key among the terms up to
// the last settle, if it is one.
func (ps *termStore) findSorted(key termKey) (uint32, bool) {
	if len(ps.sorted) == 0 {
		return 0, false
	}
	i, ok := slices.BinarySearchFunc(ps.sorted, key, func(k uint32, key termKey) int { return ps.compare(ps.terms.At(int(k)), key) })
	if !ok {
		return 0, false
	}
	return ps.sorted[i], true
}

// partsKey is the key of a term by its parts' numbers.
func partsKey(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// partNumber returns the number of the part p, numbering it if it is new.
// local is the calling worker's copy of the numbers (sideScratch): once a
// part is in it, no lock is taken. A part is kept as a copy: p may be a
// view of a whole document's text.
func (ps *termStore) partNumber(p string, local map[string]uint32) uint32 {
	if n, ok := local[p]; ok {
		return n
	}
	ps.partMu.Lock()
	n, ok := ps.parts[p]
	if !ok {
		n = uint32(len(ps.partNames))
		c := strings.Clone(p)
		ps.parts[c] = n
		ps.partNames = append(ps.partNames, c)
	}
	name := ps.partNames[n]
	ps.partMu.Unlock()
	local[name] = n
	return n
}

// keyOf returns the parts of the term of key (partsKey).
func (ps *termStore) keyOf(key uint64) termKey {
	ps.partMu.Lock()
	defer ps.partMu.Unlock()
	return termKey{ps.partNames[key>>32], ps.partNames[uint32(key)]}
}

// compare compares t with the term of key, without building that term.
func (ps *termStore) compare(t string, key termKey) int {
	for _, part := range [3]string{key[0], ps.sep, key[1]} {
		n := min(len(t), len(part))
		if c := strings.Compare(t[:n], part[:n]); c != 0 {
			return c
		}
		if n < len(part) {
			return -1 // t is a prefix of the term
		}
		t = t[n:]
	}
	if len(t) > 0 {
		return 1
	}
	return 0
}

// number returns the number of the term whose parts' numbers make key
// (partsKey), numbering it if it is new.
func (ps *termStore) number(key uint64) (uint32, error) {
	if k, ok := ps.fresh[key]; ok {
		return k, nil
	}
	parts := ps.keyOf(key)
	if k, ok := ps.findSorted(parts); ok {
		return k, nil
	}
	if ps.terms.Len() >= maxTerms {
		return 0, fmt.Errorf("quá nhiều %s khác nhau cho chỉ mục tìm kiếm (hơn %d): trang vượt giới hạn của danvan, hãy báo cho người phát triển", ps.what(), maxTerms)
	}
	k := uint32(ps.terms.Len())
	ps.terms.Append(parts[0] + ps.sep + parts[1])
	ps.fresh[key] = k
	return k, nil
}

// set records the terms of the document url (partsKey → count << 2 |
// bits), replacing any it had.
func (ps *termStore) set(url string, terms map[uint64]uint32) error {
	n, over := len(terms), 0
	for _, cb := range terms {
		if cb>>2 >= countField {
			over++
		}
	}
	l := make(termList, 4+4*n+4*over)
	binary.LittleEndian.PutUint32(l, uint32(n))
	ps.mu.Lock()
	defer ps.mu.Unlock()
	i, o := 0, l.firstOver()
	for t, cb := range terms {
		k, err := ps.number(t)
		if err != nil {
			return err
		}
		c := cb >> 2
		if c >= countField {
			binary.LittleEndian.PutUint32(l[o:], c)
			o += 4
			c = countField
		}
		binary.LittleEndian.PutUint32(l[4+4*i:], k<<8|c<<2|cb&3)
		i++
	}
	ps.docs[url] = l
	if ps.changed != nil {
		ps.changed[url] = true
	}
	return nil
}

// remove forgets the document url.
func (ps *termStore) remove(url string) {
	delete(ps.docs, url)
	if ps.changed != nil {
		ps.changed[url] = true
	}
}

// settle sorts the terms numbered since the last settle into the
// permutation, and compacts the table if that is due. It is the last
// change before the store is read (the export) and written (the commit,
// beside the export): nothing after it changes the store.
func (ps *termStore) settle() {
	if ps.terms.Len() == len(ps.sorted) {
		return
	}
	defer ps.compact()
	byTerm := func(a, b uint32) int { return strings.Compare(ps.terms.At(int(a)), ps.terms.At(int(b))) }
	fresh := make([]uint32, 0, ps.terms.Len()-len(ps.sorted))
	for k := len(ps.sorted); k < ps.terms.Len(); k++ {
		fresh = append(fresh, uint32(k))
	}
	slices.SortFunc(fresh, byTerm)
	// Each fresh term goes in where a binary search puts it, the sorted
	// runs between them copied whole: a merge comparing every term cost
	// 40-60 ms of every warm build at 10,000 articles (a few new terms
	// into 800,000), on the search's way to its export.
	merged := make([]uint32, 0, len(ps.sorted)+len(fresh))
	rest := ps.sorted
	for _, f := range fresh {
		at, _ := slices.BinarySearchFunc(rest, f, byTerm)
		merged = append(append(merged, rest[:at]...), f)
		rest = rest[at:]
	}
	ps.sorted, ps.fresh = append(merged, rest...), map[uint64]uint32{}
}

// postings returns the postings of the terms of the documents urls
// (numbered by their position in urls), in term order: every term, or only
// those of only (sorted) when only is not nil. A term no document holds is
// left out. The store must be settled and hold every one of urls.
func (ps *termStore) postings(urls []string, only []string) ([]static.BiTerm, error) {
	if only != nil {
		return ps.postingsOf(urls, only, nil)
	}
	n := ps.terms.Len()
	lists := make([]termList, len(urls))
	count := make([]int32, n)
	total := 0
	for d, url := range urls {
		l, ok := ps.docs[url]
		if !ok {
			return nil, fmt.Errorf("kho %s không có bài %s", ps.what(), url)
		}
		lists[d] = l
		for x := range l.len() {
			k := num(l.entry(x))
			if int(k) >= n {
				return nil, fmt.Errorf("kho %s: bài %s có số %d ngoài bảng (%d mục)", ps.what(), url, k, n)
			}
			count[k]++
			total++
		}
	}
	docs, counts, fields := make([]int32, total), make([]int32, total), make([]uint8, total)
	// next[k] is where the next posting of term k goes in docs, counts
	// and fields: each term's postings are one run of them, in term order.
	next := make([]int32, n)
	held, at := 0, int32(0)
	for _, k := range ps.sorted {
		if count[k] > 0 {
			next[k] = at
			at += count[k]
			held++
		}
	}
	for d, l := range lists {
		over := l.firstOver()
		for x := range l.len() {
			e := l.entry(x)
			c := l.count(e, &over)
			k := num(e)
			p := next[k]
			docs[p], counts[p], fields[p] = int32(d), c, bits(e)
			next[k]++
		}
	}
	// Filled through next rather than by appending to each term's
	// postings in out, and out made at its size: at 10k articles the
	// inversion of both stores went from 1.24 to 0.66 s
	// (BenchmarkSidePostings).
	out := make([]static.BiTerm, 0, held)
	at = 0
	for _, k := range ps.sorted {
		if c := count[k]; c > 0 {
			end := at + c
			out = append(out, static.BiTerm{Term: ps.terms.At(int(k)), Docs: docs[at:end:end], Count: counts[at:end:end], Fields: fields[at:end:end]})
			at = end
		}
	}
	return out, nil
}

// postingsFrom is postings for the terms of only (sorted) held by the
// documents from alone (ascending positions in urls): the caller knows no
// other document holds any of them (static.PairHolders).
func (ps *termStore) postingsFrom(urls []string, only []string, from []int32) ([]static.BiTerm, error) {
	for i, d := range from {
		if d < 0 || int(d) >= len(urls) || i > 0 && d <= from[i-1] {
			return nil, fmt.Errorf("kho %s: danh sách bài %d không tăng dần trong %d bài", ps.what(), d, len(urls))
		}
	}
	return ps.postingsOf(urls, only, from)
}

// postingsOf is postings for the terms of only, a few (a warm build's
// edit: the pairs one article held and holds), held by the documents from
// (nil: every one): their postings are gathered in one pass over the
// lists (8.7 million entries at 10k articles), then put in term order.
// Every term takes two passes, a term's run sized before it is filled;
// for a few, one pass over the lists and one over the hits measured 10 %
// faster (BenchmarkSidePostingsOfAnEdit).
func (ps *termStore) postingsOf(urls []string, only []string, from []int32) ([]static.BiTerm, error) {
	n := ps.terms.Len()
	// A bit a term (150 KB at 10k articles, not 1.2 MB of bools): every
	// entry of every list is looked up in it. The terms found are put in
	// term order, each one's place in it its slot: counts and runs are
	// kept by slot, not in arrays of every term (two of 3.2 MB, zeroed,
	// and a walk of the whole order, for a few terms).
	want := make([]uint64, (n+63)/64)
	var terms []uint32
	for _, t := range only {
		if k, ok := ps.find(t); ok && want[k/64]&(1<<(k%64)) == 0 {
			want[k/64] |= 1 << (k % 64)
			terms = append(terms, k)
		}
	}
	slices.SortFunc(terms, func(a, b uint32) int { return strings.Compare(ps.terms.At(int(a)), ps.terms.At(int(b))) })
	slot := make(map[uint32]int32, len(terms))
	for i, k := range terms {
		slot[k] = int32(i)
	}
	type hit struct {
		s, d, c int32 // the term's slot, the document and the term's count in it
		b       uint8 // its heading bits
	}
	var hits []hit // in document order
	count := make([]int32, len(terms))
	scanned := len(urls)
	if from != nil {
		scanned = len(from)
	}
	for i := range scanned {
		d := i
		if from != nil {
			d = int(from[i])
		}
		url := urls[d]
		l, ok := ps.docs[url]
		if !ok {
			return nil, fmt.Errorf("kho %s không có bài %s", ps.what(), url)
		}
		over := l.firstOver()
		for x := range l.len() {
			e := l.entry(x)
			c := l.count(e, &over)
			k := num(e)
			if int(k) >= n {
				return nil, fmt.Errorf("kho %s: bài %s có số %d ngoài bảng (%d mục)", ps.what(), url, k, n)
			}
			if want[k/64]&(1<<(k%64)) != 0 {
				s := slot[k]
				hits = append(hits, hit{s: s, d: int32(d), c: c, b: bits(e)})
				count[s]++
			}
		}
	}
	docs, counts, fields := make([]int32, len(hits)), make([]int32, len(hits)), make([]uint8, len(hits))
	next := make([]int32, len(terms)) // where the next posting of each slot goes
	var out []static.BiTerm
	at := int32(0)
	for s, k := range terms {
		if c := count[s]; c > 0 {
			next[s] = at
			end := at + c
			out = append(out, static.BiTerm{Term: ps.terms.At(int(k)), Docs: docs[at:end:end], Count: counts[at:end:end], Fields: fields[at:end:end]})
			at = end
		}
	}
	for _, h := range hits {
		p := next[h.s]
		docs[p], counts[p], fields[p] = h.d, h.c, h.b
		next[h.s]++
	}
	return out, nil
}

// held returns the terms the documents urls hold (sorted) and each one's
// occurrences in them, summed.
func (ps *termStore) held(urls []string) ([]string, map[string]int32) {
	counts := map[string]int32{}
	for _, url := range urls {
		l := ps.docs[url]
		over := l.firstOver()
		for x := range l.len() {
			e := l.entry(x)
			counts[ps.terms.At(int(num(e)))] += l.count(e, &over)
		}
	}
	return slices.Sorted(maps.Keys(counts)), counts
}

// own returns the postings of the terms of only (sorted) that the document
// url holds, as the document at site position doc alone, in term order.
func (ps *termStore) own(url string, doc int32, only []string) []static.BiTerm {
	l := ps.docs[url]
	var out []static.BiTerm
	over := l.firstOver()
	for x := range l.len() {
		e := l.entry(x)
		c := l.count(e, &over)
		t := ps.terms.At(int(num(e)))
		if _, ok := slices.BinarySearch(only, t); ok {
			out = append(out, static.BiTerm{Term: t, Docs: []int32{doc}, Count: []int32{c}, Fields: []uint8{bits(e)}})
		}
	}
	slices.SortFunc(out, func(a, b static.BiTerm) int { return strings.Compare(a.Term, b.Term) })
	return out
}

// compact drops the terms no document holds from the table, numbering the
// rest again in term order, once the table has grown a quarter past its
// size at the last compaction. The store must be settled. When every term
// is held, as after a cold build, the table stays as it is: renumbering
// would copy every list for nothing (about 280 MB at 50,000 articles, live
// beside the export's postings at the build's peak).
func (ps *termStore) compact() {
	if ps.terms.Len() <= ps.compacted+ps.compacted/4 {
		return
	}
	held := make([]bool, ps.terms.Len())
	nheld := 0
	for _, l := range ps.docs {
		for x := range l.len() {
			if k := num(l.entry(x)); !held[k] {
				held[k] = true
				nheld++
			}
		}
	}
	if nheld == ps.terms.Len() {
		ps.compacted = ps.terms.Len()
		return
	}
	renum := make([]uint32, ps.terms.Len())
	var terms cachefile.Table
	for _, k := range ps.sorted {
		if held[k] {
			renum[k] = uint32(terms.Len())
			terms.Append(ps.terms.At(int(k)))
		}
	}
	for url, l := range ps.docs {
		nl := slices.Clone(l) // l may be a view of the file
		for x := range nl.len() {
			e := nl.entry(x)
			binary.LittleEndian.PutUint32(nl[4+4*x:], renum[num(e)]<<8|e&255)
		}
		ps.docs[url] = nl
	}
	ps.sorted = make([]uint32, terms.Len())
	for i := range ps.sorted {
		ps.sorted[i] = uint32(i)
	}
	ps.terms, ps.compacted = terms, terms.Len()
	ps.baseGen = "" // every list renumbered: the next save writes them all
}

// withPrefix returns the terms (sorted) that start with one of prefixes
// (sorted). The store must be settled.
func (ps *termStore) withPrefix(prefixes []string) []string {
	var out []string
	for _, p := range prefixes {
		i, _ := slices.BinarySearchFunc(ps.sorted, p, func(k uint32, p string) int { return strings.Compare(ps.terms.At(int(k)), p) })
		for ; i < len(ps.sorted) && strings.HasPrefix(ps.terms.At(int(ps.sorted[i])), p); i++ {
			out = append(out, ps.terms.At(int(ps.sorted[i])))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// what names the store's terms for messages.
func (ps *termStore) what() string {
	if ps.name == formsFile {
		return "dạng chữ có dấu"
	}
	return "cặp từ"
}
