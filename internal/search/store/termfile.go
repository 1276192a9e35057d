package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
)

// A term store on disk is a base file (<dir>/pairs, <dir>/forms) and,
// beside it, what changed since (<dir>/pairs-delta, <dir>/forms-delta):
// cachefile record entries written by every commit, after the index has
// persisted the update and before the commit record, with the update's
// generation. Like the commit record, a store of another generation does
// not describe the index's documents and is not used: the index is
// rebuilt.
//
// Base layout: the generation; the table's size at its last compaction;
// the term table by number (a cachefile.Table); its term order (4 bytes
// per number, little-endian); the number of documents; then per document,
// in URL order, its URL and its list (termList, as bytes). Lists and terms
// read are views of the file (cachefile.ReadRecords): a warm build reads
// about 40 MB of pairs and 18 MB of forms at 10k articles and decodes only
// what it uses.
//
// Rewriting them whole, 58 MB, was most of what a warm build wrote (each
// rename over the old file also had the file system write it out and
// free the old one's blocks at once). A commit now writes only what
// changed since the base while that stays under an eighth of it (the
// delta: every change since the base, not since the last commit, so one
// file is read beside the base): an edit's new terms and the lists of the
// documents it set or removed.
//
// Delta layout: the base's generation; the generation; the compaction
// size; the terms numbered since the base (strings); the number of
// documents changed, then per document, in URL order, its URL, whether it
// is held and, if so, its list.

// The files of the two term stores (sideTerms).
const (
	pairsFile = "pairs"
	formsFile = "forms"
)

// deltaOf is the file of the changes to the base file name.
func deltaOf(name string) string { return name + "-delta" }

// termsKey names the layout of the file of a term store.
func termsKey(name string) string { return "danvan-search-terms/2/" + name + "/" + IndexVersion }

// deltaKey names the layout of the delta file of a term store.
func deltaKey(name string) string { return "danvan-search-terms-delta/1/" + name + "/" + IndexVersion }

// save writes the store (settled) as generation gen in dir: its changes
// since the base when they are small, else a new base.
func (ps *termStore) save(dir, gen string) error {
	var err error
	if ps.baseGen != "" && ps.deltaIsSmall() {
		err = ps.saveDelta(dir, gen)
	} else {
		err = ps.saveBase(dir, gen)
	}
	if err != nil {
		return fmt.Errorf("ghi kho %s của chỉ mục tìm kiếm: %w", ps.what(), err)
	}
	return nil
}

// deltaIsSmall reports whether the changes since the base come to at most
// an eighth of the store's bytes.
func (ps *termStore) deltaIsSmall() bool {
	all, changed := 0, 0
	for url, l := range ps.docs {
		all += len(url) + len(l)
		if ps.changed[url] {
			changed += len(url) + len(l)
		}
	}
	for k := ps.baseTerms; k < ps.terms.Len(); k++ {
		changed += len(ps.terms.At(k))
	}
	return changed <= all/8
}

