package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/quangngai/danvan/internal/cachefile"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/parallel"
	"github.com/quangngai/danvan/internal/progress"
)

// A build is a function of its inputs: the bytes of the files under
// content/, layouts/ and static/, the options, the danvan program, and the
// git history of content/ that "last updated" dates come from
// (content.History.Key; file times are never shown, so they are not
// inputs). When none of them changed since the last build and its output
// is still there, byte for byte, the build has nothing to do: a deploy of
// an unchanged site from a fresh clone, a re-run, or a commit that touches
// neither the site nor danvan's code (docs, CI) then costs reading the
// inputs and checking the output, not a build. Any doubt — a file that
// cannot be read, an output file changed, a record that does not check —
// means building as usual.

// inputsFile records the inputs of the last successful build, under
// <CacheDir>/build/.
const inputsFile = "inputs.gob"

// inputsRecord is what the last successful build leaves for the next one.
type inputsRecord struct {
	Key      string   // inputsKey of that build
	Stats    Stats    // its figures (Duration aside)
	Warnings []string // the warnings it printed, printed again when it is reused
}

// inputDirs are the folders of the site root a build reads.
var inputDirs = []string{contentDir, "layouts", "static"}

// inputsKey hashes every input of a build of opts by program, reading the
// site through fsys (the site root: nothing outside it is read). It also
// returns the sum of each input file, by path: the content loader need not
// read again a file its cache knows by that sum (content.Cache.KnownSums).
// A file the last build hashed and nobody touched since is not read again
// (prev, inputsums.go).
func inputsKey(fsys fs.FS, opts Options, program string, prev *inputSums) (*hashedInputs, error) {
	// Git answers while the files are listed and hashed.
	history := make(chan *content.History, 1)
	go func() { history <- gitHistory(opts) }()
	h := sha256.New()
	put := func(ss ...string) {
		for _, s := range ss {
			var n [binary.MaxVarintLen64]byte
			h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
			io.WriteString(h, s)
		}
	}
	listed := time.Now()
	files, err := inputFiles(fsys)
	if err != nil {
		return nil, err
	}
	sums, read, err := fileSums(fsys, files, prev)
	if err != nil {
		return nil, err
	}
	hist := <-history
	put("danvan-inputs-2", program, opts.BaseURL, fmt.Sprint(opts.Drafts, opts.NoIndex), hist.Key())
	byPath := make(map[string][32]byte, len(files))
	next := &inputSums{Listed: listed, Files: make(map[string]inputSum, len(files))}
	for i, f := range files {
		put(f.path, hex.EncodeToString(sums[i][:]))
		byPath[f.path] = sums[i]
		if id, ctime, ok := identity(f.info); ok {
			next.Files[f.path] = inputSum{ID: id, CTime: ctime, Sum: sums[i]}
		}
	}
	return &hashedInputs{key: hex.EncodeToString(h.Sum(nil)), sums: byPath, next: next, read: read, content: contentSum(files), history: hist}, nil
}

// hashedInputs is what inputsKey found.
type hashedInputs struct {
	key     string              // the inputs' key
	sums    map[string][32]byte // each input file's sum, by path
	next    *inputSums          // the files' sums and identities, for the next build
	read    int                 // how many files were read (the others' sums were reused)
	content string              // contentSum of the listing, taken before any file was read
	history *content.History    // the git history the key covers, for the dates (content.Cache.KnownHistory)
}

// inputFile is one file of the input folders, as listed.
type inputFile struct {
	path string      // slash-separated from the site root
	info fs.FileInfo // as listed (a link's is its target's); nil if unknown
}

// inputFiles lists the files under the input folders, sorted. A link
// inside the root is listed as the file it names (siteroot).
func inputFiles(fsys fs.FS) ([]inputFile, error) { return listFiles(fsys, inputDirs...) }

