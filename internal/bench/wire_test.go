package bench

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCDN holds the measured server to what the measurements assume of
// it: text goes out gzip-compressed with its length, compressed once (the
// preloaded file and the one compressed on first use are both sent from
// memory afterwards, even after the file changes on disk); other files,
// ranges and missing paths are the site's own answers.
func TestCDN(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A shard too big for one write buffer (Go's server sends a larger
	// body of unknown length in chunks).
	var sb strings.Builder
	sb.WriteString(`[["dan",3000,[],[`)
	for i, x := 0, uint32(1); i < 3000; i++ {
		x = x*1664525 + 1013904223
		fmt.Fprintf(&sb, "%d,%d,", x%97, x>>20)
	}
	sb.WriteString(`0]]]`)
	shard := sb.String()
	write("tim-kiem/chi-muc/u0.json", shard)
	write("js/search.js", "'use strict';")
	write("anh/a.png", "PNG")
	cdn, err := NewCDN(root, "tim-kiem")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := StartWireServer(cdn)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	get := func(path string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", ws.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client then leaves the body compressed
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	gunzip := func(b []byte) string {
		t.Helper()
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not gzip: %v", err)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	// Both the preloaded shard and search.js (compressed on first use) are
	// compressed, say their length, and are not read again from disk.
	for _, f := range []struct{ path, text, later string }{
		{"/tim-kiem/chi-muc/u0.json", shard, "tim-kiem/chi-muc/u0.json"},
		{"/js/search.js", "'use strict';", "js/search.js"},
	} {
		for i := range 2 {
			resp, body := get(f.path)
			if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Fatalf("%s: Content-Encoding %q, Content-Length %q for %d bytes; want gzip and its length", f.path, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Length"), len(body))
			}
			if got := gunzip(body); got != f.text {
				t.Fatalf("%s (request %d) = %.40q…, want %.40q…", f.path, i+1, got, f.text)
			}
			if resp.Header.Get("Content-Type") == "" {
				t.Errorf("%s: no Content-Type", f.path)
			}
			write(f.later, "changed on disk") // the second request must not see it
		}
	}
	// The bytes counted are the headers and the compressed body, not chunks.
	ws.Take(func(string) bool { return true })
	resp, body := get("/tim-kiem/chi-muc/u0.json")
	if n := ws.Take(func(p string) bool { return p == "/tim-kiem/chi-muc/u0.json" }); n <= int64(len(body)) || resp.TransferEncoding != nil {
		t.Errorf("counted %d bytes for a %d-byte body (transfer encoding %v)", n, len(body), resp.TransferEncoding)
	}
	// An image goes out as it is; a missing file is the site's 404; a range
	// is the site's answer.
	if resp, body := get("/anh/a.png"); resp.Header.Get("Content-Encoding") != "" || string(body) != "PNG" {
		t.Errorf("image: encoding %q, body %q", resp.Header.Get("Content-Encoding"), body)
	}
	if resp, _ := get("/khong-co.json"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing file: status %d, want 404", resp.StatusCode)
	}
	if resp, body := get("/anh/a.png", "Range", "bytes=0-1"); resp.StatusCode != http.StatusPartialContent || string(body) != "PN" {
		t.Errorf("range: status %d, body %q", resp.StatusCode, body)
	}
}
