package cms_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// The checks of admin.js and their Go twins agree: the same articles, run
// through admin.js in Node and through `danvan check`, are refused by the
// same rules. A case's data is what the editor saves (after admin.js drops
// empty values); path "" is a new article, which Decap saves as a bundle.
func TestChecksMatchTheBuild(t *testing.T) {
	node := testenv.NeedCommand(t, "node", "apt-get install nodejs")
	full := map[string]any{"round": 2019, "outlet": "Đài", "media": "phat-thanh", "genre": "phong-su"}
	cases := []struct {
		Name string         `json:"name"`
		Path string         `json:"path"` // the file Decap would have read, or "" for a new article
		Data map[string]any `json:"data"`
		Want []string       `json:"-"` // the checks that refuse it
	}{
		{"bundle with a described cover", "content/bai-viet/c01/index.md", map[string]any{"cover": "anh.jpg", "cover_alt": "Ảnh"}, nil},
		{"cover without a description", "content/bai-viet/c02/index.md", map[string]any{"cover": "anh.jpg"}, []string{"cover-alt"}},
		{"new article, cover without a description", "", map[string]any{"cover": "anh.jpg", "cover_alt": " "}, []string{"cover-alt"}},
		{"single file, cover beside it", "content/bai-viet/c04.md", map[string]any{"cover": "anh.jpg", "cover_alt": "Ảnh"}, []string{"single-file-image"}},
		{"single file, cover in static", "content/bai-viet/c05.md", map[string]any{"cover": "/images/uploads/a.jpg", "cover_alt": "Ảnh"}, nil},
		{"single file, image beside it in the body", "content/bai-viet/c06.md", map[string]any{"body": "Ảnh:\n\n![Cánh đồng](anh.jpg)\n"}, []string{"single-file-image"}},
		{"single file, image in static in the body", "content/bai-viet/c07.md", map[string]any{"body": "![Cánh đồng](/images/uploads/a.jpg)\n"}, nil},
		{"bundle, image beside it in the body", "content/bai-viet/c08/index.md", map[string]any{"body": "![Cánh đồng](anh.jpg)\n"}, nil},
		{"contest entry in its round", "content/bai-viet/c09.md", map[string]any{"date": "2019-06-14", "contest": full}, nil},
		{"contest entry after its round", "content/bai-viet/c10.md", map[string]any{"date": "2019-11-02", "contest": full}, []string{"contest-window"}},
		{"contest entry before its round", "content/bai-viet/c11.md", map[string]any{"date": "2018-12-31", "contest": full}, []string{"contest-window"}},
		{"contest entry without outlet and genre", "content/bai-viet/c12.md", map[string]any{"contest": map[string]any{"round": 2019, "media": "phat-thanh"}}, []string{"contest-complete"}},
		{"contest group left empty", "content/bai-viet/c13.md", map[string]any{"contest": map[string]any{"outlet": "", "prizes": []any{}}}, nil},
		{"updated before publication", "content/bai-viet/c14.md", map[string]any{"lastmod": "2019-06-13"}, []string{"lastmod-after-date"}},
		{"updated after publication", "content/bai-viet/c15.md", map[string]any{"lastmod": "2020-01-02"}, nil},
	}
	for i := range cases {
		d := map[string]any{"title": "Bài " + cases[i].Name, "date": "2019-06-14", "area": "kinh-te", "locality": "nghia-dung", "body": "Nội dung.\n"}
		for k, v := range cases[i].Data {
			d[k] = v
		}
		cases[i].Data = d
	}

	// admin.js in Node, with the page around it stubbed.
	site := sitetest.Copy(t, "layouts", "static")
	cfgSrc, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := content.ParseConfig(cfgSrc)
	if cfg == nil || probs.HasErrors() {
		t.Fatal(probs)
	}
	rounds := pageRounds(t, cfg)
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	script := `
const vm = require("vm"), fs = require("fs");
const [admin, rounds] = process.argv.slice(1);
const window = {};
const document = {addEventListener() {}, currentScript: {getAttribute: (n) => n === "data-rounds" ? rounds : ""}};
vm.runInNewContext(fs.readFileSync(admin, "utf8"), {window, document, location: {hostname: "example.org"}, console});
const checks = window.danvanChecks, parsed = JSON.parse(rounds);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(c => Object.keys(checks).filter(n => checks[n](c.data, c.path, parsed) !== "").sort())));
`
	cmd := exec.Command(node, "-e", script, "admin.js", rounds)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var jsGot [][]string
	if err := json.Unmarshal(out, &jsGot); err != nil || len(jsGot) != len(cases) {
		t.Fatalf("node printed %q: %v", out, err)
	}

	// The same articles, checked by the build.
	if err := os.MkdirAll(filepath.Join(site, "static/images/uploads"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeJPEGFile(t, filepath.Join(site, "static/images/uploads/a.jpg"))
	if err := os.MkdirAll(filepath.Join(site, "content/bai-viet"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, content.ConfigFile), cfgSrc, 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]int{} // article file → case
	for i, c := range cases {
		p := c.Path
		if p == "" {
			p = fmt.Sprintf("content/bai-viet/moi-%d/index.md", i)
		}
		files[p] = i
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, "/index.md") {
			writeJPEGFile(t, filepath.Join(filepath.Dir(full), "anh.jpg"))
		}
		if err := os.WriteFile(full, articleFile(t, c.Data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Check(build.Options{Source: site, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	goGot := make([][]string, len(cases))
	for _, p := range res.Problems.Errors() {
		i, ok := files[p.File]
		name := twin(p)
		if !ok || name == "" {
			t.Errorf("a problem no check stands for: %v", p)
			continue
		}
		if !slices.Contains(goGot[i], name) {
			goGot[i] = append(goGot[i], name)
		}
	}
	for i, c := range cases {
		slices.Sort(goGot[i])
		want := append([]string(nil), c.Want...)
		slices.Sort(want)
		if !slices.Equal(jsGot[i], want) || !slices.Equal(goGot[i], want) {
			t.Errorf("%s: admin.js refuses with %v, danvan check with %v; want %v", c.Name, jsGot[i], goGot[i], want)
		}
	}
}

// pageRounds is the data-rounds attribute of the editor's page.
func pageRounds(t *testing.T, cfg *content.Config) string {
	t.Helper()
	out := memOutput{}
	if err := cms.Write(cfg, "/quan-tri/decap-cms.js", out); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`data-rounds="([^"]*)"`).FindSubmatch(out["/quan-tri/index.html"])
	if m == nil {
		t.Fatalf("index.html has no data-rounds:\n%s", out["/quan-tri/index.html"])
	}
	return html.UnescapeString(string(m[1]))
}

type memOutput map[string][]byte

func (m memOutput) WriteFile(name string, data []byte) error {
	m[name] = data
	return nil
}

// twin names the admin.js check that stands for a problem of the build.
func twin(p content.Problem) string {
	switch {
	case p.Field == "cover_alt":
		return "cover-alt"
	case strings.Contains(p.Msg, "bài dạng một tệp"):
		return "single-file-image"
	case strings.HasPrefix(p.Field, "contest.") && strings.HasPrefix(p.Msg, "thiếu"):
		return "contest-complete"
	case p.Field == "date" && strings.Contains(p.Msg, "bài dự thi"):
		return "contest-window"
	case p.Field == "lastmod" && strings.Contains(p.Msg, "trước ngày đăng"):
		return "lastmod-after-date"
	}
	return ""
}

// articleFile writes data as Decap saves it: frontmatter without empty
// values (admin.js drops them), then the body.
func articleFile(t *testing.T, data map[string]any) []byte {
	t.Helper()
	meta := map[string]any{}
	for k, v := range data {
		if k == "body" {
			continue
		}
		if m, ok := v.(map[string]any); ok {
			kept := map[string]any{}
			for mk, mv := range m {
				if s, ok := mv.(string); ok && strings.TrimSpace(s) == "" {
					continue
				}
				if l, ok := mv.([]any); ok && len(l) == 0 {
					continue
				}
				kept[mk] = mv
			}
			if len(kept) == 0 {
				continue
			}
			v = kept
		}
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			continue
		}
		meta[k] = v
	}
	front, err := yaml.Marshal(meta)
	if err != nil {
		t.Fatal(err)
	}
	return []byte("---\n" + string(front) + "---\n" + data["body"].(string))
}

func writeJPEGFile(t *testing.T, p string) {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 40)), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
