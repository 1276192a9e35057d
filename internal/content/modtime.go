package content

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// siteZone is the time zone of the site's readers: a commit's day is the
// day in Việt Nam.
var siteZone = time.FixedZone("ICT", 7*60*60)

// SetModified fills Article.Modified, the "last updated" date shown on an
// article, honestly: the lastmod key when the editor wrote one, else the
// newest commit that changed the article (or a file of its bundle) after
// the commit that added it, on a day after its publication date. Never the
// add commit's date (an imported 2019 entry added in 2026 was not updated
// in 2026), never a file time (a checkout sets them all to its own day),
// nothing for uncommitted changes (the same commit builds the same site).
//
// In a shallow clone the oldest commit visible for a file may not be the
// one that added it: it is treated as the add commit all the same, so a
// date may be missing there, but never wrong. One `git log` reads the
// history of the whole content folder.
func SetModified(root string, c *Content) { SetModifiedCached(root, c, nil) }

// SetModifiedCached is SetModified for a preview server or a build: the
// git history is read once per cache, unless the build already read it
// (Cache.KnownHistory).
func SetModifiedCached(root string, c *Content, cache *Cache) {
	var h *history
	if cache != nil {
		cache.gitOnce.Do(func() { cache.git = ReadHistory(root).parse() })
		h = cache.git
	} else {
		h = ReadHistory(root).parse()
	}
	for _, a := range c.Articles {
		a.Modified = time.Time{}
		switch {
		case !a.LastMod.IsZero():
			a.Modified = a.LastMod
		case h != nil && !a.Date.IsZero():
			a.Modified = h.updated(a)
		}
	}
}

// KnownHistory gives the cache the git history a build read moments ago
// (to key its inputs): SetModifiedCached then takes the dates from it and
// does not run git again. nil does nothing.
func (c *Cache) KnownHistory(h *History) {
	if h != nil {
		c.gitOnce.Do(func() { c.git = h.parse() })
	}
}

// history is what `git log` says of the content folder: for each file
// (slash path from the site root), the commits that changed it, newest
// first, as indexes into times.
type history struct {
	times   []time.Time      // commit times, newest first (topological order)
	commits map[string][]int // file → indexes into times, ascending
}

// updated returns the time of the newest commit that changed a after the
// commit that added it, if that commit's day (in Việt Nam) is after a's
// publication day; zero otherwise.
func (h *history) updated(a *Article) time.Time {
	newest, oldest := -1, -1
	see := func(p string) {
		for _, i := range h.commits[p] {
			if newest < 0 || i < newest {
				newest = i
			}
			if i > oldest {
				oldest = i
			}
		}
	}
	see(a.Path)
	for _, r := range a.Resources {
		see(a.Dir + "/" + r)
	}
	if newest < 0 || newest == oldest {
		return time.Time{} // unknown to git, or only added
	}
	t := h.times[newest].In(siteZone)
	if t.Format(time.DateOnly) <= a.Date.Format(time.DateOnly) {
		return time.Time{} // edits before publication
	}
	return t
}

// parseHistory reads `git log --format=@%ct --name-only` output; prefix is
// the site root inside the repository ("." at its top).
func parseHistory(data []byte, prefix string) *history {
	h := &history{commits: map[string][]int{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "@") {
			sec, _ := strconv.ParseInt(line[1:], 10, 64)
			h.times = append(h.times, time.Unix(sec, 0))
			continue
		}
		if line == "" || len(h.times) == 0 {
			continue
		}
		rel := line
		if prefix != "." {
			if !strings.HasPrefix(line, prefix+"/") {
				continue
			}
			rel = strings.TrimPrefix(line, prefix+"/")
		}
		h.commits[rel] = append(h.commits[rel], len(h.times)-1)
	}
	return h
}
