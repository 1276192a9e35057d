package store

import (
	"maps"
	"slices"
	"sort"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// recount is the oracle of the bleve export: the postings of docs counted
// directly in Go maps, one document at a time, as the export did before it
// read them out of bleve. Tests require readPostings to give the same
// Postings and the export the same bytes.
func recount(docs []*analysis.Doc) *static.Postings {
	type uPosting struct {
		doc    int32
		wtf    float32
		fields uint8    // heading bits
		exact  []string // the first static.MaxExactPerTerm forms met
	}
	p := &static.Postings{DocLen: make([]float64, len(docs))}
	upost := map[string][]*uPosting{}
	type biPosting struct {
		doc, c int32
		fields uint8
	}
	bpost := map[string][]biPosting{}
	for i, d := range docs {
		local := map[string]*uPosting{}
		localBi := map[string]int32{}
		localHead := map[string]uint8{}
		var biOrder []string
		for _, f := range analysis.TextFields {
			w := analysis.Weights[f]
			ws := d.Fields[f]
			p.DocLen[i] += w * float64(len(ws))
			for k, word := range ws {
				up := local[word.Fold]
				if up == nil {
					up = &uPosting{doc: int32(i)}
					local[word.Fold] = up
					upost[word.Fold] = append(upost[word.Fold], up)
				}
				up.wtf += float32(w)
				up.fields |= static.FieldBit(f)
				if len(up.exact) < static.MaxExactPerTerm && !slices.Contains(up.exact, word.Exact) {
					up.exact = append(up.exact, word.Exact)
				}
				if k > 0 {
					bg := analysis.Bigram(ws[k-1].Fold, word.Fold)
					if localBi[bg] == 0 {
						biOrder = append(biOrder, bg)
					}
					localBi[bg]++
					localHead[bg] |= static.FieldBit(f)
				}
			}
		}
		for _, bg := range biOrder {
			bpost[bg] = append(bpost[bg], biPosting{doc: int32(i), c: localBi[bg], fields: localHead[bg]})
		}
	}
	for _, t := range slices.Sorted(maps.Keys(upost)) {
		u := static.UniTerm{Term: t}
		forms := map[string][]int32{}
		for _, up := range upost[t] {
			u.Docs = append(u.Docs, up.doc)
			u.WTF = append(u.WTF, up.wtf)
			u.Fields = append(u.Fields, up.fields)
			for _, e := range up.exact {
				forms[e] = append(forms[e], up.doc)
			}
		}
		for _, e := range slices.Sorted(maps.Keys(forms)) {
			u.Variants = append(u.Variants, static.Variant{Exact: e, Docs: forms[e]})
		}
		p.Uni = append(p.Uni, u)
	}
	for _, t := range slices.Sorted(maps.Keys(bpost)) {
		b := static.BiTerm{Term: t}
		for _, x := range bpost[t] {
			b.Docs = append(b.Docs, x.doc)
			b.Count = append(b.Count, x.c)
			b.Fields = append(b.Fields, x.fields)
		}
		p.Bi = append(p.Bi, b)
	}
	return p
}

// sortVariants orders the variants of every term by form (readPostings
// leaves them in dictionary order, recount in sorted order: the export
// sorts them itself).
func sortVariants(p *static.Postings) {
	for i := range p.Uni {
		vs := p.Uni[i].Variants
		sort.Slice(vs, func(a, b int) bool { return vs[a].Exact < vs[b].Exact })
	}
}
