package bench

import (
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/host"
)

// GzipHandler serves a built site from root compressing text as Netlify
// does; files that are already compressed (Pagefind's) go out as they are.
func GzipHandler(root string) http.Handler {
	inner := host.Dir(root)
	text := map[string]bool{".html": true, ".js": true, ".json": true, ".css": true, ".xml": true, ".svg": true}
	// A gzip.Writer holds about a megabyte of tables: reusing them keeps the
	// server's garbage, and so the latency measured, closer to a CDN's,
	// which compresses a file once.
	pool := sync.Pool{New: func() any { return gzip.NewWriter(nil) }}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isText := strings.HasSuffix(r.URL.Path, "/") || text[filepath.Ext(r.URL.Path)]
		if !isText || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			inner.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := pool.Get().(*gzip.Writer)
		gz.Reset(w)
		defer func() {
			gz.Close()
			pool.Put(gz)
		}()
		inner.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(p []byte) (int, error) { return g.gz.Write(p) }

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

func (c *countConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.ws.mu.Lock()
	c.ws.bytes[c.cur] += int64(n)
	c.ws.mu.Unlock()
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
