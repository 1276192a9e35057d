// Package progress tells the person running a build how far its long
// stages have got. On a terminal a running stage is one line, redrawn in
// place, with its count, rate and time left; anywhere else (Netlify's
// deploy log, CI, a pipe) it is a new line every few seconds, because a log
// shows nothing between lines and a silent minute looks like a hang.
// Finished stages print one line each, with their time.
package progress

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Intervals between two progress lines of a running stage.
const (
	TermEvery = 200 * time.Millisecond // redraw on a terminal
	LogEvery  = 5 * time.Second        // a new line in a log
)

// Reporter prints the progress of a build's stages to a writer. A nil
// Reporter, or one on a nil writer, prints nothing. It is safe for
// concurrent use, and it is an io.Writer itself: warnings written through
// it do not collide with a progress line being redrawn.
type Reporter struct {
	w     io.Writer
	term  bool             // w is a terminal: redraw one line in place
	every time.Duration    // between two lines of a running stage
	now   func() time.Time // the clock (tests give their own)

	mu    sync.Mutex
	last  time.Time // end of the previous step, for its duration
	drawn bool      // term: a progress line is on the screen, not yet ended
}

// New returns a Reporter on w (nil for silence). Whether w is a terminal
// decides how running stages are shown. A Reporter given as w is returned
// as it is, so a stage that calls another's code keeps one reporter.
func New(w io.Writer) *Reporter {
	if r, ok := w.(*Reporter); ok {
		return r
	}
	f, ok := w.(*os.File)
	return newReporter(w, ok && isTerminal(f), time.Now)
}

func newReporter(w io.Writer, term bool, now func() time.Time) *Reporter {
	if w == nil {
		return nil
	}
	every := LogEvery
	if term {
		every = TermEvery
	}
	return &Reporter{w: w, term: term, every: every, now: now, last: now()}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Write passes p to the underlying writer, first ending a progress line
// that is on the screen (the next update draws it again below).
func (r *Reporter) Write(p []byte) (int, error) {
	if r == nil {
		return len(p), nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clearLocked()
	return r.w.Write(p)
}

// Step prints a finished step with the time since the previous one.
func (r *Reporter) Step(format string, args ...any) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stepLocked(fmt.Sprintf(format, args...))
}

// StepFrom prints a finished step that ran beside the others, with the
// time since start (its own); the next step's time still counts from the
// previous one.
func (r *Reporter) StepFrom(start time.Time, format string, args ...any) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clearLocked()
	fmt.Fprintf(r.w, stepFormat, fmt.Sprintf(format, args...), r.now().Sub(start).Seconds())
}

// Mark starts the next step's time now: after waiting for a step that
// ran beside the others, the wait is not the next step's.
func (r *Reporter) Mark() {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.last = r.now()
	r.mu.Unlock()
}

func (r *Reporter) stepLocked(msg string) {
	// A developer's execution trace (danvan build --trace) shows each
	// step's end where it happened.
	trace.Log(context.Background(), "bước xong", msg)
	now := r.now()
	r.clearLocked()
	fmt.Fprintf(r.w, stepFormat, msg, now.Sub(r.last).Seconds())
	r.last = now
}

// stepFormat is a finished step's line: its message and its time in
// seconds. ParseStep reads it back.
const stepFormat = "  %-48s %6.2f s\n"

// ParseStep reads a finished step's line as Step, StepFrom and a stage's
// Done print it (cmd/benchmark times the stages of the builds it runs this
// way): the step's name, which is its message up to the first colon (the
// counts after it change from build to build), and its time. ok is false
// for any other line.
func ParseStep(line string) (name string, d time.Duration, ok bool) {
	body, found := strings.CutSuffix(strings.TrimRight(line, "\r\n"), " s")
	if !found || !strings.HasPrefix(body, "  ") {
		return "", 0, false
	}
	i := strings.LastIndexByte(body, ' ')
	secs, err := strconv.ParseFloat(body[i+1:], 64)
	if err != nil || secs < 0 {
		return "", 0, false
	}
	msg := strings.TrimSpace(body[:i])
	if msg == "" {
		return "", 0, false
	}
	name, _, _ = strings.Cut(msg, ":")
	return name, time.Duration(secs * float64(time.Second)), true
}

