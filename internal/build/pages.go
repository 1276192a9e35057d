package build

import (
	"fmt"
	"path"
	"path/filepath"
	"runtime"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/progress"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/site"
)

// pageCacheFile keeps, under <CacheDir>/build/, the key and the output of
// every HTML page of the last build (see render.Key): a page whose key is
// unchanged and whose file the output still holds is not rendered again.
const pageCacheFile = "pages.bin"

// pageCacheVersion changes with the format or meaning of the page cache.
const pageCacheVersion = 3

// pageCache maps page URLs to their key and the file it produced.
type pageCache struct {
	Version  int
	Program  string               // programKey of the danvan that wrote it
	Graph    [32]byte             // graphSum of the site it keyed (pagedeps.go), zero if unknown
	Displays [][32]byte           // each published article's display fingerprint, in Site.Articles order
	Pages    map[string]pageEntry // URL path → entry
}

type pageEntry struct {
	Key      render.Key // the page's key when rendered
	Sum      [32]byte   // SHA-256 of the HTML it produced
	Size     int64      // its length
	Articles []int32    // the articles its key read (render.KeysAndArticles), sorted
}

// loadPageCache reads the page cache of dir written by program. Any
// problem means an empty cache (every page is rendered), with a warning
// when the file is there but unreadable.
func loadPageCache(dir, program string) (*pageCache, error) {
	pc := &pageCache{Version: pageCacheVersion, Program: program, Pages: map[string]pageEntry{}}
	got, ok, warn := cachefile.LoadRecords(filepath.Join(dir, pageCacheFile), pageCacheKey(program), decodePageCache)
	if warn != nil {
		return pc, fmt.Errorf("bộ đệm trang %w (lần này dựng lại mọi trang)", warn)
	}
	if !ok || got.Version != pageCacheVersion || got.Program != program {
		return pc, nil
	}
	return got, nil
}

// The record layout of a saved page cache: version, program, graph sum,
// the number of displays and each one, the number of pages, then each
// page's URL, key, sum, size and articles (their number, then each as the
// difference from the one before). decodePageCache reads it back;
// TestPageCacheRecordRoundTrip covers every field.
func encodePageCache(e *cachefile.Encoder, pc *pageCache) {
	e.Int(pc.Version)
	e.String(pc.Program)
	e.Sum(pc.Graph)
	e.Uint(uint64(len(pc.Displays)))
	for _, d := range pc.Displays {
		e.Sum(d)
	}
	e.Uint(uint64(len(pc.Pages)))
	for u, p := range pc.Pages {
		e.String(u)
		e.Fixed(p.Key[:])
		e.Sum(p.Sum)
		e.Int(int(p.Size))
		e.Uint(uint64(len(p.Articles)))
		last := int32(0)
		for _, a := range p.Articles {
			e.Int(int(a - last))
			last = a
		}
	}
}

func decodePageCache(d *cachefile.Decoder) *pageCache {
	pc := &pageCache{Version: d.Int(), Program: d.String(), Graph: d.Sum()}
	if n := d.Count(32); n > 0 {
		pc.Displays = make([][32]byte, n)
		for i := range pc.Displays {
			pc.Displays[i] = d.Sum()
		}
	}
	n := d.Count(67)
	pc.Pages = make(map[string]pageEntry, n)
	for range n {
		u := d.String()
		var p pageEntry
		d.Fixed(p.Key[:])
		p.Sum, p.Size = d.Sum(), int64(d.Int())
		if k := d.Count(1); k > 0 {
			p.Articles = make([]int32, k)
			last := int32(0)
			for i := range p.Articles {
				last += int32(d.Int())
				p.Articles[i] = last
			}
		}
		pc.Pages[u] = p
	}
	return pc
}

// pageCacheKey is the cachefile key of the page cache: another format or
// another danvan makes it stale.
func pageCacheKey(program string) string {
	return fmt.Sprintf("pages-v%d\x00%s", pageCacheVersion, program)
}

func (pc *pageCache) save(dir string) error {
	err := cachefile.SaveRecords(dir, pageCacheFile, pageCacheKey(pc.Program), func(e *cachefile.Encoder) { encodePageCache(e, pc) })
	if err != nil {
		return fmt.Errorf("ghi bộ đệm trang: %w", err)
	}
	return nil
}

