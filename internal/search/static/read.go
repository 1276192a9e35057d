package static

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/quangngai/danvan/internal/content"
)

// PrefixTerms is how many completions of the last word a typing query
// expands to (most frequent first).
const PrefixTerms = 20

// MinPrefix is the shortest unfinished word (in bytes of its folded form)
// that is completed; a shorter one is left out of the query until typed on.
const MinPrefix = 2

// Index is the reader and reference scorer over the exported files: the
// one definition of ranking that static/js/search.js implements line for
// line. Scores are integers so Go and JavaScript agree exactly.
type Index struct {
	fsys   fs.FS // rooted at the site output (holding tim-kiem/)
	Man    Manifest
	files  map[string][]json.RawMessage
	facets *Facets
	chunks map[int][][]any
	words  []json.RawMessage // the word list, once read (fuzzy.go)
	Loaded map[string]int    // file → bytes read, for download accounting
}

// Open reads tim-kiem/manifest.json from fsys.
func Open(fsys fs.FS) (*Index, error) {
	s := &Index{fsys: fsys, files: map[string][]json.RawMessage{}, chunks: map[int][][]any{}, Loaded: map[string]int{}}
	if err := s.read(Dir+"manifest.json", &s.Man); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Index) read(name string, v any) error {
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return err
	}
	s.Loaded[name] = len(data)
	return json.Unmarshal(data, v)
}

// findShard returns the index of the shard that would hold term: the last
// shard whose first term is <= term.
func findShard(first []string, term string) int {
	return max(0, sort.Search(len(first), func(i int) bool { return first[i] > term })-1)
}

func (s *Index) shard(kind string, i int) ([]json.RawMessage, error) {
	name := Dir + s.Man.Version + "/" + kind + strconv.Itoa(i) + ".json"
	if es, ok := s.files[name]; ok {
		return es, nil
	}
	var es []json.RawMessage
	if err := s.read(name, &es); err != nil {
		return nil, err
	}
	s.files[name] = es
	return es, nil
}

// entry is a decoded term: df, idf, exact variants, postings (doc, q, mask).
type entry struct {
	term     string
	df, idf  int
	variants []string
	docs     []int
	qs       []int
	masks    []int
}

func decodeEntry(raw json.RawMessage, bigram bool) (*entry, error) {
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	e := &entry{}
	var ps []int
	if bigram {
		if len(a) != 4 {
			return nil, fmt.Errorf("bad bigram entry")
		}
		if err := unmarshalAll([]any{&e.term, &e.df, &e.idf, &ps}, a); err != nil {
			return nil, err
		}
		d := 0
		for _, x := range ps {
			d += x
			e.docs = append(e.docs, d)
		}
		return e, nil
	}
	if len(a) != 5 {
		return nil, fmt.Errorf("bad term entry")
	}
	if err := unmarshalAll([]any{&e.term, &e.df, &e.idf, &e.variants, &ps}, a); err != nil {
		return nil, err
	}
	step := 2
	if len(e.variants) > 0 {
		step = 3
	}
	d := 0
	for i := 0; i+step <= len(ps); i += step {
		d += ps[i]
		e.docs = append(e.docs, d)
		e.qs = append(e.qs, ps[i+1])
		m := 0
		if step == 3 {
			m = ps[i+2]
		}
		e.masks = append(e.masks, m)
	}
	return e, nil
}

func unmarshalAll(dst []any, src []json.RawMessage) error {
	for i := range dst {
		if err := json.Unmarshal(src[i], dst[i]); err != nil {
			return err
		}
	}
	return nil
}

// lookup returns the entry of term, or nil.
func (s *Index) lookup(kind, term string) (*entry, error) {
	first := s.Man.Uni
	if kind == "b" {
		first = s.Man.Bi
	}
	if len(first) == 0 {
		return nil, nil
	}
	es, err := s.shard(kind, findShard(first, term))
	if err != nil {
		return nil, err
	}
	i := sort.Search(len(es), func(i int) bool { return entryTerm(es[i]) >= term })
	if i < len(es) && entryTerm(es[i]) == term {
		return decodeEntry(es[i], kind == "b")
	}
	return nil, nil
}

func entryTerm(raw json.RawMessage) string {
	var a []json.RawMessage
	var t string
	if json.Unmarshal(raw, &a) == nil && len(a) > 0 {
		json.Unmarshal(a[0], &t)
	}
	return t
}

// completions returns the entries of up to PrefixTerms terms starting with
// p: p itself when it is a term, then the most frequent (then by term),
// looking at most 2 shards. p comes first so that a word typed in full is
// never crowded out by twenty longer ones.
func (s *Index) completions(p string) ([]*entry, error) {
	first := s.Man.Uni
	if len(first) == 0 {
		return nil, nil
	}
	var out []*entry
	i0 := findShard(first, p)
	for i := i0; i < len(first) && i < i0+2; i++ {
		if i > i0 && !strings.HasPrefix(first[i], p) {
			break
		}
		es, err := s.shard("u", i)
		if err != nil {
			return nil, err
		}
		for _, raw := range es {
			if t := entryTerm(raw); strings.HasPrefix(t, p) {
				e, err := decodeEntry(raw, false)
				if err != nil {
					return nil, err
				}
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].term == p) != (out[j].term == p) {
			return out[i].term == p
		}
		if out[i].df != out[j].df {
			return out[i].df > out[j].df
		}
		return out[i].term < out[j].term
	})
	if len(out) > PrefixTerms {
		out = out[:PrefixTerms]
	}
	return out, nil
}

// Facets loads the facet file.
func (s *Index) Facets() (*Facets, error) {
	if s.facets == nil {
		var f Facets
		if err := s.read(Dir+s.Man.Version+"/facets.json", &f); err != nil {
			return nil, err
		}
		s.facets = &f
	}
	return s.facets, nil
}

// filter returns a predicate for the filters.
func (s *Index) filter(f Filters) (func(int) bool, error) {
	fs, err := s.Facets()
	if err != nil {
		return nil, err
	}
	return func(d int) bool {
		for k, v := range f {
			if v == "" {
				continue
			}
			fc := fs.Fields[k]
			if fc == nil {
				return false
			}
			ok := false
			// The locality filter walks the merge history, as
			// site.Locality.Chain does, with the same bound.
			for x, hops := fc.Doc[d], 0; x >= 0 && hops < content.MaxMergeChain; hops++ {
				if fc.Values[x] == v {
					ok = true
					break
				}
				if fc.Succ == nil {
					break
				}
				x = fc.Succ[x]
			}
			if !ok {
				return false
			}
		}
		return true
	}, nil
}

// Describe fills URL and Title of results from the document records.
func (s *Index) Describe(rs []Result) error {
	for i := range rs {
		c := rs[i].Doc / s.Man.Chunk
		recs, ok := s.chunks[c]
		if !ok {
			if err := s.read(Dir+s.Man.Version+"/d"+strconv.Itoa(c)+".json", &recs); err != nil {
				return err
			}
			s.chunks[c] = recs
		}
		r := recs[rs[i].Doc%s.Man.Chunk]
		rs[i].Title, _ = r[0].(string)
		rs[i].URL, _ = r[1].(string)
	}
	return nil
}
