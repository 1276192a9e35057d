package content

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/cachefile/recordtest"
)

// A saved entry with every field set is read back equal, and so is one
// with every list empty and no article; an Article field added without a
// place in the layout fails here.
func TestCacheRecordRoundTrip(t *testing.T) {
	var full savedFile
	recordtest.Fill(t, &full)
	// Not saved: a cached article has neither (hashedArticle drops the
	// body, unreadArticle sets Unread on a hit).
	full.Art.Body, full.Art.Unread = nil, nil
	want := []savedFile{full, {Path: "content/bai-viet/b.md", Clean: true}}
	dir := t.TempDir()
	e := cachefile.NewEncoder(0)
	e.Uint(uint64(len(want)))
	for i := range want {
		encodeSaved(e, &want[i])
	}
	if err := e.Write(dir, "content.bin", fileKey("k")); err != nil {
		t.Fatal(err)
	}
	d, err := cachefile.ReadRecords(filepath.Join(dir, "content.bin"), fileKey("k"))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]savedFile, d.Count(70))
	for i := range got {
		got[i] = decodeSaved(d)
	}
	if err := d.Err("content.bin"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back\n%+v\n%+v\nwant\n%+v\n%+v", *got[0].Art, got[0], *want[0].Art, want[0])
	}
}

// A cache whose layout is damaged but whose checksum holds (a layout
// changed without a version bump) is a warning and an empty cache, never
// a panic or a half-read cache.
func TestCacheRecordDamagedLayout(t *testing.T) {
	dir := t.TempDir()
	e := cachefile.NewEncoder(0)
	e.Uint(1)
	encodeSaved(e, &savedFile{Path: "content/a.md", Art: &Article{Title: "A"}})
	e.Fixed([]byte{0}) // one byte too many
	if err := e.Write(dir, "content.bin", fileKey("k")); err != nil {
		t.Fatal(err)
	}
	c, err := LoadHashedCache(filepath.Join(dir, "content.bin"), "k")
	if err == nil || !strings.Contains(err.Error(), "bộ đệm nội dung") {
		t.Fatalf("error %v, want a warning about the content cache", err)
	}
	if len(c.files) != 0 {
		t.Fatalf("%d entries read from a damaged cache", len(c.files))
	}
}
