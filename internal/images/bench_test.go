package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// phoneJPEGs writes n distinct 4000×3000 JPEGs (a smooth scene with
// sensor-like noise, about the size a phone writes) into dir. One image is
// encoded; the others differ by a comment segment, so each has its own
// content hash and is processed on its own.
func phoneJPEGs(b *testing.B, dir string, n int) []string {
	b.Helper()
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(4, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Y[y*img.YStride+x] = uint8((x*255/w+y*255/h)/2) + uint8(rng.IntN(24))
		}
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(100 + rng.IntN(40))
		img.Cr[i] = uint8(120 + rng.IntN(40))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		b.Fatal(err)
	}
	base := buf.Bytes()
	names := make([]string, n)
	for i := range n {
		com := fmt.Sprintf("anh so %03d", i)
		seg := append([]byte{0xFF, 0xFE, 0, byte(len(com) + 2)}, com...)
		data := append(append(append([]byte{}, base[:2]...), seg...), base[2:]...)
		names[i] = fmt.Sprintf("anh-%03d.jpg", i)
		if err := os.WriteFile(filepath.Join(dir, names[i]), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("source: %d×%d JPEG, %d KB each", w, h, len(base)>>10)
	return names
}

// processAll processes every image with GOMAXPROCS workers, as the site
// does, and returns the peak heap in use seen while it ran.
func processAll(b *testing.B, p *Processor, dir string, names []string) uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				if _, err := p.Process(os.DirFS(dir), name, false); err != nil {
					b.Error(name, err)
				}
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	close(stop)
	sampler.Wait()
	return peak.Load()
}

// BenchmarkPhotos100: 100 phone-size JPEGs. "cold" makes every variant;
// "warm" finds them all in the disk cache (a second build).
func BenchmarkPhotos100(b *testing.B) {
	dir := b.TempDir()
	names := phoneJPEGs(b, dir, 100)
	b.Run("cold", func(b *testing.B) {
		var peak uint64
		for b.Loop() {
			b.StopTimer()
			cache := b.TempDir()
			runtime.GC()
			b.StartTimer()
			p := New(cache)
			peak = max(peak, processAll(b, p, dir, names))
			if p.Stats().Processed != int64(len(names)) {
				b.Fatalf("stats %+v", p.Stats())
			}
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	})
	b.Run("warm", func(b *testing.B) {
		cache := b.TempDir()
		processAll(b, New(cache), dir, names)
		b.ResetTimer()
		for b.Loop() {
			p := New(cache)
			processAll(b, p, dir, names)
			if p.Stats().Cached != int64(len(names)) {
				b.Fatalf("stats %+v", p.Stats())
			}
		}
	})
}
