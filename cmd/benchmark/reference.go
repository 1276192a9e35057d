package main

import (
	"fmt"
	"time"

	"github.com/quangngai/danvan/internal/bench"
)

// referenceRounds is how many times the machine reference is timed, each
// time it is taken; the fastest counts. On a quiet 2-core machine best of 5
// varied 159–209 ms over six takings in a minute, and was 237–258 ms
// twenty minutes later: the machine's own drift, which is why it is taken
// before the builds and after them.
const referenceRounds = 5

// reference is the machine reference (bench.MachineReference) taken before
// a run's builds and after them: the machine's speed drifts within a run,
// and the two say by how much.
type reference struct{ before, after time.Duration }

// takeReference takes the reference before the builds.
func takeReference() *reference {
	return &reference{before: bench.MachineReference(referenceRounds)}
}

// end takes it after them.
func (r *reference) end() { r.after = bench.MachineReference(referenceRounds) }

func (r *reference) String() string {
	return fmt.Sprintf("Machine reference (bench.MachineReference: the same work on one core, best of %d): %d ms before the builds, %d ms after. Figures from different machines compare by it, not as they stand.",
		referenceRounds, r.before.Milliseconds(), r.after.Milliseconds())
}
