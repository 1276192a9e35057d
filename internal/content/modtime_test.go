package content

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/testenv"
)

func TestSetModifiedFromGit(t *testing.T) {
	testenv.NeedCommand(t, "git", "apt-get install git")
	root := t.TempDir()
	art := filepath.Join(root, "content", "bai-viet", "a.md")
	os.MkdirAll(filepath.Dir(art), 0o755)
	os.WriteFile(art, []byte("x"), 0o644)
	other := filepath.Join(root, "content", "bai-viet", "b.md")
	os.WriteFile(other, []byte("y"), 0o644)
	git := func(env []string, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), append(env, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git(nil, "init", "-q")
	git(nil, "add", "content/bai-viet/a.md")
	git([]string{"GIT_COMMITTER_DATE=2020-03-04T05:06:07Z", "GIT_AUTHOR_DATE=2020-03-04T05:06:07Z"}, "commit", "-qm", "a")
	c := &Content{Articles: []*Article{{Path: "content/bai-viet/a.md"}, {Path: "content/bai-viet/b.md"}}}
	SetModified(root, c)
	if want := time.Date(2020, 3, 4, 5, 6, 7, 0, time.UTC); !c.Articles[0].Modified.Equal(want) {
		t.Errorf("committed file: %v, want %v", c.Articles[0].Modified, want)
	}
	fi, _ := os.Stat(other)
	if !c.Articles[1].Modified.Equal(fi.ModTime().UTC()) {
		t.Errorf("uncommitted file: %v, want file time %v", c.Articles[1].Modified, fi.ModTime())
	}
	// Outside git: file times.
	c2 := &Content{Articles: []*Article{{Path: "a.md"}}}
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "a.md"), nil, 0o644)
	SetModified(plain, c2)
	if c2.Articles[0].Modified.IsZero() {
		t.Error("no file time outside git")
	}
}
