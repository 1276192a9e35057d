package bench

import (
	"encoding/hex"
	"testing"
)

// TestReferenceWorkIsFixed: the machine reference does the same work on
// every machine and every run (its digest, which every step feeds), so two
// machines' figures time the same thing. A change to the work changes the
// digest, and this test says so: the figures of earlier notes are then no
// longer comparable.
func TestReferenceWorkIsFixed(t *testing.T) {
	const want = "949519e79111f767db0d171fa2880759f904dec02171994e340a44a3efa6e873"
	for range 2 {
		if got := referenceWork(); hex.EncodeToString(got[:]) != want {
			t.Fatalf("reference work digest %x, want %s: the work changed, and with it what MachineReference measures", got, want)
		}
	}
}
