package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The "last updated" dates come from one `git log --name-only` over
// content/ (SetModified). Its cost grows with the history: 0.46 s at
// 2,000 commits of a 10,000-article site. A commit's log never changes,
// so a build keeps it under the commit it was read from (GitState), and
// from a commit that descends from that one in a line, reads only the
// commits since (ReadHistorySince).

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
	return readLog(root, prefix, rev)
}

// readLog is the history of the commit rev, the site root being at prefix
// in its repository.
func readLog(root, prefix, rev string) *History {
	data, err := gitLog(root, rev)
	if err != nil {
		return &History{}
	}
	return &History{inGit: true, prefix: prefix, log: data}
}

// gitLog runs the `git log` dates are read from, over content/, for revs
// (a commit, or a range of them). --topo-order: a file's add commit is
// its last; --no-renames: a renamed file starts a new history (and a
// blobless clone, as Netlify makes, need not fetch file contents to detect
// renames). --no-replace-objects: the history is what the commits say,
// whatever refs/replace says (GitState does not look there).
func gitLog(root, revs string) ([]byte, error) {
	return exec.Command("git", "--no-replace-objects", "-C", root, "-c", "core.quotePath=false", "log", "--topo-order", "--format=@%ct", "--name-only", "--no-renames", revs, "--", "content").Output()
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

// GitState says which log ReadHistoryAt(root, state.Commit) reads,
// without reading it. ok is false outside a git checkout, or before its
// first commit. One `git rev-parse`: a few milliseconds.
type GitState struct {
	Commit string // HEAD's commit
	// View is what else decides what git shows of the commits before
	// Commit: the site root's place in the repository, and the sums of a
	// shallow clone's boundary and of the grafts file.
	View   string
	prefix string // the site root's place, as ReadGitState found it (not kept in a cache)
}

// ReadHistory runs one `git log` over content/ from the state's commit;
// st must come from ReadGitState.
func (st GitState) ReadHistory(root string) *History { return readLog(root, st.prefix, st.Commit) }

// ReadGitState returns the git state of the site root. Git gives the
// shallow and grafts files' paths relative to the root, or absolute.
func ReadGitState(root string) (GitState, bool) {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--show-toplevel", "--git-path", "shallow", "--git-path", "info/grafts", "--verify", "HEAD").Output()
	if err != nil {
		return GitState{}, false
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 {
		return GitState{}, false
	}
	prefix, ok := prefixIn(root, lines[0])
	if !ok {
		return GitState{}, false
	}
	view := prefix
	for _, f := range lines[1:3] {
		if !filepath.IsAbs(f) {
			f = filepath.Join(root, f)
		}
		data, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return GitState{}, false
		}
		sum := sha256.Sum256(data)
		view += "\x00" + hex.EncodeToString(sum[:])
	}
	return GitState{Commit: lines[3], View: view, prefix: prefix}, true
}

// ReadHistorySince returns the log of rev from base, the log of old, when
// rev descends from old in a line (each commit since has one parent): the
// log of the commits since, then base, which is byte for byte the log git
// prints from rev (TestReadHistorySince). ok is false otherwise (a merge,
// a rewritten history): the caller reads the whole log.
func ReadHistorySince(root, old, rev string, base *History) (h *History, ok bool) {
	if base == nil || !base.inGit {
		return nil, false
	}
	if rev == old {
		return base, true
	}
	out, err := exec.Command("git", "--no-replace-objects", "-C", root, "rev-list", "--parents", old+".."+rev).Output()
	if err != nil {
		return nil, false
	}
	// Newest first: rev, its parent, …, the child of old.
	want := rev
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 || f[0] != want {
			return nil, false
		}
		want = f[1]
	}
	if want != old {
		return nil, false
	}
	data, err := gitLog(root, old+".."+rev)
	if err != nil {
		return nil, false
	}
	log := make([]byte, 0, len(data)+len(base.log))
	return &History{inGit: true, prefix: base.prefix, log: append(append(log, data...), base.log...)}, true
}
