package cachefile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"unsafe"
)

// The biggest caches (rendered Markdown, the search export: about 170 MB
// at 10,000 articles) are read whole on every build. Decoded by
// encoding/gob, their bytes were copied up to four times (the file, gob's
// message buffer, each field, each string): most of the time a warm build
// spent reading caches. Encoder and Decoder are a plain record
// layout for them instead: unsigned varints, and bytes and strings as a
// length and the bytes; a Decoder returns bytes and strings as views of
// the entry it reads, with no copy. The layout of each cache is written
// once, as a pair of encode and decode functions beside its type, and a
// test round-trips every field.

// Encoder builds the payload of an entry.
type Encoder struct {
	buf   []byte   // the entry: a header left blank for Write, then the payload; streaming: the payload not yet written
	file  *stream  // where a streaming Encoder writes (NewFileEncoder); nil: in memory
	blobs []string // the blobs (Blob), written after the payload, in order; nil: none
	end   uint64   // where the next blob starts: the blobs' length so far
}

// NewEncoder returns an Encoder whose buffer has room for size bytes of
// payload (a guess saves copies as it grows: the size of the last entry).
func NewEncoder(size int) *Encoder {
	return &Encoder{buf: make([]byte, headerSize, headerSize+max(size, 0))}
}

// Uint appends v.
func (e *Encoder) Uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

// Int appends v (negative values too).
func (e *Encoder) Int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

// Bool appends b.
func (e *Encoder) Bool(b bool) {
	var v uint64
	if b {
		v = 1
	}
	e.Uint(v)
}

// Float appends f, bit for bit.
func (e *Encoder) Float(f float64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(f))
}

// Bytes appends b and its length.
func (e *Encoder) Bytes(b []byte) {
	e.Uint(uint64(len(b)))
	e.buf = append(e.buf, b...)
	e.spill()
}

// String appends s and its length.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
	e.spill()
}

// Strings appends a list of strings and its length.
func (e *Encoder) Strings(ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.String(s)
	}
}

// Sum appends a SHA-256 sum (fixed length).
func (e *Encoder) Sum(s [32]byte) { e.Fixed(s[:]) }

// Fixed appends b without its length: the reader knows it.
func (e *Encoder) Fixed(b []byte) { e.buf = append(e.buf, b...); e.spill() }

// Write stores the payload under key as name in dir, as Write does,
// sealing it in place (no copy of the payload). Not for a streaming
// Encoder (see Commit).
func (e *Encoder) Write(dir, name, key string) error {
	if e.file != nil {
		return fmt.Errorf("ghi bộ đệm %s: bộ mã hóa ghi thẳng vào tệp, cần Commit", name)
	}
	if e.blobs != nil {
		return writeAtomicWith(dir, name, func(f *os.File) error { return e.writeBlobs(f, key) })
	}
	sealHeader(e.buf, key)
	return writeAtomic(dir, name, e.buf)
}

// Decoder reads a payload written by an Encoder, in the same order. A read
// past the end, or a length longer than what is left, makes every later
// read return zero values and Err report the damage: callers read on and
// check Err once.
type Decoder struct {
	b     []byte // the payload
	off   int    // next byte to read
	err   error  // the first damage found
	blobs []byte // the entry's blobs (Blob), unchecked
}

// NewDecoder reads payload. Bytes and strings it returns share payload's
// memory, which must not change afterwards.
func NewDecoder(payload []byte) *Decoder { return &Decoder{b: payload} }

// ReadRecords reads the entry in file (as Read does) and returns a
// Decoder on its payload. The file stays mapped (mapFile) for the life of
// the process: the bytes and strings read are views of it, and nothing
// tells when the last of them is dropped. It is for a build's one read of
// a cache.
func ReadRecords(file, key string) (*Decoder, error) {
	payload, blobs, _, err := readMapped(file, key)
	if err != nil {
		return nil, err
	}
	d := NewDecoder(payload)
	d.blobs = blobs
	return d, nil
}

var errShort = errors.New("dữ liệu bị cắt cụt")

// Fail records damage the caller found in a value it read (a time that
// does not parse): Err reports the first damage.
func (d *Decoder) Fail(err error) { d.fail(err) }

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.off = len(d.b)
}

// Uint reads a value appended by Encoder.Uint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail(errShort)
		return 0
	}
	d.off += n
	return v
}

// Int reads a value appended by Encoder.Int.
func (d *Decoder) Int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 || v != int64(int(v)) {
		d.fail(errShort)
		return 0
	}
	d.off += n
	return int(v)
}

// Bool reads a value appended by Encoder.Bool.
func (d *Decoder) Bool() bool { return d.Uint() != 0 }

// Float reads a value appended by Encoder.Float.
func (d *Decoder) Float() float64 {
	if d.err != nil || len(d.b)-d.off < 8 {
		d.fail(errShort)
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b[d.off:])
	d.off += 8
	return math.Float64frombits(v)
}

// Count reads the length of a list that follows, each of whose items
// takes at least min bytes: a count the rest of the payload cannot hold
// is damage (so a flipped bit never makes a caller allocate gigabytes).
func (d *Decoder) Count(min int) int {
	n := d.Uint()
	if n > uint64(len(d.b)-d.off)/uint64(max(min, 1)) {
		d.fail(fmt.Errorf("độ dài %d vượt quá dữ liệu còn lại", n))
		return 0
	}
	return int(n)
}

// Bytes reads a value appended by Encoder.Bytes, as a view of the
// payload (nil when empty).
func (d *Decoder) Bytes() []byte {
	n := d.Count(1)
	if n == 0 {
		return nil
	}
	b := d.b[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

// String reads a value appended by Encoder.String, as a view of the
// payload.
func (d *Decoder) String() string {
	b := d.Bytes()
	if len(b) == 0 {
		return ""
	}
	// The payload is never written again (NewDecoder), so the string
	// stays what it was.
	return unsafe.String(&b[0], len(b))
}

// Strings reads a list appended by Encoder.Strings (nil when empty), each
// string a view of the payload.
func (d *Decoder) Strings() []string {
	n := d.Count(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.String()
	}
	return ss
}

// Sum reads a value appended by Encoder.Sum.
func (d *Decoder) Sum() (s [32]byte) {
	d.Fixed(s[:])
	return s
}

// Fixed reads len(dst) bytes appended by Encoder.Fixed into dst.
func (d *Decoder) Fixed(dst []byte) {
	if d.err != nil || len(d.b)-d.off < len(dst) {
		d.fail(errShort)
		clear(dst)
		return
	}
	d.off += copy(dst, d.b[d.off:])
}

// Err reports damage: a read past the end, an impossible length, or bytes
// left over once the caller is done (call it last). The error is a
// *CorruptError naming file ("" for none).
func (d *Decoder) Err(file string) error {
	if d.err == nil && d.off != len(d.b) {
		d.err = fmt.Errorf("thừa %d byte ở cuối", len(d.b)-d.off)
	}
	if d.err == nil {
		return nil
	}
	return &CorruptError{Path: file, Reason: "không giải mã được: " + d.err.Error()}
}
