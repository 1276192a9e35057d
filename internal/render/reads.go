package render

import (
	"fmt"
	"html/template"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// What a page reads. A page's HTML is a function of the layouts and of
// the values its templates reach from the Page they are given: .Title,
// .Article.Related[].Title, .Site.Config.Notice… The layouts are read once
// (Load) and every access path they can take from the page is recorded in
// a tree of reads per page kind; a page's key (pagekey.go) hashes the
// values found along those paths, so a page is rendered again only when
// something it shows has changed. The analysis follows the dot and
// variables through with, range, template calls and pipelines; where it
// cannot tell what a template reads (an unknown function, call, a method
// with arguments no rule covers) the kind is marked as not cacheable, and
// its pages are always rendered: a wrong guess must never leave a stale
// page.

// reads is the tree of access paths from one value.
type reads struct {
	names    []string          // children's names, sorted (set by freeze)
	kids     []*reads          // the children, in the order of names (set by freeze)
	cnames   []string          // calls' names, sorted (set by freeze)
	used     bool              // the value itself is printed, compared or passed to a function
	tested   bool              // its truth is tested (if, with, and, or, not): empty or not
	length   bool              // its length is read (len, range, index)
	children map[string]*reads // fields, map keys and methods without arguments, by name; elem is the elements
	calls    map[string]*reads // methods called with arguments, by name: what is read of their results

	// resolved is how this node's name resolves on the type last met
	// there (keyer.field): one type, nearly always, so no lookup by name
	// and type per visit. Shared by the keys' workers, hence atomic.
	resolved atomic.Pointer[typedLookup]
}

// typedLookup is how a name resolves on one type.
type typedLookup struct {
	t reflect.Type
	l lookup
}

// elem names the elements of a slice, map, array or sequence in a reads
// tree.
const elem = "[]"

func newReads() *reads { return &reads{} }

// freeze sorts the names of every node, once the tree is complete: keys
// walk children in this order.
func (r *reads) freeze() {
	r.names, r.cnames = sortedKeys(r.children), sortedKeys(r.calls)
	r.kids = make([]*reads, len(r.names))
	for i, name := range r.names {
		r.kids[i] = r.children[name]
	}
	for _, c := range r.children {
		c.freeze()
	}
	for _, c := range r.calls {
		c.freeze()
	}
}

func (r *reads) child(name string) *reads {
	if r.children == nil {
		r.children = map[string]*reads{}
	}
	c := r.children[name]
	if c == nil {
		c = newReads()
		r.children[name] = c
	}
	return c
}

func (r *reads) call(name string) *reads {
	if r.calls == nil {
		r.calls = map[string]*reads{}
	}
	c := r.calls[name]
	if c == nil {
		c = newReads()
		r.calls[name] = c
	}
	return c
}

// String lists the paths, one a line, for tests and debugging: "u" marks
// a used value, "t" a tested one, "n" a length read.
func (r *reads) String() string {
	var lines []string
	var walk func(prefix string, n *reads)
	walk = func(prefix string, n *reads) {
		for _, f := range []struct {
			on   bool
			mark string
		}{{n.used, " u"}, {n.tested, " t"}, {n.length, " n"}} {
			if f.on {
				lines = append(lines, prefix+f.mark)
			}
		}
		for name, c := range n.children {
			walk(prefix+"."+name, c)
		}
		for name, c := range n.calls {
			walk(prefix+"."+name+"()", c)
		}
	}
	walk("", r)
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// value is what the analysis knows of a template value: the read trees of
// the data it may be (none for a constant).
type value []*reads

func (v value) use() {
	for _, r := range v {
		r.used = true
	}
}

func (v value) test() {
	for _, r := range v {
		r.tested = true
	}
}

func (v value) count() {
	for _, r := range v {
		r.length = true
	}
}

func (v value) field(name string) value {
	out := make(value, len(v))
	for i, r := range v {
		out[i] = r.child(name)
	}
	return out
}

func union(vs ...value) value {
	var out value
	seen := map[*reads]bool{}
	for _, v := range vs {
		for _, r := range v {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// kindReads is the result of analysing one page kind.
type kindReads struct {
	root   *reads // from the Page
	reason string // why its pages cannot be cached, or ""
}

// passThrough are the functions whose result is (part of) an argument;
// every other known function returns a new value computed from its
// arguments, which are then used.
var passThrough = map[string]bool{"and": true, "or": true, "slice": true}

// builtinPure are text/template's functions that compute a result from
// their arguments alone.
var builtinPure = map[string]bool{
	"not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true, "len": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
}

// analyzer walks the templates of one page kind.
type analyzer struct {
	set    *template.Template // the kind's templates
	pure   map[string]bool    // the renderer's own functions: pure, results computed from arguments
	reason string             // first thing the analysis could not follow
	active map[string]bool    // template calls being analysed (name + dot), against recursion
	done   map[string]bool    // template calls analysed already
}

type scope struct {
	dot  value
	vars map[string]value
}

func (s scope) with(dot value) scope {
	vars := make(map[string]value, len(s.vars))
	for k, v := range s.vars {
		vars[k] = v
	}
	return scope{dot: dot, vars: vars}
}

// analyzeKind records what the templates of a page kind read of the Page.
func analyzeKind(set *template.Template, pure map[string]bool) kindReads {
	a := &analyzer{set: set, pure: pure, active: map[string]bool{}, done: map[string]bool{}}
	root := newReads()
	base := set.Lookup("base.html")
	if base == nil || base.Tree == nil {
		return kindReads{root: root, reason: "không có base.html"}
	}
	a.template("base.html", value{root})
	root.freeze()
	return kindReads{root: root, reason: a.reason}
}

func (a *analyzer) fail(format string, args ...any) {
	if a.reason == "" {
		a.reason = fmt.Sprintf(format, args...)
	}
}

// template analyses a named template called with dot.
func (a *analyzer) template(name string, dot value) {
	key := name
	for _, r := range dot {
		key += fmt.Sprintf(" %p", r)
	}
	if a.active[key] || a.done[key] {
		return // recursive or already seen: its reads are on the same trees
	}
	t := a.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		a.fail("không có mẫu %q", name)
		return
	}
	a.active[key] = true
	a.list(t.Tree.Root, scope{dot: dot, vars: map[string]value{"$": dot}})
	delete(a.active, key)
	a.done[key] = true
}

func (a *analyzer) list(l *parse.ListNode, s scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		a.node(n, s)
	}
}

func (a *analyzer) node(n parse.Node, s scope) {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	case *parse.ActionNode:
		v := a.pipe(n.Pipe, s)
		if len(n.Pipe.Decl) == 0 {
			v.use() // printed
		}
	case *parse.IfNode:
		a.branch(&n.BranchNode, s, false)
	case *parse.WithNode:
		a.branch(&n.BranchNode, s, true)
	case *parse.RangeNode:
		v := a.pipe(n.Pipe, s)
		v.count() // how many, and whether any
		el := v.field(elem)
		body := s.with(el)
		switch len(n.Pipe.Decl) {
		case 1:
			body.vars[n.Pipe.Decl[0].Ident[0]] = el
		case 2:
			// The key or index: for maps a key is data; it is read as the
			// elements are (every key, in order), so reading it is covered.
			body.vars[n.Pipe.Decl[0].Ident[0]] = nil
			body.vars[n.Pipe.Decl[1].Ident[0]] = el
		}
		a.list(n.List, body)
		a.list(n.ElseList, s)
	case *parse.TemplateNode:
		var dot value
		if n.Pipe != nil {
			dot = a.pipe(n.Pipe, s)
		}
		a.template(n.Name, dot)
	default:
		a.fail("không phân tích được %s trong mẫu", n)
	}
}

// branch is if and with: the pipeline is tested; with also moves the dot.
func (a *analyzer) branch(n *parse.BranchNode, s scope, with bool) {
	v := a.pipe(n.Pipe, s)
	v.test()
	body := s
	if with {
		body = s.with(v)
	} else {
		body = s.with(s.dot)
	}
	if with && len(n.Pipe.Decl) == 1 {
		body.vars[n.Pipe.Decl[0].Ident[0]] = v
	}
	a.list(n.List, body)
	a.list(n.ElseList, s.with(s.dot))
}

// pipe returns what a pipeline evaluates to, binding its variables.
func (a *analyzer) pipe(p *parse.PipeNode, s scope) value {
	if p == nil {
		return nil
	}
	var v value
	for i, c := range p.Cmds {
		var last value
		if i > 0 {
			last = v
			last.use() // passed on as the last argument
		}
		v = a.command(c, s, last, i > 0)
	}
	for _, d := range p.Decl {
		name := d.Ident[0]
		if p.IsAssign {
			s.vars[name] = union(s.vars[name], v) // either value may be read later
		} else {
			s.vars[name] = v
		}
	}
	return v
}

// command evaluates one command of a pipeline; piped says a previous
// command's result is its last argument.
func (a *analyzer) command(c *parse.CommandNode, s scope, last value, piped bool) value {
	args := c.Args
	switch first := args[0].(type) {
	case *parse.IdentifierNode:
		return a.function(first.Ident, args[1:], s, last, piped)
	case *parse.FieldNode:
		return a.fields(s.dot, first.Ident, args[1:], s, piped)
	case *parse.VariableNode:
		v, ok := s.vars[first.Ident[0]]
		if !ok {
			a.fail("biến %s không rõ", first.Ident[0])
		}
		return a.fields(v, first.Ident[1:], args[1:], s, piped)
	case *parse.ChainNode:
		return a.fields(a.arg(first.Node, s), first.Field, args[1:], s, piped)
	default:
		if len(args) > 1 || piped {
			a.fail("không phân tích được lệnh %s", c)
		}
		return a.arg(first, s)
	}
}

// fields follows a field chain; with arguments (or a piped value) its last
// element is a method call.
func (a *analyzer) fields(v value, chain []string, args []parse.Node, s scope, piped bool) value {
	if len(args) == 0 && !piped {
		for _, name := range chain {
			v = v.field(name)
		}
		return v
	}
	if len(chain) == 0 {
		a.fail("gọi giá trị không phải hàm")
		return nil
	}
	for _, name := range chain[:len(chain)-1] {
		v = v.field(name)
	}
	for _, arg := range args {
		a.arg(arg, s).use()
	}
	out := make(value, len(v))
	for i, r := range v {
		out[i] = r.call(chain[len(chain)-1])
	}
	return out
}

// function evaluates a call of a template function.
func (a *analyzer) function(name string, args []parse.Node, s scope, last value, piped bool) value {
	vals := make([]value, 0, len(args)+1)
	for _, arg := range args {
		vals = append(vals, a.arg(arg, s))
	}
	if piped {
		vals = append(vals, last)
	}
	switch {
	case name == "index":
		if len(vals) == 0 {
			return nil
		}
		for _, v := range vals[1:] {
			v.use()
		}
		v := vals[0]
		v.count() // which elements exist
		for range vals[1:] {
			v = v.field(elem) // any of them
		}
		return v
	case passThrough[name]:
		if name == "slice" {
			for _, v := range vals[1:] {
				v.use()
			}
			if len(vals) > 0 {
				vals[0].count()
				return vals[0]
			}
			return nil
		}
		for _, v := range vals {
			v.test()
		}
		return union(vals...)
	case name == "len":
		for _, v := range vals {
			v.count()
		}
		return nil
	case name == "cached":
		// {{cached $ "name" dot}} prints template name with dot
		// (cached.go); the page only carries the build's memo.
		tn, ok := nodeString(args, 1)
		if len(vals) != 3 || piped || !ok {
			a.fail("cached cần đúng ba đối số: $, tên mẫu trong ngoặc kép, giá trị")
			return nil
		}
		a.template(tn, vals[2])
		return nil
	case name == "not":
		for _, v := range vals {
			v.test()
		}
		return nil
	case builtinPure[name] || a.pure[name] || strings.HasPrefix(name, "_html_template_"):
		for _, v := range vals {
			v.use()
		}
		return nil
	default:
		a.fail("hàm %q không rõ đọc gì", name)
		return nil
	}
}

// nodeString returns args[i] when it is a quoted string.
func nodeString(args []parse.Node, i int) (string, bool) {
	if i >= len(args) {
		return "", false
	}
	sn, ok := args[i].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return sn.Text, true
}

// arg evaluates an argument.
func (a *analyzer) arg(n parse.Node, s scope) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot
	case *parse.FieldNode:
		return a.fields(s.dot, n.Ident, nil, s, false)
	case *parse.VariableNode:
		v, ok := s.vars[n.Ident[0]]
		if !ok {
			a.fail("biến %s không rõ", n.Ident[0])
		}
		return a.fields(v, n.Ident[1:], nil, s, false)
	case *parse.ChainNode:
		return a.fields(a.arg(n.Node, s), n.Field, nil, s, false)
	case *parse.PipeNode:
		return a.pipe(n, s.with(s.dot))
	case *parse.IdentifierNode:
		return a.function(n.Ident, nil, s, nil, false)
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode, *parse.NilNode:
		return nil
	default:
		a.fail("không phân tích được %s", n)
		return nil
	}
}
