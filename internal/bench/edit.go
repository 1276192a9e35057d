package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Editor changes one article of a corpus the way an editor would (its
// title and its body), for measuring a rebuild after one edit, and puts it
// back afterwards.
type Editor struct {
	file     string // the article edited
	original []byte // its bytes before the first edit
	n        int    // edits so far
}

// NewEditor picks the first article (in path order) under root's
// content/bai-viet.
func NewEditor(root string) (*Editor, error) {
	var files []string
	dir := filepath.Join(root, "content", "bai-viet")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("tìm bài để sửa trong %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("không có bài nào trong %s", dir)
	}
	sort.Strings(files)
	data, err := os.ReadFile(files[0])
	if err != nil {
		return nil, err
	}
	return &Editor{file: files[0], original: data}, nil
}

// Edit gives the article a new title and one more paragraph; each call
// differs from the last, so each rebuild has work to do.
func (e *Editor) Edit() error {
	e.n++
	src := bytes.Replace(e.original, []byte(`title: "`), []byte(fmt.Sprintf(`title: "(Sửa lần %d) `, e.n)), 1)
	if bytes.Equal(src, e.original) {
		return fmt.Errorf("%s: không tìm thấy dòng title: \"…\"", e.file)
	}
	src = append(src, fmt.Sprintf("\nĐoạn viết thêm ở lần sửa thứ %d.\n", e.n)...)
	return os.WriteFile(e.file, src, 0o644)
}

// Restore puts the article back as it was.
func (e *Editor) Restore() error { return os.WriteFile(e.file, e.original, 0o644) }
