package markdown

import (
	"strconv"

	"github.com/quangngai/danvan/internal/vi"
	"github.com/yuin/goldmark/ast"
)

// ids generates heading ids that are readable Vietnamese slugs
// ("Đà Nẵng" → "da-nang"), unique within the page. goldmark's default
// generator drops every non-ASCII byte.
type ids struct {
	used map[string]bool
}

func newIDs(reserved []string) *ids {
	u := make(map[string]bool, len(reserved)+8)
	for _, r := range reserved {
		u[r] = true
	}
	return &ids{used: u}
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := vi.Slug(string(value))
	if base == "" {
		base = "muc"
	}
	id := base
	for i := 2; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
