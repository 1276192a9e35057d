package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	oldGC := debug.SetGCPercent(100)
	defer debug.SetGCPercent(oldGC)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "bai-viet"), 0o755)
	for _, n := range []string{"a.md", "b.md"} {
		os.WriteFile(filepath.Join(dir, "content", "bai-viet", n), nil, 0o644)
	}
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	setMemoryLimit(dir)
	if got, want := debug.SetMemoryLimit(-1), int64(230<<20+2*48<<10); got != want {
		t.Errorf("limit %d, want %d", got, want)
	}
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC %d under the limit, want %d", got, gcPercent)
	}
	t.Setenv("GOGC", "150")
	setMemoryLimit(dir)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the user must win: the build set %d", got)
	}
	debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "123MiB")
	setMemoryLimit(dir)
	if got := debug.SetMemoryLimit(-1); got != old {
		t.Errorf("GOMEMLIMIT set by the user must win: %d", got)
	}
}
