package site

import (
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
)

// index fills the taxonomy lists, the matrix, years, awards and rounds.
// Every list is built in one pass over the articles (newest first), so the
// lists stay sorted without re-sorting.
func (s *Site) index() {
	years := map[int]*Year{}
	rounds := map[int]*Round{}
	for _, a := range s.Articles {
		a.AreaRef.Articles = append(a.AreaRef.Articles, a)
		a.LocalityRef.Own = append(a.LocalityRef.Own, a)
		// The history rule: an article counts for its unit and for every
		// unit that unit was later merged into.
		for lo := range a.LocalityRef.Chain() {
			lo.Articles = append(lo.Articles, a)
			cell := a.AreaRef.Cells[lo.Slug]
			if cell == nil {
				cell = &Cell{Area: a.AreaRef, Locality: lo, URL: lo.URL + a.AreaRef.Slug + "/"}
				a.AreaRef.Cells[lo.Slug] = cell
			}
			cell.Articles = append(cell.Articles, a)
		}
		y := a.Date.Year()
		if years[y] == nil {
			years[y] = &Year{Year: y, URL: "/nam/" + strconv.Itoa(y) + "/"}
		}
		years[y].Articles = append(years[y].Articles, a)
		if a.Award != "" {
			s.Awarded = append(s.Awarded, a)
		}
		if e := a.Contest; e != nil {
			if r, ok := s.Config.Round(e.Round); ok {
				if rounds[r.Round] == nil {
					rounds[r.Round] = &Round{Round: r, URL: "/cuoc-thi/" + strconv.Itoa(r.Round) + "/"}
				}
				rounds[r.Round].Entries = append(rounds[r.Round].Entries, a)
			}
		}
	}
	for _, ar := range s.Areas {
		for _, lo := range s.Localities {
			if c := ar.Cells[lo.Slug]; c != nil {
				ar.ByLocality = append(ar.ByLocality, *c)
				lo.ByArea = append(lo.ByArea, *c)
			}
		}
	}
	// lo.ByArea was filled area by area, so it is already in area order.
	for _, ar := range s.Areas {
		ar.Units = ar.countUnits(s)
	}
	for _, y := range years {
		s.Years = append(s.Years, y)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
	for _, r := range rounds {
		// Entries oldest first: the jury reads them in order of publication.
		for i, j := 0, len(r.Entries)-1; i < j; i, j = i+1, j-1 {
			r.Entries[i], r.Entries[j] = r.Entries[j], r.Entries[i]
		}
		s.Rounds = append(s.Rounds, r)
	}
	sort.Slice(s.Rounds, func(i, j int) bool { return s.Rounds[i].Round.Round > s.Rounds[j].Round.Round })
	for i, a := range s.Articles {
		if i > 0 {
			a.Next = s.Articles[i-1]
		}
		if i+1 < len(s.Articles) {
			a.Prev = s.Articles[i+1]
		}
	}
}

// Cell returns the area × locality cell, or nil when it is empty.
func (s *Site) Cell(area, locality string) *Cell {
	if a := s.areaBy[area]; a != nil {
		return a.Cells[locality]
	}
	return nil
}

// LocalityBySlug returns a locality.
func (s *Site) LocalityBySlug(slug string) *Locality { return s.localityBy[slug] }

// relate picks 3–5 related articles for each article. Candidates are the
// nearest articles by date in the same locality and in the same area, so
// the cost is bounded per article, never quadratic in the site size; the
// best five are kept with an insertion into a fixed array, not a sort.
// Each article's pick reads only the lists, so the articles are shared
// out among the cores (0.1 s of a warm build at 10,000 articles on one).
func (s *Site) relate() { s.relateOn(min(runtime.GOMAXPROCS(0), max(1, len(s.Articles)/1000))) }

// relateOn is relate on the given number of goroutines.
func (s *Site) relateOn(workers int) {
	r := newRelater(s)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.relateEvery(w, workers)
		}()
	}
	wg.Wait()
}

// relater holds what relate reads of every article, packed by article
// index: a candidate is scored from these arrays, never through its
// article. At 50,000 articles the articles no longer fit in the
// processor's cache, and scoring through them took 0.89 s of CPU against
// 0.08 s at 10,000 (eleven times the work for five times the articles).
type relater struct {
	s        *Site
	info     []relInfo
	tags     []int32   // the articles' tag ids, each article's sorted, one after another
	tagsAt   []int32   // article i's tags are tags[tagsAt[i]:tagsAt[i+1]]
	locList  [][]int32 // each locality's own articles, newest first, by index
	areaList [][]int32 // each area's articles, newest first, by index
	posLoc   []int32   // article → its place in its locality's list
	posArea  []int32   // article → its place in its area's list
}

// relInfo is what relatedness compares of two articles.
type relInfo struct {
	loc, area int32 // the article's locality and area, by list number
	subject   int32 // its subject by number, -1 for none
	date      int64 // its date, Unix seconds
}

