package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
)

// mergeFieldsBySorting is mergeFields as it was before the fields' lists
// were merged: every document appended once, then the lot sorted. The
// merged terms must be the same, field sums and marks included.
func mergeFieldsBySorting(fields [][]fieldTerm, n int) []static.UniTerm {
	type acc struct {
		wtf  float32
		mark uint8
	}
	byTerm := map[string]map[int32]*acc{}
	for f, ts := range fields {
		name := analysis.TextFields[f]
		for _, t := range ts {
			m := byTerm[t.term]
			if m == nil {
				m = map[int32]*acc{}
				byTerm[t.term] = m
			}
			for k, d := range t.docs {
				a := m[d]
				if a == nil {
					a = &acc{}
					m[d] = a
				}
				a.wtf += float32(analysis.Weights[name]) * float32(t.freq[k])
				a.mark |= static.FieldBit(name)
			}
		}
	}
	var out []static.UniTerm
	for _, term := range slices.Sorted(func(yield func(string) bool) {
		for t := range byTerm {
			if !yield(t) {
				return
			}
		}
	}) {
		m := byTerm[term]
		u := static.UniTerm{Term: term}
		for _, d := range slices.Sorted(func(yield func(int32) bool) {
			for d := range m {
				if !yield(d) {
					return
				}
			}
		}) {
			u.Docs = append(u.Docs, d)
			u.WTF = append(u.WTF, m[d].wtf)
			u.Fields = append(u.Fields, m[d].mark)
		}
		out = append(out, u)
	}
	return out
}

// randomFields makes, for each text field, terms drawn from a small
// vocabulary (so most terms are in several fields) with ascending
// documents among n.
func randomFields(r *rand.Rand, n, terms int) [][]fieldTerm {
	fields := make([][]fieldTerm, len(analysis.TextFields))
	for f := range fields {
		for t := range terms {
			if r.IntN(3) == 0 {
				continue // not in this field
			}
			ft := fieldTerm{term: fmt.Sprintf("t%03d", t)}
			for d := range n {
				if r.IntN(4) == 0 {
					ft.docs = append(ft.docs, int32(d))
					ft.freq = append(ft.freq, int32(1+r.IntN(5)))
				}
			}
			if len(ft.docs) > 0 {
				fields[f] = append(fields[f], ft)
			}
		}
	}
	return fields
}

func cloneFields(fields [][]fieldTerm) [][]fieldTerm {
	out := make([][]fieldTerm, len(fields))
	for f, ts := range fields {
		for _, t := range ts {
			out[f] = append(out[f], fieldTerm{term: t.term, docs: slices.Clone(t.docs), freq: slices.Clone(t.freq)})
		}
	}
	return out
}

func TestMergeFieldsAsSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	for _, c := range []struct{ n, terms int }{{1, 3}, {5, 10}, {60, 40}, {400, 80}} {
		for round := range 5 {
			fields := randomFields(r, c.n, c.terms)
			want := mergeFieldsBySorting(cloneFields(fields), c.n)
			got := mergeFields(fields, c.n)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d documents, %d terms, round %d: merged terms differ from the sorted merge\ngot  %v\nwant %v", c.n, c.terms, round, got, want)
			}
		}
	}
}

func TestUnionSorted(t *testing.T) {
	for _, c := range []struct {
		lists [][]int32
		want  []int32
	}{
		{[][]int32{{1, 4, 9}}, []int32{1, 4, 9}},
		{[][]int32{{1, 4, 9}, {0, 4, 10}}, []int32{0, 1, 4, 9, 10}},
		{[][]int32{{}, {2}, {2}, {2, 3}}, []int32{2, 3}},
		{[][]int32{{5, 6}, {1, 2}, {3, 4}}, []int32{1, 2, 3, 4, 5, 6}},
	} {
		if got := unionSorted([]int32{-1}, c.lists); !slices.Equal(got, append([]int32{-1}, c.want...)) {
			t.Errorf("unionSorted(%v) = %v, want %v after the -1 already there", c.lists, got, c.want)
		}
	}
}

// BenchmarkMergeFields merges four fields of 500 terms over 10,000
// documents, each term in a field's list with a chance of two in three,
// each document in a list with one in four.
func BenchmarkMergeFields(b *testing.B) {
	fields := randomFields(rand.New(rand.NewPCG(1, 2)), 10000, 500)
	for b.Loop() {
		b.StopTimer()
		c := cloneFields(fields)
		b.StartTimer()
		mergeFields(c, 10000)
	}
}
