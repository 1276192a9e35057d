package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// setMemoryLimit gives the Go runtime a soft memory limit sized to the
// site, unless the user set GOMEMLIMIT. Without it the collector lets the
// heap grow to twice the live data between cycles; with it the heap grows
// up to the limit, so the limit is most of a build's peak RSS. The rest
// lies outside Go's heap: bleve's segment files, mapped while the search
// export reads them (23 MiB at 10,000 articles since the word pairs and
// exact forms moved to the store's side terms, which live in the heap; 170
// MiB before; the store releases them past 512 MiB, store.mappedBudget).
// Measured since (2026-12-06): peak 662 MiB at 10,000 articles, 2,601 MiB
// at 50,000. Before, the live heap peaked at about 31 KiB per
// article (1,526 MB at 50,000, at the end of the Markdown stage: `danvan
// build --memprofile`). Measured 50,000-article cold builds: 48 KiB per
// article peaked at 3,030 MiB, 40 KiB at 2,845 MiB; 32 KiB spent about a
// third more CPU collecting. The limit is soft: a bigger site than the
// estimate only makes the collector run more often.
//
// Under the limit the collector runs at GOGC=400 (unless the user set
// GOGC): a build whose heap stays far below the limit, as a warm build's
// does (about 300 MB at 10,000 articles), is collected a quarter as often.
// A warm 10,000-article rebuild spent 0.15 s less CPU (1.32 -> 1.20 s of
// user time, six alternating runs); a cold build's peak is the limit's, as
// before (677 MB at 10,000 either way).
func setMemoryLimit(source string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	n := 0
	_ = filepath.WalkDir(filepath.Join(source, "content", "bai-viet"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return nil
	})
	const (
		base       = 230 << 20 // runtime, templates, search tables
		perArticle = 40 << 10  // body, rendered HTML, text, search postings
	)
	debug.SetMemoryLimit(int64(base + n*perArticle))
}

// gcPercent is the collector's GOGC under the memory limit (setMemoryLimit).
const gcPercent = 400
