package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Reading the export segment by segment. A scorch snapshot is a few
// segments, each with its own term dictionary (an FST) and postings.
// FieldDict merges every segment's dictionary behind a heap, and a
// TermFieldReader looks each term up again in every segment; at 10k
// articles (about 17 million postings) that was most of the export's time.
// Here each segment's dictionary is walked once, in order, and the
// postings of a term are read from the segments whose dictionary has it.

// siteSegment is one segment of a snapshot with its documents mapped to
// site positions.
type siteSegment struct {
	seg     segment.Segment
	deleted *roaring.Bitmap // documents deleted since the segment was written; nil for none
	docOf   []int32         // segment document number → site position (-1: deleted)
}

// siteSegments maps the live documents of every segment of snap to their
// site positions (pos: URL → position); every article must be there once.
func siteSegments(snap *scorch.IndexSnapshot, pos map[string]int32) ([]siteSegment, error) {
	var out []siteSegment
	seen := 0
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		s := siteSegment{seg: seg, deleted: ss.Deleted(), docOf: make([]int32, seg.Count())}
		for num := range s.docOf {
			s.docOf[num] = -1
			if s.deleted != nil && s.deleted.Contains(uint32(num)) {
				continue
			}
			id, err := seg.DocID(uint64(num))
			if err != nil {
				return nil, err
			}
			i, ok := pos[string(id)]
			if !ok {
				return nil, fmt.Errorf("chỉ mục có bài %s không còn trong trang", id)
			}
			s.docOf[num] = i
			seen++
		}
		out = append(out, s)
	}
	if seen != len(pos) {
		return nil, fmt.Errorf("chỉ mục có %d bài, trang có %d", seen, len(pos))
	}
	return out, nil
}

// ownSegments returns the segments of segs that hold the live document
// at site position doc, each reading as if it held that document only:
// the postings of a term then are the document's alone, read without
// walking the term's whole list.
func ownSegments(segs []siteSegment, doc int32) []siteSegment {
	var out []siteSegment
	for _, s := range segs {
		num := slices.Index(s.docOf, doc)
		if num < 0 {
			continue
		}
		others := roaring.Flip(roaring.BitmapOf(uint32(num)), 0, uint64(len(s.docOf)))
		if s.deleted != nil {
			others.Or(s.deleted)
		}
		out = append(out, siteSegment{seg: s.seg, deleted: others, docOf: s.docOf})
	}
	return out
}

// segmentReader reads fields out of the segments of one snapshot.
type segmentReader struct {
	ctx  context.Context // cancels long reads
	segs []siteSegment
	// only, when set, lists the terms to read of each field (sorted):
	// an incremental export reads the terms a change touched, each looked
	// up in every segment's dictionary, not the whole dictionaries.
	only  map[string][]string
	buf   []uint64 // postings of the current term: site position << 32 | frequency
	slots []uint32 // per site position, 1 + the frequency of the current term (take)
	pl    segment.PostingsList
	it    segment.PostingsIterator
}

// omitCounter is a dictionary that can list its terms without decoding
// each term's postings to count them (zap's can; the count is not needed
// here, and would include deleted documents anyway).
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, startKeyInclusive, endKeyExclusive []byte) segment.DictionaryIterator
}

// allTerms iterates over every term of dict.
func allTerms(dict segment.TermDictionary) segment.DictionaryIterator {
	if oc, ok := dict.(omitCounter); ok {
		return oc.AutomatonIteratorOmitCount(nil, nil, nil)
	}
	return dict.AutomatonIterator(nil, nil, nil)
}

// segTerms is one segment's dictionary of a field, being walked.
type segTerms struct {
	seg  *siteSegment
	dict segment.TermDictionary
	it   segment.DictionaryIterator
	term string // current term; "" when done
	done bool
}

func (t *segTerms) next() error {
	e, err := t.it.Next()
	if err != nil {
		return err
	}
	if e == nil {
		t.done = true
		return nil
	}
	t.term = e.Term
	return nil
}

// field returns every term of field with its postings, in term order.
// Terms whose documents were all deleted are left out.
func (r *segmentReader) field(field string, withFreq bool) ([]fieldTerm, error) {
	if r.only != nil {
		return r.lookup(field, r.only[field], withFreq)
	}
	var walks []*segTerms
	for i := range r.segs {
		s := &r.segs[i]
		dict, err := s.seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
		}
		w := &segTerms{seg: s, dict: dict, it: allTerms(dict)}
		if err := w.next(); err != nil {
			return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
		}
		if !w.done {
			walks = append(walks, w)
		}
	}
	var out []fieldTerm
	for {
		// The smallest current term (a snapshot has few segments).
		term, any := "", false
		for _, w := range walks {
			if !w.done && (!any || w.term < term) {
				term, any = w.term, true
			}
		}
		if !any {
			return out, nil
		}
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		r.buf = r.buf[:0]
		for _, w := range walks {
			if w.done || w.term != term {
				continue
			}
			if err := r.postings(w, term, withFreq); err != nil {
				return nil, fmt.Errorf("đọc từ %q của trường %s: %w", term, field, err)
			}
			if err := w.next(); err != nil {
				return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
			}
		}
		if len(r.buf) > 0 { // else every document holding it was deleted
			out = append(out, r.take(term, withFreq))
		}
	}
}

