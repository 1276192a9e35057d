package content

import (
	"strings"
	"testing"
)

// entry is goodArticle published on date, entered in round 2019 (window
// 2019-01-01 … 2019-10-31 in testConfig) with the given original URL.
func entry(date, url string) string {
	src := strings.Replace(goodArticle, "date: 2019-06-14", "date: "+date, 1)
	c := "contest:\n  round: 2019\n  outlet: \"Đài\"\n  media: phat-thanh\n  genre: phong-su\n  duration: \"12:30\"\n"
	if url != "" {
		c += "  url: " + url + "\n"
	}
	return strings.Replace(src, "year: 2019\n", "year: 2019\n"+c, 1)
}

func TestContestRoundWindow(t *testing.T) {
	for _, tc := range []struct {
		date string
		ok   bool
	}{
		{"2018-12-31", false}, // the day before the round opens
		{"2019-01-01", true},  // first day
		{"2019-10-31", true},  // last day counts, whatever the time
		{"2019-10-31T23:30:00+07:00", true},
		{"2019-11-01", false}, // the day after it closes
	} {
		t.Run(tc.date, func(t *testing.T) {
			_, probs := load(t, map[string]string{"content/bai-viet/bai.md": entry(tc.date, "")})
			var got []Problem
			for _, p := range probs.Errors() {
				if p.Field == "date" {
					got = append(got, p)
				}
			}
			if tc.ok && len(got) > 0 {
				t.Errorf("rejected: %s", got[0].Error())
			}
			if !tc.ok {
				if len(got) != 1 || !strings.Contains(got[0].Msg, "đợt 2019") || !strings.Contains(got[0].Msg, "31/10/2019") {
					t.Errorf("want one window error naming the round and its end, got %v", got)
				}
				if len(got) == 1 && got[0].Line != 3 {
					t.Errorf("error at line %d, want the date line 3", got[0].Line)
				}
			}
		})
	}
}

func TestContestDuplicateOriginal(t *testing.T) {
	_, probs := load(t, map[string]string{
		"content/bai-viet/a.md": entry("2019-06-14", "https://example.org/phong-su/don-dien"),
		// Same work: case and a trailing slash do not make it another one.
		"content/bai-viet/b.md": entry("2019-07-01", "https://EXAMPLE.org/phong-su/don-dien/"),
		"content/bai-viet/c.md": entry("2019-07-02", "https://example.org/phong-su/khac"),
	})
	var dups []Problem
	for _, p := range probs.Errors() {
		if p.Field == "contest.url" {
			dups = append(dups, p)
		}
	}
	if len(dups) != 1 {
		t.Fatalf("want one duplicate error, got %d: %v", len(dups), dups)
	}
	if dups[0].File != "content/bai-viet/b.md" || !strings.Contains(dups[0].Msg, "content/bai-viet/a.md") {
		t.Errorf("the error should be on the second file and name the first: %s", dups[0].Error())
	}
}

func TestContestUnknownRound(t *testing.T) {
	src := strings.Replace(entry("2019-06-14", ""), "round: 2019", "round: 2018", 1)
	expectProblem(t, src, 9, "contest.round", "đợt thi 2018", "Đợt 2019")
}

func TestContestEntryFields(t *testing.T) {
	c, probs := load(t, map[string]string{"content/bai-viet/bai.md": strings.Replace(entry("2019-06-14", "https://example.org/x"), "  duration: \"12:30\"\n", "  duration: \"12:30\"\n  aired: 2019-06-20\n  prizes: [\"Giải Ba, cấp thành phố\"]\n", 1)})
	if probs.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", probs.Error())
	}
	e := c.Articles[0].Contest
	if e == nil || e.Round != 2019 || e.Media != "phat-thanh" || e.Genre != "phong-su" || e.Duration != "12:30" || e.URL != "https://example.org/x" {
		t.Fatalf("entry: %+v", e)
	}
	if e.Aired == nil || e.Aired.Format("2006-01-02") != "2019-06-20" || len(e.Prizes) != 1 || e.Prizes[0] != "Giải Ba, cấp thành phố" {
		t.Errorf("aired %v prizes %q", e.Aired, e.Prizes)
	}
}
