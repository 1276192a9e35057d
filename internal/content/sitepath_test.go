package content

import (
	"strings"
	"testing"
	"unicode"
)

// Every alias that could write a line of its own into _redirects, or that
// Netlify would read as a pattern, a placeholder, a forced rule or another
// site, is refused; plain old addresses, Vietnamese ones included, pass.
func TestCheckSitePath(t *testing.T) {
	bad := map[string]string{
		"line break":            "/cu/\n/* https://evil.example/ 301!",
		"carriage return":       "/cu/\r/*",
		"no-break space":        "/cu/\u00a0/* https://evil.example/ 301!",
		"em space":              "/cu\u2003/*",
		"ideographic space":     "/cu\u3000x",
		"narrow no-break space": "/cu\u202fx",
		"zero-width space":      "/cu\u200b/x",
		"byte order mark":       "/cu\ufeff",
		"tab":                   "/cu/\t/x",
		"space":                 "/cu /x",
		"control":               "/cu\x00x",
		"splat":                 "/cu/*",
		"placeholder":           "/cu/:slug",
		"force":                 "/cu/!",
		"query":                 "/cu?a=1",
		"fragment":              "/cu#x",
		"backslash":             "/cu\\x",
		"scheme":                "https://evil.example/",
		"scheme without slash":  "javascript:alert(1)",
		"protocol-relative":     "//evil.example/x",
		"double slash":          "/a//b/",
		"dot dot":               "/a/../b/",
		"dot":                   "/a/./b/",
		"relative":              "bai-viet/cu/",
		"empty":                 "",
		"bad escape":            "/a%zz/",
		"cut escape":            "/a%2",
		"too long":              "/" + strings.Repeat("a", MaxSitePath),
		"quote":                 `/a"b`,
		"angle":                 "/a<b>",
	}
	for name, p := range bad {
		if CheckSitePath(p) == "" {
			t.Errorf("%s: %q accepted", name, p)
		}
	}
	for _, p := range []string{"/", "/bai-viet/ten-cu/", "/bai-viet/ten-cu", "/tin-tuc/2019/06/don-dien.html", "/bài-viết/cũ/", "/a%20b/", "/a_b~c-d.e/", "/p(1)/"} {
		if why := CheckSitePath(p); why != "" {
			t.Errorf("%q refused: %s", p, why)
		}
	}
}

// A bad alias is an error on its own line, naming the field, the value and
// the fix; it is dropped, so it can never reach _redirects.
func TestBadAliasIsAnErrorOnItsLine(t *testing.T) {
	src := strings.Replace(goodArticle, "tags:", "aliases:\n  - /bai-viet/cu/\n  - \"/x\\u00a0/* https://evil.example/ 301!\"\n  - [/long/]\ntags:", 1)
	c, probs := load(t, map[string]string{"content/bai-viet/a.md": src})
	var got []Problem
	for _, p := range probs.Errors() {
		if p.Field == "aliases" {
			got = append(got, p)
		}
	}
	if len(got) != 2 || got[0].Line != 10 || got[1].Line != 11 {
		t.Fatalf("want errors on lines 10 and 11 of aliases, got:\n%s", probs.Error())
	}
	if msg := got[0].Error(); !strings.Contains(msg, `\u00a0`) || !strings.Contains(msg, "khoảng trắng") || !strings.Contains(msg, "ví dụ /bai-viet/ten-cu/") {
		t.Errorf("message does not show the value, the problem and the fix: %s", msg)
	}
	if a := c.Articles[0]; len(a.Aliases) != 1 || a.Aliases[0] != "/bai-viet/cu/" || a.AliasLines[0] != 9 {
		t.Errorf("kept aliases %q at lines %v, want only /bai-viet/cu/ at line 9", a.Aliases, a.AliasLines)
	}
}

func TestBadBaseURL(t *testing.T) {
	for _, u := range []string{"https://x.example/\nDisallow: /", "javascript:alert(1)", "/tuong-doi/", "https://x.example/?a=1", "https://user@x.example/"} {
		if CheckBaseURL(u) == "" {
			t.Errorf("%q accepted as the site's address", u)
		}
	}
	if why := CheckBaseURL("https://danvan-quangngai.netlify.app/"); why != "" {
		t.Errorf("refused: %s", why)
	}
	cfg := strings.Replace(testConfig, "base_url: https://example.org/", `base_url: "https://example.org/\nSitemap: https://evil.example/x.xml"`, 1)
	_, probs := ParseConfig([]byte(cfg))
	if len(probs.Errors()) != 1 || probs[0].Field != "base_url" || probs[0].Line != 2 {
		t.Errorf("want one base_url error on line 2, got:\n%s", probs.Error())
	}
}

// Whatever CheckSitePath accepts is one plain field of a _redirects line:
// it starts with one "/", and holds nothing Netlify reads as a separator,
// a pattern, a placeholder, a forced rule, a query or a scheme.
func FuzzCheckSitePath(f *testing.F) {
	for _, p := range []string{"/bai-viet/cu/", "/a\u00a0b", "/a\nb", "//x", "/a/*", "/:x", "/x!", "/%0a", "/bài-viết/"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if CheckSitePath(p) != "" {
			return
		}
		line := p + " /bai-viet/x/ 301"
		if fs := strings.Fields(line); len(fs) != 3 || fs[0] != p {
			t.Fatalf("%q splits a _redirects line into %q", p, fs)
		}
		if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "*:!?#\\\"<> \t\r\n") || strings.Contains(p+"/", "/../") || strings.Contains(p+"/", "/./") {
			t.Fatalf("accepted %q", p)
		}
		for _, r := range p {
			if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("accepted %q with %U", p, r)
			}
		}
	})
}
