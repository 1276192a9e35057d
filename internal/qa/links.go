package qa

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// LinkOptions tune [CheckLinks].
type LinkOptions struct {
	// BaseURL is the site's public address, such as "https://example.org/".
	// Absolute URLs under it (canonical links, og:url, og:image) are internal
	// and are checked like root-relative ones. Empty: only relative and
	// root-relative URLs are internal.
	BaseURL string
}

// LinkProblem is one broken internal reference.
type LinkProblem struct {
	File   string // page, relative to the site root, with slashes
	Line   int    // 1-based line of the tag in File
	Tag    string // a, img, link, script, source, …
	Attr   string // href, src, srcset, …
	URL    string // the value as written
	Reason string // what is wrong
}

func (p LinkProblem) String() string {
	if p.Tag == "_redirects" {
		return fmt.Sprintf("%s:%d: %s → %s: %s", p.File, p.Line, p.Attr, p.URL, p.Reason)
	}
	return fmt.Sprintf("%s:%d: <%s %s=%q>: %s", p.File, p.Line, p.Tag, p.Attr, p.URL, p.Reason)
}

// pageRef is one URL found in a page.
type pageRef struct {
	line           int
	tag, attr, raw string
}

// pageInfo is what the crawler keeps of one HTML page.
type pageInfo struct {
	ids  map[string]bool
	refs []pageRef
	base string // href of <base>, if any
}

// CheckLinks crawls every HTML file under root and reports internal URLs that
// map to no file in root, and #fragments that name no id (or <a name>) in
// the target page. URL paths map to files as a static host serves them:
// "/x/" → x/index.html, "/x" → x (or x/index.html). It reads href, src,
// srcset, poster, action and data of every element, <meta http-equiv=refresh>
// targets and og:url / og:image. External URLs (other hosts, mailto:, tel:,
// data: …) are not checked. Problems are sorted by file and line.
func CheckLinks(root string, opts LinkOptions) ([]LinkProblem, error) {
	var base *url.URL
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("base URL: %w", err)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		base = u
	}

	files := map[string]bool{} // every file, by slash path relative to root
	pages := map[string]*pageInfo{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if isHTML(rel) {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages[rel] = scanPage(b)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	var problems []LinkProblem
	redirects, redirectRefs := readRedirects(root, files)
	for _, ref := range redirectRefs {
		if reason := checkRef(&url.URL{Path: "/"}, ref.raw, base, files, pages, nil); reason != "" {
			problems = append(problems, LinkProblem{File: "_redirects", Line: ref.line, Tag: ref.tag, Attr: ref.attr, URL: ref.raw, Reason: "redirect target: " + reason})
		}
	}
	for rel, pg := range pages {
		pageURL := &url.URL{Path: "/" + strings.TrimSuffix(rel, "index.html")}
		if pg.base != "" {
			if b, err := url.Parse(pg.base); err == nil {
				pageURL = pageURL.ResolveReference(b)
			}
		}
		for _, ref := range pg.refs {
			reason := checkRef(pageURL, ref.raw, base, files, pages, redirects)
			if reason != "" {
				problems = append(problems, LinkProblem{File: rel, Line: ref.line, Tag: ref.tag, Attr: ref.attr, URL: ref.raw, Reason: reason})
			}
		}
	}
	sort.Slice(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.URL < b.URL
	})
	return problems, nil
}

