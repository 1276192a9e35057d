package content

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
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

// History is the git history of content/ that dates are read from: one
// `git log` as git printed it, and the site root's place in the
// repository. The zero History (a site outside git) gives no dates.
type History struct {
	inGit  bool   // the site root is in a git checkout whose log was read
	prefix string // the site root's slash path inside the repository ("." at its top)
	log    []byte // `git log --format=@%ct --name-only` of content/
}

// ReadHistory runs one `git log` over content/, from HEAD.
func ReadHistory(root string) *History { return ReadHistoryAt(root, "HEAD") }

// ReadHistoryAt runs one `git log` over content/ from the commit rev.
func ReadHistoryAt(root, rev string) *History {
	top, err := exec.Command("git", "-C", root, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return &History{}
	}
	prefix, ok := prefixIn(root, strings.TrimSpace(string(top)))
	if !ok {
		return &History{}
	}
	// --topo-order: a file's add commit is its last; --no-renames: a
	// renamed file starts a new history (and a blobless clone, as
	// Netlify makes, need not fetch file contents to detect renames).
	// --no-replace-objects: the history is what the commits say, whatever
	// refs/replace says (GitState does not look there).
	data, err := exec.Command("git", "--no-replace-objects", "-C", root, "-c", "core.quotePath=false", "log", "--topo-order", "--format=@%ct", "--name-only", "--no-renames", rev, "--", "content").Output()
	if err != nil {
		return &History{}
	}
	return &History{inGit: true, prefix: prefix, log: data}
}

// prefixIn is the slash path of the site root inside the repository whose
// top folder is top; false when the root is not inside it.
func prefixIn(root, top string) (string, bool) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	absRoot, _ = filepath.EvalSymlinks(absRoot)
	prefix, err := filepath.Rel(top, absRoot)
	if err != nil || strings.HasPrefix(prefix, "..") {
		return "", false
	}
	return filepath.ToSlash(prefix), true
}

// Key identifies everything SetModified reads besides the articles
// themselves: "" outside git. Two builds of the same files with the same
// key show the same dates, whatever else was committed or checked out,
// and whatever the files' times.
func (h *History) Key() string {
	if h == nil || !h.inGit {
		return ""
	}
	sum := sha256.New()
	io.WriteString(sum, h.prefix+"\x00")
	sum.Write(h.log)
	return hex.EncodeToString(sum.Sum(nil))
}

// parse reads the log; nil outside git.
func (h *History) parse() *history {
	if h == nil || !h.inGit {
		return nil
	}
	return parseHistory(h.log, h.prefix)
}

// HistoryKey is the Key of the history of content/ now.
func HistoryKey(root string) string { return ReadHistory(root).Key() }

// Encode is the history as bytes for a cache (DecodeHistory); a history
// outside git has none.
func (h *History) Encode() []byte {
	return append([]byte(h.prefix+"\x00"), h.log...)
}

// DecodeHistory is the history Encode made.
func DecodeHistory(data []byte) (*History, error) {
	prefix, log, ok := bytes.Cut(data, []byte{0})
	if !ok || len(prefix) == 0 {
		return nil, errors.New("bản ghi lịch sử git hỏng")
	}
	return &History{inGit: true, prefix: string(prefix), log: log}, nil
}

// GitState names the history ReadHistoryAt(root, rev) reads, without
// reading it: the commit rev (HEAD), the site root's place in the
// repository, and the files that can change what git shows of the commits
// before it (a shallow clone's boundary, grafts). The same state gives the
// same log. ok is false outside a git checkout, or before its first
// commit. One `git rev-parse`: a few milliseconds, where `git log
// --name-only` over 2,000 commits took 0.46 s.
func GitState(root string) (state, rev string, ok bool) {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--path-format=absolute", "--show-toplevel", "--git-path", "shallow", "--git-path", "info/grafts", "--verify", "HEAD").Output()
	if err != nil {
		return "", "", false
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 {
		return "", "", false
	}
	prefix, ok := prefixIn(root, lines[0])
	if !ok {
		return "", "", false
	}
	rev = lines[3]
	state = rev + "\x00" + prefix
	for _, f := range lines[1:3] {
		data, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", "", false
		}
		sum := sha256.Sum256(data)
		state += "\x00" + hex.EncodeToString(sum[:])
	}
	return state, rev, true
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
