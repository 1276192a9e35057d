package render

import (
	"sort"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// EntryGroups are the entries of the round page, grouped.
func (p *Page) EntryGroups() []site.MediaGroup {
	if p.Round == nil {
		return nil
	}
	return site.GroupEntries(p.Round.Entries)
}

// RoundSummary is one configured contest round for the contest index.
type RoundSummary struct {
	Info   content.Round     // the round as configured: number, name, window
	Round  *site.Round       // the round with its entries, or nil when it has none
	Groups []site.MediaGroup // entries by media, for the counts
}

// ContestRounds lists every round of _site.yaml, newest first, with its
// entries when it has any: a round with no entries yet still shows, so
// journalists see that it is open.
func (p *Page) ContestRounds() []RoundSummary {
	by := map[int]*site.Round{}
	for _, r := range p.Site.Rounds {
		by[r.Round.Round] = r
	}
	var out []RoundSummary
	for _, r := range p.Site.Config.Contest.Rounds {
		rs := RoundSummary{Info: r, Round: by[r.Round]}
		if rs.Round != nil {
			rs.Groups = site.GroupEntries(rs.Round.Entries)
		}
		out = append(out, rs)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Info.Round > out[j].Info.Round })
	return out
}
