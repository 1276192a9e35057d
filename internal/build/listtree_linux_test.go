package build

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// listRecorded lists root with listTree given records, sorted by URL, and
// returns the listing's record.
func listRecorded(t *testing.T, root string, records *treeRecords) ([]listed, *treeRecord) {
	t.Helper()
	var got []listed
	rec, err := listTree(root, records, func(u string, dir bool, id fileID, ok bool) { got = append(got, listed{u, dir, id, ok}) })
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range got {
		if j := strings.LastIndex(e.url, "/"); j > 0 && !slices.ContainsFunc(got[:i], func(p listed) bool { return p.url == e.url[:j] }) {
			t.Errorf("%s listed before its folder", e.url)
		}
	}
	slices.SortFunc(got, func(a, b listed) int { return strings.Compare(a.url, b.url) })
	return got, rec
}

// portable is the portable walk of root, sorted by URL.
func portable(t *testing.T, root string) []listed {
	t.Helper()
	want := listWith(t, listTreePortable, root)
	slices.SortFunc(want, func(a, b listed) int { return strings.Compare(a.url, b.url) })
	return want
}

// settled is rec as if listed a minute from now: every folder's times are
// then old enough to be trusted (treeRecord.trusted).
func settled(rec *treeRecord) *treeRecords {
	rec.Listed = time.Now().Add(time.Minute)
	return &treeRecords{Version: dirRecordVersion, Trees: []*treeRecord{rec}}
}

// clockPast returns once a file written now gets a modification time
// later than every time rec recorded.
func clockPast(t *testing.T, rec *treeRecord) {
	t.Helper()
	var last int64
	for _, d := range rec.Dirs {
		last = max(last, d.ID.MTime, d.ID.CTime)
	}
	probe := filepath.Join(t.TempDir(), "probe")
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(probe)
		if err != nil {
			t.Fatal(err)
		}
		if fi.ModTime().UnixNano() > last {
			return
		}
		runtime.Gosched()
	}
	t.Fatal("the file system's clock did not move in 5 s")
}

// A folder found as recorded is not read, and the listing is still the
// tree as it is: whatever changed since the record (a file added, removed,
// rewritten in place, replaced by a folder, a folder moved in, a link) is
// listed as the portable walk sees it. A record too fresh to trust, or of
// another tree, reads every folder.
func TestListTreeTrustsRecordedFolders(t *testing.T) {
	root := t.TempDir()
	write := writerIn(t, root)
	for _, d := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		write("bai-viet/"+d+"/index.html", d)
	}
	write("bai-viet/g/anh/1.jpg", "jpg")
	write("tim-kiem/chi-muc/0a1b/u0.json", "[]")
	write("index.html", "home")
	folders := 13 // the root, bai-viet and its 7, g/anh, tim-kiem, chi-muc, 0a1b

	first, rec := listRecorded(t, root, nil)
	if want := portable(t, root); !slices.Equal(first, want) {
		t.Fatalf("without a record:\n%v\nportable walk:\n%v", first, want)
	}
	if rec.read != folders || len(rec.Dirs) != folders {
		t.Fatalf("without a record: %d folders read, %d recorded; want %d", rec.read, len(rec.Dirs), folders)
	}

	// Nothing changed: only the root is read.
	again, rec2 := listRecorded(t, root, settled(rec))
	if !slices.Equal(again, first) {
		t.Fatalf("with a record:\n%v\nwithout:\n%v", again, first)
	}
	if rec2.read != 1 || len(rec2.Dirs) != folders {
		t.Errorf("unchanged tree with its record: %d folders read (want the root only), %d recorded", rec2.read, len(rec2.Dirs))
	}

	// Changes a record must not hide, made once the file system's clock
	// has passed the recorded times (a change within the same tick is the
	// racy case the margin of trusted guards against, set aside here).
	clockPast(t, rec2)
	write("bai-viet/a/them.html", "new")                                                                            // a file added
	os.Remove(filepath.Join(root, "bai-viet/b/index.html"))                                                         // removed
	os.Remove(filepath.Join(root, "bai-viet/c/index.html"))                                                         // replaced by a folder
	write("bai-viet/c/index.html/x", "x")                                                                           //
	if err := os.Rename(filepath.Join(root, "bai-viet/g/anh"), filepath.Join(root, "bai-viet/d/anh")); err != nil { // moved
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(root, "bai-viet/e/index.html"), os.O_WRONLY|os.O_APPEND, 0) // rewritten in place
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(" and more")
	f.Close()
	if err := os.Symlink("/etc", filepath.Join(root, "bai-viet/f/lien-ket")); err != nil { // a link
		t.Fatal(err)
	}
	changed, rec3 := listRecorded(t, root, settled(rec2))
	if want := portable(t, root); !slices.Equal(changed, want) {
		t.Fatalf("after changes, with the record:\n%v\nportable walk:\n%v", changed, want)
	}
	// Read: the root, and a, b, c, d, f, g (their entries changed), and
	// c/index.html and d/anh (no record at those paths): not e (a file
	// rewritten in place leaves its folder as it was: its identity is
	// looked at all the same) nor tim-kiem and below.
	if rec3.read != 9 {
		t.Errorf("after changes: %d folders read, want 9", rec3.read)
	}

	// A record taken moments after the folders changed is not trusted.
	fresh := rec3
	fresh.Listed = time.Now()
	_, rec4 := listRecorded(t, root, &treeRecords{Trees: []*treeRecord{fresh}})
	if rec4.read != len(rec3.Dirs) {
		t.Errorf("a record as fresh as the folders: %d of %d folders read, want all", rec4.read, len(rec3.Dirs))
	}
	// Nor is another tree's.
	other := *rec3
	other.Ino++
	_, rec5 := listRecorded(t, root, settled(&other))
	if rec5.read != len(rec3.Dirs) {
		t.Errorf("another tree's record: %d of %d folders read, want all", rec5.read, len(rec3.Dirs))
	}
}

