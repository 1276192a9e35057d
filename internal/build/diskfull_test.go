//go:build linux

package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/sitetest"
)

// limitFileSize makes every write past limit bytes of a file fail, in the
// helper process (TestMain): EFBIG, a refused write at the same places a
// full disk refuses one, without the privileged mount a small file system
// needs. Go ignores the SIGXFSZ that comes with it.
func limitFileSize(limit string) {
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		panic(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		panic(err)
	}
}

// A build whose writes are refused part-way (as on a full disk) fails
// with the reason (not as errors in the articles whose images could not be
// stored), and leaves the previous output byte for byte and no
// work folder beside it; the next build, with room again, writes what a
// build from scratch writes.
func TestFullDiskKeepsPreviousOutput(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	before := treeHash(t, dest)
	touchArticle(site)

	// A cold cache, so that images and the search index are written too.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DANVAN_HELPER_BUILD="+site+","+dest+","+t.TempDir()+",1", "DANVAN_HELPER_FSIZE=16384")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the build succeeded with every file cut at 16 KB: the test proves nothing\n%s", out)
	}
	t.Logf("the refused build said: %s", out)
	if !strings.Contains(string(out), "file too large") || !strings.Contains(string(out), "ổ đĩa đầy") {
		t.Errorf("the error does not say why:\n%s", out)
	}
	if strings.Contains(string(out), "lỗi trong nội dung") {
		t.Errorf("a full disk is blamed on the articles:\n%s", out)
	}
	if treeHash(t, dest) != before {
		t.Error("a build that could not write changed public/")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.tmp-*")); len(left) > 0 {
		t.Errorf("work folders left: %v", left)
	}
	buildInto(t, site, dest, cache, nil)
	if treeHash(t, dest) != fromScratch(t, site) {
		t.Error("the build after the full disk differs from a build from scratch")
	}
}

// When the disk is full before the output starts, the work folder's
// marker is created but its bytes are refused: the folder must go too, or
// it stays beside the output for good (unmarked, no build removes it).
func TestFullDiskBeforeTheOutputLeavesNothing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	// A helper process (TestMain) that may write no byte to a file: the
	// limit is per process, and this one's other writers (go test's log of
	// the files a test opens) must not meet it.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DANVAN_HELPER_OUTPUT="+dest, "DANVAN_HELPER_FSIZE=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "file too large") {
		t.Fatalf("want the output refused for lack of room, got %s", out)
	}
	if left, _ := os.ReadDir(filepath.Dir(dest)); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

// A full disk met by the search index ends the build. With the caches
// warm, an edit writes few files before the search update, and bleve,
// which retries a write it cannot make for as long as the index is open,
// kept the build waiting for ever (it never ended: found this stop by
// hand, ulimit -f 16). Now the build says why and goes on with the index
// in memory; what it publishes is what a build from scratch publishes.
func TestFullDiskDuringSearchEndsTheBuild(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	touchArticle(site)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DANVAN_HELPER_BUILD="+site+","+dest+","+cache+",1", "DANVAN_HELPER_FSIZE=16384", "DANVAN_HELPER_LOG=1")
	// The index in memory must not touch the working folder: the first
	// fallback removed ./index and ./index.seal (the user's, if any) and
	// wrote a bleve index there.
	cmd.Dir = t.TempDir()
	mine := filepath.Join(cmd.Dir, "index", "notes.txt")
	os.Mkdir(filepath.Dir(mine), 0o755)
	if err := os.WriteFile(mine, []byte("của người dùng"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if left, _ := os.ReadDir(filepath.Dir(mine)); len(left) != 1 {
		t.Errorf("the build changed ./index in its working folder: %v", left)
	}
	if ctx.Err() != nil {
		t.Fatalf("the build on a full disk had not ended after 2 minutes\n%s", out)
	}
	if !strings.Contains(string(out), "không ghi được chỉ mục tìm kiếm xuống đĩa (ổ đĩa đầy") {
		t.Errorf("the search index's failed write is not what the build met, or it does not say why:\n%s", out)
	}
	if err != nil {
		t.Fatalf("the build failed: %v\n%s", err, out)
	}
	if treeHash(t, dest) != fromScratch(t, site) {
		t.Error("the build on a full disk published something else than a build from scratch")
	}
}
