package site

import (
	"crypto/sha256"
	"encoding/binary"
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
	s.cache.related = memo
	s.cache.mu.Unlock()
}
