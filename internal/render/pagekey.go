package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"sort"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A page's key hashes everything its HTML can depend on: the layouts and
// the assets (the renderer's key), the page's kind, and the values its
// templates read (reads.go), found by walking the page along the kind's
// tree of reads. Two builds that give a page the same key give it the
// same bytes, so a page whose key is unchanged need not be rendered again.

// Key is a page's key; the zero Key means "cannot tell: render it".
type Key [32]byte

// argMethod says what a method the layouts call with arguments reads, by
// the type of its receiver and its name. The arguments themselves are
// read as the analysis records them; the rule names the rest.
type argMethod struct {
	reads   []string // paths from the receiver whose values the result is computed from
	results string   // a path from the receiver to every value the method can return, when the layouts read further into its result
}

// argMethods cover the methods with arguments that the layouts call. A
// call that no rule covers makes the page uncacheable: it is rendered every
// time, never served stale.
var argMethods = map[string]argMethod{
	"render.Page.Abs":          {reads: []string{"Site.BaseURL"}}, // BaseURL + the path
	"render.Page.InSection":    {reads: []string{"URL"}},          // the page's URL against the section's
	"site.Site.Cell":           {results: "Areas.[].Cells.[]"},    // one of the cells, by area and locality slug
	"site.Site.AreaBySlug":     {results: "Areas.[]"},             // one of the areas
	"site.Site.LocalityBySlug": {results: "Localities.[]"},        // one of the localities
}

// Keys returns the key of each page (see Key). Pages of a kind whose reads
// are unknown, or whose walk fails, get the zero Key.
func (r *Renderer) Keys(pages []*Page) []Key {
	keys := make([]Key, len(pages))
	k := &keyer{memo: map[memoKey][32]byte{}, rules: map[*reads]*reads{}}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const chunk = 64
	for lo := 0; lo < len(pages); lo += chunk {
		g.Go(func() error {
			var buf []byte
			for i := lo; i < min(lo+chunk, len(pages)); i++ {
				keys[i], buf = r.key(k, pages[i], buf[:0])
			}
			return nil
		})
	}
	_ = g.Wait()
	return keys
}

// key walks one page.
func (r *Renderer) key(k *keyer, p *Page, buf []byte) (key Key, _ []byte) {
	kr, ok := r.reads[p.Kind]
	if !ok || kr.reason != "" {
		return Key{}, buf
	}
	defer func() {
		if recover() != nil {
			key = Key{} // a method that panics: let the render report it
		}
	}()
	buf = append(buf, r.key0[:]...)
	buf = appendString(buf, p.Kind)
	buf, err := k.walk(buf, reflect.ValueOf(p), kr.root)
	if err != nil {
		return Key{}, buf
	}
	return sha256.Sum256(buf), buf
}

// keyer walks pages; its memo is shared by the pages of one Keys call.
type keyer struct {
	mu    sync.Mutex
	memo  map[memoKey][32]byte // digest of the reads of a tree node from one struct
	rules map[*reads]*reads    // a call's reads, rooted at its receiver by the call's rule
}

type memoKey struct {
	ptr  uintptr
	node *reads
}

var errUncacheable = errors.New("page reads what its key cannot follow")

// walk appends to buf the values v shows along the reads tree n.
func (k *keyer) walk(buf []byte, v reflect.Value, n *reads) ([]byte, error) {
	if n.used {
		buf = appendLeaf(buf, v, 0)
	}
	if n.tested {
		buf = appendBool(buf, truth(v))
	}
	if n.length {
		buf = appendInt(buf, int64(length(v)))
	}
	if len(n.children) == 0 && len(n.calls) == 0 {
		return buf, nil
	}
	v = indirectInterface(v)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return append(buf, 0), nil
		}
		if v.Elem().Kind() == reflect.Struct {
			// The same article is shown on many pages: its part of the
			// walk is done once.
			mk := memoKey{v.Pointer(), n}
			k.mu.Lock()
			d, ok := k.memo[mk]
			k.mu.Unlock()
			if !ok {
				sub, err := k.children(nil, v, n)
				if err != nil {
					return buf, err
				}
				d = sha256.Sum256(sub)
				k.mu.Lock()
				k.memo[mk] = d
				k.mu.Unlock()
			}
			return append(buf, d[:]...), nil
		}
	}
	return k.children(buf, v, n)
}

