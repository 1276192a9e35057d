package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandlerLikeNetlify(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "bai-viet", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "bai-viet", "a", "index.html"), []byte("bài a"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("không thấy"), 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	get := func(p string) (int, string) {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get("/bai-viet/a/"); code != 200 || body != "bài a" {
		t.Errorf("/bai-viet/a/: %d %q", code, body)
	}
	if code, body := get("/khong-co/"); code != 404 || body != "không thấy" {
		t.Errorf("missing page: %d %q", code, body)
	}
	if code, _ := get("/bai-viet/"); code != 404 {
		t.Errorf("directory without index: %d", code)
	}
}
