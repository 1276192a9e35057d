package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/quangngai/danvan/internal/cachefile"
)

// bodyCacheVersion changes whenever the saved format, or what a cached
// render depends on, changes; saved entries of another version are ignored.
const bodyCacheVersion = 5

// bodyShards is the number of files the saved cache is split into, so that
// a rebuild after one edit rewrites a few MB, not the whole cache (about
// 170 MB of HTML and text at 10,000 articles).
const bodyShards = 64

// NewHashedBodyCache returns a body cache for the command line, saved
// between runs: a body is recognised by its SHA-256 (not kept in memory),
// and an entry also remembers the hash of every image and bundle file its
// render consulted, since those change without the body.
func NewHashedBodyCache() *BodyCache {
	return &BodyCache{m: map[string]bodyEntry{}, hashed: true, used: map[string]bool{}}
}

// dep is a file a render consulted (an image, a linked bundle file).
type dep struct {
	Path string   // path in the site root
	Sum  [32]byte // SHA-256 of its bytes when rendered
}

// fileSums hashes files of the site root once per build; safe for
// concurrent use.
type fileSums struct {
	fsys fs.FS
	mu   sync.Mutex
	m    map[string][32]byte // path → hash; missing files are absent
}

func (f *fileSums) sum(p string) ([32]byte, bool) {
	f.mu.Lock()
	s, ok := f.m[p]
	f.mu.Unlock()
	if ok {
		return s, true
	}
	data, err := fs.ReadFile(f.fsys, p)
	if err != nil {
		return [32]byte{}, false
	}
	s = sha256.Sum256(data)
	f.mu.Lock()
	f.m[p] = s
	f.mu.Unlock()
	return s, true
}

// depsValid reports whether every consulted file is unchanged and every
// processed image variant the entry publishes is still in the image cache.
func depsValid(e bodyEntry, sums *fileSums) bool {
	for _, d := range e.deps {
		if s, ok := sums.sum(d.Path); !ok || s != d.Sum {
			return false
		}
	}
	for _, r := range e.images {
		if r.Path != "" {
			if _, err := os.Stat(r.Path); err != nil {
				return false
			}
		}
	}
	return true
}

// depsOf hashes the files a render consulted; ok is false when one is
// unreadable (then the entry is not cached).
func depsOf(paths []string, sums *fileSums) ([]dep, bool) {
	seen := map[string]bool{}
	var out []dep
	for _, p := range paths {
		if seen[p] {
			continue
		}
		seen[p] = true
		s, ok := sums.sum(p)
		if !ok {
			return nil, false
		}
		out = append(out, dep{Path: p, Sum: s})
	}
	return out, true
}

// shardKey is the cachefile key of every shard: the format, and the
// caller's version of the renderer and its settings.
func shardKey(key string) string { return fmt.Sprintf("markdown-v%d\x00%s", bodyCacheVersion, key) }

func shardOf(file string) int {
	h := fnv.New32a()
	h.Write([]byte(file))
	return int(h.Sum32() % bodyShards)
}

func shardName(i int) string { return fmt.Sprintf("markdown-%02d.bin", i) }

// removeGobShards deletes the shards of bodyCacheVersion 2 and before
// (markdown-NN.gob, encoding/gob): nothing reads them, and in a deploy
// cache they would be kept, about 130 MB at 10,000 articles, for ever.
func removeGobShards(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, "markdown-[0-9][0-9].gob"))
	for _, f := range old {
		os.Remove(f)
	}
}

// LoadBodyCache reads a hashed body cache saved in dir under key. Missing
// shards, or shards of another version or key, are simply empty; damaged
// ones (checked by cachefile) are skipped and reported in the error (a
// warning: their articles are rendered again).
func LoadBodyCache(dir, key string) (*BodyCache, error) {
	removeGobShards(dir)
	c := NewHashedBodyCache()
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				es, err := readShard(filepath.Join(dir, shardName(i)), key)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				for _, e := range es {
					c.m[e.file] = e
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < bodyShards; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	if len(errs) > 1 {
		// One line, not 64, after an upgrade or a damaged disk.
		errs = []error{fmt.Errorf("%w (và %d tệp bộ đệm Markdown khác)", errs[0], len(errs)-1)}
	}
	m, err := loadRelated(dir, key)
	if err != nil {
		errs = append(errs, fmt.Errorf("bộ đệm bài liên quan %w", err))
	}
	c.related = m
	return c, errors.Join(errs...)
}

// DropBody removes from the Markdown cache saved in dir the shard that
// holds the render of file (a *DamagedBodyError's): its bodies are
// rendered again by the next build.
func DropBody(dir, file string) error {
	err := os.Remove(filepath.Join(dir, shardName(shardOf(file))))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func readShard(file, key string) ([]bodyEntry, error) {
	d, err := cachefile.ReadRecords(file, shardKey(key))
	if err == nil {
		var es []bodyEntry
		if es, err = decodeShard(d, file); err == nil {
			return es, nil
		}
	}
	if w := cachefile.Warning(err); w != nil {
		return nil, fmt.Errorf("bộ đệm Markdown %w", w)
	}
	return nil, nil
}

// Save writes the shards that changed since LoadBodyCache: entries of the
// files rendered or reused by this process's builds, under key, each shard
// a checksummed cachefile (bodyrecord.go). Shards are encoded one at a
// time, so only one shard's HTML is copied at once.
func (c *BodyCache) Save(dir, key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var files [bodyShards][]string
	var dirty [bodyShards]bool
	for f, e := range c.m {
		i := shardOf(f)
		if !c.used[f] {
			dirty[i] = true // a deleted or renamed file: drop its entry
			continue
		}
		if e.fresh {
			dirty[i] = true
		}
		files[i] = append(files[i], f)
	}
	var errs []error
	if c.relatedFresh {
		if err := saveRelated(dir, key, c.related); err != nil {
			errs = append(errs, fmt.Errorf("ghi bộ đệm bài liên quan: %w", err))
		}
		c.relatedFresh = false
	}
	for i := range files {
		if !dirty[i] {
			continue
		}
		sort.Strings(files[i])
		// An entry read from the saved cache is written again only if its
		// bytes are still those of its sums: a damaged one is left out, to
		// be rendered again, rather than saved anew.
		files[i] = slices.DeleteFunc(files[i], func(f string) bool { return !c.m[f].intact() })
		size := 0
		for _, f := range files[i] {
			e := c.m[f]
			size += len(e.lead) + 512 // the records: the bodies are blobs, written from where they are
		}
		enc := cachefile.NewEncoder(size)
		enc.Uint(uint64(len(files[i])))
		for _, f := range files[i] {
			encodeEntry(enc, c.m[f])
		}
		if err := enc.Write(dir, shardName(i), shardKey(key)); err != nil {
			errs = append(errs, fmt.Errorf("ghi bộ đệm Markdown: %w", err))
		}
	}
	return errors.Join(errs...)
}
