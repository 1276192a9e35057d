package static

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// Options tune an export; the zero value lets the corpus decide, as a
// build from scratch does.
type Options struct {
	// AvgLen is the average weighted document length for the impacts
	// (Manifest.AvgLen); 0 uses the corpus's own (AvgLen).
	AvgLen float64
	// Buckets is the number of pair shards (Manifest.Buckets); 0 picks
	// the power of two that makes them BucketBytes on average.
	Buckets int
}

// Base is an export as Update needs it to make the next one: the files,
// and the corpus figures no single file holds. Encode makes one from
// scratch.
type Base struct {
	Opt     Options           // as written: AvgLen and Buckets are set
	Uni     []string          // Manifest.Uni: the first term of each term shard
	Version string            // Manifest.Version
	Tokens  map[string]string // Manifest.Tokens
	// Files are the versioned files, in the order of kindOf: term
	// shards, pair shards, record chunks, facets, word list.
	Files [][]byte
	// Sums are the SHA-256 of each of Files (finish): the folder tokens
	// are made of them, and an output that takes a file's sum with its
	// bytes (SumWriter) need not hash it again.
	Sums      [][32]byte
	DocLen    []float64 // every document's weighted length
	Terms     []string  // every folded term, sorted
	DF        []int32   // the document frequency of each of Terms
	Pairs     int       // the number of pairs
	PairBytes int       // their entries' bytes, a comma each (what Buckets depends on)
	// PairFloor is, for each pair whose list is capped, the lowest count
	// of the postings kept (SettledPairs: an edit that stays below it
	// leaves the entry as it is).
	PairFloor map[string]int32
	// Manifest and OpenSearch are manifest.json and opensearch.xml (nil
	// for a site without a config).
	Manifest, OpenSearch []byte
}

// Write writes the static index of s, whose postings are p, under
// tim-kiem/: term and pair shards, document records, facets, the word
// list, the manifest.
func Write(s *site.Site, p *Postings, out Writer, opt Options) (*Stats, error) {
	b, err := Encode(s, p, opt)
	if err != nil {
		return nil, err
	}
	return b.Write(out)
}

// Encode encodes the static index of s, whose postings are p.
func Encode(s *site.Site, p *Postings, opt Options) (*Base, error) {
	records, err := Records(s)
	if err != nil {
		return nil, err
	}
	return EncodeWith(s, p, opt, records), nil
}

// Records encodes the record files of s, DocsPerChunk articles each: the
// only part of an export that reads the articles' texts (for the
// snippets), so a caller that is their last reader can let them go before
// it encodes the rest (EncodeWith). It fails only on a body the Markdown
// cache damaged (site.Article.Text).
func Records(s *site.Site) ([][]byte, error) {
	records := make([][]byte, chunks(len(s.Articles)))
	for c := range records {
		rec, err := encodeChunk(s, c)
		if err != nil {
			return nil, err
		}
		records[c] = rec
	}
	return records, nil
}

// EncodeWith is Encode with the record files of s made already (Records).
func EncodeWith(s *site.Site, p *Postings, opt Options, records [][]byte) *Base {
	if opt.AvgLen <= 0 {
		opt.AvgLen = AvgLen(p.DocLen)
	}
	b := &Base{DocLen: p.DocLen, Terms: make([]string, len(p.Uni)), DF: make([]int32, len(p.Uni)), Pairs: len(p.Bi), PairFloor: map[string]int32{}}
	for i, u := range p.Uni {
		b.Terms[i], b.DF[i] = u.Term, int32(len(u.Docs))
	}

	// Term and pair shards are independent: encode them on two cores.
	biDone := make(chan [][]byte, 1)
	go func() {
		entries := make([][]byte, len(p.Bi))
		terms := make([]string, len(p.Bi))
		var scratch []byte // an entry is made here, then kept at its size
		for i, bt := range p.Bi {
			var floor int32
			terms[i] = bt.Term
			scratch, floor = appendPair(scratch[:0], bt)
			entries[i] = bytes.Clone(scratch)
			if floor > 0 {
				b.PairFloor[bt.Term] = floor
			}
			b.PairBytes += len(entries[i]) + 1
		}
		if opt.Buckets <= 0 {
			opt.Buckets = bucketsFor(b.PairBytes)
		}
		biDone <- bucketFiles(terms, entries, opt.Buckets)
	}()
	titles := newTitler(s, b.df)
	entries := make([][]byte, len(p.Uni))
	for i, u := range p.Uni {
		entries[i] = encodeTerm(u, p.DocLen, opt.AvgLen, titles)
	}
	var files [][]byte
	b.Uni, files = shard(b.Terms, entries, ShardBytes)
	files = append(files, <-biDone...)
	files = append(files, records...)
	files = append(files, mustJSON(buildFacets(s)), wordList(b.Terms, b.DF))
	b.Opt, b.Files = opt, files
	b.finish(s, nil)
	return b
}

