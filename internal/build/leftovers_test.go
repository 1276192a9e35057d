package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// TestMain doubles as the helper process of the tests that need builds in
// other processes. With DANVAN_HELPER_BUILD=site,dest,cache the test binary
// builds that site again and again, each time after an edit (a build of
// unchanged inputs does nothing), until it is killed
// (TestKilledBuildIsCleanedUp); with site,dest,cache,n it builds n times
// without editing, forgetting the inputs record each time so that every
// build does its work (TestConcurrentBuilds), with DANVAN_HELPER_FSIZE as
// the largest file it may write (TestFullDiskKeepsPreviousOutput).
// Otherwise it runs the tests.
func TestMain(m *testing.M) {
	if dest := os.Getenv("DANVAN_HELPER_OUTPUT"); dest != "" {
		// TestFullDiskBeforeTheOutputLeavesNothing: only this process
		// gets the limit, not the test binary's other goroutines.
		limitFileSize(os.Getenv("DANVAN_HELPER_FSIZE"))
		_, err := newDirOutput(dest, nil, nil)
		fmt.Println("newDirOutput:", err)
		os.Exit(0)
	}
	if env := os.Getenv("DANVAN_HELPER_BUILD"); env != "" {
		args := strings.Split(env, ",")
		if len(args) != 3 && len(args) != 4 {
			fmt.Fprintln(os.Stderr, "DANVAN_HELPER_BUILD wants site,dest,cache[,n]")
			os.Exit(2)
		}
		if limit := os.Getenv("DANVAN_HELPER_FSIZE"); limit != "" {
			limitFileSize(limit) // TestFullDiskKeepsPreviousOutput
		}
		n := -1 // until killed
		if len(args) == 4 {
			n, _ = strconv.Atoi(args[3])
		}
		for i := 0; i != n; i++ {
			if n < 0 {
				touchArticle(args[0])
			} else {
				os.Remove(filepath.Join(args[2], "build", inputsFile))
			}
			var log io.Writer
			if os.Getenv("DANVAN_HELPER_LOG") != "" {
				log = os.Stderr // TestFullDiskDuringSearchEndsTheBuild reads the warnings
			}
			if _, err := Run(context.Background(), Options{Source: args[0], Dest: args[1], CacheDir: args[2], Log: log}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// touchArticle edits an article of the site (one more line at its end),
// so that the next build has work to do.
func touchArticle(site string) {
	p := filepath.Join(site, "content/bai-viet/trong-rau-an-toan-nghia-ha.md")
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	f.WriteString("\nThêm một dòng.\n")
	f.Close()
}

// A build killed while it writes leaves its work folder; the next build
// removes it (and only it), and writes exactly what a build from scratch
// writes.
func TestKilledBuildIsCleanedUp(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	want := treeHash(t, dest)

	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "DANVAN_HELPER_BUILD="+site+","+dest+","+cache)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it as soon as its work folder holds some files.
	pattern := filepath.Join(filepath.Dir(dest), fmt.Sprintf(".public.tmp-%d-*", cmd.Process.Pid))
	deadline := time.Now().Add(3 * time.Minute)
	var work string
	for work == "" && time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(pattern, "bai-viet")); len(m) > 0 {
			work = filepath.Dir(m[0])
			break
		}
		time.Sleep(5 * time.Millisecond) // polling the condition: the helper's folder
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	want = fromScratch(t, site) // the helper edited the site
	if work == "" {
		t.Fatal("the helper build never had a work folder with files")
	}
	if _, err := os.Stat(work); err != nil {
		t.Fatalf("the killed build left nothing to clean (%v): the test proves nothing", err)
	}
	// A folder of a live build (this process's pid) stays.
	live, err := workDir(dest, "tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(live)

	buildInto(t, site, dest, cache, nil)
	if _, err := os.Stat(work); err == nil {
		t.Errorf("%s left by the killed build is still there", work)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the work folder of a running build was removed: %v", err)
	}
	if treeHash(t, dest) != want {
		t.Error("the build after the kill differs from a build from scratch")
	}
	if _, err := os.Stat(filepath.Join(dest, markerFile)); err == nil {
		t.Error("the marker was published")
	}
}

// deadPID is the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Only danvan's own work folders of builds that are gone are removed:
// not one of another machine, not one without a marker, not an older
// danvan's (it is named in a warning), not one of a running build.
func TestOnlyDeadBuildsFoldersAreRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	dead := deadPID(t)
	host, _ := os.Hostname()
	mk := func(name, marker string) string {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "bai-viet", "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "bai-viet", "x", "index.html"), []byte("x"), 0o644)
		if marker != "" {
			os.WriteFile(filepath.Join(dir, markerFile), []byte(marker), 0o644)
		}
		return dir
	}
	gone := mk(fmt.Sprintf(".public.tmp-%d-1", dead), fmt.Sprintf("danvan %d %s\n", dead, host))
	goneOld := mk(fmt.Sprintf(".public.old-%d-2", dead), fmt.Sprintf("danvan %d %s\n", dead, host))
	// A read-only folder inside does not stop the removal.
	os.Chmod(filepath.Join(gone, "bai-viet"), 0o555)
	keep := []string{
		mk(fmt.Sprintf(".public.tmp-%d-3", os.Getpid()), markerText()),                       // running
		mk(fmt.Sprintf(".public.tmp-%d-4", dead), fmt.Sprintf("danvan %d may-khac\n", dead)), // another machine
		mk(fmt.Sprintf(".public.tmp-%d-5", dead), ""),                                        // no marker
		mk(fmt.Sprintf(".other.tmp-%d-6", dead), fmt.Sprintf("danvan %d %s\n", dead, host)),  // another output
		mk(".public.tmp-123456789", ""),                                                      // an older danvan's
	}
	var warnings []string
	removeLeftovers(dest, func(err error) { warnings = append(warnings, err.Error()) })
	for _, d := range []string{gone, goneOld} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("%s was not removed", filepath.Base(d))
		}
	}
	for _, d := range keep {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed", filepath.Base(d))
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], ".public.tmp-123456789") {
		t.Errorf("warnings %q, want one naming the older danvan's folder", warnings)
	}
}

