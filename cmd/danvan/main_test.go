package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/sitetest"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dest := filepath.Join(t.TempDir(), "public")
	if code, out, errs := runCLI("build", "-s", root, "-d", dest, "--cache-dir", t.TempDir(), "--base-url", "https://example.org/"); code != exitOK || !strings.Contains(out, "bài viết") {
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

// `danvan help <cmd>` reads like the README: Vietnamese, every option the
// command takes and only those, spelled --long or -s, defaults in words; no
// English of package flag. Errors on the command line are Vietnamese too.
func TestHelp(t *testing.T) {
	english := regexp.MustCompile(`\b(string|int|bool|value|default|Usage|flag|provided|defined|invalid)\b`)
	oneDashLong := regexp.MustCompile(`(^|[\s\[(,])-[a-z][a-z-]+`)
	for _, c := range commands() {
		if c.run == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI("help", c.name)
			if code != exitOK || errs != "" || !strings.HasPrefix(out, "Cách dùng: danvan "+c.name) {
				t.Fatalf("help %s: exit %d, stderr %q\n%s", c.name, code, errs, out)
			}
			if m := english.FindString(out); m != "" {
				t.Errorf("English word %q in help %s:\n%s", m, c.name, out)
			}
			if m := oneDashLong.FindString(out); m != "" {
				t.Errorf("%q: long options take two dashes:\n%s", m, out)
			}
			// The options the command really takes: the ones it parses with.
			o := c.options()
			o.fs.VisitAll(func(f *flag.Flag) {
				spelled := o.spell(f.Name)
				if !regexp.MustCompile(`(^|[\s,])` + regexp.QuoteMeta(spelled) + `\b`).MatchString(out) {
					t.Errorf("%s takes %s but its help does not show it:\n%s", c.name, spelled, out)
				}
			})
			for _, d := range o.docs {
				if d.help == "" {
					t.Errorf("%s: option %s%s has no explanation", c.name, d.short, d.long)
				}
			}
			if strings.Contains(out, "--drafts") != (o.fs.Lookup("drafts") != nil) {
				t.Errorf("help %s and the options disagree on --drafts", c.name)
			}
		})
	}
	if _, out, _ := runCLI("help", "new"); strings.Contains(out, "--drafts") {
		t.Errorf("help new shows --drafts, which new does not take:\n%s", out)
	}
	if _, out, _ := runCLI("help", "build"); !strings.Contains(out, "(mặc định: public)") || !strings.Contains(out, "(mặc định: thư mục hiện tại)") {
		t.Errorf("help build: defaults in words:\n%s", out)
	}
	code, out, _ := runCLI("help")
	if code != exitOK || !strings.Contains(out, "build") || !strings.Contains(out, "check") {
		t.Errorf("help: %d %s", code, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, "danvan: không có lệnh \"biuld\" — có phải ý bạn là `build`?"},
		{[]string{"help", "chek"}, "danvan: không có lệnh \"chek\" — có phải ý bạn là `check`?"},
		{[]string{"build", "--draft"}, "danvan build: không có tùy chọn --draft — có phải ý bạn là --drafts?"},
		{[]string{"build", "-s"}, "danvan build: tùy chọn -s cần một giá trị, ví dụ: -s THƯ-MỤC"},
		{[]string{"search", "-n", "mười", "x"}, "danvan search: giá trị \"mười\" của -n không hợp lệ: cần số"},
		{[]string{"build", "--noindex=có"}, "danvan build: --noindex là công tắc: viết --noindex để bật, hoặc --noindex=false để tắt, không nhận \"có\""},
		{[]string{"check", "thua"}, "danvan check: không nhận \"thua\""},
	} {
		code, out, errs := runCLI(tc.args...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errs, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant it to start with:\n%s", tc.args, code, out, errs, tc.want)
		}
		if m := english.FindString(errs); m != "" {
			t.Errorf("%q: English word %q in %q", tc.args, m, errs)
		}
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
		"::error file=content/bai-viet/a.md,line=4,title=lĩnh vực::\"kinh-tee\" không có trong danh sách lĩnh vực",
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

// The three mistakes a new editor makes most (issue #14): a title with a
// colon and no quotes, a date written day first, a locality written by its
// name. Each article is linked from others. `danvan check` reports exactly
// three errors, one on each broken file, none on the articles that link to
// them; each shows its fix, and applying the fix as written makes the site
// pass.
func TestThreeMistakes(t *testing.T) {
	site := sitetest.Copy(t)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(site, file)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(src, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mistakes := []struct{ file, old, bad string }{
		{"content/bai-viet/to-hoa-giai-nghia-lo.md", `title: "Tổ hòa giải tổ dân phố 5: giữ hòa khí từ những chuyện nhỏ"`, `title: Tổ hòa giải tổ dân phố 5: giữ hòa khí từ những chuyện nhỏ`},
		{"content/bai-viet/tinh-khe-camera-an-ninh.md", "date: 2020-03-16", "date: 16/03/2020"},
		{"content/bai-viet/don-dien-doi-thua-nghia-dung/index.md", "locality: nghia-dung", "locality: Nghĩa Dũng"},
	}
	for _, m := range mistakes {
		edit(m.file, m.old, m.bad)
	}
	code, out, _ := runCLI("check", "-s", site, "--format", "json")
	var items []struct {
		File, Message, Severity string
		Line                    int
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil || code != exitContent {
		t.Fatalf("check: exit %d, %v\n%s", code, err, out)
	}
	var errs []string
	for _, it := range items {
		if it.Severity == "error" {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", it.File, it.Line, it.Message))
		}
	}
	if len(errs) != len(mistakes) {
		t.Fatalf("want %d errors, got %d:\n%s", len(mistakes), len(errs), strings.Join(errs, "\n"))
	}
	for _, m := range mistakes {
		var mine []string
		for _, it := range items {
			if it.Severity == "error" && it.File == m.file {
				mine = append(mine, it.Message)
			}
		}
		if len(mine) != 1 {
			t.Errorf("%s: want one error, got %q", m.file, mine)
			continue
		}
		// The fix: the line after "sửa thành: ", as the editor would type it.
		msg := mine[0]
		i := strings.Index(strings.ToLower(msg), "sửa thành: ")
		if i < 0 {
			t.Errorf("%s: no fix shown: %s", m.file, msg)
			continue
		}
		fix := msg[i+len("sửa thành: "):]
		for _, end := range []string{" (được phép", "; "} {
			if j := strings.Index(fix, end); j >= 0 {
				fix = fix[:j]
			}
		}
		if fix != m.old {
			t.Errorf("%s: the fix shown is %q, want %q\n%s", m.file, fix, m.old, msg)
		}
		edit(m.file, m.bad, fix)
	}
	if code, out, errb := runCLI("check", "-s", site); code != exitOK {
		t.Errorf("after the fixes shown: exit %d\n%s%s", code, out, errb)
	}
}
