package serve

import (
	"bufio"
	"context"
	"fmt"
	"github.com/quangngai/danvan/internal/sitetest"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServer runs the preview server on a free loopback port.
func startServer(t testing.TB, site string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Source: site, Addr: "127.0.0.1:0", Drafts: true, Ready: func(u string) { ready <- u }})
	}()
	select {
	case u := <-ready:
		return u, func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
	case err := <-done:
		cancel()
		t.Fatalf("serve did not start: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not start in 60 s")
	}
	return "", cancel
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// sse subscribes to the event stream and returns event names as they come.
func sse(t testing.TB, base string) (<-chan [2]string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"_danvan/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan [2]string, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- [2]string{name, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	return ch, cancel
}

func waitEvent(t testing.TB, ch <-chan [2]string, name string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-ch:
			if ev[0] == name {
				return ev[1]
			}
		case <-deadline:
			t.Fatalf("no %q event within 30 s", name)
		}
	}
}

func TestServeRebuildsAndReports(t *testing.T) {
	site := sitetest.Copy(t)
	base, stop := startServer(t, site)
	defer stop()

	code, home := get(t, base)
	if code != 200 || !strings.Contains(home, `<script src="/_danvan/livereload.js" data-gen="1" defer></script></body>`) {
		t.Fatalf("home: %d, live reload script missing", code)
	}
	// The web editor is not reloaded: decap-server changes files under
	// it on every save.
	if code, editor := get(t, base+"quan-tri/"); code != 200 || !strings.Contains(editor, "config.yml") || strings.Contains(editor, "livereload") {
		t.Errorf("/quan-tri/: %d, must be served without the live reload script", code)
	}
	if code, _ := get(t, base+"khong-co-trang-nay/"); code != 404 {
		t.Errorf("missing page: %d", code)
	}
	if code, body := get(t, base+"feed.xml"); code != 200 || !strings.Contains(body, "<feed") {
		t.Errorf("feed: %d", code)
	}
	// The search index is served, and follows edits (read out of the
	// bleve index in the site's cache, updated by one article).
	code, man1 := get(t, base+"tim-kiem/manifest.json")
	if code != 200 || !strings.Contains(man1, `"n":`) {
		t.Errorf("search manifest: %d %.100s", code, man1)
	}
	events, cancel := sse(t, base)
	defer cancel()

	art := filepath.Join(site, "content/bai-viet/trong-rau-an-toan-nghia-ha.md")
	src, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	// Edit the body: the page shows the new text after a reload event.
	edited := strings.Replace(string(src), "\n---\n", "\n---\nĐoạn mới thêm khi xem thử.\n\n", 1)
	writeAtomically(t, art, edited)
	waitEvent(t, events, "reload")
	if _, page := get(t, base+"bai-viet/trong-rau-an-toan-nghia-ha/"); !strings.Contains(page, "Đoạn mới thêm khi xem thử.") {
		t.Error("edited text not served after reload")
	}
	if code, man2 := get(t, base+"tim-kiem/manifest.json"); code != 200 || man2 == man1 {
		t.Errorf("search manifest after an edit: %d, changed %v", code, man2 != man1)
	}
	// Break the frontmatter: the browser gets the errors, the old site stays.
	os.WriteFile(art, []byte(strings.Replace(edited, "area: kinh-te", "area: kinh-tee", 1)), 0o644)
	data := waitEvent(t, events, "problems")
	if !strings.Contains(data, "trong-rau-an-toan-nghia-ha.md:") || !strings.Contains(data, "kinh-tee") {
		t.Errorf("problems event: %s", data)
	}
	if _, status := get(t, base+"_danvan/status"); !strings.Contains(status, "kinh-tee") {
		t.Errorf("status: %s", status)
	}
	if code, _ := get(t, base+"bai-viet/trong-rau-an-toan-nghia-ha/"); code != 200 {
		t.Errorf("last good page not served while broken: %d", code)
	}
	// Fix it: reload, and the status is clean again.
	os.WriteFile(art, []byte(edited), 0o644)
	waitEvent(t, events, "reload")
	if _, status := get(t, base+"_danvan/status"); !strings.Contains(status, `"problems":[]`) {
		t.Errorf("status after fix: %s", status)
	}
	// A CSS change swaps the stylesheet instead of reloading.
	css := filepath.Join(site, "static/css/app.css")
	old, _ := os.ReadFile(css)
	os.WriteFile(css, append(old, []byte("\n.x{color:red}\n")...), 0o644)
	u := waitEvent(t, events, "css")
	if !strings.HasPrefix(u, "/css/app.") {
		t.Errorf("css event data %q", u)
	}
	if code, body := get(t, base+strings.TrimPrefix(u, "/")); code != 200 || !strings.Contains(body, ".x{color:red}") {
		t.Errorf("new stylesheet: %d", code)
	}
	// A new folder (a page bundle) is watched too. Creating it is a change:
	// the watcher adds the folder before that change's rebuild, so once its
	// reload arrives, a file written into the folder is seen only if the
	// folder is watched.
	dir := filepath.Join(site, "content/bai-viet/bai-moi")
	os.MkdirAll(dir, 0o755)
	waitEvent(t, events, "reload")
	os.WriteFile(filepath.Join(dir, "index.md"), []byte("---\ntitle: \"Bài mới\"\ndate: 2020-02-02\narea: kinh-te\nlocality: nghia-ha\n---\nNội dung bài mới.\n"), 0o644)
	waitEvent(t, events, "reload")
	if code, _ := get(t, base+"bai-viet/bai-moi/"); code != 200 {
		t.Fatalf("new bundle not served after its reload: %d", code)
	}
}

// writeAtomically saves like many editors: a temp file renamed over the
// original.
func writeAtomically(t testing.TB, name, data string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), ".tmp-save")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// Only requests that name the server by its own address are answered: a
// page on another name that resolves to 127.0.0.1 (DNS rebinding) gets
// 403 for pages, drafts and the live-reload endpoints alike.
func TestHostHeaderIsChecked(t *testing.T) {
	site := sitetest.Copy(t)
	base, stop := startServer(t, site)
	defer stop()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	for host, want := range map[string]int{
		"127.0.0.1:" + port:              http.StatusOK,
		"localhost:" + port:              http.StatusOK,
		"LocalHost:" + port:              http.StatusOK,
		"[::1]:" + port:                  http.StatusOK,
		"evil.example:" + port:           http.StatusForbidden,
		"evil.example":                   http.StatusForbidden,
		"127.0.0.1.nip.io:" + port:       http.StatusForbidden,
		"localhost.evil.example:" + port: http.StatusForbidden,
		"localhost:1":                    http.StatusForbidden,
		"127.0.0.1":                      http.StatusForbidden,
	} {
		for _, path := range []string{"/", "/bai-viet/", "/_danvan/status"} {
			req, err := http.NewRequest(http.MethodGet, base+strings.TrimPrefix(path, "/"), nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = host
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("Host %q %s: status %d, want %d", host, path, res.StatusCode, want)
			}
			if want == http.StatusForbidden && strings.Contains(string(body), "<html") {
				t.Errorf("Host %q %s: a refused request got a page", host, path)
			}
		}
	}
	// HTTP/1.0 without any Host header.
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET / HTTP/1.0\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("no Host header: status %d, want 403", res.StatusCode)
	}
}
