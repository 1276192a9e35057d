package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"
)

const testConfig = `title: "Dân vận khéo"
base_url: https://example.org/
areas:
  - slug: kinh-te
    name: "Kinh tế"
  - slug: van-hoa-xa-hoi
    name: "Văn hóa - xã hội"
localities:
  - slug: nghia-dung
    kind: xa
    name: "Nghĩa Dũng"
    aliases: [nghia-dung-cu]
    valid_from: 2014-04-01
    valid_to: 2025-06-30
    merged_into: an-phu-2025
  - slug: an-phu-2025
    kind: xa
    name: "An Phú"
    valid_from: 2025-07-01
contest:
  name: "Cuộc thi"
  rounds:
    - round: 2019
      from: 2019-01-01
      to: 2019-10-31
`

const goodArticle = `---
title: "Dồn điền, đổi thửa ở xã Nghĩa Dũng"
date: 2019-06-14
area: kinh-te
locality: nghia-dung
subject: tap-the
year: 2019
tags: ["nông nghiệp", "dồn điền"]
---
Nội dung bài viết.
`

func load(t *testing.T, files map[string]string) (*Content, Problems) {
	t.Helper()
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(testConfig)}}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	c, probs, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c, probs
}

// expectOne loads one article and asserts a single error containing want
// at the given line.
func expectProblem(t *testing.T, src string, line int, field string, want ...string) {
	t.Helper()
	_, probs := load(t, map[string]string{"content/bai-viet/bai.md": src})
	errs := probs.Errors()
	for _, p := range errs {
		if p.Line != line || p.Field != field {
			continue
		}
		ok := true
		for _, w := range want {
			if !strings.Contains(p.Error(), w) {
				ok = false
			}
		}
		if ok {
			if !strings.HasPrefix(p.Error(), "content/bai-viet/bai.md:") {
				t.Errorf("message does not start with the file: %s", p.Error())
			}
			return
		}
	}
	t.Errorf("no error at line %d field %q containing %q; got:\n%s", line, field, want, errs.Error())
}

func TestGoodArticle(t *testing.T) {
	c, probs := load(t, map[string]string{"content/bai-viet/don-dien.md": goodArticle})
	if probs.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", probs.Error())
	}
	if len(c.Articles) != 1 {
		t.Fatalf("got %d articles", len(c.Articles))
	}
	a := c.Articles[0]
	if a.Slug != "don-dien" || a.Area != "kinh-te" || a.Locality != "nghia-dung" || a.Year != 2019 {
		t.Errorf("fields: %+v", a)
	}
	if !a.Date.Equal(time.Date(2019, 6, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v", a.Date)
	}
	if a.BodyLine != 10 || strings.TrimSpace(string(a.Body)) != "Nội dung bài viết." {
		t.Errorf("body line %d body %q", a.BodyLine, a.Body)
	}
}

func TestFrontmatterErrors(t *testing.T) {
	replace := func(old, new string) string { return strings.Replace(goodArticle, old, new, 1) }
	t.Run("empty file", func(t *testing.T) { expectProblem(t, "", 1, "", "tệp trống") })
	t.Run("missing frontmatter", func(t *testing.T) { expectProblem(t, "Chỉ có nội dung.\n", 1, "", "thiếu phần đầu") })
	t.Run("unclosed", func(t *testing.T) {
		expectProblem(t, "---\ntitle: \"A\"\ndate: 2019-06-14\n\nNội dung không có dòng đóng.\n", 1, "", "không có dòng `---` đóng")
	})
	t.Run("unclosed after blank lines", func(t *testing.T) {
		// The opening line is found past the blank lines before it.
		expectProblem(t, "\n  \n---\ntitle: \"A\"\n\nNội dung không có dòng đóng.\n", 3, "", "không có dòng `---` đóng")
	})
	t.Run("invalid yaml", func(t *testing.T) {
		expectProblem(t, replace(`tags: ["nông nghiệp", "dồn điền"]`, `tags: ["nông nghiệp", "dồn điền"`), 8, "", "thiếu dấu ] đóng")
	})
	t.Run("unknown key with suggestion", func(t *testing.T) {
		expectProblem(t, replace("locality: nghia-dung", "locality: nghia-dung\nlocallity: x"), 6, "locallity", "không có trong mẫu", "ý bạn là locality (địa bàn)?")
	})
	t.Run("missing title", func(t *testing.T) {
		expectProblem(t, replace("title: \"Dồn điền, đổi thửa ở xã Nghĩa Dũng\"\n", ""), 2, "title", "thiếu tiêu đề")
	})
	t.Run("impossible date", func(t *testing.T) {
		expectProblem(t, replace("date: 2019-06-14", "date: 2019-02-30"), 3, "date", "2019-02-30", "tháng 2 năm 2019 chỉ có 28 ngày")
	})
	t.Run("unknown area", func(t *testing.T) {
		expectProblem(t, replace("area: kinh-te", "area: kinh-tee"), 4, "area", "kinh-tee", "ý bạn là kinh-te (Kinh tế)?", "được phép")
	})
	t.Run("unknown locality", func(t *testing.T) {
		expectProblem(t, replace("locality: nghia-dung", "locality: nghia-dungg"), 5, "locality", "nghia-dungg", "nghia-dung")
	})
	t.Run("bad enum", func(t *testing.T) {
		expectProblem(t, replace("subject: tap-the", "subject: nhom"), 6, "subject", `"nhom"`, "tap-the", "ca-nhan")
	})
	t.Run("wrong type", func(t *testing.T) {
		expectProblem(t, replace("year: 2019", "year: [2019]"), 7, "year", "số nguyên")
	})
	t.Run("yes is not a boolean", func(t *testing.T) {
		expectProblem(t, replace("year: 2019", "year: 2019\ndraft: yes"), 8, "draft", "true hoặc false")
	})
	t.Run("round outside window", func(t *testing.T) {
		src := replace("year: 2019", "year: 2019\ncontest:\n  round: 2019\n  outlet: \"Đài\"\n  media: phat-thanh\n  genre: phong-su")
		src = strings.Replace(src, "date: 2019-06-14", "date: 2019-11-14", 1)
		expectProblem(t, src, 3, "date", "đợt 2019", "01/01/2019 đến 31/10/2019")
	})
	t.Run("invalid utf8", func(t *testing.T) {
		expectProblem(t, replace("Nội dung", "N\xffi dung"), 10, "", "UTF-8")
	})
	t.Run("cover without bundle", func(t *testing.T) {
		expectProblem(t, replace("year: 2019", "year: 2019\ncover: anh.jpg\ncover_alt: \"Ảnh\""), 8, "cover", "static/")
	})
	t.Run("cover escaping root", func(t *testing.T) {
		expectProblem(t, replace("year: 2019", "year: 2019\ncover: /../../etc/passwd\ncover_alt: \"Ảnh\""), 8, "cover", "")
	})
}

