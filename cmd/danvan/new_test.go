package main

import (
	"bytes"
	"github.com/quangngai/danvan/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// siteCopy makes a site root with the sample _site.yaml, layouts and
// static files, and no articles.
func siteCopy(t *testing.T) string {
	t.Helper()
	dst := sitetest.Copy(t, "layouts", "static")
	os.MkdirAll(filepath.Join(dst, "content"), 0o755)
	cfg, _ := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), "content/_site.yaml"))
	os.WriteFile(filepath.Join(dst, "content/_site.yaml"), cfg, 0o644)
	return dst
}

func TestNewCheckBuildRoundTrip(t *testing.T) {
	site := siteCopy(t)
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	n := newCmd{stdin: strings.NewReader(""), today: today}
	var out, errb bytes.Buffer
	if code := n.run([]string{"Dồn điền, đổi thửa ở xã Tịnh Khê", "-s", site, "--area", "kinh-te", "--locality", "tinh-khe-2025"}, &out, &errb); code != exitOK {
		t.Fatalf("new: %d %s", code, errb.String())
	}
	if got := strings.TrimSpace(out.String()); got != "content/bai-viet/don-dien-doi-thua-o-xa-tinh-khe.md" {
		t.Errorf("printed path %q", got)
	}
	src, _ := os.ReadFile(filepath.Join(site, "content/bai-viet/don-dien-doi-thua-o-xa-tinh-khe.md"))
	for _, key := range []string{"title:", "date: 2026-11-26", "area: kinh-te", "locality: tinh-khe-2025", "model:", "unit:", "subject:", "year:", "summary:", "author:", "cover:", "cover_alt:", "tags:", "award:", "contest:", "aliases:", "draft: true"} {
		if !bytes.Contains(src, []byte(key)) {
			t.Errorf("scaffold lacks %q", key)
		}
	}
	// A draft is valid content: check passes, and build --drafts publishes it.
	if code, _, errs := runCLI("check", "-s", site, "--drafts"); code != exitOK {
		t.Fatalf("check after new: %d %s", code, errs)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCLI("build", "-s", site, "-d", dest, "--drafts"); code != exitOK {
		t.Fatalf("build after new: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dest, "bai-viet/don-dien-doi-thua-o-xa-tinh-khe/index.html")); err != nil {
		t.Error("new article not built")
	}
	// Refuses to overwrite, as a file or as a bundle.
	for _, extra := range [][]string{nil, {"--bundle"}} {
		args := append([]string{"Dồn điền, đổi thửa ở xã Tịnh Khê", "-s", site, "--area", "kinh-te", "--locality", "tinh-khe-2025"}, extra...)
		if code := n.run(args, &out, &errb); code == exitOK {
			t.Errorf("new %v overwrote an existing article", extra)
		}
	}
}

func TestNewBundleAndPrompts(t *testing.T) {
	site := siteCopy(t)
	n := newCmd{stdin: strings.NewReader("9\n1\nkhong-co\ncam-thanh\n"), interactive: true, today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	var out, errb bytes.Buffer
	if code := n.run([]string{"--bundle", "-s", site, "Bếp ăn 0 đồng"}, &out, &errb); code != exitOK {
		t.Fatalf("new: %d %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "1. Kinh tế (kinh-te)") || !strings.Contains(out.String(), "Không hợp lệ, chọn lại.") {
		t.Errorf("prompt output:\n%s", out.String())
	}
	src, err := os.ReadFile(filepath.Join(site, "content/bai-viet/bep-an-0-dong/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte("area: kinh-te")) || !bytes.Contains(src, []byte("locality: cam-thanh")) {
		t.Errorf("choices not written:\n%s", src)
	}
	// Not on a terminal and nothing given: a usage error, not a hang.
	n = newCmd{stdin: strings.NewReader(""), today: time.Now()}
	if code := n.run([]string{"-s", site, "Bài khác"}, &out, &errb); code != exitUsage {
		t.Errorf("missing area without a terminal: %d", code)
	}
}
