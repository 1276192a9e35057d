package bench

import (
	"fmt"
	"os"
	"path/filepath"
)

// HugoSite writes a Hugo site equivalent to danvan's output for the corpus
// at corpusRoot: articles, lists by area and locality paginated by 20, a
// home page, RSS feeds and the sitemap (Hugo's built-ins). Content is a
// symlink to the corpus, so both tools read the same files.
func HugoSite(corpusRoot, dir string) error {
	files := map[string]string{
		"hugo.toml": `baseURL = "https://example.org/"
languageCode = "vi"
title = "Dân vận khéo"
paginate = 20
disableKinds = []
[taxonomies]
  area = "area"
  locality = "locality"
[outputs]
  home = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
  section = ["HTML"]
`,
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} — {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><a href="/">{{ .Site.Title }}</a> <a href="/area/">Lĩnh vực</a> <a href="/locality/">Địa bàn</a></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2/1/2006" }}</time> · {{ with .Params.area }}<a href="/area/{{ . | urlize }}/">{{ . }}</a>{{ end }} · {{ with .Params.locality }}<a href="/locality/{{ . | urlize }}/">{{ . }}</a>{{ end }}</p>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
</article>
<ul>{{ range first 5 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">‹ {{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }} ›</a>{{ end }}
{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages }}<ol>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2/1/2006" }}</time><p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}{{ end }}
`,
		"layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
`,
		"layouts/index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 10 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
		"layouts/404.html": `{{ define "main" }}<h1>Không tìm thấy trang</h1>{{ end }}
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	// Hugo reads Markdown under content/; the corpus's data file and its
	// standalone pages stay out, as danvan treats them differently.
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}
	src, err := filepath.Abs(filepath.Join(corpusRoot, "content", "bai-viet"))
	if err != nil {
		return err
	}
	if err := os.Symlink(src, filepath.Join(dir, "content", "bai-viet")); err != nil {
		return fmt.Errorf("hugo site: %w", err)
	}
	return nil
}
