// Package serve is the preview server. For now it builds the site once into
// a temporary directory and serves it as Netlify would (directory indexes,
// /404.html with status 404); watching and live reload come later.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/build"
)

// Options configure the preview server.
type Options struct {
	Source string    // site root
	Addr   string    // listen address; loopback unless the user asks otherwise
	Drafts bool      // show drafts
	Log    io.Writer // messages
}

// Run builds the site and serves it until ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	dir, err := os.MkdirTemp("", "danvan-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "public")
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("mở cổng %s: %w", opts.Addr, err)
	}
	base := "http://" + ln.Addr().String() + "/"
	st, err := build.Run(ctx, build.Options{Source: opts.Source, Dest: out, BaseURL: base, Drafts: opts.Drafts, Log: opts.Log})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(opts.Log, "Đã dựng %d trang trong %s. Xem tại %s (Ctrl-C để dừng)\n", st.Pages, st.Duration.Round(time.Millisecond), base)
	srv := &http.Server{Handler: Handler(out), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler serves a built site directory like Netlify: /x/ → x/index.html,
// and a missing path gets /404.html with status 404.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(dir, filepath.FromSlash(p))
		fi, err := os.Stat(full)
		if err == nil && fi.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			_, err = os.Stat(filepath.Join(full, "index.html"))
		}
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if data, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				_, _ = w.Write(data)
			}
			return
		}
		files.ServeHTTP(w, r)
	})
}
