// Package static is the static search index danvan ships under
// public/tim-kiem/: its format (this file), the writer that encodes the
// postings read out of the index store (write.go), and the reader and
// scorer over the exported files (read.go, score.go, fuzzy.go), the one
// definition of ranking. static/js/search.js implements the reader and
// the scorer line for line; every position and constant of the format it
// uses is named in its FORMAT object, which the parity test compares with
// Format().
//
// Files, all JSON, under tim-kiem/ (<d> is chi-muc/<token>: FilesDir
// holds only versioned files, which never change once published and are
// cached for a year; the manifest, outside it, names each file's folder,
// see Manifest.Path):
//
//	manifest.json          Manifest: version, corpus statistics, shard bounds
//	<d>/u<i>.json          term shards: [entry, …] sorted by term; shard i
//	                       holds the terms from Manifest.Uni[i] on
//	<d>/b<i>.json          pair shards: [pair entry, …] sorted by term; a pair
//	                       is in shard PairBucket(term, Manifest.Buckets)
//	<d>/d<i>.json          document records i·Chunk … i·Chunk+Chunk-1
//	<d>/f0.json            Facets
//	<d>/w0.json            the word list for typo correction (fuzzy.go)
//
// Nothing in an entry depends on corpus-wide statistics: the client
// computes idf from a term's df and Manifest.N (Idf), and impacts use the
// average length Manifest.AvgLen, rounded coarsely enough (AvgLen) that
// an edit almost never moves it. So a change to some documents changes
// only the entries of their terms (update.go).
package static

import (
	"fmt"
	"hash/fnv"
	"math"
	"strconv"

	"github.com/quangngai/danvan/internal/search/analysis"
)

// Writer receives the exported files (build's output directory).
type Writer interface {
	WriteFile(name string, data []byte) error
}

// SumWriter is a Writer that can take a file's SHA-256 with its bytes
// (the build's output folder, which keeps a file whose sum it knows):
// Base.WriteOn passes the sums of Base.Sums, taken once when the file was
// made, so they are not computed again for every build.
type SumWriter interface {
	WriteFileSum(name string, data []byte, sum [32]byte) error
}

// ConcurrentWriter is a Writer whose WriteFile may be called from several
// goroutines at once (the build's output folder): Base.WriteOn then
// writes on several. Creating a file is mostly the system's work (about 0.1 ms each on
// the 2-core machine measured), and an export is 27,000 files at 10k
// articles, 116,000 at 50k.
type ConcurrentWriter interface {
	Writer
	WritesConcurrently()
}

// Parameters of the static index.
const (
	// K1 and B are BM25's parameters: K1 how soon more occurrences of a
	// term stop counting (term-frequency saturation), B how much a long
	// document is discounted (length normalisation).
	K1 = 1.2
	B  = 0.75
	// Q is the top of the quantised impact scale: each posting stores the
	// BM25 term-frequency part, wtf·(k1+1)/(wtf + k1·(1−b+b·dl/avgdl)),
	// divided by (k1+1) and scaled to 1..Q.
	Q = 63
	// IdfScale scales idf to an integer.
	IdfScale = 100
	// MaxPostings caps a term's posting list: very common terms keep their
	// MaxPostings highest-impact documents (df stays exact), and the
	// postings that carry a title signature. A document cut from the lists
	// of two very common words is still found through the pair they make,
	// when it holds them side by side, and through its title signature
	// (see Search).
	MaxPostings = 300
	// MaxVariants is the number of exact forms tracked per folded term.
	MaxVariants = 8
	// ShardBytes bounds the encoded size of one term shard, and
	// BucketBytes the average size of a pair shard.
	ShardBytes  = 6 << 10
	BucketBytes = 2 << 10
	// DocsPerChunk is the number of document records per file.
	DocsPerChunk = 1
	// SnippetRunes is the length of the text kept for snippets.
	SnippetRunes = 160
	// Dir is the output directory of the export, FilesDir the folder of
	// its versioned files (search.js: FILES).
	Dir      = "tim-kiem/"
	FilesDir = Dir + "chi-muc/"
)

// GroupFiles is how many files of a kind (term shards, pair shards,
// records) share a folder: the folder's name, a token, is a hash of their
// bytes (of their SHA-256s, Base.Sums), so a build that changes a few
// files moves only their groups to new folders, and every other file
// keeps its name (and its place in browsers' caches). An edited article changes a few dozen of the 27,000
// files of a 10,000-article export; the manifest holds one token per
// group, 8 hex digits (about 3.4 KB at 10,000 articles).
const GroupFiles = 64

