package host

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A built site on disk answers as Netlify does (pretty URLs on): folders
// through their index.html, a folder without the slash redirected, the
// 404 page with status 404 for anything else, nothing outside the folder.
func TestDir(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	for name, body := range map[string]string{
		"index.html":              "<h1>Trang chủ</h1>",
		"bai-viet/mot/index.html": "<h1>Dồn điền</h1>",
		"css/site.css":            "@media print{}",
		"404.html":                "<h1>Không tìm thấy</h1>",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	if err := os.Symlink(outside, filepath.Join(root, "css", "link.txt")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Dir(root))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		status       int
		body         string // a substring of the body
		location     string
	}{
		{"GET", "/", 200, "Trang chủ", ""},
		{"GET", "/bai-viet/mot/", 200, "Dồn điền", ""},
		{"GET", "/bai-viet/mot/index.html", 200, "Dồn điền", ""},
		{"GET", "/bai-viet/mot", 301, "", "/bai-viet/mot/"},
		{"GET", "/bai-viet/mot?q=1", 301, "", "/bai-viet/mot/?q=1"},
		{"GET", "/css/site.css", 200, "@media print", ""},
		{"HEAD", "/css/site.css", 200, "", ""},
		{"GET", "/khong-ton-tai/", 404, "Không tìm thấy", ""},
		{"GET", "/khong-ton-tai.png", 404, "Không tìm thấy", ""},
		{"GET", "/css/", 404, "Không tìm thấy", ""}, // a folder without index.html: no listing
		{"GET", "/css/site.css/", 404, "Không tìm thấy", ""},
		{"GET", "/../../go.mod", 404, "Không tìm thấy", ""},
		{"GET", "/css/link.txt", 404, "", ""}, // a link out of the folder is not followed
		{"POST", "/", 405, "", ""},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
		if !strings.Contains(string(body), tc.body) || strings.Contains(string(body), "secret") {
			t.Errorf("%s %s: body %.100q, want it to contain %q", tc.method, tc.path, body, tc.body)
		}
		if loc := resp.Header.Get("Location"); loc != tc.location {
			t.Errorf("%s %s: Location %q, want %q", tc.method, tc.path, loc, tc.location)
		}
		if tc.status == 404 && tc.body != "" && resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s %s: the 404 page is sent as %q", tc.method, tc.path, resp.Header.Get("Content-Type"))
		}
	}
}

// Without a 404.html, a missing file is a plain 404.
func TestResolveWithout404Page(t *testing.T) {
	has := func(f string) bool { return f == "index.html" }
	if a := Resolve("/x/", has); a.Status != 404 || a.File != "" {
		t.Errorf("Resolve(/x/) = %+v", a)
	}
	if a := Resolve("", has); a.Status != 200 || a.File != "index.html" {
		t.Errorf("Resolve(\"\") = %+v", a)
	}
}

// Every .svg, in any folder and any letter case, goes out with SVGPolicy;
// other files do not get it.
func TestSVGPolicy(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"bai-viet/a/so-do.svg", "bai-viet/a/HINH.SVG", "favicon.svg", "bai-viet/a/index.html"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), 0o644)
	}
	srv := httptest.NewServer(Dir(root))
	defer srv.Close()
	for path, want := range map[string]string{"/bai-viet/a/so-do.svg": SVGPolicy, "/bai-viet/a/HINH.SVG": SVGPolicy, "/favicon.svg": SVGPolicy, "/bai-viet/a/": ""} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("%s: policy %q, want %q", path, got, want)
		}
	}
}
