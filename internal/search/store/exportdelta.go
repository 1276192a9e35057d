package store

import (
	"fmt"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/static"
)

// The cached export is a base (ExportFile) and what changed since
// (exportDeltaFile). An edit re-encodes a few hundred of the export's
// 27,000 files at 10,000 articles, yet every warm build wrote all 34 MB of
// them again (and the file system freed the old file's blocks at once).
// When the next export has the same documents in the same order and the
// same number of files, put writes only its differences from the base:
// the files whose sums differ, the documents' hashes and lengths that
// differ, and the small parts whole (the shards' first terms, the
// manifest, the word list when it changed). The delta holds every change
// since the base, so a read takes the base and one delta. It is written
// while it stays under an eighth of the base; past that, or when the
// documents change, the base is written again and the delta removed.
//
// Delta layout: the base's name (a random token the base file starts
// with), the export's key, the changed hashes (count, then position and
// hash each), AvgLen and Buckets, Uni, Version, Tokens (count, then key
// and value each, keys sorted), the changed files (count, then position,
// bytes and sum each), the changed lengths (count, then position and
// length each), whether the terms changed and, if so, Terms and DF,
// Pairs, PairBytes, PairFloor (as in the base), Manifest and OpenSearch.

// exportDeltaFile is the file of the changes to ExportFile.
const exportDeltaFile = "export-delta.bin"

// deltaStateKey names what a delta of the cached export means (stateKey).
func deltaStateKey() string { return "delta/1/" + stateKey() }

// exportDelta is how an export differs from a base export.
type exportDelta struct {
	hashes []int // the positions of the documents whose hashes differ
	files  []int // the positions of the files whose sums differ
	lens   []int // the positions of the documents whose lengths differ
	terms  bool  // Terms or DF differ
	size   int   // the bytes of the changed files and of the terms, if they changed
}

// diffExport returns how st differs from base, or false when a delta
// cannot describe it (other documents, another number of files, no export).
func diffExport(base, st *exportState) (exportDelta, bool) {
	if base == nil || st == nil || base.Base == nil || st.Base == nil ||
		!slices.Equal(base.URLs, st.URLs) || len(base.Hashes) != len(st.Hashes) {
		return exportDelta{}, false
	}
	b, s := base.Base, st.Base
	if len(b.Files) != len(s.Files) || len(b.Sums) != len(s.Sums) || len(b.Sums) != len(b.Files) || len(b.DocLen) != len(s.DocLen) {
		return exportDelta{}, false
	}
	var d exportDelta
	for i := range st.Hashes {
		if st.Hashes[i] != base.Hashes[i] {
			d.hashes = append(d.hashes, i)
		}
	}
	for i := range s.Sums {
		if s.Sums[i] != b.Sums[i] {
			d.files = append(d.files, i)
			d.size += len(s.Files[i])
		}
	}
	for i := range s.DocLen {
		if s.DocLen[i] != b.DocLen[i] {
			d.lens = append(d.lens, i)
		}
	}
	if !slices.Equal(b.Terms, s.Terms) || !slices.Equal(b.DF, s.DF) {
		d.terms = true
		for _, t := range s.Terms {
			d.size += len(t) + 4
		}
	}
	return d, true
}

// small reports whether the delta stays under an eighth of base.
func (d exportDelta) small(base *exportState) bool {
	all := 0
	for _, f := range base.Base.Files {
		all += len(f)
	}
	return d.size <= all/8
}

// encodeDelta writes d, the difference of st from the base named baseID.
func encodeDelta(e *cachefile.Encoder, baseID string, st *exportState, d exportDelta) {
	e.String(baseID)
	e.String(st.Key)
	e.Uint(uint64(len(d.hashes)))
	for _, i := range d.hashes {
		e.Uint(uint64(i))
		e.Fixed(st.Hashes[i][:])
	}
	b := st.Base
	encodeHead(e, b)
	e.Uint(uint64(len(d.files)))
	for _, i := range d.files {
		e.Uint(uint64(i))
		e.Bytes(b.Files[i])
		e.Sum(b.Sums[i])
	}
	e.Uint(uint64(len(d.lens)))
	for _, i := range d.lens {
		e.Uint(uint64(i))
		e.Float(b.DocLen[i])
	}
	e.Bool(d.terms)
	if d.terms {
		encodeTerms(e, b)
	}
	encodeTail(e, b)
}

// decodeDelta reads a delta and applies it to base, whose name is baseID,
// returning the export it describes; ok is false for a delta of another
// base (left by a build stopped between writing a base and removing the
// delta: not damage). base is left as it is. Damage is a
// *cachefile.CorruptError naming file.
func decodeDelta(dec *cachefile.Decoder, file, baseID string, base *exportState) (st *exportState, ok bool, err error) {
	if id := dec.String(); id != baseID || base == nil || base.Base == nil {
		return nil, false, nil
	}
	b0 := base.Base
	st = &exportState{Key: dec.String(), URLs: base.URLs, Hashes: slices.Clone(base.Hashes)}
	at := func(n int) (int, bool) {
		i := dec.Uint()
		if i >= uint64(n) {
			dec.Fail(fmt.Errorf("vị trí %d ngoài %d mục", i, n))
			return 0, false
		}
		return int(i), true
	}
	for range dec.Count(1 + len(Hash{})) {
		if i, ok := at(len(st.Hashes)); ok {
			dec.Fixed(st.Hashes[i][:])
		}
	}
	b := &static.Base{Files: slices.Clone(b0.Files), Sums: slices.Clone(b0.Sums), DocLen: slices.Clone(b0.DocLen), Terms: b0.Terms, DF: b0.DF}
	decodeHead(dec, b)
	for range dec.Count(2 + 32) {
		if i, ok := at(len(b.Files)); ok {
			b.Files[i] = dec.Bytes()
			dec.Fixed(b.Sums[i][:])
		}
	}
	for range dec.Count(1 + 8) {
		if i, ok := at(len(b.DocLen)); ok {
			b.DocLen[i] = dec.Float()
		}
	}
	if dec.Bool() {
		decodeTerms(dec, b)
	}
	decodeTail(dec, b)
	if err := dec.Err(file); err != nil {
		return nil, false, err
	}
	st.Base = b
	return st, true, nil
}
