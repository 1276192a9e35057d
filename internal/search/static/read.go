package static

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"iter"
	"slices"
	"sort"
	"strings"

	"github.com/quangngai/danvan/internal/content"
)

// Index reads the exported files and ranks documents for a query: the
// reference that static/js/search.js mirrors. It reads files on demand
// and keeps them; not safe for concurrent use.
type Index struct {
	load     func(name string) ([]byte, error) // reads a file of the export
	Manifest Manifest
	shards   map[string]*shardFile
	facets   *Facets
	chunks   map[int][][]any
	words    []json.RawMessage // the word list, once read (fuzzy.go)
	Loaded   map[string]int    // file → bytes read, for download accounting
}

// shardFile is a term or pair shard: its entries, and their terms (read
// once: lookups compare terms many times).
type shardFile struct {
	entries []json.RawMessage
	terms   []string
}

// Open reads the export in fsys, rooted at the site output (holding
// tim-kiem/), starting with its manifest.
func Open(fsys fs.FS) (*Index, error) {
	return open(func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) })
}

// Files is an export held in memory: file name → contents.
type Files map[string][]byte

// WriteFile keeps data under name.
func (f Files) WriteFile(name string, data []byte) error {
	f[name] = data
	return nil
}

// OpenFiles reads an export held in memory.
func OpenFiles(f Files) (*Index, error) {
	return open(func(name string) ([]byte, error) {
		if data, ok := f[name]; ok {
			return data, nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	})
}

func open(load func(string) ([]byte, error)) (*Index, error) {
	s := &Index{load: load, shards: map[string]*shardFile{}, chunks: map[int][][]any{}, Loaded: map[string]int{}}
	if err := s.read(Dir+"manifest.json", &s.Manifest); err != nil {
		return nil, err
	}
	if s.Manifest.Chunk <= 0 || s.Manifest.Buckets <= 0 || s.Manifest.Buckets&(s.Manifest.Buckets-1) != 0 {
		return nil, fmt.Errorf("%smanifest.json: chỉ mục tìm kiếm của phiên bản khác (chunk %d, buckets %d)", Dir, s.Manifest.Chunk, s.Manifest.Buckets)
	}
	return s, nil
}

func (s *Index) read(name string, v any) error {
	data, err := s.file(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// file loads the file name, counted in Loaded.
func (s *Index) file(name string) ([]byte, error) {
	data, err := s.load(name)
	if err != nil {
		return nil, err
	}
	s.Loaded[name] = len(data)
	return data, nil
}

// findShard returns the index of the term shard that would hold term: the
// last shard whose first term is <= term.
func findShard(first []string, term string) int {
	return max(0, sort.Search(len(first), func(i int) bool { return first[i] > term })-1)
}

// shard reads shard i of a kind: "u" (terms) or "b" (pairs).
func (s *Index) shard(kind string, i int) (*shardFile, error) {
	name := s.Manifest.Path(kind, i)
	if sh, ok := s.shards[name]; ok {
		return sh, nil
	}
	data, err := s.file(name)
	if err != nil {
		return nil, err
	}
	sh := &shardFile{}
	if sh.entries, err = splitArray(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sh.terms = make([]string, len(sh.entries))
	for k, raw := range sh.entries {
		if sh.terms[k], err = entryTerm(raw); err != nil {
			return nil, fmt.Errorf("%s: mục %d hỏng", name, k)
		}
	}
	s.shards[name] = sh
	return sh, nil
}

// entry is a decoded term or pair: its df and, for each document of its
// (capped) postings, the impact q (terms only), the heading bits, the
// position in the title (terms in the title only, else -1) and the
// exact-form mask (terms with variants only); sigs holds the signatures
// its postings carry (EntrySignatures).
type entry struct {
	term     string
	df       int
	variants []string
	docs     []int
	qs       []int
	fields   []int
	pos      []int
	masks    []int
	sigs     []sig
}

// sig is a signature carried by posting k of an entry: the words of the
// document's field (InTitle or InMeta) whose lists are capped, each
// pos<<TitleHashBits | TitleHash(word).
type sig struct {
	k, field int
	words    []int
}

// decodeTerm decodes a term entry (see EntryTerm).
func decodeTerm(raw json.RawMessage) (*entry, error) {
	a, err := splitArray(raw)
	if err != nil || len(a) < EntryPostings+1 || len(a) > EntrySignatures+1 {
		return nil, fmt.Errorf("mục từ hỏng")
	}
	e := &entry{}
	var ps, sigs []int
	dst := []any{&e.term, &e.df, &e.variants, &ps, &sigs}
	if err := unmarshalAll(dst[:len(a)], a); err != nil {
		return nil, err
	}
	d := 0
	for i := 0; i+1 < len(ps); {
		d += ps[i]
		v := ps[i+1]
		i += 2
		pos, m := -1, 0
		if v&InTitle != 0 && i < len(ps) {
			pos = ps[i]
			i++
		}
		if len(e.variants) > 0 && i < len(ps) {
			m = ps[i]
			i++
		}
		e.docs = append(e.docs, d)
		e.qs = append(e.qs, v>>2)
		e.fields = append(e.fields, v&(InTitle|InMeta))
		e.pos = append(e.pos, pos)
		e.masks = append(e.masks, m)
	}
	for i := 0; i+2 < len(sigs); {
		k, field, n := sigs[i], sigs[i+1], sigs[i+2]
		i += 3
		if k < 0 || k >= len(e.docs) || n < 0 || i+n > len(sigs) {
			return nil, fmt.Errorf("mục từ %q: chữ ký hỏng", e.term)
		}
		e.sigs = append(e.sigs, sig{k: k, field: field, words: sigs[i : i+n]})
		i += n
	}
	return e, nil
}

// decodePair decodes a pair entry (see PairTerm).
func decodePair(raw json.RawMessage) (*entry, error) {
	all, err := splitArray(raw)
	if err != nil || len(all) < PairDocs+1 || len(all) > PairHeads+1 {
		return nil, fmt.Errorf("mục cặp từ hỏng")
	}
	e := &entry{}
	var gaps, heads []int
	dst := []any{&e.term, &e.df, &gaps, &heads}
	if err := unmarshalAll(dst[:len(all)], all); err != nil {
		return nil, err
	}
	d := 0
	for _, g := range gaps {
		d += g
		e.docs = append(e.docs, d)
	}
	e.fields = make([]int, len(e.docs))
	for _, h := range heads {
		if k := h >> 2; k < len(e.fields) {
			e.fields[k] = h & (InTitle | InMeta)
		}
	}
	return e, nil
}

func unmarshalAll(dst []any, src []json.RawMessage) error {
	for i := range dst {
		if err := decodeInto(dst[i], src[i]); err != nil {
			return err
		}
	}
	return nil
}

// term returns the entry of a folded term, or nil.
func (s *Index) term(t string) (*entry, error) {
	if len(s.Manifest.Uni) == 0 {
		return nil, nil
	}
	sh, err := s.shard("u", findShard(s.Manifest.Uni, t))
	if err != nil {
		return nil, err
	}
	if i, ok := slices.BinarySearch(sh.terms, t); ok {
		return decodeTerm(sh.entries[i])
	}
	return nil, nil
}

// pair returns the entry of a pair, or nil.
func (s *Index) pair(t string) (*entry, error) {
	sh, err := s.shard("b", PairBucket(t, s.Manifest.Buckets))
	if err != nil {
		return nil, err
	}
	if i, ok := slices.BinarySearch(sh.terms, t); ok {
		return decodePair(sh.entries[i])
	}
	return nil, nil
}

// completions returns the entries of up to PrefixTerms terms starting with
// p: p itself when it is a term, then the most frequent (then by term),
// looking at most 2 shards. p comes first so that a word typed in full is
// never crowded out by twenty longer ones.
func (s *Index) completions(p string) ([]*entry, error) {
	first := s.Manifest.Uni
	if len(first) == 0 {
		return nil, nil
	}
	var out []*entry
	i0 := findShard(first, p)
	for i := i0; i < len(first) && i < i0+2; i++ {
		if i > i0 && !strings.HasPrefix(first[i], p) {
			break
		}
		sh, err := s.shard("u", i)
		if err != nil {
			return nil, err
		}
		for k, t := range sh.terms {
			if strings.HasPrefix(t, p) {
				e, err := decodeTerm(sh.entries[k])
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
		if err := s.read(s.Manifest.Path(KindFacets, 0), &f); err != nil {
			return nil, err
		}
		s.facets = &f
	}
	return s.facets, nil
}

// chain yields value x of a facet and, for localities, every value it was
// merged into: the walk of site.Locality.Chain over the exported facet,
// with the same bound (content.MaxMergeChain). search.js: chain.
func chain(fc *Facet, x int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for hops := 0; x >= 0 && x < len(fc.Values) && hops < content.MaxMergeChain; hops++ {
			if !yield(x) || fc.Succ == nil || x >= len(fc.Succ) {
				return
			}
			x = fc.Succ[x]
		}
	}
}

// has reports whether document d counts for value v of a facet (its own
// value or one it was merged into). search.js: has.
func has(fc *Facet, d int, v string) bool {
	for x := range chain(fc, fc.Doc[d]) {
		if fc.Values[x] == v {
			return true
		}
	}
	return false
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
			if fc == nil || d >= len(fc.Doc) || !has(fc, d, v) {
				return false
			}
		}
		return true
	}, nil
}

// Record is the display record of a document.
type Record struct {
	Title, URL, Area, Locality, Date, Summary, Text string
}

// Record reads the display record of document d.
func (s *Index) Record(d int) (*Record, error) {
	c := d / s.Manifest.Chunk
	recs, ok := s.chunks[c]
	if !ok {
		if err := s.read(s.Manifest.Path(KindRecords, c), &recs); err != nil {
			return nil, err
		}
		s.chunks[c] = recs
	}
	if d%s.Manifest.Chunk >= len(recs) || len(recs[d%s.Manifest.Chunk]) <= RecText {
		return nil, fmt.Errorf("bản ghi của bài %d không có", d)
	}
	r := recs[d%s.Manifest.Chunk]
	str := func(i int) string { v, _ := r[i].(string); return v }
	return &Record{Title: str(RecTitle), URL: str(RecURL), Area: str(RecArea), Locality: str(RecLocality),
		Date: str(RecDate), Summary: str(RecSummary), Text: str(RecText)}, nil
}

// Describe fills URL and Title of results from the document records.
func (s *Index) Describe(rs []Result) error {
	for i := range rs {
		r, err := s.Record(rs[i].Doc)
		if err != nil {
			return err
		}
		rs[i].Title, rs[i].URL = r.Title, r.URL
	}
	return nil
}
