package store_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// residentSegments sums the resident kilobytes of this process's
// mappings of the index's segments, the files under dir named *.zap
// (/proc/self/smaps). Not root.bolt: scorch's persister and merger read
// it through their own mapping whenever they run, also after an update
// has returned, and one CI run in about a hundred (reproduced under load:
// 7 of 800 runs, every time root.bolt) found a few of its pages back
// after the release. The segments are what releaseMapped is for: they
// are the index's size.
func residentSegments(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && strings.HasPrefix(fields[5], dir+"/") && strings.HasSuffix(fields[5], ".zap")
		case in && len(fields) >= 2 && fields[0] == "Rss:":
			kb, _ := strconv.Atoi(fields[1])
			sum += kb
		}
	}
	return sum
}

// readIndex indexes a 300-article site in a store on disk (closed when t
// ends) and reads all of it back, which maps and touches every segment;
// it fails t when none of the index is resident after that.
func readIndex(t *testing.T) (*store.Store, *site.Site, *static.Postings) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "search"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := searchtest.SynthSite(300, 13)
	if _, err := st.Update(s); err != nil {
		t.Fatal(err)
	}
	p, err := store.BlevePostings(st, s)
	if err != nil {
		t.Fatal(err)
	}
	if residentSegments(t, store.IndexDir(st)) == 0 {
		t.Fatal("no resident pages of the index's segments after reading it: nothing to test (are segments still mmapped by zap?)")
	}
	return st, s, p
}

// releaseOnEveryCPU calls releaseMapped from a thread bound to each CPU
// the process may run on, in turn. MADV_PAGEOUT only takes pages off the
// kernel's page lists, and a page the kernel has just added (a segment
// scorch wrote a moment ago) waits in the adding CPU's batch first; the
// call empties the batch of the CPU it runs on only. A single call left
// 8 KiB of a segment resident in 2 of 1,500 runs on this 2-core machine
// under load.
func releaseOnEveryCPU(t *testing.T, st *store.Store) {
	t.Helper()
	var allowed unix.CPUSet
	if err := unix.SchedGetaffinity(0, &allowed); err != nil {
		t.Fatalf("the CPUs this process may use: %v", err)
	}
	for cpu := 0; cpu < 8*int(unsafe.Sizeof(allowed)); cpu++ {
		if !allowed.IsSet(cpu) {
			continue
		}
		errc := make(chan error)
		go func() {
			// The thread stays locked: it ends with the goroutine,
			// and its binding with it.
			runtime.LockOSThread()
			var one unix.CPUSet
			one.Set(cpu)
			if err := unix.SchedSetaffinity(0, &one); err != nil {
				errc <- fmt.Errorf("binding a thread to CPU %d: %w", cpu, err)
				return
			}
			store.ReleaseMapped(st)
			errc <- nil
		}()
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
}

// The pages of the segments a read touched leave the process's resident
// memory, and the index reads the same afterwards.
func TestReleaseMapped(t *testing.T) {
	st, s, want := readIndex(t)
	releaseOnEveryCPU(t, st)
	if n := residentSegments(t, store.IndexDir(st)); n != 0 {
		t.Errorf("%d KiB of the index's segments still resident after releaseMapped", n)
	}
	got, err := store.BlevePostings(st, s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the index reads differently after its pages were released")
	}
}

// The measure the release budget is compared with (residentFile, from
// /proc/self/statm) counts the index's resident pages: were it blind to
// them, the budget would never be passed and the index would stay
// resident.
func TestResidentFileCountsTheIndex(t *testing.T) {
	st, _, _ := readIndex(t)
	index := int64(residentSegments(t, store.IndexDir(st))) << 10
	if got := store.ResidentFile(); got < index {
		t.Errorf("residentFile() = %d bytes, less than the index's own resident pages (%d bytes)", got, index)
	}
}
