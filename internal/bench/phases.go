package bench

import (
	"fmt"
	"sort"

	"github.com/quangngai/danvan/internal/search/static"
)

// Phases is where the time of one danvan search went: moments in ms after
// the keystroke, read from the page's Resource Timing and the measuring
// MutationObserver. A search fetches the index files it lacks (search.js
// Index.get: term shards, pair buckets, word lists), ranks, asks for its
// first result's record alone (Page.show, ahead of the others), and draws
// it; the results are on screen at the next frame (QueryFigure.Ms). A
// moment that did not come (no file fetched: earlier queries had loaded
// them all) is -1.
type Phases struct {
	IndexFiles int     // index files fetched
	Index      float64 // the last of them in
	Asked      float64 // the first result's record asked for
	Record     float64 // that record in
	Drawn      float64 // the first change to the results
}

// phasesJS reads a search's Phases in the page: the Resource Timing entries
// of files under dir (static.FilesDir) started since t0, a record file
// being the one named rec<k>.json (static.Manifest.Path with
// static.KindRecords); drawn is the moment of the first change.
const phasesJS = `((t0, drawn, dir, rec) => {
	const path = e => new URL(e.name).pathname, isRec = e => new RegExp("/" + rec + "\\d+\\.json$").test(path(e));
	const es = performance.getEntriesByType("resource").filter(e => e.startTime >= t0 && path(e).startsWith(dir));
	const first = es.filter(isRec).sort((a, b) => a.startTime - b.startTime)[0];
	const index = es.filter(e => !isRec(e) && (!first || e.startTime <= first.startTime));
	return [index.length, index.length ? Math.max(...index.map(e => e.responseEnd)) - t0 : -1,
		first ? first.startTime - t0 : -1, first ? first.responseEnd - t0 : -1, drawn < 0 ? -1 : drawn - t0];
})`

// phasesArgs are the arguments phasesJS takes after t0 and drawn, as JS.
var phasesArgs = fmt.Sprintf("%q, %q", "/"+static.FilesDir, static.KindRecords)

// phasesOf reads Phases from what danvanQuery returns after its two
// latencies.
func phasesOf(v []float64) Phases {
	if len(v) < 7 {
		return Phases{IndexFiles: -1, Index: -1, Asked: -1, Record: -1, Drawn: -1}
	}
	return Phases{IndexFiles: int(v[2]), Index: v[3], Asked: v[4], Record: v[5], Drawn: v[6]}
}

// PhaseFigures are the medians of how long each step of a danvan search
// took (Phases), each over the queries where the step happened.
type PhaseFigures struct {
	Queries    int     // queries with Phases
	IndexFiles float64 // index files fetched per query
	Index      float64 // keystroke → last index file in (queries that fetched one)
	Rank       float64 // → first record asked for (from the last index file in, or the keystroke)
	Record     float64 // → that record in
	Draw       float64 // → first change to the results (from the record in, else the step before)
	Frame      float64 // → on screen (QueryFigure.Ms)
}

func (p PhaseFigures) String() string {
	return fmt.Sprintf("medians over %d queries: %.0f index files fetched, the last in %.1f ms after the keystroke; ranked and the first record asked for %.1f ms later; in %.1f ms later; drawn %.1f ms later; on screen %.1f ms later",
		p.Queries, p.IndexFiles, p.Index, p.Rank, p.Record, p.Draw, p.Frame)
}

// summarizePhases sums up the Phases of qs (queries without them, Pagefind's,
// are left out).
func summarizePhases(qs []QueryFigure) PhaseFigures {
	var files, index, rank, record, draw, frame []float64
	n := 0
	for _, q := range qs {
		p := q.Phases
		if p.IndexFiles < 0 || p.Drawn < 0 {
			continue
		}
		n++
		files = append(files, float64(p.IndexFiles))
		last := 0.0 // the step before, as a moment
		if p.IndexFiles > 0 && p.Index >= 0 {
			index = append(index, p.Index)
			last = p.Index
		}
		if p.Asked >= 0 && p.Record >= 0 {
			rank = append(rank, p.Asked-last)
			record = append(record, p.Record-p.Asked)
			last = p.Record
		}
		draw = append(draw, p.Drawn-last)
		frame = append(frame, q.Ms-p.Drawn)
	}
	return PhaseFigures{Queries: n, IndexFiles: median(files), Index: median(index), Rank: median(rank), Record: median(record), Draw: median(draw), Frame: median(frame)}
}

// median is the middle value of xs (the upper one of an even count), or
// -1 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
