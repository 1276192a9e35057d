package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/quangngai/danvan/internal/site"
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
	"site.Site.Cell":           {results: "Areas.[].Cells.[]"},    // one of the cells, by area and locality slug
	"site.Site.LocalityBySlug": {results: "Localities.[]"},        // one of the localities
}

// LayoutsKey is the hash of the layouts and the assets that every page's
// key starts with.
func (r *Renderer) LayoutsKey() [32]byte { return r.key0 }

// Keys returns the key of each page (see Key). Pages of a kind whose reads
// are unknown, or whose walk fails, get the zero Key. It walks on every
// core; KeysOn on a given number.
func (r *Renderer) Keys(pages []*Page) []Key {
	return r.KeysOn(pages, runtime.GOMAXPROCS(0), nil)
}

// KeysOn is Keys on workers goroutines (at least one), and on one more
// from the moment more is closed (nil: never), when a core that other
// work held is free.
func (r *Renderer) KeysOn(pages []*Page, workers int, more <-chan struct{}) []Key {
	return r.keysOn(pages, workers, more, true, nil)
}

// KeysAndArticles is KeysOn, and returns besides, for each page, the
// articles its key read: their positions in Site.Articles
// (site.Article.Index), sorted, each once. A page's key can change
// without the site's graph changing only where one of them changed
// (build/pagedeps.go).
func (r *Renderer) KeysAndArticles(pages []*Page, workers int, more <-chan struct{}) ([]Key, [][]int32) {
	arts := make([][]int32, len(pages))
	return r.keysOn(pages, workers, more, true, arts), arts
}

// keyChunk is how many pages a worker takes at a time: the pages of one
// kind sit together, so a worker's memo sees most of the values its
// pages share.
const keyChunk = 64

