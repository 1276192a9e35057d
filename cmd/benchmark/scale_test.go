package main

import (
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
