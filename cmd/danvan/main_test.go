package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dest := filepath.Join(t.TempDir(), "public")
	if code, out, errs := runCLI("build", "-s", root, "-d", dest, "--base-url", "https://example.org/"); code != exitOK || !strings.Contains(out, "bài viết") {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	if code, _, _ := runCLI("check", "--source", root); code != exitOK {
		t.Errorf("check of the sample site: %d", code)
	}
	if code, _, _ := runCLI(); code != exitUsage {
		t.Errorf("no command: %d", code)
	}
	if code, _, _ := runCLI("bay"); code != exitUsage {
		t.Errorf("unknown command: %d", code)
	}
	if code, _, _ := runCLI("build", "--khong-co"); code != exitUsage {
		t.Errorf("unknown flag: %d", code)
	}
	if code, _, _ := runCLI("build", "thua"); code != exitUsage {
		t.Errorf("extra argument: %d", code)
	}

	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "content/bai-viet"), 0o755)
	cfg, _ := os.ReadFile(filepath.Join(root, "content/_site.yaml"))
	os.WriteFile(filepath.Join(bad, "content/_site.yaml"), cfg, 0o644)
	os.WriteFile(filepath.Join(bad, "content/bai-viet/a.md"), []byte("---\ntitle: A\ndate: 2019-01-01\narea: kinh-tee\nlocality: nghia-dung\n---\n"), 0o644)
	code, _, errs := runCLI("check", "-s", bad)
	if code != exitContent || !strings.Contains(errs, "content/bai-viet/a.md:4: area:") {
		t.Errorf("check of a broken site: %d %s", code, errs)
	}
}

func TestHelpExplainsEveryFlag(t *testing.T) {
	code, out, _ := runCLI("help", "build")
	if code != exitOK {
		t.Fatalf("help build: %d", code)
	}
	for _, f := range []string{"-s", "-source", "-d", "-destination", "-base-url", "-drafts"} {
		if !strings.Contains(out, "  "+f) {
			t.Errorf("help build does not explain %s:\n%s", f, out)
		}
	}
	code, out, _ = runCLI("help")
	if code != exitOK || !strings.Contains(out, "build") || !strings.Contains(out, "check") {
		t.Errorf("help: %d %s", code, out)
	}
}
