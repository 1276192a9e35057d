// Package serve is the preview server for editors: it builds the site in
// memory, serves it as Netlify would, watches content/, layouts/ and
// static/, rebuilds only what changed and reloads the open browser tabs.
// Requests are routed as the static host does it (internal/host), the rule
// tests and benchmarks use to serve a build from disk.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/host"
	"github.com/quangngai/danvan/internal/markdown"
	"github.com/quangngai/danvan/internal/render"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// Options configure the preview server.
type Options struct {
	Source string           // site root
	Addr   string           // listen address; loopback unless the user asks otherwise
	Drafts bool             // show drafts
	Log    io.Writer        // messages
	Ready  func(url string) // called once the first build is served (tests)
	Delay  time.Duration    // quiet time that ends a burst of saves; 0 means 50 ms
}

// Server holds the last good build and the connected browsers.
type Server struct {
	// siteMu keeps readers of the page graph (renders, extras) out while
	// a patch writes an article's new body into it (patch).
	siteMu       sync.RWMutex
	opts         Options
	fsys         fs.FS
	base         string          // http://host:port/
	port         string          // the port listened on
	name         string          // the host named by Options.Addr, lowercased ("" for none)
	contentCache *content.Cache  // parsed articles
	bodyCache    *site.BodyCache // rendered Markdown, by article
	search       *store.Store    // bleve index the search export is read from, kept across rebuilds

	mu      sync.RWMutex
	cur     *state           // last good build
	gen     uint64           // number of good builds so far (pages carry theirs)
	errs    content.Problems // errors of the latest build, nil when it was good
	clients map[chan event]bool
}

// state is one good build, rendered lazily on request.
type state struct {
	siteMu *sync.RWMutex // the server's: held while the page graph is read
	res    *build.Result
	search *store.Store            // the server's index, brought up to this build by extra
	pages  map[string]*render.Page // URL → page
	static map[string]string       // URL → file in the site root
	css    string                  // URL of the fingerprinted stylesheet
	gen    uint64                  // which good build this is

	mu     sync.Mutex
	html   map[string][]byte // rendered pages
	extras map[string][]byte // feeds, sitemap, search index…, made on first need
	xerr   error
}

type event struct {
	name string // reload | css | problems
	data string
}

// Run serves until ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	if opts.Delay == 0 {
		opts.Delay = 50 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("mở cổng %s: %w", opts.Addr, err)
	}
	root, err := build.OpenSite(opts.Source)
	if err != nil {
		ln.Close()
		return err
	}
	defer root.Close()
	s := &Server{
		opts:         opts,
		fsys:         root,
		base:         "http://" + ln.Addr().String() + "/",
		port:         portOf(ln.Addr().String()),
		name:         strings.ToLower(strings.Trim(hostOf(opts.Addr), "[]")),
		contentCache: content.NewWatchedCache(),
		bodyCache:    site.NewBodyCache(),
		clients:      map[chan event]bool{},
	}
	// The build's search cache: a one-article edit re-indexes one article,
	// and its merger keeps the index in few segments over a long session.
	// While a `danvan build` holds it, the server indexes in memory.
	if s.search, err = store.Open(build.SearchCacheDir(build.Options{Source: opts.Source}), opts.Log); err != nil {
		ln.Close()
		return err
	}
	defer s.search.Close()
	start := time.Now()
	if err := s.rebuild(false); err != nil {
		ln.Close()
		return err
	}
	w, err := newWatcher(opts.Source)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.close()
	if s.errs != nil {
		fmt.Fprintf(opts.Log, "Nội dung đang có lỗi (trình duyệt sẽ hiện chi tiết):\n%s\n", s.errs.Errors().Error())
	}
	fmt.Fprintf(opts.Log, "Đã dựng trong %s. Xem tại %s (Ctrl-C để dừng)\n", time.Since(start).Round(time.Millisecond), s.base)

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.watch(ctx, w)
	go func() {
		<-ctx.Done()
		s.closeClients()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if opts.Ready != nil {
		opts.Ready(s.base)
	}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// rebuild runs the in-memory stages and swaps in the new state when it is
// good. With errors, the last good state stays and browsers get the list.
func (s *Server) rebuild(cssOnly bool) error {
	return s.rebuildWith(cssOnly, false)
}

// rebuildWith can reuse the parsed layouts when only content changed.
func (s *Server) rebuildWith(cssOnly, contentOnly bool) error {
	kept := &build.State{ContentCache: s.contentCache, BodyCache: s.bodyCache}
	opts := build.Options{Source: s.opts.Source, BaseURL: s.base, Drafts: s.opts.Drafts, State: kept}
	s.mu.RLock()
	if contentOnly && s.cur != nil && s.errs == nil {
		kept.Renderer, kept.Assets = s.cur.res.Renderer, s.cur.res.Assets
	}
	s.mu.RUnlock()
	res, err := build.Prepare(s.fsys, opts)
	var ce *build.ContentError
	if err != nil && !errors.As(err, &ce) {
		return err
	}
	if ce != nil {
		s.mu.Lock()
		s.errs = res.Problems.Errors()
		s.mu.Unlock()
		s.broadcast(event{"problems", problemsJSON(res.Problems.Errors())})
		return nil
	}
	if s.search == nil {
		// A server made by a test without Run.
		if s.search, err = store.NewMem(s.opts.Log); err != nil {
			return err
		}
	}
	st := &state{siteMu: &s.siteMu, res: res, search: s.search, pages: map[string]*render.Page{}, static: map[string]string{}, html: map[string][]byte{}}
	for _, p := range res.Renderer.Pages(res.Site) {
		p.Site = res.Site
		st.pages[p.URL] = p
	}
	for _, f := range res.Assets.Files {
		st.static[res.Assets.URLs[f]] = "static/" + f
	}
	st.css = res.Assets.URLs["css/app.css"]
	for _, r := range res.Site.Resources {
		st.static[r.URL] = r.Src
	}
	s.mu.Lock()
	hadErrs := s.errs != nil
	s.gen++
	st.gen = s.gen
	s.cur, s.errs = st, nil
	s.mu.Unlock()
	if cssOnly && !hadErrs {
		s.broadcast(event{"css", st.css})
	} else {
		s.broadcast(event{"reload", ""})
	}
	return nil
}

func problemsJSON(ps content.Problems) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	b, _ := json.Marshal(lines)
	return string(b)
}

