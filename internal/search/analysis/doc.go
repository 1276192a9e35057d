package analysis

import (
	"errors"
	"strconv"

	"github.com/quangngai/danvan/internal/site"
)

// Text fields of an article, in the order they are read (adjacent pairs
// do not cross fields), with their weights: title > model/unit/tags >
// summary > body.
const (
	FieldTitle   = "title"
	FieldMeta    = "meta" // model, unit, tags
	FieldSummary = "summary"
	FieldBody    = "body"
)

// TextFields lists the text fields in reading order.
var TextFields = []string{FieldTitle, FieldMeta, FieldSummary, FieldBody}

// Weights of the text fields.
var Weights = map[string]float64{FieldTitle: 5, FieldMeta: 3, FieldSummary: 2, FieldBody: 1}

// KeywordFields are the fields for filters and facets.
var KeywordFields = []string{"area", "locality", "year", "subject", "award", "round"}

// Doc is one article, analysed once.
type Doc struct {
	Article *site.Article
	Fields  map[string][]Word // title, meta, summary, body
	Keys    map[string][]string
}

// AnalyzeDoc analyses an article's text fields and keyword fields with an.
// It fails only on a body the Markdown cache damaged (site.Article.Text).
func AnalyzeDoc(a *site.Article, an *Analyzer) (*Doc, error) {
	d := &Doc{}
	if err := AnalyzeDocInto(d, a, an); err != nil {
		return nil, err
	}
	return d, nil
}

// AnalyzeDocInto is AnalyzeDoc into d, whose word lists it reuses: for a
// caller done with one document before it analyses the next.
func AnalyzeDocInto(d *Doc, a *site.Article, an *Analyzer) error {
	text, err := a.Text()
	if err != nil {
		return err
	}
	if d.Fields == nil {
		d.Fields = make(map[string][]Word, len(TextFields))
	}
	d.Article = a
	d.Fields[FieldTitle] = an.AnalyzeAppend(d.Fields[FieldTitle][:0], a.Title)
	d.Fields[FieldMeta] = an.AnalyzeAppend(d.Fields[FieldMeta][:0], MetaText(a))
	d.Fields[FieldSummary] = an.AnalyzeAppend(d.Fields[FieldSummary][:0], a.Summary)
	d.Fields[FieldBody] = an.AnalyzeAppend(d.Fields[FieldBody][:0], text)
	d.Keys = DocKeys(a)
	return nil
}

// MetaText is the text of the meta field: model, unit and tags, one per
// line.
func MetaText(a *site.Article) string {
	meta := a.Model + " \n " + a.Unit
	for _, t := range a.Tags {
		meta += " \n " + t
	}
	return meta
}

// DocKeys returns the keyword fields of an article: its area, its locality
// and every unit that locality was merged into, year, subject, award and
// contest round (EachDocKey).
func DocKeys(a *site.Article) map[string][]string {
	keys := map[string][]string{}
	EachDocKey(a, func(name string, values []string) { keys[name] = values })
	return keys
}

// EachDocKey calls f with each keyword field of a that has a value, and
// its values, in the order of the fields' names: what DocKeys holds,
// without a map to sort (the search hashes every article's fields in each
// build).
func EachDocKey(a *site.Article, f func(name string, values []string)) {
	f("area", []string{a.Area})
	if a.Award != "" {
		f("award", []string{a.Award})
	}
	var localities []string
	for l := range a.LocalityRef.Chain() {
		localities = append(localities, l.Slug)
	}
	if a.LocalityRef == nil && a.Locality != "" {
		localities = []string{a.Locality}
	}
	if localities != nil {
		f("locality", localities)
	}
	if a.Contest != nil && a.Contest.Round != 0 {
		f("round", []string{strconv.Itoa(a.Contest.Round)})
	}
	if a.Subject != "" {
		f("subject", []string{a.Subject})
	}
	if a.Year != 0 {
		f("year", []string{strconv.Itoa(a.Year)})
	}
}

// AnalyzeSite analyses every article (in site order: newest first) with
// two workers (see AnalyzeDoc for the error).
func AnalyzeSite(s *site.Site) ([]*Doc, error) {
	docs := make([]*Doc, len(s.Articles))
	const workers = 2
	errs := make([]error, len(docs))
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func(w int) {
			an := &Analyzer{}
			for i := w; i < len(docs); i += workers {
				docs[i], errs[i] = AnalyzeDoc(s.Articles[i], an)
			}
			done <- struct{}{}
		}(w)
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	return docs, errors.Join(errs...)
}
