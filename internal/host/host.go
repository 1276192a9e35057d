// Package host is the static host's rule for answering a request from a
// built site, as Netlify does it: "/x/" is x/index.html, "/x" redirects to
// "/x/" when only x/index.html exists, files are sent as they are, no
// directory is listed, and anything else is /404.html with status 404.
// The preview server (internal/serve, pages in memory) and the tests and
// benchmarks that serve a build from disk ([Dir]) both answer through
// [Serve], so what an editor previews is routed as the public site is.
package host

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// A Site is a built site as the host sees it. File names are slash paths
// under the site root without a leading slash ("index.html",
// "bai-viet/a/index.html", "css/site.css", "404.html").
type Site interface {
	// Has reports whether the site has a file (not a folder) by that name.
	Has(file string) bool
	// Send writes the file with the given status and its content type;
	// only the headers for a HEAD request.
	Send(w http.ResponseWriter, r *http.Request, file string, status int)
}

// Answer is what the host does with a request.
type Answer struct {
	Status   int    // http.StatusOK, http.StatusMovedPermanently or http.StatusNotFound
	File     string // the file to send; "" for a redirect or a 404 without 404.html
	Location string // the path a redirect points to
}

// Resolve answers a request for urlPath on a site whose files are known
// by has. It never names a file outside the site: the path is cleaned as
// if rooted first, so "/../x" is "/x".
func Resolve(urlPath string, has func(file string) bool) Answer {
	p := path.Clean("/" + urlPath)
	name := strings.TrimPrefix(p, "/")
	if p == "/" || strings.HasSuffix(urlPath, "/") {
		if index := path.Join(name, "index.html"); has(index) {
			return Answer{Status: http.StatusOK, File: index}
		}
	} else {
		if has(name) {
			return Answer{Status: http.StatusOK, File: name}
		}
		if has(name + "/index.html") {
			return Answer{Status: http.StatusMovedPermanently, Location: p + "/"}
		}
	}
	if has("404.html") {
		return Answer{Status: http.StatusNotFound, File: "404.html"}
	}
	return Answer{Status: http.StatusNotFound}
}

// SVGPolicy is the Content-Security-Policy of every .svg file. An SVG
// opened by itself is a document, and an editor's drawing may hold a
// script; same-origin, it would act as the site. This policy runs no
// script and, with sandbox, gives the drawing an origin of its own
// (inline styles and data: images still show). netlify.toml sends the
// same for "/*.svg"; internal/build's TestNetlifyConfig holds them equal.
const SVGPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// Serve answers r from site as the host would. Only GET and HEAD are
// allowed; nothing is cached by the browser, since a local site changes
// under it.
func Serve(w http.ResponseWriter, r *http.Request, site Site) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	a := Resolve(r.URL.Path, site.Has)
	switch {
	case a.Location != "":
		loc := a.Location
		if r.URL.RawQuery != "" {
			loc += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, loc, a.Status)
	case a.File != "":
		if strings.EqualFold(path.Ext(a.File), ".svg") {
			w.Header().Set("Content-Security-Policy", SVGPolicy)
		}
		site.Send(w, r, a.File, a.Status)
	default:
		http.NotFound(w, r)
	}
}

// ContentType is the Content-Type header for a file name.
func ContentType(file string) string {
	if t := mime.TypeByExtension(path.Ext(file)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Write sends data as the file, with status (see [Site.Send]).
func Write(w http.ResponseWriter, r *http.Request, file string, status int, data []byte) {
	w.Header().Set("Content-Type", ContentType(file))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// Dir serves the built site in the folder root. Files are opened through
// an os.Root, so a symbolic link cannot lead outside the folder.
func Dir(root string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dir, err := os.OpenRoot(root)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer dir.Close()
		Serve(w, r, dirSite{dir})
	})
}

type dirSite struct{ root *os.Root }

func (d dirSite) Has(file string) bool {
	st, err := d.root.Stat(file)
	return err == nil && st.Mode().IsRegular()
}

func (d dirSite) Send(w http.ResponseWriter, r *http.Request, file string, status int) {
	f, err := d.root.Open(file)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, fs.ErrNotExist) {
			code = http.StatusNotFound
		}
		http.Error(w, err.Error(), code)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if status == http.StatusOK {
		// Ranges, If-Modified-Since and the content type, as a CDN does.
		http.ServeContent(w, r, file, st.ModTime(), f)
		return
	}
	w.Header().Set("Content-Type", ContentType(file))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
	}
}
