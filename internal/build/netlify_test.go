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
