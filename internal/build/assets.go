package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/quangngai/danvan/internal/search/static"
)

// Assets are the files under static/. CSS and JS get a content hash in
// their name (app.3f2a9c1b.css) so they can be cached for a year.
type Assets struct {
	Files []string          // paths under static/, sorted
	URLs  map[string]string // "css/app.css" → "/css/app.3f2a9c1b.css" (every file)
}

// shipped transforms the static files that are not shipped as written:
// path under the site root → transform.
var shipped = map[string]func([]byte) ([]byte, error){"static/" + static.ClientSource: static.ShipClient}

// ReadAsset returns the bytes of the static file at p (a path under the
// site root, "static/…") as they are shipped.
func ReadAsset(fsys fs.FS, p string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	if f := shipped[p]; f != nil {
		return f(data)
	}
	return data, nil
}

// fingerprinted reports whether a static file gets a hashed name.
func fingerprinted(p string) bool {
	return strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".js")
}

// LoadAssets lists static/ and computes the fingerprinted names.
func LoadAssets(fsys fs.FS) (*Assets, error) {
	a := &Assets{URLs: map[string]string{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "static" {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel := strings.TrimPrefix(p, "static/")
		a.Files = append(a.Files, rel)
		u := "/" + rel
		if fingerprinted(rel) {
			data, err := ReadAsset(fsys, p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			ext := path.Ext(rel)
			u = "/" + strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		a.URLs[rel] = u
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("đọc static/: %w", err)
	}
	sort.Strings(a.Files)
	return a, nil
}

// Copy writes every static file under its URL.
func (a *Assets) Copy(fsys fs.FS, out *dirOutput) error {
	for _, f := range a.Files {
		if shipped["static/"+f] != nil {
			data, err := ReadAsset(fsys, "static/"+f)
			if err != nil {
				return fmt.Errorf("đọc static/%s: %w", f, err)
			}
			if err := out.WriteFile(a.URLs[f], data); err != nil {
				return err
			}
			continue
		}
		if err := out.copyFile(fsys, "static/"+f, a.URLs[f]); err != nil {
			return err
		}
	}
	return nil
}
