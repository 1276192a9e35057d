// Package build runs the pipeline: load content → site model → render
// pages, feeds and static files into a fresh directory → swap it into
// place. A failed build leaves the previous output untouched.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/images"
	"github.com/quangngai/danvan/internal/markdown"
	"github.com/quangngai/danvan/internal/progress"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/siteroot"
)

// Options say what to build. Run, Check and Prepare work on their own
// copy: they never write into the caller's Options or its State.
type Options struct {
	Source  string    // site root holding content/, layouts/, static/
	Dest    string    // output directory; "" checks without writing
	BaseURL string    // overrides base_url of _site.yaml
	Drafts  bool      // publish drafts
	NoIndex bool      // preview build: noindex header, meta and robots.txt
	Log     io.Writer // progress and warnings (a terminal gets one updating line per stage); nil for silence
	Now     time.Time // "today"; zero means time.Now

	// CacheDir keeps work between builds (images/ holds processed
	// images); "" means <Source>/.danvan-cache.
	CacheDir string

	// State is what a long-running caller (the preview server) keeps
	// from one build to the next; nil for a one-off build.
	State *State

	// Sized, when set, is called once Run has counted the articles
	// (content/bai-viet/**/*.md), before it reads them: the command sets
	// the process's memory limit from the count. Not called when there is
	// nothing to build.
	Sized func(articles int)
}

// State is work kept between builds by the caller that owns it. The build
// reads and updates what the fields point to (a cache gains entries) but
// never replaces a field: a nil field means the build makes its own for
// this run only.
type State struct {
	// Images processes images; nil makes one on CacheDir for Run and
	// Check. Prepare alone (the preview server) publishes originals.
	Images *images.Processor

	// Search is the bleve index the search export is read from; nil opens
	// the one in CacheDir for the build (see SearchCacheDir).
	Search *store.Store

	ContentCache *content.Cache   // parsed articles by file time and size
	BodyCache    *site.BodyCache  // rendered Markdown by body and link targets
	Renderer     *render.Renderer // parsed layouts to reuse when layouts/ and static/ are unchanged
	Assets       *Assets          // static files to reuse with Renderer
}

// state is a copy of opts.State (zero when nil) for a build to fill in.
func (opts Options) state() State {
	if opts.State == nil {
		return State{}
	}
	return *opts.State
}

// Stats summarise a build.
type Stats struct {
	Articles int           // published articles
	Pages    int           // HTML pages written
	Files    int           // all files written
	Reused   int           // files hard-linked unchanged from the previous output
	Rendered int           // HTML pages rendered (the others were unchanged: see render.Key)
	Keyed    int           // HTML pages whose key was computed (the others kept the last build's: pagedeps.go)
	Warnings int           // warnings reported
	Images   images.Stats  // images processed, and found in the cache
	Duration time.Duration // wall time
}

// ContentError is returned when the content or the layouts have errors;
// Problems lists all of them (warnings included).
type ContentError struct {
	Problems content.Problems
}

func (e *ContentError) Error() string {
	return fmt.Sprintf("%d lỗi trong nội dung:\n%s", len(e.Problems.Errors()), e.Problems.Errors().Error())
}

// Result is the outcome of the in-memory stages, shared by build, check
// and (later) serve.
type Result struct {
	Site     *site.Site
	Renderer *render.Renderer
	Assets   *Assets
	Problems content.Problems
}

// Prepare loads and validates everything and renders the Markdown, without
// writing. Problems that are errors come back as *ContentError.
func Prepare(fsys fs.FS, opts Options) (*Result, error) {
	return prepare(fsys, opts, opts.state())
}