// A spare that cannot be written is discarded with a warning, not reused;
// the build goes on in a fresh folder and equals a build from scratch.
// (As root, permissions do not stop writes: the spare is made immutable.)
func TestUnwritableSpareIsDiscarded(t *testing.T) {
	site, dest, cache := withSpare(t)
	touchArticle(site)
	want := fromScratch(t, site)
	spare := spareDir(dest)
	if os.Geteuid() == 0 {
		chattr := testenv.NeedCommand(t, "chattr", "apt-get install e2fsprogs")
		if out, err := exec.Command(chattr, "+i", spare).CombinedOutput(); err != nil {
			testenv.Need(t, fmt.Errorf("chattr +i (the file system must support it): %v %s", err, out))
		}
		t.Cleanup(func() { exec.Command(chattr, "-i", spare).Run() })
	} else {
		filepath.WalkDir(spare, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o555)
			}
			return nil
		})
		t.Cleanup(func() { removeTree(spare) })
	}
	for i := 0; i < 2; i++ {
		if i > 0 {
			touchArticle(site)
			want = fromScratch(t, site)
		}
		// A user's build removes the read-only spare (and the next one
		// has a good spare again); root's cannot remove an immutable one,
		// so every build warns.
		_, err := os.Lstat(spare)
		stuck := err == nil && writable(spare) != nil
		var log bytes.Buffer
		st := buildInto(t, site, dest, cache, &log)
		if warned := strings.Contains(log.String(), "thư mục dự phòng "+spare+" không ghi được"); warned != stuck {
			t.Errorf("build %d: warned about the unwritable spare: %v, want %v:\n%s", i+1, warned, stuck, log.String())
		}
		if treeHash(t, dest) != want {
			t.Errorf("build %d: output differs from a build from scratch", i+1)
		}
		if st.Files == 0 {
			t.Errorf("build %d wrote nothing", i+1)
		}
	}
}

// Two builds of one site into one output at the same time, in two
// processes sharing the cache, three times each, from nothing: every build succeeds,
// the output is what a build from scratch writes, and no work folder is
// left beside it.
func TestConcurrentBuilds(t *testing.T) {
	site := sitetest.Copy(t)
	want := fromScratch(t, site)
	// Empty output and cache: the first builds of both are cold, so they
	// overlap for most of their length.
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "DANVAN_HELPER_BUILD="+site+","+dest+","+cache+",3")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("build process %d: %v\n%s", i+1, err, outs[i])
		}
	}
	if treeHash(t, dest) != want {
		t.Error("the output after concurrent builds differs from a build from scratch")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*-*"))
	if len(left) > 0 {
		t.Errorf("work folders left: %v", left)
	}
}
