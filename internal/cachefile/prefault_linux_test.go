package cachefile

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/quangngai/danvan/internal/testenv"
	"golang.org/x/sys/unix"
)

// mappedRSS is the resident size, in KiB, of this process's mapping that
// starts at addr (/proc/self/smaps).
func mappedRSS(t *testing.T, addr uintptr) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := fmt.Sprintf("%x-", addr)
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = strings.HasPrefix(fields[0], want)
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatalf("no mapping at %#x", addr)
	return 0
}

// prefault maps in the pages of a mapped file's payload before anything
// reads them.
func TestPrefaultMapsThePayloadIn(t *testing.T) {
	dir := t.TempDir()
	page := os.Getpagesize()
	// Whether the kernel takes the advice at all, on a file of its own.
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, make([]byte, page), 0o644); err != nil {
		t.Fatal(err)
	}
	pdata, prelease, err := mapFile(probe)
	if err != nil {
		t.Fatal(err)
	}
	defer prelease()
	if err := unix.Madvise(pdata, unix.MADV_POPULATE_READ); err != nil {
		testenv.Need(t, fmt.Errorf("this kernel does not take MADV_POPULATE_READ (Linux 5.14): %w", err))
	}
	// A file far larger than the slice, so that "not the whole file" means
	// something whatever the kernel maps along with each fault.
	const filePages, first, last = 8192, 4000, 4200
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, make([]byte, filePages*page), 0o644); err != nil {
		t.Fatal(err)
	}
	data, release, err := mapFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	if got := mappedRSS(t, addr); got != 0 {
		t.Fatalf("%d KiB resident before any read", got)
	}
	// From the middle of page first-1 to the middle of page last: the pages
	// first..last-1 are covered whole.
	prefault(data[(first-1)*page+page/2 : last*page+page/2])
	got := mappedRSS(t, addr) * 1024 / page
	// The kernel maps neighbouring pages along: fault-around (64 KiB by
	// default) and, on a file system with large folios (ext4 since Linux
	// 6.16, tmpfs with huge pages), a whole folio of up to 2 MiB on each
	// side. A CI machine mapped a whole 1 MiB file in for a slice of 196
	// pages, so the bound allows a 2 MiB folio at each end and no more.
	whole := last - first
	around := 2 * (2 << 20) / page
	if got < whole || got > whole+around {
		t.Errorf("%d pages resident after prefault, want the %d the slice covers whole and at most %d around them (the file has %d)", got, whole, around, filePages)
	}
}
