package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/parallel"
	"github.com/quangngai/danvan/internal/vi"
)

// Folders under the site root.
const (
	ArticleDir = "content/bai-viet"
	PageDir    = "content/trang"
)

// Content is everything read from content/: configuration, articles and
// pages, validated. Drafts are included; the site decides what to publish.
type Content struct {
	Config   *Config    // content/_site.yaml
	Articles []*Article // sorted by path
	Pages    []*Page    // sorted by path
}

// Load reads and validates the content of the site rooted at fsys. It
// returns every problem found; the content is usable only when
// problems.HasErrors() is false. err is for I/O failures.
func Load(fsys fs.FS) (*Content, Problems, error) { return LoadCached(fsys, nil) }

// LoadCached is Load with a cache of parsed files (nil for none).
func LoadCached(fsys fs.FS, cache *Cache) (*Content, Problems, error) {
	var probs Problems
	cfgSrc, err := readSource(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		probs = append(probs, Problem{File: ConfigFile, Msg: "không tìm thấy tệp cấu hình trang web content/_site.yaml (cần có tên trang, các lĩnh vực và địa bàn; xem README)"})
		return nil, probs, nil
	}
	if errors.Is(err, errTooLarge) {
		readError(reporter{file: ConfigFile, list: &probs}, err)
		return nil, probs, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("đọc %s: %w", ConfigFile, err)
	}
	c := &Content{}
	if src, ok := cleanSource(cfgSrc, reporter{file: ConfigFile, list: &probs}); ok {
		c.Config = parseConfig(src, &probs)
	}
	if c.Config == nil {
		return nil, probs, nil
	}

	articles, pages, err := findSources(fsys, cache)
	if err != nil {
		return nil, nil, err
	}
	c.Articles = make([]*Article, len(articles))
	artProbs := make([]Problems, len(articles))
	parallel.For(len(articles), func(i int) {
		c.Articles[i] = cache.article(fsys, articles[i], &artProbs[i])
	})
	for _, ps := range artProbs {
		probs = append(probs, ps...)
	}
	for _, f := range articles {
		checkBundle(f, &probs)
	}
	for _, p := range pages {
		if pg := loadPage(fsys, p, &probs); pg != nil {
			c.Pages = append(c.Pages, pg)
		}
	}
	for i, a := range c.Articles {
		if a == nil {
			// Unreadable (frontmatter syntax, encoding): kept, so links
			// to it resolve and its one problem is the only one reported.
			f := articles[i]
			c.Articles[i] = &Article{Path: f.path, Dir: f.bundle, Resources: f.resources, Slug: defaultSlug(f), Invalid: true}
		}
	}
	validate(fsys, c, &probs)
	probs.Sort()
	markInvalid(c, probs)
	return c, probs, nil
}

// markInvalid flags the articles that have an error of their own. The
// site publishes none of them, but links to them resolve: one mistake is
// reported once, on its own file, not again on every article linking to it.
func markInvalid(c *Content, probs Problems) {
	bad := map[string]bool{}
	for _, p := range probs {
		if !p.Warning {
			bad[p.File] = true
		}
	}
	for _, a := range c.Articles {
		if bad[a.Path] {
			a.Invalid = true
		}
	}
}

// defaultSlug is an article's URL segment when it has no slug key: its
// file name, or its bundle's folder name.
func defaultSlug(f articleFile) string {
	base := strings.TrimSuffix(path.Base(f.path), ".md")
	if f.bundle != "" {
		base = path.Base(f.bundle)
	}
	return vi.Slug(base)
}

// articleFile is an article source: a single .md or a bundle's index.md.
type articleFile struct {
	path      string   // file path
	bundle    string   // bundle folder, or ""
	resources []string // other files in the bundle
}

// findSources finds the article and page sources: from the files the
// cache was told of (Cache.KnownSums: the build has just listed them)
// when it can, else by listing the folder (findFiles). At 10,000 articles
// listing the folder again cost 0.08 s, an lstat a file through the site
// root.
func findSources(fsys fs.FS, cache *Cache) ([]articleFile, []string, error) {
	if paths := cache.knownPaths(); paths != nil {
		if arts, ok := findListed(paths); ok {
			pages, err := findPages(fsys)
			return arts, pages, err
		}
	}
	return findFiles(fsys)
}

// findListed is findFiles' articles from paths, every file of the site
// root as fs.WalkDir lists them: the same articles, bundles and
// resources. ok is false for a tree it cannot tell apart without its
// folders (a folder named index.md, which findFiles takes for a bundle's
// source): the caller lists the folder then.
func findListed(paths []string) (arts []articleFile, ok bool) {
	type file struct{ path, key string } // key: the path with "/" lowest, for sorting
	var files []file
	for _, p := range paths {
		rel, in := strings.CutPrefix(p, ArticleDir+"/")
		if !in {
			continue
		}
		parts := strings.Split(rel, "/")
		hidden := false
		for i, part := range parts {
			if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
				hidden = true
			}
			if part == "index.md" && i < len(parts)-1 {
				return nil, false
			}
		}
		if !hidden {
			files = append(files, file{p, strings.ReplaceAll(p, "/", "\x00")})
		}
	}
	// fs.WalkDir's order: a folder's entries by name, each folder's
	// files and subfolders where its name falls.
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.key, b.key) })
	bundles := map[string]int{}
	for _, f := range files {
		if dir := path.Dir(f.path); path.Base(f.path) == "index.md" && dir != ArticleDir {
			bundles[dir] = len(arts)
			arts = append(arts, articleFile{path: f.path, bundle: dir})
		}
	}
	for _, f := range files {
		p := f.path
		dir, name := path.Dir(p), path.Base(p)
		if i, ok := bundles[dir]; ok {
			if name != "index.md" {
				arts[i].resources = append(arts[i].resources, name)
			}
			continue
		}
		if strings.HasSuffix(name, ".md") {
			arts = append(arts, articleFile{path: p})
			continue
		}
		for d := path.Dir(dir); d != ArticleDir && d != "."; d = path.Dir(d) {
			if i, ok := bundles[d]; ok {
				arts[i].resources = append(arts[i].resources, strings.TrimPrefix(p, d+"/"))
				break
			}
		}
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].path < arts[j].path })
	return arts, true
}

