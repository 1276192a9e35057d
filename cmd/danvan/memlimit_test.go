package main

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	oldGC := debug.SetGCPercent(100)
	defer debug.SetGCPercent(oldGC)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	setGCPercent()
	setMemoryLimit(2)
	if got, want := debug.SetMemoryLimit(-1), int64(230<<20+2*48<<10); got != want {
		t.Errorf("limit %d, want %d", got, want)
	}
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC %d under the limit, want %d", got, gcPercent)
	}
	t.Setenv("GOGC", "150")
	setGCPercent()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the user must win: the build set %d", got)
	}
	debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "123MiB")
	setMemoryLimit(2)
	if got := debug.SetMemoryLimit(-1); got != old {
		t.Errorf("GOMEMLIMIT set by the user must win: %d", got)
	}
}
