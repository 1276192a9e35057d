package build

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/quangngai/danvan/internal/buildid"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// contentCacheFile holds the parsed articles under <CacheDir>/build/; the
// rendered Markdown is split into site's markdown-NN.bin files beside it.
const contentCacheFile = "content.bin"

// oldContentCacheFile is the content cache before the record layout
// (oldCacheFiles).
const oldContentCacheFile = "content.gob"

// diskCaches are the parse and Markdown caches of the command line, read
// from and saved to <CacheDir>/build/ so a rebuild redoes only the work of
// the files that changed.
type diskCaches struct {
	dir     string          // <CacheDir>/build
	key     string          // the program's own hash: any change of code invalidates the caches
	content *content.Cache  // parsed articles by file hash
	bodies  *site.BodyCache // rendered Markdown by body hash and link targets
}

// openCaches reads the saved caches. Every problem is a warning on log:
// the build then starts with whatever could be read, or empty caches.
func openCaches(opts Options, log io.Writer) *diskCaches {
	key, err := programKey()
	if err != nil {
		warn(log, fmt.Errorf("không dùng được bộ đệm giữa các lần dựng: %w", err))
		return nil
	}
	dc := &diskCaches{dir: buildCacheDir(opts), key: key}
	c, err := content.LoadHashedCache(filepath.Join(dc.dir, contentCacheFile), key)
	warn(log, err)
	dc.content = c
	bc, err := site.LoadBodyCache(dc.dir, key)
	warn(log, err)
	dc.bodies = bc
	return dc
}

// save writes what changed. Entries are keyed by content, so saving before
// the output is written (or when it later fails) is still correct.
func (dc *diskCaches) save(log io.Writer, bodies bool) {
	if dc == nil {
		return
	}
	if dc.content.Changed() {
		warn(log, dc.content.SaveFile(dc.dir, contentCacheFile, dc.key))
	}
	if bodies {
		warn(log, dc.bodies.Save(dc.dir, dc.key))
	}
}

// release empties the caches once saved: the Markdown cache holds the HTML
// and text of every article (about 170 MB at 10k), which the build drops
// from the articles as soon as it can.
func (dc *diskCaches) release() {
	if dc != nil {
		dc.bodies.Reset()
	}
}

// programKey identifies the running danvan: parsing and rendering are
// what its code makes them, so a cache written by another build of danvan
// is not used (buildid is the one definition of "the same program").
func programKey() (string, error) { return buildid.Running() }

// warn prints a non-fatal problem of the caches.
func warn(log io.Writer, err error) {
	if err != nil && log != nil {
		fmt.Fprintf(log, "cảnh báo: %v\n", err)
	}
}
