package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// Names of the analysis components registered with bleve (in init, the one
// place they are defined).
const (
	TokenizerWords = "vi_words" // vi.Words syllables, byte offsets kept
	FilterFold     = "vi_fold"  // token filter: vi.Fold (NFC, lowercase, marks and đ folded)
	FilterExact    = "vi_exact" // token filter: ExactKey (tone placement normalised)
	AnalyzerVi     = "vi"       // syllables → folded terms
	AnalyzerExact  = "vi_exact" // syllables → exact keys
	AnalyzerPre    = "vi_pre"   // text already analysed by Analyze, terms separated by spaces
)

// Fields of the bleve documents besides the text fields of
// bleveanalysis.TextFields and the keyword fields of bleveanalysis.KeywordFields.
const (
	FieldExact  = "exact"
	FieldBigram = "bigram"
)

// Boosts of the extra signals: an exact-diacritic match and an adjacent
// syllable pair of the query found in the document.
const (
	BigramBoost = 1.0
)

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenizer(TokenizerWords, func(map[string]interface{}, *registry.Cache) (bleveanalysis.Tokenizer, error) {
		return wordsTokenizer{}, nil
	}))
	must(registry.RegisterTokenFilter(FilterFold, func(map[string]interface{}, *registry.Cache) (bleveanalysis.TokenFilter, error) {
		return mapFilter(vi.Fold), nil
	}))
	must(registry.RegisterTokenFilter(FilterExact, func(map[string]interface{}, *registry.Cache) (bleveanalysis.TokenFilter, error) {
		return mapFilter(analysis.ExactKey), nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerVi, func(_ map[string]interface{}, c *registry.Cache) (bleveanalysis.Analyzer, error) {
		return &bleveanalysis.DefaultAnalyzer{Tokenizer: wordsTokenizer{}, TokenFilters: []bleveanalysis.TokenFilter{mapFilter(vi.Fold)}}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerExact, func(_ map[string]interface{}, c *registry.Cache) (bleveanalysis.Analyzer, error) {
		return &bleveanalysis.DefaultAnalyzer{Tokenizer: wordsTokenizer{}, TokenFilters: []bleveanalysis.TokenFilter{mapFilter(analysis.ExactKey)}}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerPre, func(map[string]interface{}, *registry.Cache) (bleveanalysis.Analyzer, error) {
		return &bleveanalysis.DefaultAnalyzer{Tokenizer: spaceTokenizer{}}, nil
	}))
}

// wordsTokenizer splits on vi.Words boundaries.
type wordsTokenizer struct{}

func (wordsTokenizer) Tokenize(in []byte) bleveanalysis.TokenStream {
	s := string(in)
	var out bleveanalysis.TokenStream
	start, pos := -1, 0
	emit := func(end int) {
		pos++
		term := in[start:end]
		term = term[:len(analysis.Cut(string(term)))] // the offsets keep the whole word
		out = append(out, &bleveanalysis.Token{Start: start, End: end, Term: term, Position: pos, Type: bleveanalysis.AlphaNumeric})
	}
	// Same rule as vi.Words: letters and digits, marks stay with the rune
	// before them. Re-split vi.Words' output to recover offsets.
	off := 0
	for _, w := range vi.Words(s) {
		i := strings.Index(s[off:], w)
		start = off + i
		emit(start + len(w))
		off = start + len(w)
	}
	return out
}

// spaceTokenizer splits on single spaces: input produced by Analyze.
type spaceTokenizer struct{}

func (spaceTokenizer) Tokenize(in []byte) bleveanalysis.TokenStream {
	var out bleveanalysis.TokenStream
	pos, start := 0, 0
	for i := 0; i <= len(in); i++ {
		if i == len(in) || in[i] == ' ' {
			if i > start {
				pos++
				out = append(out, &bleveanalysis.Token{Start: start, End: i, Term: in[start:i], Position: pos, Type: bleveanalysis.AlphaNumeric})
			}
			start = i + 1
		}
	}
	return out
}

// mapFilter applies f to every term.
type mapFilter func(string) string

func (f mapFilter) Filter(in bleveanalysis.TokenStream) bleveanalysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(f(string(t.Term)))
	}
	return in
}

// NewMapping returns the explicit index mapping: BM25, pre-analysed text
// fields, keyword fields for filters. Nothing is stored: results are mapped
// back to articles by document id (the article URL).
func NewMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = AnalyzerVi
	dm := bleve.NewDocumentStaticMapping()
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerPre
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	for _, name := range append(append([]string{}, analysis.TextFields...), FieldExact, FieldBigram) {
		dm.AddFieldMappingsAt(name, text())
	}
	for _, name := range analysis.KeywordFields {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		dm.AddFieldMappingsAt(name, f)
	}
	m.DefaultMapping = dm
	return m
}

// Index is the bleve index of a site.
type Index struct {
	Bleve bleve.Index
	Docs  []*analysis.Doc
	byURL map[string]*site.Article
}

// NewIndex indexes docs in an unpersisted scorch index (`danvan search`
// and tests; builds keep theirs in a Store).
func NewIndex(docs []*analysis.Doc) (*Index, error) {
	idx, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("tạo chỉ mục bleve: %w", err)
	}
	ix := &Index{Bleve: idx, Docs: docs, byURL: map[string]*site.Article{}}
	for _, d := range docs {
		ix.byURL[d.Article.URL] = d.Article
	}
	err = indexBatches(idx, len(docs), func(i int, _ *analysis.Analyzer) (*analysis.Doc, Hash) { return docs[i], Hash{} }, false)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error { return ix.Bleve.Close() }

// Hit is one search result.
type Hit struct {
	Article *site.Article
	Score   float64
}

// Query builds the bleve query for q: every folded syllable in every text
// field (weighted), its exact form in the exact field, every adjacent pair
// in the bigram field; filters are conjunctive.
func Query(q string, f static.Filters) query.Query {
	ws := analysis.Analyze(q)
	var should []query.Query
	for i, w := range ws {
		for _, field := range analysis.TextFields {
			t := bleve.NewTermQuery(w.Fold)
			t.SetField(field)
			t.SetBoost(analysis.Weights[field])
			should = append(should, t)
		}
		if w.Exact != w.Fold {
			t := bleve.NewTermQuery(ExactTerm(w.Fold, w.Exact))
			t.SetField(FieldExact)
			t.SetBoost(static.ExactBoost)
			should = append(should, t)
		}
		if i > 0 {
			t := bleve.NewTermQuery(analysis.Bigram(ws[i-1].Fold, w.Fold))
			t.SetField(FieldBigram)
			t.SetBoost(BigramBoost * 2)
			should = append(should, t)
		}
	}
	if len(should) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	var must []query.Query
	must = append(must, bleve.NewDisjunctionQuery(should...))
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if f[k] == "" {
			continue
		}
		t := bleve.NewTermQuery(f[k])
		t.SetField(k)
		t.SetBoost(0)
		must = append(must, t)
	}
	if len(must) == 1 {
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// Search runs q on the bleve index and returns up to size hits in rank
// order (ties broken by document id).
func (ix *Index) Search(ctx context.Context, q string, f static.Filters, size int) ([]Hit, error) {
	req := bleve.NewSearchRequestOptions(Query(q, f), size, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := ix.Bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("tìm kiếm: %w", err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if a := ix.byURL[h.ID]; a != nil {
			hits = append(hits, Hit{Article: a, Score: h.Score})
		}
	}
	return hits, nil
}
