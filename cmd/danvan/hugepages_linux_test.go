package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/quangngai/danvan/internal/testenv"
)

// advisedRanges lists the mappings of this process that carry
// MADV_HUGEPAGE ("hg" among their VmFlags in /proc/self/smaps).
func advisedRanges(t *testing.T) [][2]uintptr {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]uintptr
	var cur [2]uintptr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		// A mapping's first line starts "lo-hi perms…"; its other lines
		// are "Name: value".
		if lo, hi, ok := strings.Cut(fields[0], "-"); ok && !strings.HasSuffix(fields[0], ":") {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				cur = [2]uintptr{uintptr(a), uintptr(b)}
			}
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && strings.Contains(" "+flags+" ", " hg ") {
			out = append(out, cur)
		}
	}
	return out
}

// residentKiB is this process's resident memory.
func residentKiB(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// grow advises heap address space for huge pages without touching it, and
// the heap then grows into it: a new large object lies in an advised range.
func TestHugeHeapAdvisesTheHeapAhead(t *testing.T) {
	if err := adviseHuge(make([]byte, 8<<20)); err != nil {
		testenv.Need(t, fmt.Errorf("this kernel does not take MADV_HUGEPAGE (built without transparent huge pages?): %w", err))
	}
	const size = 256 << 20
	before := residentKiB(t)
	h := &hugeHeap{on: true}
	h.grow(size)
	if !h.on || h.advised != size {
		t.Fatalf("grow(%d): on %v, advised %d", size, h.on, h.advised)
	}
	if grew := residentKiB(t) - before; grew > 32<<10 {
		t.Errorf("advising %d MiB made %d KiB resident: the buffer was written (cleared?), the cost it should avoid", size>>20, grew)
	}
	var advised uintptr
	ranges := advisedRanges(t)
	for _, r := range ranges {
		advised += r[1] - r[0]
	}
	if advised < size-4<<20 {
		t.Fatalf("%d MiB of mappings carry MADV_HUGEPAGE, want about %d", advised>>20, size>>20)
	}
	// The advice covers whole 2 MiB regions, so the buffer's first and
	// last few pages are left out: most of the object must be inside.
	obj := make([]byte, 16<<20)
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(obj)))
	hi := lo + uintptr(len(obj))
	var in uintptr
	for _, r := range ranges {
		if a, b := max(lo, r[0]), min(hi, r[1]); a < b {
			in += b - a
		}
	}
	if in < uintptr(len(obj))/2 {
		t.Errorf("a 16 MiB object made after grow, at %#x, has %d KiB in the advised ranges %x", lo, in>>10, ranges)
	}
	// Advising no more than what was advised does nothing.
	h.grow(size / 2)
	if h.advised != size {
		t.Errorf("grow to less changed advised to %d", h.advised)
	}
}

func TestHugePagesAskedRespectsTheUser(t *testing.T) {
	t.Setenv("DANVAN_HUGEPAGES", "0")
	if hugePagesAsked() {
		t.Error("DANVAN_HUGEPAGES=0 must turn the advice off")
	}
	t.Setenv("DANVAN_HUGEPAGES", "")
	t.Setenv("GODEBUG", "gctrace=0,disablethp=1")
	if hugePagesAsked() {
		t.Error("GODEBUG=disablethp=1 must turn the advice off")
	}
}