// The tree records survive their saved layout, every field.
func TestTreeRecordsRoundTrip(t *testing.T) {
	rs := &treeRecords{Version: dirRecordVersion, Dest: "/srv/public", Trees: []*treeRecord{
		{Dev: 1, Ino: 2, Listed: time.Unix(0, 1_700_000_000_123_456_789), Dirs: map[string]dirRecord{
			"":          {ID: dirID{Dev: 1, Ino: 2, MTime: 3, CTime: 4}, Entries: []dirent{{name: "bai-viet", typ: 4}, {name: "index.html", typ: 8}}},
			"/bai-viet": {ID: dirID{Dev: 1, Ino: 5, MTime: 6, CTime: 7}},
		}},
		{Dev: 1, Ino: 9, Listed: time.Unix(5, 0), Dirs: map[string]dirRecord{}},
	}}
	dir := t.TempDir()
	if err := rs.save(dir); err != nil {
		t.Fatal(err)
	}
	got := loadTreeRecords(dir, "/srv/public")
	if got == nil || len(got.Trees) != 2 || got.Dest != rs.Dest || got.Version != rs.Version {
		t.Fatalf("loaded %+v", got)
	}
	for i, tr := range rs.Trees {
		g := got.Trees[i]
		if g.Dev != tr.Dev || g.Ino != tr.Ino || !g.Listed.Equal(tr.Listed) || len(g.Dirs) != len(tr.Dirs) {
			t.Errorf("tree %d: %+v, want %+v", i, g, tr)
		}
		for u, d := range tr.Dirs {
			if gd := g.Dirs[u]; gd.ID != d.ID || !slices.Equal(gd.Entries, d.Entries) {
				t.Errorf("tree %d folder %q: %+v, want %+v", i, u, gd, d)
			}
		}
	}
	if loadTreeRecords(dir, "/srv/other") != nil {
		t.Error("the records of another destination were used")
	}
}

// In the build: each tree is recorded when listed as the spare
// (folders.bin holds the output's and the spare's), and a spare whose
// record is trusted, then messed up in the folders the record describes,
// still gives exactly the output of a build from scratch.
func TestSpareRecordInTheBuild(t *testing.T) {
	site, dest, cache := withSpare(t)
	for range 2 { // each of the two trees listed once as the spare
		touchArticle(site)
		buildInto(t, site, dest, cache, nil)
	}
	abs, _ := filepath.Abs(dest)
	rs := loadTreeRecords(filepath.Join(cache, "build"), abs)
	if rs == nil || len(rs.Trees) != 2 {
		t.Fatalf("folders.bin after four builds: %+v", rs)
	}
	for _, p := range []string{dest, spareDir(dest)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		if rs.of(uint64(st.Dev), st.Ino) == nil { //nolint:unconvert // Dev differs in type across systems
			t.Errorf("no record of the tree at %s", p)
		}
	}
	// Every recorded folder old enough to trust; then the spare changes.
	for _, tr := range rs.Trees {
		tr.Listed = time.Now().Add(time.Minute)
		clockPast(t, tr)
	}
	if err := rs.save(filepath.Join(cache, "build")); err != nil {
		t.Fatal(err)
	}
	spare := spareDir(dest)
	os.WriteFile(filepath.Join(spare, "bai-viet", "la.html"), []byte("lạ"), 0o644)
	ents, _ := os.ReadDir(filepath.Join(spare, "bai-viet"))
	for _, e := range ents {
		if e.IsDir() {
			os.Remove(filepath.Join(spare, "bai-viet", e.Name(), "index.html"))
			os.MkdirAll(filepath.Join(spare, "bai-viet", e.Name(), "index.html", "x"), 0o755)
			break
		}
	}
	os.RemoveAll(filepath.Join(spare, "nam"))
	touchArticle(site) // unchanged inputs would leave the output as it is
	want := fromScratch(t, site)
	st := buildInto(t, site, dest, cache, nil)
	if st.Reused == 0 {
		t.Fatal("the last build reused nothing: the spare was not used")
	}
	if got := treeHash(t, dest); got != want {
		t.Errorf("output built in a recorded, then messed-up spare differs from a build from scratch: %s", treeDiff(t, dest, filepath.Join(t.TempDir(), "x")))
	}
}