// TokenLen is the length of a folder token (hex digits).
const TokenLen = 8

// Kinds of versioned files (Manifest.Tokens' keys): term shards, pair
// shards, records, facets, the word list.
const (
	KindTerms   = "u"
	KindPairs   = "b"
	KindRecords = "d"
	KindFacets  = "f"
	KindWords   = "w"
)

// Path is the path, under the output directory, of file i of a kind:
// in the folder of its group's token. search.js: Index.get.
func (m *Manifest) Path(kind string, i int) string {
	name := kind + strconv.Itoa(i) + ".json"
	t, at := m.Tokens[kind], i/GroupFiles*TokenLen
	t = t[min(at, len(t)):min(at+TokenLen, len(t))] // "" past the end: no such file
	return FilesDir + t + "/" + name
}

// Positions in a term entry: [term, df, variants, postings, signatures].
// Postings are flat: for each document, the gap from the previous
// document number (the first from 0), its impact, when the term is in the
// title its position there (the first, counted in words from 0), and,
// when the term has variants, a mask whose bit k says the document writes
// the term as variants[k]. The impact holds the quantised BM25 part q
// (1..Q) and the heading bits: q<<2 | InTitle | InMeta.
//
// Signatures, present only when some posting carries one, are flat too:
// for each, the posting's index k, the field (InTitle: the title; InMeta:
// the model), a count n and n words of that field, each pos<<TitleHashBits
// | TitleHash(word), pos its position (from 0; 0 in the model). Only the
// words whose lists a cap cuts are there: the other lists are whole. A
// document's title signature rides on the posting of its title's rarest
// word, its model signature on the one of its model's rarest word; no
// cap cuts those postings (keptPostings). So a query with such a word (a
// known-item query has it: it is the rarest) learns which of its other
// words, however common, the title or model holds, and where: the capped
// lists of very common words leave most documents out.
const (
	EntryTerm = iota
	EntryDF
	EntryVariants
	EntryPostings
	EntrySignatures
)

// Positions in a pair entry: [pair, df, docs, heads]. docs are gaps as in
// term entries, without impacts; heads, present only when the pair is in
// some document's title or meta field, lists k<<2 | InTitle | InMeta for
// each such document, k being its position in docs.
const (
	PairTerm = iota
	PairDF
	PairDocs
	PairHeads
)

// Heading bits of a posting: the term (or pair) is in the title, in the
// meta field (model, unit, tags).
const (
	InTitle = 1
	InMeta  = 2
)

// TitleHashBits is the size of a word's hash in a signature: with about a
// dozen words in a title, another word collides with one of them once in
// ninety thousand tests (a query word is tested against every signature
// its postings bring, hundreds; at 12 bits a title of another ward now
// and then passed for "Tịnh Khê").
const TitleHashBits = 20

// MaxSignature bounds the words of a signature.
const MaxSignature = 32

// TitleHash is the signature hash of a folded word: the top TitleHashBits
// bits of FNV-1a (32 bits) of its UTF-8 bytes.
func TitleHash(w string) int { return int(fnv32a(w) >> (32 - TitleHashBits)) }

