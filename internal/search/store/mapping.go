package store

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/quangngai/danvan/internal/search/analysis"
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
	for _, name := range analysis.TextFields {
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
