package store

import (
	"maps"
	"slices"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/search/static"
)

// The layout of the cached export (cachefile records), read whole by every
// build that reuses or updates the last export: its 27,000 files and
// 100,000 terms at 10,000 articles come back as views of the cache file,
// with no copy. encodeState and decodeState change together, with
// stateKey's version; TestExportRecordRoundTrip fills every field of
// exportState and static.Base, so a field added to either and left out
// here fails it.

func encodeState(e *cachefile.Encoder, st *exportState) {
	e.String(st.Key)
	e.Strings(st.URLs)
	e.Uint(uint64(len(st.Hashes)))
	for _, h := range st.Hashes {
		e.Fixed(h[:])
	}
	b := st.Base
	e.Bool(b != nil)
	if b == nil {
		return
	}
	encodeHead(e, b)
	e.Uint(uint64(len(b.Files)))
	for _, f := range b.Files {
		e.Bytes(f)
	}
	e.Uint(uint64(len(b.Sums)))
	for _, s := range b.Sums {
		e.Fixed(s[:])
	}
	e.Uint(uint64(len(b.DocLen)))
	for _, l := range b.DocLen {
		e.Float(l)
	}
	encodeTerms(e, b)
	encodeTail(e, b)
}

// The parts of static.Base a delta of the export holds whole
// (exportdelta.go), as the base holds them.

// encodeHead writes the export's options, shards' first terms, version
// and tokens.
func encodeHead(e *cachefile.Encoder, b *static.Base) {
	e.Float(b.Opt.AvgLen)
	e.Int(b.Opt.Buckets)
	e.Strings(b.Uni)
	e.String(b.Version)
	keys := slices.Sorted(maps.Keys(b.Tokens))
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		e.String(b.Tokens[k])
	}
}

// decodeHead reads what encodeHead wrote into b.
func decodeHead(d *cachefile.Decoder, b *static.Base) {
	b.Opt.AvgLen, b.Opt.Buckets = d.Float(), d.Int()
	b.Uni, b.Version = d.Strings(), d.String()
	b.Tokens = nil
	if n := d.Count(2); n > 0 {
		b.Tokens = make(map[string]string, n)
		for range n {
			k := d.String()
			b.Tokens[k] = d.String()
		}
	}
}

// encodeTerms writes the export's folded terms and their document
// frequencies.
func encodeTerms(e *cachefile.Encoder, b *static.Base) {
	e.Strings(b.Terms)
	e.Uint(uint64(len(b.DF)))
	for _, df := range b.DF {
		e.Int(int(df))
	}
}

// decodeTerms reads what encodeTerms wrote into b.
func decodeTerms(d *cachefile.Decoder, b *static.Base) {
	b.Terms, b.DF = d.Strings(), nil
	if n := d.Count(1); n > 0 {
		b.DF = make([]int32, n)
		for i := range b.DF {
			b.DF[i] = int32(d.Int())
		}
	}
}

// encodeTail writes the export's pair counts, capped pairs' floors,
// manifest and opensearch.xml.
func encodeTail(e *cachefile.Encoder, b *static.Base) {
	e.Int(b.Pairs)
	e.Int(b.PairBytes)
	pairs := slices.Sorted(maps.Keys(b.PairFloor))
	e.Uint(uint64(len(pairs)))
	for _, t := range pairs {
		e.String(t)
		e.Int(int(b.PairFloor[t]))
	}
	e.Bytes(b.Manifest)
	e.Bytes(b.OpenSearch)
}

// decodeTail reads what encodeTail wrote into b.
func decodeTail(d *cachefile.Decoder, b *static.Base) {
	b.Pairs, b.PairBytes = d.Int(), d.Int()
	n := d.Count(2)
	b.PairFloor = make(map[string]int32, n)
	for range n {
		t := d.String()
		b.PairFloor[t] = int32(d.Int())
	}
	b.Manifest, b.OpenSearch = d.Bytes(), d.Bytes()
}

// decodeState reads what encodeState wrote; damage is a
// *cachefile.CorruptError naming file.
func decodeState(d *cachefile.Decoder, file string) (*exportState, error) {
	st := &exportState{Key: d.String(), URLs: d.Strings()}
	if n := d.Count(len(Hash{})); n > 0 {
		st.Hashes = make([]Hash, n)
		for i := range st.Hashes {
			d.Fixed(st.Hashes[i][:])
		}
	}
	if d.Bool() {
		b := &static.Base{}
		decodeHead(d, b)
		if n := d.Count(1); n > 0 {
			b.Files = make([][]byte, n)
			for i := range b.Files {
				b.Files[i] = d.Bytes()
			}
		}
		if n := d.Count(32); n > 0 {
			b.Sums = make([][32]byte, n)
			for i := range b.Sums {
				d.Fixed(b.Sums[i][:])
			}
		}
		if n := d.Count(8); n > 0 {
			b.DocLen = make([]float64, n)
			for i := range b.DocLen {
				b.DocLen[i] = d.Float()
			}
		}
		decodeTerms(d, b)
		decodeTail(d, b)
		st.Base = b
	}
	if err := d.Err(file); err != nil {
		return nil, err
	}
	return st, nil
}
