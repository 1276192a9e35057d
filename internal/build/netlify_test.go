package build

import (
	"context"
	"github.com/quangngai/danvan/internal/sitetest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/quangngai/danvan/internal/host"
)

// netlify.toml parses, sets the security headers, and caches long only
// files whose names carry a content hash.
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
	long := map[string]bool{}
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
		if strings.Contains(h.Values["Cache-Control"], "immutable") {
			long[h.For] = true
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
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Dest: out}); err != nil {
		t.Fatal(err)
	}
	hashed := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`)
	for pattern := range long {
		files, _ := filepath.Glob(filepath.Join(out, strings.TrimSuffix(pattern, "*")+"*"))
		for _, f := range files {
			if fi, _ := os.Stat(f); fi.IsDir() {
				continue
			}
			if !hashed.MatchString(f) {
				t.Errorf("%s is cached for a year but its name has no content hash", f)
			}
		}
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
