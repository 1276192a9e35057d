package search

import (
	"sort"
)

// recount is the oracle of the bleve export: the postings of docs counted
// directly in Go maps, one document at a time, as the export did before it
// read them out of bleve. Tests require readPostings to give the same
// Postings and the export the same bytes.
func recount(docs []*Doc) *Postings {
	type uPosting struct {
		doc   int32
		wtf   float32
		exact []string // the first MaxExactPerTerm forms met
	}
	p := &Postings{DocLen: make([]float64, len(docs))}
	upost := map[string][]*uPosting{}
	type biPosting struct{ doc, c int32 }
	bpost := map[string][]biPosting{}
	for i, d := range docs {
		local := map[string]*uPosting{}
		localBi := map[string]int32{}
		var biOrder []string
		for _, f := range fieldOrder {
			w := Weights[f]
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
				if len(up.exact) < MaxExactPerTerm && !contains(up.exact, word.Exact) {
					up.exact = append(up.exact, word.Exact)
				}
				if k > 0 {
					bg := Bigram(ws[k-1].Fold, word.Fold)
					if localBi[bg] == 0 {
						biOrder = append(biOrder, bg)
					}
					localBi[bg]++
				}
			}
		}
		for _, bg := range biOrder {
			bpost[bg] = append(bpost[bg], biPosting{doc: int32(i), c: localBi[bg]})
		}
	}
	for _, t := range sortedKeys(upost) {
		u := UniTerm{Term: t}
		forms := map[string][]int32{}
		for _, up := range upost[t] {
			u.Docs = append(u.Docs, up.doc)
			u.WTF = append(u.WTF, up.wtf)
			for _, e := range up.exact {
				forms[e] = append(forms[e], up.doc)
			}
		}
		for _, e := range sortedKeys(forms) {
			u.Variants = append(u.Variants, Variant{Exact: e, Docs: forms[e]})
		}
		p.Uni = append(p.Uni, u)
	}
	for _, t := range sortedKeys(bpost) {
		b := BiTerm{Term: t}
		for _, x := range bpost[t] {
			b.Docs = append(b.Docs, x.doc)
			b.Count = append(b.Count, x.c)
		}
		p.Bi = append(p.Bi, b)
	}
	return p
}

// sortVariants orders the variants of every term by form (readPostings
// leaves them in dictionary order, recount in sorted order: the export
// sorts them itself).
func sortVariants(p *Postings) {
	for i := range p.Uni {
		vs := p.Uni[i].Variants
		sort.Slice(vs, func(a, b int) bool { return vs[a].Exact < vs[b].Exact })
	}
}
