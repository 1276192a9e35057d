package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/bench"
)

func usage(wall, cpu float64) bench.Usage {
	return bench.Usage{Wall: time.Duration(wall * float64(time.Second)), CPU: time.Duration(cpu * float64(time.Second)), PeakRSS: 1 << 30}
}

// A round compares the big build with the mean of the small builds on
// either side of it, so a machine slowing down during the round weighs
// on both sides of the ratio.
func TestScaleRoundRatios(t *testing.T) {
	r := scaleRound{before: usage(10, 18), big: usage(55, 96), after: usage(12, 20)}
	if got := r.wallRatio(); got != 5 {
		t.Errorf("wall ratio %v, want 55 / mean(10, 12) = 5", got)
	}
	if got := r.cpuRatio(); got < 5.052 || got > 5.053 {
		t.Errorf("CPU ratio %v, want 96 / 19 = 5.0526", got)
	}
}

func TestRatioSummary(t *testing.T) {
	for _, c := range []struct {
		in           []float64
		mean, median float64
	}{
		{nil, 0, 0},
		{[]float64{5.4}, 5.4, 5.4},
		{[]float64{5.6, 4.8, 5.2}, 5.2, 5.2},
		{[]float64{5.0, 6.0, 4.0, 5.4}, 5.1, 5.2},
	} {
		mean, median := ratioSummary(c.in)
		if diff(mean, c.mean) > 1e-9 || diff(median, c.median) > 1e-9 {
			t.Errorf("ratioSummary(%v) = %v, %v; want %v, %v", c.in, mean, median, c.mean, c.median)
		}
	}
	in := []float64{3, 1, 2}
	ratioSummary(in)
	if in[0] != 3 || in[1] != 1 {
		t.Errorf("ratioSummary sorted its argument: %v", in)
	}
}

func diff(a, b float64) float64 {
	if a > b {
		return a - b
	}
	return b - a
}

// The verdict goes by the mean wall ratio against the target, and says
// "missed" when the mean is above it, whatever the median.
func TestPrintScaleVerdict(t *testing.T) {
	rs := []scaleRound{
		{before: usage(10, 18), big: usage(50, 90), after: usage(10, 18)},  // 5.0
		{before: usage(10, 18), big: usage(60, 100), after: usage(10, 18)}, // 6.0
		{before: usage(10, 18), big: usage(49, 90), after: usage(10, 18)},  // 4.9
	}
	var out strings.Builder
	printScale(&out, rs, 10000, 50000, 5)
	s := out.String()
	for _, want := range []string{"| 10000 wall / CPU / peak | 50000 wall / CPU / peak |", "| 2 | 10.00 s / 18.00 s / 1024.0 MiB | 60.00 s / 100.00 s / 1024.0 MiB |", "mean 5.30, median 5.00 (target ≤ 5: missed, by the mean)"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	out.Reset()
	printScale(&out, rs[:1], 10000, 50000, 5)
	if !strings.Contains(out.String(), "(target ≤ 5: met, by the mean)") {
		t.Errorf("a mean of 5.00 against ≤ 5 not met:\n%s", out.String())
	}
}

// buildLog is a build's output with the given steps, as progress prints
// them, among lines that are not steps.
func buildLog(steps ...any) string {
	var b strings.Builder
	b.WriteString("  Viết trang HTML: 20.057/66.993 trang (29%) · 4.011 trang/giây · còn khoảng 12 giây\n")
	for i := 0; i < len(steps); i += 2 {
		fmt.Fprintf(&b, "  %-48s %6.2f s\n", steps[i], steps[i+1])
	}
	b.WriteString("Đã dựng 13483 trang (10000 bài viết, 40555 tệp, 0 tệp không đổi) vào public trong 9.964s.\n")
	return b.String()
}

// Each stage is timed at both sizes from the builds' own output, and its
// ratio taken round by round, as the whole build's is.
func TestScaleStages(t *testing.T) {
	small := readStages(buildLog("Đọc nội dung: 10.000 bài viết, 2 trang", 1.0, "Viết trang HTML: 13.483 trang (13.483 dựng lại)", 3.0))
	smallSlow := readStages(buildLog("Đọc nội dung: 10.000 bài viết, 2 trang", 1.2, "Viết trang HTML: 13.483 trang (13.483 dựng lại)", 3.4))
	big := readStages(buildLog("Đọc nội dung: 50.000 bài viết, 2 trang", 5.5, "Viết trang HTML: 66.993 trang (66.993 dựng lại)", 19.2))
	if want := []string{"Đọc nội dung", "Viết trang HTML"}; !slices.Equal(big.names, want) || big.secs["Viết trang HTML"] != 19.2 {
		t.Fatalf("stages %v %v, want %v with 19.2 s of pages", big.names, big.secs, want)
	}
	rs := []scaleRound{
		{stages: [3]stageTimes{small, big, smallSlow}}, // reading 5.5/1.1 = 5, pages 19.2/3.2 = 6
		{stages: [3]stageTimes{small, big, small}},     // reading 5.5, pages 6.4
	}
	var out strings.Builder
	printStages(&out, rs, 10000, 50000)
	for _, want := range []string{"| stage | 10000, mean | 50000, mean |", "| Đọc nội dung | 1.05 s | 5.50 s | 5.25 (5.25) |", "| Viết trang HTML | 3.10 s | 19.20 s | 6.20 (6.20) |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
