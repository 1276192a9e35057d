package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/sync/errgroup"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// readPostings reads the postings of the site s: every word of the index
// rd, and every pair and exact form of side (settled), numbering documents by
// their position in s.Articles. The index and the store must hold exactly
// the site's articles. A scorch snapshot is read segment by segment
// (segments.go); another reader through its field dictionaries.
func readPostings(ctx context.Context, rd index.IndexReader, s *site.Site, walk walkKind, side *sideTerms) (*static.Postings, error) {
	n := len(s.Articles)
	pos := make(map[string]int32, n)
	urls := make([]string, n)
	for i, a := range s.Articles {
		pos[a.URL] = int32(i)
		urls[i] = a.URL
	}
	var newReader func() termReader
	if snap, ok := rd.(*scorch.IndexSnapshot); ok && walk == walkSegments {
		segs, err := siteSegments(snap, pos)
		if err != nil {
			return nil, err
		}
		newReader = func() termReader { return &segmentReader{ctx: ctx, segs: segs} }
	} else {
		docOf, err := siteDocs(rd, pos)
		if err != nil {
			return nil, err
		}
		newReader = func() termReader { return &postingReader{ctx: ctx, rd: rd, docOf: docOf} }
	}
	p := &static.Postings{DocLen: make([]float64, n)}
	pairs := func() ([]static.BiTerm, error) { return side.pairs.postings(urls, nil) }
	forms := func() ([]static.BiTerm, error) { return side.forms.postings(urls, nil) }
	if err := readBoth(newReader, p, pairs, forms); err != nil {
		return nil, err
	}
	return p, nil
}

// readBoth reads the words into p, with their exact forms (forms), while a
// second core inverts the pairs (pairs).
func readBoth(newReader func() termReader, p *static.Postings, pairs, forms func() ([]static.BiTerm, error)) error {
	biDone := make(chan error, 1)
	go func() {
		var err error
		defer func() { biDone <- err }()
		defer recoverInto(&err)
		p.Bi, err = pairs()
	}()
	err := readUnigrams(newReader, p, forms)
	if berr := <-biDone; err == nil {
		err = berr
	}
	return err
}

// walkKind chooses how the postings are read out of a scorch index.
type walkKind int

const (
	walkSegments  walkKind = iota // each segment's dictionary and postings once (the build's way)
	walkFieldDict                 // FieldDict and a TermFieldReader per term across all segments (measured against, levers_test.go)
)

// termReader reads every term of a field with its postings in site order.
type termReader interface {
	field(field string, withFreq bool) ([]fieldTerm, error)
}

// siteDocs maps every internal document number of rd to its site
// position (pos: URL → position); every article must be there once.
// Internal numbers follow the order in which bleve finished analysing, and
// change as segments merge: they are mapped once, here.
func siteDocs(rd index.IndexReader, pos map[string]int32) ([]int32, error) {
	var docOf []int32
	seen := 0
	err := eachDoc(rd, func(num uint64, url string) error {
		i, ok := pos[url]
		if !ok {
			return fmt.Errorf("chỉ mục có bài %s không còn trong trang", url)
		}
		for uint64(len(docOf)) <= num {
			docOf = append(docOf, -1)
		}
		docOf[num] = i
		seen++
		return nil
	})
	if err != nil {
		return nil, err
	}
	if seen != len(pos) {
		return nil, fmt.Errorf("chỉ mục có %d bài, trang có %d", seen, len(pos))
	}
	return docOf, nil
}

// readUnigrams reads the four text fields, merged term by term, and the
// exact forms of their terms (forms: ExactTerm terms) into p.
func readUnigrams(newReader func() termReader, p *static.Postings, forms func() ([]static.BiTerm, error)) error {
	// The text fields are read two at a time, each with a reader of its
	// own: an edit's terms are common words, whose long lists are in the
	// unigram fields, while its pairs are rare (one article at 10k: 0.52 s
	// on one core). Lengths add up in field order, as before: the same
	// floating-point sums.
	fields := make([][]fieldTerm, len(analysis.TextFields))
	var g errgroup.Group
	g.SetLimit(2)
	for i, f := range analysis.TextFields {
		g.Go(func() (err error) {
			defer recoverInto(&err)
			fields[i], err = newReader().field(f, true)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, f := range analysis.TextFields {
		w := analysis.Weights[f]
		for _, t := range fields[i] {
			for k, d := range t.docs {
				p.DocLen[d] += w * float64(t.freq[k])
			}
		}
	}
	p.Uni = mergeFields(fields, len(p.DocLen))

	// Exact forms: "fold\x1fexact" terms, attached to their folded term.
	byTerm := make(map[string]*static.UniTerm, len(p.Uni))
	for i := range p.Uni {
		byTerm[p.Uni[i].Term] = &p.Uni[i]
	}
	exact, err := forms()
	if err != nil {
		return err
	}
	for _, t := range exact {
		fold, form, ok := strings.Cut(t.Term, ExactSep)
		u := byTerm[fold]
		if !ok || u == nil {
			return fmt.Errorf("chỉ mục có dạng chính xác %q của từ không có", t.Term)
		}
		u.Variants = append(u.Variants, static.Variant{Exact: form, Docs: t.Docs})
	}
	return nil
}

// fieldTerm is one term of one field with its postings in site order.
type fieldTerm struct {
	term string  // the term
	docs []int32 // documents, ascending
	freq []int32 // frequency in each of docs (nil unless asked for)
}

// postingReader reads the terms of fields of one index snapshot.
type postingReader struct {
	ctx   context.Context   // cancels long reads
	rd    index.IndexReader // the snapshot
	docOf []int32           // internal document number → site position
	buf   []docFreq         // postings of the current term, reused
	tfd   index.TermFieldDoc
}

// docFreq is one posting: a document and the term's frequency in it.
type docFreq struct{ doc, freq int32 }

// field returns every term of field with its postings, in term order.
// Terms whose documents were all deleted are left out.
func (r *postingReader) field(field string, withFreq bool) ([]fieldTerm, error) {
	dict, err := r.rd.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
	}
	defer dict.Close()
	var out []fieldTerm
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
		}
		if e == nil {
			return out, nil
		}
		t, err := r.term(field, e.Term, withFreq)
		if err != nil {
			return nil, err
		}
		if len(t.docs) > 0 {
			out = append(out, t)
		}
	}
}

