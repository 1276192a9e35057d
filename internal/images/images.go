// Package images turns the photos reporters attach (often 4–8 MB, rotated
// by EXIF) into light, correctly oriented variants for the web: widths 480,
// 960 and 1600 (never upscaled), JPEG at quality 80, an Open Graph crop of
// 1200×630 for covers, named with a content hash and cached on disk so an
// unchanged image is processed once.
//
// WebP is not produced: golang.org/x/image/webp only decodes, and the Go
// encoders available either wrap libwebp (cgo, or a WebAssembly build of
// it) or are lossless only, which is heavier than JPEG for photos.
package images

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/quangngai/danvan/internal/imageset"
)

// Version names the processing settings. Change it whenever the output of
// the same source changes (widths, quality, resampling): the cache keys
// and the published file names change with it.
const Version = "1"

// Widths are the responsive widths produced, ascending.
var Widths = [...]int{480, 960, 1600}

// Quality is the JPEG quality of every variant.
const Quality = 80

// MaxPixels is the largest source accepted: decoding 40 megapixels takes
// about 160 MB; larger images are refused before decoding.
const MaxPixels = 40_000_000

// MaxFileSize is the largest source file read.
const MaxFileSize = 64 << 20

// OGWidth and OGHeight are the size of the Open Graph crop.
const (
	OGWidth  = 1200
	OGHeight = 630
)

// A processed image is described by internal/imageset's types, the
// contract the page model reads without importing this package.
type (
	Variant = imageset.Variant
	Set     = imageset.Set
)

// Stats count the work of a Processor.
type Stats struct {
	Processed int64 // images decoded and encoded
	Cached    int64 // images found in the disk cache
}

// Processor makes image variants, caching them under a directory. It is
// safe for concurrent use; decoding runs on at most GOMAXPROCS goroutines.
type Processor struct {
	dir       string
	sem       chan struct{}
	processed atomic.Int64
	cached    atomic.Int64

	mu       sync.Mutex
	pending  map[string]*call // key → work in progress or done in this run
	warnings []error          // damaged cache entries seen (Warnings)
	refused  *StoreError      // the first write the cache refused since StoreFailure
}

type call struct {
	done chan struct{}
	set  *Set
	err  error
}

// New returns a Processor caching under dir (created when needed).
func New(dir string) *Processor {
	return &Processor{dir: dir, sem: make(chan struct{}, runtime.GOMAXPROCS(0)), pending: map[string]*call{}}
}

// Dir is the cache directory.
func (p *Processor) Dir() string { return p.dir }

// Stats returns the counts so far.
func (p *Processor) Stats() Stats {
	return Stats{Processed: p.processed.Load(), Cached: p.cached.Load()}
}

// Process returns the variants of the image file of fsys, making them if
// the cache has none. og asks for the Open Graph crop too. Errors are in
// Vietnamese and do not repeat the file name.
func (p *Processor) Process(fsys fs.FS, file string, og bool) (*Set, error) {
	// One slot per core for everything that holds image bytes in memory:
	// reading, hashing, decoding, encoding.
	p.sem <- struct{}{}
	held := true
	release := func() {
		if held {
			held = false
			<-p.sem
		}
	}
	defer release()
	data, err := readFile(fsys, file)
	if err != nil {
		return nil, err
	}
	key := cacheKey(data, og)
	p.mu.Lock()
	c, ok := p.pending[key]
	if !ok {
		c = &call{done: make(chan struct{})}
		p.pending[key] = c
	}
	p.mu.Unlock()
	if ok {
		// The same image is being made by another goroutine, which holds
		// its own slot.
		release()
		<-c.done
		return c.set, c.err
	}
	defer close(c.done)
	if set, err := p.load(key); err == nil {
		p.cached.Add(1)
		c.set = set
		return set, nil
	}
	c.set, c.err = p.make(data, key, og)
	if c.err == nil {
		p.processed.Add(1)
	}
	return c.set, c.err
}

// cacheKey names the cache entry of an image's bytes: the settings
// version and the bytes, "-og" when the crop is asked for.
func cacheKey(data []byte, og bool) string {
	h := sha256.New()
	h.Write([]byte("danvan-images-v" + Version + "\x00"))
	h.Write(data)
	key := hex.EncodeToString(h.Sum(nil))
	if og {
		key += "-og"
	}
	return key
}

// make decodes, orients, resizes and encodes one image into the cache.
func (p *Processor) make(data []byte, key string, og bool) (*Set, error) {
	src, err := decode(data)
	if err != nil {
		return nil, err
	}
	outs, err := render(src, key[:8], og)
	if err != nil {
		return nil, err
	}
	return p.store(key, outs)
}

// encoded is a variant before it is stored.
type encoded struct {
	v    Variant
	data []byte
	og   bool
}
