// Package bench measures danvan on generated corpora and, when they are
// installed, the usual alternative: Hugo to render plus Pagefind to index,
// on the same corpus in the same run. It runs the real binaries as child
// processes and reads their resource usage from the kernel (wait4), so
// the figures are what a user would see with /usr/bin/time.
package bench

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Usage is what one run of a command cost.
type Usage struct {
	Wall    time.Duration // elapsed time
	CPU     time.Duration // user + system time
	PeakRSS int64         // maximum resident set size, bytes
}

// Run executes a command and measures it. Output goes to log.
func Run(log io.Writer, dir string, env []string, name string, args ...string) (Usage, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	err := cmd.Run()
	u := Usage{Wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		u.PeakRSS = ru.Maxrss * 1024 // Linux reports KiB
	}
	if err != nil {
		return u, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return u, nil
}

// Median returns the run with the median wall time; CPU and memory are
// the medians of their own columns.
func Median(us []Usage) Usage {
	if len(us) == 0 {
		return Usage{}
	}
	pick := func(get func(Usage) int64) int64 {
		v := make([]int64, len(us))
		for i, u := range us {
			v[i] = get(u)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return Usage{
		Wall:    time.Duration(pick(func(u Usage) int64 { return int64(u.Wall) })),
		CPU:     time.Duration(pick(func(u Usage) int64 { return int64(u.CPU) })),
		PeakRSS: pick(func(u Usage) int64 { return u.PeakRSS }),
	}
}

// DirSize returns the bytes and files under dir (0 when it is missing).
func DirSize(dir string) (int64, int) {
	var n int64
	files := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			n += fi.Size()
			files++
		}
		return nil
	})
	return n, files
}

// MiB formats bytes as MiB.
func MiB(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
