package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Stamp records the last completed build for `danvan search`, which reads
// that build's export instead of indexing the site again: where the
// export is, which version, and a sum of the content it was built from, so
// the command can say when content changed since. It lives beside the
// index, in <cache>/search/built.json.
type Stamp struct {
	Dest    string    `json:"dest"`    // the output directory, absolute
	Version string    `json:"version"` // the export's version (Manifest.Version)
	Built   time.Time `json:"built"`   // when the build finished
	Content string    `json:"content"` // build.ContentSum of the site when the build read it
	Drafts  bool      `json:"drafts"`  // the build included drafts
}

// stampFile is the name of the stamp in the search cache directory.
const stampFile = "built.json"

// WriteStamp records st in the search cache directory dir (replacing the
// previous stamp in one rename).
func WriteStamp(dir string, st Stamp) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("ghi dấu lần dựng: %w", err)
	}
	tmp := filepath.Join(dir, stampFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("ghi dấu lần dựng: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, stampFile)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("ghi dấu lần dựng: %w", err)
	}
	return nil
}

// ReadStamp reads the stamp of the last build from dir; nil when there is
// none (no build yet, or one from before stamps).
func ReadStamp(dir string) (*Stamp, error) {
	data, err := os.ReadFile(filepath.Join(dir, stampFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st Stamp
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, stampFile), err)
	}
	return &st, nil
}