func TestTitleNoStaysText(t *testing.T) {
	src := strings.Replace(goodArticle, "title: \"Dồn điền, đổi thửa ở xã Nghĩa Dũng\"", "title: no", 1)
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": src})
	if probs.HasErrors() {
		t.Fatal(probs.Error())
	}
	if c.Articles[0].Title != "no" {
		t.Errorf("title = %q, want \"no\"", c.Articles[0].Title)
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	bad := strings.Replace(strings.Replace(goodArticle, "area: kinh-te", "area: x", 1), "subject: tap-the", "subject: y", 1)
	_, probs := load(t, map[string]string{
		"content/bai-viet/a.md": bad,
		"content/bai-viet/b.md": "",
	})
	if n := len(probs.Errors()); n != 3 {
		t.Errorf("want 3 errors from 2 files, got %d:\n%s", n, probs.Error())
	}
}

func TestBOMCRLFAndNFD(t *testing.T) {
	src := "\ufeff" + strings.ReplaceAll(norm.NFD.String(goodArticle), "\n", "\r\n")
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": src})
	if probs.HasErrors() {
		t.Fatal(probs.Error())
	}
	a := c.Articles[0]
	if a.Title != "Dồn điền, đổi thửa ở xã Nghĩa Dũng" || !norm.NFC.IsNormalString(a.Title) {
		t.Errorf("title not NFC: %q", a.Title)
	}
	if strings.Contains(string(a.Body), "\r") {
		t.Error("CR left in body")
	}
}

func TestTOMLAndJSON(t *testing.T) {
	toml := "+++\ntitle = \"Tiêu đề\"\ndate = 2019-06-14\narea = \"kinh-te\"\nlocality = \"nghia-dung\"\n+++\nNội dung\n"
	json := "{\n  \"title\": \"Tiêu đề\",\n  \"date\": \"2019-06-14\",\n  \"area\": \"kinh-te\",\n  \"locality\": \"nghia-dung\"\n}\n\nNội dung\n"
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": toml, "content/bai-viet/b.md": json})
	if probs.HasErrors() {
		t.Fatal(probs.Error())
	}
	if len(c.Articles) != 2 || c.Articles[0].Title != "Tiêu đề" || c.Articles[1].Title != "Tiêu đề" {
		t.Fatalf("articles: %+v", c.Articles)
	}
	_, probs = load(t, map[string]string{"content/bai-viet/a.md": strings.Replace(toml, "area", "areaa", 1)})
	if !strings.Contains(probs.Error(), "content/bai-viet/a.md:4: areaa: trường này không có trong mẫu — có phải ý bạn là area (lĩnh vực)?") {
		t.Errorf("TOML unknown key: %s", probs.Error())
	}
}

func TestAliasAndValidity(t *testing.T) {
	src := strings.Replace(goodArticle, "locality: nghia-dung", "locality: nghia-dung-cu", 1)
	src = strings.Replace(src, "date: 2019-06-14", "date: 2025-08-01", 1)
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": src})
	if probs.HasErrors() {
		t.Fatal(probs.Error())
	}
	if c.Articles[0].Locality != "nghia-dung" {
		t.Errorf("alias not resolved: %q", c.Articles[0].Locality)
	}
	w := probs.Warnings()
	if len(w) != 1 || !strings.Contains(w[0].Msg, "An Phú") {
		t.Errorf("want a validity warning naming the successor, got %v", w)
	}
}

func TestDuplicateSlugs(t *testing.T) {
	other := strings.Replace(goodArticle, "year: 2019", "year: 2019\nslug: a", 1)
	_, probs := load(t, map[string]string{"content/bai-viet/a.md": goodArticle, "content/bai-viet/b.md": other})
	if !strings.Contains(probs.Error(), "/bai-viet/a/ đã được dùng cho content/bai-viet/a.md") {
		t.Errorf("duplicate slug not reported:\n%s", probs.Error())
	}
}

func TestBundle(t *testing.T) {
	src := strings.Replace(goodArticle, "year: 2019", "year: 2019\ncover: anh.jpg\ncover_alt: \"Cánh đồng\"", 1)
	c, probs := load(t, map[string]string{
		"content/bai-viet/don-dien/index.md": src,
		"content/bai-viet/don-dien/anh.jpg":  "x",
		"content/bai-viet/_nhap/x.md":        "ignored",
	})
	if probs.HasErrors() {
		t.Fatal(probs.Error())
	}
	if len(c.Articles) != 1 {
		t.Fatalf("want 1 article, got %d", len(c.Articles))
	}
	a := c.Articles[0]
	if a.Slug != "don-dien" || a.Dir != "content/bai-viet/don-dien" || len(a.Resources) != 1 {
		t.Errorf("bundle: %+v", a)
	}
}

func TestConfigErrors(t *testing.T) {
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(strings.Replace(testConfig, "merged_into: an-phu-2025", "merged_into: khong-co", 1) + "extra: 1\n")}}
	_, probs, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, p := range probs {
		where = append(where, fmt.Sprintf("%s:%d %s", p.File, p.Line, p.Field))
	}
	for _, want := range []string{"content/_site.yaml:15 localities.merged_into", "content/_site.yaml:26 extra"} {
		if !slices.Contains(where, want) {
			t.Errorf("missing %q in:\n%s", want, probs.Error())
		}
	}
	_, probs, _ = Load(fstest.MapFS{})
	if !probs.HasErrors() {
		t.Error("missing config not reported")
	}
}

