package store

import (
	"fmt"
	"maps"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// Hooks for the external tests (package search_test).

// RecountExport writes the export of docs from postings counted in Go
// maps (the oracle), not read out of bleve.
func RecountExport(s *site.Site, docs []*analysis.Doc, out static.Writer) (*static.Stats, error) {
	return static.Write(s, recount(docs), out, static.Options{})
}

// RecountPostings returns the oracle's postings, variants sorted.
func RecountPostings(docs []*analysis.Doc) *static.Postings {
	p := recount(docs)
	sortVariants(p)
	return p
}

// BlevePostings returns the postings read out of st for s, variants
// sorted.
func BlevePostings(st *Store, s *site.Site) (*static.Postings, error) {
	p, err := st.postings(s)
	if err == nil {
		sortVariants(p)
	}
	return p, err
}

// SetSchema overwrites the schema id stored in st (to simulate an index
// written by another version), on disk before it returns: Close does not
// flush unsafe batches, and without the wait the test flaked 1 run in 15.
func SetSchema(st *Store, id string) error { return st.setPersisted(schemaKey, []byte(id)) }

// StoreDocs is the number of documents in st's index.
func StoreDocs(st *Store) (uint64, error) { return st.idx.DocCount() }

// InternalKeys are the keys of the internal values in st's index, sorted:
// scorch writes every one of them again with each snapshot it persists.
func InternalKeys(st *Store) ([]string, error) {
	adv, err := st.idx.Advanced()
	if err != nil {
		return nil, err
	}
	rd, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("the index reader is a %T, not a scorch snapshot", rd)
	}
	return slices.Sorted(maps.Keys(snap.Internal())), nil
}

// BleveDocument is the document the store indexes for d (levers_test.go
// changes it the way each lever would).
func BleveDocument(d *analysis.Doc) *document.Document { return bleveDocument(d, &counters{}) }

// ReadPostings reads the export's postings out of a bleve index, segment
// by segment or through FieldDict (levers_test.go measures both), the
// pairs and exact forms out of side (SideTermsOf).
func ReadPostings(idx bleve.Index, s *site.Site, side *SideTerms, fieldDict bool) (*static.Postings, error) {
	walk := walkSegments
	if fieldDict {
		walk = walkFieldDict
	}
	return indexPostings(idx, side, s, walk)
}

// SideTerms are the side terms of a store (termstore.go).
type SideTerms = sideTerms

// SideTermsOf returns the side terms of docs, settled.
func SideTermsOf(docs []*analysis.Doc) *SideTerms {
	side, sc := newSideTerms(), newSideScratch()
	for _, d := range docs {
		if err := side.set(d, sc); err != nil {
			panic(err)
		}
	}
	side.settle()
	return side
}

// AddSideFields adds to a bleve document the fields the store's documents
// held before the side terms (levers_test.go measures what they cost
// bleve): every pair with its count, the pairs of the title and of the meta
// field once each, and the exact forms once each.
func AddSideFields(doc *document.Document, d *analysis.Doc) {
	all := newCounter(bigramCount(d))
	heads := map[string]*counter{analysis.FieldTitle: newCounter(0), analysis.FieldMeta: newCounter(0)}
	for _, f := range analysis.TextFields {
		ws := d.Fields[f]
		for i := 1; i < len(ws); i++ {
			bg := analysis.Bigram(ws[i-1].Fold, ws[i].Fold)
			all.add(bg)
			if h := heads[f]; h != nil {
				h.entry(bg).SetFrequency(1) // once each
			}
		}
	}
	doc.AddField(all.field("bigram", bigramCount(d)))
	doc.AddField(heads[analysis.FieldTitle].field("title_pair", len(heads[analysis.FieldTitle].freqs)))
	doc.AddField(heads[analysis.FieldMeta].field("meta_pair", len(heads[analysis.FieldMeta].freqs)))
	forms, ps := newCounter(0), newTermStore(formsFile)
	for k := range formsOf(d, ps, map[uint64]uint32{}, map[uint32]int{}, map[string]uint32{}) {
		parts := ps.keyOf(k)
		forms.entry(ExactTerm(parts[0], parts[1])).SetFrequency(1)
	}
	doc.AddField(forms.field("exact", len(forms.freqs)))
}

// ReleaseMapped releases the resident pages of st's mapped index files.
func ReleaseMapped(st *Store) { releaseMapped(st.indexDir()) }

// IndexDir is the folder of st's bleve index.
func IndexDir(st *Store) string { return st.indexDir() }

// DiskConfig is the scorch configuration of a store on disk.
func DiskConfig() map[string]any { return diskConfig() }

// ResidentFile is residentFile, the measure mappedBudget is compared with.
func ResidentFile() int64 { return residentFile() }

// SidePostings inverts every pair and exact form of side for the
// articles of s, as the export does.
func SidePostings(side *SideTerms, s *site.Site) error {
	urls := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		urls[i] = a.URL
	}
	if _, err := side.pairs.postings(urls, nil); err != nil {
		return err
	}
	_, err := side.forms.postings(urls, nil)
	return err
}

// SidePairsOfEdit reads, as a warm build's export does for an edited
// article, the postings of every pair the article at position d holds,
// over every article of s.
func SidePairsOfEdit(side *SideTerms, s *site.Site, d int) (int, error) {
	urls := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		urls[i] = a.URL
	}
	held, _ := side.pairs.held(urls[d : d+1])
	got, err := side.pairs.postings(urls, held)
	return len(got), err
}

// SideTermsHeld reports whether st holds its side terms in memory.
func SideTermsHeld(st *Store) bool { return st.side != nil }

// SegmentIDSpans returns the lowest and highest document ID of each
// segment of st's index.
func SegmentIDSpans(st *Store) ([][2]string, error) {
	snap, done, err := snapshotOf(st.idx)
	if err != nil {
		return nil, err
	}
	defer done()
	var spans [][2]string
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		var span [2]string
		for num := range seg.Count() {
			id, err := seg.DocID(num)
			if err != nil {
				return nil, err
			}
			if num == 0 || string(id) < span[0] {
				span[0] = string(id)
			}
			if num == 0 || string(id) > span[1] {
				span[1] = string(id)
			}
		}
		spans = append(spans, span)
	}
	return spans, nil
}
