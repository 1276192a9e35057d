package static

import (
	"encoding/json"
	"errors"
	"math"
	"unicode/utf8"
)

// The export's shards and entries are JSON arrays, mostly of integers
// (appendInts), and Go reads them back in every incremental update (the
// entries an edit may leave as they are, Settled; the shards it rewrites,
// Update) and in `danvan search`. encoding/json validated every byte once
// to split an array and decoded each list of integers again by
// reflection: about a quarter of a warm build's search update at 10,000
// articles. splitArray and parseInts read the same JSON in one pass each,
// and refuse what encoding/json would refuse for these shapes (parity:
// TestJSONArraysAsEncodingJSON, FuzzJSONArrays).

var errJSON = errors.New("JSON hỏng")

// splitArray returns the elements of the JSON array raw, as unmarshalling
// it into []json.RawMessage does (each element without the blanks around
// it; nil for null). Elements are checked for balanced brackets and
// closed strings only: their decoder checks the rest.
func splitArray(raw []byte) ([]json.RawMessage, error) {
	var out []json.RawMessage
	null, err := eachElement(raw, func(i int) (int, error) {
		j, err := skipValue(raw, i)
		if err == nil && j == i {
			err = errJSON // nothing between two separators
		}
		if err != nil {
			return 0, err
		}
		out = append(out, raw[i:j])
		return j, nil
	})
	if null || err != nil {
		return nil, err
	}
	if out == nil {
		out = []json.RawMessage{}
	}
	return out, nil
}

// parseInts decodes the JSON array of integers raw, as unmarshalling it
// into []int does (nil for null).
func parseInts(raw []byte) ([]int, error) {
	var out []int
	null, err := eachElement(raw, func(i int) (int, error) {
		n, j, err := parseInt(raw, i)
		out = append(out, n)
		return j, err
	})
	if null || err != nil {
		return nil, err
	}
	if out == nil {
		out = []int{}
	}
	return out, nil
}

// eachElement walks the JSON array raw (or null, which it reports): elem
// reads the element starting at raw[i] and returns the index after it;
// the blanks, commas and brackets around the elements are checked here.
func eachElement(raw []byte, elem func(i int) (int, error)) (null bool, err error) {
	i := skipBlank(raw, 0)
	if isNull(raw, i) {
		return true, nil
	}
	if i >= len(raw) || raw[i] != '[' {
		return false, errJSON
	}
	i = skipBlank(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return false, end(raw, i+1)
	}
	for {
		j, err := elem(i)
		if err != nil {
			return false, err
		}
		i = skipBlank(raw, j)
		if i >= len(raw) {
			return false, errJSON
		}
		switch raw[i] {
		case ',':
			i = skipBlank(raw, i+1)
		case ']':
			return false, end(raw, i+1)
		default:
			return false, errJSON
		}
	}
}

// parseInt reads a JSON integer at raw[i:] (no fraction, no exponent, no
// leading zero, within int64) and returns it and the index after it.
func parseInt(raw []byte, i int) (int, int, error) {
	neg := i < len(raw) && raw[i] == '-'
	if neg {
		i++
	}
	start := i
	var n uint64
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		d := uint64(raw[i] - '0')
		if n > (math.MaxUint64-d)/10 {
			return 0, 0, errJSON
		}
		n = n*10 + d
		i++
	}
	switch {
	case i == start, i-start > 1 && raw[start] == '0':
		return 0, 0, errJSON
	case i < len(raw) && (raw[i] == '.' || raw[i] == 'e' || raw[i] == 'E'):
		return 0, 0, errJSON // a number, but no int
	case neg && n > 1<<63, !neg && n > math.MaxInt64:
		return 0, 0, errJSON
	}
	if neg {
		return int(-int64(n)), i, nil
	}
	return int(n), i, nil
}

// skipValue returns the index after the value at raw[i:], a string, an
// array or object (brackets matched), or a bare literal or number.
func skipValue(raw []byte, i int) (int, error) {
	var stack []byte
	for i < len(raw) {
		switch c := raw[i]; c {
		case '"':
			j, err := skipString(raw, i)
			if err != nil {
				return 0, err
			}
			i = j
		case '[', '{':
			stack = append(stack, c)
			i++
		case ']', '}':
			if len(stack) == 0 {
				return i, nil // the end of the enclosing array
			}
			if open := stack[len(stack)-1]; (open == '[') != (c == ']') {
				return 0, errJSON
			}
			stack = stack[:len(stack)-1]
			i++
		case ',', ' ', '\t', '\n', '\r':
			if len(stack) == 0 {
				return i, nil
			}
			i++
		default:
			i++
		}
	}
	if len(stack) > 0 {
		return 0, errJSON
	}
	return i, nil
}

// skipString returns the index after the string starting at raw[i].
func skipString(raw []byte, i int) (int, error) {
	for i++; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '"':
			return i + 1, nil
		}
	}
	return 0, errJSON
}

func skipBlank(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

func isNull(raw []byte, i int) bool {
	return len(raw)-i >= 4 && string(raw[i:i+4]) == "null" && skipBlank(raw, i+4) == len(raw)
}

// end checks that only blanks follow the array.
func end(raw []byte, i int) error {
	if skipBlank(raw, i) != len(raw) {
		return errJSON
	}
	return nil
}

// entryTerm returns the term an entry starts with (its first element, a
// JSON string), reading no further.
func entryTerm(raw []byte) (string, error) {
	i := skipBlank(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return "", errJSON
	}
	i = skipBlank(raw, i+1)
	if i >= len(raw) || raw[i] != '"' {
		return "", errJSON
	}
	j, err := skipString(raw, i)
	if err != nil {
		return "", err
	}
	return jsonString(raw[i:j])
}

// jsonString decodes a JSON string: as it is when it has no escape, no
// control character and valid UTF-8 (what the export writes for words),
// else by encoding/json.
func jsonString(q []byte) (string, error) {
	plain := utf8.Valid(q)
	for _, c := range q[1 : len(q)-1] {
		if c == '\\' || c < 0x20 {
			plain = false
			break
		}
	}
	if plain {
		return string(q[1 : len(q)-1]), nil
	}
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return "", err
	}
	return s, nil
}

// decodeInto decodes the JSON value raw into dst: lists of integers and
// integers in one pass (parseInts, parseInt), the rest by encoding/json.
func decodeInto(dst any, raw []byte) error {
	switch d := dst.(type) {
	case *[]int:
		v, err := parseInts(raw)
		*d = v
		return err
	case *int:
		i := skipBlank(raw, 0)
		if isNull(raw, i) {
			return nil
		}
		n, j, err := parseInt(raw, i)
		if err == nil && skipBlank(raw, j) != len(raw) {
			err = errJSON
		}
		if err == nil {
			*d = n
		}
		return err
	case *string:
		i := skipBlank(raw, 0)
		j := len(raw)
		for j > i && (raw[j-1] == ' ' || raw[j-1] == '\t' || raw[j-1] == '\n' || raw[j-1] == '\r') {
			j--
		}
		if j-i >= 2 && raw[i] == '"' {
			if k, err := skipString(raw, i); err == nil && k == j {
				s, err := jsonString(raw[i:j])
				if err == nil {
					*d = s
				}
				return err
			}
		}
	}
	return json.Unmarshal(raw, dst)
}
