package progress

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a hand-moved clock, so the tests say exactly when time passes.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock() *clock { return &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

// In a log (not a terminal) a running stage prints a whole line every
// LogEvery, with count, share, rate and time left, and nothing between.
func TestLogGetsALineEveryFewSeconds(t *testing.T) {
	var out bytes.Buffer
	c := newClock()
	r := newReporter(&out, false, c.now)
	st := r.Stage("Viết trang HTML", "trang", 13473)
	st.Add(100)
	c.advance(LogEvery - time.Millisecond)
	st.Add(100)
	if out.Len() != 0 {
		t.Fatalf("a line before %v: %q", LogEvery, out.String())
	}
	c.advance(time.Millisecond)
	st.Add(4800) // 5.000 in 5 s: 1.000 a second, 8.473 left
	want := "  Viết trang HTML: 5.000/13.473 trang (37%) · 1.000 trang/giây · còn khoảng 9 giây\n"
	if out.String() != want {
		t.Fatalf("progress line\n got %q\nwant %q", out.String(), want)
	}
	out.Reset()
	c.advance(time.Second)
	st.Add(1)
	if out.Len() != 0 {
		t.Fatalf("a second line within %v: %q", LogEvery, out.String())
	}
	c.advance(2 * time.Second)
	st.Done()
	if got := out.String(); !strings.HasPrefix(got, "  Viết trang HTML: 5.001 trang") || !strings.HasSuffix(got, "   8.00 s\n") {
		t.Fatalf("final line %q: want the count and the stage's 8 s", got)
	}
}

// On a terminal the line is redrawn in place; a warning written meanwhile
// first erases it, so the two never share a line.
func TestTerminalRedrawsOneLine(t *testing.T) {
	var out bytes.Buffer
	c := newClock()
	r := newReporter(&out, true, c.now)
	st := r.Stage("Đánh chỉ mục tìm kiếm", "bài", 0)
	c.advance(2 * TermEvery)
	st.Add(10)
	c.advance(2 * time.Second)
	st.Add(10)
	if got, want := out.String(), "\r\x1b[K  Đánh chỉ mục tìm kiếm: 10 bài\r\x1b[K  Đánh chỉ mục tìm kiếm: 20 bài · 8 bài/giây"; got != want {
		t.Fatalf("terminal output\n got %q\nwant %q", got, want)
	}
	out.Reset()
	r.Write([]byte("cảnh báo: bộ đệm hỏng\n"))
	if got := out.String(); got != "\r\x1b[Kcảnh báo: bộ đệm hỏng\n" {
		t.Fatalf("warning during a stage: %q", got)
	}
	out.Reset()
	r.Write([]byte("cảnh báo: thứ hai\n"))
	if got := out.String(); got != "cảnh báo: thứ hai\n" {
		t.Fatalf("second warning erased a line that is not there: %q", got)
	}
	out.Reset()
	c.advance(time.Second)
	st.Add(1)
	st.Done()
	if got := out.String(); !strings.Contains(got, "\r\x1b[K  Đánh chỉ mục tìm kiếm: 21 bài ") || !strings.HasSuffix(got, "s\n") {
		t.Fatalf("end of stage on a terminal: %q", got)
	}
}

// Items counted from several goroutines all count, and at most one of
// them prints a due line.
func TestConcurrentAdds(t *testing.T) {
	var out bytes.Buffer
	c := newClock()
	r := newReporter(&out, false, c.now)
	st := r.Stage("Dựng Markdown", "bài", 8000)
	c.advance(LogEvery)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				st.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := strings.Count(out.String(), "\n"); n != 1 {
		t.Fatalf("%d progress lines for one due interval: %q", n, out.String())
	}
	out.Reset()
	st.Done()
	if !strings.Contains(out.String(), "Dựng Markdown: 8.000 bài") {
		t.Fatalf("final count: %q", out.String())
	}
}

// A nil Reporter (no log) and its nil stages do nothing.
func TestNilReporter(t *testing.T) {
	var r *Reporter = New(nil)
	r.Step("x %d", 1)
	st := r.Stage("x", "y", 3)
	st.Add(1)
	st.Done()
	if n, err := r.Write([]byte("abc")); n != 3 || err != nil {
		t.Fatalf("Write on nil: %d, %v", n, err)
	}
}

func TestCountAndDuration(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 13473: "13.473", 1234567: "1.234.567", -4500: "-4.500"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{0: "0 giây", 1500 * time.Millisecond: "2 giây", 59 * time.Second: "59 giây", 125 * time.Second: "2 phút 05 giây"} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// A step that ran beside the others shows its own time and leaves theirs
// alone; once it is waited for (Mark), the next step counts from then.
func TestStepBesideTheOthers(t *testing.T) {
	var out bytes.Buffer
	c := newClock()
	r := newReporter(&out, false, c.now)
	start := c.now() // the search starts beside the pages
	c.advance(2 * time.Second)
	r.Step("Viết trang HTML")
	c.advance(time.Second)
	r.StepFrom(start, "Chỉ mục tìm kiếm")
	c.advance(time.Second)
	r.Step("Thống kê")
	c.advance(4 * time.Second) // waiting for something beside
	r.Mark()
	c.advance(time.Second)
	r.Step("Thay thư mục đầu ra")
	want := []string{"Viết trang HTML", "2.00 s", "Chỉ mục tìm kiếm", "3.00 s", "Thống kê", "2.00 s", "Thay thư mục đầu ra", "1.00 s"}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines: %q", len(lines), out.String())
	}
	for i, l := range lines {
		if !strings.Contains(l, want[2*i]) || !strings.HasSuffix(l, want[2*i+1]) {
			t.Errorf("line %d %q: want %q ending in %q", i, l, want[2*i], want[2*i+1])
		}
	}
	var nilR *Reporter
	nilR.StepFrom(start, "x")
	nilR.Mark()
}

// ParseStep reads back what Step, StepFrom and a stage's Done print —
// name up to the first colon, time to the hundredth of a second — and
// nothing else a build prints: running stages' lines, warnings, the summary.
func TestParseStepReadsFinishedSteps(t *testing.T) {
	var out bytes.Buffer
	c := newClock()
	r := newReporter(&out, false, c.now)
	start := c.now()
	c.advance(1230 * time.Millisecond)
	r.Step("Đọc nội dung: %s bài viết, %d trang", Count(10000), 2)
	st := r.Stage("Viết trang HTML", "trang", 3)
	c.advance(LogEvery + 40*time.Millisecond)
	st.Add(1) // a running stage's line, not a step
	st.DoneNote("3 dựng lại")
	c.advance(70 * time.Second)
	r.StepFrom(start, "Chỉ mục tìm kiếm: 1 bài đánh lại")
	c.advance(20 * time.Millisecond)
	r.Step("Nguồn tin, sơ đồ trang")
	fmt.Fprintf(r, "cảnh báo: ảnh thiếu: 3 s\n")
	fmt.Fprintf(r, "Đã dựng 3 trang vào public trong 1.2s.\n")
	type step struct {
		name string
		d    time.Duration
	}
	var got []step
	for _, l := range strings.SplitAfter(out.String(), "\n") {
		if name, d, ok := ParseStep(l); ok {
			got = append(got, step{name, d.Round(10 * time.Millisecond)})
		}
	}
	want := []step{{"Đọc nội dung", 1230 * time.Millisecond}, {"Viết trang HTML", 5040 * time.Millisecond}, {"Chỉ mục tìm kiếm", 76270 * time.Millisecond}, {"Nguồn tin, sơ đồ trang", 70020 * time.Millisecond}}
	if !slices.Equal(got, want) {
		t.Errorf("steps read back\n got %v\nwant %v\nfrom\n%s", got, want, out.String())
	}
	for _, bad := range []string{"", "  1.00 s", "  x    y s", "  Đọc nội dung    -1.00 s", "Đọc nội dung    1.00 s"} {
		if name, d, ok := ParseStep(bad); ok {
			t.Errorf("ParseStep(%q) = %q, %v; want not a step", bad, name, d)
		}
	}
}