// bucketsFor is the number of pair shards for entries of total bytes: the
// power of two that makes them BucketBytes on average.
func bucketsFor(total int) int {
	n := 1
	for n*BucketBytes < total {
		n *= 2
	}
	return n
}

// chunks is the number of record files of n documents.
func chunks(n int) int { return (n + DocsPerChunk - 1) / DocsPerChunk }

// encodeChunk encodes record file c of s. It fails only on a body the
// Markdown cache damaged (site.Article.Text).
func encodeChunk(s *site.Site, c int) ([]byte, error) {
	var recs [][]any
	for _, a := range s.Articles[c*DocsPerChunk : min((c+1)*DocsPerChunk, len(s.Articles))] {
		rec := make([]any, RecText+1)
		rec[RecTitle], rec[RecURL], rec[RecArea], rec[RecLocality] = a.Title, a.URL, a.Area, RecordLocality(a)
		text, err := a.Text()
		if err != nil {
			return nil, err
		}
		rec[RecDate], rec[RecSummary], rec[RecText] = a.Date.Format("2006-01-02"), a.Summary, snippetText(text, a.Summary)
		recs = append(recs, rec)
	}
	return mustJSON(recs), nil
}

// kindOf returns the kind of versioned file i of b and its number among
// the files of that kind (see Base.Files).
func (b *Base) kindOf(i int) (string, int) {
	u, bk := len(b.Uni), b.Opt.Buckets
	c := len(b.Files) - 2 - u - bk
	switch {
	case i < u:
		return KindTerms, i
	case i < u+bk:
		return KindPairs, i - u
	case i < u+bk+c:
		return KindRecords, i - u - bk
	case i == u+bk+c:
		return KindFacets, 0
	}
	return KindWords, 0
}

// Index positions in Files of the files that are not shards.
func (b *Base) chunkFile(c int) int { return len(b.Uni) + b.Opt.Buckets + c }
func (b *Base) facetsFile() int     { return len(b.Files) - 2 }
func (b *Base) wordsFile() int      { return len(b.Files) - 1 }

// df is the document frequency of term (0 for none).
func (b *Base) df(term string) int {
	if i, ok := slices.BinarySearch(b.Terms, term); ok {
		return int(b.DF[i])
	}
	return 0
}

