package cachefile

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// A streaming Encoder (NewFileEncoder) writes its payload to the file as it
// grows instead of holding all of it: the search export's cache is about
// 30 MB at 10,000 articles, written on every build that changes it, and a
// buffer of that size cost more in fresh memory (page faults, clearing)
// than the writing. The layout is the same as Write's.

// spillSize is how much payload a streaming Encoder gathers before it
// writes it out.
const spillSize = 256 << 10

// stream is the file side of a streaming Encoder.
type stream struct {
	dir, name string
	f         *os.File // the temporary file, renamed to name by Commit
	keySum    [sha256.Size]byte
	crc       uint32 // CRC-32C of keySum and the payload written so far
	err       error  // the first write error; Commit reports it
}

// NewFileEncoder returns an Encoder that writes an entry under key as name
// in dir, through a temporary file in dir: call Commit to finish it. The
// file appears, whole, only when Commit succeeds (a failed Commit removes
// the temporary file).
func NewFileEncoder(dir, name, key string) (*Encoder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tạo thư mục bộ đệm %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-")
	if err == nil {
		if err = f.Chmod(0o644); err == nil {
			_, err = f.Write(make([]byte, headerSize)) // filled in by Commit
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("ghi bộ đệm %s: %w", name, err)
	}
	s := &stream{dir: dir, name: name, f: f, keySum: sha256.Sum256([]byte(key))}
	s.crc = crc32.Checksum(s.keySum[:], castagnoli)
	return &Encoder{buf: make([]byte, 0, spillSize+4<<10), file: s}, nil
}

// spill writes the gathered payload out when it is big enough (streaming
// Encoders only).
func (e *Encoder) spill() {
	if e.file != nil && len(e.buf) >= spillSize {
		e.flush()
	}
}

func (e *Encoder) flush() {
	s := e.file
	if s.err == nil {
		s.crc = crc32.Update(s.crc, castagnoli, e.buf)
		_, s.err = s.f.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

// Commit finishes the entry of a streaming Encoder: the rest of the
// payload, the header, then the rename into place.
func (e *Encoder) Commit() error {
	s := e.file
	e.flush()
	err := s.err
	if err == nil {
		var h [headerSize]byte
		copy(h[:], magic)
		copy(h[len(magic):], s.keySum[:])
		binary.LittleEndian.PutUint32(h[len(magic)+sha256.Size:], s.crc)
		_, err = s.f.WriteAt(h[:], 0)
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(s.f.Name(), filepath.Join(s.dir, s.name))
	}
	if err != nil {
		os.Remove(s.f.Name())
		return fmt.Errorf("ghi bộ đệm %s: %w", s.name, err)
	}
	return nil
}

// SaveRecords writes name in dir under key, its payload streamed by
// encode (NewFileEncoder, then Commit): the one way a cache in the record
// layout is saved.
func SaveRecords(dir, name, key string, encode func(*Encoder)) error {
	e, err := NewFileEncoder(dir, name, key)
	if err != nil {
		return err
	}
	encode(e)
	return e.Commit()
}

// LoadRecords reads file under key and decodes its payload with decode
// (ReadRecords, then the Decoder's Err): the one way a cache in the record
// layout is read. ok is false when there is nothing to use; warn then says
// what to warn about (Warning: nothing for a missing or stale file).
func LoadRecords[T any](file, key string, decode func(*Decoder) T) (v T, ok bool, warn error) {
	d, err := ReadRecords(file, key)
	if err == nil {
		v = decode(d)
		err = d.Err(file)
	}
	if err != nil {
		var zero T
		return zero, false, Warning(err)
	}
	return v, true, nil
}
