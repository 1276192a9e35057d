package build

import (
	"fmt"
	"path/filepath"

	"github.com/quangngai/danvan/internal/cachefile"
)

// manifestVersion changes whenever the manifest's format or meaning
// changes; a manifest of another version is ignored.
const manifestVersion = 2

// manifestFile is the manifest's name under <CacheDir>/build/, in the
// record layout of encodeManifest.
const manifestFile = "output.bin"

// oldCacheFiles are the build caches of danvan before the record layout
// (encoding/gob): nothing reads them, and a deploy cache would keep them
// for ever. Each build that saves its caches deletes them.
var oldCacheFiles = []string{"output.gob", "pages.gob", oldContentCacheFile}

// manifest describes the files of the last committed output, so the next
// build can hard-link a file whose bytes are unchanged instead of writing
// it again. Each entry says "this inode holds bytes with this hash": true
// for as long as nobody rewrites the file in place, which the identity
// (device, inode, size, modification time) detects. danvan itself never
// writes into an existing file.
type manifest struct {
	Version int                // manifestVersion
	Dest    string             // absolute output directory the files live in
	Files   map[string]outFile // URL path ("/bai-viet/x/index.html") → file
	bySum   map[[32]byte]string
}

// outFile is one output file as written (or linked) by a build.
type outFile struct {
	Sum [32]byte // SHA-256 of the bytes
	ID  fileID   // identity of the file in the destination
}

// fileID identifies a file on disk and notices an in-place rewrite: a new
// write changes the modification time, a replaced file has a new inode.
type fileID struct {
	Dev   uint64 // device holding the file
	Ino   uint64 // inode number
	Size  int64  // length in bytes
	MTime int64  // modification time, Unix nanoseconds
}

// size returns how many files the output holds and about how many
// folders (a page is a folder with its index.html): what to make room for
// when the next output is listed and written.
func (m *manifest) size() (files, dirs int) {
	if m == nil {
		return 0, 0
	}
	return len(m.Files), len(m.Files) / 2
}

// at returns the previous file at URL path u.
func (m *manifest) at(u string) (outFile, bool) {
	if m == nil {
		return outFile{}, false
	}
	f, ok := m.Files[u]
	return f, ok
}

// lookup returns the URL of a previous file with the given hash.
func (m *manifest) lookup(sum [32]byte) (string, outFile, bool) {
	if m == nil {
		return "", outFile{}, false
	}
	u, ok := m.bySum[sum]
	if !ok {
		return "", outFile{}, false
	}
	return u, m.Files[u], true
}

// index fills bySum after loading.
func (m *manifest) index() {
	m.bySum = make(map[[32]byte]string, len(m.Files))
	for u, f := range m.Files {
		m.bySum[f.Sum] = u
	}
}

// manifestKey is the cachefile key of the manifest of dest: a manifest of
// another format or another output directory is not used.
func manifestKey(dest string) string { return fmt.Sprintf("output-v%d\x00%s", manifestVersion, dest) }

// loadManifest reads the manifest of dest from dir. A missing manifest, or
// one of another version or destination, is no error; a damaged one is
// ignored with a warning (err), since the cost is only writing every file.
// cachefile checks every byte: a flipped bit in a hash must not make a
// build link the wrong file.
func loadManifest(dir, dest string) (*manifest, error) {
	m, ok, warn := cachefile.LoadRecords(filepath.Join(dir, manifestFile), manifestKey(dest), decodeManifest)
	if warn != nil {
		return nil, fmt.Errorf("danh sách tệp của lần dựng trước %w (lần này ghi lại mọi tệp)", warn)
	}
	if !ok || m.Version != manifestVersion || m.Dest != dest {
		return nil, nil
	}
	m.index()
	return m, nil
}

// save writes the manifest into dir.
func (m *manifest) save(dir string) error {
	err := cachefile.SaveRecords(dir, manifestFile, manifestKey(m.Dest), func(e *cachefile.Encoder) { encodeManifest(e, m) })
	if err != nil {
		return fmt.Errorf("ghi danh sách tệp đầu ra: %w", err)
	}
	return nil
}

// The record layout of a saved manifest: its version and destination,
// the number of files, then each file's URL, sum and identity.
// decodeManifest reads it back; TestManifestRecordRoundTrip covers every
// field.
func encodeManifest(e *cachefile.Encoder, m *manifest) {
	e.Int(m.Version)
	e.String(m.Dest)
	e.Uint(uint64(len(m.Files)))
	for u, f := range m.Files {
		e.String(u)
		e.Sum(f.Sum)
		encodeFileID(e, f.ID)
	}
}

func encodeFileID(e *cachefile.Encoder, id fileID) {
	e.Uint(id.Dev)
	e.Uint(id.Ino)
	e.Int(int(id.Size))
	e.Int(int(id.MTime))
}

func decodeManifest(d *cachefile.Decoder) *manifest {
	m := &manifest{Version: d.Int(), Dest: d.String()}
	n := d.Count(37)
	m.Files = make(map[string]outFile, n)
	for range n {
		u := d.String()
		m.Files[u] = outFile{Sum: d.Sum(), ID: decodeFileID(d)}
	}
	return m
}

func decodeFileID(d *cachefile.Decoder) fileID {
	return fileID{Dev: d.Uint(), Ino: d.Uint(), Size: int64(d.Int()), MTime: int64(d.Int())}
}
