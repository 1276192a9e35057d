package content_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/testenv"
)

// gitRepo is a temporary repository whose commits carry chosen dates.
type gitRepo struct {
	t    *testing.T
	root string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	testenv.NeedCommand(t, "git", "apt-get install git")
	r := &gitRepo{t: t, root: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.root}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v %s", args, err, out)
	}
	return string(out)
}

// commit writes files (path → content) and commits them on date.
func (r *gitRepo) commit(date string, files map[string]string) {
	r.t.Helper()
	for p, body := range files {
		full := filepath.Join(r.root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.git("", "add", p)
	}
	r.git(date, "commit", "-qm", "commit of "+date)
}

func isoDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The last-updated date is shown only for a change after publication: never
// the date of the commit that added the file, never a file time, and in a
// shallow clone a date may be missing but is never wrong.
func TestSetModifiedHonest(t *testing.T) {
	r := newGitRepo(t)
	// Five 2019 articles, imported in 2026 in one commit.
	r.commit("2026-11-27T10:00:00+07:00", map[string]string{
		"content/bai-viet/chi-them.md":       "a",
		"content/bai-viet/sua-sau.md":        "b",
		"content/bai-viet/sua-truoc-dang.md": "c",
		"content/bai-viet/anh/index.md":      "d",
		"content/bai-viet/anh/anh-bia.jpg":   "e",
		"content/bai-viet/co-lastmod.md":     "f",
		"content/bai-viet/chua-commit.md":    "g",
		"khac/ngoai-content.md":              "h",
	})
	// An edit of one article in 2026-12; a new photo in a bundle.
	r.commit("2026-12-02T09:00:00+07:00", map[string]string{"content/bai-viet/sua-sau.md": "b2"})
	r.commit("2026-12-03T23:30:00+00:00", map[string]string{"content/bai-viet/anh/anh-bia.jpg": "e2"}) // 04/12 in Việt Nam
	// An article dated 2026-12-10: edits before that day are drafting.
	r.commit("2026-12-05T09:00:00+07:00", map[string]string{"content/bai-viet/sua-truoc-dang.md": "c2"})
	// A change not committed: the build must not depend on it.
	if err := os.WriteFile(filepath.Join(r.root, "content/bai-viet/chua-commit.md"), []byte("g2"), 0o644); err != nil {
		t.Fatal(err)
	}

	articles := func() []*content.Article {
		return []*content.Article{
			{Path: "content/bai-viet/chi-them.md", Date: isoDay("2019-06-14")},
			{Path: "content/bai-viet/sua-sau.md", Date: isoDay("2019-06-14")},
			{Path: "content/bai-viet/sua-truoc-dang.md", Date: isoDay("2026-12-10")},
			{Path: "content/bai-viet/anh/index.md", Dir: "content/bai-viet/anh", Resources: []string{"anh-bia.jpg"}, Date: isoDay("2019-06-14")},
			{Path: "content/bai-viet/co-lastmod.md", Date: isoDay("2019-06-14"), LastMod: isoDay("2020-03-02")},
			{Path: "content/bai-viet/chua-commit.md", Date: isoDay("2019-06-14")},
			{Path: "content/bai-viet/khong-co-trong-git.md", Date: isoDay("2019-06-14")},
		}
	}
	want := map[string]string{
		"content/bai-viet/chi-them.md":           "",           // only added: the import is not an update
		"content/bai-viet/sua-sau.md":            "2026-12-02", // edited after it was added
		"content/bai-viet/sua-truoc-dang.md":     "",           // edited before its publication date
		"content/bai-viet/anh/index.md":          "2026-12-04", // a new photo, on the day in Việt Nam
		"content/bai-viet/co-lastmod.md":         "2020-03-02", // the editor's lastmod wins
		"content/bai-viet/chua-commit.md":        "",           // uncommitted edits do not count
		"content/bai-viet/khong-co-trong-git.md": "",
	}
	check := func(name, root string, want map[string]string) {
		t.Helper()
		c := &content.Content{Articles: articles()}
		content.SetModified(root, c)
		for _, a := range c.Articles {
			got := ""
			if !a.Modified.IsZero() {
				got = a.Modified.Format(time.DateOnly)
			}
			if got != want[a.Path] {
				t.Errorf("%s: %s: last updated %q, want %q", name, a.Path, got, want[a.Path])
			}
		}
	}
	check("full history", r.root, want)

	// Shallow clones (CI, some hosts): the boundary commit looks like the
	// one that added every file. Depth 1: no dates at all (missing, not
	// wrong). Depth 2: the newest commit is still a real change of its file.
	for depth, want := range map[string]map[string]string{
		"1": {"content/bai-viet/co-lastmod.md": "2020-03-02"},
		"3": {"content/bai-viet/anh/index.md": "2026-12-04", "content/bai-viet/co-lastmod.md": "2020-03-02"},
	} {
		clone := filepath.Join(t.TempDir(), "clone")
		r.git("", "clone", "-q", "--depth", depth, "file://"+r.root, clone)
		check("depth "+depth, clone, want)
	}

	// Outside git: no dates but lastmod.
	plain := t.TempDir()
	check("no git", plain, map[string]string{"content/bai-viet/co-lastmod.md": "2020-03-02"})

	// The site root inside a bigger repository: paths are relative to it.
	sub := newGitRepo(t)
	sub.commit("2026-11-27T10:00:00+07:00", map[string]string{"site/content/bai-viet/sua-sau.md": "b"})
	sub.commit("2026-12-02T09:00:00+07:00", map[string]string{"site/content/bai-viet/sua-sau.md": "b2"})
	c := &content.Content{Articles: []*content.Article{{Path: "content/bai-viet/sua-sau.md", Date: isoDay("2019-06-14")}}}
	content.SetModified(filepath.Join(sub.root, "site"), c)
	if got := c.Articles[0].Modified.Format(time.DateOnly); got != "2026-12-02" {
		t.Errorf("site in a subfolder: %s, want 2026-12-02", got)
	}
}

// A history's key changes exactly when the history dates are read from does: a
// commit to content/ (even one that leaves the files as they were), not a
// commit elsewhere, a clone, or a file's time; outside git it is "".
func TestHistoryKey(t *testing.T) {
	r := newGitRepo(t)
	art := "content/bai-viet/a.md"
	r.commit("2020-01-01T10:00:00+07:00", map[string]string{art: "một", "README.md": "x"})
	first := content.ReadHistory(r.root).Key()
	if first == "" {
		t.Fatal("no key in a git checkout")
	}
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "file://"+r.root, clone)
	if got := content.ReadHistory(clone).Key(); got != first {
		t.Errorf("a fresh clone has another key: %s, want %s", got, first)
	}
	later := time.Now().AddDate(0, 0, 3)
	os.Chtimes(filepath.Join(r.root, art), later, later)
	r.commit("2021-01-01T10:00:00+07:00", map[string]string{"README.md": "y"})
	if got := content.ReadHistory(r.root).Key(); got != first {
		t.Errorf("a commit outside content/ (or a file time) changed the key")
	}
	r.commit("2022-01-01T10:00:00+07:00", map[string]string{art: "hai"})
	r.commit("2022-02-01T10:00:00+07:00", map[string]string{art: "một"})
	if got := content.ReadHistory(r.root).Key(); got == first {
		t.Errorf("two commits to an article (back to its old text: its last-updated date moved) left the key as it was")
	}
	if got := content.ReadHistory(t.TempDir()).Key(); got != "" {
		t.Errorf("outside git: %q, want \"\"", got)
	}
}

