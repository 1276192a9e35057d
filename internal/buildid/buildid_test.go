package buildid

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/testenv"
)

// The identifier of a Go binary is the build ID that `go tool buildid`
// prints; two programs differ, and a copy of a binary has its identifier.
func TestRunningIsTheGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		testenv.Need(t, errors.New("the ELF build ID is read on Linux only; elsewhere the file hash is used"))
	}
	id, err := Running()
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	goCmd := testenv.NeedCommand(t, "go", "the Go toolchain")
	out, err := exec.Command(goCmd, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if want := "go:" + strings.TrimSpace(string(out)); id != want {
		t.Errorf("Running() = %q, want %q", id, want)
	}

	copied := filepath.Join(t.TempDir(), "copy")
	data, _ := os.ReadFile(exe)
	os.WriteFile(copied, data, 0o755)
	if got, _ := Of(copied); got != id {
		t.Errorf("a copy of the binary: %q, want %q", got, id)
	}

	goID, err := Of(goCmd)
	if err != nil || goID == id || !strings.HasPrefix(goID, "go:") {
		t.Errorf("the go command: %q, %v (want a different go: identifier)", goID, err)
	}
}

// A file with no Go build ID (a script, a stripped or foreign binary) is
// identified by its content.
func TestOfHashesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte("#!/bin/sh\necho a\n"), 0o755)
	os.WriteFile(b, []byte("#!/bin/sh\necho b\n"), 0o755)
	ida, err := Of(a)
	if err != nil || !strings.HasPrefix(ida, "sha256:") {
		t.Fatalf("Of(script) = %q, %v", ida, err)
	}
	if idb, _ := Of(b); idb == ida {
		t.Error("two different files share an identifier")
	}
	if _, err := Of(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file must be an error")
	}
}
