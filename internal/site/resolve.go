package site

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // decode sizes of GIF images
	_ "image/jpeg" // decode sizes of JPEG images
	_ "image/png"  // decode sizes of PNG images
	"io/fs"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/content"
)

// listStatic returns the URL of every file under static/.
func listStatic(fsys fs.FS) (map[string]bool, error) {
	out := map[string]bool{}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "static" {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			out[strings.TrimPrefix(p, "static")] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("đọc static/: %w", err)
	}
	return out, nil
}

// imageSizes caches image dimensions by path; safe for concurrent use.
type imageSizes struct {
	fsys fs.FS
	mu   sync.Mutex
	m    map[string][2]int
}

func (c *imageSizes) get(p string) (int, int, error) {
	c.mu.Lock()
	if wh, ok := c.m[p]; ok {
		c.mu.Unlock()
		return wh[0], wh[1], nil
	}
	c.mu.Unlock()
	f, err := c.fsys.Open(p)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0, fmt.Errorf("không đọc được ảnh (tệp hỏng hoặc định dạng không hỗ trợ; được phép: JPEG, PNG, GIF): %w", err)
	}
	c.mu.Lock()
	c.m[p] = [2]int{cfg.Width, cfg.Height}
	c.mu.Unlock()
	return cfg.Width, cfg.Height, nil
}

// anchorRef is a link to a heading in another document, checked once every
// document is rendered.
type anchorRef struct {
	file, target, fragment string
	line                   int
}

// resolver resolves links and images of one document.
type resolver struct {
	s       *Site
	file    string // source path of the document
	dir     string // folder of the document
	bundle  string // bundle folder or ""
	url     string // URL of the document
	sizes   *imageSizes
	pages   map[string]*Page
	anchors []anchorRef
	images  []Resource
	deps    []string // files read besides the body (images, linked bundle files)
	asked   int      // images asked of the image processor
	// checkNow: the render is used whole at once (a page's): one from
	// the Markdown cache is checked against its sums when taken, and
	// made again if damaged.
	checkNow bool
}

var errOutside = errors.New("outside")

// clean joins a relative path to the document's folder and refuses paths
// that climb out of content/.
func (r *resolver) clean(rel string) (string, error) {
	p := path.Join(r.dir, rel)
	if !strings.HasPrefix(p, "content/") || !fs.ValidPath(p) {
		return "", errOutside
	}
	return p, nil
}

func splitFragment(dest string) (string, string) {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		return dest[:i], dest[i+1:]
	}
	return dest, ""
}

// Link implements body.Resolver.
func (r *resolver) Link(dest string) (string, error) {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return dest, nil
	}
	if u, err := url.Parse(dest); err == nil && u.Scheme != "" {
		return dest, nil // external: http(s), mailto, tel (safety checked by markdown)
	}
	p, frag := splitFragment(dest)
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	p, _ = url.PathUnescape(p)
	if strings.HasPrefix(p, "/") {
		// A site URL written by hand: it must exist.
		if r.s.knownURL(p) {
			if frag != "" {
				r.anchors = append(r.anchors, anchorRef{target: p, fragment: frag})
			}
			return dest, nil
		}
		return "", fmt.Errorf("liên kết %q trỏ tới trang không tồn tại trên trang web", dest)
	}
	full, err := r.clean(p)
	if err != nil {
		return "", fmt.Errorf("liên kết %q đi ra ngoài thư mục content/ của trang web", dest)
	}
	target := ""
	if strings.HasSuffix(full, ".md") {
		if a := r.s.byPath[full]; a != nil {
			target = a.URL
		} else if pg := r.pages[full]; pg != nil {
			target = pg.URL
		} else if r.s.drafts[full] {
			return "", fmt.Errorf("liên kết %q tới bài nháp %s: bài nháp không được đưa lên trang; bỏ liên kết, hoặc xuất bản bài đó (draft: false)", dest, full)
		} else {
			return "", fmt.Errorf("liên kết %q: không có bài viết nào ở %s (viết đường dẫn tới tệp .md của bài, tính từ thư mục của bài này)", dest, full)
		}
	} else if r.bundle != "" && strings.HasPrefix(full, r.bundle+"/") {
		name := strings.TrimPrefix(full, r.bundle+"/")
		r.deps = append(r.deps, full)
		if _, err := fs.Stat(r.s.fsys, full); err != nil {
			return "", fmt.Errorf("liên kết %q: không tìm thấy tệp %s", dest, full)
		}
		if !content.Publishable(name) {
			return "", fmt.Errorf("liên kết %q: loại tệp này không được đăng lên trang (được phép: %s)", dest, content.PassiveTypes)
		}
		target = r.url + name
		r.images = append(r.images, Resource{Src: full, URL: target})
	} else {
		return "", fmt.Errorf("liên kết %q: chỉ liên kết được tới bài viết (.md) hoặc tệp nằm cạnh bài trong cùng thư mục", dest)
	}
	if frag != "" {
		r.anchors = append(r.anchors, anchorRef{target: target, fragment: frag})
		return target + "#" + frag, nil
	}
	return target, nil
}

