package corpus

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A real site is a git repository with years of history, and danvan reads
// it: the "last updated" dates come from `git log` over content/, whose
// cost grows with the number of commits. A corpus without history would
// hide that cost, so Commit gives one a history like a newsroom's: the
// site's frame first, then the articles a few at a time, a day apart.

// historyStart is the date of a corpus's first commit.
var historyStart = time.Date(2018, 1, 2, 9, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

// Commit makes the corpus in dir a git repository whose history adds
// every file outside content/bai-viet/ in one commit, then the articles in
// path order, perCommit in each commit, one day after another. The same
// corpus and perCommit give the same commits. It uses git fast-import: a
// 10,000-article history of 2,000 commits is written in seconds.
func Commit(dir string, perCommit int) error {
	if perCommit < 1 {
		return fmt.Errorf("corpus: perCommit must be at least 1 (got %d)", perCommit)
	}
	var frame, articles []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(rel, "content/bai-viet/") {
			articles = append(articles, rel)
		} else {
			frame = append(frame, rel)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("corpus: history: %w", err)
	}
	slices.Sort(frame)
	slices.Sort(articles)
	git := func(stdin func(w *bufio.Writer) error, args ...string) error {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "core.autocrlf=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		var errs strings.Builder
		cmd.Stderr = &errs
		if stdin == nil {
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("corpus: git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errs.String()))
			}
			return nil
		}
		in, err := cmd.StdinPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("corpus: git %s: %w", strings.Join(args, " "), err)
		}
		w := bufio.NewWriterSize(in, 1<<20)
		werr := stdin(w)
		if werr == nil {
			werr = w.Flush()
		}
		in.Close()
		if err := cmd.Wait(); err != nil {
			return fmt.Errorf("corpus: git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errs.String()))
		}
		return werr
	}
	if err := git(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	stream := func(w *bufio.Writer) error {
		when := historyStart
		commit := func(msg string, files []string) error {
			fmt.Fprintf(w, "commit refs/heads/main\ncommitter Ban biên tập <bbt@example.vn> %d +0700\ndata %d\n%s\n", when.Unix(), len(msg), msg)
			for _, f := range files {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n", f, len(data))
				w.Write(data)
				w.WriteByte('\n')
			}
			when = when.AddDate(0, 0, 1)
			return nil
		}
		if err := commit("Khung trang: cấu hình, giao diện, trang tĩnh", frame); err != nil {
			return err
		}
		for i := 0; i < len(articles); i += perCommit {
			batch := articles[i:min(i+perCommit, len(articles))]
			if err := commit(fmt.Sprintf("Thêm %d bài", len(batch)), batch); err != nil {
				return err
			}
		}
		return nil
	}
	if err := git(stream, "fast-import", "--quiet"); err != nil {
		return err
	}
	// The files are in place already: the index is made to match HEAD.
	return git(nil, "reset", "-q")
}
