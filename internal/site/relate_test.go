package site

import (
	"fmt"
	"testing"
	"testing/fstest"
)

// relatedThroughArticles is relate as it was written before its inputs
// were packed (relater): each candidate scored through its article. The
// packed relate must pick the same articles.
func relatedThroughArticles(s *Site) map[*Article][]*Article {
	const window = 40
	pos := map[*Article]int{}
	for _, lo := range s.Localities {
		for i, a := range lo.Own {
			pos[a] = i
		}
	}
	posArea := map[*Article]int{}
	for _, ar := range s.Areas {
		for i, a := range ar.Articles {
			posArea[a] = i
		}
	}
	shared := func(a, b []string) int { // a tag twice in both counts twice
		left := map[string]int{}
		for _, x := range a {
			left[x]++
		}
		n := 0
		for _, y := range b {
			if left[y] > 0 {
				left[y]--
				n++
			}
		}
		return n
	}
	score := func(a, b *Article) int {
		sc := 0
		if b.LocalityRef == a.LocalityRef {
			sc += 3
		}
		if b.AreaRef == a.AreaRef {
			sc += 2
		}
		sc += shared(a.Tags, b.Tags)
		if a.Subject != "" && b.Subject == a.Subject {
			sc++
		}
		return sc
	}
	out := map[*Article][]*Article{}
	for _, a := range s.Articles {
		seen := map[*Article]bool{a: true}
		var top topRelated
		consider := func(list []*Article, center int) {
			for _, b := range list[max(0, center-window):min(len(list), center+window+1)] {
				if !seen[b] {
					seen[b] = true
					top.offer(related{b, score(a, b), dateDistance(a.Date.Unix(), b.Date.Unix())})
				}
			}
		}
		consider(a.LocalityRef.Own, pos[a])
		consider(a.AreaRef.Articles, posArea[a])
		out[a] = top.articles()
	}
	return out
}

// variedRelatedFS is a site of n articles over two areas, three
// localities (one merged: its articles count for its successor too), two
// subjects or none, and tags repeated or not, on dates that collide: every
// part of the score and of the ties counts somewhere.
func variedRelatedFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{"content/_site.yaml": {Data: []byte(cfg)}}
	areas := []string{"kinh-te", "van-hoa-xa-hoi"}
	locs := []string{"tinh-an", "tinh-an-dong", "nghia-an", "an-phu-2025"}
	subjects := []string{"", "\nsubject: tap-the", "\nsubject: ca-nhan"}
	for i := 0; i < n; i++ {
		date := fmt.Sprintf("2024-%02d-%02d", 1+i*7%11, 1+i*13%28)
		if locs[i*5%4] != "nghia-an" {
			date = "2025-" + date[5:]
		}
		fsys[fmt.Sprintf("content/bai-viet/v%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: \"Bài %d\"\ndate: %s\narea: %s\nlocality: %s%s\ntags: [t%d, t%d, t%d]\n---\nNội dung %d.\n",
			i, date, areas[i*3%5%2], locs[i*5%4], subjects[i%3], i%4, i*7%6, i*11%5, i))}
	}
	return fsys
}

func TestRelatedAsThroughArticles(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{"related": relatedFS(240), "varied": variedRelatedFS(400)} {
		s := relatedSite(t, fsys, nil)
		want := relatedThroughArticles(s)
		s.relateOn(2)
		for _, a := range s.Articles {
			got := a.Related
			if len(got) != len(want[a]) {
				t.Errorf("%s, %s: %d related, want %d", name, a.Slug, len(got), len(want[a]))
				continue
			}
			for i := range got {
				if got[i] != want[a][i] {
					t.Errorf("%s, %s: related %d is %s, want %s", name, a.Slug, i, got[i].Slug, want[a][i].Slug)
				}
			}
		}
	}
}
