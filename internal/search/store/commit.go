package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
)

// The commit record (<dir>/commit, a cachefile entry) is written after
// every update of a store on disk, once the index has persisted it: the
// update's generation and the hash of every document in the index.
//
// The hashes are not internal values of the index, beside each document,
// because scorch writes every internal value again into root.bolt with
// every snapshot it persists: one value per document made persisting
// quadratic in the corpus (44 s of CPU, 11 %, in bbolt at 50,000
// articles). The index keeps two values (schemaKey, generationKey); the
// file is written once per update.
//
// A record belongs to the index only if its generation is the one inside
// the index. A build killed after the index persisted an update but before
// the record was written leaves no record (update removes it first); an
// older record put back, a damaged one, or one of another layout does not
// match either. Then the hashes cannot be trusted to describe the indexed
// documents, so the index is rebuilt: a changed article is never taken
// for an unchanged one.
type commitRecord struct {
	Generation string
	URLs       []string // sorted
	Hashes     []byte   // the Hash of URLs[i] at [i*len(Hash) : (i+1)*len(Hash)]
}

const (
	commitName = "commit"
	// commitLayout is the cachefile key of the record: a record of another
	// layout reads as stale.
	commitLayout = "danvan-search-commit/1"
)

// writeCommit replaces the commit record in dir, atomically (cachefile).
func writeCommit(dir, gen string, hashes map[string]Hash) error {
	rec := commitRecord{Generation: gen, URLs: make([]string, 0, len(hashes))}
	for url := range hashes {
		rec.URLs = append(rec.URLs, url)
	}
	slices.Sort(rec.URLs)
	rec.Hashes = make([]byte, 0, len(rec.URLs)*len(Hash{}))
	for _, url := range rec.URLs {
		h := hashes[url]
		rec.Hashes = append(rec.Hashes, h[:]...)
	}
	if err := cachefile.WriteGob(dir, commitName, commitLayout, rec); err != nil {
		return fmt.Errorf("ghi bản ghi cập nhật chỉ mục tìm kiếm: %w", err)
	}
	return nil
}

// readCommit reads the commit record in dir and returns the hashes it
// holds if it belongs to an index of generation gen; otherwise an error
// saying why the index cannot be trusted.
func readCommit(dir, gen string) (map[string]Hash, error) {
	file := filepath.Join(dir, commitName)
	var rec commitRecord
	err := cachefile.ReadGob(file, commitLayout, &rec)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("lần cập nhật trước không hoàn tất (thiếu bản ghi cập nhật)")
	case errors.Is(err, cachefile.ErrStale):
		return nil, fmt.Errorf("bản ghi cập nhật %s là của phiên bản khác", file)
	case err != nil:
		return nil, fmt.Errorf("bản ghi cập nhật %w", err)
	}
	if len(rec.Hashes) != len(rec.URLs)*len(Hash{}) {
		return nil, fmt.Errorf("bản ghi cập nhật %w", &cachefile.CorruptError{Path: file, Reason: "số mã băm không khớp số bài"})
	}
	if rec.Generation != gen {
		return nil, fmt.Errorf("chỉ mục không phải bản của lần cập nhật cuối (thế hệ %q, bản ghi cập nhật là của %q)", gen, rec.Generation)
	}
	hashes := make(map[string]Hash, len(rec.URLs))
	for i, url := range rec.URLs {
		hashes[url] = Hash(rec.Hashes[i*len(Hash{}) : (i+1)*len(Hash{})])
	}
	return hashes, nil
}
