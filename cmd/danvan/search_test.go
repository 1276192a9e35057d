package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/sitetest"
)

func TestSearchCommand(t *testing.T) {
	// A copy: the repository's own cache folder is written by other
	// packages' tests while this one reads it.
	root := sitetest.Copy(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"don dien doi thua"}, "/bai-viet/don-dien-doi-thua-nghia-dung/"},
		{[]string{"tinh", "khe"}, "/bai-viet/tinh-khe-camera-an-ninh/"},
		{[]string{"DA\u0302N VA\u0302\u0323N KHE\u0301O"}, "/bai-viet/dan-van-kheo-tu-phong-trao-den-nep-lam-viec/"},
		// History rule: Nghĩa An merged into An Phú.
		{[]string{"--locality", "an-phu", "hien dat lam duong"}, "/bai-viet/hien-dat-lam-duong-nghia-an/"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"search", "-s", root, "--json"}, c.args...)
		if code := run(context.Background(), args, &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb.String())
		}
		var rows []struct{ URL string }
		if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, out.String())
		}
		if len(rows) == 0 || rows[0].URL != c.want {
			t.Errorf("%v: got %+v, want %s first", c.args, rows, c.want)
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"search", "-s", root}, &out, &errb); code != exitUsage {
		t.Errorf("no query: exit %d, want %d", code, exitUsage)
	}
}

// `danvan search` reads the export of the last build: no note while the
// content is as built, the same order as the export's scorer; a note once
// a content file changes; --moi indexes the current content instead.
func TestSearchReadsLastBuild(t *testing.T) {
	root := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"build", "-s", root, "-d", dest, "--cache-dir", cache}, &out, &errb); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, errb.String())
	}
	search := func(args ...string) ([]struct{ URL string }, string) {
		t.Helper()
		var out, errb bytes.Buffer
		args = append([]string{"search", "-s", root, "--cache-dir", cache, "--json"}, args...)
		if code := run(context.Background(), args, &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		var rows []struct{ URL string }
		if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		return rows, errb.String()
	}
	rows, note := search("dan van kheo")
	if note != "" {
		t.Errorf("right after the build: note %q, want none", note)
	}
	ix, err := static.Open(os.DirFS(dest))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search("dan van kheo", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Visible()
	if err := ix.Describe(rs[:min(10, len(rs))]); err != nil {
		t.Fatal(err)
	}
	if len(rows) != min(10, len(rs)) {
		t.Fatalf("%d rows, the export's scorer shows %d", len(rows), min(10, len(rs)))
	}
	for i, r := range rows {
		if r.URL != rs[i].URL {
			t.Errorf("rank %d: %s, the export's scorer has %s", i+1, r.URL, rs[i].URL)
		}
	}

	// An edit after the build: the answer comes with a note, and --moi
	// finds the new text.
	p := filepath.Join(root, "content", "bai-viet", "tinh-khe-camera-an-ninh.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, []byte("\nXóm Quỳnh Lưu mới lắp thêm đèn.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, note := search("quynh luu"); !strings.Contains(note, "đã thay đổi sau lần dựng") {
		t.Errorf("after an edit: note %q, want one saying content changed", note)
	}
	if rows, _ := search("--moi", "quynh luu"); len(rows) == 0 || rows[0].URL != "/bai-viet/tinh-khe-camera-an-ninh/" {
		t.Errorf("--moi: %+v, want the edited article first", rows)
	}
}
