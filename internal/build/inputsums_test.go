package build

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// A file the last build hashed, untouched since, is not read again: its
// recorded sum is taken (here a made-up one, which only a reuse can
// return). Any write, even one that keeps the size and puts the
// modification time back, and a file saved too close to that hashing,
// are read again.
func TestInputSumsReuseOnlyUntouchedFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		testenv.Need(t, errors.New("change times are read on Linux only (elsewhere every file is hashed): run on Linux"))
	}
	site := sitetest.Copy(t)
	fsys, err := OpenSite(site)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	const article = "content/bai-viet/to-hoa-giai-nghia-lo.md"
	keyOf := func(prev *inputSums) *hashedInputs {
		t.Helper()
		in, err := inputsKey(fsys, Options{Source: site}, "prog", prev)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	in := keyOf(nil)
	real, first := in.sums, in.next
	if in.read != len(real) {
		t.Errorf("first listing: %d of %d files read", in.read, len(real))
	}
	data, err := os.ReadFile(filepath.Join(site, article))
	if err != nil {
		t.Fatal(err)
	}
	if real[article] != sha256.Sum256(data) {
		t.Fatal("the first listing's sum is not the file's")
	}
	if len(first.Files) != len(real) {
		t.Fatalf("%d of %d files recorded with their identity", len(first.Files), len(real))
	}

	// The record as a build long after these files were written leaves it:
	// every sum replaced by a made-up one.
	madeUp := sha256.Sum256([]byte("không đọc lại"))
	aged := func(listed time.Time) *inputSums {
		s := &inputSums{Listed: listed, Files: map[string]inputSum{}}
		for p, f := range first.Files {
			f.Sum = madeUp
			s.Files[p] = f
		}
		return s
	}
	later := time.Now().Add(time.Hour)
	in = keyOf(aged(later))
	got, next := in.sums, in.next
	if in.read != 0 {
		t.Errorf("%d untouched files read again", in.read)
	}
	for p := range real {
		if got[p] != madeUp {
			t.Fatalf("%s was read again though untouched", p)
		}
	}
	if next.Files[article].Sum != madeUp {
		t.Error("the reused sum is not kept for the next build")
	}

	// Recorded by a build that began listing right after the files were
	// written: every file is read again (a write in the same clock tick
	// would keep its times).
	if got := keyOf(aged(time.Now())).sums; got[article] != real[article] {
		t.Error("a file written just before the listing was not read again")
	}

	// Rewritten with the same length, its modification time put back: the
	// change time tells.
	fi, err := os.Stat(filepath.Join(site, article))
	if err != nil {
		t.Fatal(err)
	}
	changed := append([]byte(nil), data...)
	changed[len(changed)-2] ^= 1
	if err := os.WriteFile(filepath.Join(site, article), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(site, article), fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	got = keyOf(aged(later)).sums
	if got[article] != sha256.Sum256(changed) {
		t.Error("a file rewritten in place (same size, same modification time) kept its old sum")
	}
}
