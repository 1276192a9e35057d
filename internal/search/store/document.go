package store

import (
	"reflect"
	"slices"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// ExactSep joins a folded term and one of its exact forms in the exact
// field ("hoa\x1fhoa1"). It sorts before every byte a folded term can hold
// (letters and digits), so the exact field's dictionary lists the forms of
// one folded term together, in the order of the folded terms.
const ExactSep = "\x1f"

// pairField names the field that holds the pairs of a heading field.
var pairField = map[string]string{analysis.FieldTitle: FieldTitlePair, analysis.FieldMeta: FieldMetaPair}

// ExactTerm is the exact-field term of a folded term and one of its forms.
func ExactTerm(fold, exact string) string { return fold + ExactSep + exact }

// bleveDocument turns an analysed article into the document bleve
// indexes. The terms and their frequencies are counted here, from Analyze's
// output: bleve's own analysis would split and allocate every token again
// (measured on 10k articles: analysing once and handing bleve the result
// was most of the difference between a 13 s and a 10 s index).
//
// Fields: title, meta, summary, body hold folded terms with their counts;
// bigram holds the adjacent pairs of folded terms within each field, and
// title_pair and meta_pair the pairs of the title and of the meta field
// (once each: the export marks in which documents a pair is in a heading);
// exact holds, for each folded term, the first static.MaxExactPerTerm exact forms
// met (ExactTerm, once each: the export marks which documents use which
// form); the keyword fields hold their values.
func bleveDocument(d *analysis.Doc) *document.Document {
	doc := document.NewDocument(d.Article.URL)
	bigrams := map[string]int{}
	heads := map[string]map[string]int{FieldTitlePair: {}, FieldMetaPair: {}} // pairs of the heading fields
	exact := map[string][]string{}                                            // folded term → its first exact forms
	for _, f := range analysis.TextFields {
		ws := d.Fields[f]
		counts := make(map[string]int, len(ws))
		head := heads[pairField[f]]
		for i, w := range ws {
			counts[w.Fold]++
			if i > 0 {
				bg := analysis.Bigram(ws[i-1].Fold, w.Fold)
				bigrams[bg]++
				if head != nil {
					head[bg] = 1
				}
			}
			if forms := exact[w.Fold]; len(forms) < static.MaxExactPerTerm && !slices.Contains(forms, w.Exact) {
				exact[w.Fold] = append(forms, w.Exact)
			}
		}
		doc.AddField(newPreField(f, len(ws), counts))
	}
	doc.AddField(newPreField(FieldBigram, bigramCount(d), bigrams))
	for _, f := range []string{FieldTitlePair, FieldMetaPair} {
		doc.AddField(newPreField(f, len(heads[f]), heads[f]))
	}
	ex := map[string]int{}
	for fold, forms := range exact {
		for _, e := range forms {
			ex[ExactTerm(fold, e)] = 1
		}
	}
	doc.AddField(newPreField(FieldExact, len(ex), ex))
	for _, k := range analysis.KeywordFields {
		vs := d.Keys[k]
		if len(vs) == 0 {
			continue
		}
		counts := make(map[string]int, len(vs))
		for _, v := range vs {
			counts[v]++
		}
		doc.AddField(newPreField(k, len(vs), counts))
	}
	return doc
}

// bigramCount is the number of bigram tokens of d (its bigram field's
// length).
func bigramCount(d *analysis.Doc) int {
	n := 0
	for _, f := range analysis.TextFields {
		if k := len(d.Fields[f]); k > 1 {
			n += k - 1
		}
	}
	return n
}

// preField is an indexed, unstored field whose terms and frequencies are
// already counted: bleve takes them as they are.
type preField struct {
	name   string                 // field name of the mapping
	length int                    // number of tokens (BM25's field length)
	freqs  index.TokenFrequencies // term → frequency
	size   int                    // Size, computed once: bleve asks often, and summing every term's size was 2 % of a cold index's CPU
}

func newPreField(name string, length int, counts map[string]int) *preField {
	freqs := make(index.TokenFrequencies, len(counts))
	for t, c := range counts {
		tf := &index.TokenFreq{Term: []byte(t)}
		tf.SetFrequency(c)
		freqs[t] = tf
	}
	f := &preField{name: name, length: length, freqs: freqs}
	f.size = int(reflect.TypeFor[preField]().Size()) + len(name) + freqs.Size()
	return f
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