// term reads one term's postings and puts them in site order.
func (r *postingReader) term(field, term string, withFreq bool) (fieldTerm, error) {
	tfr, err := r.rd.TermFieldReader(r.ctx, []byte(term), field, withFreq, false, false)
	if err != nil {
		return fieldTerm{}, fmt.Errorf("đọc từ %q của trường %s: %w", term, field, err)
	}
	defer tfr.Close()
	r.buf = r.buf[:0]
	for {
		d, err := tfr.Next(&r.tfd)
		if err != nil {
			return fieldTerm{}, fmt.Errorf("đọc từ %q của trường %s: %w", term, field, err)
		}
		if d == nil {
			break
		}
		r.buf = append(r.buf, docFreq{doc: r.docOf[d.ID.Value()], freq: int32(d.Freq)})
	}
	slices.SortFunc(r.buf, func(a, b docFreq) int { return int(a.doc - b.doc) })
	t := fieldTerm{term: term, docs: make([]int32, len(r.buf))}
	if withFreq {
		t.freq = make([]int32, len(r.buf))
	}
	for k, x := range r.buf {
		t.docs[k] = x.doc
		if withFreq {
			t.freq[k] = x.freq
		}
	}
	return t, nil
}

// mergeFields merges the sorted term lists of the text fields (in
// fieldOrder) into folded terms whose weighted frequency sums the fields;
// n is the number of documents. Sums and marks are gathered in arrays
// indexed by document (maps cost about as much as reading the postings).
// A term's documents are its one field's list, taken over, or the union
// of its fields' sorted lists, merged (unionSorted): appending each
// document once and sorting the result cost a 50,000-article cold build
// 0.9 s of its 1.2 s here.
func mergeFields(fields [][]fieldTerm, n int) []static.UniTerm {
	at := make([]int, len(fields))
	var out []static.UniTerm
	wtf := make([]float32, n)
	marks := make([]uint8, n)
	var lists [][]int32 // the documents of the term in each field that has it
	var union []int32   // their union, reused from term to term
	for {
		// The smallest term not yet taken from any field.
		term, any := "", false
		for f, ts := range fields {
			if at[f] < len(ts) && (!any || ts[at[f]].term < term) {
				term, any = ts[at[f]].term, true
			}
		}
		if !any {
			return out
		}
		lists = lists[:0]
		for f, ts := range fields {
			if at[f] >= len(ts) || ts[at[f]].term != term {
				continue
			}
			t := ts[at[f]]
			ts[at[f]] = fieldTerm{} // summed below: the fields' postings go as the merged ones come
			at[f]++
			name := analysis.TextFields[f]
			w := float32(analysis.Weights[name])
			bit := static.FieldBit(name)
			for k, d := range t.docs {
				wtf[d] += w * float32(t.freq[k])
				marks[d] |= bit
			}
			lists = append(lists, t.docs)
		}
		docs := lists[0] // the field's own list: it was let go above
		if len(lists) > 1 {
			union = unionSorted(union[:0], lists)
			docs = slices.Clone(union)
		}
		u := static.UniTerm{Term: term, Docs: docs, WTF: make([]float32, len(docs)), Fields: make([]uint8, len(docs))}
		for k, d := range docs {
			u.WTF[k], u.Fields[k] = wtf[d], marks[d]
			wtf[d], marks[d] = 0, 0
		}
		out = append(out, u)
	}
}

// unionSorted appends to dst every number of the ascending lists, once
// each, in ascending order.
func unionSorted(dst []int32, lists [][]int32) []int32 {
	var buf [8]int // where each list is: one per text field
	at := buf[:0]
	for range lists {
		at = append(at, 0)
	}
	for {
		least, any := int32(0), false
		for i, l := range lists {
			if at[i] < len(l) && (!any || l[at[i]] < least) {
				least, any = l[at[i]], true
			}
		}
		if !any {
			return dst
		}
		dst = append(dst, least)
		for i, l := range lists {
			if at[i] < len(l) && l[at[i]] == least {
				at[i]++
			}
		}
	}
}