// A git state names the log ReadHistoryAt reads: the same commit of a
// full clone gives the same state, a new commit or a shallow clone (whose
// log stops at its boundary) another; outside git, or before the first
// commit, there is none. A history survives Encode and DecodeHistory, and
// a cache given one (KnownHistory) takes its dates from it without git.
func TestGitStateAndKnownHistory(t *testing.T) {
	if _, ok := content.ReadGitState(t.TempDir()); ok {
		t.Error("a state outside git")
	}
	r := newGitRepo(t)
	if _, ok := content.ReadGitState(r.root); ok {
		t.Error("a state before the first commit")
	}
	art := "content/bai-viet/a.md"
	r.commit("2020-01-01T10:00:00+07:00", map[string]string{art: "một"})
	r.commit("2021-06-01T10:00:00+07:00", map[string]string{art: "hai"})
	first, ok := content.ReadGitState(r.root)
	if !ok || len(first.Commit) < 40 || first.View == "" {
		t.Fatalf("state %+v, %v", first, ok)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "file://"+r.root, clone)
	if got, _ := content.ReadGitState(clone); got != first {
		t.Errorf("a full clone of the same commit: state %+v, want %+v", got, first)
	}
	shallow := filepath.Join(t.TempDir(), "shallow")
	r.git("", "clone", "-q", "--depth", "1", "file://"+r.root, shallow)
	if got, _ := content.ReadGitState(shallow); got.Commit != first.Commit || got.View == first.View {
		t.Errorf("a shallow clone of the same commit: state %+v; want the commit %s in another view (its log differs)", got, first.Commit)
	}
	h := content.ReadHistoryAt(r.root, first.Commit)
	r.commit("2022-01-01T10:00:00+07:00", map[string]string{art: "ba"})
	if later, _ := content.ReadGitState(r.root); later.Commit == first.Commit || later.View != first.View {
		t.Errorf("a new commit: state %+v, was %+v", later, first)
	}
	if got := content.ReadHistoryAt(r.root, first.Commit).Key(); got != h.Key() {
		t.Error("the log of a commit changed when another was made after it")
	}
	back, err := content.DecodeHistory(h.Encode())
	if err != nil || back.Key() != h.Key() {
		t.Fatalf("decoded history: %v, key %q, want %q", err, back.Key(), h.Key())
	}
	if _, err := content.DecodeHistory([]byte("no separator")); err == nil {
		t.Error("a damaged record decoded")
	}
	// Outside git, the dates come from the history the cache was given.
	c := &content.Content{Articles: []*content.Article{{Path: art, Date: isoDay("2019-06-14")}}}
	cache := content.NewHashedCache()
	cache.KnownHistory(back)
	content.SetModifiedCached(t.TempDir(), c, cache)
	if got := c.Articles[0].Modified.Format(time.DateOnly); got != "2021-06-01" {
		t.Errorf("dates from a known history: %s, want 2021-06-01 (the commit after the one that added it, up to %s)", got, first.Commit[:7])
	}
}

