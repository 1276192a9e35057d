//go:build !linux

package main

// hugeHeap asks for huge pages on the heap where the system gives them
// only when asked (hugepages_linux.go); elsewhere it does nothing.
type hugeHeap struct{}

func newHugeHeap(int) *hugeHeap { return nil }

func (h *hugeHeap) grow(int) {}
