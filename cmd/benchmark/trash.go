package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// trash keeps what the benchmark is done with (outputs, caches, clones,
// old corpora) until the whole run ends, moved aside by one rename, instead
// of deleting it between timed builds. Deleting tens of thousands of files
// just before a build slowed the build's own file creation on this
// project's machines, whichever tool ran next: their disk is ext4 without a
// journal, where the inode allocator skips, for every new file, each inode
// freed in the last minute (five while its block is unwritten: ext4's
// recently_deleted), one buffer lookup each. A cold 10,000-article danvan
// build took 12.25 s (3.1 s of system time) into a quiet disk and 16.17 s
// (8.4 s) just after a 10k output had been deleted (2026-12-06; a CPU
// profile of the second put 15 % of all samples in find_get_block_common
// and recently_deleted). Hugo, run after danvan's output was deleted, paid
// the same toll. A journaled disk (Netlify's, most editors') does not make
// that check.
type trash struct {
	dir string // work/trash: emptied when the run ends
	n   int    // things put in it so far
}

func newTrash(work string) *trash { return &trash{dir: filepath.Join(work, "trash")} }

// put moves path, if it exists, into the trash.
func (t *trash) put(path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return nil
	}
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		return err
	}
	for {
		t.n++
		to := filepath.Join(t.dir, fmt.Sprint(t.n))
		if _, err := os.Lstat(to); err == nil {
			continue // left by a run that was stopped before it emptied its trash
		}
		if err := os.Rename(path, to); err != nil {
			return fmt.Errorf("set %s aside: %w", path, err)
		}
		return nil
	}
}

// empty deletes everything in the trash: once, when nothing is timed any
// more. It then writes the freed inodes out (sync) and notes the time,
// for the next run's settle.
func (t *trash) empty() error {
	if err := os.RemoveAll(t.dir); err != nil {
		return err
	}
	syscall.Sync()
	return os.WriteFile(t.emptied(), []byte(time.Now().UTC().Format(time.RFC3339Nano)), 0o644)
}

// emptied is the file that says when a run last emptied its trash.
func (t *trash) emptied() string { return filepath.Join(filepath.Dir(t.dir), "trash-emptied") }

// quiet is how long after a trash is emptied the disk allocates inodes as
// fast as if nothing had been deleted: recently_deleted's five minutes for
// an unwritten block, and one more. (The sync should cut that to a minute;
// measured, it did not: 10k builds 1.5 to 4.5 minutes after a million
// files were deleted and synced took 17.6 s with 9.3 s of system time,
// against 12.3 s and 3.2 s on a quiet disk, recently_deleted and
// find_get_block_common still 6.4 % of the last one's profile.)
const quiet = 6 * time.Minute

// settle waits, before anything is timed, until the trash the last run
// emptied no longer slows file creation (quiet); a run right after
// another would otherwise time its first builds on a disk still skipping
// the inodes the last one freed.
func (t *trash) settle(log func(format string, args ...any)) {
	data, err := os.ReadFile(t.emptied())
	if err != nil {
		return
	}
	at, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(data)))
	if err != nil {
		return
	}
	if wait := quiet - time.Since(at); wait > 0 {
		log("waiting %v: the last run deleted its files %v ago\n", wait.Round(time.Second), time.Since(at).Round(time.Second))
		time.Sleep(wait)
	}
}
