package bench

import (
	"crypto/sha256"
	"encoding/binary"
	"runtime"
	"slices"
	"strconv"
	"time"
)

// MachineReference times a fixed piece of work on one core, of the kinds a
// build spends its CPU on: short strings made and kept, a map of them grown
// from empty, a sort, and SHA-256. Alone the figure means nothing; beside
// another machine's it says how much of a difference between two runs is
// the machine's. Notes compare runs across sessions, and the virtual
// machines of two sessions differed by 2.5× for the same program (cold
// 10,000-article builds of one commit, 8.7 s and 21.7 s; Hugo + Pagefind
// only 1.7×, so the peers do not stand in for it). It reports the fastest
// of rounds runs, the one least disturbed by anything else on the machine.
func MachineReference(rounds int) time.Duration {
	best := time.Duration(0)
	for range max(rounds, 1) {
		runtime.GC() // each round starts from the same heap, not from the last one's garbage
		start := time.Now()
		referenceWork()
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
	}
	return best
}

// referenceWork is MachineReference's work. Its digest depends on every
// step, so no step can be left out, and is the same on every machine
// (TestReferenceWorkIsFixed).
func referenceWork() [32]byte {
	const (
		words  = 200_000 // about the distinct word pairs of a 10,000-article search index
		hashed = 32      // MiB of SHA-256
	)
	keys := make([]string, words)
	counts := map[string]int64{} // grown from empty, as a build's maps are
	var buf []byte
	for i := range words {
		x := uint64(i%(words/2)) * 0x9E3779B97F4A7C15 // each word twice
		buf = strconv.AppendUint(buf[:0], x>>24, 36)
		keys[i] = string(buf)
		counts[keys[i]] += int64(i)
	}
	slices.Sort(keys)
	h := sha256.New()
	var total int64
	for _, k := range keys {
		total += counts[k]
		h.Write([]byte(k))
	}
	block := make([]byte, 1<<20)
	for i := range hashed {
		binary.LittleEndian.PutUint64(block[i*8:], uint64(total)+uint64(len(counts)))
		h.Write(block)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}
