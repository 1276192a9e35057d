// Package parallel runs the iterations of a loop on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n) on min(GOMAXPROCS, n) goroutines,
// each taking the next i, and returns once every call has returned. It is
// for loops of many small iterations: a goroutine an iteration (errgroup
// with a limit) cost a warm build at 10,000 articles, whose articles and
// bodies come from caches, about 16 ms of CPU a loop in starting and
// scheduling them.
func For(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
