package store

import (
	"fmt"
	"reflect"
	"testing"
)

// mapOf identifies a counter's map.
func mapOf(c *counter) uintptr { return uintptr(reflect.ValueOf(c.freqs).UnsafePointer()) }

// fill counts n distinct terms into c.
func fill(c *counter, n int) {
	for i := range n {
		c.add(fmt.Sprint("từ", i))
	}
}

// From one batch to the next a field gets its own counters back (a title
// a title's, a body a body's), emptied; a map with room for far more than
// the field has words (so for more terms than it can have) is made again,
// and one about its size is kept.
func TestCountersAreReusedByField(t *testing.T) {
	const title, body = 0, 3
	var cs counters
	bodyCounter := cs.get(body, 5000)
	fill(bodyCounter, 5000)
	titleCounter := cs.get(title, 10)
	fill(titleCounter, 10)
	bodyMap, titleMap := mapOf(bodyCounter), mapOf(titleCounter)
	cs.reuse()

	// The next batch asks for the title first: it must not get the body's.
	if c := cs.get(title, 12); c != titleCounter || len(c.freqs) != 0 || len(c.slab) != 0 || mapOf(c) != titleMap {
		t.Errorf("the title got counter %p (map kept: %v, %d terms left), want its own %p, emptied", c, mapOf(c) == titleMap, len(c.freqs), titleCounter)
	}
	c := cs.get(body, 6000) // as many words as the last body had terms, or more
	if c != bodyCounter || len(c.freqs) != 0 || mapOf(c) != bodyMap {
		t.Errorf("a body of about the same size: counter %p, map kept %v, %d terms left; want its own, its map emptied", c, mapOf(c) == bodyMap, len(c.freqs))
	}
	fill(c, 5000)
	cs.reuse()
	c = cs.get(body, 4000) // fewer words than the last body had terms
	if c != bodyCounter || len(c.freqs) != 0 || mapOf(c) == bodyMap {
		t.Errorf("a shorter body in a map that held 5,000 terms: map made again %v, %d terms left", mapOf(c) != bodyMap, len(c.freqs))
	}
	fill(c, 100)
	c.add("từ7")
	if c.freqs["từ7"].Frequency() != 2 || len(c.freqs) != 100 {
		t.Errorf("the remade counter counts %d terms", len(c.freqs))
	}
}
