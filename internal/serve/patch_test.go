package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/sitetest"
)

// newTestServer is a server on site without a listener, its first build
// done.
func newTestServer(t *testing.T, dir string) *Server {
	t.Helper()
	s := &Server{opts: Options{Source: dir, Drafts: true, Delay: time.Millisecond}, fsys: os.DirFS(dir), base: "http://127.0.0.1:1/",
		contentCache: content.NewWatchedCache(), bodyCache: site.NewBodyCache(), clients: map[chan event]bool{}}
	if err := s.rebuild(false); err != nil || s.errs != nil {
		t.Fatalf("first build: %v %v", err, s.errs)
	}
	return s
}

// everything renders every page and extra of the server's current build.
func everything(t *testing.T, s *Server) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	st := s.cur
	for u, pg := range st.pages {
		var buf bytes.Buffer
		if err := st.res.Renderer.Render(&buf, pg); err != nil {
			t.Fatal(err)
		}
		out[u] = buf.Bytes()
	}
	st.extra("/feed.xml")
	for name, data := range st.extras {
		out[name] = data
	}
	return out
}

// sameBuild reports the first files that differ between two builds.
func sameBuild(got, want map[string][]byte) string {
	var diffs []string
	for name, w := range want {
		if g, ok := got[name]; !ok {
			diffs = append(diffs, name+" (missing)")
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+" (extra)")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], "…")
	}
	return strings.Join(diffs, ", ")
}

// An edit of article bodies only is patched into the current build (no
// rebuild); any other edit rebuilds. Either way every page, feed, sitemap
// and search file equals what a server started afresh on the same files
// serves.
func TestBodyEditsArePatchedIn(t *testing.T) {
	dir := sitetest.Copy(t)
	// One article without a summary of its own: its cards show one taken
	// from the body, so a body edit changes lists too.
	derived := "content/bai-viet/to-hoa-giai-nghia-lo.md"
	data, err := os.ReadFile(filepath.Join(dir, derived))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "summary:") {
			kept = append(kept, l)
		}
	}
	os.WriteFile(filepath.Join(dir, derived), []byte(strings.Join(kept, "\n")), 0o644)

	s := newTestServer(t, dir)
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name    string
		file    string
		old     string
		new     string
		patched bool
	}{
		{"a paragraph added", "content/bai-viet/tinh-khe-camera-an-ninh.md", "\n---\n", "\n---\nMột đoạn mở đầu mới.\n\n", true},
		{"the first paragraph of an article whose summary comes from it", derived, "\n---\n", "\n---\nĐoạn mở đầu thay cho phần tóm tắt.\n\n", true},
		{"a heading added", "content/bai-viet/tinh-khe-camera-an-ninh.md", "Một đoạn mở đầu mới.", "Một đoạn mở đầu mới.\n\n## Mục mới\n\nNội dung mục mới.", true},
		{"the title (frontmatter)", "content/bai-viet/tinh-khe-camera-an-ninh.md", `title: "`, `title: "Đã sửa: `, false},
		{"a heading removed (other pages may link to it)", "content/bai-viet/tinh-khe-camera-an-ninh.md", "## Mục mới\n", "", false},
	} {
		edit(c.file, c.old, c.new)
		patched, err := s.apply(map[string]bool{c.file: true})
		if err != nil || s.errs != nil {
			t.Fatalf("%s: %v %v", c.name, err, s.errs)
		}
		if patched != c.patched {
			t.Errorf("%s: patched = %v, want %v", c.name, patched, c.patched)
		}
		if diff := sameBuild(everything(t, s), everything(t, newTestServer(t, dir))); diff != "" {
			t.Errorf("%s: the server's build differs from a fresh one: %s", c.name, diff)
		}
	}

	// A body with a broken link is not patched in: the rebuild reports it,
	// and the last good build stays.
	edit("content/bai-viet/tinh-khe-camera-an-ninh.md", "\n---\n", "\n---\n[hỏng](khong-co.md)\n\n")
	if patched, _ := s.apply(map[string]bool{"content/bai-viet/tinh-khe-camera-an-ninh.md": true}); patched || s.errs == nil {
		t.Errorf("a broken link was patched in (patched %v, errors %v)", patched, s.errs)
	}
}
