package content

import (
	"crypto/sha256"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// opens counts the files opened through it (a Stat or a ReadDir is not
// an open).
type opens struct {
	fstest.MapFS
	mu sync.Mutex
	n  map[string]int
}

func (o *opens) Stat(name string) (fs.FileInfo, error)      { return o.MapFS.Stat(name) }
func (o *opens) ReadDir(name string) ([]fs.DirEntry, error) { return o.MapFS.ReadDir(name) }
func (o *opens) ReadFile(name string) ([]byte, error)       { o.count(name); return o.MapFS.ReadFile(name) }
func (o *opens) count(name string)                          { o.mu.Lock(); o.n[name]++; o.mu.Unlock() }

func (o *opens) Open(name string) (fs.File, error) {
	o.count(name)
	return o.MapFS.Open(name)
}

// sumsOf hashes every file of fsys, as a build's inputs key does.
func sumsOf(fsys fstest.MapFS) map[string][32]byte {
	m := map[string][32]byte{}
	for p, f := range fsys {
		m[p] = sha256.Sum256(f.Data)
	}
	return m
}

// With the sums of the files given, a saved cache loads the articles it
// knows without opening their files: each comes back with Unread instead
// of Body, and Unread.Read gives the very body a fresh parse gives (the
// file that needed cleaning too). Everything else is what a fresh parse
// gives, problems included.
func TestKnownSumsLeaveBodiesUnread(t *testing.T) {
	fsys := cacheSite()
	want, wantProbs, cache := savedCacheOf(t, fsys)
	cache.KnownSums(sumsOf(fsys))
	counted := &opens{MapFS: fsys, n: map[string]int{}}
	got, gotProbs, err := LoadCached(counted, cache)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotProbs, wantProbs) {
		t.Errorf("problems %v, want %v", gotProbs, wantProbs)
	}
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%d articles, want %d", len(got.Articles), len(want.Articles))
	}
	unread := 0
	for i, a := range got.Articles {
		w := want.Articles[i]
		if a.Unread == nil {
			continue
		}
		unread++
		if n := counted.n[a.Path]; n != 0 {
			t.Errorf("%s: opened %d times, its sum was known", a.Path, n)
		}
		if a.Body != nil {
			t.Errorf("%s: Body read although Unread", a.Path)
		}
		body, err := a.Unread.Read(fsys)
		if err != nil || string(body) != string(w.Body) {
			t.Errorf("%s: Unread.Read = %q, %v; want %q", a.Path, body, err, w.Body)
		}
		if a.Unread.Sum != sha256.Sum256(w.Body) {
			t.Errorf("%s: Unread.Sum is not the body's", a.Path)
		}
		cp := *a
		cp.Body, cp.Unread = w.Body, nil
		if !reflect.DeepEqual(&cp, w) {
			t.Errorf("%s: loaded unread\n%+v\nwant\n%+v", a.Path, cp, *w)
		}
	}
	// Every valid article the cache knows: sach.md, ban.md (cleaned), the bundle.
	if unread < 3 {
		t.Errorf("%d articles left unread, want at least 3", unread)
	}
}

// An unread body whose file changed after the build hashed it is an
// error (the build reports it on the file), not the new body under the
// old hash.
func TestKnownSumsAndEditsDuringTheBuild(t *testing.T) {
	fsys := cacheSite()
	_, _, cache := savedCacheOf(t, fsys)
	sums := sumsOf(fsys)
	const p = "content/bai-viet/sach.md"
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(goodArticle, "Nội dung", "Nội dung mới", 1))}
	cache.KnownSums(sums) // the sums of before the edit
	c, _, err := LoadCached(fsys, cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Articles {
		if a.Path != p {
			continue
		}
		if a.Unread == nil {
			t.Fatalf("%s: read, though its known sum matched the cache", p)
		}
		if _, err := a.Unread.Read(fsys); err == nil || !strings.Contains(err.Error(), "đã đổi trong lúc dựng") {
			t.Fatalf("Unread.Read after an edit: %v; want an error saying the file changed during the build", err)
		}
		return
	}
	t.Fatalf("%s not loaded", p)
}