// An article up to MaxFileBytes loads whole; a longer one is an error on
// line 1 that says the limit and what to do, and is not parsed.
func TestLargeArticle(t *testing.T) {
	para := "Một đoạn văn dài về mô hình dân vận khéo ở xã Nghĩa Dũng.\n\n"
	body := strings.Repeat(para, (MaxFileBytes-len(goodArticle))/len(para))
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": goodArticle + body})
	if probs.HasErrors() || len(c.Articles) != 1 || len(c.Articles[0].Body) < MaxFileBytes-len(goodArticle)-len(para) {
		t.Fatalf("article just under the limit: %v", probs.Error())
	}
	expectProblem(t, goodArticle+body+strings.Repeat("x", len(para)+1), 1, "", "giới hạn của một bài", "1024 KB", "chia thành nhiều bài")
}

// A merge history longer than MaxMergeChain units, or one that loops, is a
// configuration error: every walk up a history stops at that bound, so a
// longer chain would silently lose its last units.
func TestMergeChainBounded(t *testing.T) {
	chain := func(n int, loop bool) string {
		var b strings.Builder
		b.WriteString("title: \"T\"\nareas:\n  - {slug: kinh-te, name: \"Kinh tế\"}\nlocalities:\n")
		for i := range n {
			next := fmt.Sprintf("x%d", i+1)
			switch {
			case i == n-1 && loop:
				next = "x0"
			case i == n-1:
				next = ""
			}
			fmt.Fprintf(&b, "  - {slug: x%d, kind: xa, name: \"X%d\", merged_into: %q}\n", i, i, next)
		}
		return b.String()
	}
	for _, tc := range []struct {
		n    int
		loop bool
		want string // "" when the config is valid
	}{
		{MaxMergeChain, false, ""},
		{MaxMergeChain + 1, false, "dài quá"},
		{3, true, "bị vòng lặp"},
	} {
		_, probs := ParseConfig([]byte(chain(tc.n, tc.loop)))
		msg := probs.Error()
		if tc.want == "" && probs.HasErrors() {
			t.Errorf("%d units: unexpected errors:\n%s", tc.n, msg)
		}
		if tc.want != "" && !strings.Contains(msg, ": "+FieldLabel("localities.merged_into")+": chuỗi sáp nhập của \"x0\" "+tc.want) {
			t.Errorf("%d units, loop %v: want %q for x0, got:\n%s", tc.n, tc.loop, tc.want, msg)
		}
	}
}
