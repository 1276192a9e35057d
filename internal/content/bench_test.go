package content_test

import (
	"path/filepath"
	"testing"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/siteroot"
	"github.com/quangngai/danvan/internal/sitetest"
)

// BenchmarkLoad reads and checks a generated site of 2,000 articles
// without a cache: the content stage of a cold build (reading, cleaning,
// frontmatter). It reports the articles' bytes read a second.
func BenchmarkLoad(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	st, err := corpus.Generate(corpus.Options{N: 2000, Seed: 1, Template: sitetest.RepoRoot(b), Out: dir})
	if err != nil {
		b.Fatal(err)
	}
	fsys, err := siteroot.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer fsys.Close()
	b.SetBytes(st.ArticleBytes)
	for b.Loop() {
		c, probs, err := content.Load(fsys)
		if err != nil || probs.HasErrors() || len(c.Articles) != 2000 {
			b.Fatalf("Load: %v, %v, %d articles", err, probs.Errors(), len(c.Articles))
		}
	}
}
