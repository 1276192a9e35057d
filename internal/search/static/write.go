package static

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
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

// Options tune an export; the zero value exports a corpus from scratch.
// An incremental writer passes the previous manifest's values, so that
// shards of unchanged terms come out byte for byte as before.
type Options struct {
	// AvgLen is the average weighted document length for the impacts
	// (Manifest.AvgLen); 0 uses the corpus's own.
	AvgLen float64
	// Buckets is the number of pair shards (Manifest.Buckets); 0 picks
	// the power of two that makes them BucketBytes on average.
	Buckets int
}

// Write writes the static index of s, whose postings are p, under
// tim-kiem/: term and pair shards, document records, facets, the word
// list, the manifest.
func Write(s *site.Site, p *Postings, out Writer, opt Options) (*Stats, error) {
	n := len(s.Articles)
	st := &Stats{}
	avg := opt.AvgLen
	if avg <= 0 {
		avg = AvgLen(p.DocLen)
	}

	// Term and pair shards are independent: encode them on two cores.
	type shards struct {
		terms int
		files [][]byte
	}
	biDone := make(chan shards, 1)
	go func() {
		var x shards
		x.terms, x.files = encodePairs(p.Bi, opt.Buckets)
		biDone <- x
	}()
	var uniFirst []string
	var uniFiles [][]byte
	st.UniTerms, uniFirst, uniFiles = encodeTerms(p, avg, titlesOf(s, p))

	// Document records and facets (while the pairs are encoded).
	var chunks [][]byte
	for i := 0; i < n; i += DocsPerChunk {
		var recs [][]any
		for _, a := range s.Articles[i:min(i+DocsPerChunk, n)] {
			rec := make([]any, RecText+1)
			rec[RecTitle], rec[RecURL], rec[RecArea], rec[RecLocality] = a.Title, a.URL, a.Area, RecordLocality(a)
			rec[RecDate], rec[RecSummary], rec[RecText] = a.Date.Format("2006-01-02"), a.Summary, snippetText(a.Text, a.Summary)
			recs = append(recs, rec)
		}
		chunks = append(chunks, mustJSON(recs))
	}
	facets := buildFacets(s)
	facetData := mustJSON(facets)
	// The word list for typo correction (fuzzy.go).
	terms := make([]string, len(p.Uni))
	dfs := make([]int, len(p.Uni))
	for i, u := range p.Uni {
		terms[i], dfs[i] = u.Term, len(u.Docs)
	}
	words := wordList(terms, dfs)
	bx := <-biDone
	st.BiTerms = bx.terms
	biFiles := bx.files

	// Version: hash of everything under the version directory.
	h := sha256.New()
	for _, group := range [][][]byte{uniFiles, biFiles, chunks, {facetData, words}} {
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
	base := VersionDir(v)
	for _, group := range []struct {
		kind  string
		files [][]byte
	}{{"u", uniFiles}, {"b", biFiles}, {"d", chunks}} {
		for i, f := range group.files {
			if err := write(base+group.kind+strconv.Itoa(i)+".json", f); err != nil {
				return nil, err
			}
		}
	}
	if err := write(base+"facets.json", facetData); err != nil {
		return nil, err
	}
	if err := write(base+WordsFile, words); err != nil {
		return nil, err
	}
	man := Manifest{Version: v, N: n, AvgLen: avg, Chunk: DocsPerChunk, Uni: uniFirst, Buckets: len(biFiles),
		Areas: map[string]string{}, Localities: map[string]string{}}
	for _, a := range s.Areas {
		man.Areas[a.Slug] = a.Name
	}
	for _, l := range s.Localities {
		man.Localities[l.Slug] = l.Name
	}
	st.UniShards, st.BiShards = len(uniFiles), len(biFiles)
	if s.Config != nil {
		if err := write("opensearch.xml", OpenSearch(s.Config.Title, s.BaseURL)); err != nil {
			return nil, err
		}
	}
	return st, write(Dir+"manifest.json", mustJSON(man))
}

// AvgLen is the average of the documents' weighted lengths (1 for none),
// rounded to 2 decimals so that the manifest states it exactly.
func AvgLen(docLen []float64) float64 {
	var total float64
	for _, l := range docLen {
		total += l
	}
	if len(docLen) == 0 || total <= 0 {
		return 1
	}
	return math.Round(total/float64(len(docLen))*100) / 100
}

// title is what the term postings say of a document: where each word
// first is in its title, and its signatures with the words that carry
// them (see EntrySignatures).
type title struct {
	pos  map[string]int
	sigs []signature
}

// signature is a title or model signature and the word that carries it.
type signature struct {
	field int    // InTitle or InMeta
	words []int  // pos<<TitleHashBits | TitleHash of each capped word, in order
	host  string // the word whose posting carries it
}

// titlesOf analyses the titles and models of s; p gives the df that says
// which words a cap cuts (those a signature holds) and picks each
// signature's host (the rarest word, the first on a tie), whose posting
// no cap cuts (truncate).
func titlesOf(s *site.Site, p *Postings) []title {
	df := make(map[string]int, len(p.Uni))
	for _, u := range p.Uni {
		df[u.Term] = len(u.Docs)
	}
	sign := func(ws []analysis.Word, field int) signature {
		sg := signature{field: field}
		for k, w := range ws {
			d := df[w.Fold]
			if d > MaxPostings && len(sg.words) < MaxSignature {
				pos := 0
				if field == InTitle {
					pos = min(k, MaxSignature-1)
				}
				sg.words = append(sg.words, pos<<TitleHashBits|TitleHash(w.Fold))
			}
			if d > 0 && (sg.host == "" || d < df[sg.host]) {
				sg.host = w.Fold
			}
		}
		return sg
	}
	out := make([]title, len(s.Articles))
	an := &analysis.Analyzer{}
	for i, a := range s.Articles {
		ws := an.Analyze(a.Title)
		t := title{pos: map[string]int{}}
		for k, w := range ws {
			if _, ok := t.pos[w.Fold]; !ok {
				t.pos[w.Fold] = k
			}
		}
		for _, sg := range []signature{sign(ws, InTitle), sign(an.Analyze(a.Model), InMeta)} {
			if len(sg.words) > 0 {
				t.sigs = append(t.sigs, sg)
			}
		}
		out[i] = t
	}
	return out
}

// carried returns the signatures of t that term's posting carries.
func (t title) carried(term string) []signature {
	var out []signature
	for _, sg := range t.sigs {
		if sg.host == term {
			out = append(out, sg)
		}
	}
	return out
}

// posting is one document of a term as encoded: doc, quantised impact q,
// heading bits, position in the title, exact-form mask, and imp, what
// ranks postings of equal q when a list is capped (truncate): the
// unquantised impact of a term posting, the count of a pair posting.
type posting struct {
	doc, q, fields, pos, mask, imp int
	sigs                           []signature // the signatures it carries
}

// encodeTerms encodes the term entries and shards them by term range; it
// returns the number of terms, each shard's first term and the shards.
// titles[d] is document d's title (titlesOf).
func encodeTerms(p *Postings, avg float64, titles []title) (int, []string, [][]byte) {
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
				MarkDocs(masks, u.Docs, v.Docs, 1<<k)
			}
		}
		ps := make([]posting, 0, len(u.Docs))
		for k, d := range u.Docs {
			q, raw := impact(float64(u.WTF[k]), p.DocLen[d], avg)
			ps = append(ps, posting{doc: int(d), q: q, imp: raw, fields: int(u.Fields[k]), pos: titles[d].pos[t], mask: masks[k], sigs: titles[d].carried(t)})
		}
		ps = truncate(ps)
		b.Reset()
		entry := make([]any, EntryPostings+1, EntrySignatures+1)
		entry[EntryTerm], entry[EntryDF], entry[EntryVariants] = t, len(u.Docs), names
		flat := make([]int, 0, 3*len(ps))
		var sigs []int
		prev := 0
		for k, p := range ps {
			flat = append(flat, p.doc-prev, p.q<<2|p.fields)
			if p.fields&InTitle != 0 {
				flat = append(flat, p.pos)
			}
			for _, sg := range p.sigs {
				sigs = append(append(sigs, k, sg.field, len(sg.words)), sg.words...)
			}
			if len(names) > 0 {
				flat = append(flat, p.mask)
			}
			prev = p.doc
		}
		entry[EntryPostings] = flat
		if sigs != nil {
			entry = append(entry, sigs)
		}
		entries = append(entries, mustJSON(entry))
	}
	first, files := shard(terms, entries, ShardBytes)
	return len(terms), first, files
}

