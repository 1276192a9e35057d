// Package cachefile is the one format of every file danvan keeps between
// builds (parsed content, rendered Markdown, the output manifest, image
// metadata, the search export…). A cache may be damaged at any time — a
// flipped bit, a truncated write, a hand edit, a file of another program —
// and a damaged cache must never yield a wrong page: so every entry carries
// a checksum of its bytes and of the key it was written under, and a
// reader gets the bytes back only when both check out. (Blobs are the one
// exception: bytes the checksum leaves out, which their reader checks
// against a sum of its own before use; see blobs.go.)
//
// An entry is laid out as
//
//	magic   "danvan-cache\x00v2\n" (16 bytes)
//	keySum  SHA-256 of the key the entry was written under
//	sum     CRC-32C of keySum followed by the payload (4 bytes)
//	payload
//
// CRC-32C, as for sealed folders (dir.go): the biggest entries (170 MB at
// 10,000 articles) are read whole on every build, the hardware sums them
// at several GB/s where SHA-256 cost a warm build about 0.15 s of CPU, and
// a CRC catches every accidental damage a checksum is for (the key's
// SHA-256 tells keys apart). Entries of the first layout (v1, SHA-256)
// read as stale.
//
// An entry whose payload has blobs (Encoder.Blob) is laid out as
//
//	magic   "danvan-cache\x00v3\n" (16 bytes)
//	keySum  SHA-256 of the key
//	sum     CRC-32C of keySum, the payload's length and the payload
//	length  of the payload (8 bytes, little-endian)
//	payload
//	blobs   bytes the checksum does not cover (blobs.go)
//
// Reading tells three cases apart: a valid entry of this key (the
// payload), a valid entry of another key (stale: the program or the
// settings changed; nothing to warn about), and a damaged entry (a
// *CorruptError: the caller warns and rebuilds the entry).
package cachefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// magic starts every entry: a file that does not start with it was not
// written by this package (or was cut short).
const magic = "danvan-cache\x00v2\n"

// magicV1 started the entries of the first layout, now stale.
const magicV1 = "danvan-cache\x00v1\n"

// headerSize is the length of everything before the payload.
const headerSize = len(magic) + sha256.Size + crc32.Size

// ErrStale is returned (wrapped) by Open, Read and ReadGob for a valid
// entry written under another key.
var ErrStale = errors.New("bộ đệm của phiên bản hoặc cài đặt khác")

// CorruptError is a damaged entry: the caller warns and rebuilds it. Its
// message reads after a noun: "bộ đệm nội dung " + err.Error().
type CorruptError struct {
	Path   string // the cache file, or "" for bytes in memory
	Reason string // what is wrong, in Vietnamese
}

func (e *CorruptError) Error() string {
	return strings.TrimPrefix(e.Path+" bị hỏng ("+e.Reason+"): bỏ qua và làm lại", " ")
}

// Seal returns payload as an entry written under key.
func Seal(key string, payload []byte) []byte {
	out := make([]byte, headerSize+len(payload))
	copy(out[headerSize:], payload)
	sealHeader(out, key)
	return out
}

// sealHeader fills the header of entry, whose payload follows it.
func sealHeader(entry []byte, key string) {
	copy(entry, magic)
	keySum := sha256.Sum256([]byte(key))
	copy(entry[len(magic):], keySum[:])
	binary.LittleEndian.PutUint32(entry[len(magic)+sha256.Size:], checksum(keySum[:], entry[headerSize:]))
}

// checksum covers the key's sum and the payload, so a flipped bit in
// either is noticed.
func checksum(keySum, payload []byte) uint32 {
	return crc32.Update(crc32.Checksum(keySum, castagnoli), castagnoli, payload)
}

// Open returns the payload of an entry written under key. The payload
// shares entry's memory. A damaged entry is a *CorruptError; a valid entry
// of another key, or of the first layout, wraps ErrStale.
func Open(entry []byte, key string) ([]byte, error) {
	payload, _, err := open(entry, key)
	return payload, err
}

