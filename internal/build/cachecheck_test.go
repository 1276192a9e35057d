package build

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/sitetest"
)

// alterLetter changes the case of one ASCII letter near the middle of
// file, inside a run of letters (text of a title, a body, a JSON key), so
// that the file still decodes as before: only a checksum can tell.
func alterLetter(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	isLetter := func(b byte) bool { return b >= 'a' && b <= 'z' }
	for off := 0; off < len(data)/2; off++ {
		for _, i := range []int{len(data)/2 + off, len(data)/2 - off} {
			if i > 2 && i+3 < len(data) && isLetter(data[i]) && isLetter(data[i-1]) && isLetter(data[i+1]) && isLetter(data[i-2]) && isLetter(data[i+2]) {
				data[i] -= 'a' - 'A'
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
	}
	t.Fatalf("%s has no run of letters to alter", file)
}

// alterLetterInRecords is alterLetter within the records of a cache
// file with blobs (cachefile.Blob: the Markdown cache), which its checksum
// covers. Its blobs, the rendered bodies, are checked when read instead:
// TestDamagedBodyIsRenderedAgain damages one.
func alterLetterInRecords(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const header = 16 + 32 + 4 // magic, the key's SHA-256, the CRC; then the records' length
	if len(data) < header+8 || string(data[:16]) != "danvan-cache\x00v3\n" {
		t.Fatalf("%s is not a cache file with blobs", file)
	}
	n := int(binary.LittleEndian.Uint64(data[header:]))
	records := filepath.Join(t.TempDir(), "records")
	if err := os.WriteFile(records, data[header+8:header+8+n], 0o644); err != nil {
		t.Fatal(err)
	}
	alterLetter(t, records)
	altered, err := os.ReadFile(records)
	if err != nil {
		t.Fatal(err)
	}
	copy(data[header+8:], altered)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// flipMiddle changes the byte in the middle of a binary file (an image).
func flipMiddle(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x10
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// One changed byte inside any saved cache — parsed content, rendered
// Markdown (its records; a body is TestDamagedBodyIsRenderedAgain's), the
// search export, an image's description or an image variant — never
// reaches the output: the build says which cache was damaged,
// makes that entry again, and writes exactly what a build from scratch
// writes. The changes keep every file decodable, so without a checksum
// the damaged bytes would be published.
func TestChangedByteInACacheIsNeverPublished(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)

	glob := func(t *testing.T, pattern string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(cache, pattern))
		if len(m) == 0 {
			t.Fatalf("no cache file %s", pattern)
		}
		// The largest match: the one with the most to damage.
		best, size := "", int64(-1)
		for _, f := range m {
			if fi, err := os.Stat(f); err == nil && fi.Size() > size {
				best, size = f, fi.Size()
			}
		}
		return best
	}
	variant := func(t *testing.T) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(cache, "images", "*", "960.jpg"))
		if len(m) == 0 {
			t.Fatal("no image variant in the cache")
		}
		return m[0]
	}
	meta := func(t *testing.T) string {
		t.Helper()
		dir := filepath.Dir(variant(t))
		for _, name := range []string{"meta", "meta.json"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return filepath.Join(dir, name)
			}
		}
		t.Fatal("no image description in the cache")
		return ""
	}
	cases := []struct {
		name   string
		file   func(*testing.T) string
		damage func(*testing.T, string)
	}{
		{"parsed content", func(t *testing.T) string { return glob(t, "build/"+contentCacheFile) }, alterLetter},
		{"rendered Markdown", func(t *testing.T) string { return glob(t, "build/markdown-*.bin") }, alterLetterInRecords},
		{"search export", func(t *testing.T) string { return glob(t, "search/"+store.ExportFile) }, alterLetter},
		{"image description", meta, alterLetter},
		{"image variant", variant, flipMiddle},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := c.file(t)
			c.damage(t, file)
			// An edit elsewhere: a build of unchanged inputs reads no cache.
			touchArticle(site)
			want := fromScratch(t, site)
			var log bytes.Buffer
			buildInto(t, site, dest, cache, &log)
			if got := treeHash(t, dest); got != want {
				t.Errorf("output differs from a build from scratch after damaging %s: %s", file, treeDiff(t, dest, scratchDir(t, site)))
			}
			if !strings.Contains(log.String(), "cảnh báo") || !strings.Contains(log.String(), filepath.Base(file)) {
				t.Errorf("no warning naming %s:\n%s", file, log.String())
			}
			// The entry was made again: the next build is quiet.
			log.Reset()
			touchArticle(site)
			buildInto(t, site, dest, cache, &log)
			if strings.Contains(log.String(), "cảnh báo") {
				t.Errorf("warnings after the damaged entry was made again:\n%s", log.String())
			}
		})
	}
}

// scratchDir builds the site from scratch and returns the output folder.
func scratchDir(t *testing.T, site string) string {
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, site, dest, t.TempDir(), nil)
	return dest
}
