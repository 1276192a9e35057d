package main

import (
	"os"
	"path/filepath"
	"testing"
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