// ServeHTTP serves pages rendered on demand, files of the site root, the
// extras, and the live-reload endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.ownHost(r.Host) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "Máy chủ xem thử chỉ trả lời khi được gọi bằng địa chỉ của chính nó (%s), không phải %q.\n", s.base, r.Host)
		return
	}
	switch r.URL.Path {
	case "/_danvan/livereload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = io.WriteString(w, liveReloadJS)
		return
	case "/_danvan/events":
		s.events(w, r)
		return
	case "/_danvan/status":
		// The browser asks once its event stream is open: anything it
		// missed while loading (a newer build, new errors) shows here.
		s.mu.RLock()
		errs, gen := s.errs, s.gen
		s.mu.RUnlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, `{"gen":%d,"problems":%s}`, gen, problemsJSON(errs))
		return
	}
	s.mu.RLock()
	st, errs := s.cur, s.errs
	s.mu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")
	if st == nil {
		// No good build yet: a page that lists the errors and reloads
		// itself once they are fixed.
		var b bytes.Buffer
		b.WriteString("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Nội dung có lỗi</title></head><body><h1>Nội dung có lỗi</h1><pre>")
		b.WriteString(html.EscapeString(errs.Error()))
		b.WriteString("</pre></body></html>")
		s.inject(w, b.Bytes(), http.StatusInternalServerError, 0)
		return
	}
	host.Serve(w, r, preview{s, st})
}

// preview is one good build as the static host sees it: pages rendered on
// request, files of the site root, and the extras (feeds, search files…).
type preview struct {
	s  *Server
	st *state
}

// pageURL is the URL of the page that would be written to file:
// "a/index.html" is "/a/", "404.html" is "/404.html".
func pageURL(file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

func (v preview) Has(file string) bool {
	if v.st.pages[pageURL(file)] != nil {
		return true
	}
	if _, ok := v.st.static["/"+file]; ok {
		return true
	}
	_, ok := v.st.extra("/" + file)
	return ok
}

func (v preview) Send(w http.ResponseWriter, r *http.Request, file string, status int) {
	if pg := v.st.pages[pageURL(file)]; pg != nil {
		v.s.page(w, v.st, pg, status)
		return
	}
	if src, ok := v.st.static["/"+file]; ok {
		data, err := build.ReadAsset(v.s.fsys, src)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		host.Write(w, r, file, status, data)
		return
	}
	data, _ := v.st.extra("/" + file)
	// Not the web editor's page: decap-server (git mode) checks branches
	// out in the working tree on every save, and a reload would throw
	// the editor out of what it is doing.
	if strings.HasSuffix(file, ".html") && !strings.HasPrefix(file, cms.Dir+"/") {
		v.s.inject(w, data, status, v.st.gen)
		return
	}
	host.Write(w, r, file, status, data)
}

// page renders a page (once per build) and adds the live-reload script.
func (s *Server) page(w http.ResponseWriter, st *state, pg *render.Page, code int) {
	st.mu.Lock()
	data, ok := st.html[pg.URL]
	st.mu.Unlock()
	if !ok {
		var buf bytes.Buffer
		st.siteMu.RLock()
		err := st.res.Renderer.Render(&buf, pg)
		st.siteMu.RUnlock()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		data = buf.Bytes()
		st.mu.Lock()
		st.html[pg.URL] = data
		st.mu.Unlock()
	}
	s.inject(w, data, code, st.gen)
}

// inject adds the live-reload script, tagged with the build that made the
// page, before </body>.
func (s *Server) inject(w http.ResponseWriter, data []byte, code int, gen uint64) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
		_, _ = w.Write(data[:i])
		fmt.Fprintf(w, `<script src="/_danvan/livereload.js" data-gen="%d" defer></script>`, gen)
		_, _ = w.Write(data[i:])
		return
	}
	_, _ = w.Write(data)
}

