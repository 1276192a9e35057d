package content

import (
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/vi"
)

// Suggestions for a value that is not a code: editors write the name they
// know ("Kinh tế", "phường Nghĩa Lộ", "Nghia Lo") where the file needs the
// code (kinh-te, nghia-lo), or mistype a code (nghia-dungg).

// Closest returns the candidate within edit distance 2 of word (compared
// in lower case), or "": the suggestion for a mistyped key or command.
func Closest(word string, candidates []string) string { return closest(word, candidates) }

// suggestCode returns the code that value most likely means: the code
// itself in another spelling (vi.Slug), a code whose name (names) folds to
// the same words, or a code within edit distance 2.
func suggestCode(value string, codes []string, names func(code string) []string) string {
	slug, folded := vi.Slug(value), vi.Fold(strings.TrimSpace(value))
	for _, c := range codes {
		if c == slug {
			return c
		}
	}
	for _, c := range codes {
		for _, n := range names(c) {
			if n != "" && vi.Fold(n) == folded {
				return c
			}
		}
	}
	return closest(slug, codes)
}

// kindPrefixes are the ways an editor writes the kind of unit before its
// name, folded: "phường Nghĩa Lộ", "P. Nghĩa Lộ", "TP Quảng Ngãi".
var kindPrefixes = []string{"phuong ", "xa ", "thanh pho ", "tp. ", "tp ", "p. ", "x. "}

// localityByName returns the units whose name is value, folded, with or
// without the kind in front: several when a name was reused (the old and
// the new phường Nghĩa Lộ).
func localityByName(cfg *Config, value string) []Locality {
	f := vi.Fold(strings.Join(strings.Fields(value), " "))
	for _, p := range kindPrefixes {
		if strings.HasPrefix(f, p) {
			f = strings.TrimSpace(f[len(p):])
			break
		}
	}
	var out []Locality
	for _, l := range cfg.Localities {
		if vi.Fold(l.Name) == f {
			out = append(out, l)
		}
	}
	return out
}

// suggestLocality returns what to tell an editor who wrote value where a
// locality code goes: the code it means (the unit that existed on date
// when the name was reused) and a note on the other units of that name.
func suggestLocality(cfg *Config, value string, date time.Time) (code, note string) {
	units := localityByName(cfg, value)
	if len(units) == 0 {
		codes := make([]string, 0, len(cfg.Localities))
		for _, l := range cfg.Localities {
			codes = append(codes, l.Slug)
		}
		return closest(vi.Slug(value), codes), ""
	}
	best := units[0]
	if !date.IsZero() {
		for _, l := range units {
			if l.ValidOn(date) {
				best = l
				break
			}
		}
	}
	var others []string
	for _, l := range units {
		if l.Slug == best.Slug {
			continue
		}
		if p := LocalityPeriod(l); p != "" {
			others = append(others, l.Slug+" ("+l.FullName()+", "+p+")")
		} else {
			others = append(others, l.Slug+" ("+l.FullName()+")")
		}
	}
	if len(others) > 0 {
		note = "; cùng tên còn có " + strings.Join(others, ", ")
	}
	return best.Slug, note
}

// LocalityPeriod says when a unit existed: "đến 30/06/2025", "từ
// 01/07/2025", "01/12/2024–30/06/2025", or "" when always.
func LocalityPeriod(l Locality) string {
	switch {
	case l.ValidFrom != nil && l.ValidTo != nil:
		return showDate(*l.ValidFrom) + "–" + showDate(*l.ValidTo)
	case l.ValidTo != nil:
		return "đến " + showDate(*l.ValidTo)
	case l.ValidFrom != nil:
		return "từ " + showDate(*l.ValidFrom)
	}
	return ""
}
