package site

import "time"

// What a reader is told about a unit that no longer exists. Every page that
// names today's unit ("nay thuộc", the matrix, the chips, the report's
// "hiện nay") asks these methods, which walk the history with Chain.

// On returns the unit of l's history that existed on day t: l itself when
// it did, else the first unit it was merged into that did. When none did
// (an article dated before its unit was created), l itself: which of the
// predecessors it belonged to is not known.
func (l *Locality) On(t time.Time) *Locality {
	for u := range l.Chain() {
		if u.ValidOn(t) {
			return u
		}
	}
	return l
}

// Today is the unit that holds l's articles today: the end of l's merge
// history when that unit still exists, or nil when the history ends in a
// unit that was dissolved without a successor (the city level, which
// ceased to be an administrative unit on 1/7/2025). A current unit is its
// own Today.
func (l *Locality) Today() *Locality {
	if f := l.Final(); f.Current {
		return f
	}
	return nil
}

// Via lists the units between l and Final, oldest first: the steps a
// reader needs to follow the history ("xã Nghĩa An, then xã An Phú of
// 2024, now xã An Phú"). Empty when l was merged once or never.
func (l *Locality) Via() []*Locality {
	var chain []*Locality
	for u := range l.Chain() {
		chain = append(chain, u)
	}
	if len(chain) <= 2 {
		return nil
	}
	return chain[1 : len(chain)-1]
}

// UnitGroup is a unit that exists today with every unit whose history
// ends in it (merged into it directly or through another unit).
type UnitGroup struct {
	Unit   *Locality   // a current unit
	Former []*Locality // the units merged into it, in the site's order
}

// UnitsToday groups every unit under the unit that holds its articles
// today, one group per current unit in the site's order; units whose
// history ends in a dissolved unit (the city level) are returned apart, in
// ended, since no unit of today holds them.
func (s *Site) UnitsToday() (groups []UnitGroup, ended []*Locality) {
	at := map[*Locality]int{}
	for _, l := range s.Localities {
		if l.Current {
			at[l] = len(groups)
			groups = append(groups, UnitGroup{Unit: l})
		}
	}
	for _, l := range s.Localities {
		if l.Current {
			continue
		}
		if t := l.Today(); t != nil {
			g := &groups[at[t]]
			g.Former = append(g.Former, l)
		} else {
			ended = append(ended, l)
		}
	}
	return groups, ended
}

// UnitCount is the number of articles of an area that a unit had: each
// article counts once, for the unit that existed on its publication date.
type UnitCount struct {
	*Cell     // the unit's cell of the area (its page lists predecessors' articles too)
	Count int // articles counted for this unit
}

// countUnits counts the area's articles per unit, each article once, for
// the unit valid on its date (so the counts add up to the area's total),
// in the site's order of units.
func (a *Area) countUnits(s *Site) []UnitCount {
	n := map[*Locality]int{}
	for _, art := range a.Articles {
		n[art.LocalityRef.On(art.Date)]++
	}
	var out []UnitCount
	for _, l := range s.Localities {
		if n[l] > 0 {
			out = append(out, UnitCount{Cell: a.Cells[l.Slug], Count: n[l]})
		}
	}
	return out
}
