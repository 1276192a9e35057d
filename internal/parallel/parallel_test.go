package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// Every index is visited once, on no more goroutines than cores, for any
// n (none, fewer than the cores, many).
func TestForVisitsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, runtime.GOMAXPROCS(0) + 1, 10_000} {
		seen := make([]atomic.Int32, n)
		var running, most atomic.Int32
		For(n, func(i int) {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			seen[i].Add(1)
			running.Add(-1)
		})
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, c)
			}
		}
		if m := most.Load(); int(m) > runtime.GOMAXPROCS(0) {
			t.Errorf("n=%d: %d calls at once, more than the %d cores", n, m, runtime.GOMAXPROCS(0))
		}
	}
}