// Image implements body.Resolver.
func (r *resolver) Image(src string) (body.Image, error) {
	if u, err := url.Parse(src); err == nil && u.Scheme != "" {
		return body.Image{}, fmt.Errorf("ảnh %q nằm ở trang web khác: hãy tải ảnh về và đặt cạnh bài viết (bài dạng thư mục) hoặc trong static/images/", src)
	}
	p, _ := splitFragment(src)
	p, _ = url.PathUnescape(p)
	var file, u string
	if strings.HasPrefix(p, "/") {
		file = path.Clean("static" + p)
		if !strings.HasPrefix(file, "static/") {
			return body.Image{}, fmt.Errorf("đường dẫn ảnh %q đi ra ngoài thư mục của trang web", src)
		}
		if !r.s.StaticURLs[p] {
			return body.Image{}, fmt.Errorf("không tìm thấy ảnh %q (tìm ở %s)", src, file)
		}
		u = p
	} else {
		full, err := r.clean(p)
		if err != nil || (r.bundle != "" && !strings.HasPrefix(full, r.bundle+"/")) {
			return body.Image{}, fmt.Errorf("đường dẫn ảnh %q đi ra ngoài thư mục của bài viết", src)
		}
		if r.bundle == "" {
			return body.Image{}, fmt.Errorf("ảnh %q: bài dạng một tệp chỉ dùng được ảnh trong static/ (viết /images/ten-anh.jpg); muốn để ảnh cạnh bài, hãy chuyển bài thành thư mục <slug>/index.md", src)
		}
		file = full
		u = r.url + strings.TrimPrefix(full, r.bundle+"/")
		if r.s.images == nil {
			r.images = append(r.images, Resource{Src: file, URL: u})
		}
	}
	r.deps = append(r.deps, file)
	if r.s.images != nil {
		r.asked++
		v, err := r.s.processImage(file, u, false)
		if errors.Is(err, fs.ErrNotExist) {
			return body.Image{}, fmt.Errorf("không tìm thấy ảnh %q (tìm ở %s)", src, file)
		}
		if err != nil {
			return body.Image{}, imageError("ảnh", src, file, err)
		}
		r.images = append(r.images, v.files...)
		return body.Image{URL: v.src.URL, Width: v.large.Width, Height: v.large.Height, Srcset: v.srcset, Sizes: ProseSizes}, nil
	}
	w, h, err := r.sizes.get(file)
	if errors.Is(err, fs.ErrNotExist) {
		return body.Image{}, fmt.Errorf("không tìm thấy ảnh %q (tìm ở %s)", src, file)
	}
	if err != nil {
		return body.Image{}, fmt.Errorf("ảnh %q: %v", src, err)
	}
	return body.Image{URL: u, Width: w, Height: h}, nil
}

func (s *Site) setCover(a *Article, sizes *imageSizes, probs *content.Problems) {
	if a.Cover == "" {
		return
	}
	var file string
	if strings.HasPrefix(a.Cover, "/") {
		file = path.Clean("static" + a.Cover)
		a.CoverURL = a.Cover
	} else {
		file = path.Join(a.Dir, a.Cover)
		a.CoverURL = a.URL + strings.TrimPrefix(file, a.Dir+"/")
		if s.images == nil {
			s.Resources = append(s.Resources, Resource{Src: file, URL: a.CoverURL})
		}
	}
	if s.images != nil {
		v, err := s.processImage(file, a.CoverURL, true)
		if err != nil {
			*probs = append(*probs, content.Problem{File: a.Path, Line: a.Lines["cover"], Field: "cover", Msg: imageError("ảnh bìa", a.Cover, file, err).Error()})
			a.CoverURL = ""
			return
		}
		s.Resources = append(s.Resources, v.files...)
		a.CoverURL, a.CoverW, a.CoverH = v.src.URL, v.large.Width, v.large.Height
		a.CoverSrcset, a.CoverThumb, a.OGImage = v.srcset, v.thumb, v.og
		return
	}
	w, h, err := sizes.get(file)
	if err != nil {
		*probs = append(*probs, content.Problem{File: a.Path, Line: a.Lines["cover"], Field: "cover", Msg: fmt.Sprintf("ảnh bìa %q: %v", a.Cover, err)})
		a.CoverURL = ""
		return
	}
	a.CoverW, a.CoverH = w, h
}

func dedupeResources(rs []Resource) []Resource {
	seen := map[string]bool{}
	out := rs[:0]
	for _, r := range rs {
		if !seen[r.URL] {
			seen[r.URL] = true
			out = append(out, r)
		}
	}
	return out
}

// knownURL reports whether a hand-written site path exists.
func (s *Site) knownURL(p string) bool {
	if s.StaticURLs[p] {
		return true
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if s.urlSet[p] {
		return true
	}
	for _, a := range s.invalid { // few, and only in a failing build
		if a.URL == p {
			return true
		}
	}
	return false
}
