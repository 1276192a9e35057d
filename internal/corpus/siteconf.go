package corpus

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// siteConf is the part of content/_site.yaml the generator needs. It is
// parsed leniently (unknown keys ignored): the content package is the strict
// reader, this only has to pick valid slugs and dates.
type siteConf struct {
	Areas      []string
	Localities []locality
	Rounds     []round
}

type locality struct {
	Slug, Kind, Name string
	From, To         string // "YYYY-MM-DD" or "" when open
}

type round struct {
	Round    int
	From, To string // "YYYY-MM-DD"
}

// validOn reports whether the unit existed on day d ("YYYY-MM-DD"), as
// content.Locality.ValidOn does.
func (l locality) validOn(d string) bool {
	return (l.From == "" || d >= l.From) && (l.To == "" || d <= l.To)
}

// fullName is the unit with its kind, lower-case, for running text:
// "xã Nghĩa Dũng", "phường Trần Phú", "thành phố Quảng Ngãi".
func (l locality) fullName() string {
	switch l.Kind {
	case "phuong":
		return "phường " + l.Name
	case "xa":
		return "xã " + l.Name
	}
	return lowerFirst(l.Name)
}

func (r round) contains(d string) bool { return d >= r.From && d <= r.To }

type rawSite struct {
	Areas []struct {
		Slug string `yaml:"slug"`
	} `yaml:"areas"`
	Localities []struct {
		Slug      string `yaml:"slug"`
		Kind      string `yaml:"kind"`
		Name      string `yaml:"name"`
		ValidFrom string `yaml:"valid_from"`
		ValidTo   string `yaml:"valid_to"`
	} `yaml:"localities"`
	Contest struct {
		Rounds []struct {
			Round int    `yaml:"round"`
			From  string `yaml:"from"`
			To    string `yaml:"to"`
		} `yaml:"rounds"`
	} `yaml:"contest"`
}

// parseSite reads the areas, localities and contest rounds of _site.yaml.
func parseSite(src []byte) (*siteConf, error) {
	var raw rawSite
	if err := yaml.Unmarshal(src, &raw); err != nil {
		return nil, fmt.Errorf("content/_site.yaml: %w", err)
	}
	sc := &siteConf{}
	for _, a := range raw.Areas {
		if a.Slug != "" {
			sc.Areas = append(sc.Areas, a.Slug)
		}
	}
	for _, l := range raw.Localities {
		if l.Slug == "" || l.Name == "" {
			continue
		}
		from, err := day(l.ValidFrom)
		if err != nil {
			return nil, fmt.Errorf("content/_site.yaml: locality %s valid_from: %w", l.Slug, err)
		}
		to, err := day(l.ValidTo)
		if err != nil {
			return nil, fmt.Errorf("content/_site.yaml: locality %s valid_to: %w", l.Slug, err)
		}
		sc.Localities = append(sc.Localities, locality{Slug: l.Slug, Kind: l.Kind, Name: l.Name, From: from, To: to})
	}
	for _, r := range raw.Contest.Rounds {
		from, err1 := day(r.From)
		to, err2 := day(r.To)
		if err1 != nil || err2 != nil || from == "" || to == "" || r.Round == 0 {
			continue // the strict loader reports it; no entries for this round
		}
		sc.Rounds = append(sc.Rounds, round{Round: r.Round, From: from, To: to})
	}
	if len(sc.Areas) == 0 {
		return nil, fmt.Errorf("content/_site.yaml: no areas")
	}
	if len(sc.Localities) == 0 {
		return nil, fmt.Errorf("content/_site.yaml: no localities")
	}
	return sc, nil
}

// day normalises a YAML date (YYYY-MM-DD or RFC 3339) to "YYYY-MM-DD".
func day(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("bad date %q", s)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) || !unicode.IsLetter(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
