package main

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	setMemoryLimit(2)
	if got, want := debug.SetMemoryLimit(-1), int64(230<<20+2*48<<10); got != want {
		t.Errorf("limit %d, want %d", got, want)
	}
	debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "123MiB")
	setMemoryLimit(2)
	if got := debug.SetMemoryLimit(-1); got != old {
		t.Errorf("GOMEMLIMIT set by the user must win: %d", got)
	}
}

// A 10,000-article build's heap lies inside what is advised for huge pages
// from the start, so it never advises more (each time costs a collection
// that gives back every free page: 0.1 s of a warm rebuild); a
// 50,000-article build advises about 3.2 GB, a quarter over its limit.
func TestHugeHeapSizes(t *testing.T) {
	if got := hugeHeapFor(10_000); got > firstHugeHeap {
		t.Errorf("hugeHeapFor(10,000) = %d MiB, more than the first %d MiB", got>>20, firstHugeHeap>>20)
	}
	if got, want := hugeHeapFor(50_000), memoryLimit(50_000)*5/4; got != want || got < 3<<30 {
		t.Errorf("hugeHeapFor(50,000) = %d MiB, want %d MiB (over 3 GiB)", got>>20, want>>20)
	}
}
