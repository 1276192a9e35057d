package qa

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/quangngai/danvan/internal/host"
)

// Served is a built site served on the loopback interface the way the
// static host serves it (host.Dir), for the tools that need a live site
// (cmd/qaserve, cmd/qashots).
type Served struct {
	URL string // base URL, with a trailing slash
	Dir string // the built site

	srv  *http.Server
	done chan error
	tmp  string // removed by Close when the site was built here
}

// BuildFunc builds a site into dest with baseURL as its address (the
// commands pass internal/build's Run: qa does not import it, since the
// packages it tests import qa's helpers).
type BuildFunc func(ctx context.Context, dest, baseURL string) error

// Serve listens on addr (a loopback address; port 0 picks one) and serves
// dir. With dir == "" it first builds a site with build into a temporary
// folder, with the server's own address as base URL, so canonical links
// and og:url point at the server.
func Serve(ctx context.Context, addr, dir string, build BuildFunc) (*Served, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Served{URL: "http://" + ln.Addr().String() + "/", Dir: dir, done: make(chan error, 1)}
	if dir == "" {
		if s.tmp, err = os.MkdirTemp("", "danvan-qa-serve-"); err != nil {
			ln.Close()
			return nil, err
		}
		s.Dir = filepath.Join(s.tmp, "public")
		if err := build(ctx, s.Dir, s.URL); err != nil {
			ln.Close()
			os.RemoveAll(s.tmp)
			return nil, fmt.Errorf("build: %w", err)
		}
	}
	s.srv = &http.Server{Handler: host.Dir(s.Dir), ReadHeaderTimeout: 10 * time.Second}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server (waiting up to 5 s for requests in flight) and
// removes the site if Serve built it.
func (s *Served) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	if s.tmp != "" {
		if rmErr := os.RemoveAll(s.tmp); err == nil {
			err = rmErr
		}
	}
	return err
}
