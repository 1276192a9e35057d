package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/sitetest"
)

// unchangedLine starts the log line of a build that had nothing to do.
const unchangedLine = "Không có gì đổi từ lần dựng trước"

// A build whose inputs (content, layouts, static files, options, program,
// git history of content) are those of the last build, and whose output is
// intact, does nothing; any change to an input or to the output makes it
// build, and the output is then what a build from scratch writes. A file's
// time is not an input (no page shows it): touching a file builds nothing.
func TestUnchangedSiteIsNotBuiltAgain(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	build := func(baseURL string) (*Stats, string) {
		t.Helper()
		var log bytes.Buffer
		st, err := Run(context.Background(), Options{Source: site, Dest: dest, CacheDir: cache, BaseURL: baseURL, Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		return st, log.String()
	}
	first, _ := build("")
	want := treeHash(t, dest)
	st, log := build("")
	if !strings.Contains(log, unchangedLine) || st.Files != first.Files || st.Reused != st.Files {
		t.Errorf("an unchanged site was built again (%+v):\n%s", st, log)
	}
	if treeHash(t, dest) != want {
		t.Error("output changed")
	}
	p := filepath.Join(site, "content/bai-viet/to-hoa-giai-nghia-lo.md")
	later := time.Now().AddDate(0, 0, 3)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if _, log := build(""); !strings.Contains(log, unchangedLine) {
		t.Errorf("touching an article (only its file time changed) built the site again:\n%s", log)
	}

	for _, c := range []struct {
		name    string
		change  func()
		baseURL string
	}{
		{name: "a stray file in the output", change: func() {
			os.WriteFile(filepath.Join(dest, "la.html"), []byte("không phải của danvan"), 0o644)
		}},
		{name: "an output file rewritten in place", change: func() {
			home := filepath.Join(dest, "index.html")
			data, _ := os.ReadFile(home)
			f, _ := os.OpenFile(home, os.O_WRONLY, 0)
			f.Write(bytes.Repeat([]byte("x"), len(data)))
			f.Close()
		}},
		{name: "a static file", change: func() {
			os.WriteFile(filepath.Join(site, "static/ghi-chu.txt"), []byte("mới"), 0o644)
		}},
		{name: "a layout", change: func() {
			replaceIn(t, site, "layouts/partials/footer.html", "<footer", "<!-- sửa -->\n<footer")
		}},
		{name: "an article's body", change: func() {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", "\n---\n", "\n---\nMột câu mới.\n\n")
		}},
		{name: "the base URL", baseURL: "https://khac.example.org/", change: func() {}},
	} {
		c.change()
		st, log := build(c.baseURL)
		if strings.Contains(log, unchangedLine) {
			t.Errorf("after %s the build did nothing", c.name)
		}
		if got := treeHash(t, dest); got != fromScratchWith(t, site, c.baseURL) {
			t.Errorf("after %s the output differs from a build from scratch (%+v)", c.name, st)
		}
		if _, log := build(c.baseURL); !strings.Contains(log, unchangedLine) {
			t.Errorf("after %s, a second build did not see that nothing changed:\n%s", c.name, log)
		}
	}
}

// fromScratchWith is fromScratch with a base URL.
func fromScratchWith(t *testing.T, site, baseURL string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Dest: dest, CacheDir: t.TempDir(), BaseURL: baseURL}); err != nil {
		t.Fatal(err)
	}
	return treeHash(t, dest)
}
