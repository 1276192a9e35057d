package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/site"
)

// Keying only the pages an edit can reach. A page's key walks everything
// the page shows (render.Key): at 10,000 articles, all 13,483 keys cost
// 0.7 s of CPU in a warm build that changed one article. Most edits
// change an article's title, summary or body, its display, and nothing a
// list is made of, its shape (site.Article.Fingerprints). When the site's
// graph is the one the last build keyed — the same inputs besides the
// articles, the same layouts, and every article the same shape at the
// same place — a page's key can change only if it read an article whose
// display changed: the render records which articles each key read
// (render.KeysAndArticles), and only the pages that read a changed one
// are keyed again. Every other page keeps the key, and the articles, the
// page cache holds for it. TestWarmBuildEqualsBuildFromScratch and
// TestGraphKeysMatchFullKeys check that nothing is missed.

// graphSum is the sum of what the site's graph is made of: the inputs
// that are not published articles (sitewide), the layouts and assets (the
// renderer's key), and each article's source path and shape, in order. It
// is zero, and no page's key is reused, when sitewide is.
func graphSum(sitewide [32]byte, r *render.Renderer, articles []*site.Article, shapes [][32]byte) [32]byte {
	if sitewide == ([32]byte{}) {
		return [32]byte{}
	}
	h := sha256.New()
	h.Write([]byte("danvan-page-graph-1\x00"))
	h.Write(sitewide[:])
	k := r.LayoutsKey()
	h.Write(k[:])
	var buf []byte
	for i, a := range articles {
		buf = binary.AppendUvarint(buf[:0], uint64(len(a.Path)))
		buf = append(append(buf, a.Path...), shapes[i][:]...)
		h.Write(buf)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// sitewideInputs hashes the inputs of the build (inputsKey) except the
// sources of the published articles: the options and every other file's
// sum. It is zero when the inputs were not hashed. The git history is
// left out: all a page reads of it is an article's "last updated" date
// (content.SetModified), part of that article's display, so a commit of
// one edited article (every deploy on Netlify) keys the pages of that
// article only.
func sitewideInputs(opts Options, in inputsCheck, s *site.Site) [32]byte {
	if in.key == "" || in.sums == nil {
		return [32]byte{}
	}
	published := make(map[string]bool, len(s.Articles))
	for _, a := range s.Articles {
		published[a.Path] = true
	}
	paths := make([]string, 0, len(in.sums))
	for p := range in.sums {
		if !published[p] {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf[:0], uint64(len(s)))
		h.Write(append(buf, s...))
	}
	str("danvan-sitewide-1")
	str(opts.BaseURL)
	str(fmt.Sprint(opts.Drafts, opts.NoIndex)) // as inputsKey spells them
	for _, p := range paths {
		str(p)
		sum := in.sums[p]
		h.Write(sum[:])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// keysOf returns the key of every page and the articles each read, on
// workers goroutines (render.KeysOn): the pages stalePages names are
// keyed (their number is keyed), the others keep the key prev holds. It
// also returns this build's graph sum and displays, for the next build's
// page cache. Pages from
// first on are built outside the core site.
func keysOf(res *Result, prev *pageCache, sitewide [32]byte, pages []*render.Page, first, workers int, more <-chan struct{}) (keys []render.Key, arts [][]int32, keyed int, graph [32]byte, displays [][32]byte) {
	shapes, displays := fingerprints(res.Site.Articles, workers)
	graph = graphSum(sitewide, res.Renderer, res.Site.Articles, shapes)
	keys, arts = make([]render.Key, len(pages)), make([][]int32, len(pages))
	stale := stalePages(prev, graph, displays, pages, first, keys, arts)
	todo := make([]*render.Page, len(stale))
	for i, at := range stale {
		todo[i] = pages[at]
	}
	k, a := res.Renderer.KeysAndArticles(todo, workers, more)
	for i, at := range stale {
		keys[at], arts[at] = k[i], a[i]
	}
	return keys, arts, len(stale), graph, displays
}

// fingerprints returns the shape and the display of every article
// (site.Article.Fingerprints), on workers goroutines.
func fingerprints(articles []*site.Article, workers int) (shapes, displays [][32]byte) {
	shapes, displays = make([][32]byte, len(articles)), make([][32]byte, len(articles))
	workers = max(workers, 1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(articles); i += workers {
				shapes[i], displays[i] = articles[i].Fingerprints()
			}
		})
	}
	wg.Wait()
	return shapes, displays
}

// stalePages returns which of pages must be keyed again, given the page
// cache of the last build and this build's graph sum and displays: all of
// them when the graph is not the one prev keyed; else those prev does not
// hold a key for, the extra ones (from first on: pages built outside the
// core site, whose values the shapes do not cover), and those that read
// an article whose display changed. keys and arts get the reused ones.
func stalePages(prev *pageCache, graph [32]byte, displays [][32]byte, pages []*render.Page, first int, keys []render.Key, arts [][]int32) []int {
	all := func() []int {
		out := make([]int, len(pages))
		for i := range out {
			out[i] = i
		}
		return out
	}
	if graph == ([32]byte{}) || prev.Graph != graph || len(prev.Displays) != len(displays) {
		return all()
	}
	changed := make([]bool, len(displays))
	for i := range displays {
		changed[i] = prev.Displays[i] != displays[i]
	}
	var stale []int
	for i, p := range pages {
		e, ok := prev.Pages[p.URL]
		if i >= first || !ok || e.Key == (render.Key{}) || readsAny(e.Articles, changed) {
			stale = append(stale, i)
			continue
		}
		keys[i], arts[i] = e.Key, e.Articles
	}
	return stale
}

// readsAny reports whether one of arts is changed.
func readsAny(arts []int32, changed []bool) bool {
	for _, a := range arts {
		if int(a) >= len(changed) || changed[a] {
			return true
		}
	}
	return false
}
