package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// unsafeHTML says what in a fragment could run script: an element other
// than the ones Markdown makes that runs or embeds (script, iframe…), an
// event attribute, or a URL attribute with a script scheme. Text that
// merely reads "javascript:" is harmless. "" means nothing.
func unsafeHTML(frag []byte) string {
	z := html.NewTokenizer(bytes.NewReader(frag))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "style", "base", "form", "meta", "link":
				return "<" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if a.Key == "style" { // refused by the Content Security Policy
					return "style attribute"
				}
				if strings.HasPrefix(a.Key, "on") {
					return a.Key + " attribute"
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "srcset" || a.Key == "action") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html")) {
					return a.Key + "=" + a.Val
				}
			}
		}
	}
}

type fakeResolver struct{}

func (fakeResolver) Link(dest string) (string, error) {
	switch {
	case strings.HasPrefix(dest, "http"), strings.HasPrefix(dest, "mailto:"):
		return dest, nil
	case dest == "bai-khac.md":
		return "/bai-viet/bai-khac/", nil
	case dest == "bai-khac.md#cach-lam":
		return "/bai-viet/bai-khac/#cach-lam", nil
	}
	return "", errors.New("không có bài " + dest)
}

func (fakeResolver) Image(src string) (Image, error) {
	if src == "anh.jpg" {
		return Image{URL: "/bai-viet/x/anh.jpg", Width: 1200, Height: 800}, nil
	}
	return Image{}, errors.New("không tìm thấy ảnh " + src)
}

func render(t *testing.T, src string) *Result {
	t.Helper()
	r, err := New("noi-dung").Render([]byte(src), fakeResolver{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHeadingIDsAreVietnameseSlugs(t *testing.T) {
	r := render(t, "## Đà Nẵng và Quảng Ngãi\n\n## Đà Nẵng và Quảng Ngãi\n\n## Nội dung\n\n## !!!\n")
	html := string(r.HTML)
	for _, want := range []string{`id="da-nang-va-quang-ngai"`, `id="da-nang-va-quang-ngai-2"`, `id="noi-dung-2"`, `id="muc"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
	if len(r.Headings) != 4 || r.Headings[0].Text != "Đà Nẵng và Quảng Ngãi" {
		t.Errorf("headings: %+v", r.Headings)
	}
}

func TestNoRawHTMLNoJavascript(t *testing.T) {
	src := "<script>alert(1)</script>\n\nĐoạn <b onclick=x>văn</b>.\n\n[bấm](javascript:alert(1)) [b2](JaVaScRiPt:alert(1)) [b3](java\tscript:alert(1)) [b4](data:text/html,x) ![ảnh](javascript:x)\n\n<https://example.org/a>\n"
	r := render(t, src)
	html := strings.ToLower(string(r.HTML))
	for _, bad := range []string{"<script", "onclick", "javascript:", "data:text", "<b "} {
		if strings.Contains(html, bad) {
			t.Errorf("output contains %q:\n%s", bad, r.HTML)
		}
	}
	if !strings.Contains(string(r.HTML), "<p>bấm ") {
		t.Errorf("the text of an unsafe link should stay: %s", r.HTML)
	}
	unsafe := 0
	for _, is := range r.Issues {
		if strings.Contains(is.Msg, "không an toàn") || strings.Contains(is.Msg, "không hợp lệ") {
			unsafe++
		}
	}
	// java<TAB>script: is not a link destination in CommonMark: plain text.
	if unsafe != 4 {
		t.Errorf("want 4 unsafe-URL issues, got %d: %+v", unsafe, r.Issues)
	}
	if !strings.Contains(string(r.HTML), `href="https://example.org/a"`) {
		t.Errorf("safe autolink lost: %s", r.HTML)
	}
}

func TestLinksAndImages(t *testing.T) {
	src := "Xem [bài khác](bai-khac.md) và [mục](bai-khac.md#cach-lam).\n\nDòng 3 có [hỏng](khong-co.md).\n\n![Cánh đồng lúa](anh.jpg \"Cánh đồng sau dồn điền\")\n\n![](anh.jpg)\n\n![Thiếu](mat.jpg)\n"
	r := render(t, src)
	html := string(r.HTML)
	for _, want := range []string{
		`href="/bai-viet/bai-khac/"`,
		`href="/bai-viet/bai-khac/#cach-lam"`,
		`<figure>`,
		`<figcaption>Cánh đồng sau dồn điền</figcaption>`,
		`src="/bai-viet/x/anh.jpg" alt="Cánh đồng lúa" width="1200" height="800" decoding="async"`,
		`loading="lazy"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Count(html, `loading="lazy"`) != 2 {
		t.Errorf("the first image must not be lazy, the others must:\n%s", html)
	}
	want := map[string]int{"khong-co.md": 3, "thiếu lời mô tả": 7, "mat.jpg": 9}
	for needle, line := range want {
		found := false
		for _, is := range r.Issues {
			if strings.Contains(is.Msg, needle) && is.Line == line {
				found = true
			}
		}
		if !found {
			t.Errorf("no issue %q at line %d: %+v", needle, line, r.Issues)
		}
	}
}

func TestGFMFootnotesTypographer(t *testing.T) {
	src := "| Năm | Số hộ |\n|---|---|\n| 2019 | 120 |\n\n~~cũ~~ https://example.org\n\n- [x] xong\n\nCâu có chú thích[^1]. \"Trích dẫn\" -- gạch.\n\n[^1]: Nguồn: UBND xã.\n"
	html := string(render(t, src).HTML)
	for _, want := range []string{"<table class=", "<del>cũ</del>", `<a href="https://example.org">`, `type="checkbox"`, `class="footnotes"`, "&ldquo;Trích dẫn&rdquo;", "&ndash;"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

func TestTextAndWords(t *testing.T) {
	r := render(t, "## Tiêu đề\n\nMột hai ba bốn.\n\n- năm sáu\n")
	if r.Words != 6 {
		t.Errorf("words = %d, want 6 (headings excluded)", r.Words)
	}
	if !strings.HasPrefix(r.Text, "Một hai ba bốn.") {
		t.Errorf("text = %q", r.Text)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"", "# a", "[x](javascript:1)", "![](a.jpg)", "<script>", "| a |\n|---|\n| b |", "| a | b | c |\n|:-:|--:|:--|\n| d | e |", "[^1]\n\n[^1]: x", "## Đà Nẵng\n## Đà Nẵng", "- - - - x\n      y", "> > - 1. x", "```\n- - -\n```"} {
		f.Add(s)
	}
	r := New("noi-dung")
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Render([]byte(src), fakeResolver{})
		if err != nil {
			t.Fatal(err)
		}
		if why := unsafeHTML([]byte(res.HTML)); why != "" {
			t.Fatalf("unsafe output for %q (%s): %s", src, why, res.HTML)
		}
	})
}
