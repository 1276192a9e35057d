//go:build unix

package build

import (
	"errors"
	"syscall"
)

// processGone reports whether no process has the given id: a signal 0
// checks existence without sending anything.
func processGone(pid int) bool {
	return pid > 0 && errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
