package cachefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBlobs writes an entry of two strings, the second one as a blob
// between two other values, and returns its file.
func writeBlobs(t *testing.T, blob string) string {
	t.Helper()
	dir := t.TempDir()
	e := NewEncoder(0)
	e.String("trước")
	e.Blob(blob)
	e.Blob("")
	e.Int(-7)
	if err := e.Write(dir, "b.bin", "k"); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "b.bin")
}

// readBlobs reads what writeBlobs wrote.
func readBlobs(file string) (blob string, err error) {
	d, err := ReadRecords(file, "k")
	if err != nil {
		return "", err
	}
	before, blob, empty, n := d.String(), d.Blob(), d.Blob(), d.Int()
	if err := d.Err(file); err != nil {
		return "", err
	}
	if before != "trước" || empty != "" || n != -7 {
		return "", errors.New("the values around the blobs changed")
	}
	return blob, nil
}

// A blob reads back as written, after the payload; the checksum covers
// the payload and not the blobs, so damage to a blob's bytes is left to
// the caller's own sum (the Markdown cache's SHA-256 of each body), while
// damage to the payload or a cut into the blobs is found here.
func TestBlobs(t *testing.T) {
	body := strings.Repeat("<p>Mô hình “Dân vận khéo”.</p>", 500)
	file := writeBlobs(t, body)
	got, err := readBlobs(file)
	if err != nil || got != body {
		t.Fatalf("round trip: %v (%d bytes, want %d)", err, len(got), len(body))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), magicBlobs) || !strings.HasSuffix(string(data), body) {
		t.Fatal("the blob is not after the payload of a v3 entry")
	}

	// A byte of the blob changed: the entry still opens, the blob differs.
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)-10] ^= 1
	if err := os.WriteFile(file, flipped, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := readBlobs(file); err != nil || got == body || len(got) != len(body) {
		t.Errorf("damaged blob: %v; want it read, different, for the caller to check", err)
	}

	// A byte of the payload changed, or its length: damage.
	for _, at := range []int{blobHeaderSize + 2, headerSize} {
		bad := append([]byte(nil), data...)
		bad[at] ^= 1
		if err := os.WriteFile(file, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		var ce *CorruptError
		if _, err := readBlobs(file); !errors.As(err, &ce) {
			t.Errorf("byte %d changed: %v, want a *CorruptError", at, err)
		}
	}

	// Cut inside the blobs: the payload checks out, the blob's place does not.
	if err := os.WriteFile(file, data[:len(data)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	var ce *CorruptError
	if _, err := readBlobs(file); !errors.As(err, &ce) || !strings.Contains(err.Error(), "khối ngoài") {
		t.Errorf("cut blob: %v, want a *CorruptError about the blob", err)
	}

	// Another key: stale, as for any entry.
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRecords(file, "other"); !errors.Is(err, ErrStale) {
		t.Errorf("other key: %v, want ErrStale", err)
	}
}

// A streaming Encoder cannot hold blobs: Commit says so instead of writing
// an entry without them.
func TestBlobOnStreamFails(t *testing.T) {
	dir := t.TempDir()
	e, err := NewFileEncoder(dir, "s.bin", "k")
	if err != nil {
		t.Fatal(err)
	}
	e.Blob("x")
	if err := e.Commit(); err == nil {
		t.Fatal("Commit of a streaming Encoder with a blob succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "s.bin")); err == nil {
		t.Error("the entry was written anyway")
	}
}