// finish computes the files' sums, the folder tokens (a hash of the sums
// of each group of files), the version (a hash of the tokens), the
// manifest and opensearch.xml. A file with the bytes of prev's file at
// the same place (nearly all of them after an edit) keeps its sum: at
// 10,000 articles the files are 70 MB, and hashing them twice (here and
// in the output) cost a warm build about 80 ms of its CPU.
func (b *Base) finish(s *site.Site, prev *Base) {
	b.Sums = make([][32]byte, len(b.Files))
	for i, f := range b.Files {
		if prev != nil && i < len(prev.Files) && len(prev.Sums) == len(prev.Files) && bytes.Equal(prev.Files[i], f) {
			b.Sums[i] = prev.Sums[i]
		} else {
			b.Sums[i] = sha256.Sum256(f)
		}
	}
	b.Tokens = map[string]string{KindTerms: "", KindPairs: "", KindRecords: "", KindFacets: "", KindWords: ""}
	var group []byte // the hash input of the current group
	flush := func(kind string) {
		sum := sha256.Sum256(group)
		b.Tokens[kind] += hex.EncodeToString(sum[:])[:TokenLen]
		group = group[:0]
	}
	for i := range b.Files {
		kind, k := b.kindOf(i)
		group = append(group, b.Sums[i][:]...)
		if last, _ := b.kindOf(i + 1); k%GroupFiles == GroupFiles-1 || i+1 == len(b.Files) || last != kind {
			flush(kind)
		}
	}
	for _, kind := range []string{KindTerms, KindPairs, KindRecords, KindFacets, KindWords} {
		group = append(append(group, kind...), b.Tokens[kind]...)
	}
	sum := sha256.Sum256(group)
	b.Version = hex.EncodeToString(sum[:])[:12]
	man := Manifest{Version: b.Version, Tokens: b.Tokens, N: len(s.Articles), AvgLen: b.Opt.AvgLen, Chunk: DocsPerChunk, Uni: b.Uni, Buckets: b.Opt.Buckets,
		Areas: map[string]string{}, Localities: map[string]string{}}
	for _, a := range s.Areas {
		man.Areas[a.Slug] = a.Name
	}
	for _, l := range s.Localities {
		man.Localities[l.Slug] = l.Name
	}
	b.Manifest = mustJSON(man)
	b.OpenSearch = nil
	if s.Config != nil {
		b.OpenSearch = OpenSearch(s.Config.Title, s.BaseURL)
	}
}

// Write writes every file of b to out.
func (b *Base) Write(out Writer) (*Stats, error) { return b.WriteOn(out, 1) }

