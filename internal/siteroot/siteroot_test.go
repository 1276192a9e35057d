package siteroot

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree makes a site root and a folder outside it with a secret file.
func tree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "site"), filepath.Join(base, "ngoai")
	for _, d := range []string{"content/bai-viet/goi", "static/images", "layouts", "thu-muc-that/con"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(outside, 0o755)
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "mat-khau"), "root:x:0:0")
	write(filepath.Join(outside, "bai.md"), "---\ntitle: ngoài\n---\n")
	write(filepath.Join(root, "static/images/that.jpg"), "ảnh thật")
	write(filepath.Join(root, "thu-muc-that/con/tep.txt"), "trong")
	return root, outside
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// walk lists every file a build's walk would see, with its contents.
func walk(t *testing.T, f *FS, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(f, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			data, err := fs.ReadFile(f, p)
			if err != nil {
				return err
			}
			out[p] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Links that leave the root — absolute, relative with "..", a folder, an
// article — are left out of every listing and reported by their own path;
// nothing outside is read, not even by a direct open.
func TestLinksOutsideAreRefused(t *testing.T) {
	root, outside := tree(t)
	link(t, filepath.Join(outside, "mat-khau"), filepath.Join(root, "content/bai-viet/goi/anh.jpg"))
	link(t, "../../../../ngoai/mat-khau", filepath.Join(root, "static/images/passwd.jpg"))
	link(t, outside, filepath.Join(root, "static/ngoai"))
	link(t, filepath.Join(outside, "bai.md"), filepath.Join(root, "content/bai-viet/ngoai.md"))
	f, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := walk(t, f, "content")
	for k, v := range walk(t, f, "static") {
		got[k] = v
	}
	for p, data := range got {
		if strings.Contains(data, "root:") || strings.Contains(data, "ngoài") {
			t.Errorf("%s read a file outside the root", p)
		}
	}
	if len(got) != 1 || got["static/images/that.jpg"] != "ảnh thật" {
		t.Errorf("files seen: %v, want only static/images/that.jpg", got)
	}
	probs := f.TakeProblems()
	want := []string{"content/bai-viet/goi/anh.jpg", "content/bai-viet/ngoai.md", "static/images/passwd.jpg", "static/ngoai"}
	if len(probs) != len(want) {
		t.Fatalf("problems %+v, want one for each of %v", probs, want)
	}
	for i, p := range probs {
		if p.Path != want[i] || !strings.Contains(p.Msg, "ra ngoài thư mục trang web") {
			t.Errorf("problem %d: %+v, want %s leaving the root", i, p, want[i])
		}
	}
	if len(f.TakeProblems()) != 0 {
		t.Error("problems are taken once")
	}
	for _, p := range []string{"content/bai-viet/goi/anh.jpg", "static/ngoai/mat-khau", "static/images/passwd.jpg"} {
		if data, err := fs.ReadFile(f, p); err == nil {
			t.Errorf("direct read of %s got %q", p, data)
		}
	}
}

// Inside the root a link to a file reads as that file and a link to a
// folder is walked; a folder link inside a folder reached through a link
// is not followed again, so a link loop ends. Absolute and broken links
// are refused with what to do.
func TestLinksInside(t *testing.T) {
	root, _ := tree(t)
	link(t, "../../thu-muc-that/con/tep.txt", filepath.Join(root, "static/images/tep.txt"))
	link(t, "../thu-muc-that", filepath.Join(root, "static/chung"))
	link(t, "..", filepath.Join(root, "thu-muc-that/con/vong")) // a loop once inside static/chung
	link(t, filepath.Join(root, "static/images/that.jpg"), filepath.Join(root, "static/tuyet-doi.jpg"))
	link(t, "khong-co.jpg", filepath.Join(root, "static/hong.jpg"))
	f, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := walk(t, f, "static")
	want := map[string]string{
		"static/images/that.jpg":   "ảnh thật",
		"static/images/tep.txt":    "trong",
		"static/chung/con/tep.txt": "trong",
	}
	if len(got) != len(want) {
		t.Errorf("files seen: %v, want %v", got, want)
	}
	for p, data := range want {
		if got[p] != data {
			t.Errorf("%s = %q, want %q", p, got[p], data)
		}
	}
	probs := map[string]string{}
	for _, p := range f.TakeProblems() {
		probs[p.Path] = p.Msg
	}
	for p, says := range map[string]string{
		"static/chung/con/vong": "một lần",
		"static/tuyet-doi.jpg":  "images/that.jpg",
		"static/hong.jpg":       "liên kết hỏng",
	} {
		if !strings.Contains(probs[p], says) {
			t.Errorf("%s: problem %q, want one saying %q", p, probs[p], says)
		}
	}
	if len(probs) != 3 {
		t.Errorf("problems: %v", probs)
	}
}

// The root itself may be reached through a link (a checkout in a linked
// folder): that is where the site is, not an escape.
func TestRootThroughALink(t *testing.T) {
	root, _ := tree(t)
	alias := filepath.Join(t.TempDir(), "trang")
	link(t, root, alias)
	f, err := Open(alias)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := walk(t, f, "static"); got["static/images/that.jpg"] != "ảnh thật" {
		t.Errorf("files seen: %v", got)
	}
	if _, err := fs.ReadFile(f, "../ngoai/mat-khau"); err == nil {
		t.Error("a path with .. was read")
	}
}
