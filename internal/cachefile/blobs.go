package cachefile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"unsafe"
)

// Blobs are bytes an entry keeps outside its checksum: the rendered bodies
// of the Markdown cache, 130 MB at 10,000 articles, of which a warm build
// uses the few it renders again. Summing them all on every build, and
// mapping in every page of them to do so, cost such a build 0.2 s of CPU.
// A blob is written after the payload (Encoder.Blob puts its place in the
// payload), and the payload, which the checksum covers, must hold a sum
// of each blob (its SHA-256): the reader checks a blob against it before
// its bytes are used, and reads nothing of the blobs it does not use.

// magicBlobs starts an entry with blobs (see the package comment).
const magicBlobs = "danvan-cache\x00v3\n"

// blobHeaderSize is the header of an entry with blobs: the payload's
// length follows the checksum.
const blobHeaderSize = headerSize + 8

// Blob appends s as a blob: its bytes go after the payload, unchecked,
// and the payload gets their place (read back by Decoder.Blob). The
// caller keeps s's SHA-256 in the payload and checks the blob against it
// before use. Not for a streaming Encoder.
func (e *Encoder) Blob(s string) {
	if e.file != nil {
		if e.file.err == nil {
			e.file.err = errors.New("bộ mã hóa ghi thẳng vào tệp không giữ khối ngoài")
		}
		return
	}
	e.Uint(e.end)
	e.Uint(uint64(len(s)))
	// Kept by reference and written from where it is (writeBlobs): a copy
	// of the Markdown cache's 130 MB of bodies, in memory made for it,
	// cost a build from scratch 0.8 s of CPU.
	e.blobs = append(e.blobs, s)
	e.end += uint64(len(s))
}

// writeBlobs writes the entry of e, which has blobs, to f.
func (e *Encoder) writeBlobs(f *os.File, key string) error {
	payload := e.buf[headerSize:]
	if _, err := f.Write(sealBlobsHeader(payload, key)); err != nil {
		return err
	}
	if _, err := f.Write(payload); err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	for _, s := range e.blobs {
		if _, err := w.WriteString(s); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Blob reads a blob appended by Encoder.Blob, as a view of the entry: its
// bytes are not read here, and not checked (see Encoder.Blob). A place
// outside the blobs is damage (Err).
func (d *Decoder) Blob() string {
	at, n := d.Uint(), d.Uint()
	if d.err != nil {
		return ""
	}
	if at > uint64(len(d.blobs)) || n > uint64(len(d.blobs))-at {
		d.fail(errors.New("khối ngoài nằm ngoài tệp"))
		return ""
	}
	if n == 0 {
		return ""
	}
	return unsafe.String(&d.blobs[at], int(n))
}

// sealBlobsHeader returns the header of an entry with blobs whose payload
// is payload.
func sealBlobsHeader(payload []byte, key string) []byte {
	h := make([]byte, blobHeaderSize)
	copy(h, magicBlobs)
	keySum := sha256.Sum256([]byte(key))
	copy(h[len(magicBlobs):], keySum[:])
	n := h[headerSize:]
	binary.LittleEndian.PutUint64(n, uint64(len(payload)))
	binary.LittleEndian.PutUint32(h[len(magicBlobs)+sha256.Size:], blobsChecksum(keySum[:], n, payload))
	return h
}

// blobsChecksum covers the key's sum, the payload's length and the
// payload: not the blobs.
func blobsChecksum(keySum, length, payload []byte) uint32 {
	return crc32.Update(crc32.Update(crc32.Checksum(keySum, castagnoli), castagnoli, length), castagnoli, payload)
}

// openBlobs is open for an entry with blobs.
func openBlobs(entry []byte, key string) (payload, blobs []byte, err error) {
	keySum := entry[len(magicBlobs) : len(magicBlobs)+sha256.Size]
	sum := binary.LittleEndian.Uint32(entry[len(magicBlobs)+sha256.Size : headerSize])
	length := entry[headerSize:blobHeaderSize]
	n := binary.LittleEndian.Uint64(length)
	rest := entry[blobHeaderSize:]
	if n > uint64(len(rest)) {
		return nil, nil, &CorruptError{Reason: "bị cắt cụt"}
	}
	payload, blobs = rest[:n:n], rest[n:]
	prefault(payload) // not the blobs: each is checked only when read
	if blobsChecksum(keySum, length, payload) != sum {
		return nil, nil, &CorruptError{Reason: "mã kiểm tra không khớp với nội dung"}
	}
	if k := sha256.Sum256([]byte(key)); !bytes.Equal(keySum, k[:]) {
		return nil, nil, ErrStale
	}
	return payload, blobs, nil
}
