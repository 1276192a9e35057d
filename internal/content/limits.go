package content

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
)

// MaxFileBytes is the largest article, page or content/_site.yaml read:
// 1 MiB, fifty times a long article (the sample's longest is 6 KB). Every
// later stage (frontmatter, Markdown, search) does work in proportion to
// it, so it bounds the work one file can cause. Photos and long documents
// go beside the article as files (images, PDF), not into the text.
const MaxFileBytes = 1 << 20

// errTooLarge is returned by readSource for a file over MaxFileBytes.
var errTooLarge = errors.New("tệp quá lớn")

// readSource reads a content file, refusing one over MaxFileBytes without
// reading it whole. The buffer is made at the size the file states, so it
// is read in one piece: io.ReadAll, growing from 512 bytes, spent about
// 0.9 s of CPU copying and clearing at 10,000 articles (BenchmarkLoad). A
// file that grows while read is still cut at the limit.
func readSource(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	if size > MaxFileBytes {
		return nil, errTooLarge
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead) // room to see the end without growing
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileBytes+1)); err != nil {
		return nil, err
	}
	if buf.Len() > MaxFileBytes {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// readError reports why a content file could not be read.
func readError(rep reporter, err error) {
	if errors.Is(err, errTooLarge) {
		rep.errorf(1, "", "tệp dài hơn %d KB, giới hạn của một bài; hãy chia thành nhiều bài, hoặc đặt tài liệu dài thành tệp PDF cạnh bài và liên kết tới nó", MaxFileBytes>>10)
		return
	}
	rep.errorf(0, "", "không đọc được tệp: %v", err)
}
