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
