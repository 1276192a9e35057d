package site

import (
	"slices"
	"sort"
)

// The order in which the contest pages and the jury export list media and
// genres: the order of the contest rules (print first, then online, radio,
// television), not the alphabet, so the page and the spreadsheet read the
// same way as the entry forms.
var (
	mediaOrder = []string{"bao-in", "bao-dien-tu", "phat-thanh", "truyen-hinh"}
	genreOrder = []string{"phong-su", "ky-su", "ghi-chep", "phan-anh", "binh-luan", "tin", "phim-tai-lieu", "anh"}
)

// MediaGroup is one media kind of a contest round with its genres.
type MediaGroup struct {
	Media  string       // media slug
	Count  int          // entries of this media
	Genres []GenreGroup // in genreOrder
}

// GenreGroup is one genre within a media kind.
type GenreGroup struct {
	Genre   string          // genre slug
	Entries []NumberedEntry // oldest first
}

// NumberedEntry is a contest entry with its number (số thứ tự) in the round.
type NumberedEntry struct {
	N int // 1-based, across the whole round in group order
	*Article
}

// GroupEntries groups a round's entries by media then genre and numbers
// them in that order. The round page (render) and the jury export
// (internal/report) both use it, so an entry has the same number on the
// page and in the spreadsheet.
func GroupEntries(entries []*Article) []MediaGroup {
	rank := func(order []string, s string) int {
		if i := slices.Index(order, s); i >= 0 {
			return i
		}
		return len(order) // validation rejects unknown slugs; keep them last anyway
	}
	sorted := slices.Clone(entries)
	// Stable: within a genre, entries keep the round's order (oldest first).
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Contest, sorted[j].Contest
		if ra, rb := rank(mediaOrder, a.Media), rank(mediaOrder, b.Media); ra != rb {
			return ra < rb
		}
		if a.Media != b.Media {
			return a.Media < b.Media
		}
		if ra, rb := rank(genreOrder, a.Genre), rank(genreOrder, b.Genre); ra != rb {
			return ra < rb
		}
		return a.Genre < b.Genre
	})
	var out []MediaGroup
	for i, a := range sorted {
		e := a.Contest
		if len(out) == 0 || out[len(out)-1].Media != e.Media {
			out = append(out, MediaGroup{Media: e.Media})
		}
		m := &out[len(out)-1]
		if len(m.Genres) == 0 || m.Genres[len(m.Genres)-1].Genre != e.Genre {
			m.Genres = append(m.Genres, GenreGroup{Genre: e.Genre})
		}
		g := &m.Genres[len(m.Genres)-1]
		g.Entries = append(g.Entries, NumberedEntry{N: i + 1, Article: a})
		m.Count++
	}
	return out
}