// WriteOn is Write on up to workers goroutines when out is a
// ConcurrentWriter, each taking the next file: one held up (by the pages
// rendered on the other core, in a warm build) leaves the rest to the
// others.
func (b *Base) WriteOn(out Writer, workers int) (*Stats, error) {
	st := &Stats{UniTerms: len(b.Terms), BiTerms: b.Pairs, UniShards: len(b.Uni), BiShards: b.Opt.Buckets}
	type file struct {
		name string
		data []byte
		sum  *[32]byte // nil: not known
	}
	files := make([]file, 0, len(b.Files)+1)
	man := Manifest{Tokens: b.Tokens}
	for i, f := range b.Files {
		var sum *[32]byte
		if len(b.Sums) == len(b.Files) {
			sum = &b.Sums[i]
		}
		files = append(files, file{man.Path(b.kindOf(i)), f, sum})
	}
	if b.OpenSearch != nil {
		files = append(files, file{"opensearch.xml", b.OpenSearch, nil})
	}
	sw, withSums := out.(SumWriter)
	if _, ok := out.(ConcurrentWriter); !ok {
		workers = 1
	}
	workers = max(workers, 1)
	var g errgroup.Group
	var next atomic.Int64
	for range workers {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				f := files[i]
				var err error
				if withSums && f.sum != nil {
					err = sw.WriteFileSum(f.name, f.data, *f.sum)
				} else {
					err = out.WriteFile(f.name, f.data)
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// The manifest last: once it is there, every file it names is.
	files = append(files, file{Dir + "manifest.json", b.Manifest, nil})
	for _, f := range files {
		st.Files++
		st.Bytes += len(f.data)
	}
	return st, out.WriteFile(Dir+"manifest.json", b.Manifest)
}

// AvgLenSteps is how finely AvgLen rounds the average length: to a
// power of 2^(1/AvgLenSteps), about 4.4 % apart, so that an edit or two
// almost never moves it (at 10,000 articles one edit moves the average
// by about 0.002 %). An unchanged AvgLen leaves every impact as it was,
// which is what lets an update re-encode only the changed terms and still
// write what a build from scratch writes (update.go). The impacts use an
// average at most 2.2 % off the true one: BM25 with b = 0.75 hardly
// notices.
const AvgLenSteps = 16

// AvgLen is the average of the documents' weighted lengths (1 for none),
// rounded to a power of 2^(1/AvgLenSteps), then to 2 decimals so that the
// manifest states it exactly.
func AvgLen(docLen []float64) float64 {
	var total float64
	for _, l := range docLen {
		total += l
	}
	if len(docLen) == 0 || total <= 0 {
		return 1
	}
	step := math.Round(math.Log2(total/float64(len(docLen))) * AvgLenSteps)
	return math.Round(math.Exp2(step/AvgLenSteps)*100) / 100
}

// title is what the term postings say of a document: where each word
// first is in its title, and its signatures with the words that carry
// them (see EntrySignatures).
type title struct {
	words []analysis.Word // the title's words, in order (titleWords' own slice)
	sigs  []signature
}

// pos is where word t first is in the title, or 0 when it is not there.
// A title has a few words: a scan costs less than the map per document it
// replaced (10,000 of them in every warm build at 10,000 articles).
func (t *title) pos(term string) int {
	for k, w := range t.words {
		if w.Fold == term {
			return k
		}
	}
	return 0
}

// signature is a title or model signature and the word that carries it.
type signature struct {
	field int    // InTitle or InMeta
	words []int  // pos<<TitleHashBits | TitleHash of each capped word, in order
	host  string // the word whose posting carries it
}

// titler analyses the titles and models of a site's documents when
// their postings are encoded, once each; df gives the document
// frequencies that say which words a cap cuts (those a signature holds)
// and pick each signature's host (the rarest word, the first on a tie),
// whose posting no cap cuts (keptPostings).
type titler struct {
	s     *site.Site
	df    func(term string) int
	dfs   map[string]int // df of each title or model word met (docFreq)
	words *titleWords
	memo  []*title
}

// titleWords are the analysed titles and models of a site, shared by
// titlers of different document frequencies (Update compares a
// document's signatures before and after a change).
type titleWords struct {
	mu    sync.Mutex // held by titler.get, so titlers may be used from several goroutines
	an    analysis.Analyzer
	title [][]analysis.Word
	model [][]analysis.Word
	done  []bool
	// The analyses of the models by name: a model is the subject of
	// several articles (the words are only read).
	models map[string][]analysis.Word
}

func newTitleWords(n int) *titleWords {
	return &titleWords{title: make([][]analysis.Word, n), model: make([][]analysis.Word, n), done: make([]bool, n), models: map[string][]analysis.Word{}}
}

func (w *titleWords) get(s *site.Site, d int) (title, model []analysis.Word) {
	if !w.done[d] {
		a := s.Articles[d]
		m, ok := w.models[a.Model]
		if !ok {
			m = w.an.Analyze(a.Model)
			w.models[a.Model] = m
		}
		w.title[d], w.model[d], w.done[d] = w.an.Analyze(a.Title), m, true
	}
	return w.title[d], w.model[d]
}

func newTitler(s *site.Site, df func(string) int) *titler {
	return &titler{s: s, df: df, dfs: map[string]int{}, words: newTitleWords(len(s.Articles)), memo: make([]*title, len(s.Articles))}
}

// withDF is a titler of other document frequencies sharing t's analyses.
func (t *titler) withDF(df func(string) int) *titler {
	return &titler{s: t.s, df: df, dfs: map[string]int{}, words: t.words, memo: make([]*title, len(t.s.Articles))}
}

// docFreq is t.df(term), looked up once a term: the words of titles and
// models are few and recur, and a binary search among every term of the
// site for each word of each title cost a warm build about 25 ms of CPU
// at 10,000 articles. Its caller holds t.words.mu.
func (t *titler) docFreq(term string) int {
	d, ok := t.dfs[term]
	if !ok {
		d = t.df(term)
		t.dfs[term] = d
	}
	return d
}

// get returns document d's title. It is safe for concurrent use.
func (t *titler) get(d int) *title {
	t.words.mu.Lock()
	defer t.words.mu.Unlock()
	if t.memo[d] != nil {
		return t.memo[d]
	}
	sign := func(ws []analysis.Word, field int) signature {
		sg := signature{field: field}
		hostDF := 0
		for k, w := range ws {
			d := t.docFreq(w.Fold)
			if d > MaxPostings && len(sg.words) < MaxSignature {
				pos := 0
				if field == InTitle {
					pos = min(k, MaxSignature-1)
				}
				sg.words = append(sg.words, pos<<TitleHashBits|TitleHash(w.Fold))
			}
			if d > 0 && (sg.host == "" || d < hostDF) {
				sg.host, hostDF = w.Fold, d
			}
		}
		return sg
	}
	ws, ms := t.words.get(t.s, d)
	ti := &title{words: ws}
	for _, sg := range []signature{sign(ws, InTitle), sign(ms, InMeta)} {
		if len(sg.words) > 0 {
			ti.sigs = append(ti.sigs, sg)
		}
	}
	t.memo[d] = ti
	return ti
}

// sameSigs reports whether two titles carry the same signatures on the
// same words.
func sameSigs(a, b *title) bool {
	return slices.EqualFunc(a.sigs, b.sigs, func(x, y signature) bool {
		return x.field == y.field && x.host == y.host && slices.Equal(x.words, y.words)
	})
}

// carried returns the signatures of t that term's posting carries.
// carries reports whether the document carries a signature on term.
func (t title) carries(term string) bool {
	for _, sg := range t.sigs {
		if sg.host == term {
			return true
		}
	}
	return false
}

func (t title) carried(term string) []signature {
	var out []signature
	for _, sg := range t.sigs {
		if sg.host == term {
			out = append(out, sg)
		}
	}
	return out
}

// posting is one document of a term as encoded: doc, quantised impact q,
// heading bits, position in the title, exact-form mask, and imp, what
// ranks postings of equal q when a list is capped (keptPostings): the
// unquantised impact of a term posting, the count of a pair posting.
type posting struct {
	doc, q, fields, pos, mask, imp int
	sigs                           []signature // the signatures it carries
}

// encodeTerm encodes the entry of one term; docLen are the documents'
// weighted lengths, avg the average the impacts use.
func encodeTerm(u UniTerm, docLen []float64, avg float64, titles *titler) []byte {
	t := u.Term
	// Variants by document count, then by form.
	vars := slices.Clone(u.Variants)
	sort.Slice(vars, func(i, j int) bool {
		if len(vars[i].Docs) != len(vars[j].Docs) {
			return len(vars[i].Docs) > len(vars[j].Docs)
		}
		return vars[i].Exact < vars[j].Exact
	})
	if len(vars) > MaxVariants {
		vars = vars[:MaxVariants]
	}
	names := make([]string, len(vars))
	for k, v := range vars {
		names[k] = v.Exact
	}
	if len(names) == 1 && names[0] == t {
		names = names[:0] // no diacritics anywhere: no marks needed
	}
	masks := make([]int, len(u.Docs))
	if len(names) > 0 {
		for k, v := range vars {
			MarkDocs(masks, u.Docs, v.Docs, 1<<k)
		}
	}
	// A posting is built only if keptPostings keeps it: a common word has
	// thousands, ranked by one integer each (rankKey) from its impact and
	// whether it carries a signature.
	build := func(k int) posting {
		d := u.Docs[k]
		q, raw := impact(float64(u.WTF[k]), docLen[d], avg)
		p := posting{doc: int(d), q: q, imp: raw, fields: int(u.Fields[k]), mask: masks[k]}
		if p.fields != 0 {
			// Only a word of the title has a position there, and only a
			// word of the title or the model carries a signature.
			ti := titles.get(int(d))
			p.pos, p.sigs = ti.pos(t), ti.carried(t)
		}
		return p
	}
	var ps []posting
	if len(u.Docs) <= MaxPostings {
		ps = make([]posting, len(u.Docs))
		for k := range ps {
			ps[k] = build(k)
		}
	} else {
		keys := make([]uint64, len(u.Docs))
		for k, d := range u.Docs {
			q, raw := impact(float64(u.WTF[k]), docLen[d], avg)
			sig := false
			if u.Fields[k] != 0 {
				sig = titles.get(int(d)).carries(t)
			}
			keys[k] = rankKey(sig, q, raw, k)
		}
		kept := keptPostings(keys)
		ps = make([]posting, len(kept))
		for i, k := range kept {
			ps[i] = build(k)
		}
	}
	flat := make([]int, 0, 3*len(ps))
	var sigs []int
	prev := 0
	for k, p := range ps {
		flat = append(flat, p.doc-prev, p.q<<2|p.fields)
		if p.fields&InTitle != 0 {
			flat = append(flat, p.pos)
		}
		for _, sg := range p.sigs {
			sigs = append(append(sigs, k, sg.field, len(sg.words)), sg.words...)
		}
		if len(names) > 0 {
			flat = append(flat, p.mask)
		}
		prev = p.doc
	}
	// [term, df, variants, postings(, signatures)]
	b := appendEntryHead(nil, t, len(u.Docs))
	b = append(append(b, mustJSON(names)...), ',')
	b = appendInts(b, flat)
	if sigs != nil {
		b = appendInts(append(b, ','), sigs)
	}
	return append(b, ']')
}

// appendEntryHead starts an entry: '[', its term and df, then a comma.
func appendEntryHead(b []byte, term string, df int) []byte {
	if b == nil {
		b = make([]byte, 0, 64)
	}
	b = append(append(b, '['), mustJSON(term)...)
	b = strconv.AppendInt(append(b, ','), int64(df), 10)
	return append(b, ',')
}

// appendInts appends a JSON list of integers, as encoding/json writes it
// (an entry is mostly such lists: encoding them by reflection was most
// of an entry's cost).
func appendInts(b []byte, xs []int) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}

// Impact is the quantised BM25 term-frequency part of a posting (1..Q):
// wtf·(k1+1)/(wtf + k1·(1−b+b·dl/avg)), divided by k1+1, scaled to Q.
func Impact(wtf, dl, avg float64) int {
	q, _ := impact(wtf, dl, avg)
	return q
}

// impact returns Impact and the same part unquantised, in millionths: a
// capped list of a word that nearly every document repeats holds hundreds
// of postings at the top of the scale, and the raw value, not the
// document number, says which of them to keep (a short article about the
// word through and through before a long one that repeats it).
func impact(wtf, dl, avg float64) (q, raw int) {
	imp := wtf * (K1 + 1) / (wtf + K1*(1-B+B*dl/avg))
	return max(1, min(Q, int(math.Round(imp/(K1+1)*Q)))), int(imp / (K1 + 1) * 1e6)
}

// encodePair encodes the entry of one pair; floor is the lowest count it
// keeps when its list is capped, 0 when the list is whole.
func encodePair(bt BiTerm) (entry []byte, floor int32) {
	return appendPair(nil, bt)
}

// appendPair is encodePair appending to b. The postings are read from bt
// where they lie (kept, when the list is capped, says which): copying
// them into postings first was 300 MB of garbage in a cold
// 10,000-article build, most of the pairs' export.
func appendPair(b []byte, bt BiTerm) (entry []byte, floor int32) {
	n, at := len(bt.Docs), func(i int) int { return i }
	if len(bt.Docs) > MaxPostings {
		// Ranked by count alone (q is 0 for every pair).
		keys := make([]uint64, len(bt.Docs))
		for k := range bt.Docs {
			keys[k] = rankKey(false, 0, int(bt.Count[k]), k)
		}
		kept := keptPostings(keys)
		n, at = len(kept), func(i int) int { return kept[i] }
		floor = bt.Count[kept[0]]
		for _, k := range kept {
			floor = min(floor, bt.Count[k])
		}
	}
	// [pair, df, docs(, heads)]: docs as gaps, heads k<<2|fields of the
	// k-th kept posting when its fields are not 0.
	b = appendEntryHead(b, bt.Term, len(bt.Docs))
	b = append(b, '[')
	prev, heads := int32(0), false
	for i := range n {
		k := at(i)
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(bt.Docs[k]-prev), 10)
		prev = bt.Docs[k]
		heads = heads || bt.Fields[k] != 0
	}
	b = append(b, ']')
	if heads {
		b = append(b, ',', '[')
		first := true
		for i := range n {
			if f := bt.Fields[at(i)]; f != 0 {
				if !first {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, int64(i<<2|int(f)), 10)
				first = false
			}
		}
		b = append(b, ']')
	}
	return append(b, ']'), floor
}