// findFiles lists article and page sources. Names starting with "_" or "."
// are data, not pages.
func findFiles(fsys fs.FS) ([]articleFile, []string, error) {
	var arts []articleFile
	bundles := map[string]int{}
	err := fs.WalkDir(fsys, ArticleDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == ArticleDir {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		if p != ArticleDir && (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if _, err := fs.Stat(fsys, path.Join(p, "index.md")); err == nil && p != ArticleDir {
				bundles[p] = len(arts)
				arts = append(arts, articleFile{path: path.Join(p, "index.md"), bundle: p})
			}
			return nil
		}
		dir := path.Dir(p)
		if i, ok := bundles[dir]; ok {
			if name != "index.md" {
				arts[i].resources = append(arts[i].resources, name)
			}
			return nil
		}
		if strings.HasSuffix(name, ".md") {
			arts = append(arts, articleFile{path: p})
			return nil
		}
		// A file in a subfolder of a bundle is the bundle's too (a body can
		// link to it), so it is checked like the others.
		for d := path.Dir(dir); d != ArticleDir && d != "."; d = path.Dir(d) {
			if i, ok := bundles[d]; ok {
				arts[i].resources = append(arts[i].resources, strings.TrimPrefix(p, d+"/"))
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("đọc %s: %w", ArticleDir, err)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].path < arts[j].path })
	pages, err := findPages(fsys)
	return arts, pages, err
}

// findPages lists the page sources.
func findPages(fsys fs.FS) ([]string, error) {
	var pages []string
	entries, err := fs.ReadDir(fsys, PageDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("đọc %s: %w", PageDir, err)
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), "_") {
			pages = append(pages, path.Join(PageDir, e.Name()))
		}
	}
	return pages, nil
}

// cleanSource checks UTF-8, drops a BOM, turns CRLF into LF and
// normalises to NFC, so everything after sees one form of text.
func cleanSource(src []byte, rep reporter) ([]byte, bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		bad := 0
		for bad < len(src) {
			r, n := utf8.DecodeRune(src[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		rep.errorf(1+bytes.Count(src[:bad], []byte("\n")), "", "tệp không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí %d): hãy lưu lại tệp với bảng mã UTF-8", bad)
		return nil, false
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return vi.NFCBytes(src), true // two copies of every file fewer than through a string
}

func readDoc(fsys fs.FS, p string, rep reporter) *document {
	raw, err := readSource(fsys, p)
	if err != nil {
		readError(rep, err)
		return nil
	}
	doc, _ := parseDoc(raw, rep)
	return doc
}

// parseDoc cleans raw and splits it; it also returns the cleaned source,
// of which the body is the tail.
func parseDoc(raw []byte, rep reporter) (*document, []byte) {
	src, ok := cleanSource(raw, rep)
	if !ok {
		return nil, nil
	}
	doc, err := splitFrontmatter(src)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			rep.errorf(se.line, "", "%s", se.msg)
		} else {
			rep.errorf(0, "", "%v", err)
		}
		return nil, nil
	}
	return doc, src
}

func loadArticle(fsys fs.FS, f articleFile, probs *Problems) *Article {
	raw, err := readSource(fsys, f.path)
	if err != nil {
		readError(reporter{file: f.path, list: probs}, err)
		return nil
	}
	a, _ := parseArticleFile(raw, f, probs)
	return a
}

// parseArticleFile parses the bytes of an article file; it also returns
// the cleaned source (the body is its tail).
func parseArticleFile(raw []byte, f articleFile, probs *Problems) (*Article, []byte) {
	rep := reporter{file: f.path, list: probs}
	doc, src := parseDoc(raw, rep)
	if doc == nil {
		return nil, nil
	}
	a := &Article{Path: f.path, Dir: f.bundle, Resources: f.resources, Body: doc.body, BodyLine: doc.bodyLine}
	parseArticle(doc, a, rep)
	if a.Slug == "" {
		if a.Slug = defaultSlug(f); a.Slug == "" {
			rep.errorf(1, "slug", "không tạo được đường dẫn từ tên tệp %q: đặt tên tệp bằng chữ không dấu, hoặc thêm dòng slug: ten-bai-viet", path.Base(f.path))
		}
	}
	return a, src
}

func loadPage(fsys fs.FS, p string, probs *Problems) *Page {
	rep := reporter{file: p, list: probs}
	doc := readDoc(fsys, p, rep)
	if doc == nil {
		return nil
	}
	pg := &Page{Path: p, Body: doc.body, BodyLine: doc.bodyLine}
	parsePage(doc, pg, rep)
	if pg.Slug == "" {
		pg.Slug = vi.Slug(strings.TrimSuffix(path.Base(p), ".md"))
	}
	return pg
}
