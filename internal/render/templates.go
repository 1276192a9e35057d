// Package render turns the site model into files: HTML pages from the
// html/template layouts under layouts/, Atom feeds, the sitemap,
// robots.txt and Netlify's _redirects. It writes through an Output, so it
// knows nothing of where files end up.
package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// LayoutDir holds the templates, relative to the site root.
const LayoutDir = "layouts"

// requiredTemplates are the page kinds the core site renders; every
// layouts/<kind>.html (other than base.html) is loaded, so features can add
// their own page kinds.
var requiredTemplates = []string{"home", "article", "list", "areas", "localities", "years", "page", "404", "search", "contest", "round"}

// Output receives rendered files by URL path ("/bai-viet/x/index.html").
type Output interface {
	WriteFile(name string, data []byte) error
}

// Renderer holds the parsed templates and the asset map.
type Renderer struct {
	pages map[string]*template.Template // page kind → its layout and the partials
	// workers are copies of pages for RenderPages's other workers, one set
	// each (workerSets).
	workers []map[string]*template.Template
	assets  map[string]string    // "css/app.css" → "/css/app.3f2a9c1b.css"
	reads   map[string]kindReads // what each page kind reads of its Page (reads.go)
	key0    [32]byte             // hash of the layouts and the assets: part of every page key
}

var tmplErrRE = regexp.MustCompile(`template: ([^:]+):(\d+):`)

// Load parses layouts/ once. A broken template is reported as a Problem
// with its file and line.
func Load(fsys fs.FS, assets map[string]string) (*Renderer, content.Problems, error) {
	r := &Renderer{pages: map[string]*template.Template{}, assets: assets, reads: map[string]kindReads{}}
	sources := map[string][]byte{} // every layout file read, for key0
	partials, err := fs.Glob(fsys, LayoutDir+"/partials/*.html")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(partials)
	kinds, err := fs.Glob(fsys, LayoutDir+"/*.html")
	if err != nil {
		return nil, nil, err
	}
	var probs content.Problems
	seen := map[string]bool{}
	for _, k := range kinds {
		seen[strings.TrimSuffix(path.Base(k), ".html")] = true
	}
	if !seen["base"] {
		probs = append(probs, content.Problem{File: LayoutDir + "/base.html", Msg: "không tìm thấy mẫu giao diện (layout) này"})
		return r, probs, nil
	}
	for _, name := range requiredTemplates {
		if !seen[name] {
			probs = append(probs, content.Problem{File: LayoutDir + "/" + name + ".html", Msg: "không tìm thấy mẫu giao diện (layout) này"})
		}
	}
	for _, k := range kinds {
		name := strings.TrimSuffix(path.Base(k), ".html")
		if name == "base" {
			continue
		}
		files := append([]string{LayoutDir + "/base.html", LayoutDir + "/" + name + ".html"}, partials...)
		t := template.New(name).Funcs(r.funcs())
		t.Funcs(template.FuncMap{"cached": cachedIn(t)})
		for _, f := range files {
			src, err := fs.ReadFile(fsys, f)
			if errors.Is(err, fs.ErrNotExist) {
				probs = append(probs, content.Problem{File: f, Msg: "không tìm thấy mẫu giao diện (layout) này"})
				t = nil
				break
			}
			if err != nil {
				return nil, nil, err
			}
			sources[f] = src
			if _, err := t.New(path.Base(f)).Parse(string(src)); err != nil {
				probs = append(probs, templateProblem(f, err))
				t = nil
				break
			}
		}
		if t != nil {
			r.pages[name] = t
		}
	}
	probs = dedupe(probs)
	pure := map[string]bool{}
	for name := range r.funcs() {
		pure[name] = true // every function of the renderer computes its result from its arguments (and the assets)
	}
	for name, t := range r.pages {
		r.reads[name] = analyzeKind(t, pure)
	}
	r.key0 = layoutsKey(sources, assets)
	if r.workers, err = workerSets(r.pages, runtime.GOMAXPROCS(0)-1); err != nil {
		return nil, nil, err
	}
	return r, probs, nil
}

// workerSets copies the page templates for n more workers. Two workers
// rendering pages with one set contend for it on every function call
// (text/template reads a set's function table under the set's lock): at
// 50,000 articles on two cores the lock's counter alone took 0.9 s of
// CPU, 0.03 s at 10,000. A copy is made before any template is executed
// (html/template cannot copy a set after), and its `cached` renders with
// the copy.
func workerSets(pages map[string]*template.Template, n int) ([]map[string]*template.Template, error) {
	sets := make([]map[string]*template.Template, n)
	for i := range sets {
		sets[i] = make(map[string]*template.Template, len(pages))
		for name, t := range pages {
			c, err := t.Clone()
			if err != nil {
				return nil, fmt.Errorf("mẫu giao diện %s: %w", name, err)
			}
			c.Funcs(template.FuncMap{"cached": cachedIn(c)})
			sets[i][name] = c
		}
	}
	return sets, nil
}

// layoutsKey hashes the layout files and the asset names.
func layoutsKey(sources map[string][]byte, assets map[string]string) [32]byte {
	h := newHasher()
	for _, f := range sortedKeys(sources) {
		h.str(f)
		h.str(string(sources[f]))
	}
	for _, a := range sortedKeys(assets) {
		h.str(a)
		h.str(assets[a])
	}
	return h.sum()
}

func templateProblem(file string, err error) content.Problem {
	msg := err.Error()
	line := 0
	if m := tmplErrRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[2])
		msg = strings.TrimSpace(msg[len(m[0]):])
	}
	return content.Problem{File: file, Line: line, Msg: "mẫu giao diện bị lỗi: " + msg}
}

func dedupe(ps content.Problems) content.Problems {
	seen := map[string]bool{}
	var out content.Problems
	for _, p := range ps {
		if k := p.Error(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"date":      vi.LongDate,
		"shortdate": vi.ShortDate,
		"daterange": vi.DateRange,
		"duration":  vi.Duration,
		"isodate":   func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339":   func(t time.Time) string { return t.Format(time.RFC3339) },
		"asset": func(p string) (string, error) {
			if u, ok := r.assets[p]; ok {
				return u, nil
			}
			return "", fmt.Errorf("không có tệp static/%s", p)
		},
		"subject":    content.SubjectName,
		"award":      content.AwardName,
		"media":      content.MediaName,
		"genre":      content.GenreName,
		"kind":       content.KindName,
		"add":        func(a, b int) int { return a + b },
		"percent":    func(n, of int) int { return percent(n, of) },
		"pageURL":    site.PageURL,
		"slugify":    vi.Slug,
		"truncate":   truncate,
		"hasPrefix":  strings.HasPrefix,
		"coverSizes": func() string { return site.CoverSizes },
		"sections":   sections,
		"dayAfter":   func(t time.Time) time.Time { return t.AddDate(0, 0, 1) },
	}
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

func truncate(n int, s string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