// bucketFiles puts pair entries (sorted by term) in buckets by hash
// (PairBucket), each a file sorted by term.
func bucketFiles(terms []string, entries [][]byte, buckets int) [][]byte {
	files := make([]bytes.Buffer, buckets)
	for i, t := range terms {
		f := &files[PairBucket(t, buckets)]
		if f.Len() == 0 {
			f.WriteByte('[')
		} else {
			f.WriteByte(',')
		}
		f.Write(entries[i])
	}
	out := make([][]byte, buckets)
	for i := range files {
		if files[i].Len() == 0 {
			files[i].WriteByte('[')
		}
		files[i].WriteByte(']')
		out[i] = files[i].Bytes()
	}
	return out
}

// keptPostings returns, in doc order, the postings a capped list keeps,
// given each posting's rankKey (its index is the key's low bits): those
// that carry a signature and, up to MaxPostings in all, those of highest
// impact (q, then imp, then lower doc id). The heading bits do not count:
// a title is already worth five body words in q. A list under the cap is
// kept whole by its callers, in the order it comes (sorting every list
// cost about 2 s of CPU per 10k export), and only kept postings are built:
// ranking the postings themselves with a comparison function cost about
// as much again as ranking one integer each. keys is reordered.
//
// Only which keys are kept matters (they come out in doc order), so the
// list is not sorted: the kept ones are the MaxPostings smallest keys, or
// every signed key (all of which sort before the unsigned ones: noSig)
// when there are more of those. Sorting whole lists of common words, tens
// of thousands of postings, grew faster than the site: at 50,000 articles
// it took 1.5 s of CPU (0.2 s at 10,000).
func keptPostings(keys []uint64) []int {
	keep := min(MaxPostings, len(keys))
	signed := 0
	for i, key := range keys {
		if key&noSig == 0 {
			keys[i], keys[signed] = keys[signed], key
			signed++
		}
	}
	if signed >= keep {
		keep = signed
	} else {
		smallest(keys[signed:], keep-signed)
	}
	idx := make([]int, keep)
	for i, key := range keys[:keep] {
		idx[i] = int(key & (1<<rankDocBits - 1))
	}
	slices.Sort(idx)
	return idx
}

