package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	if code != exitContent || !strings.Contains(errs, "content/bai-viet/a.md:4: lĩnh vực:") {
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

func TestCheckFormats(t *testing.T) {
	root, _ := filepath.Abs("../..")
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "content/bai-viet"), 0o755)
	cfg, _ := os.ReadFile(filepath.Join(root, "content/_site.yaml"))
	os.WriteFile(filepath.Join(bad, "content/_site.yaml"), cfg, 0o644)
	os.WriteFile(filepath.Join(bad, "content/bai-viet/a.md"), []byte("---\ntitle: A\ndate: 2019-01-01\narea: kinh-tee\nlocality: nghia-dung\n---\n![](/x.jpg)\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "content/bai-viet/b.md"), []byte("---\ntitle: B\ndate: 2019-01-01\narea: kinh-te\nlocality: nghia-dung\ndraft: true\n---\nx\n"), 0o644)

	code, out, _ := runCLI("check", "-s", bad, "--format", "github")
	if code != exitContent {
		t.Errorf("github format exit %d", code)
	}
	for _, want := range []string{
		"::error file=content/bai-viet/a.md,line=4,title=lĩnh vực::lĩnh vực \"kinh-tee\"",
		"::warning file=content/bai-viet/b.md,line=6,title=bài nháp::bài nháp có ngày đăng đã qua",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("github output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI("check", "-s", bad, "--format", "json")
	var items []struct {
		File, Field, Message, Severity string
		Line                           int
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil || code != exitContent || len(items) < 2 {
		t.Fatalf("json: %d %v %s", code, err, out)
	}
	if code, _, _ := runCLI("check", "-s", bad, "--format", "xml"); code != exitUsage {
		t.Errorf("unknown format: %d", code)
	}
	if ghData("a%b\nc") != "a%25b%0Ac" || ghProperty("a,b:c") != "a%2Cb%3Ac" {
		t.Error("escaping of workflow commands")
	}
}
