// Package static is the static search index danvan ships under
// public/tim-kiem/: its format (this file), the writer that encodes the
// postings read out of the index store (write.go), and the reader and
// scorer over the exported files (read.go, score.go), the one definition
// of ranking that static/js/search.js implements line for line.
package static

import "fmt"

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

// Stats describe an export.
type Stats struct {
	Files, Bytes, UniTerms, BiTerms, UniShards, BiShards int
}

// ExactBoost is the extra weight of a query word found with the same
// diacritics as typed: ×3 instead of ×2 (see Search).
const ExactBoost = 0.5

// MaxExactPerTerm is how many exact forms of one folded term a document
// records: the first ones met, reading title, meta, summary, body.
const MaxExactPerTerm = 3

// Params names the parameters of the format, for cache keys: an export
// made with other parameters is another export.
func Params() string {
	return fmt.Sprint(K1, B, Q, IdfScale, MaxPostings, MaxVariants, ShardBytes, BigramShardBytes, DocsPerChunk, SnippetRunes, ExactBoost, MaxExactPerTerm)
}

// Postings is what Write encodes: the content of the static index,
// documents numbered in site order. The index store reads it out of bleve
// (internal/search/store).
type Postings struct {
	DocLen []float64 // weighted length of each document: Σ field weight × field length
	Uni    []UniTerm // folded terms, sorted
	Bi     []BiTerm  // bigrams, sorted
}

// UniTerm is one folded term with its postings.
type UniTerm struct {
	Term     string    // the folded term
	Docs     []int32   // documents holding it in any text field, ascending
	WTF      []float32 // weighted term frequency in each of Docs: Σ field weight × count
	Variants []Variant // its exact forms, in any order
}

// Variant is one exact form of a folded term.
type Variant struct {
	Exact string  // analysis.ExactKey form
	Docs  []int32 // documents with this form among their first MaxExactPerTerm forms of the term, ascending
}

// BiTerm is one bigram with its postings.
type BiTerm struct {
	Term  string  // analysis.Bigram(a, b)
	Docs  []int32 // documents holding it, ascending
	Count []int32 // occurrences in each of Docs
}
