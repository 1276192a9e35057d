package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/testenv"
)

func TestRun(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "Usage: gencorpus") {
		t.Errorf("-h: code %d, help %q", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"-n", "3"}, &out, &errb); code != 2 {
		t.Errorf("missing -o: code %d, want 2", code)
	}
	dir := filepath.Join(t.TempDir(), "site")
	out.Reset()
	errb.Reset()
	if code := run([]string{"-n", "3", "-seed", "2", "-template", "../..", "-o", dir}, &out, &errb); code != 0 {
		t.Fatalf("code %d: %s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "gencorpus: 3 articles, ") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("summary %q", out.String())
	}
	if code := run([]string{"-n", "3", "-template", "../..", "-o", "../.."}, &out, &errb); code != 1 {
		t.Errorf("writing over the template: code %d, want 1", code)
	}
}

// -history makes the corpus a git repository: 3 articles, 2 a commit, are
// the frame's commit and two more.
func TestRunHistory(t *testing.T) {
	testenv.NeedCommand(t, "git", "apt-get install git")
	dir := filepath.Join(t.TempDir(), "site")
	var out, errb bytes.Buffer
	if code := run([]string{"-n", "3", "-template", "../..", "-history", "2", "-o", dir}, &out, &errb); code != 0 {
		t.Fatalf("code %d: %s", code, errb.String())
	}
	n, err := exec.Command("git", "-C", dir, "rev-list", "--count", "HEAD").Output()
	if err != nil || strings.TrimSpace(string(n)) != "3" {
		t.Errorf("commits: %q (%v), want 3", n, err)
	}
}
