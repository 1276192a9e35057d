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

// A term store on disk (<dir>/pairs, <dir>/forms): a cachefile record
// entry written by every commit, after the index has persisted the update
// and before the commit record, with the update's generation. Like the
// commit record, a file of another generation does not describe the
// index's documents and is not used: the index is rebuilt.
//
// Layout: the generation; the table's size at its last compaction; the
// term table by number (a cachefile.Table); its term order (4 bytes per
// number, little-endian); the number of documents; then per document, in
// URL order, its URL and its list (termList, as bytes). Lists and terms
// read are views of the file (cachefile.ReadRecords): a warm build reads
// about 35 MB of pairs and 20 MB of forms at 10k articles and decodes only
// what it uses.

// The files of the two term stores (sideTerms).
const (
	pairsFile = "pairs"
	formsFile = "forms"
)

// termsKey names the layout of the file of a term store.
func termsKey(name string) string { return "danvan-search-terms/2/" + name + "/" + IndexVersion }

// save writes the store (settled) as its file of generation gen in dir,
// compacting it first if it is due.
func (ps *termStore) save(dir, gen string) error {
	ps.compact()
	urls := slices.Sorted(maps.Keys(ps.docs))
	err := cachefile.SaveRecords(dir, ps.name, termsKey(ps.name), func(e *cachefile.Encoder) {
		e.String(gen)
		e.Uint(uint64(ps.compacted))
		e.Table(&ps.terms)
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
		return fmt.Errorf("ghi kho %s của chỉ mục tìm kiếm: %w", ps.what(), err)
	}
	return nil
}

// loadTerms reads the file name of a term store of generation gen in dir.
// Any fault is an error: the index is then rebuilt.
func loadTerms(dir, name, gen string) (*termStore, error) {
	ps := newTermStore(name)
	file := filepath.Join(dir, name)
	d, err := cachefile.ReadRecords(file, termsKey(name))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("thiếu kho %s của chỉ mục", ps.what())
	case errors.Is(err, cachefile.ErrStale):
		return nil, fmt.Errorf("kho %s %s là của phiên bản khác", ps.what(), file)
	case err != nil:
		return nil, fmt.Errorf("kho %s %w", ps.what(), err)
	}
	if g := d.String(); g != gen {
		return nil, fmt.Errorf("kho %s không phải bản của lần cập nhật cuối (thế hệ %q, cần %q)", ps.what(), g, gen)
	}
	ps.compacted = d.Count(0)
	ps.terms = d.Table()
	order := d.Bytes()
	ps.sorted = make([]uint32, len(order)/4)
	for i := range ps.sorted {
		ps.sorted[i] = binary.LittleEndian.Uint32(order[4*i:])
	}
	for range d.Count(2) {
		url := d.String()
		l := termList(d.Bytes())
		if len(l)%4 != 0 || len(l) < l.firstOver() {
			d.Fail(fmt.Errorf("danh sách của bài %s hỏng", url))
			break
		}
		ps.docs[url] = l
	}
	if err := d.Err(file); err != nil {
		return nil, fmt.Errorf("kho %s %w", ps.what(), err)
	}
	if err := ps.check(); err != nil {
		return nil, fmt.Errorf("kho %s %s hỏng: %w", ps.what(), file, err)
	}
	return ps, nil
}

// check verifies the table's term order: every number once. (A list's
// numbers are checked as they are read: termStore.postings.) That the
// terms ascend in that order is the writer's to keep (settle, compact;
// TestTermStore): the file's checksum vouches that its bytes are the ones
// written, and comparing 1.1 million terms cost every warm build at
// 10,000 articles 0.05 s of CPU.
func (ps *termStore) check() error {
	if len(ps.sorted) != ps.terms.Len() {
		return fmt.Errorf("bảng có %d cặp mà thứ tự có %d", ps.terms.Len(), len(ps.sorted))
	}
	seen := make([]bool, len(ps.sorted))
	for i, k := range ps.sorted {
		if int(k) >= len(seen) || seen[k] {
			return fmt.Errorf("thứ tự bảng hỏng ở vị trí %d", i)
		}
		seen[k] = true
	}
	return nil
}