// children walks the fields, elements and method calls of n from v.
func (k *keyer) children(buf []byte, v reflect.Value, n *reads) ([]byte, error) {
	var err error
	for _, name := range n.names {
		c := n.children[name]
		buf = appendString(buf, name)
		if name == elem {
			buf, err = k.elements(buf, v, c)
		} else {
			var f reflect.Value
			if f, err = field(v, name); err == nil {
				buf, err = k.walk(buf, f, c)
			}
		}
		if err != nil {
			return buf, err
		}
	}
	for _, name := range n.cnames {
		if buf, err = k.call(buf, v, name, n.calls[name]); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// elements walks every element of a slice, array, map (keys in order) or
// sequence.
func (k *keyer) elements(buf []byte, v reflect.Value, n *reads) ([]byte, error) {
	v, _ = indirect(v)
	var err error
	switch v.Kind() {
	case reflect.Invalid:
		return append(buf, 0), nil
	case reflect.Slice, reflect.Array:
		buf = appendInt(buf, int64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			if buf, err = k.walk(buf, v.Index(i), n); err != nil {
				return buf, err
			}
		}
	case reflect.Map:
		keys := sortedMapKeys(v)
		buf = appendInt(buf, int64(len(keys)))
		for _, key := range keys {
			buf = appendLeaf(buf, key, 0)
			if buf, err = k.walk(buf, v.MapIndex(key), n); err != nil {
				return buf, err
			}
		}
	case reflect.Func:
		if v.IsNil() || !v.Type().CanSeq() {
			return buf, errUncacheable
		}
		count := 0
		for e := range v.Seq() {
			count++
			if buf, err = k.walk(buf, e, n); err != nil {
				return buf, err
			}
		}
		buf = appendInt(buf, int64(count))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		buf = appendInt(buf, v.Int()) // range over an integer
	default:
		return buf, errUncacheable
	}
	return buf, nil
}

// call walks a method called with arguments, by its rule.
func (k *keyer) call(buf []byte, v reflect.Value, name string, n *reads) ([]byte, error) {
	t := indirectInterface(v).Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	rule, ok := argMethods[t.String()+"."+name]
	if !ok {
		return buf, errUncacheable
	}
	var err error
	buf = appendString(buf, name+"()")
	for _, p := range rule.reads {
		var f reflect.Value
		if f, err = fieldPath(v, p); err != nil {
			return buf, err
		}
		buf = appendLeaf(buf, f, 0)
	}
	if rule.results != "" {
		// Every value the method can return, walked as its result is.
		buf, err = k.children(buf, v, k.ruleReads(n, rule.results))
	}
	return buf, err
}

// ruleReads roots the reads of a call's result n at its receiver, along
// the rule's path to every value it can return.
func (k *keyer) ruleReads(n *reads, results string) *reads {
	k.mu.Lock()
	defer k.mu.Unlock()
	if all, ok := k.rules[n]; ok {
		return all
	}
	all := newReads()
	cur := all
	parts := splitPath(results)
	for _, part := range parts[:len(parts)-1] {
		cur = cur.child(part)
	}
	cur.children = map[string]*reads{parts[len(parts)-1]: n}
	for cur, i := all, 0; i < len(parts); cur, i = cur.children[parts[i]], i+1 {
		cur.names = []string{parts[i]}
	}
	k.rules[n] = all
	return all
}

func splitPath(p string) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '.' {
			parts = append(parts, p[start:i])
			start = i + 1
		}
	}
	return parts
}

// fieldPath follows a path of fields without elements from v.
func fieldPath(v reflect.Value, p string) (reflect.Value, error) {
	var err error
	for _, name := range splitPath(p) {
		if v, err = field(v, name); err != nil {
			return v, err
		}
	}
	return v, nil
}

// lookup is how .name resolves on one type: a method (of the value's
// pointer, when addressable) or a struct field.
type lookup struct {
	method int   // method index, or -1
	field  []int // field index, when method is -1
}

var lookups sync.Map // lookupKey → lookup, or nil when the type has neither

type lookupKey struct {
	t    reflect.Type
	name string
}

// field evaluates .name on v as text/template does: a method of the value
// or of its address first, then a struct field (promoted ones too) or a
// map key.
func field(v reflect.Value, name string) (reflect.Value, error) {
	v = indirectInterface(v)
	if !v.IsValid() {
		return v, nil
	}
	ptr := v
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	lk := lookupKey{ptr.Type(), name}
	l, ok := lookups.Load(lk)
	if !ok {
		l = resolve(ptr.Type(), name)
		lookups.Store(lk, l)
	}
	if l := l.(lookup); l.method >= 0 {
		m := ptr.Method(l.method)
		if m.Type().NumIn() != 0 {
			return reflect.Value{}, errUncacheable // called without arguments: a template error
		}
		out := m.Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			return reflect.ValueOf(out[1].Interface().(error).Error()), nil
		}
		return out[0], nil
	} else if l.field != nil {
		rv, isNil := indirect(v)
		if isNil {
			return reflect.Value{}, nil
		}
		return rv.FieldByIndex(l.field), nil
	}
	rv, isNil := indirect(v)
	if isNil {
		return reflect.Value{}, nil // the template fails or is guarded: either way nothing more is read
	}
	switch rv.Kind() {
	case reflect.Struct:
		if f, ok := rv.Type().FieldByName(name); ok {
			return rv.FieldByIndex(f.Index), nil
		}
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			return rv.MapIndex(reflect.ValueOf(name).Convert(rv.Type().Key())), nil
		}
	}
	return reflect.Value{}, errUncacheable
}

