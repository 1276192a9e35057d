package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"testing"
)

//go:noinline
func allocatePeak() [][]byte {
	var bs [][]byte
	for range 64 {
		bs = append(bs, make([]byte, 1<<20))
	}
	return bs
}

// The memory profile is the one of the largest live heap, not of the end:
// after 64 MiB held and freed, the profile is still the one taken while
// they were live.
func TestPeakProfileKeepsThePeak(t *testing.T) {
	var p peakProfile
	runtime.GC()
	p.check()
	peak := allocatePeak()
	runtime.GC()
	p.check()
	runtime.KeepAlive(peak)
	runtime.GC() // peak is garbage now
	p.check()
	zr, err := gzip.NewReader(bytes.NewReader(p.best))
	if err != nil {
		t.Fatalf("not a heap profile: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("allocatePeak")) {
		t.Errorf("the heap profile does not name the function that allocated the peak")
	}
	if p.most < 64<<20 {
		t.Errorf("profile taken at %d live bytes, want the peak (≥ 64 MiB)", p.most)
	}
}
