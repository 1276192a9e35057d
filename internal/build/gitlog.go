package build

import (
	"path/filepath"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/content"
)

// The build's inputs include the git history of content/ (inputsKey), and
// the "last updated" dates come from it (content.SetModified). It is read
// once per build, and kept in the build cache under the commit it was
// read from (content.GitState): a build from the same commit (an editor's
// uncommitted edits, a re-run, a deploy of a commit already built) asks
// git only which commit HEAD is, and a build from a commit made since, in
// a line, reads only the commits since. At 2,000 commits of a
// 10,000-article site, the whole log took 0.46 s, and a build read it
// twice.

// historyFile holds the last git log read, under <CacheDir>/build/.
const historyFile = "git-log.bin"

// historyKey is the cachefile key of historyFile.
const historyKey = "git-log-v1"

// gitHistory returns the git history of the site's content/ (the zero
// History outside git): the cached one when HEAD is still its commit, or
// it extended by the commits since, else the whole log from git; then
// keeps it. A cache that cannot be read or written only means reading the
// log from git.
func gitHistory(opts Options) *content.History {
	state, ok := content.ReadGitState(opts.Source)
	if !ok {
		return &content.History{} // outside git, or no commit yet: no dates
	}
	dir := buildCacheDir(opts)
	var h *content.History
	if was, prev, err := loadHistory(dir); err == nil && was.View == state.View {
		if was.Commit == state.Commit {
			return prev
		}
		h, _ = content.ReadHistorySince(opts.Source, was.Commit, state.Commit, prev)
	}
	if h == nil {
		// From the state's commit, not HEAD: a commit made meanwhile
		// must not be kept under the state read before it.
		h = state.ReadHistory(opts.Source)
	}
	if h.Key() != "" {
		saveHistory(dir, state, h)
	}
	return h
}

// loadHistory reads the history kept in dir and the state it was read at.
func loadHistory(dir string) (content.GitState, *content.History, error) {
	file := filepath.Join(dir, historyFile)
	payload, err := cachefile.Read(file, historyKey)
	if err != nil {
		return content.GitState{}, nil, err
	}
	d := cachefile.NewDecoder(payload)
	state := content.GitState{Commit: d.String(), View: d.String()}
	data := d.Bytes()
	if err := d.Err(file); err != nil {
		return content.GitState{}, nil, err
	}
	h, err := content.DecodeHistory(data)
	return state, h, err
}

// saveHistory keeps h, the log of state, in dir.
func saveHistory(dir string, state content.GitState, h *content.History) {
	e := cachefile.NewEncoder(0)
	e.String(state.Commit)
	e.String(state.View)
	e.Bytes(h.Encode())
	_ = e.Write(dir, historyFile, historyKey)
}
