package store

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sort"

	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// IndexVersion names the analysis (Analyze, vi.Fold, ExactKey), the
// document layout (bleveDocument), the inputs hashed by docHash and what
// the store keeps where (documents' hashes in the commit record since
// version 3, not in the index). Bump it whenever one of them changes: a
// cache written under another version is rebuilt from scratch. (Mapping
// changes are detected by themselves: see schemaID.)
const IndexVersion = "danvan-search-3"

// Hash is the content hash of one article's searchable content.
type Hash [16]byte

// docHash hashes everything of an article that reaches the index or the
// export: the analysed text fields, the keyword fields, and the record
// shown in results (URL, title, area, locality, date, summary, snippet
// text). An article whose hash is unchanged need not be analysed again.
func docHash(a *site.Article) Hash {
	h := sha256.New()
	put := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	put(IndexVersion)
	put(a.URL)
	put(a.Title)
	put(analysis.MetaText(a))
	put(a.Summary)
	put(a.Text)
	put(a.Area)
	put(static.RecordLocality(a))
	put(a.Date.Format("2006-01-02"))
	putKeys(h, put, analysis.DocKeys(a))
	var out Hash
	copy(out[:], h.Sum(nil))
	return out
}

// putKeys hashes keyword fields in a fixed order.
func putKeys(h hash.Hash, put func(string), keys map[string][]string) {
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		put(k)
		for _, v := range keys[k] {
			put(v)
		}
		h.Write([]byte{0})
	}
}
