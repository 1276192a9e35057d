package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// manifestVersion changes whenever the manifest's format or meaning
// changes; a manifest of another version is ignored.
const manifestVersion = 1

// manifestFile is the manifest's name under <CacheDir>/build/.
const manifestFile = "output.gob"

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

// loadManifest reads the manifest of dest from dir. A missing manifest is
// no error; a corrupt one, or one of another version or destination, is
// ignored with a warning (err), since the cost is only writing every file.
func loadManifest(dir, dest string) (*manifest, error) {
	data, err := readChecked(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, fmt.Errorf("danh sách tệp của lần dựng trước: %w: bỏ qua, ghi lại mọi tệp", err)
	}
	if data == nil {
		return nil, nil
	}
	m := &manifest{}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(m); err != nil {
		return nil, fmt.Errorf("danh sách tệp của lần dựng trước (%s) bị hỏng: %v: bỏ qua, ghi lại mọi tệp", filepath.Join(dir, manifestFile), err)
	}
	if m.Version != manifestVersion || m.Dest != dest {
		return nil, nil // another format or another output directory: start afresh
	}
	m.index()
	return m, nil
}

// save writes the manifest into dir atomically (temp file, then rename).
func (m *manifest) save(dir string) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(m); err != nil {
		return fmt.Errorf("ghi danh sách tệp đầu ra: %w", err)
	}
	return writeChecked(dir, manifestFile, buf.Bytes())
}

// writeChecked writes data into dir/name atomically, with its SHA-256 in
// front: a flipped bit in a cache must not make a build link or keep the
// wrong file.
func writeChecked(dir, name string, data []byte) error {
	out := make([]byte, sha256.Size+len(data))
	sum := sha256.Sum256(data)
	copy(out, sum[:])
	copy(out[sha256.Size:], data)
	return writeAtomic(dir, name, out)
}

// readChecked returns the data of a file written by writeChecked: nil and
// no error when there is no file, an error when it is unreadable or its
// checksum does not match.
func readChecked(file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("đọc %s: %w", file, err)
	}
	if len(data) < sha256.Size || sha256.Sum256(data[sha256.Size:]) != [32]byte(data[:sha256.Size]) {
		return nil, fmt.Errorf("%s bị hỏng (sai mã kiểm tra)", file)
	}
	return data[sha256.Size:], nil
}

// writeAtomic writes name in dir through a temporary file and a rename, so
// a reader never sees half a file.
func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tạo thư mục bộ đệm %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-")
	if err != nil {
		return fmt.Errorf("ghi bộ đệm %s: %w", name, err)
	}
	werr := f.Chmod(0o644)
	if werr == nil {
		_, werr = f.Write(data)
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
