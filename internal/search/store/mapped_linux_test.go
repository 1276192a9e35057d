package store_test

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/search/searchtest"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
)

// residentUnder sums the resident kilobytes of this process's mappings
// of files under dir (/proc/self/smaps).
func residentUnder(t *testing.T, dir string) int {
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
			in = len(fields) >= 6 && strings.HasPrefix(fields[5], dir+"/")
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
	if residentUnder(t, store.IndexDir(st)) == 0 {
		t.Fatal("no resident pages of the index after reading it: nothing to test (are segments still mmapped by zap?)")
	}
	return st, s, p
}

// The pages of the segments a read touched leave the process's resident
// memory, and the index reads the same afterwards.
func TestReleaseMapped(t *testing.T) {
	st, s, want := readIndex(t)
	store.ReleaseMapped(st)
	if n := residentUnder(t, store.IndexDir(st)); n != 0 {
		t.Errorf("%d KiB of the index still resident after releaseMapped", n)
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
	index := int64(residentUnder(t, store.IndexDir(st))) << 10
	if got := store.ResidentFile(); got < index {
		t.Errorf("residentFile() = %d bytes, less than the index's own resident pages (%d bytes)", got, index)
	}
}
