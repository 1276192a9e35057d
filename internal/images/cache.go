package images

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/quangngai/danvan/internal/cachefile"
)

// The disk cache: one directory per key (sha256 of the settings version
// and the source bytes, "-og" when the crop was asked for) holding the
// encoded files and their description, metaFile. Entries are written to a
// temporary directory and renamed into place, so a crash or a concurrent
// build never leaves a half entry. metaFile is a checksummed cachefile
// under the entry's key and records the SHA-256 of every variant, which
// the build checks when it publishes the variant (Variant.Sum): a damaged
// entry is made again, with a warning, never published.

// metaFile describes an entry.
const metaFile = "meta"

type meta struct {
	Version  string    `json:"version"`
	Width    int       `json:"width"`
	Height   int       `json:"height"`
	Variants []Variant `json:"variants"`
	OG       *Variant  `json:"og,omitempty"`
}

// load returns a cached set, or an error when there is none. A damaged
// entry (its description fails its checksum) is also noted as a warning.
func (p *Processor) load(key string) (*Set, error) {
	dir := filepath.Join(p.dir, key)
	data, err := cachefile.Read(filepath.Join(dir, metaFile), key)
	if w := cachefile.Warning(err); w != nil {
		p.warn(fmt.Errorf("bộ đệm ảnh %w", w))
	}
	if err != nil {
		return nil, err
	}
	var m meta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m.Version != Version || len(m.Variants) == 0 || (strings.HasSuffix(key, "-og") && m.OG == nil) {
		return nil, errors.New("stale cache entry")
	}
	set := &Set{Width: m.Width, Height: m.Height, Variants: m.Variants, OG: m.OG}
	check := func(v *Variant) error {
		if strings.ContainsAny(v.File, `/\`) || v.File == "" {
			return errors.New("bad cache entry")
		}
		v.File = filepath.Join(dir, v.File)
		_, err := os.Stat(v.File)
		return err
	}
	for i := range set.Variants {
		if err := check(&set.Variants[i]); err != nil {
			return nil, err
		}
	}
	if set.OG != nil {
		if err := check(set.OG); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// store writes encoded variants as the entry for key and returns the set.
func (p *Processor) store(key string, outs []encoded) (*Set, error) {
	set, err := p.write(key, outs)
	if err != nil {
		e := &StoreError{Err: err}
		p.mu.Lock()
		if p.refused == nil {
			p.refused = e
		}
		p.mu.Unlock()
		return nil, e
	}
	return set, nil
}

// write stores the entry for key; its errors are the machine's (see
// StoreError).
func (p *Processor) write(key string, outs []encoded) (*Set, error) {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(p.dir, ".tmp-"+key[:8]+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // no-op after the rename
	m := meta{Version: Version}
	for _, e := range outs {
		v := e.v
		v.File = strings.TrimPrefix(v.Suffix, "-"+key[:8]+"-")
		v.Sum = sha256.Sum256(e.data)
		if err := os.WriteFile(filepath.Join(tmp, v.File), e.data, 0o644); err != nil {
			return nil, err
		}
		if e.og {
			m.OG = &v
		} else {
			m.Variants = append(m.Variants, v)
			m.Width, m.Height = v.Width, v.Height // the last is the largest
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := cachefile.Write(tmp, metaFile, key, data); err != nil {
		return nil, err
	}
	final := filepath.Join(p.dir, key)
	if err := os.Rename(tmp, final); err != nil {
		// Another build stored the same entry first: use it; a damaged
		// entry is replaced.
		if set, lerr := p.load(key); lerr == nil {
			return set, nil
		}
		_ = os.RemoveAll(final)
		if err := os.Rename(tmp, final); err != nil {
			return nil, err
		}
	}
	return p.load(key)
}

// Remake makes the variants of file again, replacing its cache entry: the
// build calls it when a cached variant's bytes no longer match their sum.
func (p *Processor) Remake(fsys fs.FS, file string, og bool) (*Set, error) {
	p.sem <- struct{}{}
	defer func() { <-p.sem }()
	data, err := readFile(fsys, file)
	if err != nil {
		return nil, err
	}
	key := cacheKey(data, og)
	if err := os.RemoveAll(filepath.Join(p.dir, key)); err != nil {
		return nil, fmt.Errorf("bộ nhớ đệm ảnh: %w", err)
	}
	set, err := p.make(data, key, og)
	if err == nil {
		p.processed.Add(1)
	}
	return set, err
}

// warn notes a problem of the cache for the build to print.
func (p *Processor) warn(err error) {
	p.mu.Lock()
	p.warnings = append(p.warnings, err)
	p.mu.Unlock()
}

// Warnings returns the problems of the cache noted since the last call:
// damaged entries, which were made again.
func (p *Processor) Warnings() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := p.warnings
	p.warnings = nil
	return w
}

// StoreError is a write the cache refused (a full disk, a cache folder
// that cannot be written): the build machine's problem, not the image's.
type StoreError struct{ Err error }

func (e *StoreError) Error() string {
	return "không ghi được vào bộ nhớ đệm ảnh (ổ đĩa đầy, hay thư mục không ghi được?): " + e.Err.Error()
}

func (e *StoreError) Unwrap() error { return e.Err }

// StoreFailure is the first write the cache refused since the last call,
// or nil. The image it stopped is a problem of its article too; a build
// reports this instead, as the cause (every article with a new image
// would otherwise look broken).
func (p *Processor) StoreFailure() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.refused
	p.refused = nil
	if e == nil {
		return nil
	}
	return e
}