// keysOn is KeysOn; vouch says whether values that vouch for a method's
// result (Vouched) are taken at their word; arts, when not nil, gets each
// page's articles (KeysAndArticles).
func (r *Renderer) keysOn(pages []*Page, workers int, more <-chan struct{}, vouch bool, arts [][]int32) []Key {
	keys := make([]Key, len(pages))
	// The pages share a memo, as in RenderPages: their menus are then one
	// *Nav per set of marks (nav.go), each walked once, not one fresh menu
	// walked for every page. Each worker keeps a memo of its own besides.
	m := newMemo()
	var next atomic.Int64 // the first page no worker has taken
	finished := make(chan struct{})
	var finish sync.Once
	// A worker's memo holds about five walks per page it keys (10,000
	// articles: 50,292 for their 10,000 pages, 17,282 for the 3,461
	// lists); made that size at once, it never grows by rehashing, which
	// was a tenth of the keys' time.
	memoSize := memoPerPage * len(pages) / max(workers, 1)
	work := func() {
		k := newKeyer(vouch, memoSize)
		for {
			start := int(next.Add(keyChunk)) - keyChunk
			if start >= len(pages) {
				finish.Do(func() { close(finished) })
				return
			}
			for i := start; i < min(start+keyChunk, len(pages)); i++ {
				p := pages[i]
				p.memo = m
				keys[i] = r.key(k, p)
				p.memo = nil
				if arts != nil {
					arts[i] = k.pageArticles(p)
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(work)
	}
	if more != nil {
		wg.Go(func() {
			select {
			case <-more:
				work()
			case <-finished:
			}
		})
	}
	wg.Wait()
	return keys
}

// key walks one page.
func (r *Renderer) key(k *keyer, p *Page) (key Key) {
	kr, ok := r.reads[p.Kind]
	if !ok || kr.reason != "" {
		return Key{}
	}
	defer func() {
		if recover() != nil {
			key = Key{} // a method that panics: let the render report it
		}
	}()
	k.arts = k.arts[:0]
	h := k.hasher()
	defer func() { k.free = append(k.free, h) }()
	h.bytes(r.key0[:])
	h.str(p.Kind)
	if err := k.walk(h, reflect.ValueOf(p), kr.root); err != nil {
		return Key{}
	}
	return h.sum()
}

// printsItself reports whether text/template prints values of t with
// their String or Error method.
func (k *keyer) printsItself(t reflect.Type) bool {
	p, ok := k.prints[t]
	if !ok {
		p = t != timeType && (t.Implements(stringerType) || t.Implements(errorType))
		k.prints[t] = p
	}
	return p
}

// pageArticles returns the articles the last page keyed read, with its
// own article, sorted and each once.
func (k *keyer) pageArticles(p *Page) []int32 {
	if p.Article != nil {
		k.arts = append(k.arts, int32(p.Article.Index()))
	}
	slices.Sort(k.arts)
	return slices.Clone(slices.Compact(k.arts))
}

// keyer walks pages for one worker of a Keys call.
type keyer struct {
	prints  map[reflect.Type]bool  // printsItself, by type
	memo    map[memoKey]walked     // the reads of a tree node from one struct
	arts    []int32                // the articles the page being keyed read so far (site.Article.Index), with repeats
	embeds  map[reflect.Type][]int // embeddedArticle, by type
	rules   map[*reads]*reads      // a call's reads, rooted at its receiver by the call's rule
	lookups map[lookupKey]lookup   // how .name resolves on a type
	free    []*hasher              // hashers to reuse
	vouch   bool                   // take Vouched values at their word
}

// memoPerPage is how many memo entries a keyer makes room for per page
// (see keysOn).
const memoPerPage = 5

func newKeyer(vouch bool, memoSize int) *keyer {
	return &keyer{memo: make(map[memoKey]walked, memoSize), embeds: map[reflect.Type][]int{}, rules: map[*reads]*reads{}, lookups: map[lookupKey]lookup{}, prints: map[reflect.Type]bool{}, vouch: vouch}
}

// longString is the length past which a string enters a key as its
// SHA-256 rather than its bytes (hasher.str).
const longString = 256

// Vouched is a value that gives the length and SHA-256 of what some of
// its methods without arguments return, taken when the result was made:
// site.Article's HTML and Text (the Markdown cache keeps their sums). A
// key takes them for the result: an article's HTML is most of the bytes
// the pages read, and hashing all of it again cost a tenth of a second in
// every warm build at 10,000 articles; reading it at all (the cache's
// bodies are checked when read) cost as much again.
type Vouched interface {
	KeySum(method string) (n int, sum [32]byte, ok bool)
}

// vouched is a method's result taken by its sum (Vouched). It enters a
// key as hasher.str enters a string of n bytes of that sum, so a key is
// the same whether the sum was vouched for or taken here.
type vouched struct {
	n   int
	sum [32]byte
}

var (
	articleType    = reflect.TypeFor[*site.Article]()
	vouchedType    = reflect.TypeFor[vouched]()
	vouchesForType = reflect.TypeFor[Vouched]()
)

func (k *keyer) hasher() *hasher {
	if n := len(k.free); n > 0 {
		h := k.free[n-1]
		k.free = k.free[:n-1]
		h.reset()
		return h
	}
	return newHasher()
}

// hasher hashes a stream of values gathered in a buffer; a long string
// enters it as its SHA-256.
type hasher struct {
	h   hash.Hash
	buf []byte
}

func newHasher() *hasher { return &hasher{h: sha256.New(), buf: make([]byte, 0, 4096)} }

func (h *hasher) reset() { h.h.Reset(); h.buf = h.buf[:0] }

func (h *hasher) flush() {
	h.h.Write(h.buf)
	h.buf = h.buf[:0]
}

func (h *hasher) grow() {
	if len(h.buf) > 3<<10 {
		h.flush()
	}
}

func (h *hasher) bytes(b []byte) { h.buf = append(h.buf, b...); h.grow() }

// str adds a string: its length, then its bytes, or past longString
// bytes its SHA-256 (as vouchedStr).
func (h *hasher) str(s string) {
	if len(s) > longString {
		h.vouchedStr(len(s), sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s)))) // read, not kept
		return
	}
	h.buf = binary.AppendUvarint(append(h.buf, 's'), uint64(len(s)))
	h.buf = append(h.buf, s...)
	h.grow()
}

