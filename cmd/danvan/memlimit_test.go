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
