package static

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// A query word that is no term of the index may be a typo. When it is
// long enough, it is read as any of the MaxCorrections most frequent terms
// one edit away (see oneEdit), found in the word list
// tim-kiem/chi-muc/<token>/w0.json (every ASCII term of FuzzyMin-1 letters or
// more, with its document count, a few KB; loaded only when a word needs
// correcting). Several, not one: "puhong" is one edit from "phuong" and
// from the more frequent "phong", and the other words of the query decide
// which one the reader meant (all words first). A correction counts half
// as much as a word found as typed (×1 instead of ×2), so it never
// outranks a document matching the query as written. Words found as typed
// are never corrected, so the results of queries without typos do not
// change. static/js/search.js implements the same rule.

// FuzzyMin is the shortest word (in letters of its folded, ASCII form)
// that is corrected: Vietnamese syllables are short, and in "thu" a
// letter off is often another word.
const FuzzyMin = 4

// MaxCorrections is how many terms a typo may stand for.
const MaxCorrections = 5

// fuzzyWord reports whether w may be corrected.
func fuzzyWord(w string) bool { return len(w) >= FuzzyMin && analysis.IsASCII(w) }

// listedWord reports whether term t goes in the word list: ASCII, long
// enough to be one edit from a fuzzyWord, and not a number.
func listedWord(t string) bool {
	if len(t) < FuzzyMin-1 || !analysis.IsASCII(t) {
		return false
	}
	_, err := strconv.Atoi(t)
	return err != nil
}

// wordList encodes the word list: term, df, term, df… in term order.
func wordList(terms []string, df []int32) []byte {
	var l []any
	for i, t := range terms {
		if listedWord(t) {
			l = append(l, t, df[i])
		}
	}
	if l == nil {
		l = []any{}
	}
	return mustJSON(l)
}

// oneEdit reports whether b is one edit away from a: a letter deleted,
// inserted or replaced, or two adjacent letters swapped. Both are ASCII.
func oneEdit(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		return a[i+1:] == b[i+1:] ||
			i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case len(a)+1 == len(b):
		return a[i:] == b[i+1:]
	default:
		return a[i+1:] == b[i:]
	}
}

// corrections returns the entries of the terms that may correct w: of the
// listed words one edit away, the MaxCorrections best, best first: those
// that begin with w's first letter (people seldom mistype the first
// letter), then the most frequent, then the first in term order.
func (s *Index) corrections(w string) ([]*entry, error) {
	if !fuzzyWord(w) {
		return nil, nil
	}
	if s.words == nil {
		var l []json.RawMessage
		// An export older than the word list corrects nothing.
		if err := s.read(s.Manifest.Path(KindWords, 0), &l); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		s.words = append([]json.RawMessage{}, l...) // non-nil: read
	}
	type cand struct {
		t    string
		df   int
		same bool // begins with w's first letter
	}
	better := func(a, b cand) bool { return a.same && !b.same || a.same == b.same && a.df > b.df }
	var best []cand
	for i := 0; i+1 < len(s.words); i += 2 {
		var c cand
		if json.Unmarshal(s.words[i], &c.t) != nil || json.Unmarshal(s.words[i+1], &c.df) != nil {
			return nil, fmt.Errorf("%s: bad word list", s.Manifest.Path(KindWords, 0))
		}
		if !oneEdit(w, c.t) {
			continue
		}
		c.same = c.t[0] == w[0]
		// Insert c after the candidates at least as good.
		k := len(best)
		for k > 0 && better(c, best[k-1]) {
			k--
		}
		if k < MaxCorrections {
			best = slices.Insert(best, k, c)[:min(len(best)+1, MaxCorrections)]
		}
	}
	var out []*entry
	for _, c := range best {
		e, err := s.term(c.t)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}