// The bits of rankKey, from the top: no signature, Q−q, the most an imp
// can be minus imp, the posting's index k (its order by doc id).
const (
	rankDocBits = 31
	rankImpBits = 24
	rankQBits   = 6
	noSig       = 1 << (rankDocBits + rankImpBits + rankQBits)
)

// rankKey is an integer that sorts the k-th posting of a list before
// every posting keptPostings keeps in preference to it: signature first
// (sig: it carries one), then higher q, higher imp, lower doc id. imp is
// at most 10⁶ for a term (millionths of an impact ≤ 1) and a pair's
// count, below 2²⁴ in any article danvan reads (content.MaxFileBytes).
func rankKey(sig bool, q, imp, k int) uint64 {
	var key uint64
	if !sig {
		key = noSig
	}
	key |= uint64(Q-q) << (rankDocBits + rankImpBits)
	i := uint64(min(max(imp, 0), 1<<rankImpBits-1))
	key |= (1<<rankImpBits - 1 - i) << rankDocBits
	return key | uint64(k)
}

// shard groups sorted entries into files of at most limit bytes (a single
// larger entry gets a file of its own) and returns each file's first term.
func shard(terms []string, entries [][]byte, limit int) ([]string, [][]byte) {
	first := []string{}
	var files [][]byte
	var cur bytes.Buffer
	flush := func() {
		if cur.Len() > 0 {
			cur.WriteByte(']')
			files = append(files, append([]byte(nil), cur.Bytes()...))
			cur.Reset()
		}
	}
	for i, e := range entries {
		if cur.Len() > 0 && cur.Len()+len(e) > limit {
			flush()
		}
		if cur.Len() == 0 {
			// The shortest prefix of the first term that still sorts
			// after the previous shard's last term: the client only
			// compares, so a prefix bounds the shard as well.
			p := terms[i]
			if i > 0 {
				p = separator(terms[i-1], terms[i])
			}
			first = append(first, p)
			cur.WriteByte('[')
		} else {
			cur.WriteByte(',')
		}
		cur.Write(e)
	}
	flush()
	return first, files
}

