package site

import (
	"bytes"
	"crypto/sha256"
	"sort"
	"sync"
)

// BodyCache keeps work of the page graph between builds of a long-running
// preview: rendered Markdown, and the last choice of related articles.
// A Markdown entry is valid while the body and the set of link targets
// (articles, pages, site URLs, static files) are unchanged; images can
// change without either, so the server calls Reset when a non-Markdown
// file changes. It is safe for concurrent use.
type BodyCache struct {
	mu           sync.Mutex
	m            map[string]bodyEntry // by source path
	related      relatedMemo          // guarded by mu
	relatedFresh bool                 // related was chosen by this process (Save writes it)
	hashed       bool                 // saved between runs (NewHashedBodyCache): bodies by hash, consulted files checked
	used         map[string]bool      // hashed: files looked up by this process
}

type bodyEntry struct {
	file   string   // source path
	link   [32]byte // linkKey of the build that rendered it
	bundle string   // bundle folder (resolves relative images)
	body   []byte   // the Markdown it was rendered from, compared byte for byte
	sum    [32]byte // hashed: SHA-256 of that Markdown, instead of body
	rendered
	images  []Resource  // files the body publishes
	anchors []anchorRef // links to headings of other documents
	asked   int         // images the render asked of the image processor
	deps    []dep       // hashed: files the render consulted, with their hashes
	fresh   bool        // hashed: rendered by this process (its shard must be saved)
}

// NewBodyCache returns an empty cache.
func NewBodyCache() *BodyCache { return &BodyCache{m: map[string]bodyEntry{}} }

// Reset drops every entry.
func (c *BodyCache) Reset() {
	c.mu.Lock()
	c.m = map[string]bodyEntry{}
	c.related = relatedMemo{}
	c.used = map[string]bool{}
	c.mu.Unlock()
}

// get compares bodies byte for byte: cheaper than hashing every body on
// every rebuild, and exact.
// A hashed cache compares hashes, and the files the render consulted.
func (c *BodyCache) get(file string, link [32]byte, bundle string, body []byte, sums *fileSums) (bodyEntry, bool) {
	if c == nil {
		return bodyEntry{}, false
	}
	c.mu.Lock()
	e, ok := c.m[file]
	if c.hashed {
		c.used[file] = true
	}
	c.mu.Unlock()
	if !ok || e.link != link || e.bundle != bundle {
		return bodyEntry{}, false
	}
	if !c.hashed {
		return e, sameBytes(e.body, body)
	}
	return e, e.sum == sha256.Sum256(body) && depsValid(e, sums)
}

// getSum is get for a hashed cache and a body known by its SHA-256.
func (c *BodyCache) getSum(file string, link [32]byte, bundle string, sum [32]byte, sums *fileSums) (bodyEntry, bool) {
	if c == nil || !c.hashed {
		return bodyEntry{}, false
	}
	c.mu.Lock()
	e, ok := c.m[file]
	c.used[file] = true
	c.mu.Unlock()
	if !ok || e.link != link || e.bundle != bundle {
		return bodyEntry{}, false
	}
	return e, e.sum == sum && depsValid(e, sums)
}

// sameBytes is bytes.Equal with a shortcut: an unchanged file comes back
// from the content cache as the very same slice, and comparing 10k bodies
// byte for byte costs tens of milliseconds per rebuild.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// put stores a render; consulted lists the files it read besides the body.
func (c *BodyCache) put(file string, e bodyEntry, consulted []string, sums *fileSums) {
	if c == nil {
		return
	}
	if c.hashed {
		deps, ok := depsOf(consulted, sums)
		if !ok {
			return
		}
		e.sum, e.body, e.deps, e.fresh = sha256.Sum256(e.body), nil, deps, true
	}
	e.file = file
	c.mu.Lock()
	c.m[file] = e
	c.mu.Unlock()
}

// linkKey hashes everything a resolver's answers depend on besides the
// body itself.
func (s *Site) linkKey(pages map[string]*Page) [32]byte {
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
	if s.images != nil {
		h.Write([]byte("images processed\x00")) // variants and srcset, not originals
	}
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}
