package build

import (
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/quangngai/danvan/internal/host"
	"github.com/quangngai/danvan/internal/sitetest"
)

// netlify.toml parses and sets the security headers (what it caches is
// TestCacheHeaders's).
func TestNetlifyConfig(t *testing.T) {
	var cfg struct {
		Build struct {
			Command, Publish string
			Environment      map[string]string
		}
		Context map[string]struct{ Command string }
		Plugins []struct{ Package string }
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	root := sitetest.RepoRoot(t)
	if _, err := toml.DecodeFile(filepath.Join(root, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Build.Publish != "public" || !strings.Contains(cfg.Build.Command, "danvan build") || cfg.Build.Environment["GO_VERSION"] == "" {
		t.Errorf("build: %+v", cfg.Build)
	}
	for _, v := range []string{"GOCACHE", "GOMODCACHE"} {
		if !strings.HasPrefix(cfg.Build.Environment[v], "/opt/build/cache/") {
			t.Errorf("%s is not kept in Netlify's cache folder: %q", v, cfg.Build.Environment[v])
		}
	}
	if len(cfg.Plugins) != 1 || cfg.Plugins[0].Package != "./internal/deploy/netlify-plugin" {
		t.Errorf("the deploy-cache plugin is not declared: %+v", cfg.Plugins)
	}
	if !strings.Contains(cfg.Context["deploy-preview"].Command, "$DEPLOY_PRIME_URL") || !strings.Contains(cfg.Context["deploy-preview"].Command, "--noindex") {
		t.Errorf("deploy previews need their own base URL and noindex: %q", cfg.Context["deploy-preview"].Command)
	}
	var all map[string]string
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
	}
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
		if all[k] == "" {
			t.Errorf("missing header %s", k)
		}
	}
	if strings.Contains(all["Content-Security-Policy"], "unsafe-inline") {
		t.Error("CSP must not allow inline script or style")
	}
	// Every SVG gets the preview's policy, however deep and whatever its
	// case, matched as Netlify matches "for" (see netlifyFor).
	svg := 0
	for _, h := range cfg.Headers {
		if !netlifyFor(h.For).MatchString("/bai-viet/don-dien/So-Do.SVG") {
			continue
		}
		if h.For == "/*" {
			continue
		}
		svg++
		if h.Values["Content-Security-Policy"] != host.SVGPolicy {
			t.Errorf("%s: policy %q, want host.SVGPolicy %q", h.For, h.Values["Content-Security-Policy"], host.SVGPolicy)
		}
	}
	if svg != 1 {
		t.Errorf("%d rules for SVG files, want one", svg)
	}
}

// netlifyFor mirrors Netlify's matching of a headers rule's "for" path
// (@netlify/headers-parser, getForRegExp): segments split on "/", ":name"
// is one segment, a lone "*" anything (or nothing), a "*" inside a
// segment any run of characters, the rest literal; case-insensitive, an
// optional trailing slash.
func netlifyFor(forPath string) *regexp.Regexp {
	var parts []string
	for _, p := range strings.Split(forPath, "/") {
		p = strings.TrimRight(p, " ")
		switch {
		case p == "":
			continue
		case strings.HasPrefix(p, ":"):
			parts = append(parts, "([^/]+)")
		case p == "*":
			parts = append(parts, "?(.*)")
		default:
			lit := strings.Split(p, "*")
			for i := range lit {
				lit[i] = regexp.QuoteMeta(lit[i])
			}
			parts = append(parts, strings.Join(lit, "(.*)"))
		}
	}
	return regexp.MustCompile("(?i)^/" + strings.Join(parts, "/") + "/?$")
}

func TestNetlifyRuleMatching(t *testing.T) {
	for _, tc := range []struct {
		rule, path string
		want       bool
	}{
		{"/*", "/", true},
		{"/*", "/bai-viet/x/", true},
		{"/css/:file", "/css/app.1a2b3c4d.css", true},
		{"/css/*", "/cssx/app.css", true}, // a lone "*" after "/" may also eat the slash: why the rules use ":name"
		{"/css/:file", "/cssx/app.css", false},
		{"/anh/:hash/*", "/anh/1a2b3c4d/anh-bia-480.jpg", true},
		{"/anh/:hash/*", "/anh-dep/", false},
		{"/anh/:hash/*", "/bai-viet/anh/x.jpg", false},
		{"/quan-tri/decap-cms.*.js", "/quan-tri/decap-cms.1a2b3c4d.js", true},
		{"/quan-tri/decap-cms.*.js", "/quan-tri/admin.js", false},
		{"/quan-tri/decap-cms.*.js", "/quan-tri/decap-cms.js", false},
		{"/tim-kiem/*/*", "/tim-kiem/manifest.json", true}, // why the index has a folder of its own
		{"/tim-kiem/chi-muc/:v/*", "/tim-kiem/chi-muc/77f2860b/d0.json", true},
		{"/tim-kiem/chi-muc/:v/*", "/tim-kiem/manifest.json", false},
		{"/*.xml", "/dia-ban/x/feed.xml", true},
		{"/dia-ban/:slug/", "/dia-ban/x/", true},
		{"/dia-ban/:slug/", "/dia-ban/x/y/", false},
	} {
		if got := netlifyFor(tc.rule).MatchString(tc.path); got != tc.want {
			t.Errorf("%s matches %s: %v, want %v", tc.rule, tc.path, got, tc.want)
		}
	}
}

// hashedRE finds a content hash in a published path: a run of at least 8
// hexadecimal digits standing alone between "/", "." or "-" (app.3f2a9c1b.css,
// anh-bia-3f2a9c1d-960.jpg, /anh/3f2a9c1d/…, /tim-kiem/<hash>/…). It reads
// the names, not a list, so a new kind of hashed file is checked too.
var hashedRE = regexp.MustCompile(`(^|[/.-])[0-9a-f]{8,}([/.-]|$)`)

// TestCacheHeaders builds the sample site and checks every published file
// against netlify.toml: a file whose name carries a content hash is cached
// for a year (immutable), and no other file is; and no file gets its
// Cache-Control from two rules (Netlify may join their values into one
// contradictory header).
func TestCacheHeaders(t *testing.T) {
	root := sitetest.RepoRoot(t)
	type rule struct {
		for_      string
		re        *regexp.Regexp
		immutable bool
	}
	var rules []rule
	for _, h := range sitetest.NetlifyHeaders(t) {
		if cc, ok := h.Values["Cache-Control"]; ok {
			rules = append(rules, rule{h.For, netlifyFor(h.For), strings.Contains(cc, "immutable")})
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Dest: out, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	var nHashed, nFiles int
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if rel == "_redirects" || rel == "_headers" {
			return nil // read by Netlify, never served
		}
		nFiles++
		// A page is asked for by its directory URL too.
		urls := []string{"/" + rel}
		if d.Name() == "index.html" {
			urls = append(urls, "/"+strings.TrimSuffix(rel, "index.html"))
		}
		hashed := hashedRE.MatchString(rel)
		if hashed {
			nHashed++
		}
		for _, u := range urls {
			var by []string
			immutable := false
			for _, r := range rules {
				if r.re.MatchString(u) {
					by = append(by, r.for_)
					immutable = immutable || r.immutable
				}
			}
			switch {
			case len(by) > 1:
				t.Errorf("%s: Cache-Control set by %d rules %q; Netlify may join them", u, len(by), by)
			case hashed && !immutable:
				t.Errorf("%s carries a content hash but is not cached as immutable (rules: %q)", u, by)
			case !hashed && immutable:
				t.Errorf("%s has no content hash in its name but is cached for a year by %q", u, by)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d with a content hash", nFiles, nHashed)
	if nHashed == 0 {
		t.Fatal("no hashed file in the output: the test checks nothing")
	}
}
