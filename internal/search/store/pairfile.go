package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
)

// The pair store on disk (<dir>/pairs): a cachefile record entry written
// by every commit, after the index has persisted the update and before the
// commit record, with the update's generation. Like the commit record, a
// pair file of another generation does not describe the index's documents
// and is not used: the index is rebuilt.
//
// Layout: the generation; the table's size at its last compaction; the
// pair table by number; its term order (4 bytes per number,
// little-endian); the number of documents; then per document, in URL
// order, its URL and its list (pairList, as bytes). Lists and strings read
// are views of the file (cachefile.ReadRecords): a warm build reads about
// 35 MB at 10k articles and decodes only what it uses.

const pairsFile = "pairs"

// pairsKey names the layout of the pair file.
func pairsKey() string { return "danvan-search-pairs/1/" + IndexVersion }

// save writes the store (settled) as the pair file of generation gen in
// dir, compacting it first if it is due.
func (ps *pairStore) save(dir, gen string) error {
	ps.compact()
	urls := slices.Sorted(maps.Keys(ps.docs))
	err := cachefile.SaveRecords(dir, pairsFile, pairsKey(), func(e *cachefile.Encoder) {
		e.String(gen)
		e.Uint(uint64(ps.compacted))
		e.Strings(ps.terms)
		order := make([]byte, 0, 4*len(ps.sorted))
		for _, k := range ps.sorted {
			order = binary.LittleEndian.AppendUint32(order, k)
		}
		e.Bytes(order)
		e.Uint(uint64(len(urls)))
		for _, url := range urls {
			e.String(url)
			e.Bytes(ps.docs[url])
		}
	})
	if err != nil {
		return fmt.Errorf("ghi kho cặp từ của chỉ mục tìm kiếm: %w", err)
	}
	return nil
}

// loadPairs reads the pair file of generation gen in dir. Any fault is an
// error: the index is then rebuilt.
func loadPairs(dir, gen string) (*pairStore, error) {
	file := filepath.Join(dir, pairsFile)
	d, err := cachefile.ReadRecords(file, pairsKey())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("thiếu kho cặp từ của chỉ mục")
	case errors.Is(err, cachefile.ErrStale):
		return nil, fmt.Errorf("kho cặp từ %s là của phiên bản khác", file)
	case err != nil:
		return nil, fmt.Errorf("kho cặp từ %w", err)
	}
	if g := d.String(); g != gen {
		return nil, fmt.Errorf("kho cặp từ không phải bản của lần cập nhật cuối (thế hệ %q, cần %q)", g, gen)
	}
	ps := newPairStore()
	ps.compacted = d.Count(0)
	ps.terms = d.Strings()
	order := d.Bytes()
	ps.sorted = make([]uint32, len(order)/4)
	for i := range ps.sorted {
		ps.sorted[i] = binary.LittleEndian.Uint32(order[4*i:])
	}
	for range d.Count(2) {
		url := d.String()
		l := pairList(d.Bytes())
		if len(l)%4 != 0 || len(l) < l.firstOver() {
			d.Fail(fmt.Errorf("danh sách cặp từ của bài %s hỏng", url))
			break
		}
		ps.docs[url] = l
	}
	if err := d.Err(file); err != nil {
		return nil, fmt.Errorf("kho cặp từ %w", err)
	}
	if err := ps.check(); err != nil {
		return nil, fmt.Errorf("kho cặp từ %s hỏng: %w", file, err)
	}
	return ps, nil
}

// check verifies the table's term order: every number once, the terms
// ascending without repeats. (A list's numbers are checked as they are
// read: pairStore.postings.)
func (ps *pairStore) check() error {
	if len(ps.sorted) != len(ps.terms) {
		return fmt.Errorf("bảng cặp từ có %d cặp mà thứ tự có %d", len(ps.terms), len(ps.sorted))
	}
	seen := make([]bool, len(ps.terms))
	for i, k := range ps.sorted {
		if int(k) >= len(ps.terms) || seen[k] {
			return fmt.Errorf("thứ tự bảng cặp từ hỏng ở vị trí %d", i)
		}
		seen[k] = true
		if i > 0 && ps.terms[ps.sorted[i-1]] >= ps.terms[k] {
			return fmt.Errorf("bảng cặp từ không theo thứ tự ở %q", ps.terms[k])
		}
	}
	return nil
}
