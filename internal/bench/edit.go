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
	es, err := NewEditors(root, 1)
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// NewEditors picks n articles under root's content/bai-viet, spread
// evenly over them in path order, the first one first.
func NewEditors(root string, n int) ([]*Editor, error) {
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
	if len(files) < n || n < 1 {
		return nil, fmt.Errorf("cần %d bài trong %s, có %d", n, dir, len(files))
	}
	sort.Strings(files)
	var es []*Editor
	for i := range n {
		f := files[i*len(files)/n]
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		es = append(es, &Editor{file: f, original: data})
	}
	return es, nil
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

// Restore puts the article back as it was, if it was edited.
func (e *Editor) Restore() error {
	if e.n == 0 {
		return nil
	}
	e.n = 0
	return os.WriteFile(e.file, e.original, 0o644)
}