func isHTML(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

// checkRef returns why raw, found on the page at pageURL, is broken, or "".
func checkRef(pageURL *url.URL, raw string, base *url.URL, files map[string]bool, pages map[string]*pageInfo, redirects map[string]bool) string {
	s := strings.TrimSpace(raw)
	ref, err := url.Parse(s)
	if err != nil {
		return "unparsable URL: " + err.Error()
	}
	var target *url.URL
	switch {
	case ref.Scheme != "" || ref.Host != "":
		if base == nil || !sameOrigin(ref, base) {
			return "" // external: not ours to check
		}
		rp := ref.Path
		if rp+"/" == base.Path {
			rp = base.Path // "https://example.org" or ".../sub": the site's root
		}
		if !strings.HasPrefix(rp, base.Path) {
			return "" // same host, outside the site
		}
		target = &url.URL{Path: "/" + strings.TrimPrefix(rp, base.Path), RawQuery: ref.RawQuery, Fragment: ref.Fragment}
	default:
		target = pageURL.ResolveReference(ref)
	}

	p := target.Path
	if p == "" {
		p = "/"
	}
	file, ok := resolveFile(p, files)
	if !ok {
		if redirects[strings.TrimSuffix(path.Clean("/"+p), "/")] {
			return "" // an old URL that _redirects sends on (its target is checked there)
		}
		return "no such file in the output (" + p + ")"
	}
	frag := target.Fragment
	if frag == "" || strings.HasPrefix(frag, ":~:") || strings.EqualFold(frag, "top") {
		return ""
	}
	pg := pages[file]
	if pg == nil {
		return "" // fragment into a non-HTML file: nothing to check
	}
	if !pg.ids[frag] {
		return fmt.Sprintf("no element with id %q in %s", frag, file)
	}
	return ""
}

func sameOrigin(a, b *url.URL) bool {
	if a.Host != b.Host {
		return false
	}
	// A protocol-relative URL (//host/…) takes the page's scheme.
	return a.Scheme == "" || a.Scheme == b.Scheme
}

// resolveFile maps a decoded URL path to a file of the output, as a static
// host does.
func resolveFile(p string, files map[string]bool) (string, bool) {
	clean := strings.TrimPrefix(path.Clean("/"+p), "/")
	if strings.HasSuffix(p, "/") {
		f := path.Join(clean, "index.html")
		return f, files[f]
	}
	if files[clean] {
		return clean, true
	}
	// "/x" with x/index.html: the host redirects to "/x/".
	f := path.Join(clean, "index.html")
	return f, files[f]
}

// urlAttrs lists the attributes that hold one URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "action": true, "data": true, "cite": true}

// scanPage tokenizes one page and collects its ids and URL references with
// their line numbers.
func scanPage(b []byte) *pageInfo {
	pg := &pageInfo{ids: map[string]bool{}}
	eachToken(b, func(tt html.TokenType, tok html.Token, tagLine int) {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			return
		}
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			if a.Namespace == "" {
				attrs[a.Key] = a.Val
			}
		}
		if id, ok := attrs["id"]; ok && id != "" {
			pg.ids[id] = true
		}
		if name, ok := attrs["name"]; ok && tok.Data == "a" && name != "" {
			pg.ids[name] = true
		}
		add := func(attr, val string) {
			pg.refs = append(pg.refs, pageRef{line: tagLine, tag: tok.Data, attr: attr, raw: val})
		}
		switch tok.Data {
		case "base":
			pg.base = attrs["href"]
			return
		case "link":
			rel := " " + strings.ToLower(attrs["rel"]) + " "
			if strings.Contains(rel, " preconnect ") || strings.Contains(rel, " dns-prefetch ") {
				return // an origin, not a resource
			}
		case "meta":
			if strings.EqualFold(attrs["http-equiv"], "refresh") {
				if u := refreshURL(attrs["content"]); u != "" {
					add("content", u)
				}
			}
			switch attrs["property"] {
			case "og:url", "og:image", "og:image:url", "og:image:secure_url":
				add("content", attrs["content"])
			}
			return
		}
		for _, a := range tok.Attr {
			switch {
			case a.Namespace != "":
			case urlAttrs[a.Key]:
				if a.Key == "data" && tok.Data != "object" {
					continue
				}
				add(a.Key, a.Val)
			case a.Key == "srcset" || a.Key == "imagesrcset":
				for _, u := range srcsetURLs(a.Val) {
					add(a.Key, u)
				}
			}
		}
	})
	return pg
}

// eachToken calls fn with every token of an HTML page and the line it
// starts on (the link and style gates report file:line).
func eachToken(b []byte, fn func(tt html.TokenType, tok html.Token, line int)) {
	z := html.NewTokenizer(bytes.NewReader(b))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		at := line
		line += bytes.Count(z.Raw(), []byte{'\n'})
		fn(tt, z.Token(), at)
	}
}

// refreshURL returns the URL of a <meta http-equiv=refresh> content value
// such as "0; url=/bai-viet/x/".
func refreshURL(content string) string {
	_, after, ok := strings.Cut(content, ";")
	if !ok {
		_, after, ok = strings.Cut(content, ",")
		if !ok {
			return ""
		}
	}
	after = strings.TrimSpace(after)
	if len(after) >= 4 && strings.EqualFold(after[:4], "url=") {
		after = strings.TrimSpace(after[4:])
	}
	return strings.Trim(after, `'"`)
}

// srcsetURLs returns the URLs of a srcset value ("a.jpg 1x, b.jpg 2x").
func srcsetURLs(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		fields := strings.Fields(cand)
		if len(fields) > 0 {
			out = append(out, fields[0])
		}
	}
	return out
}

// readRedirects reads the static host's _redirects file, if the site has
// one: the source paths of its rules (without a trailing slash, as the host
// matches them either way) and their targets, to be checked like links.
// Rules with splats or placeholders are skipped.
func readRedirects(root string, files map[string]bool) (map[string]bool, []pageRef) {
	if !files["_redirects"] {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(root, "_redirects"))
	if err != nil {
		return nil, nil
	}
	from := map[string]bool{}
	var refs []pageRef
	for i, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		src, dst := fields[0], fields[1]
		pattern := func(s string) bool { return strings.Contains(s, "*") || strings.Contains(s, "/:") }
		if !strings.HasPrefix(src, "/") || pattern(src) {
			continue
		}
		from[strings.TrimSuffix(path.Clean(src), "/")] = true
		if !pattern(dst) {
			refs = append(refs, pageRef{line: i + 1, tag: "_redirects", attr: src, raw: dst})
		}
	}
	return from, refs
}
