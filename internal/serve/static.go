// Package serve is the preview server for editors: it builds the site in
// memory, serves it as Netlify would, watches content/, layouts/ and
// static/, rebuilds only what changed and reloads the open browser tabs.
package serve

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves a built site directory like Netlify: /x/ → x/index.html,
// and a missing path gets /404.html with status 404. Tests use it to serve
// a build from disk.
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
