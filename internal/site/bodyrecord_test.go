package site

import (
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/quangngai/danvan/internal/body"
	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/cachefile/recordtest"
)

// A body cache entry with every field set is read back equal from a saved
// shard. bodyEntry's and anchorRef's fields are unexported, so they are set
// here by name, and the test checks that the names are all of them.
func TestBodyRecordRoundTrip(t *testing.T) {
	saved := []string{"file", "link", "bundle", "sum", "rendered", "images", "anchors", "asked", "deps"}
	notSaved := []string{"body", "fresh"} // the Markdown (a hashed cache keeps its sum), this process's mark
	var fields []string
	for f := range reflect.TypeFor[bodyEntry]().Fields() {
		fields = append(fields, f.Name)
	}
	if want := append(slices.Clone(saved), notSaved...); !sameSet(fields, want) {
		t.Fatalf("bodyEntry has fields %v; the record layout (bodyrecord.go) knows %v: add the new field to both", fields, want)
	}
	// rendered: out, html and lead are saved; unchecked is set on reading.
	if got := reflect.TypeFor[rendered]().NumField(); got != 4 {
		t.Fatalf("rendered has %d fields; the record layout knows 4", got)
	}
	if got := reflect.TypeFor[anchorRef]().NumField(); got != 4 {
		t.Fatalf("anchorRef has %d fields; the record layout knows 4", got)
	}
	var out body.Result
	recordtest.Fill(t, &out)
	html := template.HTML(out.HTML)
	out.HTML = "" // an entry keeps it once, as html
	var images []Resource
	recordtest.Fill(t, &images)
	var deps []dep
	recordtest.Fill(t, &deps)
	want := []bodyEntry{
		{file: "content/bai-viet/a.md", link: [32]byte{1}, bundle: "content/bai-viet/a", sum: [32]byte{2},
			rendered: rendered{out: &out, html: html, lead: "Đoạn đầu…", unchecked: true},
			images:   images, anchors: []anchorRef{{file: "f", target: "t", fragment: "g", line: 9}, {line: -1}}, asked: 3, deps: deps},
		{file: "content/bai-viet/b.md", rendered: rendered{out: &body.Result{}, unchecked: true}}, // every list empty
	}
	dir := t.TempDir()
	e := cachefile.NewEncoder(0)
	e.Uint(uint64(len(want)))
	for _, b := range want {
		encodeEntry(e, b)
	}
	if err := e.Write(dir, shardName(0), shardKey("k")); err != nil {
		t.Fatal(err)
	}
	got, err := readShard(filepath.Join(dir, shardName(0)), "k")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// A shard damaged so that its checksum still holds (a layout changed
// without a version bump) is a warning and an empty shard, never a panic.
func TestBodyRecordDamagedLayout(t *testing.T) {
	dir := t.TempDir()
	e := cachefile.NewEncoder(0)
	e.Uint(5) // five entries, none there
	if err := e.Write(dir, shardName(0), shardKey("k")); err != nil {
		t.Fatal(err)
	}
	es, err := readShard(filepath.Join(dir, shardName(0)), "k")
	if len(es) != 0 || err == nil {
		t.Fatalf("readShard = %d entries, %v; want none and a warning", len(es), err)
	}
	if _, err := os.Stat(filepath.Join(dir, shardName(0))); err != nil {
		t.Fatal(err)
	}
}

// The shards of the gob layout are deleted when the cache is loaded: a
// deploy cache would otherwise keep them for ever.
func TestGobShardsRemoved(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "markdown-07.gob")
	other := filepath.Join(dir, "content.gob")
	for _, f := range []string{old, other} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadBodyCache(dir, "k"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", old, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another cache's file was removed: %v", err)
	}
}
