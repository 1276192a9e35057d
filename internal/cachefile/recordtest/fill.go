// Package recordtest helps test the record layouts of caches
// (cachefile.Encoder and Decoder): a layout written by hand must cover
// every field of the types it saves, and Fill makes a value in which a
// field left out shows.
package recordtest

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// Fill sets every field of the value v points to, recursively, to a value
// unlike any other, with two items in every list and map: a field a
// layout leaves out then comes back empty, and the round trip differs.
// Every field must be exported (unexported ones are set by the test, by
// name).
func Fill(t testing.TB, v any) {
	t.Helper()
	n := 0
	fill(t, reflect.ValueOf(v).Elem(), &n)
}

func fill(t testing.TB, v reflect.Value, n *int) {
	*n++
	if v.Type() == reflect.TypeFor[time.Time]() {
		// A zone of its own, and nanoseconds: both must come back.
		v.Set(reflect.ValueOf(time.Date(1990+*n, time.Month(1+*n%12), 1+*n%28, *n%24, 7, 9, *n, time.FixedZone("", 7*3600))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("giá trị %d", *n))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n) * -7)
	case reflect.Uint8:
		v.SetUint(uint64(*n))
	case reflect.Uint32:
		v.SetUint(uint64(*n) * 7)
	case reflect.Uint, reflect.Uint64:
		v.SetUint(uint64(*n) << 40) // wider than 32 bits

	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(t, v.Index(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fill(t, v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for i := 0; i < 2; i++ {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, n)
			fill(t, e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); !f.IsExported() {
				t.Fatalf("recordtest.Fill: %s.%s is unexported: set it in the test", v.Type(), f.Name)
			}
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("recordtest.Fill: no value for a %s", v.Type())
	}
}
