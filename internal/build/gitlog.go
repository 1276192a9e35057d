package build

import (
	"path/filepath"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/content"
)

// The "last updated" dates come from `git log --name-only` over content/
// (content.SetModified), and the build's inputs include that history
// (inputsKey). Its cost grows with the history: 0.46 s at 2,000 commits
// of a 10,000-article site, and a build ran it twice (once for the key,
// once for the dates), most of a warm build. A commit's history never
// changes, so the log is kept in the build cache under the commit it was
// read from (content.GitState): a build from the same commit (an editor's
// uncommitted edits, a re-run, a deploy of a commit already built) asks
// git only which commit HEAD is, and a build from a new one reads the log
// once, for both uses.

// historyFile holds the last git log read, under <CacheDir>/build/.
const historyFile = "git-log.bin"

// historyKey is the cachefile key of the log of one git state.
func historyKey(state string) string { return "git-log-v1\x00" + state }

// gitHistory returns the git history of the site's content/ (the zero
// History outside git): from the build cache when it holds the log of the
// commit HEAD is now, else from git, then kept there. A cache that cannot
// be read or written only means reading the log from git.
func gitHistory(opts Options) *content.History {
	state, rev, ok := content.GitState(opts.Source)
	if !ok {
		return content.ReadHistory(opts.Source) // outside git, or no commit yet
	}
	dir := buildCacheDir(opts)
	key := historyKey(state)
	if data, err := cachefile.Read(filepath.Join(dir, historyFile), key); err == nil {
		if h, err := content.DecodeHistory(data); err == nil {
			return h
		}
	}
	// From rev, not HEAD: a commit made meanwhile must not be kept under
	// the state read before it.
	h := content.ReadHistoryAt(opts.Source, rev)
	if h.Key() != "" {
		_ = cachefile.Write(dir, historyFile, key, h.Encode())
	}
	return h
}