// vouchedStr adds a string of n bytes, longer than longString, by its
// SHA-256.
func (h *hasher) vouchedStr(n int, sum [32]byte) {
	h.buf = binary.AppendUvarint(append(h.buf, 's'), uint64(n))
	h.buf = append(h.buf, sum[:]...)
	h.grow()
}

func (h *hasher) int(n int64) { h.buf = binary.AppendVarint(append(h.buf, 'i'), n); h.grow() }

func (h *hasher) boolean(b bool) {
	if b {
		h.buf = append(h.buf, 'T')
	} else {
		h.buf = append(h.buf, 'F')
	}
	h.grow()
}

func (h *hasher) sum() [32]byte {
	h.flush()
	var out [32]byte
	h.h.Sum(out[:0])
	return out
}

// memoKey is a struct walked along a node, by its address. The pointer
// keeps the struct alive while it is a key: were it freed (a method may
// return a fresh one) and another allocated at its address, the other
// would find the first one's digest.
type memoKey struct {
	ptr  unsafe.Pointer
	node *reads
}

// walked is what a memoKey's walk gave: its digest and the articles
// it read, sorted and each once.
type walked struct {
	sum  [32]byte
	arts []int32
}

var errUncacheable = errors.New("page reads what its key cannot follow")

// walk hashes the values v shows along the reads tree n.
func (k *keyer) walk(h *hasher, v reflect.Value, n *reads) error {
	if n.used {
		k.appendLeaf(h, v, 0)
	}
	if n.tested {
		h.boolean(truth(v))
	}
	if n.length {
		h.int(int64(length(v)))
	}
	if len(n.names) == 0 && len(n.cnames) == 0 {
		return nil
	}
	v = indirectInterface(v)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			h.bytes([]byte{0})
			return nil
		}
		if v.Elem().Kind() == reflect.Struct {
			if v.Type() == articleType {
				k.arts = append(k.arts, int32((*site.Article)(v.UnsafePointer()).Index()))
			}
			// The same article is shown on many pages: its part of the
			// walk is done once.
			mk := memoKey{v.UnsafePointer(), n}
			e, ok := k.memo[mk]
			if !ok {
				from := len(k.arts)
				sub := k.hasher()
				if err := k.children(sub, v, n); err != nil {
					return err
				}
				e.sum = sub.sum()
				k.free = append(k.free, sub)
				if len(k.arts) > from {
					read := k.arts[from:]
					slices.Sort(read)
					e.arts = slices.Clone(slices.Compact(read))
					k.arts = append(k.arts[:from], e.arts...)
				}
				k.memo[mk] = e
			} else {
				k.arts = append(k.arts, e.arts...)
			}
			h.bytes(e.sum[:])
			return nil
		}
	}
	return k.children(h, v, n)
}

// children walks the fields, elements and method calls of n from v.
func (k *keyer) children(h *hasher, v reflect.Value, n *reads) error {
	for i, name := range n.names {
		c := n.kids[i]
		h.str(name)
		if name == elem {
			if err := k.elements(h, v, c); err != nil {
				return err
			}
			continue
		}
		f, err := k.fieldOf(v, name, c)
		if err == nil {
			err = k.walk(h, f, c)
		}
		if err != nil {
			return err
		}
	}
	for _, name := range n.cnames {
		if err := k.call(h, v, name, n.calls[name]); err != nil {
			return err
		}
	}
	return nil
}

