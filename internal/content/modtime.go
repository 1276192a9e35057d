package content

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SetModified fills Article.Modified: the time of the last git commit that
// touched the article (or any file of its bundle) when root is a git
// checkout, else the file's modification time. One `git log` call covers
// the whole site.
func SetModified(root string, c *Content) { SetModifiedCached(root, c, nil) }

// SetModifiedCached is SetModified for a preview server: the git history
// is read once per cache (an edit in progress is uncommitted, so its file
// time applies anyway).
func SetModifiedCached(root string, c *Content, cache *Cache) {
	var commits map[string]time.Time
	if cache != nil {
		cache.gitOnce.Do(func() { cache.git = gitTimes(root) })
		commits = cache.git
	} else {
		commits = gitTimes(root)
	}
	for _, a := range c.Articles {
		if cache != nil && a.Dir == "" {
			// The cache stamped the file time when it read the file.
			if m, ok := commits[a.Path]; ok {
				a.Modified = m.UTC()
			}
			continue
		}
		var t time.Time
		paths := []string{a.Path}
		if a.Dir != "" {
			for _, r := range a.Resources {
				paths = append(paths, a.Dir+"/"+r)
			}
		}
		for _, p := range paths {
			m, ok := commits[p]
			if !ok {
				if fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err == nil {
					m = fi.ModTime()
				}
			}
			if m.After(t) {
				t = m
			}
		}
		a.Modified = t.UTC()
	}
}

// gitTimes maps each file under content/ (slash paths relative to root) to
// the time of the newest commit that changed it. Uncommitted changes are
// not in the map, so they fall back to the file time.
func gitTimes(root string) map[string]time.Time {
	out := map[string]time.Time{}
	top, err := exec.Command("git", "-C", root, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return out
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return out
	}
	absRoot, _ = filepath.EvalSymlinks(absRoot)
	prefix, err := filepath.Rel(strings.TrimSpace(string(top)), absRoot)
	if err != nil || strings.HasPrefix(prefix, "..") {
		return out
	}
	cmd := exec.Command("git", "-C", root, "log", "--format=@%ct", "--name-only", "--no-renames", "--", "content")
	data, err := cmd.Output()
	if err != nil {
		return out
	}
	dirty := map[string]bool{}
	if st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--", "content").Output(); err == nil {
		for _, l := range strings.Split(string(st), "\n") {
			if len(l) > 3 {
				dirty[strings.TrimSpace(l[3:])] = true
			}
		}
	}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "@") {
			sec, _ := strconv.ParseInt(line[1:], 10, 64)
			when = time.Unix(sec, 0)
			continue
		}
		if line == "" {
			continue
		}
		rel := line
		if prefix != "." {
			r, err := filepath.Rel(prefix, line)
			if err != nil || strings.HasPrefix(r, "..") {
				continue
			}
			rel = filepath.ToSlash(r)
		}
		if _, seen := out[rel]; !seen && !dirty[line] {
			out[rel] = when
		}
	}
	return out
}
