package store

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// BatchSize is the number of documents per bleve batch. Measured on 10k
// articles, about 300 is the sweet spot (1000 doubles peak memory, 100 leaves many small
// segments and a slower export).
const BatchSize = 300

// indexBatches indexes n documents into idx and their side terms into side. doc(i, an, scratch) returns the i-th
// analysed document, analysing with an (one analyzer per worker: its memo
// is not safe for concurrent use) into scratch if it analyses: the
// worker's, reused for its next document once this one is counted.
// Documents' hashes are not stored in the index (see commitRecord).
//
// Two workers each build a batch and apply it: while bleve applies one
// batch the other is being analysed (measured: 10–20 % faster than one).
func indexBatches(idx bleve.Index, side *sideTerms, n int, doc func(i int, an *analysis.Analyzer, scratch *analysis.Doc) (*analysis.Doc, error)) error {
	const workers = 2
	starts := make(chan int)
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			an, sc, cs, scratch := &analysis.Analyzer{}, newSideScratch(), &counters{}, &analysis.Doc{}
			var first error
			for start := range starts {
				if first != nil {
					continue // drain: the other worker may still send
				}
				first = indexBatch(idx, side, start, min(start+BatchSize, n), an, sc, cs, scratch, doc)
			}
			errs <- first
		}()
	}
	for i := 0; i < n; i += BatchSize {
		starts <- i
	}
	close(starts)
	var first error
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// indexBatch analyses documents lo..hi-1 and applies them as one batch,
// their side terms to side (counted in sc), their terms counted in cs,
// each analysed into scratch (neither bleve's document nor side keeps
// its word lists).
func indexBatch(idx bleve.Index, side *sideTerms, lo, hi int, an *analysis.Analyzer, sc *sideScratch, cs *counters, scratch *analysis.Doc, doc func(int, *analysis.Analyzer, *analysis.Doc) (*analysis.Doc, error)) error {
	defer cs.reuse() // the batch is applied, or given up
	b := idx.NewBatch()
	for i := lo; i < hi; i++ {
		d, err := doc(i, an, scratch)
		if err != nil {
			return err
		}
		if err := b.IndexAdvanced(bleveDocument(d, cs)); err != nil {
			return fmt.Errorf("chỉ mục bleve, bài %s: %w", d.Article.URL, err)
		}
		if err := side.set(d, sc); err != nil {
			return err
		}
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("chỉ mục bleve: %w", err)
	}
	return nil
}
