package main

import (
	"os"
	"runtime/debug"
)

// setMemoryLimit gives the Go runtime a soft memory limit sized to the
// site's articles, unless the user set GOMEMLIMIT. The build calls it once
// it has counted them, before it reads them (build.Options.Sized): the
// input listing has them, where a walk of its own cost 10 ms at 10,000
// articles, before anything else could start. Without a limit the
// collector lets the heap grow to twice the live data between cycles; with it the heap grows
// up to the limit, so the limit is most of a build's peak RSS. The rest
// lies outside Go's heap: bleve's segment files, mapped while the search
// export reads them (the store releases them past 512 MiB,
// store.mappedBudget).
//
// The live heap peaked in the search export, at about 32 KiB per article
// (1,640 MB at 50,000: `danvan build --memprofile`), with the collector's
// goal hardly above it at 40 KiB of limit per article: 63 collections in
// one 50,000-article build, about 30 of them in the export's last nine
// seconds. Since the export lets the side terms, the fields' postings and,
// in a cold build, the texts go, it peaks at about 26 KiB per article,
// as the end of the Markdown stage does (1,270 and 1,320 MB at 50,000 in
// GODEBUG=gctrace=1, stop 38).
// Cold builds measured on 2026-12-06, one each, the same program: at
// 50,000 articles 40 KiB took 82.2 s and peaked at 2,514 MiB, 48 KiB 69.3 s
// and 2,705 MiB; at 10,000 articles, two each, 40 KiB 16.4 and 13.4 s at
// 662-686 MiB, 48 KiB 12.3 and 13.1 s at 737-739 MiB. The limit is soft:
// a bigger site than the estimate only makes the collector run more often.
func setMemoryLimit(articles int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	const (
		base       = 230 << 20 // runtime, templates, search tables
		perArticle = 48 << 10  // body, rendered HTML, text, search postings
	)
	debug.SetMemoryLimit(int64(base + articles*perArticle))
}

// setGCPercent sets the collector to gcPercent at the start of a build,
// unless the user set GOGC or GOMEMLIMIT (then the runtime's own settings
// stand). Under the memory limit (setMemoryLimit), a build whose heap
// stays far below it, as a warm build's does (about 300 MB at 10,000
// articles), is then collected a quarter as often: a warm 10,000-article
// rebuild spent 0.15 s less CPU (1.32 -> 1.20 s of user time, six
// alternating runs).
func setGCPercent() {
	if os.Getenv("GOMEMLIMIT") == "" && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// gcPercent is the collector's GOGC under the memory limit (setMemoryLimit).
const gcPercent = 400
