package store_test

import (
	"testing"

	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/store"
)

// BenchmarkSideTerms measures what the side terms cost a cold build:
// numbering every article's word pairs and exact forms (one goroutine), on
// $DANVAN_CORPUS or 1,000 generated articles.
//
//	DANVAN_CORPUS=<gencorpus 10k> go test ./internal/search/store -run XXX -bench SideTerms
func BenchmarkSideTerms(b *testing.B) {
	s := searchtest.CorpusSite(b, 1000).Site
	docs := searchtest.Analyze(b, s)
	b.ResetTimer()
	for range b.N {
		store.SideTermsOf(docs)
	}
}

// BenchmarkSidePostings measures the export's inversion of the side
// terms: every pair's and exact form's postings, in term order.
func BenchmarkSidePostings(b *testing.B) {
	s := searchtest.CorpusSite(b, 1000).Site
	side := store.SideTermsOf(searchtest.Analyze(b, s))
	b.ResetTimer()
	for range b.N {
		if err := store.SidePostings(side, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSidePostingsOfAnEdit measures what a warm build's export reads
// of the side terms for one edited article: the postings of the pairs it
// holds, over every article.
func BenchmarkSidePostingsOfAnEdit(b *testing.B) {
	s := searchtest.CorpusSite(b, 1000).Site
	side := store.SideTermsOf(searchtest.Analyze(b, s))
	b.ResetTimer()
	for i := range b.N {
		n, err := store.SidePairsOfEdit(side, s, i*7919%len(s.Articles))
		if err != nil || n == 0 {
			b.Fatalf("%d pairs, %v", n, err)
		}
	}
}
