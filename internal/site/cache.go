package site

import (
	"crypto/sha256"
	"sort"
	"sync"

	"github.com/quangngai/danvan/internal/markdown"
)

// BodyCache keeps rendered Markdown between builds of a long-running
// preview. An entry is valid while the body and the set of link targets
// (articles, pages, site URLs, static files) are unchanged; images can
// change without either, so the server calls Reset when a non-Markdown
// file changes. It is safe for concurrent use.
type BodyCache struct {
	mu sync.Mutex
	m  map[string]bodyEntry
}

type bodyEntry struct {
	key     [32]byte
	out     *markdown.Result
	images  []Resource
	anchors []anchorRef
}

// NewBodyCache returns an empty cache.
func NewBodyCache() *BodyCache { return &BodyCache{m: map[string]bodyEntry{}} }

// Reset drops every entry.
func (c *BodyCache) Reset() {
	c.mu.Lock()
	c.m = map[string]bodyEntry{}
	c.mu.Unlock()
}

func (c *BodyCache) get(file string, key [32]byte) (bodyEntry, bool) {
	if c == nil {
		return bodyEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[file]
	return e, ok && e.key == key
}

func (c *BodyCache) put(file string, e bodyEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[file] = e
	c.mu.Unlock()
}

// linkKey hashes everything a resolver's answers depend on besides the
// body itself.
func (s *Site) linkKey(pages map[string]*Page) []byte {
	h := sha256.New()
	paths := make([]string, 0, len(s.byPath))
	for p := range s.byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		h.Write([]byte(p + "\x00" + s.byPath[p].URL + "\x00"))
	}
	pp := make([]string, 0, len(pages))
	for p, pg := range pages {
		pp = append(pp, p+"\x00"+pg.URL)
	}
	sort.Strings(pp)
	for _, p := range pp {
		h.Write([]byte(p + "\x00"))
	}
	for _, u := range s.urls {
		h.Write([]byte(u + "\x00"))
	}
	st := make([]string, 0, len(s.StaticURLs))
	for u := range s.StaticURLs {
		st = append(st, u)
	}
	sort.Strings(st)
	for _, u := range st {
		h.Write([]byte(u + "\x00"))
	}
	return h.Sum(nil)
}

func bodyKey(link, body []byte, bundle string) [32]byte {
	h := sha256.New()
	h.Write(link)
	h.Write([]byte(bundle + "\x00"))
	h.Write(body)
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}
