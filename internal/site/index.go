package site

import (
	"runtime"
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
	for i, a := range s.Articles {
		a.idx = i
	}
	posLoc, posArea := s.listPositions()
	tags := tagIDs(s.Articles)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.relateEvery(w, workers, posLoc, posArea, tags)
		}()
	}
	wg.Wait()
}

// relateEvery relates every workers-th article from the first, on one
// core (see relate).
func (s *Site) relateEvery(first, workers int, posLoc, posArea []int, tags [][]int) {
	const window = 40                    // candidates on each side, by date, in each list
	seen := make([]int, len(s.Articles)) // stamp: 1 + index of the article being related
	for ai := first; ai < len(s.Articles); ai += workers {
		a := s.Articles[ai]
		stamp := ai + 1
		seen[ai] = stamp
		var top topRelated
		consider := func(list []*Article, center int) {
			lo, hi := max(0, center-window), min(len(list), center+window+1)
			for _, b := range list[lo:hi] {
				if seen[b.idx] != stamp {
					seen[b.idx] = stamp
					top.offer(related{b, relatedness(a, b, tags), dateDistance(a, b)})
				}
			}
		}
		consider(a.LocalityRef.Own, posLoc[ai])
		consider(a.AreaRef.Articles, posArea[ai])
		a.Related = top.articles()
	}
}

// listPositions returns where each article (by idx) stands in its
// locality's own list and in its area's list.
func (s *Site) listPositions() (posLoc, posArea []int) {
	posLoc = make([]int, len(s.Articles))
	posArea = make([]int, len(s.Articles))
	for _, lo := range s.Localities {
		for i, a := range lo.Own {
			posLoc[a.idx] = i
		}
	}
	for _, ar := range s.Areas {
		for i, a := range ar.Articles {
			posArea[a.idx] = i
		}
	}
	return posLoc, posArea
}

// tagIDs returns each article's tags as sorted ids, so shared tags are
// counted by a merge, not by comparing strings pairwise.
func tagIDs(articles []*Article) [][]int {
	ids := map[string]int{}
	tags := make([][]int, len(articles))
	for i, a := range articles {
		for _, t := range a.Tags {
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			tags[i] = append(tags[i], id)
		}
		sort.Ints(tags[i])
	}
	return tags
}

// relatedness scores b as a related article of a: same unit 3, same area
// 2, one per shared tag, same subject 1.
func relatedness(a, b *Article, tags [][]int) int {
	sc := 0
	if b.LocalityRef == a.LocalityRef {
		sc += 3
	}
	if b.AreaRef == a.AreaRef {
		sc += 2
	}
	sc += sharedIDs(tags[a.idx], tags[b.idx])
	if a.Subject != "" && b.Subject == a.Subject {
		sc++
	}
	return sc
}

// dateDistance is the time between two articles, in seconds.
func dateDistance(a, b *Article) int64 {
	d := a.Date.Unix() - b.Date.Unix()
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
func sharedIDs(a, b []int) int {
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
