package build

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// listed is one entry as listTree reports it.
type listed struct {
	url        string
	dir        bool
	id         fileID
	identified bool
}

// writerIn returns a function that writes body at the slash-separated
// path rel under root, making its folders.
func writerIn(t *testing.T, root string) func(rel, body string) {
	return func(rel, body string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func listWith(t *testing.T, list func(string, func(string, bool, fileID, bool)) error, root string) []listed {
	t.Helper()
	var got []listed
	if err := list(root, func(u string, dir bool, id fileID, ok bool) { got = append(got, listed{u, dir, id, ok}) }); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestListTreeAsPortableWalk holds the listing the build uses (on Linux,
// getdents and fstatat) to the portable one: the same entries, kinds and
// identities; links are listed but never entered nor identified; a
// folder comes before what it holds.
func TestListTreeAsPortableWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := writerIn(t, root)
	write("index.html", "home")
	write("bai-viet/ha-noi/index.html", "a")
	write("bai-viet/đà-nẵng/index.html", "b")
	write("tim-kiem/chi-muc/0a1b2c3d/u0.json", "[]")
	write("tim-kiem/chi-muc/0a1b2c3d/u1.json", "[[]]")
	if err := os.MkdirAll(filepath.Join(root, "rong"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Symlink(outside, filepath.Join(root, "lien-ket-thu-muc")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "bai-viet", "lien-ket-tep")); err != nil {
			t.Fatal(err)
		}
	}
	got := listWith(t, func(root string, add func(string, bool, fileID, bool)) error {
		_, err := listTree(root, nil, add)
		return err
	}, root)
	want := listWith(t, listTreePortable, root)
	seen := map[string]bool{}
	for _, e := range got {
		if i := strings.LastIndex(e.url, "/"); i > 0 && !seen[e.url[:i]] {
			t.Errorf("%s listed before its folder", e.url)
		}
		seen[e.url] = true
	}
	byURL := func(a, b listed) int { return strings.Compare(a.url, b.url) }
	slices.SortFunc(got, byURL)
	slices.SortFunc(want, byURL)
	if !slices.Equal(got, want) {
		t.Fatalf("listTree:\n%v\nportable walk:\n%v", got, want)
	}
	for _, e := range got {
		if strings.Contains(e.url, "secret") {
			t.Errorf("a link was entered: %s", e.url)
		}
		if strings.HasPrefix(e.url, "/lien-ket") || strings.HasSuffix(e.url, "/lien-ket-tep") {
			if e.dir || e.identified {
				t.Errorf("a link listed as a folder or an identified file: %+v", e)
			}
		}
	}
	if n := len(got); n != 14 && runtime.GOOS != "windows" {
		t.Errorf("%d entries, want 14: %v", n, got)
	}
	if filesIdentified {
		fi, err := os.Lstat(filepath.Join(root, "bai-viet", "ha-noi", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := identify(fi)
		i := slices.IndexFunc(got, func(e listed) bool { return e.url == "/bai-viet/ha-noi/index.html" })
		if i < 0 || !got[i].identified || got[i].id != id {
			t.Errorf("identity of /bai-viet/ha-noi/index.html: listed %+v, lstat %+v", got[i], id)
		}
	}
}
