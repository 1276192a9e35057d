package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/sitetest"
)

// buildInto builds site into dest with its own cache directory.
func buildInto(t *testing.T, site, dest, cache string, log *bytes.Buffer) *Stats {
	t.Helper()
	opts := Options{Source: site, Dest: dest, CacheDir: cache}
	if log != nil {
		opts.Log = log
	}
	st, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fromScratch is the tree hash of a build with an empty cache into a
// fresh directory: what every warm build must equal.
func fromScratch(t *testing.T, site string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, site, dest, t.TempDir(), nil)
	return treeHash(t, dest)
}

func TestUnchangedFilesAreLinkedNotWritten(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	cold := buildInto(t, site, dest, cache, nil)
	if cold.Reused != 0 {
		t.Errorf("a cold build reused %d files", cold.Reused)
	}
	warm := buildInto(t, site, dest, cache, nil)
	if warm.Reused != warm.Files || warm.Files != cold.Files {
		t.Errorf("an unchanged rebuild reused %d of %d files (cold: %d)", warm.Reused, warm.Files, cold.Files)
	}
	if treeHash(t, dest) != fromScratch(t, site) {
		t.Error("warm output differs from a build from scratch")
	}

	// One article changes: its page, the lists and the search index
	// change; the rest is linked.
	art := filepath.Join(site, "content/bai-viet/tinh-khe-camera-an-ninh.md")
	src, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`title: "`), []byte(`title: "Đổi mới — `), 1)
	if err := os.WriteFile(art, append(src, "\nMột đoạn mới.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := buildInto(t, site, dest, cache, nil)
	if edited.Reused == 0 || edited.Reused >= edited.Files {
		t.Errorf("after one edit %d of %d files were reused", edited.Reused, edited.Files)
	}
	if treeHash(t, dest) != fromScratch(t, site) {
		t.Error("output after an edit differs from a build from scratch")
	}
}

// changeOutput changes two files of the output in dest behind the build's
// back: index.html rewritten in place (same inode, same size, other
// bytes), feed.xml replaced by a new file of the same size.
func changeOutput(t *testing.T, dest string) {
	t.Helper()
	home := filepath.Join(dest, "index.html")
	data, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(home, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("x"), len(data))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	feed := filepath.Join(dest, "feed.xml")
	fd, err := os.ReadFile(feed)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(feed)
	if err := os.WriteFile(feed, bytes.ToUpper(fd), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A file changed in the destination after the build is not trusted: the
// next build writes it again, whatever the manifest says.
func TestRewrittenOutputIsWrittenAgain(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	want := treeHash(t, dest)

	changeOutput(t, dest)

	st := buildInto(t, site, dest, cache, nil)
	if treeHash(t, dest) != want {
		t.Error("a file changed in the output was trusted by the next build")
	}
	if st.Reused != st.Files-2 {
		t.Errorf("reused %d of %d files, want all but the two changed", st.Reused, st.Files)
	}
}

// An output restored from a deploy cache (Netlify copies it back: new
// inodes, new times) is reused file by file once its bytes are checked
// against the manifest; a restored file with other bytes is written again.
func TestRestoredOutputIsCheckedAndReused(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	cold := buildInto(t, site, dest, cache, nil)
	want := treeHash(t, dest)

	restored := filepath.Join(t.TempDir(), "restored")
	if err := os.CopyFS(restored, os.DirFS(dest)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(spareDir(dest)); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(restored, dest); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dest, "index.html")
	data := mustRead(t, home)
	if err := os.WriteFile(home, bytes.Repeat([]byte("x"), len(data)), 0o644); err != nil {
		t.Fatal(err)
	}

	st := buildInto(t, site, dest, cache, nil)
	if treeHash(t, dest) != want {
		t.Error("the build after a restore differs from the first")
	}
	if st.Reused != cold.Files-1 {
		t.Errorf("after a restore %d of %d files were reused, want all but the damaged one", st.Reused, cold.Files)
	}
}

// A corrupt, truncated or foreign manifest costs writes, never a wrong
// file or a failed build.
func TestBadManifestIsIgnored(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	want := treeHash(t, dest)
	file := filepath.Join(cache, "build", manifestFile)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	for name, data := range map[string][]byte{
		"garbage":   []byte("không phải gob"),
		"truncated": good[:len(good)/2],
		"flipped":   flipped,
		"empty":     nil,
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var log bytes.Buffer
			st := buildInto(t, site, dest, cache, &log)
			if st.Reused != 0 {
				t.Errorf("a bad manifest reused %d files", st.Reused)
			}
			if !strings.Contains(log.String(), "cảnh báo") {
				t.Errorf("no warning about the bad manifest: %q", log.String())
			}
			if treeHash(t, dest) != want {
				t.Error("output differs")
			}
		})
	}

	// A manifest of another output directory is not used for this one.
	other := filepath.Join(t.TempDir(), "public")
	if st := buildInto(t, site, other, cache, nil); st.Reused != 0 {
		t.Errorf("a manifest of %s was used for %s (%d files)", dest, other, st.Reused)
	}
	if treeHash(t, other) != want {
		t.Error("output differs")
	}
}

// When a link fails (another file system, too many links) the file is
// written instead.
func TestLinkFailureFallsBackToWriting(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	out, err := newDirOutput(dest, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := out.WriteFile("/a/index.html", []byte("một")); err != nil {
		t.Fatal(err)
	}
	if err := out.commit(); err != nil {
		t.Fatal(err)
	}
	m := out.manifest()
	m.index()
	out, err = newDirOutput(dest, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	out.link = func(string, string) error { return errors.New("EXDEV") }
	if err := out.WriteFile("/b/index.html", []byte("một")); err != nil {
		t.Fatal(err)
	}
	if err := out.commit(); err != nil {
		t.Fatal(err)
	}
	if out.linked.Load() != 0 {
		t.Error("counted a failed link")
	}
	if got := mustRead(t, filepath.Join(dest, "b/index.html")); got != "một" {
		t.Errorf("got %q", got)
	}
}

// Writing a name twice in one build replaces the file, never writes
// through a hard link into the previous output.
func TestRewriteNeverTouchesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	out, _ := newDirOutput(dest, nil, nil)
	out.WriteFile("/x.txt", []byte("cũ"))
	if err := out.commit(); err != nil {
		t.Fatal(err)
	}
	m := out.manifest()
	m.index()
	out, _ = newDirOutput(dest, m, nil)
	if err := out.WriteFile("/y.txt", []byte("cũ")); err != nil { // linked from /x.txt
		t.Fatal(err)
	}
	if out.linked.Load() != 1 {
		t.Fatalf("want one link, got %d", out.linked.Load())
	}
	if err := out.WriteFile("/y.txt", []byte("mới")); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(dest, "x.txt")); got != "cũ" {
		t.Errorf("the previous output changed before the swap: %q", got)
	}
	out.abort()
}

// An output name maps to the file and URL path that path.Clean and
// filepath.Join make of it (path's shortcut for clean names gives the
// same), and a name that cleaning would change is refused, but for a
// folder's trailing slash.
func TestOutputPathAsClean(t *testing.T) {
	out, err := newDirOutput(filepath.Join(t.TempDir(), "public"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer out.abort()
	for _, name := range []string{
		"a.html", "/a.html", "bai-viet/x/index.html", "/tim-kiem/chi-muc/0a1b2c3d/u1.json", "a/.hidden", "a/.../b", "a/b/",
		"a//b", "./a", "a/./b", "../x", "a/..", "/../x", "//a", "a/b/..", "..", ".",
	} {
		clean := path.Clean("/" + name)
		valid := clean == "/"+strings.TrimPrefix(name, "/") || clean+"/" == "/"+strings.TrimPrefix(name, "/")
		full, url, err := out.path(name)
		switch {
		case !valid && err == nil:
			t.Errorf("%q: accepted as %s", name, url)
		case valid && err != nil:
			t.Errorf("%q: %v", name, err)
		case valid && (full != filepath.Join(out.tmp, filepath.FromSlash(clean)) || url != clean):
			t.Errorf("%q: %s, %s; want %s, %s", name, full, url, filepath.Join(out.tmp, filepath.FromSlash(clean)), clean)
		}
	}
}

// createNew writes a new file and returns the identity a stat of it gives;
// it never opens a file that exists, and its errors read as os's.
func TestCreateNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.html")
	data := bytes.Repeat([]byte("dân vận khéo\n"), 10000)
	id, err := createNew(p, data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the file holds %d bytes (%v), want %d", len(got), err, len(data))
	}
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	if want, ok := identify(fi); ok != filesIdentified || id != want {
		t.Errorf("identity %+v, a stat of the file gives %+v", id, want)
	}
	if _, err := createNew(p, []byte("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("creating an existing file: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
		t.Error("creating an existing file changed it")
	}
	missing := filepath.Join(dir, "khong-co", "b.html")
	_, err = createNew(missing, data)
	_, oserr := os.OpenFile(missing, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err == nil || oserr == nil || err.Error() != oserr.Error() {
		t.Errorf("in a missing folder: %v, os says %v", err, oserr)
	}
	if id, err := createNew(filepath.Join(dir, "empty"), nil); err != nil || (filesIdentified && id.Size != 0) {
		t.Errorf("an empty file: %+v, %v", id, err)
	}
}