// prepare is Prepare with the state Run or Check filled in.
func prepare(fsys fs.FS, opts Options, st State) (*Result, error) {
	prog := progress.New(opts.Log)
	opts.Log = prog
	// The static files and the layouts are read beside the content: they
	// need nothing of it, and the content's loading leaves a core idle
	// part of the time (a warm build at 10,000 articles waited 40-70 ms
	// for them after the content).
	layout := make(chan loadedLayout, 1)
	go func() { layout <- loadLayout(fsys, st) }()
	c, probs, err := content.LoadCached(fsys, st.ContentCache)
	if err != nil {
		<-layout // nothing of a build outlives it
		return nil, err
	}
	if c != nil {
		if opts.Source != "" {
			content.SetModifiedCached(opts.Source, c, st.ContentCache)
		}
		prog.Step("Đọc nội dung: %s bài viết, %s trang", progress.Count(len(c.Articles)), progress.Count(len(c.Pages)))
	}
	l := <-layout
	if l.err != nil {
		return nil, l.err
	}
	assets, rdr := l.assets, l.rdr
	probs = append(probs, l.probs...)
	res := &Result{Renderer: rdr, Assets: assets}
	if c != nil && !probs.HasErrors() {
		md := markdown.New(site.ReservedIDs...)
		stage := prog.Stage("Dựng Markdown, ảnh và liên kết", "bài", len(c.Articles)+len(c.Pages))
		s, sprobs, err := site.New(fsys, c, md, site.Options{BaseURL: opts.BaseURL, Drafts: opts.Drafts, NoIndex: opts.NoIndex, Now: opts.Now, Cache: st.BodyCache, Images: imageProcessor(st.Images), Progress: stage.Add})
		if err != nil {
			return nil, err
		}
		stage.Done()
		probs = append(probs, sprobs...)
		res.Site = s
	} else if c != nil {
		// Still render Markdown so link and image errors show in the same run.
		md := markdown.New(site.ReservedIDs...)
		_, sprobs, err := site.New(fsys, c, md, site.Options{BaseURL: opts.BaseURL, Drafts: true, Now: opts.Now, Images: imageProcessor(st.Images)})
		if err != nil {
			return nil, err
		}
		probs = append(probs, sprobs...)
	}
	probs = append(probs, linkProblems(fsys)...)
	probs.Sort()
	res.Problems = probs
	if st.Images != nil {
		// A full disk fails every new image: say so, not that the
		// articles are wrong.
		if err := st.Images.StoreFailure(); err != nil {
			return nil, err
		}
	}
	if probs.HasErrors() {
		return res, &ContentError{Problems: probs}
	}
	return res, nil
}

// loadedLayout is what loadLayout read.
type loadedLayout struct {
	assets *Assets          // the static files, hashed
	rdr    *render.Renderer // the layouts, parsed
	probs  content.Problems // the layouts' problems
	err    error            // an unreadable file
}

// loadLayout reads the static files and parses the layouts, unless the
// caller's state has them already.
func loadLayout(fsys fs.FS, st State) loadedLayout {
	l := loadedLayout{assets: st.Assets, rdr: st.Renderer}
	if l.assets == nil {
		if l.assets, l.err = LoadAssets(fsys); l.err != nil {
			return l
		}
	}
	if l.rdr == nil {
		l.rdr, l.probs, l.err = render.Load(fsys, l.assets.URLs)
	}
	return l
}

// linkProblems are the symbolic links a site root left out of its
// listings while the site was read: each is an error on the link itself.
func linkProblems(fsys fs.FS) content.Problems {
	sf, ok := fsys.(*siteroot.FS)
	if !ok {
		return nil
	}
	var probs content.Problems
	for _, p := range sf.TakeProblems() {
		probs = append(probs, content.Problem{File: p.Path, Msg: p.Msg})
	}
	return probs
}

// OpenSite opens the site root at dir for reading: nothing outside it is
// ever read (see siteroot).
func OpenSite(dir string) (*siteroot.FS, error) {
	if dir == "" {
		dir = "."
	}
	return siteroot.Open(dir)
}

// Check loads and validates the site at opts.Source without writing. The
// result is nil only for I/O errors; otherwise its Problems hold every
// error and warning.
func Check(opts Options) (*Result, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if _, err := os.Stat(opts.Source); err != nil {
		return nil, fmt.Errorf("thư mục trang web %q: %w", opts.Source, err)
	}
	st := withImages(opts)
	fsys, err := OpenSite(opts.Source)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	res, err := prepare(fsys, opts, st)
	var ce *ContentError
	if err != nil && !errors.As(err, &ce) {
		return nil, err
	}
	return res, nil
}

