// Command qashots photographs and measures the sample pages of issue #15
// (qa.SamplePages) at a phone and a laptop size: one JPEG of the first
// screen per page and size, and a table of what the browser gates found
// (document height, smallest text, where the h1 and the first card are,
// the failed gates). It is how docs/screenshots/ is made:
//
//	go run ./cmd/qashots -dir public -out docs/screenshots/after
//
// Without -dir it builds the sample site into a temporary directory. The
// site is served on 127.0.0.1 only while the command runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/qa"
)

func main() {
	dir := flag.String("dir", "", "a built site to photograph (default: build the sample site)")
	out := flag.String("out", "", "folder for the JPEG files (default: only measure)")
	quality := flag.Int64("quality", 60, "JPEG quality, 1–100; 0 writes PNG files")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("qashots: ")

	s, err := qa.Serve(context.Background(), "127.0.0.1:0", *dir, func(ctx context.Context, dest, baseURL string) error {
		root, err := qa.RepoRoot()
		if err != nil {
			return err
		}
		_, err = build.Run(ctx, build.Options{Source: root, Dest: dest, BaseURL: baseURL, Log: os.Stderr})
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	base := strings.TrimSuffix(s.URL, "/")

	chromium, err := qa.ChromiumPath()
	if err != nil {
		log.Fatal(err)
	}
	b, err := qa.StartBrowser(chromium)
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			log.Fatal(err)
		}
	}
	ctx := context.Background()
	fmt.Println("| page | size | height | smallest text | first screen | failed gates |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, pg := range qa.SamplePages {
		for _, vp := range []qa.Viewport{qa.Phone, qa.Desktop} {
			url := base + pg.Path
			first := append([]string{"h1"}, pg.FirstScreen...)
			rep, err := b.CheckPage(ctx, url, vp, qa.PageOptions{ExpectStatus: pg.Status, FirstScreen: first, Ready: pg.Ready})
			if err != nil {
				log.Fatal(err)
			}
			var where []string
			for _, s := range rep.Geometry.Screen {
				if s.Found {
					where = append(where, fmt.Sprintf("%s %.0f–%.0f", s.Selector, s.Top, s.Bottom))
				} else {
					where = append(where, "no "+s.Selector)
				}
			}
			fmt.Printf("| %s | %d×%d | %.0f | %.1f | %s | %s |\n", pg.Path, vp.Width, vp.Height, rep.Geometry.Height, rep.Geometry.MinText, strings.Join(where, "; "), strings.Join(rep.Gates(), ", "))
			if os.Getenv("QASHOTS_VERBOSE") != "" && rep.Failed() {
				fmt.Fprintln(os.Stderr, rep)
			}
			if *out == "" {
				continue
			}
			shot, err := b.Screenshot(ctx, url, vp, *quality, pg.Ready)
			if err != nil {
				log.Fatal(err)
			}
			ext := "jpg"
			if *quality == 0 {
				ext = "png"
			}
			name := fmt.Sprintf("%s-%d.%s", pg.Name, vp.Width, ext)
			if err := os.WriteFile(filepath.Join(*out, name), shot, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}