// listFiles lists the files under dirs of the site root, sorted (see
// inputFiles). The folders are walked on every core, a subtree each: the
// walk of 10,000 articles (0.07 s of CPU) was on one core, at the start of
// every build, which waits for it.
func listFiles(fsys fs.FS, dirs ...string) ([]inputFile, error) {
	var files []inputFile
	// The subtrees: the folders' own entries are listed here, breadth
	// first, until there are a few subtrees a core.
	subtrees := slices.Clone(dirs)
	for depth := 0; depth < 3 && len(subtrees) > 0 && len(subtrees) < 8*runtime.GOMAXPROCS(0); depth++ {
		var next []string
		for _, dir := range subtrees {
			ents, err := fs.ReadDir(fsys, dir)
			if err != nil {
				if depth == 0 && errors.Is(err, fs.ErrNotExist) {
					continue // the folder itself is missing
				}
				return nil, err
			}
			for _, e := range ents {
				p := path.Join(dir, e.Name())
				if e.IsDir() {
					next = append(next, p)
				} else {
					files = append(files, entryFile(p, e))
				}
			}
		}
		subtrees = next
	}
	found := make([][]inputFile, len(subtrees))
	errs := make([]error, len(subtrees))
	parallel.For(len(subtrees), func(i int) {
		errs[i] = fs.WalkDir(fsys, subtrees[i], func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				found[i] = append(found[i], entryFile(p, d))
			}
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, f := range found {
		files = append(files, f...)
	}
	slices.SortFunc(files, func(a, b inputFile) int { return strings.Compare(a.path, b.path) })
	return files, nil
}

// entryFile is the listed file p with its information. Listed through the
// root, the entries come with it: asking costs nothing more.
func entryFile(p string, d fs.DirEntry) inputFile {
	fi, err := d.Info()
	if err != nil {
		fi = nil
	}
	return inputFile{p, fi}
}

// fileSums hashes files, on every core, each read through a buffer of its
// worker (reading each whole into a slice of its own made 80 MB of garbage
// at 10,000 articles). A file prev knows untouched is not read; read
// counts the others.
func fileSums(fsys fs.FS, files []inputFile, prev *inputSums) (sums [][32]byte, read int, err error) {
	sums = make([][32]byte, len(files))
	var count atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			buf := make([]byte, 64<<10)
			for i := w; i < len(files); i += workers {
				f := files[i]
				if s, ok := prev.reuse(f.path, f.info); ok {
					sums[i] = s
					continue
				}
				s, err := sumFile(fsys, f.path, buf)
				if err != nil {
					return err
				}
				sums[i] = s
				count.Add(1)
			}
			return nil
		})
	}
	err = g.Wait()
	return sums, int(count.Load()), err
}

// sumFile hashes the file p through buf.
func sumFile(fsys fs.FS, p string, buf []byte) ([32]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	for {
		n, err := f.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return [32]byte{}, err
		}
	}
	var s [32]byte
	h.Sum(s[:0])
	return s, nil
}

func loadInputs(dir string) (*inputsRecord, error) {
	var r inputsRecord
	if err := cachefile.ReadGob(filepath.Join(dir, inputsFile), inputsFile, &r); err != nil {
		return nil, cachefile.Warning(err)
	}
	return &r, nil
}

func (r *inputsRecord) save(dir string) error {
	return cachefile.WriteGob(dir, inputsFile, inputsFile, r)
}

// outputIntact reports whether dest holds exactly the files of the
// manifest m, each the very file it records (same identity) or one with
// the same bytes (a copy restored from a deploy cache).
func outputIntact(dest string, m *manifest) bool {
	if m == nil {
		return false
	}
	count := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			count++
		}
		return nil
	})
	if err != nil || count != len(m.Files) {
		return false
	}
	urls := make([]string, 0, len(m.Files))
	for u := range m.Files {
		urls = append(urls, u)
	}
	var changed atomic.Bool
	parallel.For(len(urls), func(i int) {
		if changed.Load() {
			return
		}
		f := m.Files[urls[i]]
		full := filepath.Join(dest, filepath.FromSlash(urls[i]))
		fi, err := os.Lstat(full)
		if err != nil {
			changed.Store(true)
			return
		}
		if id, ok := identify(fi); !ok || (id != f.ID && (id.Size != f.ID.Size || !hasSum(full, f.Sum))) {
			changed.Store(true)
		}
	})
	return !changed.Load()
}

