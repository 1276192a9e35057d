package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/store"
)

// A term file (the pairs' or the exact forms') that cannot be trusted
// (missing, damaged, cut short, of another layout, or left by an earlier
// update) is never used: the next build that needs the side terms (one
// that changes an article) rebuilds the index with a warning, exports what
// a recount gives, and leaves a cache the build after uses as it is.
func TestStoreTermFileFaults(t *testing.T) {
	s0 := searchtest.SynthSite(120, 12)
	s1 := edited(s0, 23, "Người dân góp công làm đường giao thông nông thôn ở phường Nghĩa Lộ.")
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
		{"of the update before", "không phải bản của lần cập nhật cuối", func(t *testing.T, file string, earlier []byte) {
			// A valid file of the first build put back after the second
			// (an old cache restored over part of a newer one).
			if err := os.WriteFile(file, earlier, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		for _, name := range []string{"pairs", "forms"} {
			t.Run(name+" "+fault.name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "search")
				file := filepath.Join(dir, name)
				// Two updates, so that "earlier" is of another generation.
				earlier := twoUpdates(t, dir, file, s0, edited(s0, 5, "Mô hình dân vận khéo ở xã Tịnh Khê."))
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
