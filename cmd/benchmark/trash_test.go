package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTrash checks that put moves a path aside (a missing one is no error;
// a path of the same name put again does not clash) and that empty deletes
// what was put.
func TestTrash(t *testing.T) {
	work := t.TempDir()
	tr := newTrash(work)
	out := filepath.Join(work, "out")
	for i := range 2 {
		if err := os.MkdirAll(filepath.Join(out, "a"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := tr.put(out); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("put %d: %s still there (%v)", i, out, err)
		}
	}
	if err := tr.put(filepath.Join(work, "missing")); err != nil {
		t.Fatalf("put of a missing path: %v", err)
	}
	if es, err := os.ReadDir(tr.dir); err != nil || len(es) != 2 {
		t.Fatalf("trash holds %d entries (%v), want 2", len(es), err)
	}
	if err := tr.empty(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tr.dir); !os.IsNotExist(err) {
		t.Fatalf("trash not emptied: %v", err)
	}
}

// TestTrashSettle checks that settle does not wait when no run emptied a
// trash, or one did long ago, and that empty notes when it ran.
func TestTrashSettle(t *testing.T) {
	tr := newTrash(t.TempDir())
	waited := false
	log := func(string, ...any) { waited = true }
	tr.settle(log)
	if err := os.WriteFile(tr.emptied(), []byte(time.Now().Add(-time.Hour).UTC().Format(time.RFC3339Nano)), 0o644); err != nil {
		t.Fatal(err)
	}
	tr.settle(log)
	if waited {
		t.Fatal("settle waited with no recent trash")
	}
	if err := tr.empty(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(tr.emptied())
	if err != nil {
		t.Fatal(err)
	}
	if at, err := time.Parse(time.RFC3339Nano, string(data)); err != nil || time.Since(at) > time.Minute {
		t.Fatalf("emptied notes %q (%v)", data, err)
	}
}