// inputsCheck is the inputs side of one build.
type inputsCheck struct {
	key   string              // inputsKey, or "" when it could not be computed
	sums  map[string][32]byte // the inputs' sums by path, from inputsKey
	stats *Stats              // set when the build has nothing to do: the last build's figures
	// history is the git history the key covers, read once for the key
	// and the dates; nil when no key was computed.
	history *content.History
	// content is the content's sum (ContentSum) taken before anything
	// was read, for the search stamp; "" when the listing failed.
	content string
	// saved, when not nil, waits for the files' sums being written for
	// the next build and returns the error.
	saved func() error
}

// waitSaved waits for the files' sums to be written, if they are being,
// and warns of a failure on log.
func (c inputsCheck) waitSaved(log io.Writer) {
	if c.saved != nil {
		warn(log, c.saved())
	}
}

// unchangedBuild computes the inputs' key of a one-off build into
// opts.Dest and, when it is the last successful build's and that output is
// intact, prints the warnings that build printed and returns its figures:
// there is nothing to build. Otherwise stats is nil.
func unchangedBuild(fsys fs.FS, opts Options, prog *progress.Reporter) inputsCheck {
	alone := func() inputsCheck { // the content's sum only
		files, err := listFiles(fsys, contentDir)
		if err != nil {
			return inputsCheck{}
		}
		return inputsCheck{content: contentSum(files)}
	}
	if st := opts.state(); opts.Dest == "" || st.ContentCache != nil || st.BodyCache != nil {
		return alone() // a check, or a preview server with caches of its own
	}
	program, err := programKey()
	if err != nil {
		return alone()
	}
	prev, err := loadInputSums(buildCacheDir(opts), opts.Source)
	warn(prog, err)
	in, err := inputsKey(fsys, opts, program, prev)
	if err != nil {
		return inputsCheck{} // something unreadable: the build reports it
	}
	// Facts about the files, whatever the build makes of them: kept now,
	// unless every sum came from the record (a file added, deleted or
	// changed was read).
	// (Written beside the build, which waits for it before it ends:
	// 1.4 MB at 10,000 articles, in the way of everything after.)
	var saved func() error
	if prev == nil || in.read > 0 || len(in.next.Files) != len(prev.Files) {
		done := make(chan error, 1)
		go func() { done <- in.next.save(buildCacheDir(opts), opts.Source) }()
		saved = sync.OnceValue(func() error { return <-done })
	}
	key := in.key
	check := inputsCheck{key: key, sums: in.sums, content: in.content, history: in.history, saved: saved}
	rec, err := loadInputs(buildCacheDir(opts))
	warn(prog, err)
	if rec == nil || rec.Key != key {
		return check
	}
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return check
	}
	m, err := loadManifest(buildCacheDir(opts), dest)
	warn(prog, err)
	if !outputIntact(dest, m) {
		return check
	}
	for _, w := range rec.Warnings {
		fmt.Fprintln(prog, w)
	}
	st := rec.Stats
	st.Reused, st.Rendered, st.Keyed = st.Files, 0, 0
	prog.Step("Không có gì đổi từ lần dựng trước (nội dung, giao diện, tệp tĩnh, tùy chọn, chương trình): giữ nguyên %s tệp", progress.Count(st.Files))
	check.stats = &st
	return check
}

// record keeps the inputs of a successful build for the next one.
func (c inputsCheck) record(opts Options, st *Stats, warnings []string) error {
	if c.key == "" {
		return nil
	}
	rec := &inputsRecord{Key: c.key, Stats: *st, Warnings: warnings}
	rec.Stats.Duration = 0
	return rec.save(buildCacheDir(opts))
}

// countArticles counts the Markdown files under content/bai-viet/ (an
// estimate of the articles, for Options.Sized): from the input check's
// sums when it has them, else by a walk of that folder alone.
func countArticles(fsys fs.FS, sums map[string][32]byte) int {
	n := 0
	isArticle := func(p string) bool {
		return strings.HasPrefix(p, content.ArticleDir+"/") && strings.HasSuffix(p, ".md")
	}
	if sums != nil {
		for p := range sums {
			if isArticle(p) {
				n++
			}
		}
		return n
	}
	_ = fs.WalkDir(fsys, content.ArticleDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isArticle(p) {
			n++
		}
		return nil
	})
	return n
}
