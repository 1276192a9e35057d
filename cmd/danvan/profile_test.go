package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// namesAllocatePeak reports whether the heap profile prof (gzipped
// protobuf) names allocatePeak among its functions.
func namesAllocatePeak(t *testing.T, prof []byte) bool {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(prof))
	if err != nil {
		t.Fatalf("not a heap profile: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(raw, []byte("allocatePeak"))
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
	if !namesAllocatePeak(t, p.best) {
		t.Errorf("the heap profile does not name the function that allocated the peak")
	}
	if p.most < 64<<20 {
		t.Errorf("profile taken at %d live bytes, want the peak (≥ 64 MiB)", p.most)
	}
}

// --cpuprofile and --trace of one build: both files are written, the
// trace in the runtime's format and with the build's steps in it (the
// step log lines that progress marks), so `go tool trace` can place them.
func TestBuildProfileAndTrace(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	prof, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "build.trace")
	code, out, errs := runCLI("build", "-s", root, "-d", filepath.Join(dir, "public"), "--cache-dir", filepath.Join(dir, "cache"), "--cpuprofile", prof, "--trace", tr)
	if code != exitOK {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Errorf("CPU profile: %v", err)
	}
	data, err := os.ReadFile(tr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("go 1.")) {
		t.Errorf("trace does not start with the runtime's header: %q", data[:min(len(data), 16)])
	}
	if !bytes.Contains(data, []byte("Viết trang HTML")) {
		t.Errorf("trace does not hold the page stage's marks")
	}
	// A trace file that cannot be made is a usage error, before any build.
	if code, _, errs := runCLI("build", "-s", root, "-d", filepath.Join(dir, "public"), "--trace", filepath.Join(dir, "khong-co", "x.trace")); code != exitUsage || !strings.Contains(errs, "diễn biến") {
		t.Errorf("bad trace path: %d %s", code, errs)
	}
}

// main turns Go's sampling of allocations off; --memprofile turns it back
// on, or its profile would be empty.
func TestMemProfileTurnsSamplingOn(t *testing.T) {
	old := runtime.MemProfileRate
	defer func() { runtime.MemProfileRate = old }()
	runtime.MemProfileRate = 0 // as main leaves it
	file := filepath.Join(t.TempDir(), "mem.prof")
	stop, err := startMemProfile(file)
	if err != nil {
		t.Fatal(err)
	}
	peak := allocatePeak()
	runtime.GC()
	runtime.KeepAlive(peak)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !namesAllocatePeak(t, data) {
		t.Errorf("the heap profile does not name the function that allocated 64 MiB: sampling stayed off")
	}
}
