package static

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// Write writes the static index of s, whose postings are p, under
// tim-kiem/: term and bigram shards, document records, facets, manifest.
func Write(s *site.Site, p *Postings, out Writer) (*Stats, error) {
	n := len(s.Articles)
	st := &Stats{}
	var total float64
	for _, l := range p.DocLen {
		total += l
	}
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / float64(n)
	}
	idf := func(df int) int {
		return int(math.Round(IdfScale * math.Log(1+(float64(n-df)+0.5)/(float64(df)+0.5))))
	}

	// Unigram and bigram shards are independent: encode them on two cores.
	type shards struct {
		terms int
		first []string
		files [][]byte
	}
	biDone := make(chan shards, 1)
	go func() {
		var x shards
		x.terms, x.first, x.files = encodeBigrams(p.Bi, idf)
		biDone <- x
	}()
	var uniFirst, biFirst []string
	var uniFiles, biFiles [][]byte
	st.UniTerms, uniFirst, uniFiles = encodeUnigrams(p, avg, idf)

	// Document records and facets (while the bigrams are encoded).
	var chunks [][]byte
	for i := 0; i < n; i += DocsPerChunk {
		var recs [][]any
		for _, a := range s.Articles[i:min(i+DocsPerChunk, n)] {
			recs = append(recs, []any{a.Title, a.URL, a.Area, RecordLocality(a), a.Date.Format("2006-01-02"), a.Summary, snippetText(a.Text, a.Summary)})
		}
		chunks = append(chunks, mustJSON(recs))
	}
	facets := buildFacets(s)
	facetData := mustJSON(facets)
	bx := <-biDone
	st.BiTerms, biFirst, biFiles = bx.terms, bx.first, bx.files

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
	terms := make([]string, len(p.Uni))
	dfs := make([]int, len(p.Uni))
	for i, u := range p.Uni {
		terms[i], dfs[i] = u.Term, len(u.Docs)
	}
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

// posting is one document of a term as encoded: doc, quantised impact q,
// exact-form mask, and imp, the raw count that ranks bigram postings.
type posting struct {
	doc, q, mask, imp int
}

// encodeUnigrams encodes the term entries [term, df, idf, variants,
// postings] and shards them; it returns the number of terms, each shard's
// first term and the shard files.
func encodeUnigrams(p *Postings, avg float64, idf func(int) int) (int, []string, [][]byte) {
	// Unigram entries: [term, df, idf, variants, postings].
	terms := make([]string, 0, len(p.Uni))
	entries := make([][]byte, 0, len(p.Uni))
	var b bytes.Buffer
	for _, u := range p.Uni {
		t := u.Term
		terms = append(terms, t)
		// Variants by document count, then by form.
		vars := slices.Clone(u.Variants)
		sort.Slice(vars, func(i, j int) bool {
			if len(vars[i].Docs) != len(vars[j].Docs) {
				return len(vars[i].Docs) > len(vars[j].Docs)
			}
			return vars[i].Exact < vars[j].Exact
		})
		if len(vars) > MaxVariants {
			vars = vars[:MaxVariants]
		}
		names := make([]string, len(vars))
		for k, v := range vars {
			names[k] = v.Exact
		}
		if len(names) == 1 && names[0] == t {
			names = names[:0] // no diacritics anywhere: no marks needed
		}
		masks := make([]int, len(u.Docs))
		if len(names) > 0 {
			for k, v := range vars {
				markDocs(masks, u.Docs, v.Docs, 1<<k)
			}
		}
		ps := make([]posting, 0, len(u.Docs))
		for k, d := range u.Docs {
			wtf := float64(u.WTF[k])
			imp := wtf * (K1 + 1) / (wtf + K1*(1-B+B*p.DocLen[d]/avg))
			q := int(math.Round(imp / (K1 + 1) * Q))
			q = max(1, min(Q, q))
			ps = append(ps, posting{doc: int(d), q: q, mask: masks[k]})
		}
		ps = truncate(ps)
		b.Reset()
		b.WriteString("[")
		writeJSON(&b, t)
		fmt.Fprintf(&b, ",%d,%d,", len(u.Docs), idf(len(u.Docs)))
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
	first, files := shard(terms, entries, ShardBytes)
	return len(terms), first, files
}

// encodeBigrams encodes the bigram entries [term, df, idf, docs] and
// shards them, as encodeUnigrams.
func encodeBigrams(bis []BiTerm, idf func(int) int) (int, []string, [][]byte) {
	// Bigram entries: [term, df, idf, docs].
	var b bytes.Buffer
	entries := make([][]byte, 0, len(bis))
	sortedBi := make([]string, 0, len(bis))
	for _, bt := range bis {
		t := bt.Term
		sortedBi = append(sortedBi, t)
		ps := make([]posting, 0, len(bt.Docs))
		for k, d := range bt.Docs {
			ps = append(ps, posting{doc: int(d), imp: int(bt.Count[k])})
		}
		ps = truncate(ps)
		b.Reset()
		b.WriteString("[")
		writeJSON(&b, t)
		fmt.Fprintf(&b, ",%d,%d,[", len(bt.Docs), idf(len(bt.Docs)))
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
	first, files := shard(sortedBi, entries, BigramShardBytes)
	return len(sortedBi), first, files
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

func buildFacets(s *site.Site) *Facets {
	keys := make([]map[string][]string, len(s.Articles))
	for i, a := range s.Articles {
		keys[i] = analysis.DocKeys(a)
	}
	fs := &Facets{Fields: map[string]*Facet{}}
	for _, field := range []string{"area", "locality", "year", "subject"} {
		f := &Facet{Doc: make([]int, len(keys))}
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
		for i, k := range keys {
			f.Doc[i] = -1
			if vs := k[field]; len(vs) > 0 {
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

// markDocs ors bit into masks[k] for every docs[k] that is in has (both
// ascending).
func markDocs(masks []int, docs, has []int32, bit int) {
	k := 0
	for _, d := range has {
		for k < len(docs) && docs[k] < d {
			k++
		}
		if k < len(docs) && docs[k] == d {
			masks[k] |= bit
		}
	}
}

// RecordLocality is the locality shown in an article's search record.
func RecordLocality(a *site.Article) string {
	if a.LocalityRef != nil {
		return a.LocalityRef.Slug
	}
	return a.Locality
}

// snippetText returns the start of the body text after the summary (when
// the summary is the text's first sentences, as derived summaries are), cut
// at a word boundary.
func snippetText(s, summary string) string {
	sum := strings.TrimSuffix(strings.Join(strings.Fields(summary), " "), "…")
	// The words of s joined by single spaces, up to what the snippet can
	// use: the summary, then SnippetRunes+1 runes of at most 4 bytes
	// (normalising a whole 10k-article site's text took seconds).
	limit := len(sum) + 1 + 4*(SnippetRunes+1)
	var b strings.Builder
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if b.Len() >= limit {
			break
		}
	}
	s = b.String()
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