// fnv32a is FNV-1a (32 bits) of the UTF-8 bytes of s. search.js: fnv.
func fnv32a(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// FieldBit returns the heading bit of a text field (0 for summary and
// body).
func FieldBit(field string) uint8 {
	switch field {
	case analysis.FieldTitle:
		return InTitle
	case analysis.FieldMeta:
		return InMeta
	}
	return 0
}

// Positions in a document record: [title, url, area, locality, date,
// summary, text], text being the start of the body after the summary.
const (
	RecTitle = iota
	RecURL
	RecArea
	RecLocality
	RecDate
	RecSummary
	RecText
)

// Manifest is tim-kiem/manifest.json: everything a client needs to find
// the other files, which never change once published (Path).
type Manifest struct {
	Version    string            `json:"v"`       // a hash of all the files: names the export
	Tokens     map[string]string `json:"t"`       // per kind, the folder tokens of its groups of GroupFiles files, end to end
	N          int               `json:"n"`       // documents
	AvgLen     float64           `json:"dl"`      // the average weighted length the impacts were computed with
	Chunk      int               `json:"chunk"`   // records per file
	Uni        []string          `json:"uni"`     // first term of each term shard u<i>.json
	Buckets    int               `json:"buckets"` // pair shards b0 … b<Buckets-1>; a power of two
	Areas      map[string]string `json:"areas"`
	Localities map[string]string `json:"loc"`
}

// Idf is the integer idf of a term (or pair) found in df of n documents:
// IdfScale·ln(1 + (n−df+0.5)/(df+0.5)), rounded. The client computes the
// same; the parity test compares both over every df.
func Idf(n, df int) int {
	return int(math.Round(IdfScale * math.Log(1+(float64(n-df)+0.5)/(float64(df)+0.5))))
}

// PairBucket is the pair shard that holds pair: FNV-1a (32 bits) of its
// UTF-8 bytes, modulo buckets (a power of two).
func PairBucket(pair string, buckets int) int {
	return int(fnv32a(pair) & uint32(buckets-1))
}

// Facets is tim-kiem/chi-muc/<token>/f0.json: per keyword field, the values and
// the value index of every document (-1 for none). Locality values have a
// successor index (-1 for none): a document counts for its unit and every
// unit it was merged into (see chain in read.go).
type Facets struct {
	Fields map[string]*Facet `json:"f"`
}

// Facet is one keyword field.
type Facet struct {
	Values []string `json:"v"`
	Succ   []int    `json:"s,omitempty"`
	Doc    []int    `json:"d"`
}

// Stats describe an export.
type Stats struct {
	Files, Bytes, UniTerms, BiTerms, UniShards, BiShards int
}

// MaxExactPerTerm is how many exact forms of one folded term a document
// records: the first ones met, reading title, meta, summary, body.
const MaxExactPerTerm = 3

// Params names the parameters of the format, for cache keys: an export
// made with other parameters is another export.
func Params() string {
	return fmt.Sprint(K1, B, Q, IdfScale, MaxPostings, MaxVariants, ShardBytes, BucketBytes, DocsPerChunk, SnippetRunes, MaxExactPerTerm, FuzzyMin)
}

// Format lists the names and values of the format's positions and
// constants that static/js/search.js repeats (its FORMAT object).
func Format() map[string]int {
	return map[string]int{
		"entryTerm": EntryTerm, "entryDF": EntryDF, "entryVariants": EntryVariants, "entryPostings": EntryPostings, "entrySignatures": EntrySignatures,
		"pairTerm": PairTerm, "pairDF": PairDF, "pairDocs": PairDocs, "pairHeads": PairHeads,
		"inTitle": InTitle, "inMeta": InMeta,
		"recTitle": RecTitle, "recURL": RecURL, "recArea": RecArea, "recLocality": RecLocality, "recDate": RecDate, "recSummary": RecSummary, "recText": RecText,
		"idfScale": IdfScale, "q": Q, "titleHashBits": TitleHashBits,
		"prefixTerms": PrefixTerms, "minPrefix": MinPrefix, "fuzzyMin": FuzzyMin, "maxCorrections": MaxCorrections, "maxQueryWords": MaxQueryWords, "maxWordRunes": analysis.MaxWordRunes,
	}
}

// Postings is what Write encodes: the content of the static index,
// documents numbered in site order. The index store reads it out of bleve
// (internal/search/store).
type Postings struct {
	DocLen []float64 // weighted length of each document: Σ field weight × field length
	Uni    []UniTerm // folded terms, sorted
	Bi     []BiTerm  // pairs, sorted
}

// UniTerm is one folded term with its postings.
type UniTerm struct {
	Term     string    // the folded term
	Docs     []int32   // documents holding it in any text field, ascending
	WTF      []float32 // weighted term frequency in each of Docs: Σ field weight × count
	Fields   []uint8   // heading bits (InTitle, InMeta) in each of Docs
	Variants []Variant // its exact forms, in any order
}

// Variant is one exact form of a folded term.
type Variant struct {
	Exact string  // analysis.ExactKey form
	Docs  []int32 // documents with this form among their first MaxExactPerTerm forms of the term, ascending
}

// BiTerm is one pair of adjacent folded terms with its postings.
type BiTerm struct {
	Term   string  // analysis.Bigram(a, b)
	Docs   []int32 // documents holding it, ascending
	Count  []int32 // occurrences in each of Docs
	Fields []uint8 // heading bits (InTitle, InMeta) in each of Docs
}

// MarkDocs ors bit into marks[k] for every docs[k] that is in has (both
// ascending).
func MarkDocs[T ~int | ~uint8](marks []T, docs, has []int32, bit T) {
	k := 0
	for _, d := range has {
		for k < len(docs) && docs[k] < d {
			k++
		}
		if k < len(docs) && docs[k] == d {
			marks[k] |= bit
		}
	}
}
