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
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/qa"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on (loopback only)")
	dir := flag.String("dir", "", "serve this built site instead of building one")
	source := flag.String("source", "", "site root to build (default: the module root)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("qaserve: ")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := *source
	if root == "" && *dir == "" {
		var err error
		if root, err = qa.RepoRoot(); err != nil {
			log.Fatal(err)
		}
	}
	s, err := qa.Serve(ctx, *addr, *dir, func(ctx context.Context, dest, baseURL string) error {
		_, err := build.Run(ctx, build.Options{Source: root, Dest: dest, BaseURL: baseURL, Log: os.Stderr})
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("URL=%s\nDIR=%s\n", s.URL, s.Dir)
	<-ctx.Done()
	if err := s.Close(); err != nil {
		log.Print(err)
	}
}
