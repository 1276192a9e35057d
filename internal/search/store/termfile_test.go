package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// A term file (the pairs' or the exact forms', a base or its delta) that
// cannot be trusted (missing, damaged, cut short, of another layout, or
// left by an earlier update or another store) is never used: the next
// build that needs the side terms (one that changes an article) rebuilds
// the index with a warning, exports what a recount gives, and leaves a
// cache the build after uses as it is.
func TestStoreTermFileFaults(t *testing.T) {
	s0 := searchtest.SynthSite(120, 12)
	s1 := edited(s0, 23, "Người dân góp công làm đường giao thông nông thôn ở phường Nghĩa Lộ.")
	e1 := edited(s0, 5, "Mô hình dân vận khéo ở xã Tịnh Khê.")
	edits := []*site.Site{e1, edited(e1, 7, "Chi hội phụ nữ giúp nhau phát triển kinh tế.")}
	// A base of another store: every generation is drawn at random.
	other := filepath.Join(t.TempDir(), "search")
	otherFiles := updates(t, other, s0)[0]
	for _, fault := range []struct {
		name    string
		warning string
		do      func(t *testing.T, file string, earlier []byte)
	}{
		{"removed", "thiếu kho", func(t *testing.T, file string, _ []byte) {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
		}},
		{"one byte changed", "kho", func(t *testing.T, file string, _ []byte) {
			rewrite(t, file, func(b []byte) []byte { b[len(b)*2/3] ^= 0x08; return b })
		}},
		{"cut short", "kho", func(t *testing.T, file string, _ []byte) {
			rewrite(t, file, func(b []byte) []byte { return b[:len(b)/2] })
		}},
		{"of another layout", "phiên bản khác", func(t *testing.T, file string, _ []byte) {
			if err := cachefile.Write(filepath.Dir(file), filepath.Base(file), "danvan-search-terms/0", []byte("x")); err != nil {
				t.Fatal(err)
			}
		}},
		{"of an earlier update or another store", "không phải bản của lần cập nhật cuối", func(t *testing.T, file string, earlier []byte) {
			// A valid file put back over a newer one (an old cache
			// restored over part of a newer one).
			if err := os.WriteFile(file, earlier, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		for _, name := range []string{"pairs", "forms", "pairs-delta", "forms-delta"} {
			t.Run(name+" "+fault.name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "search")
				file := filepath.Join(dir, name)
				after := updates(t, dir, s0, edits...)
				// The edits left the bases as the first update wrote
				// them, and wrote their deltas: the earlier delta is the
				// second update's, the earlier base another store's.
				earlier := after[1][name]
				if !strings.HasSuffix(name, "-delta") {
					if !bytes.Equal(after[0][name], after[2][name]) {
						t.Fatalf("%s: an edit of one article wrote the base again", name)
					}
					earlier = otherFiles[name]
				}
				if earlier == nil || bytes.Equal(earlier, after[2][name]) {
					t.Fatalf("%s: no earlier file of another generation to put back", name)
				}
				fault.do(t, file, earlier)
				rebuiltWithWarning(t, dir, s1, name+" "+fault.name, fault.warning)
				st, _ := store.Open(dir, nil)
				if _, us := syncExport(t, st, edited(s1, 40, "Tổ tự quản an ninh trật tự ở khu dân cư.")); us.Indexed != 1 || us.Rebuilt {
					t.Errorf("the build after the repair: %+v, want 1 indexed from the repaired cache", us)
				}
				st.Close()
			})
		}
	}
}

// updates exports s0 from scratch in the store dir, then each edit of it
// in turn, and returns the term files there after each update (by name;
// a file absent is left out).
func updates(t *testing.T, dir string, s0 *site.Site, edits ...*site.Site) []map[string][]byte {
	t.Helper()
	var files []map[string][]byte
	for i, s := range append([]*site.Site{s0}, edits...) {
		st, err := store.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, us := syncExport(t, st, s); i > 0 && us.Indexed != 1 {
			t.Fatalf("update %d: %+v, want 1 indexed", i, us)
		}
		st.Close()
		got := map[string][]byte{}
		for _, name := range []string{"pairs", "forms", "pairs-delta", "forms-delta"} {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				got[name] = b
			}
		}
		files = append(files, got)
	}
	return files
}

// rewrite replaces file with edit(its bytes).
func rewrite(t *testing.T, file string, edit func([]byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, edit(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
