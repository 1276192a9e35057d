package build

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress prints one line per stage, with its time, when the log is a
// terminal; in CI and pipes it stays quiet (counts, not noise).
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer) *progress {
	if f, ok := w.(*os.File); !ok || !isTerminal(f) {
		w = nil
	}
	now := time.Now()
	return &progress{w: w, start: now, last: now}
}

func (p *progress) step(format string, args ...any) {
	if p.w == nil {
		return
	}
	now := time.Now()
	fmt.Fprintf(p.w, "  %-48s %6.2f s\n", fmt.Sprintf(format, args...), now.Sub(p.last).Seconds())
	p.last = now
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
