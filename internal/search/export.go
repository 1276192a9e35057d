package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// Writer receives the exported files (build's output directory).
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Parameters of the static index. The client reads them from the manifest.
const (
	K1 = 1.2
	B  = 0.75
	// Q is the top of the quantised impact scale: each posting stores the
	// BM25 term-frequency part, wtf·(k1+1)/(wtf + k1·(1−b+b·dl/avgdl)),
	// divided by (k1+1) and scaled to 1..Q.
	Q = 63
	// IdfScale scales idf to an integer.
	IdfScale = 100
	// MaxPostings caps a term's posting list: very common terms keep their
	// MaxPostings highest-impact documents (df and idf stay exact).
	MaxPostings = 1000
	// MaxVariants is the number of exact forms tracked per folded term.
	MaxVariants = 8
	// ShardBytes bounds the encoded size of one term shard, and
	// BigramShardBytes one bigram shard (smaller: a query needs several).
	ShardBytes       = 16 << 10
	BigramShardBytes = 8 << 10
	// DocsPerChunk is the number of document records per file.
	DocsPerChunk = 2
	// SnippetRunes is the length of the text kept for snippets.
	SnippetRunes = 160
	// Dir is the output directory of the export.
	Dir = "tim-kiem/"
)

// Manifest is tim-kiem/manifest.json: everything a client needs to find
// the other files, which all live under tim-kiem/<Version>/ and never
// change once published.
type Manifest struct {
	Version    string            `json:"v"`
	N          int               `json:"n"`
	Q          int               `json:"q"`
	ExactBoost float64           `json:"eb"`
	Chunk      int               `json:"chunk"`
	Uni        []string          `json:"uni"` // first term of each unigram shard u<i>.json
	Bi         []string          `json:"bi"`  // first term of each bigram shard b<i>.json
	Areas      map[string]string `json:"areas"`
	Localities map[string]string `json:"loc"`
}

// Facets is tim-kiem/<v>/facets.json: per keyword field, the values and
// the value index of every document (-1 for none). Locality values have a
// successor index (-1 for none): a document counts for its unit and every
// unit it was merged into.
type Facets struct {
	Fields map[string]*Facet `json:"f"`
}

// Facet is one keyword field.
type Facet struct {
	Values []string `json:"v"`
	Succ   []int    `json:"s,omitempty"`
	Doc    []int    `json:"d"`
}

// ExportStats describe an export.
type ExportStats struct {
	Files, Bytes, UniTerms, BiTerms, UniShards, BiShards int
}

// fieldOrder is the order fields are read in (bigrams do not cross fields).
var fieldOrder = []string{FieldTitle, FieldMeta, FieldSummary, FieldBody}

// uPosting accumulates one term in one document.
type uPosting struct {
	doc   int32
	wtf   float32
	nex   int8
	exact [3]int32 // exact-form ids seen (the first three)
}

func (p *uPosting) addExact(e int32) {
	for _, x := range p.exact[:p.nex] {
		if x == e {
			return
		}
	}
	if int(p.nex) < len(p.exact) {
		p.exact[p.nex] = e
		p.nex++
	}
}

// bPosting is one bigram in one document.
type bPosting struct{ doc, c int32 }

type bTriple struct{ id, doc, c int32 }

type posting struct {
	doc, q, mask, imp int
	wtf               float64
}

// Export analyses s and writes the static index under tim-kiem/.
func Export(s *site.Site, out Writer) error {
	// Analyse in batches and drop each document's tokens once counted, so
	// memory holds one batch of tokens, not the whole site's.
	docs := make([]*Doc, len(s.Articles))
	_, err := exportDocs(s, docs, out, func(lo, hi int) {
		analyzeRange(s, docs, lo, hi)
	}, true)
	return err
}

// exportBatch is how many documents are analysed at a time by Export.
const exportBatch = 512

// ExportDocs writes the static index of docs (analysed articles of s, in
// site order).
func ExportDocs(s *site.Site, docs []*Doc, out Writer) (*ExportStats, error) {
	return exportDocs(s, docs, out, nil, false)
}

