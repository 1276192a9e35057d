package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// A build asks git for the history of content/ once (from the last
// commit it read, only the commits since), and not at all when HEAD is
// the commit the cached history was read from; its output is that of a
// build without a cache, commit after commit, a merge too; outside git
// it asks git once. The proof counts the runs through a git in front of
// the real one.
func TestGitLogReadOncePerCommit(t *testing.T) {
	realGit := testenv.NeedCommand(t, "git", "apt-get install git")
	site := sitetest.Copy(t)
	bin := t.TempDir()
	calls := filepath.Join(bin, "calls")
	wrapper := "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexec '" + realGit + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command(realGit, append([]string{"-C", site}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	// Outside git: one question to git, and the build goes on without dates.
	if _, err := Run(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "public")}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(calls); strings.Count(string(data), "\n") != 1 {
		t.Errorf("outside git, git was run %d times, want once:\n%s", strings.Count(string(data), "\n"), data)
	}
	os.Remove(calls)
	os.RemoveAll(filepath.Join(site, ".danvan-cache"))
	git("2026-01-01T10:00:00+07:00", "init", "-q", "-b", "main")
	git("2026-01-01T10:00:00+07:00", "add", "content", "layouts", "static")
	git("2026-01-01T10:00:00+07:00", "commit", "-qm", "trang")
	art := filepath.Join(site, "content/bai-viet/bua-com-yeu-thuong-cam-thanh.md")
	edit := func(text string) {
		t.Helper()
		f, err := os.OpenFile(art, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\n" + text + "\n")
		f.Close()
	}
	var lastLog string // the arguments of the last git log of the build with the cache
	logRuns := func() int {
		t.Helper()
		data, _ := os.ReadFile(calls)
		os.Remove(calls)
		n := 0
		for _, line := range strings.Split(string(data), "\n") {
			if strings.Contains(" "+line+" ", " log ") {
				n++
				lastLog = line
			}
		}
		return n
	}
	out := filepath.Join(t.TempDir(), "public")
	// build builds with the site's cache and checks the output against a
	// build with none; it returns how many times git log ran in the first.
	var last *Stats // the figures of the last build with the cache
	build := func(what string) int {
		t.Helper()
		var err error
		if last, err = Run(context.Background(), Options{Source: site, Dest: out}); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		runs := logRuns()
		last := lastLog
		fresh := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Source: site, Dest: fresh, CacheDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		logRuns()
		lastLog = last
		if treeHash(t, out) != treeHash(t, fresh) {
			t.Errorf("%s: the output differs from a build without a cache", what)
		}
		return runs
	}
	if n := build("first build"); n != 1 {
		t.Errorf("first build: git log ran %d times, want 1 (for the inputs' key and the dates both)", n)
	}
	edit("Đoạn viết thêm, chưa commit.")
	if n := build("an edit not committed"); n != 0 {
		t.Errorf("an edit not committed: git log ran %d times, want 0 (HEAD is the commit the history was read from)", n)
	}
	git("2026-03-05T10:00:00+07:00", "commit", "-qam", "sửa bài")
	if n := build("a new commit"); n != 1 || !strings.Contains(lastLog, "..") {
		t.Errorf("a new commit: git log ran %d times (the last: %q), want once, for the commits since the last build only", n, lastLog)
	}
	// The commit moved one article's "last updated" date: the pages that
	// show that article are keyed again, not the site (pagedeps.go).
	if last.Keyed == 0 || last.Keyed > last.Pages/2 {
		t.Errorf("a new commit of one article: %d of %d pages keyed, want only those that show it", last.Keyed, last.Pages)
	}
	page, err := os.ReadFile(filepath.Join(out, "bai-viet/bua-com-yeu-thuong-cam-thanh/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `Cập nhật lần cuối <time datetime="2026-03-05">`) {
		t.Errorf("the article edited in a commit of 5/3/2026 does not say it was updated then")
	}
	if n := build("nothing changed"); n != 0 {
		t.Errorf("nothing changed: git log ran %d times, want 0", n)
	}
	// A branch merged: the whole log again (the commits since are not a
	// line), and the dates of a build without a cache.
	git("2026-03-06T10:00:00+07:00", "checkout", "-q", "-b", "nhanh", "HEAD~1")
	edit("Đoạn viết trên nhánh.")
	git("2026-03-06T10:00:00+07:00", "commit", "-qam", "sửa trên nhánh")
	git("2026-03-07T10:00:00+07:00", "checkout", "-q", "main")
	git("2026-03-07T10:00:00+07:00", "merge", "-q", "--no-edit", "-X", "theirs", "nhanh")
	if n := build("a merge"); n != 1 {
		t.Errorf("a merge: git log ran %d times, want 1", n)
	}
}