// open is Open, with the blobs of an entry that has them (blobs.go).
func open(entry []byte, key string) (payload, blobs []byte, err error) {
	if len(entry) >= len(magicV1) && string(entry[:len(magicV1)]) == magicV1 {
		return nil, nil, ErrStale
	}
	if len(entry) >= blobHeaderSize && string(entry[:len(magicBlobs)]) == magicBlobs {
		return openBlobs(entry, key)
	}
	if len(entry) < headerSize || string(entry[:len(magic)]) != magic {
		return nil, nil, &CorruptError{Reason: "không phải tệp bộ đệm của danvan, hoặc bị cắt cụt"}
	}
	keySum := entry[len(magic) : len(magic)+sha256.Size]
	sum := binary.LittleEndian.Uint32(entry[len(magic)+sha256.Size : headerSize])
	payload = entry[headerSize:]
	prefault(payload)
	if checksum(keySum, payload) != sum {
		return nil, nil, &CorruptError{Reason: "mã kiểm tra không khớp với nội dung"}
	}
	if k := sha256.Sum256([]byte(key)); !bytes.Equal(keySum, k[:]) {
		return nil, nil, ErrStale
	}
	return payload, nil, nil
}

// Read reads the entry in file. A missing file wraps fs.ErrNotExist; see
// Open for the rest. A *CorruptError names the file.
func Read(file, key string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	payload, _, err := openFile(file, data, key)
	return payload, err
}

// openFile is open, with a *CorruptError naming file.
func openFile(file string, data []byte, key string) (payload, blobs []byte, err error) {
	payload, blobs, err = open(data, key)
	var ce *CorruptError
	if errors.As(err, &ce) {
		ce.Path = file
	}
	return payload, blobs, err
}

// readMapped is Read on the file mapped (mapFile): release it once the
// payload and blobs are no longer read.
func readMapped(file, key string) (payload, blobs []byte, release func(), err error) {
	data, release, err := mapFile(file)
	if err != nil {
		return nil, nil, nil, err
	}
	if payload, blobs, err = openFile(file, data, key); err != nil {
		release()
		return nil, nil, nil, err
	}
	return payload, blobs, release, nil
}

// Write stores payload under key as name in dir (created if needed),
// atomically: through a temporary file and a rename, so a reader never
// sees half an entry, and a killed build leaves at most a temporary file.
func Write(dir, name, key string, payload []byte) error {
	return writeAtomic(dir, name, Seal(key, payload))
}

// WriteGob is Write with v encoded by encoding/gob.
func WriteGob(dir, name, key string, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("ghi bộ đệm %s: %w", name, err)
	}
	return Write(dir, name, key, buf.Bytes())
}

// ReadGob reads an entry written by WriteGob into v. Besides Read's
// errors, a payload that does not decode is a *CorruptError (a type
// changed without a change of key).
func ReadGob(file, key string, v any) error {
	payload, _, release, err := readMapped(file, key)
	if err != nil {
		return err
	}
	defer release() // v holds copies
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(v); err != nil {
		return &CorruptError{Path: file, Reason: "không giải mã được: " + err.Error()}
	}
	return nil
}

// Warning turns the error of a read into the warning a build prints, or
// nil when there is nothing to say: no file yet, or a stale one.
func Warning(err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrStale) {
		return nil
	}
	return err
}

// writeAtomic writes parts, one after the other, as name in dir through a
// temporary file in the same directory and a rename.
func writeAtomic(dir, name string, parts ...[]byte) error {
	return writeAtomicWith(dir, name, func(f *os.File) error {
		for _, data := range parts {
			if _, err := f.Write(data); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeAtomicWith is writeAtomic with the bytes written by write.
func writeAtomicWith(dir, name string, write func(*os.File) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tạo thư mục bộ đệm %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-")
	if err != nil {
		return fmt.Errorf("ghi bộ đệm %s: %w", name, err)
	}
	werr := f.Chmod(0o644)
	if werr == nil {
		werr = write(f)
	}
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("ghi bộ đệm %s: %w", name, errors.Join(werr, cerr))
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("ghi bộ đệm %s: %w", name, err)
	}
	return nil
}