// Impact is the quantised BM25 term-frequency part of a posting (1..Q):
// wtf·(k1+1)/(wtf + k1·(1−b+b·dl/avg)), divided by k1+1, scaled to Q.
func Impact(wtf, dl, avg float64) int {
	q, _ := impact(wtf, dl, avg)
	return q
}

// impact returns Impact and the same part unquantised, in millionths: a
// capped list of a word that nearly every document repeats holds hundreds
// of postings at the top of the scale, and the raw value, not the
// document number, says which of them to keep (a short article about the
// word through and through before a long one that repeats it).
func impact(wtf, dl, avg float64) (q, raw int) {
	imp := wtf * (K1 + 1) / (wtf + K1*(1-B+B*dl/avg))
	return max(1, min(Q, int(math.Round(imp/(K1+1)*Q)))), int(imp / (K1 + 1) * 1e6)
}

// encodePairs encodes the pair entries and puts them in buckets by hash
// (PairBucket), each sorted by term; it returns the number of pairs and
// the shards.
func encodePairs(bis []BiTerm, buckets int) (int, [][]byte) {
	entries := make([][]byte, 0, len(bis))
	total := 0
	for _, bt := range bis {
		ps := make([]posting, 0, len(bt.Docs))
		for k, d := range bt.Docs {
			ps = append(ps, posting{doc: int(d), imp: int(bt.Count[k]), fields: int(bt.Fields[k])})
		}
		ps = truncate(ps)
		entry := make([]any, PairDocs+1, PairHeads+1)
		entry[PairTerm], entry[PairDF] = bt.Term, len(bt.Docs)
		docs := make([]int, len(ps))
		var heads []int
		prev := 0
		for k, p := range ps {
			docs[k] = p.doc - prev
			prev = p.doc
			if p.fields != 0 {
				heads = append(heads, k<<2|p.fields)
			}
		}
		entry[PairDocs] = docs
		if heads != nil {
			entry = append(entry, heads)
		}
		e := mustJSON(entry)
		total += len(e) + 1
		entries = append(entries, e)
	}
	if buckets <= 0 {
		buckets = 1
		for buckets*BucketBytes < total {
			buckets *= 2
		}
	}
	files := make([]bytes.Buffer, buckets)
	for i, bt := range bis { // sorted by term, so each bucket is too
		f := &files[PairBucket(bt.Term, buckets)]
		if f.Len() == 0 {
			f.WriteByte('[')
		} else {
			f.WriteByte(',')
		}
		f.Write(entries[i])
	}
	out := make([][]byte, buckets)
	for i := range files {
		if files[i].Len() == 0 {
			files[i].WriteByte('[')
		}
		files[i].WriteByte(']')
		out[i] = files[i].Bytes()
	}
	return len(bis), out
}