// take returns the postings gathered in r.buf as term's, in site order:
// sorted, or, for a term of many documents, put in place in an array over
// all documents and read back in order (sorting lists of thousands of
// postings took a tenth of a warm build's search stage).
func (r *segmentReader) take(term string, withFreq bool) fieldTerm {
	if r.slots == nil {
		// One slot per site position (the segments may hold only some
		// of the documents: ownSegments).
		n := int32(0)
		for _, s := range r.segs {
			for _, d := range s.docOf {
				n = max(n, d+1)
			}
		}
		r.slots = make([]uint32, n)
	}
	if len(r.buf) > len(r.slots)/16 {
		for _, x := range r.buf {
			r.slots[x>>32] = uint32(x) + 1 // 0: no posting
		}
		k := 0
		for d, f := range r.slots {
			if f != 0 {
				r.buf[k] = uint64(d)<<32 | uint64(f-1)
				r.slots[d] = 0
				k++
			}
		}
	} else {
		slices.Sort(r.buf)
	}
	t := fieldTerm{term: term, docs: make([]int32, len(r.buf))}
	if withFreq {
		t.freq = make([]int32, len(r.buf))
	}
	for k, x := range r.buf {
		t.docs[k] = int32(x >> 32)
		if withFreq {
			t.freq[k] = int32(uint32(x))
		}
	}
	return t
}

// lookup returns the given terms (sorted) of field with their postings,
// leaving out those no live document holds.
func (r *segmentReader) lookup(field string, terms []string, withFreq bool) ([]fieldTerm, error) {
	walks := make([]*segTerms, len(r.segs))
	for i := range r.segs {
		dict, err := r.segs[i].seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("đọc từ điển trường %s: %w", field, err)
		}
		walks[i] = &segTerms{seg: &r.segs[i], dict: dict}
	}
	var out []fieldTerm
	for _, term := range terms {
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		r.buf = r.buf[:0]
		for _, w := range walks {
			if err := r.postings(w, term, withFreq); err != nil {
				return nil, fmt.Errorf("đọc từ %q của trường %s: %w", term, field, err)
			}
		}
		if len(r.buf) > 0 {
			out = append(out, r.take(term, withFreq))
		}
	}
	return out, nil
}

// docTerms returns, for each of fields, the terms (sorted) that the live
// documents urls hold in snap, reading only the segments that hold them:
// each term of such a segment's dictionary is tested against those
// documents (a segment holds a few hundred documents, BatchSize).
func docTerms(snap *scorch.IndexSnapshot, urls []string, fields []string) (map[string][]string, error) {
	found := map[string]map[string]bool{}
	for _, f := range fields {
		found[f] = map[string]bool{}
	}
	var pl segment.PostingsList
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		docs, err := seg.DocNumbers(urls)
		if err != nil {
			return nil, err
		}
		if ss.Deleted() != nil {
			docs.AndNot(ss.Deleted())
		}
		if docs.IsEmpty() {
			continue
		}
		others := roaring.Flip(docs, 0, seg.Count()) // every document but those
		for _, f := range fields {
			dict, err := seg.Dictionary(f)
			if err != nil {
				return nil, fmt.Errorf("đọc từ điển trường %s: %w", f, err)
			}
			terms := allTerms(dict)
			for {
				e, err := terms.Next()
				if err != nil {
					return nil, fmt.Errorf("đọc từ điển trường %s: %w", f, err)
				}
				if e == nil {
					break
				}
				if pl, err = dict.PostingsList([]byte(e.Term), others, pl); err != nil {
					return nil, fmt.Errorf("đọc từ %q của trường %s: %w", e.Term, f, err)
				}
				if pl.Count() == 0 {
					continue
				}
				found[f][e.Term] = true
			}
		}
	}
	out := map[string][]string{}
	for f, ts := range found {
		out[f] = slices.Sorted(maps.Keys(ts))
	}
	return out, nil
}

// postings appends the live postings of term in one segment to r.buf.
func (r *segmentReader) postings(w *segTerms, term string, withFreq bool) error {
	pl, err := w.dict.PostingsList([]byte(term), w.seg.deleted, r.pl)
	if err != nil {
		return err
	}
	r.pl = pl
	r.it = pl.Iterator(withFreq, false, false, r.it)
	for {
		p, err := r.it.Next()
		if err != nil {
			return err
		}
		if p == nil {
			return nil
		}
		d := w.seg.docOf[p.Number()]
		if d < 0 {
			return fmt.Errorf("bài đã xóa (số %d) vẫn có trong danh sách", p.Number())
		}
		var f uint64
		if withFreq {
			f = p.Frequency()
		}
		r.buf = append(r.buf, uint64(d)<<32|f)
	}
}