// exportDocs is ExportDocs; when analyse is set it fills docs[lo:hi]
// batch by batch, and release drops the tokens of a document once counted.
func exportDocs(s *site.Site, docs []*Doc, out Writer, analyse func(lo, hi int), release bool) (*ExportStats, error) {
	n := len(docs)
	st := &ExportStats{}
	// Document lengths (weighted), then per-term postings gathered one
	// document at a time: term and exact-form ids, bigrams as id pairs.
	dl := make([]float64, n)
	termID := map[string]int32{}
	var termStr []string
	var upost [][]uPosting
	exactID := map[string]int32{}
	var exactStr []string
	bigramID := map[uint64]int32{}
	var bigramKey []uint64
	var btrip []bTriple        // (bigram, doc, count) in document order
	local := map[int32]int32{} // term id → index in loc
	var loc []uPosting
	localBi := map[uint64]int32{}
	var total float64
	for i := range docs {
		if analyse != nil && i%exportBatch == 0 {
			analyse(i, min(n, i+exportBatch))
		}
		d := docs[i]
		clear(local)
		clear(localBi)
		loc = loc[:0]
		for _, f := range fieldOrder {
			w := Weights[f]
			ws := d.Fields[f]
			dl[i] += w * float64(len(ws))
			prev := int32(-1)
			for _, word := range ws {
				id, ok := termID[word.Fold]
				if !ok {
					id = int32(len(termStr))
					termID[word.Fold] = id
					termStr = append(termStr, word.Fold)
					upost = append(upost, nil)
				}
				ex, ok := exactID[word.Exact]
				if !ok {
					ex = int32(len(exactStr))
					exactID[word.Exact] = ex
					exactStr = append(exactStr, word.Exact)
				}
				k, ok := local[id]
				if !ok {
					k = int32(len(loc))
					local[id] = k
					loc = append(loc, uPosting{doc: int32(i)})
				}
				p := &loc[k]
				p.wtf += float32(w)
				p.addExact(ex)
				if prev >= 0 {
					localBi[uint64(prev)<<32|uint64(id)]++
				}
				prev = id
			}
		}
		total += dl[i]
		for id, k := range local {
			upost[id] = append(upost[id], loc[k])
		}
		for k, c := range localBi {
			id, ok := bigramID[k]
			if !ok {
				id = int32(len(bigramKey))
				bigramID[k] = id
				bigramKey = append(bigramKey, k)
			}
			btrip = append(btrip, bTriple{id: id, doc: int32(i), c: c})
		}
		if release {
			d.Fields = nil
		}
	}
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	idf := func(df int) int {
		return int(math.Round(IdfScale * math.Log(1+(float64(n-df)+0.5)/(float64(df)+0.5))))
	}

	// Unigram entries: [term, df, idf, variants, postings].
	order := make([]int32, len(termStr))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return termStr[order[i]] < termStr[order[j]] })
	terms := make([]string, 0, len(order))
	dfs := make([]int, 0, len(order))
	var entries [][]byte
	var b bytes.Buffer
	for _, id := range order {
		t := termStr[id]
		terms = append(terms, t)
		m := upost[id]
		dfs = append(dfs, len(m))
		// Variants by document count, then by key.
		vc := map[int32]int{}
		for _, p := range m {
			for _, e := range p.exact[:p.nex] {
				vc[e]++
			}
		}
		vars := make([]int32, 0, len(vc))
		for v := range vc {
			vars = append(vars, v)
		}
		sort.Slice(vars, func(i, j int) bool {
			if vc[vars[i]] != vc[vars[j]] {
				return vc[vars[i]] > vc[vars[j]]
			}
			return exactStr[vars[i]] < exactStr[vars[j]]
		})
		if len(vars) > MaxVariants {
			vars = vars[:MaxVariants]
		}
		names := make([]string, len(vars))
		for k, v := range vars {
			names[k] = exactStr[v]
		}
		if len(names) == 1 && names[0] == t {
			names = names[:0] // no diacritics anywhere: no marks needed
		}
		ps := make([]posting, 0, len(m))
		for _, up := range m {
			wtf := float64(up.wtf)
			imp := wtf * (K1 + 1) / (wtf + K1*(1-B+B*dl[up.doc]/avg))
			q := int(math.Round(imp / (K1 + 1) * Q))
			q = max(1, min(Q, q))
			mask := 0
			if len(names) > 0 {
				for k, v := range vars {
					for _, e := range up.exact[:up.nex] {
						if e == v {
							mask |= 1 << k
						}
					}
				}
			}
			ps = append(ps, posting{doc: int(up.doc), q: q, mask: mask})
		}
		ps = truncate(ps)
		b.Reset()
		b.WriteString("[")
		writeJSON(&b, t)
		fmt.Fprintf(&b, ",%d,%d,", len(m), idf(len(m)))
		writeJSON(&b, names)
		b.WriteString(",[")
		prev := 0
		for k, p := range ps {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p.doc - prev))
			b.WriteByte(',')
			b.WriteString(strconv.Itoa(p.q))
			if len(names) > 0 {
				b.WriteByte(',')
				b.WriteString(strconv.Itoa(p.mask))
			}
			prev = p.doc
		}
		b.WriteString("]]")
		entries = append(entries, bytes.Clone(b.Bytes()))
	}
	st.UniTerms = len(terms)
	uniFirst, uniFiles := shard(terms, entries, ShardBytes)

	// Bigram postings grouped by bigram with a counting sort (stable, so
	// each list stays in document order): appending to 300k separate
	// slices as documents go was the export's hottest loop.
	bstart := make([]int32, len(bigramKey)+1)
	for _, x := range btrip {
		bstart[x.id+1]++
	}
	for i := 1; i < len(bstart); i++ {
		bstart[i] += bstart[i-1]
	}
	ball := make([]bPosting, len(btrip))
	fillAt := append([]int32(nil), bstart[:len(bigramKey)]...)
	for _, x := range btrip {
		ball[fillAt[x.id]] = bPosting{doc: x.doc, c: x.c}
		fillAt[x.id]++
	}
	btrip = nil
	bpost := func(id int32) []bPosting { return ball[bstart[id]:bstart[id+1]] }

	// Bigram entries: [term, df, idf, docs].
	bterms := make([]string, len(bigramKey))
	border := make([]int32, len(bigramKey))
	for i, k := range bigramKey {
		bterms[i] = Bigram(termStr[k>>32], termStr[uint32(k)])
		border[i] = int32(i)
	}
	sort.Slice(border, func(i, j int) bool { return bterms[border[i]] < bterms[border[j]] })
	entries = entries[:0]
	sortedBi := make([]string, 0, len(border))
	for _, id := range border {
		t := bterms[id]
		sortedBi = append(sortedBi, t)
		m := bpost(id)
		ps := make([]posting, 0, len(m))
		for _, p := range m {
			ps = append(ps, posting{doc: int(p.doc), imp: int(p.c)})
		}
		ps = truncate(ps)
		b.Reset()
		b.WriteString("[")
		writeJSON(&b, t)
		fmt.Fprintf(&b, ",%d,%d,[", len(m), idf(len(m)))
		prev := 0
		for k, p := range ps {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p.doc - prev))
			prev = p.doc
		}
		b.WriteString("]]")
		entries = append(entries, bytes.Clone(b.Bytes()))
	}
	st.BiTerms = len(sortedBi)
	biFirst, biFiles := shard(sortedBi, entries, BigramShardBytes)

	// Document records and facets.
	var chunks [][]byte
	for i := 0; i < n; i += DocsPerChunk {
		var recs [][]any
		for _, d := range docs[i:min(i+DocsPerChunk, n)] {
			a := d.Article
			loc := a.Locality
			if a.LocalityRef != nil {
				loc = a.LocalityRef.Slug
			}
			recs = append(recs, []any{a.Title, a.URL, a.Area, loc, a.Date.Format("2006-01-02"), a.Summary, snippetText(a.Text, a.Summary)})
		}
		chunks = append(chunks, mustJSON(recs))
	}
	facets := buildFacets(s, docs)
	facetData := mustJSON(facets)

	// Version: hash of everything under the version directory.
	h := sha256.New()
	for _, group := range [][][]byte{uniFiles, biFiles, chunks, {facetData}} {
		for _, f := range group {
			h.Write(f)
			h.Write([]byte{0})
		}
	}
	v := hex.EncodeToString(h.Sum(nil))[:12]
	write := func(name string, data []byte) error {
		st.Files++
		st.Bytes += len(data)
		return out.WriteFile(name, data)
	}
	base := Dir + v + "/"
	for i, f := range uniFiles {
		if err := write(base+"u"+strconv.Itoa(i)+".json", f); err != nil {
			return nil, err
		}
	}
	for i, f := range biFiles {
		if err := write(base+"b"+strconv.Itoa(i)+".json", f); err != nil {
			return nil, err
		}
	}
	for i, f := range chunks {
		if err := write(base+"d"+strconv.Itoa(i)+".json", f); err != nil {
			return nil, err
		}
	}
	if err := write(base+"facets.json", facetData); err != nil {
		return nil, err
	}
	// The word list for typo correction (fuzzy.go): derived from the term
	// shards, which the version hash covers.
	if err := write(base+WordsFile, wordList(terms, dfs)); err != nil {
		return nil, err
	}
	man := Manifest{Version: v, N: n, Q: Q, ExactBoost: ExactBoost, Chunk: DocsPerChunk, Uni: uniFirst, Bi: biFirst,
		Areas: map[string]string{}, Localities: map[string]string{}}
	if s != nil {
		for _, a := range s.Areas {
			man.Areas[a.Slug] = a.Name
		}
		for _, l := range s.Localities {
			man.Localities[l.Slug] = l.Name
		}
	}
	st.UniShards, st.BiShards = len(uniFiles), len(biFiles)
	if s != nil && s.Config != nil {
		if err := write("opensearch.xml", OpenSearch(s.Config.Title, s.BaseURL)); err != nil {
			return nil, err
		}
	}
	return st, write(Dir+"manifest.json", mustJSON(man))
}

