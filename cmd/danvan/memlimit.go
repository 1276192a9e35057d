package main

import (
	"os"
	"runtime/debug"
)

// setMemoryLimit gives the Go runtime a soft memory limit sized to the
// site's articles, unless the user set GOMEMLIMIT. The build calls it once
// it has counted them, before it reads them (build.Options.Sized): the
// input listing has them, where a walk of its own cost 10 ms at 10,000
// articles, before anything else could start. The collector lets the
// heap grow to twice the live data between cycles, and no further than
// the limit: where the live data nears half the limit (the search export
// of a cold build), the limit is most of a build's peak RSS. The rest
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
//
// The collector keeps Go's own GOGC (100): the heap then reaches the
// limit only where the live data nears half of it. Under GOGC=400 (stops
// 40-43) the heap sat at the limit through most of a cold build, and the
// runtime kept giving pages back to the system (madvise: 4.1 s of CPU at
// 50,000 articles, 0.5 s at 10,000) and faulting them in again; a build
// faults in every page its heap grows by, which costs on a virtual machine
// (a warm 10,000-article build spent a fifth of its CPU in page faults).
// Scale runs of 3 rounds, one after the other, 2026-12-07: 10,000 articles
// 10.0-11.1 s and 617-716 MiB against 10.7-12.2 s and 738 MiB; 50,000
// articles 55.6-60.5 s against 60.2-69.1 s, 2,703 MiB both. Warm
// 10,000-article rebuilds, 12 alternating: 1.56 s against 1.64 s (median).
func setMemoryLimit(articles int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(memoryLimit(articles)))
	}
}

// memoryLimit is the soft memory limit of a build of the given number of
// articles (see setMemoryLimit).
func memoryLimit(articles int) int {
	const (
		base       = 230 << 20 // runtime, templates, search tables
		perArticle = 48 << 10  // body, rendered HTML, text, search postings
	)
	return base + articles*perArticle
}

// firstHugeHeap is how much heap address space is advised for huge pages
// before the articles are counted: all a 10,000-article build's heap uses
// (hugeHeapFor(10,000) is 874 MiB), so that builds of that size never
// advise more, which costs a collection that gives back every free page.
const firstHugeHeap = 1 << 30

// hugeHeapFor is how much heap address space a build of the given number
// of articles uses: a quarter more than its memory limit, since the
// collector's free pages lie between the live ones (a 50,000-article cold
// build spread its heap over 2.9 GB of addresses under a 2.57 GB limit).
func hugeHeapFor(articles int) int {
	return memoryLimit(articles) * 5 / 4
}
