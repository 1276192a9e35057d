package static

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"
)

// twoAtOnce is a ConcurrentWriter that holds its first write until a
// second one is in progress, and records what it was given.
type twoAtOnce struct {
	mu      sync.Mutex
	files   map[string]string
	order   []string
	second  chan struct{} // closed by the second write
	waiting bool          // the first write is waiting
	overlap bool          // a second write came while the first waited
}

func (w *twoAtOnce) WritesConcurrently() {}

func (w *twoAtOnce) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	first := w.files == nil
	if first {
		w.files = map[string]string{}
		w.waiting = true
	} else if w.waiting {
		w.overlap, w.waiting = true, false
		close(w.second)
	}
	w.files[name] = string(data)
	w.order = append(w.order, name)
	w.mu.Unlock()
	if first {
		select {
		case <-w.second:
		case <-time.After(10 * time.Second): // the other write never came: Base.Write wrote on one goroutine
			w.mu.Lock()
			w.waiting = false
			w.mu.Unlock()
		}
	}
	return nil
}

// serial records the files of a plain Writer.
type serial struct {
	files map[string]string
	order []string
}

func (w *serial) WriteFile(name string, data []byte) error {
	if w.files == nil {
		w.files = map[string]string{}
	}
	w.files[name] = string(data)
	w.order = append(w.order, name)
	return nil
}

// Base.WriteOn writes on two goroutines to a writer that allows it, the
// same files as to one that does not, and the manifest last in both.
func TestBaseWriteConcurrent(t *testing.T) {
	b := &Base{Uni: []string{"a", "m"}, Opt: Options{Buckets: 3}, Manifest: []byte(`{"m":1}`), OpenSearch: []byte("<xml/>")}
	b.Tokens = map[string]string{KindTerms: "aaaaaaaa", KindPairs: "bbbbbbbb", KindRecords: "cccccccc", KindFacets: "dddddddd", KindWords: "eeeeeeee"}
	for i := range 2 + 3 + 4 + 2 { // terms, pairs, records, facets and words
		b.Files = append(b.Files, []byte(fmt.Sprintf("file %d", i)))
	}
	var one serial
	st1, err := b.WriteOn(&one, 2)
	if err != nil {
		t.Fatal(err)
	}
	two := &twoAtOnce{second: make(chan struct{})}
	st2, err := b.WriteOn(two, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !two.overlap {
		t.Error("a ConcurrentWriter was given one write at a time")
	}
	if !maps.Equal(one.files, two.files) || *st1 != *st2 {
		t.Errorf("written on two goroutines: %d files %+v, on one: %d files %+v", len(two.files), st2, len(one.files), st1)
	}
	for _, order := range [][]string{one.order, two.order} {
		if last := order[len(order)-1]; !strings.HasSuffix(last, "manifest.json") {
			t.Errorf("last file written %q, want the manifest", last)
		}
	}
	if st1.Files != len(b.Files)+2 {
		t.Errorf("Stats.Files %d, want %d", st1.Files, len(b.Files)+2)
	}
}