// joinEntries makes a shard file of entries: a JSON list.
func joinEntries(entries [][]byte) []byte {
	n := 2
	for _, e := range entries {
		n += len(e) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	return append(b, ']')
}

// separator returns the shortest prefix p of b with a < p (a < b).
func separator(a, b string) string {
	for k := 1; k < len(b); k++ {
		if b[:k] > a {
			// Do not cut a UTF-8 sequence.
			for k < len(b) && !utf8.RuneStart(b[k]) {
				k++
			}
			return b[:k]
		}
	}
	return b
}

func buildFacets(s *site.Site) *Facets {
	keys := make([]map[string][]string, len(s.Articles))
	for i, a := range s.Articles {
		keys[i] = analysis.DocKeys(a)
	}
	fs := &Facets{Fields: map[string]*Facet{}}
	for _, field := range []string{"area", "locality", "year", "subject"} {
		f := &Facet{Doc: make([]int, len(keys))}
		index := map[string]int{}
		add := func(v string) int {
			if k, ok := index[v]; ok {
				return k
			}
			index[v] = len(f.Values)
			f.Values = append(f.Values, v)
			return index[v]
		}
		if field == "locality" {
			for _, l := range s.Localities {
				add(l.Slug)
			}
		}
		for i, k := range keys {
			f.Doc[i] = -1
			if vs := k[field]; len(vs) > 0 {
				f.Doc[i] = add(vs[0])
			}
		}
		if field == "locality" {
			f.Succ = make([]int, len(f.Values))
			for k := range f.Succ {
				f.Succ[k] = -1
			}
			for _, l := range s.Localities {
				if l.Successor != nil {
					f.Succ[index[l.Slug]] = add(l.Successor.Slug)
				}
			}
			for len(f.Succ) < len(f.Values) {
				f.Succ = append(f.Succ, -1)
			}
		}
		fs.Fields[field] = f
	}
	return fs
}

// RecordLocality is the locality shown in an article's search record.
func RecordLocality(a *site.Article) string {
	if a.LocalityRef != nil {
		return a.LocalityRef.Slug
	}
	return a.Locality
}

// snippetText returns the start of the body text after the summary (when
// the summary is the text's first sentences, as derived summaries are), cut
// at a word boundary.
func snippetText(s, summary string) string {
	sum := strings.TrimSuffix(strings.Join(strings.Fields(summary), " "), "…")
	// The words of s joined by single spaces, up to what the snippet can
	// use: the summary, then SnippetRunes+1 runes of at most 4 bytes
	// (normalising a whole 10k-article site's text took seconds).
	limit := len(sum) + 1 + 4*(SnippetRunes+1)
	var b strings.Builder
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if b.Len() >= limit {
			break
		}
	}
	s = b.String()
	if sum != "" && strings.HasPrefix(s, sum) {
		s = strings.TrimSpace(s[len(sum):])
	}
	if utf8.RuneCountInString(s) <= SnippetRunes {
		return s
	}
	r := []rune(s)[:SnippetRunes]
	cut := string(r)
	if k := strings.LastIndexByte(cut, ' '); k > SnippetRunes/2 {
		cut = cut[:k]
	}
	return vi.NFC(cut) + "…"
}

func writeJSON(b *bytes.Buffer, v any) { b.Write(mustJSON(v)) }

func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// OpenSearch returns the OpenSearch description of the site search
// (served as /opensearch.xml; baseURL ends with a slash).
func OpenSearch(siteName, baseURL string) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xmlEscape(&b, s)
		return b.String()
	}
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>` + esc(truncRunes(strings.Split(siteName, " — ")[0], 16)) + `</ShortName>
<Description>` + esc("Tìm mô hình, tấm gương “Dân vận khéo” — "+siteName) + `</Description>
<InputEncoding>UTF-8</InputEncoding>
<Language>vi</Language>
<Url type="text/html" method="get" template="` + esc(baseURL) + `tim-kiem/?q={searchTerms}"/>
<Image width="16" height="16" type="image/svg+xml">` + esc(baseURL) + `favicon.svg</Image>
</OpenSearchDescription>
`)
}

func xmlEscape(b *bytes.Buffer, s string) { _ = xml.EscapeText(b, []byte(s)) }

func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return strings.TrimSpace(string(r))
}