// Run builds the site at opts.Source into opts.Dest.
func Run(ctx context.Context, opts Options) (*Stats, error) {
	// A body of the saved Markdown cache is checked only when read
	// (site.Article.HTML): one found damaged costs its shard of the cache
	// and the build is made again, rendering that shard's bodies. Each
	// article's shard is dropped at most once, so this ends.
	dropped := map[string]bool{}
	for {
		st, err := run(ctx, opts)
		var damaged *site.DamagedBodyError
		if !errors.As(err, &damaged) || opts.state().BodyCache != nil || dropped[damaged.File] {
			return st, err
		}
		if derr := site.DropBody(buildCacheDir(opts), damaged.File); derr != nil {
			return st, err
		}
		dropped[damaged.File] = true
		warn(opts.Log, fmt.Errorf("%w: bỏ phần đó của bộ đệm và dựng lại", damaged))
	}
}

// run is Run, once.
func run(ctx context.Context, opts Options) (*Stats, error) {
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if _, err := os.Stat(opts.Source); err != nil {
		return nil, fmt.Errorf("thư mục trang web %q: %w", opts.Source, err)
	}
	fsys, err := OpenSite(opts.Source)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	prog := progress.New(opts.Log)
	opts.Log = prog // warnings go through it: they never share a line with a stage's progress
	// While the inputs are hashed, the output is opened: a spare it
	// reuses is then listed beside the loading stages, which leave a core
	// idle (listSpare). If nothing changed, it is given back. (Reading the
	// caches there too made a warm build slower: the hashing keeps both
	// cores busy.)
	checked := make(chan inputsCheck, 1)
	go func() { checked <- unchangedBuild(fsys, opts, prog) }()
	var out *dirOutput
	var outErr error
	var held bytes.Buffer // its warnings, printed if the build goes on
	if opts.Dest != "" {
		early := opts
		early.Log = &held
		out, outErr = openOutput(early)
	}
	inputs := <-checked
	defer inputs.waitSaved(prog)
	if out != nil {
		// Every return short of the swap gives the work folder back.
		defer func() {
			if !out.swapped {
				out.abort()
			}
		}()
	}
	if inputs.stats != nil {
		inputs.stats.Duration = time.Since(start)
		return inputs.stats, nil
	}
	prog.Write(held.Bytes())
	if outErr != nil {
		return nil, outErr
	}
	if opts.Sized != nil {
		opts.Sized(countArticles(fsys, inputs.sums))
	}
	state := withImages(opts)
	var caches *diskCaches
	if state.ContentCache == nil && state.BodyCache == nil {
		caches = openCaches(opts, opts.Log)
	}
	if caches != nil {
		state.ContentCache, state.BodyCache = caches.content, caches.bodies
		caches.content.KnownSums(inputs.sums) // read moments ago: not again
		caches.content.KnownHistory(inputs.history)
	}
	// The search index opens beside the loading stages, which leave a
	// core idle part of the time (0.1 s at 10,000 articles).
	var opening *openingStore
	if state.Search == nil && opts.Dest != "" {
		opening = openStore(SearchCacheDir(opts), opts.Log)
		defer opening.close()
	}
	res, err := prepare(fsys, opts, state)
	var warnings []string
	for _, w := range state.Images.Warnings() {
		warnings = append(warnings, "cảnh báo: "+w.Error())
	}
	if res != nil {
		for _, p := range res.Problems.Warnings() {
			warnings = append(warnings, p.Error())
		}
	}
	for _, w := range warnings {
		fmt.Fprintln(prog, w)
	}
	if res != nil {
		// Saved beside the next stages, which do not read the caches
		// (at 10,000 articles, writing an edit's 8 MB content cache and
		// Markdown shard held up the build for 0.06 s). The Markdown
		// cache is complete only when the site was built. Its rendered
		// bodies are in the articles now: then the caches are freed (the
		// site keeps a pointer to the Markdown cache, so it is emptied).
		saved := make(chan struct{})
		go func(caches *diskCaches, complete bool) {
			defer close(saved)
			caches.save(opts.Log, complete)
			caches.release()
		}(caches, err == nil)
		defer func() { <-saved }()
		caches, state.ContentCache, state.BodyCache = nil, nil, nil
	}
	if err != nil {
		return nil, err
	}
	releaseSources(res.Site)
	st := &Stats{Articles: len(res.Site.Articles), Warnings: len(res.Problems.Warnings()), Images: state.Images.Stats()}
	st.Images.Cached += res.Site.ImagesReused // variants that came with a cached Markdown render
	if opts.Dest == "" {
		st.Duration = time.Since(start)
		return st, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	idx := state.Search
	if idx == nil {
		if idx, err = opening.wait(); err != nil {
			return nil, err
		}
	}
	pages := openPageCache(opts)
	if err := write(fsys, res, out, st, prog, idx, pages, sitewideInputs(opts, inputs, res.Site), state.Images, opts.Log); err != nil {
		var pe *content.Problem
		if errors.As(err, &pe) {
			return nil, &ContentError{Problems: content.Problems{*pe}}
		}
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The page cache is saved beside the swap, whose sweep runs on one
	// core: it only says which key gave which bytes, true whether or not
	// the swap succeeds (a page is kept only where the manifest vouches
	// that the output holds those very bytes: keepFile).
	pagesSaved := make(chan error, 1)
	go func() { pagesSaved <- pages.save(buildCacheDir(opts)) }()
	cerr := out.commit()
	if err := <-pagesSaved; err != nil && opts.Log != nil {
		fmt.Fprintf(opts.Log, "cảnh báo: %v (lần dựng sau sẽ dựng lại mọi trang)\n", err)
	}
	if cerr != nil {
		out.removeTrash()
		return nil, cerr
	}
	st.Files, st.Reused = out.count(), int(out.linked.Load())
	saveRecords(opts, out, inputs, st, warnings)
	prog.Step("Thay thư mục đầu ra: %s tệp, %s tệp không đổi", progress.Count(st.Files), progress.Count(st.Reused))
	st.Duration = time.Since(start)
	return st, nil
}

// saveRecords writes what a build that swapped its output in keeps for the
// next one, each record to a file of its own, all at once, while the
// folders the sweep set aside are deleted: one after the other they were
// 0.05-0.07 s at the end of every warm build at 10,000 articles. The
// warnings are printed after, in a fixed order.
func saveRecords(opts Options, out *dirOutput, inputs inputsCheck, st *Stats, warnings []string) {
	dir := buildCacheDir(opts)
	var errs [4]error
	var wg sync.WaitGroup
	wg.Go(out.removeTrash)
	wg.Go(func() {
		if err := out.manifest().save(dir); err != nil {
			errs[0] = fmt.Errorf("%w (lần dựng sau sẽ ghi lại mọi tệp)", err)
		}
	})
	wg.Go(func() {
		if err := out.saveFolders(dir); err != nil {
			errs[1] = fmt.Errorf("%w (lần dựng sau nữa sẽ đọc lại mọi thư mục)", err)
		}
	})
	wg.Go(func() {
		for _, f := range oldCacheFiles {
			os.Remove(filepath.Join(dir, f))
		}
		if inputs.content != "" {
			if err := stampBuild(opts, inputs.content); err != nil {
				errs[2] = fmt.Errorf("%w (danvan search sẽ không biết nội dung có đổi sau lần dựng này không)", err)
			}
		}
	})
	wg.Go(func() { errs[3] = inputs.record(opts, st, warnings) })
	wg.Wait()
	for _, err := range errs {
		warn(opts.Log, err)
	}
}

// openingStore is a search index being opened (openStore).
type openingStore struct {
	done chan struct{} // closed once the index is open, or failed to
	idx  *store.Store
	err  error
}

// openStore opens the search index in dir on a goroutine of its own.
func openStore(dir string, log io.Writer) *openingStore {
	o := &openingStore{done: make(chan struct{})}
	go func() {
		defer close(o.done)
		o.idx, o.err = store.Open(dir, log)
		if o.err == nil {
			o.idx.Prefetch()
		}
	}()
	return o
}

// wait returns the index once open.
func (o *openingStore) wait() (*store.Store, error) {
	<-o.done
	return o.idx, o.err
}

// close closes the index, once open (whether used or not).
func (o *openingStore) close() {
	if idx, err := o.wait(); err == nil {
		idx.Close()
	}
}

// write renders every output file. pages holds the page cache of the
// previous build, and then of this one; sitewide is sitewideInputs. proc remakes image variants the
// cache damaged; log gets the warning.
func write(fsys fs.FS, res *Result, out *dirOutput, st *Stats, prog *progress.Reporter, idx *store.Store, pages *pageCache, sitewide [32]byte, proc *images.Processor, log io.Writer) (err error) {
	// Updating an index (most builds) runs beside the pages: it reads what
	// the page stage leaves (Text, Summary…, never HTML), and most of it
	// (the index's postings, one term after another) runs on one core while
	// the pages take the other (10k articles, one edited: 5.04 → 4.48 s).
	// Indexing a whole site keeps every core busy by itself: beside the
	// pages it took 2 s longer, so it comes after them.
	beside := idx.Len() >= len(res.Site.Articles)*9/10
	var searching chan struct{} // closed when the update beside is done
	if beside {
		searched := make(chan error, 1)
		searching = make(chan struct{})
		go func() {
			err := syncSearch(res, out, idx, prog, true, false)
			close(searching)
			searched <- err
		}()
		defer func() {
			if serr := <-searched; err == nil {
				err = serr
			}
			prog.Mark()
		}()
	} else {
		defer func() {
			if err == nil {
				// After the pages, the search export is the texts' last
				// reader: the site goes with the build.
				err = syncSearch(res, out, idx, prog, false, true)
			}
		}()
	}
	// The report pages go with the others, through the page cache; their
	// tables and the jury lists are written here.
	reports, err := res.Renderer.ReportFiles(res.Site, out)
	if err != nil {
		return fmt.Errorf("thống kê, cuộc thi: %w", err)
	}
	// The feeds and the sitemap read the site, never a page or a body:
	// they are written beside the pages from the moment the pages' keys
	// are known. In a warm build the search update has left its core by
	// then, and the last steps ran on one core (keeping the pages 40 ms,
	// the feeds and sitemap 40 ms, at 10,000 articles).
	var feeds chan error
	startFeeds := func() {
		feeds = make(chan error, 1)
		go func() {
			start := time.Now()
			feeds <- writeFeeds(res, out, func(format string, args ...any) { prog.StepFrom(start, format, args...) })
		}()
	}
	n, keyed, rendered, next, err := writePages(res, out, pages, sitewide, reports, prog, searching, startFeeds)
	if feeds != nil {
		if ferr := <-feeds; err == nil {
			err = ferr
		}
		prog.Mark()
	}
	if err != nil {
		return err
	}
	*pages = *next
	st.Pages, st.Keyed, st.Rendered = n, keyed, rendered
	releaseBodies(res.Site)
	if err := res.Assets.Copy(fsys, out); err != nil {
		return err
	}
	for _, r := range res.Site.Resources {
		if r.Path != "" {
			data, err := variantBytes(fsys, r, proc, log)
			if err != nil {
				return err
			}
			if err := out.WriteFile(r.URL, data); err != nil {
				return err
			}
			continue
		}
		if err := out.copyFile(fsys, r.Src, r.URL); err != nil {
			return err
		}
	}
	prog.Step("Chép tệp tĩnh và ảnh: %s tệp", progress.Count(len(res.Assets.Files)+len(res.Site.Resources)))
	if err := writeEditor(res, out); err != nil {
		return err
	}
	prog.Step("Thống kê, cuộc thi, trình soạn bài")
	return nil
}

// counted passes files on and counts them in a stage.
type counted struct {
	render.Output
	stage *progress.Stage
}

func (c counted) WriteFile(name string, data []byte) error {
	err := c.Output.WriteFile(name, data)
	c.stage.Add(1)
	return err
}

// variantBytes reads an image variant from the cache and checks it against
// the sum recorded when it was made: a variant the cache damaged is made
// again from its source image (with a warning), never published.
func variantBytes(fsys fs.FS, r site.Resource, proc *images.Processor, log io.Writer) ([]byte, error) {
	data, err := os.ReadFile(r.Path)
	if err == nil && sha256.Sum256(data) == r.Sum {
		return data, nil
	}
	if proc == nil || r.Image == "" {
		return nil, fmt.Errorf("ảnh đã xử lý %s không đọc được hoặc bị hỏng (%v): xóa thư mục bộ đệm rồi dựng lại", r.Path, err)
	}
	warn(log, fmt.Errorf("ảnh đã xử lý %s trong bộ đệm bị hỏng hoặc mất: làm lại từ %s", r.Path, r.Image))
	set, err := proc.Remake(fsys, r.Image, r.Crop)
	if err != nil {
		return nil, fmt.Errorf("làm lại ảnh %s: %w", r.Image, err)
	}
	for _, v := range slices.Concat(set.Variants, derefOG(set)) {
		if filepath.Base(v.File) != filepath.Base(r.Path) {
			continue
		}
		data, err := os.ReadFile(v.File)
		if err != nil || sha256.Sum256(data) != v.Sum {
			return nil, fmt.Errorf("làm lại ảnh %s: bộ đệm ảnh %s không ghi đúng được (%v)", r.Image, v.File, err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("làm lại ảnh %s: không còn bản %s", r.Image, filepath.Base(r.Path))
}

// derefOG lists the Open Graph crop of set, if it has one.
func derefOG(set *images.Set) []images.Variant {
	if set.OG == nil {
		return nil
	}
	return []images.Variant{*set.OG}
}

// WriteExtras writes every output that is not a core HTML page or a copied
// file: feeds, sitemap, robots.txt, redirects, the search index and the
// outputs of features. The preview server calls it, into memory. The
// search export is read out of idx, updated to the site first. prog (nil
// for none) hears of each step.
func WriteExtras(res *Result, out render.Output, idx *store.Store, prog *progress.Reporter) error {
	if err := writeFeeds(res, out, prog.Step); err != nil {
		return err
	}
	if err := syncSearch(res, out, idx, prog, false, false); err != nil {
		return err
	}
	return writeReports(res, out, prog)
}

// writeFeeds writes the feeds, the sitemap, robots.txt and redirects, and
// reports the step with step (the reporter's Step, or StepFrom when it runs
// beside other steps).
func writeFeeds(res *Result, out render.Output, step func(format string, args ...any)) error {
	if _, err := res.Renderer.Feeds(res.Site, out); err != nil {
		return err
	}
	if err := res.Renderer.Meta(res.Site, out); err != nil {
		return err
	}
	step("Nguồn tin, sơ đồ trang")
	return nil
}

// syncSearch updates idx to the site and writes the search export. beside
// says it runs beside other steps: its line then shows its own time. last
// says nothing reads the articles' texts after it or beside it, so the
// export may let them go (store.Store.SyncLast): not so in the preview
// server, which keeps its site to patch edits into.
func syncSearch(res *Result, out render.Output, idx *store.Store, prog *progress.Reporter, beside, last bool) error {
	start := time.Now()
	sync := idx.Sync
	if last {
		sync = idx.SyncLast
	}
	us, es, err := sync(res.Site, out)
	if err != nil {
		return fmt.Errorf("chỉ mục tìm kiếm: %w", err)
	}
	step := prog.Step
	if beside {
		step = func(format string, args ...any) { prog.StepFrom(start, format, args...) }
	}
	if us.Reused {
		step("Chỉ mục tìm kiếm: không bài nào đổi, dùng lại %s tệp", progress.Count(es.Files))
	} else {
		step("Chỉ mục tìm kiếm: %s bài đánh lại, %s bài xóa, %s tệp", progress.Count(us.Indexed), progress.Count(us.Deleted), progress.Count(es.Files))
	}
	return nil
}

// writeReports writes the statistics, the contest's jury lists and the
// web editor.
func writeReports(res *Result, out render.Output, prog *progress.Reporter) error {
	if err := res.Renderer.Reports(res.Site, out); err != nil {
		return fmt.Errorf("thống kê, cuộc thi: %w", err)
	}
	if err := writeEditor(res, out); err != nil {
		return err
	}
	prog.Step("Thống kê, cuộc thi, trình soạn bài")
	return nil
}

// writeEditor writes the web editor.
func writeEditor(res *Result, out render.Output) error {
	if err := cms.Write(res.Site.Config, res.Assets.URLs[cms.Bundle], out); err != nil {
		return fmt.Errorf("trình soạn bài /%s/: %w", cms.Dir, err)
	}
	return nil
}

// withImages is the state of a build of opts, with an image processor on
// its cache directory when the caller gave none.
func withImages(opts Options) State {
	st := opts.state()
	if st.Images == nil {
		st.Images = images.New(filepath.Join(cacheDir(opts), "images"))
	}
	return st
}

// openPageCache reads the page cache of the previous build; a problem is
// a warning, and every page is rendered.
func openPageCache(opts Options) *pageCache {
	program, err := programKey()
	if err != nil {
		program = "" // no cache can match
	}
	pc, err := loadPageCache(buildCacheDir(opts), program)
	warn(opts.Log, err)
	if program == "" {
		pc.Pages = map[string]pageEntry{}
	}
	return pc
}

// openOutput starts the temporary output directory, with the manifest of
// the previous output when the cache has a usable one.
func openOutput(opts Options) (*dirOutput, error) {
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return nil, fmt.Errorf("thư mục đầu ra %s: %w", opts.Dest, err)
	}
	prev, err := loadManifest(buildCacheDir(opts), dest)
	if err != nil && opts.Log != nil {
		fmt.Fprintf(opts.Log, "cảnh báo: %v\n", err)
	}
	return newDirOutputIn(dest, prev, buildCacheDir(opts), func(err error) { warn(opts.Log, err) })
}

// buildCacheDir holds the build's own caches: the output manifest.
func buildCacheDir(opts Options) string { return filepath.Join(cacheDir(opts), "build") }

// cacheDir is the root of the caches kept between builds.
func cacheDir(opts Options) string {
	if opts.CacheDir != "" {
		return opts.CacheDir
	}
	return filepath.Join(opts.Source, ".danvan-cache")
}

// stampBuild records the finished build for `danvan search` (store.Stamp).
func stampBuild(opts Options, contentSum string) error {
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return err
	}
	ix, err := static.Open(os.DirFS(dest))
	if err != nil {
		return err
	}
	return store.WriteStamp(SearchCacheDir(opts), store.Stamp{Dest: dest, Version: ix.Manifest.Version, Built: time.Now(), Content: contentSum, Drafts: opts.Drafts})
}

// SearchCacheDir is where the bleve index is kept between builds.
func SearchCacheDir(opts Options) string {
	return filepath.Join(cacheDir(opts), "search")
}

// imageProcessor avoids a typed nil inside the site's interface.
func imageProcessor(p *images.Processor) site.ImageProcessor {
	if p == nil {
		return nil
	}
	return p
}

// The build frees the two biggest things it holds as soon as no later
// stage reads them (a 50k-article site holds 330 MB of Markdown sources
// and more of rendered HTML). Each release ends a stage; its contract is
// what no stage after it may read.

// releaseSources ends the Markdown stage (Prepare): every body is rendered
// (Article.HTML, Text, Headings, Summary) and the Markdown cache is saved,
// so from here no stage reads Article.Body (or Unread), which is nil.
func releaseSources(s *site.Site) {
	for _, a := range s.Articles {
		a.Body, a.Unread = nil, nil
	}
}

// releaseBodies ends the page stage (writePages): every article page is
// written, rendered or kept unchanged from the previous build by the page
// cache, so from here no stage reads Article.HTML, which is empty. Feeds,
// the search index and the report read Summary and Text; the search index
// reads the text last, and lets it go when it runs after the pages
// (syncSearch).
func releaseBodies(s *site.Site) {
	for _, a := range s.Articles {
		a.ReleaseHTML()
	}
}
