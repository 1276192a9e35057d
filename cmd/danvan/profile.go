package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// startProfile writes a CPU profile of the command to file and an
// execution trace to traceFile (for developers measuring a build with `go
// tool pprof` and `go tool trace`: the profile says where CPU goes, the
// trace what waits on what); "" does nothing. The returned function stops
// both and closes the files.
func startProfile(file, traceFile string) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	if file != "" {
		f, err := os.Create(file)
		if err != nil {
			return nil, fmt.Errorf("tạo tệp hồ sơ CPU %s: %w", file, err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("bắt đầu ghi hồ sơ CPU: %w", err)
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if traceFile != "" {
		f, err := os.Create(traceFile)
		if err != nil {
			stop()
			return nil, fmt.Errorf("tạo tệp diễn biến %s: %w", traceFile, err)
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			stop()
			return nil, fmt.Errorf("bắt đầu ghi diễn biến: %w", err)
		}
		stops = append(stops, func() { trace.Stop(); f.Close() })
	}
	return stop, nil
}

// memProfileRate is Go's default sampling of allocations (one sample per
// 512 KiB allocated on average), which --memprofile turns back on.
const memProfileRate = 512 << 10

// startMemProfile writes to file, when the returned function is called, a
// heap profile taken when the live heap was at its largest: the peak is
// what a build's memory is judged by, and by the end of a build most of
// it is free again. The live heap (as of the last collection) is checked
// every pollEvery, and once more at the end. "" does nothing.
func startMemProfile(file string) (stop func() error, err error) {
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("tạo tệp hồ sơ bộ nhớ %s: %w", file, err)
	}
	runtime.MemProfileRate = memProfileRate // main turned sampling off
	const pollEvery = 100 * time.Millisecond
	var peak peakProfile
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			peak.check()
			select {
			case <-tick.C:
			case <-done:
				return
			}
		}
	}()
	return func() error {
		close(done)
		<-stopped
		peak.check()
		_, werr := f.Write(peak.best)
		if err := errors.Join(werr, f.Close()); err != nil {
			return fmt.Errorf("ghi hồ sơ bộ nhớ %s: %w", file, err)
		}
		return nil
	}, nil
}

// peakProfile keeps the heap profile of the largest live heap seen.
type peakProfile struct {
	best []byte // the heap profile (gzipped protobuf, as go tool pprof reads it)
	most uint64 // live heap bytes when it was taken
}

// check takes a new profile if the live heap has grown by a tenth since
// the last one (a build takes a few dozen: each costs milliseconds).
func (p *peakProfile) check() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := sample[0].Value.Uint64()
	if p.best != nil && live <= p.most+p.most/10 {
		return
	}
	var buf bytes.Buffer
	if pprof.Lookup("heap").WriteTo(&buf, 0) == nil {
		p.best, p.most = buf.Bytes(), live
	}
}
