package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// netlifyDeploy simulates Netlify's builds of one site: each deploy clones
// the repository afresh into the same folder (Netlify's /opt/build/repo),
// runs the local cache plugin's onPreBuild, the build command of
// netlify.toml, then the plugin's onEnd, with a cache folder that
// outlives the clones (Netlify's /opt/build/cache). Go's own caches are
// the test's (netlify.toml keeps them under /opt/build/cache).
type netlifyDeploy struct {
	t       *testing.T
	origin  string // the git repository deployed
	work    string // the clone being built
	cache   string // the deploy cache
	command string // [build] command of netlify.toml
	node    string // node, to run the plugin
	harness string // testdata/netlify-plugin.js
}

func newNetlifyDeploy(t *testing.T) *netlifyDeploy {
	testenv.NotShort(t, "simulated Netlify deploys (they compile danvan)")
	node := testenv.NeedCommand(t, "node", "apt-get install nodejs")
	for _, c := range []string{"git", "sh", "go"} {
		testenv.NeedCommand(t, c, "apt-get install git; Go from go.dev")
	}
	root := sitetest.RepoRoot(t)
	var cfg struct {
		Build struct{ Command string }
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	d := &netlifyDeploy{t: t, origin: filepath.Join(t.TempDir(), "origin"), work: filepath.Join(t.TempDir(), "repo"),
		cache: t.TempDir(), command: cfg.Build.Command, node: node, harness: filepath.Join(root, "internal/build/testdata/netlify-plugin.js")}
	// The repository as it is on disk (committed or not), committed into a
	// repository of its own.
	files := d.run(root, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for _, f := range strings.Split(strings.TrimRight(files, "\x00"), "\x00") {
		if fi, err := os.Lstat(filepath.Join(root, f)); err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or a link (.ci/node_modules in a worktree)
		}
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(d.origin, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d.run(d.origin, "git", "init", "-q")
	d.commit("nội dung mẫu")
	return d
}

// run runs a command in dir and returns its output; it fails the test on
// error.
func (d *netlifyDeploy) run(dir, name string, args ...string) string {
	d.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "URL=https://danvan.example.org/", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		d.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (d *netlifyDeploy) commit(msg string) {
	d.t.Helper()
	d.run(d.origin, "git", "add", "-A")
	d.run(d.origin, "git", "commit", "-q", "-m", msg)
}

// deploy runs one Netlify build and returns its log and the tree hash of
// what it published.
func (d *netlifyDeploy) deploy() (string, string) {
	d.t.Helper()
	if err := os.RemoveAll(d.work); err != nil {
		d.t.Fatal(err)
	}
	d.run(filepath.Dir(d.work), "git", "clone", "-q", d.origin, d.work)
	plugin := "internal/deploy/netlify-plugin"
	log := d.run(d.work, d.node, d.harness, plugin, "onPreBuild", d.cache)
	log += d.run(d.work, "sh", "-c", d.command)
	published := treeHash(d.t, filepath.Join(d.work, "public"))
	log += d.run(d.work, d.node, d.harness, plugin, "onEnd", d.cache)
	return log, published
}

// fromScratch is the tree hash of a cold build of the current clone (the
// last deployed).
func (d *netlifyDeploy) fromScratch() string {
	d.t.Helper()
	dest := filepath.Join(d.t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: d.work, Dest: dest, CacheDir: d.t.TempDir(), BaseURL: "https://danvan.example.org/"}); err != nil {
		d.t.Fatal(err)
	}
	return treeHash(d.t, dest)
}

// Netlify deploys start warm: a fresh clone with the cache restored by the
// repository's local plugin reuses the danvan program (no compile), every
// page, the search index and every output file of the previous deploy, and
// a deploy after one edited article re-renders a few pages only and gets
// the spare output folder back. Each deploy's output equals a cold build
// of the same tree.
func TestSimulatedNetlifyDeploys(t *testing.T) {
	d := newNetlifyDeploy(t)
	_, got := d.deploy()
	want := d.fromScratch()
	if got != want {
		t.Error("the first deploy differs from a cold build")
	}

	second, got := d.deploy()
	for _, line := range []string{
		"danvan-cache: đã lấy lại .danvan-cache",
		"danvan-cache: đã lấy lại public",
		unchangedLine,
	} {
		if !strings.Contains(second, line) {
			t.Errorf("the deploy of an unchanged site is not warm: no %q in its log:\n%s", line, second)
		}
	}
	if got != want {
		t.Error("the second deploy differs from a cold build")
	}

	// A commit that touches neither the site nor danvan's code (the README)
	// leaves every input as it was: the deploy does nothing.
	readme := filepath.Join(d.origin, "README.md")
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(readme, append(text, "\nMột dòng mới.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	d.commit("chỉ sửa README")
	if log, got := d.deploy(); !strings.Contains(log, unchangedLine) || got != want {
		t.Errorf("the deploy of a README-only commit built the site again (or published something else):\n%s", log)
	}

	art := filepath.Join(d.origin, "content/bai-viet/to-hoa-giai-nghia-lo.md")
	src, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`title: "`), []byte(`title: "Đã sửa: `), 1)
	if err := os.WriteFile(art, append(src, "\nMột đoạn viết thêm.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	d.commit("sửa một bài")
	third, got := d.deploy()
	if m := regexp.MustCompile(`Viết trang HTML: ([0-9.]+) trang \(([0-9.]+) dựng lại\)`).FindStringSubmatch(third); m == nil || m[2] == m[1] || m[2] == "0" {
		t.Errorf("after one edit the deploy did not re-render just some pages: %v\n%s", m, third)
	}
	if !strings.Contains(third, "Chỉ mục tìm kiếm: 1 bài đánh lại") {
		t.Errorf("after one edit the search index was not updated by one article:\n%s", third)
	}
	if got != d.fromScratch() {
		t.Error("the deploy after an edit differs from a cold build")
	}

	// That deploy swapped its output in, so the output before it became
	// the spare (.public.prev), which the plugin keeps too: the next
	// deploy builds into it instead of making every folder afresh.
	src = bytes.Replace(src, []byte(`title: "Đã sửa: `), []byte(`title: "Sửa lần hai: `), 1)
	if err := os.WriteFile(art, src, 0o644); err != nil {
		t.Fatal(err)
	}
	d.commit("sửa bài lần hai")
	fourth, got := d.deploy()
	if !strings.Contains(fourth, "danvan-cache: đã lấy lại .public.prev") {
		t.Errorf("the deploy after an edited one did not get the spare back:\n%s", fourth)
	}
	if got != d.fromScratch() {
		t.Error("the deploy built in the kept spare differs from a cold build")
	}
}
