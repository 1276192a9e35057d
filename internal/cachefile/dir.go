package cachefile

import (
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Some caches are folders a library writes in its own format (bleve's
// index): they cannot be sealed entry by entry, so the whole folder is,
// once the library has closed it. SealDir records the size and CRC-32C of
// every file in an entry of this package; CheckDir, before the library
// opens the folder again, finds any file changed, cut, added or removed
// since. CRC-32C rather than SHA-256 because the folder is read whole on
// every build: the hardware computes it at several GB/s, and it catches
// every accidental damage a checksum is for.

// dirFile is one file of a sealed folder.
type dirFile struct {
	Path string // slash path inside the folder
	Size int64
	CRC  uint32 // CRC-32C (Castagnoli) of the bytes
}

// Checked is a folder as CheckDir found it, so that SealDir re-reads only
// the files written since (bleve adds segments and rarely rewrites one).
type Checked struct {
	files map[string]checkedFile // by path
}

type checkedFile struct {
	f  dirFile
	fi fs.FileInfo
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SealDir records the files of dir in the entry file under key. A file
// that is, by identity, size and time, one that prev checked keeps its
// checksum without being read again; prev may be nil.
func SealDir(dir, file, key string, prev *Checked) error {
	files, _, err := scanDir(dir, prev)
	if err != nil {
		return fmt.Errorf("niêm phong bộ đệm %s: %w", dir, err)
	}
	return WriteGob(filepath.Dir(file), filepath.Base(file), key, files)
}

// CheckDir compares dir with the entry file written by SealDir under key:
// it returns the folder as checked when every file is as sealed. A missing
// seal wraps fs.ErrNotExist, one of another key ErrStale, and any
// difference is a *CorruptError naming the first file that differs.
func CheckDir(dir, file, key string) (*Checked, error) {
	var want []dirFile
	if err := ReadGob(file, key, &want); err != nil {
		return nil, err
	}
	got, checked, err := scanDir(dir, nil)
	if err != nil {
		return nil, &CorruptError{Path: dir, Reason: err.Error()}
	}
	for i := 0; i < max(len(want), len(got)); i++ {
		switch {
		case i >= len(got):
			return nil, &CorruptError{Path: dir, Reason: "thiếu tệp " + want[i].Path}
		case i >= len(want):
			return nil, &CorruptError{Path: dir, Reason: "có thêm tệp " + got[i].Path}
		case got[i].Path != want[i].Path:
			return nil, &CorruptError{Path: dir, Reason: fmt.Sprintf("tệp %s thay cho %s", got[i].Path, want[i].Path)}
		case got[i] != want[i]:
			return nil, &CorruptError{Path: dir, Reason: "tệp " + got[i].Path + " đã bị đổi"}
		}
	}
	return checked, nil
}

// scanDir lists the regular files of dir with their sizes and checksums,
// sorted by path, reusing the checksums of prev's unchanged files.
// Anything else (a link, a device) is an error: a cache folder holds
// files only.
func scanDir(dir string, prev *Checked) ([]dirFile, *Checked, error) {
	var out []dirFile
	seen := &Checked{files: map[string]checkedFile{}}
	buf := make([]byte, 1<<20)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s không phải tệp thường", rel)
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if prev != nil {
			if c, ok := prev.files[rel]; ok && os.SameFile(c.fi, fi) && c.fi.Size() == fi.Size() && c.fi.ModTime().Equal(fi.ModTime()) {
				out = append(out, c.f)
				seen.files[rel] = c
				return nil
			}
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := crc32.New(castagnoli)
		n, err := io.CopyBuffer(h, f, buf)
		if err != nil {
			return err
		}
		df := dirFile{Path: rel, Size: n, CRC: h.Sum32()}
		out = append(out, df)
		seen.files[rel] = checkedFile{f: df, fi: fi}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(out, func(a, b dirFile) int { return strings.Compare(a.Path, b.Path) })
	return out, seen, nil
}