// saveBase writes the whole store as the base of generation gen, and
// drops the delta of the previous base.
func (ps *termStore) saveBase(dir, gen string) error {
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
		return err
	}
	// A delta left behind is of another base, never read (loadTerms); one
	// that cannot be removed would fail the next commit's.
	if err := os.Remove(filepath.Join(dir, deltaOf(ps.name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	ps.baseGen, ps.baseTerms, ps.changed = gen, ps.terms.Len(), map[string]bool{}
	return nil
}

// saveDelta writes the changes since the base as generation gen.
func (ps *termStore) saveDelta(dir, gen string) error {
	urls := slices.Sorted(maps.Keys(ps.changed))
	terms := make([]string, 0, ps.terms.Len()-ps.baseTerms)
	for k := ps.baseTerms; k < ps.terms.Len(); k++ {
		terms = append(terms, ps.terms.At(k))
	}
	return cachefile.SaveRecords(dir, deltaOf(ps.name), deltaKey(ps.name), func(e *cachefile.Encoder) {
		e.String(ps.baseGen)
		e.String(gen)
		e.Uint(uint64(ps.compacted))
		e.Strings(terms)
		e.Uint(uint64(len(urls)))
		for _, url := range urls {
			e.String(url)
			l, held := ps.docs[url]
			e.Bool(held)
			if held {
				e.Bytes(l)
			}
		}
	})
}

// loadTerms reads the store name of generation gen in dir: its base, and
// the changes since when the base is of an earlier generation. Any fault
// is an error: the index is then rebuilt.
func loadTerms(dir, name, gen string) (*termStore, error) {
	ps := newTermStore(name)
	file := filepath.Join(dir, name)
	d, err := ps.read(file, termsKey(name))
	if err != nil {
		return nil, err
	}
	ps.baseGen = d.String()
	ps.compacted = int(min(d.Uint(), maxTerms))
	ps.terms = d.Table()
	order := d.Bytes()
	ps.sorted = make([]uint32, len(order)/4)
	for i := range ps.sorted {
		ps.sorted[i] = binary.LittleEndian.Uint32(order[4*i:])
	}
	for range d.Count(2) {
		url := d.String()
		if l := readList(d, url); l != nil {
			ps.docs[url] = l
		}
	}
	if err := d.Err(file); err != nil {
		return nil, fmt.Errorf("kho %s %w", ps.what(), err)
	}
	if err := ps.check(); err != nil {
		return nil, fmt.Errorf("kho %s %s hỏng: %w", ps.what(), file, err)
	}
	ps.baseTerms, ps.changed = ps.terms.Len(), map[string]bool{}
	if ps.baseGen != gen {
		if err := ps.loadDelta(filepath.Join(dir, deltaOf(name)), gen); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// loadDelta applies the changes in file, which must take the base to
// generation gen.
func (ps *termStore) loadDelta(file, gen string) error {
	d, err := ps.read(file, deltaKey(ps.name))
	if err != nil {
		return err
	}
	if b, g := d.String(), d.String(); b != ps.baseGen || g != gen {
		return fmt.Errorf("kho %s không phải bản của lần cập nhật cuối (thế hệ %q, cần %q)", ps.what(), g, gen)
	}
	ps.compacted = int(min(d.Uint(), maxTerms))
	for _, t := range d.Strings() {
		ps.terms.Append(t)
	}
	for range d.Count(2) {
		url := d.String()
		if d.Bool() {
			if l := readList(d, url); l != nil {
				ps.docs[url] = l
			}
		} else {
			delete(ps.docs, url)
		}
		ps.changed[url] = true
	}
	if err := d.Err(file); err != nil {
		return fmt.Errorf("kho %s %w", ps.what(), err)
	}
	ps.settle() // the terms numbered since the base go in their places
	if err := ps.check(); err != nil {
		return fmt.Errorf("kho %s %s hỏng: %w", ps.what(), file, err)
	}
	return nil
}

// read opens the file of the store (a base or a delta) written under key.
func (ps *termStore) read(file, key string) (*cachefile.Decoder, error) {
	d, err := cachefile.ReadRecords(file, key)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("thiếu kho %s của chỉ mục (%s)", ps.what(), filepath.Base(file))
	case errors.Is(err, cachefile.ErrStale):
		return nil, fmt.Errorf("kho %s %s là của phiên bản khác", ps.what(), file)
	case err != nil:
		return nil, fmt.Errorf("kho %s %w", ps.what(), err)
	}
	return d, nil
}

// readList reads the list of the document url, or records damage.
func readList(d *cachefile.Decoder, url string) termList {
	l := termList(d.Bytes())
	if len(l)%4 != 0 || len(l) < l.firstOver() {
		d.Fail(fmt.Errorf("danh sách của bài %s hỏng", url))
		return nil
	}
	return l
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