// elements walks every element of a slice, array, map (keys in order) or
// sequence.
func (k *keyer) elements(h *hasher, v reflect.Value, n *reads) error {
	v, _ = indirect(v)
	switch v.Kind() {
	case reflect.Invalid:
		h.bytes([]byte{0})
	case reflect.Slice, reflect.Array:
		h.int(int64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			if err := k.walk(h, v.Index(i), n); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := sortedMapKeys(v)
		h.int(int64(len(keys)))
		for _, key := range keys {
			k.appendLeaf(h, key, 0)
			if err := k.walk(h, v.MapIndex(key), n); err != nil {
				return err
			}
		}
	case reflect.Func:
		if v.IsNil() || !v.Type().CanSeq() {
			return errUncacheable
		}
		count := 0
		for e := range v.Seq() {
			count++
			if err := k.walk(h, e, n); err != nil {
				return err
			}
		}
		h.int(int64(count))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.int(v.Int()) // range over an integer
	default:
		return errUncacheable
	}
	return nil
}

// call walks a method called with arguments, by its rule.
func (k *keyer) call(h *hasher, v reflect.Value, name string, n *reads) error {
	t := indirectInterface(v).Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	rule, ok := argMethods[t.String()+"."+name]
	if !ok {
		return errUncacheable
	}
	h.str(name + "()")
	for _, p := range rule.reads {
		f, err := k.fieldPath(v, p)
		if err != nil {
			return err
		}
		k.appendLeaf(h, f, 0)
	}
	if rule.results != "" {
		// Every value the method can return, walked as its result is.
		return k.children(h, v, k.ruleReads(n, rule.results))
	}
	return nil
}

// ruleReads roots the reads of a call's result n at its receiver, along
// the rule's path to every value it can return.
func (k *keyer) ruleReads(n *reads, results string) *reads {
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
func (k *keyer) fieldPath(v reflect.Value, p string) (reflect.Value, error) {
	var err error
	for _, name := range splitPath(p) {
		if v, err = k.field(v, name); err != nil {
			return v, err
		}
	}
	return v, nil
}

// lookup is how .name resolves on one type: a method (of the value's
// pointer, when addressable) or a struct field.
type lookup struct {
	method  int   // method index, or -1
	vouched bool  // the type vouches for the method's result (Vouched)
	field   []int // field index, when method is -1
}

type lookupKey struct {
	t    reflect.Type
	name string
}

// field evaluates .name on v as text/template does: a method of the value
// or of its address first, then a struct field (promoted ones too) or a
// map key.
func (k *keyer) field(v reflect.Value, name string) (reflect.Value, error) {
	return k.fieldOf(v, name, nil)
}

// fieldOf is field for the child node at of a reads tree (nil: none),
// which keeps how name resolved on the last type met there.
func (k *keyer) fieldOf(v reflect.Value, name string, at *reads) (reflect.Value, error) {
	v = indirectInterface(v)
	if !v.IsValid() {
		return v, nil
	}
	k.noteEmbedded(v)
	ptr := v
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	l := k.resolved(ptr.Type(), name, at)
	if l.method >= 0 && l.vouched && k.vouch && ptr.CanInterface() {
		if n, sum, ok := ptr.Interface().(Vouched).KeySum(name); ok && n > longString {
			return reflect.ValueOf(vouched{n, sum}), nil
		}
	}
	if l.method >= 0 {
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

// noteEmbedded records the article a struct embeds, at any depth, when a
// field or method is read from the struct: site.NumberedEntry's .Title is
// its article's, read without walking the article itself.
func (k *keyer) noteEmbedded(v reflect.Value) {
	rv, isNil := indirect(v)
	if isNil || rv.Kind() != reflect.Struct {
		return
	}
	path, ok := k.embeds[rv.Type()]
	if !ok {
		path = embeddedArticle(rv.Type(), 0)
		k.embeds[rv.Type()] = path
	}
	if path == nil {
		return
	}
	if a, err := rv.FieldByIndexErr(path); err == nil && !a.IsNil() {
		k.arts = append(k.arts, int32((*site.Article)(a.UnsafePointer()).Index()))
	}
}

// embeddedArticle is the index path of the *site.Article that struct type
// t embeds, or nil.
func embeddedArticle(t reflect.Type, depth int) []int {
	if depth > 4 {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.Anonymous {
			continue
		}
		if f.Type == articleType {
			return []int{i}
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			if p := embeddedArticle(ft, depth+1); p != nil {
				return append([]int{i}, p...)
			}
		}
	}
	return nil
}

// resolved is resolve(t, name), remembered on the node at (if any) and
// by the keyer.
func (k *keyer) resolved(t reflect.Type, name string, at *reads) lookup {
	if at != nil {
		if tl := at.resolved.Load(); tl != nil && tl.t == t {
			return tl.l
		}
	}
	lk := lookupKey{t, name}
	l, ok := k.lookups[lk]
	if !ok {
		l = resolve(t, name)
		k.lookups[lk] = l
	}
	if at != nil {
		at.resolved.Store(&typedLookup{t, l})
	}
	return l
}

// resolve finds .name on type t (a pointer for addressable values).
func resolve(t reflect.Type, name string) lookup {
	if m, ok := t.MethodByName(name); ok {
		return lookup{method: m.Index, vouched: t.Implements(vouchesForType)}
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
	if v.Type() == vouchedType {
		return v.Interface().(vouched).n
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

// appendLeaf hashes a value as a template may print or compare it:
// scalars and strings as they are, time by instant and zone, Stringers by
// their string, collections element by element, structs field by field. A
// pointer inside a struct or a collection only counts as nil or not: the
// template must name what it reads through it, and that is walked on its
// own.
func (k *keyer) appendLeaf(h *hasher, v reflect.Value, depth int) {
	if depth > 8 {
		h.bytes([]byte{0xff})
		return
	}
	if v.IsValid() && v.Type() == vouchedType {
		x := v.Interface().(vouched)
		h.vouchedStr(x.n, x.sum)
		return
	}
	if v.IsValid() && v.CanInterface() && v.Kind() != reflect.Interface && v.Kind() != reflect.String && k.printsItself(v.Type()) {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			h.bytes([]byte{0})
			return
		}
		h.str(fmt.Sprint(v.Interface()))
		return
	}
	switch v.Kind() {
	case reflect.Invalid:
		h.bytes([]byte{0})
	case reflect.Bool:
		h.boolean(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.bytes(binary.AppendUvarint([]byte{'u'}, v.Uint()))
	case reflect.Float32, reflect.Float64:
		h.bytes(binary.LittleEndian.AppendUint64([]byte{'f'}, math.Float64bits(v.Float())))
	case reflect.String:
		h.str(v.String())
	case reflect.Interface:
		if v.IsNil() {
			h.bytes([]byte{0})
			return
		}
		k.appendLeaf(h, v.Elem(), depth+1)
	case reflect.Pointer:
		if v.IsNil() {
			h.bytes([]byte{0})
			return
		}
		h.bytes([]byte{1})
		if depth == 0 {
			k.appendLeaf(h, v.Elem(), depth+1) // printed: what it points to
		}
	case reflect.Struct:
		if v.Type() == timeType && v.CanInterface() {
			t := v.Interface().(time.Time)
			_, off := t.Zone()
			h.int(t.UnixNano())
			h.int(int64(off))
			h.str(t.Location().String())
			return
		}
		h.bytes([]byte{'{'})
		for i := 0; i < v.NumField(); i++ {
			k.appendLeaf(h, v.Field(i), depth+1)
		}
		h.bytes([]byte{'}'})
	case reflect.Slice, reflect.Array:
		h.int(int64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			k.appendLeaf(h, v.Index(i), depth+1)
		}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			// JSON-LD and the like: entries sorted by key, without
			// sorting reflect.Values.
			type entry struct {
				key string
				val reflect.Value
			}
			entries := make([]entry, 0, v.Len())
			for it := v.MapRange(); it.Next(); {
				entries = append(entries, entry{it.Key().String(), it.Value()})
			}
			slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
			h.int(int64(len(entries)))
			for _, e := range entries {
				h.str(e.key)
				k.appendLeaf(h, e.val, depth+1)
			}
			return
		}
		keys := sortedMapKeys(v)
		h.int(int64(len(keys)))
		for _, key := range keys {
			k.appendLeaf(h, key, depth+1)
			k.appendLeaf(h, v.MapIndex(key), depth+1)
		}
	default:
		h.boolean(!v.IsZero()) // func, chan: printed as an address, or tested
	}
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
	if v.Type().Key().Kind() == reflect.String {
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		return keys
	}
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
