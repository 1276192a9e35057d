package static

import (
	"sort"
	"strings"
	"unicode"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// Result is one ranked document of the static index.
type Result struct {
	Doc     int    `json:"doc"`
	Score   int64  `json:"score"`
	Matched int    `json:"matched"`
	URL     string `json:"url,omitempty"`
	Title   string `json:"title,omitempty"`
}

// Filters restrict a search to keyword values (field → slug); empty values
// are ignored.
type Filters map[string]string

// Search ranks the documents for q. With typing set, the last word of q
// is a prefix (the user has not finished it) unless q ends in a space.
// Filters: area, locality (history rule), year, subject → value.
func (s *Index) Search(q string, typing bool, f Filters) ([]Result, error) {
	words, seq := analysis.QueryWords(q)
	prefix := ""
	if typing && len(words) > 0 && strings.TrimRightFunc(q, unicode.IsSpace) == q {
		last := seq[len(seq)-1]
		// The prefix word is the last of the sequence; drop it from words
		// unless it also occurs earlier.
		if words[len(words)-1].Fold == last {
			prefix = last
			words = words[:len(words)-1]
		}
	}
	type acc struct {
		score   int64
		matched int
	}
	docs := map[int]*acc{}
	get := func(d int) *acc {
		a := docs[d]
		if a == nil {
			a = &acc{}
			docs[d] = a
		}
		return a
	}
	for _, w := range words {
		e, err := s.lookup("u", w.Fold)
		if err != nil {
			return nil, err
		}
		fuzzy := false
		if e == nil {
			// Not in the index: perhaps a typo (see fuzzy.go).
			if e, err = s.correction(w.Fold); err != nil {
				return nil, err
			}
			if e == nil {
				continue
			}
			fuzzy = true
		}
		vk := -1
		if w.Exact != w.Fold && !fuzzy {
			for k, v := range e.variants {
				if v == w.Exact {
					vk = k
				}
			}
		}
		for i, d := range e.docs {
			m := int64(2)
			if fuzzy {
				m = 1
			} else if vk >= 0 && e.masks[i]&(1<<vk) != 0 {
				m = 3
			}
			a := get(d)
			a.score += int64(e.idf) * int64(e.qs[i]) * m
			a.matched++
		}
	}
	if len(prefix) >= MinPrefix {
		es, err := s.completions(prefix)
		if err != nil {
			return nil, err
		}
		// A document scores its best completion. The word as typed, when
		// it is a term (completions put it first), counts as a folded
		// match (×2); a longer word counts half (×1), and no more than the
		// typed word's idf: "thua" must rank "thửa" above a rarer "thuận".
		best := map[int]int64{}
		capIdf := int64(-1)
		if len(es) > 0 && es[0].term == prefix {
			capIdf = int64(es[0].idf)
		}
		for _, e := range es {
			m, idf := int64(1), int64(e.idf)
			if e.term == prefix {
				m = 2
			} else if capIdf >= 0 {
				idf = min(idf, capIdf)
			}
			for i, d := range e.docs {
				if c := idf * int64(e.qs[i]) * m; c > best[d] {
					best[d] = c
				}
			}
		}
		for d, c := range best {
			a := get(d)
			a.score += c
			a.matched++
		}
	}
	// Adjacent pairs, the unfinished word as typed included: when it is
	// already a whole word ("doi thua" before the user stops typing) the
	// phrase counts as it will once finished; when it is not, its pair is
	// (almost always) no term and adds nothing.
	seenBi := map[string]bool{}
	for i := 1; i < len(seq); i++ {
		bg := analysis.Bigram(seq[i-1], seq[i])
		if seenBi[bg] || seq[i-1] == seq[i] {
			continue
		}
		seenBi[bg] = true
		e, err := s.lookup("b", bg)
		if err != nil {
			return nil, err
		}
		if e == nil {
			continue
		}
		for _, d := range e.docs {
			if a := docs[d]; a != nil {
				a.score += int64(e.idf) * int64(s.Man.Q) * 2
			}
		}
	}
	var out []Result
	var keep func(int) bool
	if len(f) > 0 {
		var err error
		if keep, err = s.filter(f); err != nil {
			return nil, err
		}
	}
	for d, a := range docs {
		if keep == nil || keep(d) {
			out = append(out, Result{Doc: d, Score: a.score, Matched: a.matched})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Matched != out[j].Matched {
			return out[i].Matched > out[j].Matched
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Doc < out[j].Doc
	})
	return out, nil
}
