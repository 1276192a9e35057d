package store

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/quangngai/danvan/internal/search/static"
)

// deltaState is an export of 40 files and 10 documents, every part set.
func deltaState() *exportState {
	st := &exportState{Key: "k0"}
	b := &static.Base{Opt: static.Options{AvgLen: 12.5, Buckets: 4}, Uni: []string{"a", "m"}, Version: "v1",
		Tokens: map[string]string{"t": "0a"}, Terms: []string{"an", "hoà", "khéo"}, DF: []int32{3, 1, 2},
		Pairs: 7, PairBytes: 90, PairFloor: map[string]int32{"dân_vận": 2}, Manifest: []byte(`{"v":1}`), OpenSearch: []byte("<x/>")}
	for i := range 10 {
		st.URLs = append(st.URLs, fmt.Sprintf("/bai-viet/%d/", i))
		st.Hashes = append(st.Hashes, Hash{byte(i)})
		b.DocLen = append(b.DocLen, float64(10+i))
	}
	for i := range 40 {
		f := bytes.Repeat([]byte{byte(i)}, 1000)
		b.Files = append(b.Files, f)
		b.Sums = append(b.Sums, sha256.Sum256(f))
	}
	st.Base = b
	return st
}

// edit returns a copy of st with the files at the positions given
// re-encoded, a document's hash and length changed, and the small parts
// changed; with the terms changed too if terms is set.
func edit(st *exportState, terms bool, files ...int) *exportState {
	c := *st
	b := *st.Base
	c.Key = st.Key + "+"
	c.Hashes = slices.Clone(st.Hashes)
	c.Hashes[3][1]++
	b.Files, b.Sums, b.DocLen = slices.Clone(b.Files), slices.Clone(b.Sums), slices.Clone(b.DocLen)
	for _, i := range files {
		b.Files[i] = append(slices.Clone(b.Files[i]), 'x')
		b.Sums[i] = sha256.Sum256(b.Files[i])
	}
	b.DocLen[3]++
	b.Opt.AvgLen += 0.25
	b.Uni = append(slices.Clone(b.Uni), "z")
	b.Tokens = map[string]string{"t": string(rune('a' + len(c.Key)))}
	b.PairFloor = map[string]int32{"vận_khéo": int32(len(c.Key))}
	b.Manifest = append(slices.Clone(b.Manifest), ' ')
	if terms {
		b.Terms = append(slices.Clone(b.Terms), "xã")
		b.DF = append(slices.Clone(b.DF), 1)
	}
	c.Base = &b
	return &c
}

// baseExport puts deltaState as the base of a cache in a new folder, and
// returns the cache, its file, its delta's and the state.
func baseExport(t *testing.T) (c *exportCache, path, delta string, st *exportState) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "export.bin")
	c, st = &exportCache{path: path}, deltaState()
	if err := c.put(st); err != nil {
		t.Fatal(err)
	}
	return c, path, filepath.Join(filepath.Dir(path), exportDeltaFile), st
}

// A few files changed are put as a delta beside the base, which stays as
// it was; a cache opened afresh reads the base and the delta back as the
// export put, whether the terms changed or not. Too many files changed
// write the base again, and remove the delta.
func TestExportDelta(t *testing.T) {
	c, path, delta, st := baseExport(t)
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for round, next := range []*exportState{edit(st, false, 2, 17), edit(st, true, 5)} {
		// A cache opened afresh, as the next build's is: it diffs
		// against the base it read.
		c = &exportCache{path: path}
		if _, err := c.get(); err != nil {
			t.Fatal(err)
		}
		if err := c.put(next); err != nil {
			t.Fatal(err)
		}
		if now, err := os.ReadFile(path); err != nil || !bytes.Equal(now, base) {
			t.Fatalf("round %d: the base was written again for %d of 40 files (%v)", round, 2, err)
		}
		if _, err := os.Stat(delta); err != nil {
			t.Fatalf("round %d: no delta: %v", round, err)
		}
		got, err := (&exportCache{path: path}).get()
		if err != nil || !reflect.DeepEqual(got, next) {
			t.Fatalf("round %d: read back %+v, %v\nwant %+v", round, got, err, next)
		}
		st = next
	}
	many := edit(st, false, 0, 1, 2, 3, 4, 6, 7, 8, 9, 10)
	if err := c.put(many); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(path); bytes.Equal(now, base) {
		t.Error("10 of 40 files changed: the base was not written again")
	}
	if _, err := os.Stat(delta); err == nil {
		t.Error("the delta of the base before was left")
	}
	if got, err := (&exportCache{path: path}).get(); err != nil || !reflect.DeepEqual(got, many) {
		t.Fatalf("after a new base: %+v, %v", got, err)
	}
}

// A damaged delta is a warning and a miss; a delta of another base (left
// by a build stopped before it removed it) is ignored: the base is read
// alone.
func TestExportDeltaFaults(t *testing.T) {
	c, path, delta, st := baseExport(t)
	next := edit(st, true, 4)
	if err := c.put(next); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(delta)
	if err != nil {
		t.Fatal(err)
	}
	damaged := slices.Clone(good)
	damaged[len(damaged)*2/3] ^= 0x10
	if err := os.WriteFile(delta, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := (&exportCache{path: path}).get(); err == nil || got != nil {
		t.Errorf("a damaged delta: %+v, %v; want a miss with a warning", got, err)
	}
	// A new base, and the old delta put back.
	if err := (&exportCache{path: path}).put(st); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(delta, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := (&exportCache{path: path}).get(); err != nil || !reflect.DeepEqual(got, st) {
		t.Errorf("a delta of another base: %+v, %v; want the base alone", got, err)
	}
}