// truncate keeps the MaxPostings postings of highest impact (q, then imp,
// then lower doc id) and returns them sorted by doc id.
func truncate(ps []posting) []posting {
	if len(ps) > MaxPostings {
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].q != ps[j].q {
				return ps[i].q > ps[j].q
			}
			if ps[i].imp != ps[j].imp {
				return ps[i].imp > ps[j].imp
			}
			return ps[i].doc < ps[j].doc
		})
		ps = ps[:MaxPostings]
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc })
	return ps
}

// shard groups sorted entries into files of at most limit bytes (a single
// larger entry gets a file of its own) and returns each file's first term.
func shard(terms []string, entries [][]byte, limit int) ([]string, [][]byte) {
	first := []string{}
	var files [][]byte
	var cur bytes.Buffer
	flush := func() {
		if cur.Len() > 0 {
			cur.WriteByte(']')
			files = append(files, append([]byte(nil), cur.Bytes()...))
			cur.Reset()
		}
	}
	for i, e := range entries {
		if cur.Len() > 0 && cur.Len()+len(e) > limit {
			flush()
		}
		if cur.Len() == 0 {
			// The shortest prefix of the first term that still sorts
			// after the previous shard's last term: the client only
			// compares, so a prefix bounds the shard as well.
			p := terms[i]
			if i > 0 {
				p = separator(terms[i-1], terms[i])
			}
			first = append(first, p)
			cur.WriteByte('[')
		} else {
			cur.WriteByte(',')
		}
		cur.Write(e)
	}
	flush()
	return first, files
}

