package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/quangngai/danvan/internal/content"
)

// watchedDirs are the folders of a site root whose changes trigger a rebuild.
var watchedDirs = []string{"content", "layouts", "static"}

// watcher watches every folder under the site's source folders. Editors
// that save by writing a temp file and renaming it produce Create/Rename
// events on the folder, which is why folders, not files, are watched.
type watcher struct {
	root string
	fw   *fsnotify.Watcher
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("theo dõi thay đổi: %w", err)
	}
	w := &watcher{root: root, fw: fw}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that vanished meanwhile
		}
		if d.IsDir() {
			_ = w.fw.Add(p)
		}
		return nil
	})
}

func (w *watcher) close() { _ = w.fw.Close() }

// watch coalesces bursts of events (editors save several files, or one
// file several times) and rebuilds once per burst.
func (s *Server) watch(ctx context.Context, w *watcher) {
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		changed = map[string]bool{}
	)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name)
				}
			}
			rel, _ := filepath.Rel(w.root, ev.Name)
			changed[filepath.ToSlash(rel)] = true
			if timer == nil {
				timer = time.NewTimer(s.opts.Delay)
			} else {
				timer.Reset(s.opts.Delay)
			}
			fire = timer.C
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.opts.Log, "theo dõi thay đổi: %v\n", err)
			// Events may have been lost: read every file again.
			s.contentCache.InvalidateAll()
		case <-fire:
			fire = nil
			s.onChange(changed)
			changed = map[string]bool{}
		}
	}
}

// ignored skips editor droppings: swap files, backups, hidden files.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasPrefix(base, "#")
}

func (s *Server) onChange(changed map[string]bool) {
	start := time.Now()
	patched, err := s.apply(changed)
	names := make([]string, 0, len(changed))
	for p := range changed {
		names = append(names, p)
	}
	sort.Strings(names)
	if err != nil {
		fmt.Fprintf(s.opts.Log, "dựng lại: %v\n", err)
		return
	}
	s.mu.RLock()
	errs := s.errs
	s.mu.RUnlock()
	if errs != nil {
		fmt.Fprintf(s.opts.Log, "Có lỗi sau khi sửa %s:\n%s\n", strings.Join(names, ", "), errs.Error())
		return
	}
	how := "Đã dựng lại"
	if patched {
		how = "Đã cập nhật bài"
	}
	fmt.Fprintf(s.opts.Log, "%s sau khi sửa %s: %s\n", how, strings.Join(names, ", "), time.Since(start).Round(100*time.Microsecond))
}

// apply brings the server up to the changed files (slash paths from the
// site root): by patching the current build when only article bodies
// changed (patched is true), by a rebuild otherwise.
func (s *Server) apply(changed map[string]bool) (patched bool, err error) {
	cssOnly, contentOnly, bodies := true, true, true
	var names []string
	for p := range changed {
		names = append(names, p)
		s.contentCache.Invalidate(p)
		if !strings.HasPrefix(p, "content/") {
			contentOnly = false
		}
		if !(strings.HasPrefix(p, "static/") && strings.HasSuffix(p, ".css")) {
			cssOnly = false
		}
		if !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".yaml") {
			// Images or templates: cached Markdown may hold old sizes.
			s.bodyCache.Reset()
		}
		if !strings.HasPrefix(p, content.ArticleDir+"/") || !strings.HasSuffix(p, ".md") {
			bodies = false
		}
	}
	if bodies && s.patch(names) {
		return true, nil
	}
	return false, s.rebuildWith(cssOnly, contentOnly)
}