// newRelater packs what relate reads of the articles of s.
func newRelater(s *Site) *relater {
	n := len(s.Articles)
	r := &relater{s: s, info: make([]relInfo, n), tagsAt: make([]int32, n+1), posLoc: make([]int32, n), posArea: make([]int32, n)}
	for i, a := range s.Articles {
		a.idx = i
	}
	locs, areas := map[*Locality]int32{}, map[*Area]int32{}
	for i, a := range s.Articles {
		l, ok := locs[a.LocalityRef]
		if !ok {
			l = int32(len(r.locList))
			locs[a.LocalityRef] = l
			r.locList = append(r.locList, r.listOf(a.LocalityRef.Own, r.posLoc))
		}
		ar, ok := areas[a.AreaRef]
		if !ok {
			ar = int32(len(r.areaList))
			areas[a.AreaRef] = ar
			r.areaList = append(r.areaList, r.listOf(a.AreaRef.Articles, r.posArea))
		}
		r.info[i].loc, r.info[i].area = l, ar
	}
	tagIDs, subjects := map[string]int32{}, map[string]int32{}
	for i, a := range s.Articles {
		subject := int32(-1)
		if a.Subject != "" {
			id, ok := subjects[a.Subject]
			if !ok {
				id = int32(len(subjects))
				subjects[a.Subject] = id
			}
			subject = id
		}
		r.info[i].subject, r.info[i].date = subject, a.Date.Unix()
		from := len(r.tags)
		for _, t := range a.Tags {
			id, ok := tagIDs[t]
			if !ok {
				id = int32(len(tagIDs))
				tagIDs[t] = id
			}
			r.tags = append(r.tags, id)
		}
		slices.Sort(r.tags[from:])
		r.tagsAt[i+1] = int32(len(r.tags))
	}
	return r
}

// listOf returns list by article index, and records each article's place
// in it in pos.
func (r *relater) listOf(list []*Article, pos []int32) []int32 {
	out := make([]int32, len(list))
	for i, a := range list {
		out[i], pos[a.idx] = int32(a.idx), int32(i)
	}
	return out
}

// relateEvery relates every workers-th article from the first, on one
// core (see relate).
func (r *relater) relateEvery(first, workers int) {
	const window = 40 // candidates on each side, by date, in each list
	arts := r.s.Articles
	seen := make([]int, len(arts)) // stamp: 1 + index of the article being related
	for ai := first; ai < len(arts); ai += workers {
		stamp := ai + 1
		seen[ai] = stamp
		var top topRelated
		consider := func(list []int32, center int) {
			lo, hi := max(0, center-window), min(len(list), center+window+1)
			for _, bi := range list[lo:hi] {
				if seen[bi] != stamp {
					seen[bi] = stamp
					top.offer(related{arts[bi], r.relatedness(ai, int(bi)), dateDistance(r.info[ai].date, r.info[bi].date)})
				}
			}
		}
		consider(r.locList[r.info[ai].loc], int(r.posLoc[ai]))
		consider(r.areaList[r.info[ai].area], int(r.posArea[ai]))
		arts[ai].Related = top.articles()
	}
}

// relatedness scores article b as a related article of article a (by
// index): same unit 3, same area 2, one per shared tag, same subject 1.
func (r *relater) relatedness(a, b int) int {
	x, y := r.info[a], r.info[b]
	sc := 0
	if y.loc == x.loc {
		sc += 3
	}
	if y.area == x.area {
		sc += 2
	}
	sc += sharedIDs(r.tags[r.tagsAt[a]:r.tagsAt[a+1]], r.tags[r.tagsAt[b]:r.tagsAt[b+1]])
	if x.subject >= 0 && y.subject == x.subject {
		sc++
	}
	return sc
}

// dateDistance is the time between two dates, in Unix seconds.
func dateDistance(a, b int64) int64 {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d
}

// related is a candidate with its score and distance in time.
type related struct {
	a     *Article
	score int
	dist  int64
}

// better ranks by score, then the nearer in time, then by slug, so the
// choice never depends on the order candidates come in.
func (x related) better(y related) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	if x.dist != y.dist {
		return x.dist < y.dist
	}
	return x.a.Slug < y.a.Slug
}

// topRelated keeps the best five candidates offered, best first.
type topRelated struct {
	top [5]related
	n   int
}

// offer inserts c in its place if it is among the best five so far.
func (t *topRelated) offer(c related) {
	keep := len(t.top)
	if t.n == keep && !c.better(t.top[keep-1]) {
		return
	}
	i := min(t.n, keep-1)
	for i > 0 && c.better(t.top[i-1]) {
		t.top[i] = t.top[i-1]
		i--
	}
	t.top[i] = c
	if t.n < keep {
		t.n++
	}
}

// articles are the kept candidates, best first.
func (t *topRelated) articles() []*Article {
	out := make([]*Article, t.n)
	for i := range out {
		out[i] = t.top[i].a
	}
	return out
}

// sharedIDs counts the common elements of two sorted slices.
func sharedIDs(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
