package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/host"
)

// CDN serves a built site from root as Netlify's edge does: text files go
// out gzip-compressed, each compressed once and then sent from memory, as
// an edge cache holds them; files that are already compressed (Pagefind's)
// go out as they are. Compressing on every request, as this handler did
// before stop 30, put the server's work on the 2 cores the measured
// browser runs on: about a third of a millisecond per index file, and
// the page's requests waited for it. A reader's browser does not share
// its CPU with the server. The compressed bytes are those of
// gzip.DefaultCompression, as before; a response now says its length
// instead of being sent in chunks (a few bytes less per file, as HTTP/2
// from Netlify sends it).
type CDN struct {
	inner http.Handler
	mu    sync.Mutex
	files map[string]*cdnFile // URL path → its compressed response
}

// cdnFile is one compressed response: the headers the site's handler
// set, and the compressed body.
type cdnFile struct {
	header http.Header
	body   []byte
}

// NewCDN serves root; the text files under each of preload (folders of the
// site, "tim-kiem") are compressed at once, so that a measurement never
// waits for a first compression.
func NewCDN(root string, preload ...string) (*CDN, error) {
	c := &CDN{inner: host.Dir(root), files: map[string]*cdnFile{}}
	for _, dir := range preload {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isText(p) {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			_, err = c.file("/" + filepath.ToSlash(rel))
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("compress %s: %w", dir, err)
		}
	}
	return c, nil
}

// isText reports whether a path is sent compressed (a folder is its
// index.html).
func isText(p string) bool {
	switch filepath.Ext(p) {
	case ".html", ".js", ".json", ".css", ".xml", ".svg":
		return true
	}
	return strings.HasSuffix(p, "/")
}

func (c *CDN) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	whole := r.Method == http.MethodGet && r.Header.Get("Range") == "" && r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == ""
	if !whole || !isText(r.URL.Path) || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		c.inner.ServeHTTP(w, r)
		return
	}
	f, err := c.file(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if f == nil { // not a 200: the site's handler answers (404 page, redirect)
		c.inner.ServeHTTP(w, r)
		return
	}
	for k, v := range f.header {
		w.Header()[k] = v
	}
	w.Write(f.body)
}

// file returns the compressed response for path, compressing it on first
// use; nil when the site does not answer it with 200 OK.
func (c *CDN) file(path string) (*cdnFile, error) {
	c.mu.Lock()
	f, ok := c.files[path]
	c.mu.Unlock()
	if ok {
		return f, nil
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	c.inner.ServeHTTP(rec, req)
	if rec.status == http.StatusOK {
		var buf bytes.Buffer
		gz := gzip.NewWriter(&buf)
		if _, err := gz.Write(rec.body.Bytes()); err != nil {
			return nil, err
		}
		if err := gz.Close(); err != nil {
			return nil, err
		}
		rec.header.Set("Content-Encoding", "gzip")
		rec.header.Set("Content-Length", strconv.Itoa(buf.Len()))
		f = &cdnFile{header: rec.header, body: buf.Bytes()}
	}
	c.mu.Lock()
	c.files[path] = f
	c.mu.Unlock()
	return f, nil
}

// recorder keeps what a handler writes.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }

// WireServer serves a handler on 127.0.0.1 and counts, per request path,
// the bytes it writes to the socket: status line, headers, chunk framing
// and the (compressed) body, as they leave the server. Counting at the
// server, not in the page, sees every request, also those made from a Web
// Worker (Pagefind fetches its index from one, out of sight of the page's
// network events).
//
// Requests on one HTTP/1.1 connection are served one after another and a
// response is written out before the next request is read, so the bytes
// written on a connection belong to the request it is serving.
type WireServer struct {
	URL string // http://127.0.0.1:port

	srv   *http.Server
	mu    sync.Mutex
	bytes map[string]int64 // path → bytes since the last Take
}

type connKey struct{}

// countConn is one accepted connection; cur is the path of the request it
// is serving.
type countConn struct {
	net.Conn
	ws  *WireServer
	cur string
}

// Write counts p before sending it: counted after, the last bytes of a
// response could reach the client, and a Take made as soon as the client
// had read them, before they were counted (a CI run counted 4,096 bytes of
// a 10,041-byte response). What a failed write did not send is taken off.
func (c *countConn) Write(p []byte) (int, error) {
	c.ws.mu.Lock()
	path := c.cur
	c.ws.bytes[path] += int64(len(p))
	c.ws.mu.Unlock()
	n, err := c.Conn.Write(p)
	if n < len(p) {
		c.ws.mu.Lock()
		c.ws.bytes[path] -= int64(len(p) - n)
		c.ws.mu.Unlock()
	}
	return n, err
}

type countListener struct {
	net.Listener
	ws *WireServer
}

func (l countListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countConn{Conn: c, ws: l.ws}, nil
}

// StartWireServer starts serving h.
func StartWireServer(h http.Handler) (*WireServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	ws := &WireServer{URL: "http://" + ln.Addr().String(), bytes: map[string]int64{}}
	ws.srv = &http.Server{
		ConnContext: func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c, ok := r.Context().Value(connKey{}).(*countConn); ok {
				ws.mu.Lock()
				c.cur = r.URL.Path
				ws.mu.Unlock()
			}
			h.ServeHTTP(w, r)
		}),
	}
	go ws.srv.Serve(countListener{ln, ws})
	return ws, nil
}

// Take returns the bytes written for the paths keep accepts since the
// last Take, and starts counting afresh.
func (ws *WireServer) Take(keep func(path string) bool) int64 {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	var n int64
	for p, b := range ws.bytes {
		if keep(p) {
			n += b
		}
	}
	ws.bytes = map[string]int64{}
	return n
}

// Close stops the server.
func (ws *WireServer) Close() error { return ws.srv.Close() }
