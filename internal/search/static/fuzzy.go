package static

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// A query word that is no term of the index may be a typo. When it is
// long enough, it is read as the most frequent term one edit away (see
// oneEdit), found in the word list tim-kiem/<v>/words.json (every ASCII
// term of FuzzyMin-1 letters or more, with its document count, a few KB;
// loaded only when a word needs correcting). The correction counts half
// as much as a word found as typed (×1 instead of ×2), so it never
// outranks a document matching the query as written. Words found as typed
// are never corrected, so the results of queries without typos do not
// change. static/js/search.js implements the same rule.

// FuzzyMin is the shortest word (in letters of its folded, ASCII form)
// that is corrected: Vietnamese syllables are short, and in "thua" a
// letter off is often another word.
const FuzzyMin = 5

// WordsFile is the word list, under the version directory.
const WordsFile = "words.json"

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
func wordList(terms []string, df []int) []byte {
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

// correction returns the entry of the term that corrects w, or nil: of
// the listed words one edit away, the most frequent (the first in term
// order on a tie).
func (s *Index) correction(w string) (*entry, error) {
	if !fuzzyWord(w) {
		return nil, nil
	}
	if s.words == nil {
		var l []json.RawMessage
		// An export older than the word list corrects nothing.
		if err := s.read(Dir+s.Man.Version+"/"+WordsFile, &l); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		s.words = append([]json.RawMessage{}, l...) // non-nil: read
	}
	best, bestDF := "", -1
	for i := 0; i+1 < len(s.words); i += 2 {
		var t string
		var df int
		if json.Unmarshal(s.words[i], &t) != nil || json.Unmarshal(s.words[i+1], &df) != nil {
			return nil, fmt.Errorf("%s: bad word list", WordsFile)
		}
		if df > bestDF && oneEdit(w, t) {
			best, bestDF = t, df
		}
	}
	if best == "" {
		return nil, nil
	}
	return s.lookup("u", best)
}
