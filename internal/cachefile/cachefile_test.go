package cachefile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	payload := []byte("Dồn điền, đổi thửa ở xã Nghĩa Dũng")
	if err := Write(dir, "x.bin", "khóa-1", payload); err != nil {
		t.Fatal(err)
	}
	got, err := Read(filepath.Join(dir, "x.bin"), "khóa-1")
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("Read = %q, %v; want the payload", got, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Every single flipped bit of an entry, in the header or in the payload,
// is a *CorruptError: never the payload, never a stale miss that would
// hide the damage.
func TestEveryFlippedBitIsNoticed(t *testing.T) {
	entry := Seal("khóa", []byte("tiêu đề: Bò giống giảm nghèo"))
	for i := range entry {
		for bit := 0; bit < 8; bit++ {
			bad := bytes.Clone(entry)
			bad[i] ^= 1 << bit
			p, err := Open(bad, "khóa")
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("byte %d bit %d flipped: Open = %q, %v; want a CorruptError", i, bit, p, err)
			}
		}
	}
}

func TestTruncatedAndForeignFiles(t *testing.T) {
	entry := Seal("k", []byte("nội dung"))
	for name, data := range map[string][]byte{
		"empty":       nil,
		"header only": entry[:headerSize-1],
		"cut payload": entry[:len(entry)-1],
		"longer":      append(bytes.Clone(entry), 'x'),
		"gob":         []byte("\x0f\xff\x81\x03\x01\x01"),
	} {
		var ce *CorruptError
		if _, err := Open(data, "k"); !errors.As(err, &ce) {
			t.Errorf("%s: want a CorruptError, got %v", name, err)
		}
	}
}

func TestOtherKeyIsStaleNotCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, "x", "chương trình cũ", []byte("a")); err != nil {
		t.Fatal(err)
	}
	_, err := Read(filepath.Join(dir, "x"), "chương trình mới")
	if !errors.Is(err, ErrStale) {
		t.Fatalf("want ErrStale, got %v", err)
	}
	if Warning(err) != nil {
		t.Error("a stale entry is not worth a warning")
	}
	_, err = Read(filepath.Join(dir, "khong-co"), "k")
	if !errors.Is(err, fs.ErrNotExist) || Warning(err) != nil {
		t.Errorf("a missing file: %v, warning %v", err, Warning(err))
	}
}

func TestCorruptFileIsNamedInTheWarning(t *testing.T) {
	dir := t.TempDir()
	if err := WriteGob(dir, "g.gob", "k", map[string]int{"bài": 1}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "g.gob")
	data, _ := os.ReadFile(file)
	data[len(data)-2] ^= 0x20
	os.WriteFile(file, data, 0o644)
	var m map[string]int
	err := ReadGob(file, "k", &m)
	w := Warning(err)
	if w == nil || !bytes.Contains([]byte(w.Error()), []byte(file)) {
		t.Fatalf("warning %v does not name %s", w, file)
	}
}

// A payload whose checksum is right but which does not decode (its type
// changed without a new key) is corrupt, not a panic or a half value.
func TestUndecodableGobIsCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, "g.gob", "k", []byte("không phải gob")); err != nil {
		t.Fatal(err)
	}
	var v struct{ A int }
	var ce *CorruptError
	if err := ReadGob(filepath.Join(dir, "g.gob"), "k", &v); !errors.As(err, &ce) {
		t.Fatalf("want a CorruptError, got %v", err)
	}
}

// Open never panics, and whatever it accepts is exactly an entry Seal
// writes for that payload and key.
func FuzzOpen(f *testing.F) {
	f.Add(Seal("k", []byte("x")), "k")
	f.Add([]byte(magic), "")
	f.Fuzz(func(t *testing.T, entry []byte, key string) {
		p, err := Open(entry, key)
		if err == nil && !bytes.Equal(Seal(key, p), entry) {
			t.Fatalf("accepted an entry Seal would not write")
		}
	})
}

// A sealed folder checks out until any of its files changes by one byte,
// is cut, is added or goes missing; each is a CorruptError.
func TestSealedDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	seal := filepath.Join(filepath.Dir(dir), "index.seal")
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	reset := func() {
		os.RemoveAll(dir)
		write("index_meta.json", `{"storage":"scorch"}`)
		write("store/root.bolt", "bolt")
		write("store/000000000001.zap", strings.Repeat("postings ", 1000))
		if err := SealDir(dir, seal, "k", nil); err != nil {
			t.Fatal(err)
		}
	}
	reset()
	checked, err := CheckDir(dir, seal, "k")
	if err != nil {
		t.Fatalf("an untouched folder: %v", err)
	}
	// Sealed again after a new file: the old ones are not read again
	// (one is unreadable now), the new one is.
	write("store/000000000003.zap", "mới")
	os.Chmod(filepath.Join(dir, "index_meta.json"), 0o200)
	if os.Geteuid() != 0 {
		if _, err := os.ReadFile(filepath.Join(dir, "index_meta.json")); err == nil {
			t.Fatal("could not make a file unreadable")
		}
		if err := SealDir(dir, seal, "k", checked); err != nil {
			t.Fatalf("sealing re-read an unchanged file: %v", err)
		}
	} else if err := SealDir(dir, seal, "k", checked); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, "index_meta.json"), 0o644)
	if _, err := CheckDir(dir, seal, "k"); err != nil {
		t.Fatalf("after sealing a new file: %v", err)
	}
	if _, err := CheckDir(dir, seal, "other"); !errors.Is(err, ErrStale) {
		t.Errorf("another key: %v, want ErrStale", err)
	}
	for name, damage := range map[string]func(){
		"one byte": func() { write("store/000000000001.zap", strings.Repeat("postings ", 999)+"postingz ") },
		"cut":      func() { write("store/000000000001.zap", "postings") },
		"added":    func() { write("store/000000000002.zap", "x") },
		"missing":  func() { os.Remove(filepath.Join(dir, "store", "root.bolt")) },
		"not a file": func() {
			os.Remove(filepath.Join(dir, "store", "root.bolt"))
			os.Symlink("/etc/passwd", filepath.Join(dir, "store", "root.bolt"))
		},
		"meta replaced": func() { write("index_meta.json", `{"storage":"boltdb"}`) },
	} {
		reset()
		damage()
		var ce *CorruptError
		if _, err := CheckDir(dir, seal, "k"); !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a CorruptError", name, err)
		}
	}
	os.Remove(seal)
	if _, err := CheckDir(dir, seal, "k"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no seal: %v, want fs.ErrNotExist", err)
	}
}

// An entry of the first layout (SHA-256 checksum) is stale after the
// upgrade, not damage: a build rebuilds it without a warning.
func TestFirstLayoutIsStale(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cu.gob")
	if err := os.WriteFile(file, append([]byte(magicV1), make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	var v int
	if err := ReadGob(file, "k", &v); !errors.Is(err, ErrStale) || Warning(err) != nil {
		t.Fatalf("ReadGob = %v; want ErrStale and no warning", err)
	}
}
