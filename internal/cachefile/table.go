package cachefile

import (
	"encoding/binary"
	"errors"
	"math"
	"unsafe"
)

// Table is a long list of strings that is read back as one view of the
// payload: the strings' bytes one after the other, and where each one
// ends. Decoder.Strings makes a string header for each (16 bytes, and a
// pointer the collector follows on every cycle): the search's side terms,
// 1.1 million strings at 10,000 articles, cost every warm build 18 MB of
// fresh memory and about 25 ms to decode that way. A Table read from a
// payload costs two views; strings appended after (Append) are kept as
// strings.
type Table struct {
	blob []byte   // the strings read, one after the other (a view of the payload)
	ends []byte   // where each string read ends in blob: 4 bytes little-endian each
	more []string // the strings appended since
}

// Len returns the number of strings.
func (t *Table) Len() int { return len(t.ends)/4 + len(t.more) }

// At returns string i, a view of the payload when it was read from one.
func (t *Table) At(i int) string {
	n := len(t.ends) / 4
	if i >= n {
		return t.more[i-n]
	}
	end := binary.LittleEndian.Uint32(t.ends[4*i:])
	start := uint32(0)
	if i > 0 {
		start = binary.LittleEndian.Uint32(t.ends[4*i-4:])
	}
	if start == end {
		return ""
	}
	// The payload is never written again (NewDecoder), so the string
	// stays what it was.
	return unsafe.String(&t.blob[start], int(end-start))
}

// Append adds s at the end (s is kept, not copied).
func (t *Table) Append(s string) { t.more = append(t.more, s) }

// Table appends t: its strings' bytes, then their ends. A table read
// from a payload is copied as the two blocks it is.
func (e *Encoder) Table(t *Table) {
	size := len(t.blob)
	for _, s := range t.more {
		size += len(s)
	}
	if size > math.MaxUint32 {
		// Ends are 4 bytes: no cache holds that much, but a table
		// written wrong must not read back as another.
		panic("cachefile: bảng chuỗi quá 4 GB")
	}
	e.Uint(uint64(size))
	e.buf = append(e.buf, t.blob...)
	e.spill()
	for _, s := range t.more {
		e.buf = append(e.buf, s...)
		e.spill()
	}
	e.Uint(uint64(t.Len()))
	e.buf = append(e.buf, t.ends...)
	e.spill()
	end := uint32(len(t.blob))
	for _, s := range t.more {
		end += uint32(len(s))
		e.buf = binary.LittleEndian.AppendUint32(e.buf, end)
		e.spill()
	}
}

// Table reads a table appended by Encoder.Table, as views of the payload.
// Ends that go back or past the strings' bytes are damage (Err), so At
// never reads outside them.
func (d *Decoder) Table() Table {
	blob := d.Bytes()
	n := d.Count(4)
	if d.err != nil {
		return Table{}
	}
	ends := d.b[d.off : d.off+4*n : d.off+4*n]
	d.off += 4 * n
	last := uint32(0)
	for i := range n {
		end := binary.LittleEndian.Uint32(ends[4*i:])
		if end < last {
			d.fail(errors.New("bảng chuỗi có vị trí lùi"))
			return Table{}
		}
		last = end
	}
	if int(last) != len(blob) {
		d.fail(errors.New("bảng chuỗi không khớp độ dài"))
		return Table{}
	}
	return Table{blob: blob, ends: ends}
}
