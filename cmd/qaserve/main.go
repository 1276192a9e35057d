// Command qaserve serves a built danvan site on 127.0.0.1 the way the
// static host does (pretty URLs, /404.html with status 404), for tools that
// need a live site, such as .ci/lighthouse.sh.
//
//	qaserve [-addr 127.0.0.1:0] [-dir public]
//
// Without -dir it builds the site rooted at -source (default: the module
// root) into a temporary directory, with the server's own address as base
// URL, and removes it on exit. It prints "URL=<base url>" and "DIR=<site
// dir>" on stdout once it is serving, then serves until interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/host"
	"github.com/quangngai/danvan/internal/qa"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on (loopback only)")
	dir := flag.String("dir", "", "serve this built site instead of building one")
	source := flag.String("source", "", "site root to build (default: the module root)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("qaserve: ")

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	site := *dir
	if site == "" {
		root := *source
		if root == "" {
			if root, err = qa.RepoRoot(); err != nil {
				log.Fatal(err)
			}
		}
		tmp, err := os.MkdirTemp("", "danvan-qaserve-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		site = filepath.Join(tmp, "public")
		if _, err := build.Run(ctx, build.Options{Source: root, Dest: site, BaseURL: base, Log: os.Stderr}); err != nil {
			os.RemoveAll(tmp)
			log.Fatalf("build %s: %v", root, err)
		}
	}

	srv := &http.Server{Handler: host.Dir(site), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	fmt.Printf("URL=%s\nDIR=%s\n", base, site)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Print(err)
	}
}