// The log of a commit that descends from another in a line is the log of
// the commits since, then the other's log, byte for byte (with commits
// outside content/ among them); across a merge, back to an older commit,
// or from a commit that is not an ancestor, ReadHistorySince gives up.
func TestReadHistorySince(t *testing.T) {
	r := newGitRepo(t)
	head := func() string { return strings.TrimSpace(r.git("", "rev-parse", "HEAD")) }
	r.commit("2020-01-01T10:00:00+07:00", map[string]string{"content/bai-viet/a.md": "một", "content/bai-viet/b.md": "một"})
	old := head()
	base := content.ReadHistoryAt(r.root, old)
	if same, ok := content.ReadHistorySince(r.root, old, old, base); !ok || same.Key() != base.Key() {
		t.Error("from the same commit: not the same log")
	}
	r.commit("2020-02-01T10:00:00+07:00", map[string]string{"content/bai-viet/a.md": "hai"})
	r.commit("2020-03-01T10:00:00+07:00", map[string]string{"README.md": "ngoài content"})
	r.commit("2020-04-01T10:00:00+07:00", map[string]string{"content/bai-viet/b.md": "hai", "content/bai-viet/c.md": "một"})
	now := head()
	got, ok := content.ReadHistorySince(r.root, old, now, base)
	if want := content.ReadHistoryAt(r.root, now); !ok || got.Key() != want.Key() || !bytes.Equal(got.Encode(), want.Encode()) {
		t.Fatalf("three commits in a line: ok %v, log differs from git's own", ok)
	}
	// HEAD moved back to an older commit: nothing since, but not the kept log.
	if _, ok := content.ReadHistorySince(r.root, now, old, got); ok {
		t.Error("from a later commit back to an earlier one: the log was kept")
	}
	// A commit on a branch forked before the cached one.
	r.git("", "checkout", "-q", "-b", "re", old)
	r.commit("2020-02-10T10:00:00+07:00", map[string]string{"content/bai-viet/f.md": "một"})
	if _, ok := content.ReadHistorySince(r.root, now, head(), got); ok {
		t.Error("from a commit on another branch: the log was extended")
	}
	r.git("", "checkout", "-q", "main")
	// A branch merged back: the whole log is read instead.
	r.git("", "checkout", "-q", "-b", "nhanh", old)
	r.commit("2020-02-15T10:00:00+07:00", map[string]string{"content/bai-viet/d.md": "một"})
	r.git("", "checkout", "-q", "main")
	r.git("2020-05-01T10:00:00+07:00", "merge", "-q", "--no-edit", "nhanh")
	if _, ok := content.ReadHistorySince(r.root, now, head(), got); ok {
		t.Error("across a merge: the log was extended")
	}
	// A history rewritten: the old commit is no ancestor of HEAD.
	r.git("", "checkout", "-q", "--orphan", "moi")
	r.commit("2021-01-01T10:00:00+07:00", map[string]string{"content/bai-viet/e.md": "một"})
	if _, ok := content.ReadHistorySince(r.root, now, head(), got); ok {
		t.Error("from a commit HEAD does not descend from: the log was extended")
	}
}