// separator returns the shortest prefix p of b with a < p (a < b).
func separator(a, b string) string {
	for k := 1; k < len(b); k++ {
		if b[:k] > a {
			// Do not cut a UTF-8 sequence.
			for k < len(b) && !utf8.RuneStart(b[k]) {
				k++
			}
			return b[:k]
		}
	}
	return b
}

func buildFacets(s *site.Site, docs []*Doc) *Facets {
	fs := &Facets{Fields: map[string]*Facet{}}
	for _, field := range []string{"area", "locality", "year", "subject"} {
		f := &Facet{Doc: make([]int, len(docs))}
		index := map[string]int{}
		add := func(v string) int {
			if k, ok := index[v]; ok {
				return k
			}
			index[v] = len(f.Values)
			f.Values = append(f.Values, v)
			return index[v]
		}
		if field == "locality" && s != nil {
			for _, l := range s.Localities {
				add(l.Slug)
			}
		}
		for i, d := range docs {
			f.Doc[i] = -1
			if vs := d.Keys[field]; len(vs) > 0 {
				f.Doc[i] = add(vs[0])
			}
		}
		if field == "locality" {
			f.Succ = make([]int, len(f.Values))
			for k := range f.Succ {
				f.Succ[k] = -1
			}
			if s != nil {
				for _, l := range s.Localities {
					if l.Successor != nil {
						f.Succ[index[l.Slug]] = add(l.Successor.Slug)
					}
				}
				for len(f.Succ) < len(f.Values) {
					f.Succ = append(f.Succ, -1)
				}
			}
		}
		fs.Fields[field] = f
	}
	return fs
}

// snippetText returns the start of the body text after the summary (when
// the summary is the text's first sentences, as derived summaries are), cut
// at a word boundary.
func snippetText(s, summary string) string {
	s = strings.Join(strings.Fields(s), " ")
	sum := strings.TrimSuffix(strings.Join(strings.Fields(summary), " "), "…")
	if sum != "" && strings.HasPrefix(s, sum) {
		s = strings.TrimSpace(s[len(sum):])
	}
	if utf8.RuneCountInString(s) <= SnippetRunes {
		return s
	}
	r := []rune(s)[:SnippetRunes]
	cut := string(r)
	if k := strings.LastIndexByte(cut, ' '); k > SnippetRunes/2 {
		cut = cut[:k]
	}
	return vi.NFC(cut) + "…"
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func writeJSON(b *bytes.Buffer, v any) { b.Write(mustJSON(v)) }

func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// OpenSearch returns the OpenSearch description of the site search
// (served as /opensearch.xml; baseURL ends with a slash).
func OpenSearch(siteName, baseURL string) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xmlEscape(&b, s)
		return b.String()
	}
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>` + esc(truncRunes(strings.Split(siteName, " — ")[0], 16)) + `</ShortName>
<Description>` + esc("Tìm mô hình, tấm gương “Dân vận khéo” — "+siteName) + `</Description>
<InputEncoding>UTF-8</InputEncoding>
<Language>vi</Language>
<Url type="text/html" method="get" template="` + esc(baseURL) + `tim-kiem/?q={searchTerms}"/>
<Image width="16" height="16" type="image/svg+xml">` + esc(baseURL) + `favicon.svg</Image>
</OpenSearchDescription>
`)
}

func xmlEscape(b *bytes.Buffer, s string) { _ = xml.EscapeText(b, []byte(s)) }

func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return strings.TrimSpace(string(r))
}