// resolve finds .name on type t (a pointer for addressable values).
func resolve(t reflect.Type, name string) lookup {
	if m, ok := t.MethodByName(name); ok {
		return lookup{method: m.Index}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		if f, ok := t.FieldByName(name); ok {
			return lookup{method: -1, field: f.Index}
		}
	}
	return lookup{method: -1}
}

// indirect follows pointers and interfaces to a value.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// truth is text/template's test of a value in if, with, and, or, not.
func truth(v reflect.Value) bool {
	v = indirectInterface(v)
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0
	case reflect.Bool:
		return v.Bool()
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0
	}
	return true // structs
}

// length is what len, range and index see of a value's size (-1 where it
// has none).
func length(v reflect.Value) int {
	v, isNil := indirect(v)
	if isNil || !v.IsValid() {
		return -1
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(v.Int())
	}
	return -1
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
	timeType     = reflect.TypeFor[time.Time]()
)

// appendLeaf appends a value as a template may print or compare it: scalars
// and strings as they are, time by instant and zone, Stringers by their
// string, collections element by element, structs field by field. A
// pointer inside a struct or a collection only counts as nil or not: the
// template must name what it reads through it, and that is walked on its
// own.
func appendLeaf(buf []byte, v reflect.Value, depth int) []byte {
	if depth > 8 {
		return append(buf, 0xff)
	}
	if v.IsValid() && v.CanInterface() && v.Kind() != reflect.Interface && v.Type() != timeType &&
		(v.Type().Implements(stringerType) || v.Type().Implements(errorType)) {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return append(buf, 0)
		}
		return appendString(buf, fmt.Sprint(v.Interface()))
	}
	switch v.Kind() {
	case reflect.Invalid:
		return append(buf, 0)
	case reflect.Bool:
		return appendBool(buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendInt(buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(append(buf, 'u'), v.Uint())
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(append(buf, 'f'), math.Float64bits(v.Float()))
	case reflect.String:
		return appendString(buf, v.String())
	case reflect.Interface:
		if v.IsNil() {
			return append(buf, 0)
		}
		return appendLeaf(buf, v.Elem(), depth+1)
	case reflect.Pointer:
		if v.IsNil() {
			return append(buf, 0)
		}
		if depth == 0 {
			return appendLeaf(append(buf, 1), v.Elem(), depth+1) // printed: what it points to
		}
		return append(buf, 1)
	case reflect.Struct:
		if v.Type() == timeType && v.CanInterface() {
			t := v.Interface().(time.Time)
			_, off := t.Zone()
			buf = appendInt(append(buf, 't'), t.UnixNano())
			return appendString(appendInt(buf, int64(off)), t.Location().String())
		}
		buf = append(buf, '{')
		for i := 0; i < v.NumField(); i++ {
			buf = appendLeaf(buf, v.Field(i), depth+1)
		}
		return append(buf, '}')
	case reflect.Slice, reflect.Array:
		buf = appendInt(append(buf, '['), int64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			buf = appendLeaf(buf, v.Index(i), depth+1)
		}
		return buf
	case reflect.Map:
		keys := sortedMapKeys(v)
		buf = appendInt(append(buf, 'm'), int64(len(keys)))
		for _, key := range keys {
			buf = appendLeaf(buf, key, depth+1)
			buf = appendLeaf(buf, v.MapIndex(key), depth+1)
		}
		return buf
	}
	return appendBool(buf, !v.IsZero()) // func, chan: printed as an address, or tested
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(append(buf, 's'), uint64(len(s)))
	return append(buf, s...)
}

func appendInt(buf []byte, n int64) []byte { return binary.AppendVarint(append(buf, 'i'), n) }

func appendBool(buf []byte, b bool) []byte {
	if b {
		return append(buf, 'T')
	}
	return append(buf, 'F')
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// sortedMapKeys returns a map's keys in the order text/template ranges
// over them (basic kinds sorted by value).
func sortedMapKeys(v reflect.Value) []reflect.Value {
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		switch a.Kind() {
		case reflect.String:
			return a.String() < b.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return a.Int() < b.Int()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return a.Uint() < b.Uint()
		case reflect.Float32, reflect.Float64:
			return a.Float() < b.Float()
		case reflect.Bool:
			return !a.Bool() && b.Bool()
		}
		return fmt.Sprint(a) < fmt.Sprint(b)
	})
	return keys
}