// memOutput collects files in memory.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOutput) WriteFile(name string, data []byte) error {
	// Outputs name files with or without the leading slash (the search
	// export writes "tim-kiem/…"); requests always have it.
	name = "/" + strings.TrimPrefix(name, "/")
	m.mu.Lock()
	m.files[name] = append([]byte(nil), data...)
	m.mu.Unlock()
	return nil
}

// extra returns a feed, the sitemap, a search file or another output of
// build.WriteExtras, producing all of them on the first request.
func (st *state) extra(p string) ([]byte, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.extras == nil && st.xerr == nil {
		out := &memOutput{files: map[string][]byte{}}
		st.siteMu.RLock()
		st.xerr = build.WriteExtras(st.res, out, st.search, nil)
		st.siteMu.RUnlock()
		st.extras = out.files
	}
	if data, ok := st.extras[p]; ok {
		return data, true
	}
	data, ok := st.extras[render.FileFor(p)]
	return data, ok
}

// events streams Server-Sent Events to one browser tab.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan event, 8)
	s.mu.Lock()
	s.clients[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, ch)
		s.mu.Unlock()
	}()
	_, _ = io.WriteString(w, ": ok\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-ch:
			if !open {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			fl.Flush()
		}
	}
}

func (s *Server) broadcast(ev event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for ch := range s.clients {
		select {
		case ch <- ev:
		default: // a stalled tab must not block rebuilds
		}
	}
}

func (s *Server) closeClients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		close(ch)
		delete(s.clients, ch)
	}
}

// ownHost reports whether a request's Host header names this server: its
// port, with an IP address, "localhost" or the host it was told to listen
// on. Any other name is refused: a web page whose name the attacker's DNS
// points at 127.0.0.1 (DNS rebinding) would otherwise be same-origin with
// the preview and could read it, drafts included. An IP address cannot be
// rebound, and it reaches this server only if it is one of its own.
func (s *Server) ownHost(h string) bool {
	host, port := hostOf(h), portOf(h)
	if port != s.port {
		return false
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	return host == "localhost" || net.ParseIP(host) != nil || (s.name != "" && host == s.name)
}

// hostOf and portOf split "host:port" ("[::1]:1313"); a missing port is "".
func hostOf(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

func portOf(hostport string) string {
	if _, p, err := net.SplitHostPort(hostport); err == nil {
		return p
	}
	return ""
}

// patch applies an edit of article bodies (paths: article files) to the
// current build in place, when the graph can take it as it is
// (site.PatchBodies); it reports false when a rebuild is needed. The new
// build shares everything with the current one but the rendered pages and
// extras, made again on request.
func (s *Server) patch(paths []string) bool {
	s.mu.RLock()
	cur, errs := s.cur, s.errs
	s.mu.RUnlock()
	if cur == nil || errs != nil {
		return false
	}
	old, ok := cur.res.Site.Sources(paths)
	if !ok {
		return false
	}
	sources, probs := s.contentCache.Reread(s.fsys, old)
	if probs.HasErrors() {
		return false
	}
	for _, a := range sources {
		if a == nil {
			return false
		}
	}
	content.SetModifiedCached(s.opts.Source, &content.Content{Articles: sources}, s.contentCache)
	bp, ok := cur.res.Site.PatchBodies(sources, markdown.New(site.ReservedIDs...))
	if !ok {
		return false
	}
	s.siteMu.Lock()
	bp.Apply()
	s.siteMu.Unlock()
	// Pages copy some of what they show (an article's summary is its
	// description): list them again from the patched graph.
	st := &state{siteMu: &s.siteMu, res: cur.res, search: cur.search, pages: map[string]*render.Page{}, static: cur.static, css: cur.css, html: map[string][]byte{}}
	for _, p := range cur.res.Renderer.Pages(cur.res.Site) {
		p.Site = cur.res.Site
		st.pages[p.URL] = p
	}
	s.mu.Lock()
	s.gen++
	st.gen = s.gen
	s.cur = st
	s.mu.Unlock()
	s.broadcast(event{"reload", ""})
	return true
}