// truncate keeps the postings that carry a signature and, up to
// MaxPostings in all, those of highest impact (q, then imp, then lower doc
// id), and returns them sorted by doc id. The heading bits do not count: a
// title is already worth five body words in q. ps comes in doc order, so
// a list under the cap is returned as it is (sorting every list cost
// about 2 s of CPU per 10k export).
func truncate(ps []posting) []posting {
	if len(ps) <= MaxPostings {
		return ps
	}
	slices.SortFunc(ps, func(a, b posting) int {
		switch {
		case (a.sigs != nil) != (b.sigs != nil):
			if a.sigs != nil {
				return -1
			}
			return 1
		case a.q != b.q:
			return b.q - a.q
		case a.imp != b.imp:
			return b.imp - a.imp
		}
		return a.doc - b.doc
	})
	keep := MaxPostings
	for keep < len(ps) && ps[keep].sigs != nil {
		keep++
	}
	ps = ps[:keep]
	slices.SortFunc(ps, func(a, b posting) int { return a.doc - b.doc })
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
		if field == "locality" {
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
			for _, l := range s.Localities {
				if l.Successor != nil {
					f.Succ[index[l.Slug]] = add(l.Successor.Slug)
				}
			}
			for len(f.Succ) < len(f.Values) {
				f.Succ = append(f.Succ, -1)
			}
		}
		fs.Fields[field] = f
	}
	return fs
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