// writePages renders the pages of the site and the extra ones whose key
// changed, or whose previous file the output cannot keep, and keeps the
// others; it returns the number of pages, the number keyed (keysOf), the
// number rendered and the page cache for the next build. searching, when
// not nil, says the search index
// is updated at the same time, until searching is closed: the pages' keys
// leave it a core until then. (With the keys on every core the search
// update got about half of one, and it ended a warm build: 10,000
// articles, one edited, 6 alternating runs, 2.45 → 2.35 s. Once page
// faults cost less, the update ended first and the keys went on on one
// core: hence the core they take back.) keyed is called once the keys are
// known, before any page is kept or rendered.
func writePages(res *Result, out *dirOutput, prev *pageCache, sitewide [32]byte, extra []*render.Page, prog *progress.Reporter, searching <-chan struct{}, keyed func()) (int, int, int, *pageCache, error) {
	core := res.Renderer.Pages(res.Site)
	pages := append(core, extra...)
	stage := prog.Stage("Viết trang HTML", "trang", len(pages))
	workers := runtime.GOMAXPROCS(0)
	if searching != nil {
		workers--
	}
	keys, arts, nkeyed, graph, displays := keysOf(res, prev, sitewide, pages, len(core), workers, searching)
	keyed()
	next := &pageCache{Version: pageCacheVersion, Program: prev.Program, Graph: graph, Displays: displays, Pages: make(map[string]pageEntry, len(pages))}
	var todo []*render.Page
	var todoKeys []render.Key
	var todoArts [][]int32
	kept := 0
	for i, p := range pages {
		e, ok := prev.Pages[p.URL]
		if ok && keys[i] != (render.Key{}) && e.Key == keys[i] && out.keepFile(render.FileFor(p.URL), e.Sum, e.Size) {
			e.Articles = arts[i]
			next.Pages[p.URL] = e
			kept++
			continue
		}
		todo = append(todo, p)
		todoKeys = append(todoKeys, keys[i])
		todoArts = append(todoArts, arts[i])
	}
	stage.Add(kept)
	if err := res.Renderer.RenderPages(todo, releasing{counted{out, stage}, bodiesOf(todo)}); err != nil {
		return 0, 0, 0, nil, err
	}
	for i, p := range todo {
		if todoKeys[i] == (render.Key{}) {
			continue
		}
		if f, ok := out.written(render.FileFor(p.URL)); ok {
			next.Pages[p.URL] = pageEntry{Key: todoKeys[i], Sum: f.Sum, Size: f.ID.Size, Articles: todoArts[i]}
		}
	}
	stage.DoneNote(progress.Count(len(todo)) + " dựng lại")
	return len(pages), nkeyed, len(todo), next, nil
}

// releasing passes the pages on, and lets an article's rendered body go
// once its page is written: the page is the only reader of the body
// (releaseBodies), and a 50,000-article cold build held 400 MB of bodies
// through its whole page stage, the collector marking them each cycle.
type releasing struct {
	render.Output
	bodies map[string]*site.Article // file name → the article whose body that page shows
}

func (r releasing) WriteFile(name string, data []byte) error {
	err := r.Output.WriteFile(name, data)
	if a := r.bodies[name]; a != nil {
		a.ReleaseHTML()
	}
	return err
}

// bodiesOf maps the files of the article pages among pages to their
// articles.
func bodiesOf(pages []*render.Page) map[string]*site.Article {
	m := map[string]*site.Article{}
	for _, p := range pages {
		if p.Kind == "article" && p.Article != nil {
			m[render.FileFor(p.URL)] = p.Article
		}
	}
	return m
}

// keepFile makes the output hold, at name, the previous output's file with
// the given hash and size, without its bytes: the spare's file when it is
// that very file, or a hard link to it. It reports false when it cannot
// (the caller then writes the file).
func (o *dirOutput) keepFile(name string, sum [32]byte, size int64) bool {
	full, url, err := o.path(name)
	if err != nil {
		return false
	}
	id, ok := fileID{}, false
	if o.spare {
		id, ok = o.keep(full, url, sum, size)
	}
	if !ok {
		if o.spare && makeRoom(full) != nil {
			return false // the spare's stale copy stays in the way: WriteFile deals with it
		}
		id, ok = o.reuse(sum, size, full)
	}
	if !ok {
		return false
	}
	o.linked.Add(1)
	o.files.Add(1)
	o.mu.Lock()
	o.next[url] = outFile{Sum: sum, ID: id}
	o.mu.Unlock()
	return true
}

// written returns what the output holds at name.
func (o *dirOutput) written(name string) (outFile, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f, ok := o.next[path.Clean("/"+name)]
	return f, ok
}
