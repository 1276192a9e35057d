package build

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/quangngai/danvan/internal/cachefile"
)

// Hashing every input file was the first stage of every build (0.4 s of
// CPU at 10,000 articles, most of it opening files through the site
// root). A file that the last build hashed and that still has the same
// identity (device, inode, size, modification and change time) holds the
// same bytes, as git's index assumes: the kernel moves the change time
// on every write, and nobody can set it back. One case needs care, as in
// git ("racily clean" files): a write within the same clock tick as the
// hashing would keep every time as it was. So a sum is reused only when
// the file's times are at least sumsMargin older than the moment the
// build that hashed it began listing; a file changed since then has later
// times. A file that was just saved is hashed again until it is older.
//
// A fresh clone (a deploy) has new inodes and times everywhere: every file
// is hashed, as before.

// sumsFile holds the input files' identities and sums, under
// <CacheDir>/build/, in the record layout of encodeInputSums.
const sumsFile = "inputs-sums.bin"

// sumsMargin is how much older than the listing a file's times must be for
// its sum to be reused: more than any file system's time step (FAT's is
// 2 s; ext4's clock moves a tick of up to 10 ms at a time).
const sumsMargin = 3 * time.Second

// inputSums are the sums of the input files of one build.
type inputSums struct {
	Listed time.Time           // when the build began listing the files (before any was read)
	Files  map[string]inputSum // by slash-separated path from the site root
}

// inputSum is one input file as it was when hashed.
type inputSum struct {
	ID    fileID   // identity when listed
	CTime int64    // change time when listed, Unix nanoseconds
	Sum   [32]byte // SHA-256 of its bytes
}

// reuse returns the sum of p recorded by the last build, when fi shows the
// same file, untouched since it was hashed.
func (s *inputSums) reuse(p string, fi fs.FileInfo) ([32]byte, bool) {
	if s == nil {
		return [32]byte{}, false
	}
	old, ok := s.Files[p]
	if !ok {
		return [32]byte{}, false
	}
	id, ctime, ok := identity(fi)
	if !ok || id != old.ID || ctime != old.CTime {
		return [32]byte{}, false
	}
	settled := s.Listed.Add(-sumsMargin).UnixNano()
	if old.ID.MTime >= settled || old.CTime >= settled {
		return [32]byte{}, false // changed too close to that hashing to tell
	}
	return old.Sum, true
}

// identity returns what a sum of a file listed with fi is recorded with;
// ok is false where the system does not tell.
func identity(fi fs.FileInfo) (id fileID, ctime int64, ok bool) {
	if fi == nil {
		return fileID{}, 0, false
	}
	id, ok = identify(fi)
	ctime, cok := changeTime(fi)
	return id, ctime, ok && cok
}

// sumsKey is the cachefile key of the sums of the site in source: a record
// of another site or format is not used.
func sumsKey(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		abs = source
	}
	return "input-sums-v1\x00" + abs
}

// loadInputSums reads the last build's sums; a missing or damaged record
// means hashing every file (err says why, for a warning).
func loadInputSums(dir, source string) (*inputSums, error) {
	s, ok, warn := cachefile.LoadRecords(filepath.Join(dir, sumsFile), sumsKey(source), decodeInputSums)
	if warn != nil {
		return nil, fmt.Errorf("mã băm các tệp nguồn của lần dựng trước %w (lần này đọc lại mọi tệp để tính lại)", warn)
	}
	if !ok {
		return nil, nil
	}
	return s, nil
}

// save writes the sums into dir.
func (s *inputSums) save(dir, source string) error {
	err := cachefile.SaveRecords(dir, sumsFile, sumsKey(source), func(e *cachefile.Encoder) { encodeInputSums(e, s) })
	if err != nil {
		return fmt.Errorf("ghi mã băm các tệp nguồn: %w", err)
	}
	return nil
}

// The record layout of saved sums: the listing time, the number of
// files, then each file's path, identity, change time and sum.
// decodeInputSums reads it back; TestInputSumsRecordRoundTrip covers every
// field.
func encodeInputSums(e *cachefile.Encoder, s *inputSums) {
	e.Int(int(s.Listed.UnixNano()))
	e.Uint(uint64(len(s.Files)))
	for p, f := range s.Files {
		e.String(p)
		encodeFileID(e, f.ID)
		e.Int(int(f.CTime))
		e.Sum(f.Sum)
	}
}

func decodeInputSums(d *cachefile.Decoder) *inputSums {
	s := &inputSums{Listed: time.Unix(0, int64(d.Int()))}
	n := d.Count(37)
	s.Files = make(map[string]inputSum, n)
	for range n {
		p := d.String()
		s.Files[p] = inputSum{ID: decodeFileID(d), CTime: int64(d.Int()), Sum: d.Sum()}
	}
	return s
}
