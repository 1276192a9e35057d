package store

import (
	"reflect"
	"unsafe"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// ExactSep joins a folded term and one of its exact forms in a form term
// ("hoa\x1fhoa1"). It sorts before every byte a folded term can hold
// (letters and digits), so the sorted form terms list the forms of one
// folded term together, in the order of the folded terms.
const ExactSep = "\x1f"

// ExactTerm is the form term of a folded term and one of its forms.
func ExactTerm(fold, exact string) string { return fold + ExactSep + exact }

// bleveDocument turns an analysed article into the document bleve
// indexes. The terms and their frequencies are counted here, from Analyze's
// output: bleve's own analysis would split and allocate every token again
// (measured on 10k articles: analysing once and handing bleve the result
// was most of the difference between a 13 s and a 10 s index).
//
// Fields: title, meta, summary, body hold folded terms with their counts;
// the keyword fields hold their values. The pairs of adjacent terms and the
// exact forms are not bleve's: pairsOf and formsOf give them to the side
// stores (termstore.go).
func bleveDocument(d *analysis.Doc, cs *counters) *document.Document {
	doc := document.NewDocument(d.Article.URL)
	for i, f := range analysis.TextFields {
		ws := d.Fields[f]
		counts := cs.get(i, len(ws))
		for _, w := range ws {
			counts.add(w.Fold)
		}
		doc.AddField(counts.field(f, len(ws)))
	}
	for i, k := range analysis.KeywordFields {
		vs := d.Keys[k]
		if len(vs) == 0 {
			continue
		}
		counts := cs.get(len(analysis.TextFields)+i, len(vs))
		for _, v := range vs {
			counts.add(v)
		}
		doc.AddField(counts.field(k, len(vs)))
	}
	return doc
}

// pairBits are the heading bits a pair of a text field carries.
var pairBits = map[string]uint32{analysis.FieldTitle: static.InTitle, analysis.FieldMeta: static.InMeta}

// pairsOf returns the pairs of adjacent folded terms of each text field of
// d, each with its occurrences in all fields and the heading bits of the
// fields that hold it: count << 2 | bits, under their parts' numbers in ps
// (partsKey; local is the worker's copy, termStore.partNumber). It counts
// them into m, empty, and returns it.
func pairsOf(d *analysis.Doc, ps *termStore, m map[uint64]uint32, local map[string]uint32) map[uint64]uint32 {
	for _, f := range analysis.TextFields {
		bit := pairBits[f]
		ws := d.Fields[f]
		if len(ws) < 2 {
			continue
		}
		prev := ps.partNumber(ws[0].Fold, local)
		for _, w := range ws[1:] {
			cur := ps.partNumber(w.Fold, local)
			k := partsKey(prev, cur) // analysis.Bigram(prev, cur)
			m[k] = (m[k] + 4) | bit  // the bits stay below the count
			prev = cur
		}
	}
	return m
}

// bigramCount is the number of pair occurrences of d.
func bigramCount(d *analysis.Doc) int {
	n := 0
	for _, f := range analysis.TextFields {
		if k := len(d.Fields[f]); k > 1 {
			n += k - 1
		}
	}
	return n
}

// formsOf returns the form terms of d (ExactTerm): for each folded term,
// the first static.MaxExactPerTerm exact forms met in the text fields, each
// with a count of 1 (the export marks which documents use which form).
// It counts them into m, empty, under their parts' numbers in ps (as
// pairsOf), with perFold (empty) to count each folded term's forms, and
// returns m.
func formsOf(d *analysis.Doc, ps *termStore, m map[uint64]uint32, perFold map[uint32]int, local map[string]uint32) map[uint64]uint32 {
	for _, f := range analysis.TextFields {
		for _, w := range d.Fields[f] {
			fold := ps.partNumber(w.Fold, local)
			k := partsKey(fold, ps.partNumber(w.Exact, local)) // ExactTerm(fold, exact)
			if _, ok := m[k]; ok || perFold[fold] == static.MaxExactPerTerm {
				continue
			}
			m[k] = 1 << 2
			perFold[fold]++
		}
	}
	return m
}

// counter counts the terms of one field straight into bleve's token
// frequencies. A cold index builds a few million of them: the entries come
// from one slab per field and the terms' bytes are the strings' own (bleve
// only reads them), which halved the garbage of building documents.
type counter struct {
	freqs index.TokenFrequencies
	slab  []index.TokenFreq
	held  int // the most terms freqs has held since it was made (its room is at least that), as of the last get
}

func newCounter(n int) *counter {
	return &counter{freqs: make(index.TokenFrequencies, n), slab: make([]index.TokenFreq, 0, n)}
}

// counters are the counters of the documents of one batch, made again for
// the next batch out of the same maps and slabs: bleve copies what it
// keeps of them into the segment it builds, so they are free once the
// batch is applied. Made afresh for every document they were a sixth of
// all the memory a cold 10k build allocated (1.1 of 6.3 GB). One per
// indexing worker.
//
// Emptying a map costs its room, not its terms: a counter is reused for
// the same field (a title's for titles, a body's for bodies), and a map
// that held more terms than a field has words is made again at its size.
// One pool for all fields handed bodies' maps to titles, and the largest
// body a counter ever held set what emptying it cost ever after: getting
// counters took 0.12 s of CPU at 10,000 articles and 0.96 s at 50,000
// (more batches, so larger outliers); now 0.04 and 0.43 s.
type counters struct {
	fields []counterPool // by field: the text fields, then the keyword fields
}

// counterPool holds one field's counters.
type counterPool struct {
	all  []*counter
	used int // all[:used] are in the current batch
}

// get returns an empty counter of field f (its index in the text fields,
// then the keyword fields) with room for about n terms.
func (cs *counters) get(f, n int) *counter {
	if f >= len(cs.fields) {
		cs.fields = append(cs.fields, make([]counterPool, f+1-len(cs.fields))...)
	}
	p := &cs.fields[f]
	if p.used == len(p.all) {
		p.all = append(p.all, newCounter(n))
	}
	c := p.all[p.used]
	p.used++
	c.held = max(c.held, len(c.freqs))
	if c.held > n {
		c.freqs, c.held = make(index.TokenFrequencies, n), 0
	} else {
		clear(c.freqs)
	}
	c.slab = c.slab[:0]
	return c
}

// reuse makes every counter given out so far free again: call it once
// the batch that holds them is applied.
func (cs *counters) reuse() {
	for i := range cs.fields {
		cs.fields[i].used = 0
	}
}

// entry returns the term's frequency entry, made at 0 if it is new.
func (c *counter) entry(t string) *index.TokenFreq {
	if tf := c.freqs[t]; tf != nil {
		return tf
	}
	if len(c.slab) == cap(c.slab) {
		c.slab = make([]index.TokenFreq, 0, max(8, cap(c.slab)))
	}
	c.slab = append(c.slab, index.TokenFreq{Term: unsafe.Slice(unsafe.StringData(t), len(t))})
	tf := &c.slab[len(c.slab)-1]
	c.freqs[t] = tf
	return tf
}

// add counts one more occurrence of t.
func (c *counter) add(t string) {
	tf := c.entry(t)
	tf.SetFrequency(tf.Frequency() + 1)
}

// field is the counted field, of length tokens.
func (c *counter) field(name string, length int) *preField {
	f := &preField{name: name, length: length, freqs: c.freqs}
	f.size = int(reflect.TypeFor[preField]().Size()) + len(name) + c.freqs.Size()
	return f
}

// preField is an indexed, unstored field whose terms and frequencies are
// already counted: bleve takes them as they are.
type preField struct {
	name   string                 // field name of the mapping
	length int                    // number of tokens (BM25's field length)
	freqs  index.TokenFrequencies // term → frequency
	size   int                    // Size, computed once: bleve asks often, and summing every term's size was 2 % of a cold index's CPU
}

var _ document.Field = (*preField)(nil)

func (f *preField) Name() string                                     { return f.name }
func (f *preField) ArrayPositions() []uint64                         { return nil }
func (f *preField) Options() index.FieldIndexingOptions              { return index.IndexField }
func (f *preField) Analyze()                                         {} // counted already
func (f *preField) Value() []byte                                    { return nil }
func (f *preField) NumPlainTextBytes() uint64                        { return 0 }
func (f *preField) EncodedFieldType() byte                           { return 't' }
func (f *preField) AnalyzedLength() int                              { return f.length }
func (f *preField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is bleve's estimate of the memory a field holds (it sizes batches).
func (f *preField) Size() int { return f.size }
