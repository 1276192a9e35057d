package main

import (
	"bytes"
	"os"
	"runtime/debug"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A build touches every page its heap grows by, and on Linux each first
// touch of a 4 KiB page is a page fault. On this project's 2-core virtual
// machines a fault costs about 10 µs (200 MiB touched page by page: 0.52 s;
// the same memory populated at once: 0.02 s), and a warm 10,000-article
// build faults 55,000 times: a fifth of its CPU. With transparent huge
// pages the kernel backs 2 MiB at a fault instead, but most systems
// (Debian's and Ubuntu's default, "madvise") give them only to memory that
// asks with madvise(MADV_HUGEPAGE), and the Go runtime no longer asks
// (Go 1.21.1 release notes). Measured with the system switched to
// "always", 6 warm rebuilds each: 1.12 s and 1.90 s of CPU against 1.52 s
// and 2.68 s.
//
// So the command asks for them itself. It cannot name the heap's future
// pages, but it can make the runtime map them early: it allocates one
// large buffer without writing to it (strings.Builder.Grow takes memory
// that the runtime does not clear; a cleared one would be faulted in page
// by page, the very cost avoided), advises its whole range, and lets it
// go: debug.FreeOSMemory collects it and returns its pages to the system.
// The address range stays the heap's, with the advice on it, and the
// runtime gives out its lowest free pages first, so the heap grows into
// it; each of its 2 MiB regions is then filled by one fault.

// hugeHeap advises the heap's address space for huge pages as the build
// learns how much heap it will need.
type hugeHeap struct {
	on      bool // the system gives huge pages only where asked (see hugePagesAsked)
	advised int  // bytes of heap address space advised so far
}

// newHugeHeap advises the first size bytes, where asking helps.
func newHugeHeap(size int) *hugeHeap {
	h := &hugeHeap{on: hugePagesAsked()}
	h.grow(size)
	return h
}

// grow advises more heap address space, so that about total bytes of it
// have been advised. The build calls it once it knows the site's size
// (hugeHeapFor). The buffer is total bytes, not the difference: the
// runtime puts it at the lowest free addresses that hold it, which are
// mostly in the range advised before, now free; from there it reaches
// total bytes past the heap's start.
func (h *hugeHeap) grow(total int) {
	if h == nil || !h.on || total <= h.advised {
		return
	}
	var b strings.Builder
	b.Grow(total)
	b.WriteByte(0) // one byte, so that the string below has its address
	s := b.String()
	region := unsafe.Slice(unsafe.StringData(s), b.Cap())
	if adviseHuge(region) != nil {
		h.on = false // refused (an old kernel, a sandbox): asking again would not help
		return
	}
	h.advised = total
	// The buffer is garbage from here: a collection frees it, and its
	// pages, never written but the first, go back to the system, so they
	// count against neither the memory limit nor the peak.
	b.Reset()
	debug.FreeOSMemory()
}

// adviseHuge asks for huge pages on the 2 MiB regions that b covers whole.
func adviseHuge(b []byte) error {
	const huge = 2 << 20
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + huge - 1) &^ (huge - 1)
	end := (p + uintptr(len(b))) &^ (huge - 1)
	if start >= end {
		return nil
	}
	return unix.Madvise(b[start-p:end-p], unix.MADV_HUGEPAGE)
}

// hugePagesAsked reports whether the system gives transparent huge pages
// only to memory that asks for them ("madvise"), so that asking helps. It
// does not under "always" (the heap gets them anyway) or "never", on a
// 32-bit system (its address space is too small to map ahead), and when
// the user turned them off for Go's heap (GODEBUG=disablethp=1) or for
// danvan (DANVAN_HUGEPAGES=0).
func hugePagesAsked() bool {
	if unsafe.Sizeof(uintptr(0)) < 8 || os.Getenv("DANVAN_HUGEPAGES") == "0" || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return false
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(mode, []byte("[madvise]"))
}
