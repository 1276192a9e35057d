package build

import (
	"reflect"
	"testing"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/cachefile/recordtest"
)

// A manifest with every field set reads back equal from its saved file
// (bySum, derived, is filled again); one of another destination is none.
func TestManifestRecordRoundTrip(t *testing.T) {
	var files map[string]outFile
	recordtest.Fill(t, &files)
	want := &manifest{Version: manifestVersion, Dest: "/srv/public", Files: files}
	if got := reflect.TypeFor[manifest]().NumField(); got != 4 {
		t.Fatalf("manifest has %d fields; the record layout (manifest.go) knows 4 (bySum derived): add the new one to both", got)
	}
	dir := t.TempDir()
	if err := want.save(dir); err != nil {
		t.Fatal(err)
	}
	got, err := loadManifest(dir, want.Dest)
	if err != nil || got == nil {
		t.Fatalf("loadManifest: %v, %v", got, err)
	}
	want.index()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
	}
	if other, err := loadManifest(dir, "/srv/other"); other != nil || err != nil {
		t.Fatalf("the manifest of another destination: %v, %v", other, err)
	}
}

// A page cache with every field set reads back equal; damage is a
// warning and an empty cache.
func TestPageCacheRecordRoundTrip(t *testing.T) {
	want := &pageCache{Version: pageCacheVersion, Program: "prog"}
	recordtest.Fill(t, &want.Graph)
	recordtest.Fill(t, &want.Displays)
	recordtest.Fill(t, &want.Pages)
	if got := reflect.TypeFor[pageCache]().NumField(); got != 5 {
		t.Fatalf("pageCache has %d fields; the record layout (pages.go) knows 5", got)
	}
	if got := reflect.TypeFor[pageEntry]().NumField(); got != 4 {
		t.Fatalf("pageEntry has %d fields; the record layout (pages.go) knows 4", got)
	}
	dir := t.TempDir()
	if err := want.save(dir); err != nil {
		t.Fatal(err)
	}
	got, err := loadPageCache(dir, "prog")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %+v (%v), want %+v", got, err, want)
	}
	e := cachefile.NewEncoder(0)
	e.Int(pageCacheVersion)
	e.String("prog")
	e.Uint(3) // three pages, none there
	if err := e.Write(dir, pageCacheFile, pageCacheKey("prog")); err != nil {
		t.Fatal(err)
	}
	got, err = loadPageCache(dir, "prog")
	if err == nil || len(got.Pages) != 0 {
		t.Fatalf("a damaged page cache: %d pages, error %v", len(got.Pages), err)
	}
}

// Input sums with every field set read back equal; those of another site
// are none.
func TestInputSumsRecordRoundTrip(t *testing.T) {
	var want inputSums
	recordtest.Fill(t, &want)
	if got := reflect.TypeFor[inputSums]().NumField(); got != 2 {
		t.Fatalf("inputSums has %d fields; the record layout (inputsums.go) knows 2: add the new one to both", got)
	}
	if got := reflect.TypeFor[inputSum]().NumField(); got != 3 {
		t.Fatalf("inputSum has %d fields; the record layout (inputsums.go) knows 3: add the new one to both", got)
	}
	dir := t.TempDir()
	if err := want.save(dir, "/srv/site"); err != nil {
		t.Fatal(err)
	}
	got, err := loadInputSums(dir, "/srv/site")
	if err != nil || got == nil {
		t.Fatalf("loadInputSums: %v, %v", got, err)
	}
	if !got.Listed.Equal(want.Listed) || !reflect.DeepEqual(got.Files, want.Files) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
	}
	if other, err := loadInputSums(dir, "/srv/other"); other != nil || err != nil {
		t.Fatalf("the sums of another site: %v, %v", other, err)
	}
}
