package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/quangngai/danvan/internal/cachefile/recordtest"
)

// A cached export with every field set is read back equal, through the
// file exportCache keeps; so is one without a Base.
func TestExportRecordRoundTrip(t *testing.T) {
	var full exportState
	recordtest.Fill(t, &full)
	for name, want := range map[string]*exportState{"full": &full, "no base": {Key: "k", URLs: []string{"/a/"}}, "empty": {}} {
		c := &exportCache{path: filepath.Join(t.TempDir(), "export.bin")}
		if err := c.put(want); err != nil {
			t.Fatal(err)
		}
		got, err := c.get()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", name, got, want)
		}
	}
}

// A read begun ahead (Prefetch) is what the next get returns, unless a
// state was put since: then get reads the file again, and returns what was
// put, not the state the read ahead found.
func TestExportReadAhead(t *testing.T) {
	c := &exportCache{path: filepath.Join(t.TempDir(), "export.bin")}
	first, second := &exportState{Key: "một", URLs: []string{"/a/"}}, &exportState{Key: "hai", URLs: []string{"/b/"}}
	if err := c.put(first); err != nil {
		t.Fatal(err)
	}
	c.readAhead()
	if c.ahead == nil {
		t.Fatal("readAhead began no read")
	}
	got, err := c.get()
	if err != nil || got.Key != first.Key || c.ahead != nil {
		t.Fatalf("get after readAhead: %+v, %v (read still pending: %v)", got, err, c.ahead != nil)
	}
	c.readAhead()
	done := <-c.ahead // the read ahead is over, and found the first state
	c.ahead <- done
	if err := c.put(second); err != nil {
		t.Fatal(err)
	}
	if got, err = c.get(); err != nil || !reflect.DeepEqual(got, second) {
		t.Fatalf("get after a put: %+v, %v; want %+v", got, err, second)
	}
}
