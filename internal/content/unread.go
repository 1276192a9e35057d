package content

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
)

// A build has hashed every input file before it loads the content (its
// inputs key). Given those sums (Cache.KnownSums), a hashed cache returns
// an article whose file it knows without reading the file again, and
// leaves its body unread: the Markdown cache holds the rendered body of
// most articles under the body's hash, so most bodies are never needed
// (reading and hashing 10,000 files a second time cost a warm build about
// half a second of CPU).

// Unread is where the body of an article that was not read is.
type Unread struct {
	Sum     [32]byte // SHA-256 of the body (what the Markdown cache knows it by)
	File    string   // the article's file, in the site root
	FileSum [32]byte // SHA-256 of the file when the build hashed it
	Off     int      // where the body starts in the cleaned source
	Clean   bool     // the file needed no cleaning: its bytes are the source
}

// Read reads the body from fsys. The file must still be what the build
// hashed: an edit since is an error, and the build stops rather than mix
// two versions of an article. Errors do not name the file: the build
// reports them on it.
func (u *Unread) Read(fsys fs.FS) ([]byte, error) {
	raw, err := readSource(fsys, u.File)
	if err != nil {
		return nil, fmt.Errorf("không đọc lại được tệp: %w", err)
	}
	if sha256.Sum256(raw) != u.FileSum {
		return nil, errors.New("tệp đã đổi trong lúc dựng (có ai vừa lưu bài?): hãy chạy lại lệnh dựng")
	}
	src := raw
	if !u.Clean {
		src, _ = cleanSource(raw, reporter{file: u.File, list: new(Problems)})
	}
	if u.Off < 0 || u.Off > len(src) {
		return nil, errors.New("bộ đệm nội dung không khớp với tệp: xóa thư mục bộ đệm rồi dựng lại")
	}
	return src[u.Off:], nil
}

// KnownSums gives a hashed cache the SHA-256 of files (by path in the site
// root) the caller has hashed already: a file whose sum matches its entry
// is not read, and its article comes back with Unread instead of Body.
// sums holds every file the caller listed under content/ (as fs.WalkDir
// lists them): the load finds the articles among its paths instead of
// listing the folder again.
func (c *Cache) KnownSums(sums map[string][32]byte) {
	c.mu.Lock()
	c.known = sums
	c.mu.Unlock()
}

// knownPaths returns the paths of KnownSums (nil when none were given).
func (c *Cache) knownPaths() []string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known == nil {
		return nil
	}
	paths := make([]string, 0, len(c.known))
	for p := range c.known {
		paths = append(paths, p)
	}
	return paths
}

// unreadArticle returns the cached article of f without reading f, when
// the cache knows f's sum and holds an entry for it; ok is false
// otherwise (the caller reads the file).
func (c *Cache) unreadArticle(f articleFile, probs *Problems) (a *Article, ok bool) {
	c.mu.Lock()
	sum, known := c.known[f.path]
	hit, cached := c.files[f.path]
	if known && cached {
		c.used[f.path] = true
	}
	c.mu.Unlock()
	if !known || !cached || hit.sum != sum || hit.bodySum == ([32]byte{}) || !equalStrings(hit.res, f.resources) {
		return nil, false
	}
	*probs = append(*probs, hit.probs...)
	if hit.art == nil {
		return nil, true
	}
	cp := *hit.art
	cp.Unread = &Unread{Sum: hit.bodySum, File: f.path, FileSum: sum, Off: hit.bodyOff, Clean: hit.clean}
	return &cp, true
}
