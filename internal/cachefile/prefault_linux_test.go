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
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, make([]byte, 256*page), 0o644); err != nil {
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
	// From the middle of page 3 to the middle of page 200: pages 4-199.
	prefault(data[3*page+page/2 : 200*page+page/2])
	got := mappedRSS(t, addr) * 1024 / page
	// The kernel maps the file's neighbouring pages along (fault-around,
	// 16 pages): at least the 196 the slice covers whole, not the whole file.
	if got < 196 || got >= 256 {
		t.Errorf("%d pages resident after prefault, want the 196 the slice covers whole (and a few around)", got)
	}
}
