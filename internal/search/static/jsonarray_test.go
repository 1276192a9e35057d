package static

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// jsonArrayCases are JSON texts of the shapes the export reads back, and
// malformed ones: splitArray and parseInts must agree with encoding/json
// on each.
var jsonArrayCases = []string{
	`[]`, ` [ ] `, `null`, `[1,2,3]`, `[ 1 , -2 ,3 ]`, `[0]`, `[-0]`, `[01]`, `[1.5]`, `[1e3]`, `[-]`,
	`[9223372036854775807]`, `[-9223372036854775808]`, `[9223372036854775808]`, `[-9223372036854775809]`,
	`[99999999999999999999999]`, `[1,]`, `[,1]`, `[1 2]`, `[1,,2]`, `[`, `]`, `[1`, `[1]]`, `[1] x`, `x`, ``,
	`["a",1,["b","c"],[1,[2,3]],{"k":[1]}]`, `["a\"]",[1]]`, `["\u00e2n",2]`, `["ân",2,[],[1,2,3],[0,1,2]]`,
	`[[1,2],[3]]`, `[[1,2],[3}]`, `["unterminated]`, `[true,false,null]`, "[\"a\tb\"]", `["a\\"]`, "[\"\xff\"]",
	"\t[1,\n2]\r\n",
}

// splitArray gives the elements encoding/json gives, and fails where it
// fails on a JSON text whose elements are valid JSON (an element's own
// decoder checks it); parseInts and entryTerm likewise.
func TestJSONArraysAsEncodingJSON(t *testing.T) {
	for _, c := range jsonArrayCases {
		checkJSONArray(t, []byte(c))
	}
	// Entries as the export writes them.
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		ints := make([]int, r.IntN(40))
		for k := range ints {
			ints[k] = r.IntN(1<<20) - 1000
		}
		checkJSONArray(t, appendInts(appendEntryHead(nil, "từ"+strconv.Itoa(r.IntN(100)), r.IntN(9000)), ints))
	}
}

func checkJSONArray(t *testing.T, raw []byte) {
	t.Helper()
	var want []json.RawMessage
	werr := json.Unmarshal(raw, &want)
	got, gerr := splitArray(raw)
	switch {
	case werr == nil && gerr != nil:
		t.Errorf("splitArray(%q): %v; encoding/json reads it", raw, gerr)
	case werr == nil && !reflect.DeepEqual(rawStrings(got), rawStrings(want)):
		t.Errorf("splitArray(%q) = %q, encoding/json %q", raw, rawStrings(got), rawStrings(want))
	case werr != nil && gerr == nil && allValid(got):
		t.Errorf("splitArray(%q) = %q; encoding/json refuses it: %v", raw, rawStrings(got), werr)
	}
	var wantInts []int
	werr = json.Unmarshal(raw, &wantInts)
	gotInts, gerr := parseInts(raw)
	if (werr == nil) != (gerr == nil) || werr == nil && !reflect.DeepEqual(gotInts, wantInts) {
		t.Errorf("parseInts(%q) = %v, %v; encoding/json %v, %v", raw, gotInts, gerr, wantInts, werr)
	}
	if werr == nil {
		return
	}
	// An entry: its first element, a string.
	if werr = json.Unmarshal(raw, &want); werr == nil && len(want) > 0 {
		var ws string
		werr := json.Unmarshal(want[0], &ws)
		gs, gerr := entryTerm(raw)
		if (werr == nil) != (gerr == nil) || gs != ws {
			t.Errorf("entryTerm(%q) = %q, %v; encoding/json %q, %v", raw, gs, gerr, ws, werr)
		}
	}
}

func rawStrings(ms []json.RawMessage) []string {
	if ms == nil {
		return nil
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m)
	}
	return out
}

func allValid(ms []json.RawMessage) bool {
	for _, m := range ms {
		if !json.Valid(m) {
			return false
		}
	}
	return true
}

// decodeInto reads integers, lists of integers and strings as
// encoding/json does.
func TestDecodeIntoAsEncodingJSON(t *testing.T) {
	for _, c := range append(jsonArrayCases, `12`, ` -3 `, `"từ"`, `"a\nb"`, `"\u0041"`, `3.0`, `"x`, `null`) {
		raw := []byte(c)
		var wi, gi int
		werr := json.Unmarshal(raw, &wi)
		gerr := decodeInto(&gi, raw)
		if (werr == nil) != (gerr == nil) || wi != gi {
			t.Errorf("int %q: %v, %v; encoding/json %v, %v", c, gi, gerr, wi, werr)
		}
		var ws, gs string
		werr = json.Unmarshal(raw, &ws)
		gerr = decodeInto(&gs, raw)
		if (werr == nil) != (gerr == nil) || ws != gs {
			t.Errorf("string %q: %q, %v; encoding/json %q, %v", c, gs, gerr, ws, werr)
		}
	}
	if strings.Contains(string(appendInts(nil, []int{1})), " ") {
		t.Fatal("appendInts writes blanks")
	}
}

// FuzzJSONArrays holds splitArray, parseInts and entryTerm to
// encoding/json on any input, and none of them may panic.
func FuzzJSONArrays(f *testing.F) {
	for _, c := range jsonArrayCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkJSONArray(t, raw)
	})
}
