package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A build works in folders beside the output: ".public.tmp-<pid>-<n>"
// (the new output being written) and, rarely, ".public.old-<pid>-<n>" (the
// old output waiting to be deleted). A build that is killed leaves its
// folder behind — 40 MB each at 10k articles, 516 MB after 13 kills — so
// every build first removes the ones left by builds that are gone. Only
// danvan's own are touched: the name says which process made the folder,
// and a marker file inside says it again with the machine, so a folder of
// a build still running (here or on another machine sharing the disk), or
// anything else that merely looks alike, is never removed.

// markerFile is the marker inside a work folder. It is removed from the
// new output just before the output is swapped into place.
const markerFile = ".danvan-dang-dung"

// workDir creates a work folder of the given kind ("tmp" or "old") beside
// dest, with its marker.
func workDir(dest, kind string) (string, error) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	dir, err := os.MkdirTemp(parent, fmt.Sprintf(".%s.%s-%d-", base, kind, os.Getpid()))
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte(markerText()), 0o644); err != nil {
		// A full disk creates the marker and refuses its bytes: an
		// unmarked folder no later build would recognise.
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// markerText names this process and machine.
func markerText() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("danvan %d %s\n", os.Getpid(), host)
}

// workName matches the names workDir makes for dest's base name.
func workName(base string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.(tmp|old)-(\d+)-\d+$`)
}

// legacyName matches work folders of builds before markers existed.
func legacyName(base string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.(tmp|old)-\d+$`)
}

// removeLeftovers deletes the work folders beside dest left by builds of
// this machine whose process is gone. Nothing here fails a build: what
// cannot be removed is a warning.
func removeLeftovers(dest string, warn func(error)) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	ours, legacy := workName(base), legacyName(base)
	host, _ := os.Hostname()
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		m := ours.FindStringSubmatch(e.Name())
		if m == nil {
			if legacy.MatchString(e.Name()) {
				warn(fmt.Errorf("thư mục %s có vẻ do một lần dựng cũ bị dừng giữa chừng để lại; nếu không còn lần dựng nào đang chạy, hãy xóa nó", dir))
			}
			continue
		}
		pid, _ := strconv.Atoi(m[2])
		mark, err := os.ReadFile(filepath.Join(dir, markerFile))
		if err != nil || string(mark) != fmt.Sprintf("danvan %d %s\n", pid, host) || !processGone(pid) {
			continue // not ours, another machine's, or still running
		}
		if err := removeTree(dir); err != nil {
			warn(fmt.Errorf("không xóa được thư mục tạm %s của một lần dựng đã dừng: %w", dir, err))
		}
	}
}

// removeTree deletes dir, first making its folders writable where a
// read-only one stops the deletion (they are this user's own).
func removeTree(dir string) error {
	if err := os.RemoveAll(dir); err == nil {
		return nil
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// writable reports whether files can be created in dir and in each of its
// folders one level down: the spare, the old output, may have been made
// read-only, and a build that finds out half-way fails.
func writable(dir string) error {
	dirs := []string{dir}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(dir, e.Name()))
		}
	}
	for _, d := range dirs {
		f, err := os.CreateTemp(d, ".danvan-thu-*")
		if err != nil {
			return err
		}
		f.Close()
		if err := os.Remove(f.Name()); err != nil {
			return err
		}
	}
	return nil
}

// permissionError reports whether err is a refusal to write.
func permissionError(err error) bool {
	return errors.Is(err, fs.ErrPermission) || strings.Contains(fmt.Sprint(err), "read-only file system")
}