// clearLocked erases a progress line drawn on a terminal.
func (r *Reporter) clearLocked() {
	if r.drawn {
		io.WriteString(r.w, "\r\x1b[K")
		r.drawn = false
	}
}

// Stage starts a long stage: name says what it does ("Viết trang HTML"),
// unit what it counts ("trang"), total how many there are (0 when not
// known in advance). Report progress with Add and end it with Done.
func (r *Reporter) Stage(name, unit string, total int) *Stage {
	if r == nil {
		return nil
	}
	trace.Log(context.Background(), "bắt đầu", name)
	now := r.now()
	s := &Stage{r: r, name: name, unit: unit, total: int64(total), start: now}
	s.next.Store(now.Add(r.every).UnixNano())
	return s
}

// Stage is a running stage. Its methods may be called from several
// goroutines; a nil Stage does nothing.
type Stage struct {
	r     *Reporter
	name  string
	unit  string
	total int64
	start time.Time
	done  atomic.Int64
	next  atomic.Int64 // Unix nanoseconds of the next progress line
}

// Add counts n more items done and prints a progress line when one is due.
func (s *Stage) Add(n int) {
	if s == nil {
		return
	}
	done := s.done.Add(int64(n))
	now := s.r.now()
	next := s.next.Load()
	if now.UnixNano() < next || !s.next.CompareAndSwap(next, now.Add(s.r.every).UnixNano()) {
		return // not due, or another goroutine is printing this one
	}
	line := s.line(done, now)
	r := s.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.term {
		io.WriteString(r.w, "\r\x1b[K"+line)
		r.drawn = true
		return
	}
	io.WriteString(r.w, line+"\n")
}

// Done ends the stage with its final line: the count and the time taken.
func (s *Stage) Done() { s.DoneNote("") }

// DoneNote is Done with a note after the count ("12 dựng lại").
func (s *Stage) DoneNote(note string) {
	if s == nil {
		return
	}
	if note != "" {
		note = " (" + note + ")"
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.stepLocked(s.name + ": " + Count(s.done.Load()) + " " + s.unit + note)
}

// line is the progress line of a running stage: count, share, rate and
// time left, the last two once there is a second of history to go by.
func (s *Stage) line(done int64, now time.Time) string {
	var b strings.Builder
	b.WriteString("  " + s.name + ": " + Count(done))
	if s.total > 0 {
		b.WriteString("/" + Count(s.total) + " " + s.unit)
		fmt.Fprintf(&b, " (%d%%)", min(100, done*100/s.total))
	} else {
		b.WriteString(" " + s.unit)
	}
	elapsed := now.Sub(s.start)
	if elapsed < time.Second || done <= 0 {
		return b.String()
	}
	rate := float64(done) / elapsed.Seconds()
	b.WriteString(" · " + Count(int64(rate+0.5)) + " " + s.unit + "/giây")
	if s.total > done {
		left := time.Duration(float64(s.total-done) / rate * float64(time.Second))
		b.WriteString(" · còn khoảng " + Duration(left))
	}
	return b.String()
}

// Count formats n the Vietnamese way, with a dot between thousands
// (13.473).
func Count[N ~int | ~int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Duration formats a time left, rounded up to the second: "7 giây",
// "2 phút 05 giây".
func Duration(d time.Duration) string {
	sec := int64((d + time.Second - 1) / time.Second)
	if sec < 60 {
		return strconv.FormatInt(sec, 10) + " giây"
	}
	return fmt.Sprintf("%d phút %02d giây", sec/60, sec%60)
}
