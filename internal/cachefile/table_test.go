package cachefile

import (
	"encoding/binary"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tableOf returns the strings of t, in order.
func tableOf(t *Table) []string {
	out := make([]string, t.Len())
	for i := range out {
		out[i] = t.At(i)
	}
	return out
}

// A table written by a streaming encoder (past its spill size) and read
// back holds the same strings, empty ones included; strings appended to
// the table read are kept after the ones read, and the table written
// again reads back whole.
func TestTableRoundTrip(t *testing.T) {
	var want []string
	for i := range 40_000 {
		want = append(want, strings.Repeat("hoà", i%7)+"|"+strings.Repeat("x", i%13))
	}
	want[3] = ""
	var tab Table
	for _, s := range want {
		tab.Append(s)
	}
	dir := t.TempDir()
	save := func(tab *Table) *Table {
		t.Helper()
		if err := SaveRecords(dir, "t", "k", func(e *Encoder) { e.String("before"); e.Table(tab); e.String("after") }); err != nil {
			t.Fatal(err)
		}
		d, err := ReadRecords(filepath.Join(dir, "t"), "k")
		if err != nil {
			t.Fatal(err)
		}
		before, got, after := d.String(), d.Table(), d.String()
		if err := d.Err("t"); err != nil || before != "before" || after != "after" {
			t.Fatalf("read back: %q %q %v", before, after, err)
		}
		return &got
	}
	got := save(&tab)
	if !slices.Equal(tableOf(got), want) {
		t.Fatal("the table read back differs from the one written")
	}
	if len(got.more) != 0 {
		t.Errorf("a table read holds %d strings of its own, want none: all views of the file", len(got.more))
	}
	got.Append("mới")
	got.Append("")
	want = append(want, "mới", "")
	again := save(got)
	if !slices.Equal(tableOf(again), want) {
		t.Fatal("a table read, grown and written again reads back different")
	}
	var empty Table
	if n := save(&empty).Len(); n != 0 {
		t.Errorf("an empty table reads back with %d strings", n)
	}
}

// Ends that go back, or do not end where the strings' bytes do, are
// damage the decoder reports, not an At that reads out of bounds.
func TestTableDamage(t *testing.T) {
	for _, c := range []struct {
		name string
		blob string
		ends []uint32
	}{
		{"backwards", "abcdef", []uint32{4, 2, 6}},
		{"short of the bytes", "abcdef", []uint32{2, 4}},
		{"past the bytes", "abc", []uint32{2, 9}},
		{"more ends than bytes hold", "ab", []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
	} {
		e := NewEncoder(0)
		e.Bytes([]byte(c.blob))
		e.Uint(uint64(len(c.ends)))
		for _, end := range c.ends {
			e.buf = binary.LittleEndian.AppendUint32(e.buf, end)
		}
		d := NewDecoder(e.buf[headerSize:])
		tab := d.Table()
		if err := d.Err(""); err == nil {
			t.Errorf("%s: no damage reported", c.name)
		}
		if tab.Len() != 0 {
			t.Errorf("%s: a damaged table has %d strings, want none", c.name, tab.Len())
		}
	}
}
