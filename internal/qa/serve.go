package qa

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// SiteHandler serves a built site from root the way the static host
// (Netlify) does: files as they are, "/x/" as x/index.html, "/x" redirected
// to "/x/" when x is a directory, and any path with no file gets /404.html
// with status 404 (or a plain 404 when the site has no 404.html).
func SiteHandler(root string) http.Handler {
	files := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(root, filepath.FromSlash(p))
		st, err := os.Stat(full)
		switch {
		case err != nil:
			notFound(w, r, root)
			return
		case st.IsDir():
			if _, err := os.Stat(filepath.Join(full, "index.html")); err != nil {
				notFound(w, r, root) // no directory listings
				return
			}
		case strings.HasSuffix(r.URL.Path, "/"):
			notFound(w, r, root) // "/file.html/"
			return
		}
		files.ServeHTTP(w, r)
	})
}

func notFound(w http.ResponseWriter, r *http.Request, root string) {
	body, err := os.ReadFile(filepath.Join(root, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
