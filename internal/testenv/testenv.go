// Package testenv is the one place a danvan test decides not to run a
// check. A test that needs something the machine may lack (Chromium, Java,
// Node, git, the npm tooling in .ci/, a long run skipped by -short) calls
// [Need] with the error from looking for it: with CI=true that fails the
// test, because CI must run every gate; elsewhere it skips with a message
// that says what did not run and how to get it. The README's test command
// lists those messages in its closing summary, so a check that never ran
// is never counted as passed silently.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true), where nothing may be
// skipped.
func InCI() bool {
	return strings.EqualFold(os.Getenv("CI"), "true")
}

// Need stops the test when err, the error from finding what it needs, is
// not nil: with CI=true it fails the test; elsewhere it skips it, with err
// (which should say how to install the missing part) as the reason.
func Need(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if InCI() {
		tb.Fatalf("CI=true, and this check cannot run: %v", err)
	}
	tb.Skipf("NOT RUN: %v", err)
}

// NeedCommand stops the test (see [Need]) when the program name is not on
// the PATH; install says how to get it, e.g. "apt-get install git".
func NeedCommand(tb testing.TB, name, install string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		err = fmt.Errorf("%s not found (%s): %w", name, install, err)
	}
	Need(tb, err)
	return p
}

// NotShort stops the test (see [Need]) under go test -short; why says what
// the skipped run checks.
func NotShort(tb testing.TB, why string) {
	tb.Helper()
	if testing.Short() {
		Need(tb, errors.New("-short skips "+why))
	}
}
