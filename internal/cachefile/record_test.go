package cachefile

import (
	"bytes"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// record is a value of every kind the codec has, in one order.
type record struct {
	u    uint64
	i    int
	ok   bool
	f    float64
	b    []byte
	s    string
	sum  [32]byte
	list []string
}

func (r record) encode(e *Encoder) {
	e.Uint(r.u)
	e.Int(r.i)
	e.Bool(r.ok)
	e.Float(r.f)
	e.Bytes(r.b)
	e.String(r.s)
	e.Sum(r.sum)
	e.Strings(r.list)
}

func decodeRecord(d *Decoder) record {
	return record{u: d.Uint(), i: d.Int(), ok: d.Bool(), f: d.Float(), b: d.Bytes(), s: d.String(), sum: d.Sum(), list: d.Strings()}
}

func sameRecord(a, b record) bool {
	if a.u != b.u || a.i != b.i || a.ok != b.ok || math.Float64bits(a.f) != math.Float64bits(b.f) ||
		string(a.b) != string(b.b) || a.s != b.s || a.sum != b.sum || len(a.list) != len(b.list) {
		return false
	}
	for i := range a.list {
		if a.list[i] != b.list[i] {
			return false
		}
	}
	return true
}

// A record written to disk and read back is the same, to the bit, with
// extreme values, and the strings read are views of the entry (no copy).
func TestRecordsRoundTrip(t *testing.T) {
	want := record{u: math.MaxUint64, i: -1 << 40, ok: true, f: math.Inf(-1), b: []byte{0, 1, 2},
		s: "Mô hình “Dân vận khéo” ở phường Nghĩa Lộ", sum: [32]byte{1, 31: 9}, list: []string{"", "hoà", "hòa"}}
	dir := t.TempDir()
	e := NewEncoder(0)
	want.encode(e)
	if err := e.Write(dir, "r.bin", "khóa"); err != nil {
		t.Fatal(err)
	}
	d, err := ReadRecords(filepath.Join(dir, "r.bin"), "khóa")
	if err != nil {
		t.Fatal(err)
	}
	got := decodeRecord(d)
	if err := d.Err("r.bin"); err != nil {
		t.Fatal(err)
	}
	if !sameRecord(got, want) {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
	if _, err := ReadRecords(filepath.Join(dir, "r.bin"), "khóa khác"); !errors.Is(err, ErrStale) {
		t.Errorf("another key: %v, want ErrStale", err)
	}
}

// Every cut of a valid payload, and every byte appended, is reported as
// damage: never a panic, never a silent short record.
func TestRecordsDamage(t *testing.T) {
	e := NewEncoder(0)
	record{u: 300, s: "tấm gương", list: []string{"a", "bc"}, b: []byte("xyz")}.encode(e)
	payload := e.buf[headerSize:]
	for n := 0; n < len(payload); n++ {
		d := NewDecoder(payload[:n])
		decodeRecord(d)
		var ce *CorruptError
		if err := d.Err("f"); !errors.As(err, &ce) {
			t.Errorf("cut to %d bytes: Err = %v, want a CorruptError", n, err)
		}
	}
	d := NewDecoder(append(payload[:len(payload):len(payload)], 0))
	decodeRecord(d)
	if d.Err("f") == nil {
		t.Error("a byte left over: no error")
	}
}

// A count larger than what is left is refused before anything is made of
// it.
func TestRecordsImpossibleCount(t *testing.T) {
	e := NewEncoder(0)
	e.Uint(1 << 40)
	d := NewDecoder(e.buf[headerSize:])
	if n := d.Count(1); n != 0 || d.Err("") == nil {
		t.Fatalf("Count = %d, err %v; want 0 and damage", n, d.Err(""))
	}
}

// FuzzDecoder: any payload decodes without a panic, and whatever decodes
// cleanly is read back the same once encoded again.
func FuzzDecoder(f *testing.F) {
	e := NewEncoder(0)
	record{u: 1, s: "x", list: []string{"y"}}.encode(e)
	f.Add(e.buf[headerSize:])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, payload []byte) {
		d := NewDecoder(payload)
		r := decodeRecord(d)
		if d.Err("") != nil {
			return
		}
		e := NewEncoder(0)
		r.encode(e)
		d = NewDecoder(e.buf[headerSize:])
		if again := decodeRecord(d); d.Err("") != nil || !sameRecord(again, r) {
			t.Fatalf("%+v read back as %+v (%v)", r, again, d.Err(""))
		}
	})
}

// A streaming Encoder writes the very file an in-memory one writes, over
// many spills (values larger and smaller than a spill), and nothing until
// Commit.
func TestFileEncoderWritesTheSameEntry(t *testing.T) {
	dir := t.TempDir()
	mem := NewEncoder(0)
	file, err := NewFileEncoder(dir, "stream.bin", "k")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 3*spillSize/2)
	for i := range big {
		big[i] = byte(i * 7)
	}
	for _, e := range []*Encoder{mem, file} {
		for i := range 20000 {
			e.Uint(uint64(i))
			e.String("mục số " + string(rune('a'+i%26)))
			e.Float(float64(i) / 3)
			if i%5000 == 0 {
				e.Bytes(big)
			}
		}
	}
	if err := mem.Write(dir, "mem.bin", "k"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stream.bin")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("stream.bin is there before Commit (%v)", err)
	}
	if err := file.Commit(); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "mem.bin"))
	b, _ := os.ReadFile(filepath.Join(dir, "stream.bin"))
	if len(a) < 5*spillSize || !bytes.Equal(a, b) {
		t.Fatalf("the streamed entry (%d bytes) differs from the one written whole (%d bytes)", len(b), len(a))
	}
	d, err := ReadRecords(filepath.Join(dir, "stream.bin"), "k")
	if err != nil {
		t.Fatal(err)
	}
	if d.Uint() != 0 || d.String() != "mục số a" {
		t.Fatal("the streamed entry does not read back")
	}
}

// SaveRecords and LoadRecords: a saved payload reads back; a missing file
// is nothing to use and nothing to warn about; a file of another key is
// stale (no warning); a damaged one is nothing to use, with a warning.
func TestSaveAndLoadRecords(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.bin")
	decode := func(d *Decoder) string { return d.String() }
	if _, ok, warn := LoadRecords(file, "k", decode); ok || warn != nil {
		t.Fatalf("missing file: ok %v, warning %v", ok, warn)
	}
	if err := SaveRecords(dir, "r.bin", "k", func(e *Encoder) { e.String("giá trị") }); err != nil {
		t.Fatal(err)
	}
	if v, ok, warn := LoadRecords(file, "k", decode); !ok || warn != nil || v != "giá trị" {
		t.Fatalf("read back %q, ok %v, warning %v", v, ok, warn)
	}
	if _, ok, warn := LoadRecords(file, "khác", decode); ok || warn != nil {
		t.Fatalf("another key: ok %v, warning %v", ok, warn)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-1] ^= 1
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, warn := LoadRecords(file, "k", decode); ok || warn == nil {
		t.Fatalf("damaged file: ok %v, warning %v", ok, warn)
	}
}
