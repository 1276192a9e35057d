package site

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"

	"github.com/quangngai/danvan/internal/cachefile"
)

// relatedMemo remembers the last choice of related articles. The choice
// depends only on each article's slug, date, area, locality, subject and
// tags, and on their order; an edit to a body or a title (what a preview
// sees most) changes none of them, so the next build reuses the answer
// instead of scoring ~160 candidates for each of 10k articles again.
type relatedMemo struct {
	key     [32]byte  // relateKey of the articles it was computed for
	related [][]int32 // for each article, indexes of its related articles
}

// relateKey hashes every input of relate, in article order.
func (s *Site) relateKey() [32]byte {
	h := sha256.New()
	var buf []byte
	str := func(v string) {
		buf = binary.AppendUvarint(buf, uint64(len(v)))
		buf = append(buf, v...)
	}
	for _, a := range s.Articles {
		buf = buf[:0]
		str(a.Slug)
		buf = binary.AppendVarint(buf, a.Date.Unix())
		str(a.AreaRef.Slug)
		str(a.LocalityRef.Slug)
		str(a.Subject)
		buf = binary.AppendUvarint(buf, uint64(len(a.Tags)))
		for _, t := range a.Tags {
			str(t)
		}
		h.Write(buf)
	}
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// cachedRelate sets Related from the memo when the inputs are unchanged,
// and otherwise computes it and remembers the answer.
func (s *Site) cachedRelate() {
	if s.cache == nil {
		s.relate()
		return
	}
	key := s.relateKey()
	s.cache.mu.Lock()
	memo := s.cache.related
	s.cache.mu.Unlock()
	if memo.key == key && len(memo.related) == len(s.Articles) {
		for i, a := range s.Articles {
			a.idx = i
			a.Related = make([]*Article, len(memo.related[i]))
			for j, r := range memo.related[i] {
				a.Related[j] = s.Articles[r]
			}
		}
		return
	}
	s.relate()
	memo = relatedMemo{key: key, related: make([][]int32, len(s.Articles))}
	for i, a := range s.Articles {
		memo.related[i] = make([]int32, len(a.Related))
		for j, r := range a.Related {
			memo.related[i][j] = int32(r.idx)
		}
	}
	s.cache.mu.Lock()
	s.cache.related, s.cache.relatedFresh = memo, true
	s.cache.mu.Unlock()
}

// The memo is saved beside the Markdown shards (relatedFile) so that a
// build from the command line reuses it too: at 10,000 articles choosing
// costs about 0.1 s of CPU in every warm build, reading the memo 1 ms.
const relatedFile = "related.bin"

func relatedKey(key string) string { return "related-v1\x00" + key }

// saveRelated writes the memo under key (the program's identity, so a
// changed choice rule never meets an old answer).
func saveRelated(dir, key string, m relatedMemo) error {
	return cachefile.SaveRecords(dir, relatedFile, relatedKey(key), func(e *cachefile.Encoder) {
		e.Sum(m.key)
		e.Uint(uint64(len(m.related)))
		for _, rs := range m.related {
			e.Uint(uint64(len(rs)))
			for _, r := range rs {
				e.Uint(uint64(r))
			}
		}
	})
}

// loadRelated reads a memo saved by saveRelated. An index that does not
// name one of the memo's articles is damage: the memo is not used.
func loadRelated(dir, key string) (relatedMemo, error) {
	m, ok, warn := cachefile.LoadRecords(filepath.Join(dir, relatedFile), relatedKey(key), func(d *cachefile.Decoder) relatedMemo {
		m := relatedMemo{key: d.Sum()}
		n := d.Count(1)
		m.related = make([][]int32, n)
		for i := range m.related {
			rs := make([]int32, d.Count(1))
			for j := range rs {
				r := d.Uint()
				if r >= uint64(n) {
					d.Fail(fmt.Errorf("bài liên quan số %d, chỉ có %d bài", r, n))
					return relatedMemo{}
				}
				rs[j] = int32(r)
			}
			m.related[i] = rs
		}
		return m
	})
	if !ok {
		return relatedMemo{}, warn
	}
	return m, nil
}
