package check

import (
	"strings"

	"github.com/pybridge/pybridge/internal/pyrepr"
	"github.com/pybridge/pybridge/pickle"
)

// ek is the kind of an edge in the checker's breadth-first traversal.
type ek uint8

const (
	ekRoot ek = iota
	ekLeftover
	ekPopped
	ekHidden // not shown in paths (cell contents, BUILD object, wrappers)
	ekItem
	ekDictKey
	ekDictVal
	ekField
	ekBuildState
	ekUpdate
	ekCallable
	ekArg
	ekArgs
	ekKwarg
	ekCode
	ekCodeConst
	ekCodeArg
	ekBaseGlobal
	ekFuncGlobal
	ekCell
	ekDefault
	ekKwDefault
	ekFuncAttr
	ekMethodSelf
	ekMethodFunc
	ekClassAttr
	ekBase
	ekEnumMember
	ekModuleVar
	ekPersistent
)

// link records how the traversal first reached a node: from which node,
// by which edge. aux is the dict, tuple or BUILD the edge goes through.
type link struct {
	from pickle.Value
	aux  pickle.Value
	idx  int32
	kind ek
}

// maxPath bounds the number of steps kept in a path.
const maxPath = 64

// checker holds the state of one check of one graph.
type checker struct {
	opts  Options
	depth int
	data  []byte // the raw payload, when known (Bytes)
	base  int64  // offset of this pickle in data

	findings  []Finding
	python    string
	malformed *pickle.SyntaxError
	prefix    []Step // path steps leading to this (nested or trailing) pickle

	allowExact  map[string]bool
	allowPrefix []string
	unknownSeen map[string]bool

	g              *pickle.Graph
	attach         map[pickle.Value][]pickle.Value
	callee         map[pickle.Value]bool
	funcs          map[*pickle.Call]*funcInfo
	codes          map[*pickle.Call]*codeInfo
	classes        map[*pickle.Call]*classInfo
	owned          map[*pickle.Call]bool
	parent         map[pickle.Value]link
	queue          []pickle.Value
	brokenProducer *codeInfo
}

func newChecker(opts Options, depth int) *checker {
	c := &checker{opts: opts, depth: depth, allowExact: map[string]bool{}, unknownSeen: map[string]bool{}}
	for _, a := range opts.Allow {
		if strings.HasSuffix(a, ".*") {
			c.allowPrefix = append(c.allowPrefix, strings.TrimSuffix(a, "*"))
		} else {
			c.allowExact[a] = true
		}
	}
	return c
}

// classify judges a dotted name, with the caller's allowlist first.
func (c *checker) classify(s string) verdict {
	if c.allowExact[s] {
		return verdict{kind: kAllow, key: s}
	}
	for _, p := range c.allowPrefix {
		if strings.HasPrefix(s, p) {
			return verdict{kind: kAllow, key: s}
		}
	}
	return classify(s)
}

// reset prepares the per-graph state.
func (c *checker) reset(g *pickle.Graph) {
	c.g = g
	c.attach = map[pickle.Value][]pickle.Value{}
	c.callee = map[pickle.Value]bool{}
	c.funcs = map[*pickle.Call]*funcInfo{}
	c.codes = map[*pickle.Call]*codeInfo{}
	c.classes = map[*pickle.Call]*classInfo{}
	c.owned = map[*pickle.Call]bool{}
	c.parent = map[pickle.Value]link{}
	c.queue = c.queue[:0]
}

// run checks one decoded graph.
func (c *checker) run(g *pickle.Graph, _ []byte) {
	c.reset(g)
	starts := make([]pickle.Value, 0, 1+len(g.Popped)+len(g.Leftover))
	if g.Root != nil {
		starts = append(starts, g.Root)
	}
	starts = append(starts, g.Leftover...)
	starts = append(starts, g.Popped...)
	if n := c.index(starts); n > 64 {
		c.parent = make(map[pickle.Value]link, n)
	}
	if c.brokenProducer != nil {
		c.add(Finding{Rule: RuleMalformed, Severity: Warning, Exception: "TypeError",
			Message: "code() argument 13 must be str, not int: this payload has 16-argument code objects with " +
				"CPython 3.11+ bytecode, i.e. it was produced by cloudpickle < 2.1 on CPython >= 3.11, and CPython cannot load it",
			Fix: "upgrade cloudpickle to 2.1 or later (Spark 3.4 or later) on the driver."},
			c.brokenProducer.call, Step{Kind: StepCulprit, Name: "code object", Class: "code",
				Value: c.brokenProducer.name, Index: -1})
	}
	c.enqueue(g.Root, link{kind: ekRoot})
	c.drain()
	for i, v := range g.Leftover {
		c.enqueue(v, link{kind: ekLeftover, idx: int32(i)})
		c.drain()
	}
	for i, v := range g.Popped {
		c.enqueue(v, link{kind: ekPopped, idx: int32(i)})
		c.drain()
	}
}

func (c *checker) enqueue(v pickle.Value, l link) {
	if isAtom(v) {
		return
	}
	if _, ok := c.parent[v]; ok {
		return
	}
	c.parent[v] = l
	c.queue = append(c.queue, v)
}

// mark records a wrapper node as reached without visiting it; its
// contents are emitted by the caller.
func (c *checker) mark(v, from pickle.Value) {
	if isAtom(v) {
		return
	}
	if _, ok := c.parent[v]; !ok {
		c.parent[v] = link{from: from, kind: ekHidden}
	}
}

// drain visits queued nodes breadth first: children first (so their links
// exist), then the node's own judgement.
func (c *checker) drain() {
	for head := 0; head < len(c.queue); head++ {
		v := c.queue[head]
		c.kids(v)
		c.judge(v)
	}
	c.queue = c.queue[:0]
}

func (c *checker) emit(child, from pickle.Value, kind ek, idx int, aux pickle.Value) {
	c.enqueue(child, link{from: from, aux: aux, idx: int32(idx), kind: kind})
}

func (c *checker) emitDict(d *pickle.Dict, from pickle.Value, kind ek) {
	for i, e := range d.Entries {
		c.emit(e.Key, from, ekDictKey, i, d)
		c.emit(e.Value, from, kind, i, d)
	}
}

// kids emits the children of v with semantic edges.
func (c *checker) kids(v pickle.Value) {
	switch n := v.(type) {
	case *pickle.Tuple:
		c.emitItems(n.Items, n)
	case *pickle.List:
		c.emitItems(n.Items, n)
	case *pickle.Set:
		c.emitItems(n.Items, n)
	case *pickle.FrozenSet:
		c.emitItems(n.Items, n)
	case *pickle.Dict:
		for i, e := range n.Entries {
			c.emit(e.Key, n, ekDictKey, i, n)
			c.emit(e.Value, n, ekDictVal, i, n)
		}
	case *pickle.Build:
		c.emit(n.Object, n, ekHidden, 0, nil)
		if isAtom(n.Object) {
			c.emitState(n, n)
		}
	case *pickle.Update:
		c.emit(n.Object, n, ekHidden, 0, nil)
		if isAtom(n.Object) {
			c.emitUpdate(n, n)
		}
	case *pickle.PersistentID:
		c.emit(n.ID, n, ekPersistent, 0, nil)
	case *pickle.Call:
		c.callKids(n)
	}
	for _, a := range c.attach[v] {
		switch s := a.(type) {
		case *pickle.Build:
			c.emitState(s, v)
		case *pickle.Update:
			c.emitUpdate(s, v)
		case *pickle.Call:
			c.emitSetstate(s, v)
		}
	}
}

func (c *checker) emitItems(items []pickle.Value, from pickle.Value) {
	for i, it := range items {
		c.emit(it, from, ekItem, i, nil)
	}
}

// emitState emits the BUILD state of obj: instance fields for a dict (or
// a (dict, slots) pair), else the state as a whole.
func (c *checker) emitState(b *pickle.Build, obj pickle.Value) {
	c.mark(b, obj)
	switch st := b.State.(type) {
	case *pickle.Dict:
		c.mark(st, obj)
		c.emitDict(st, obj, ekField)
		return
	case *pickle.Tuple:
		if len(st.Items) == 2 {
			c.mark(st, obj)
			for _, part := range st.Items {
				if d, ok := part.(*pickle.Dict); ok {
					c.mark(d, obj)
					c.emitDict(d, obj, ekField)
				} else {
					c.emit(part, obj, ekBuildState, 0, b)
				}
			}
			return
		}
	}
	c.emit(b.State, obj, ekBuildState, 0, b)
}

func (c *checker) emitUpdate(u *pickle.Update, obj pickle.Value) {
	c.mark(u, obj)
	for i, it := range u.Items {
		c.emit(it, obj, ekUpdate, i, u)
	}
}

// emitSetstate emits what a popped _function_setstate/_class_setstate
// applies to obj, with function or class steps.
func (c *checker) emitSetstate(s *pickle.Call, obj pickle.Value) {
	args := tupleItems(s.Args)
	if len(args) != 2 {
		return
	}
	st := tupleItems(args[1])
	c.mark(s, obj)
	c.mark(s.Args, obj)
	c.emit(s.Callable, s, ekCallable, 0, nil)
	if len(st) != 2 {
		c.emit(args[1], obj, ekArg, 1, s)
		return
	}
	c.mark(args[1], obj)
	switch cpCallee(s) {
	case "_function_setstate":
		if d, ok := st[0].(*pickle.Dict); ok {
			c.mark(d, obj)
			c.emitDict(d, obj, ekFuncAttr)
		} else {
			c.emit(st[0], obj, ekFuncAttr, -1, nil)
		}
		slots, ok := st[1].(*pickle.Dict)
		if !ok {
			c.emit(st[1], obj, ekFuncAttr, -1, nil)
			return
		}
		c.mark(slots, obj)
		for i, e := range slots.Entries {
			key, _ := strOf(e.Key)
			switch key {
			case "__globals__":
				if d, ok := e.Value.(*pickle.Dict); ok {
					c.mark(d, obj)
					c.emitDict(d, obj, ekFuncGlobal)
					continue
				}
			case "__closure__":
				if t, ok := e.Value.(*pickle.Tuple); ok {
					c.mark(t, obj)
					for j, it := range t.Items {
						c.emit(it, obj, ekCell, j, t)
					}
					continue
				}
			case "__defaults__":
				if t, ok := e.Value.(*pickle.Tuple); ok {
					c.mark(t, obj)
					for j, it := range t.Items {
						c.emit(it, obj, ekDefault, j, t)
					}
					continue
				}
			case "__kwdefaults__":
				if d, ok := e.Value.(*pickle.Dict); ok {
					c.mark(d, obj)
					c.emitDict(d, obj, ekKwDefault)
					continue
				}
			}
			c.emit(e.Key, obj, ekDictKey, i, slots)
			c.emit(e.Value, obj, ekFuncAttr, i, slots)
		}
	default: // _class_setstate
		if d, ok := st[0].(*pickle.Dict); ok {
			c.mark(d, obj)
			c.emitDict(d, obj, ekClassAttr)
		} else {
			c.emit(st[0], obj, ekClassAttr, -1, nil)
		}
		c.emit(st[1], obj, ekClassAttr, -1, nil)
	}
}

// callKids emits the children of a call according to what it builds.
func (c *checker) callKids(n *pickle.Call) {
	args := tupleItems(n.Args)
	c.emit(n.Callable, n, ekCallable, 0, nil)
	if _, ok := n.Args.(*pickle.Tuple); ok {
		c.mark(n.Args, n)
	} else {
		c.emit(n.Args, n, ekArgs, 0, nil)
	}
	if d, ok := n.Kwargs.(*pickle.Dict); ok {
		c.mark(d, n)
		c.emitDict(d, n, ekKwarg)
	} else if n.Kwargs != nil {
		c.emit(n.Kwargs, n, ekKwarg, -1, nil)
	}
	if fi := c.funcs[n]; fi != nil && len(args) == 5 {
		c.emit(args[0], n, ekCode, 0, nil)
		if d, ok := args[1].(*pickle.Dict); ok {
			c.mark(d, n)
			c.emitDict(d, n, ekBaseGlobal)
		} else {
			c.emit(args[1], n, ekArg, 1, n)
		}
		c.emit(args[2], n, ekArg, 2, n)
		if t, ok := args[3].(*pickle.Tuple); ok {
			c.mark(t, n)
			for j, it := range t.Items {
				c.emit(it, n, ekDefault, j, t)
			}
		} else {
			c.emit(args[3], n, ekArg, 3, n)
		}
		if t, ok := args[4].(*pickle.Tuple); ok {
			c.mark(t, n)
			for j, it := range t.Items {
				c.emit(it, n, ekCell, j, t)
			}
		} else {
			c.emit(args[4], n, ekArg, 4, n)
		}
		return
	}
	if ci := c.codes[n]; ci != nil && ci.consts != nil {
		for i, a := range args {
			if a == ci.consts {
				c.mark(a, n)
				for j, it := range ci.consts.Items {
					c.emit(it, n, ekCodeConst, j, nil)
				}
				continue
			}
			c.emit(a, n, ekCodeArg, i, nil)
		}
		return
	}
	switch cpCallee(n) {
	case "_make_cell":
		if len(args) == 1 {
			c.emit(args[0], n, ekHidden, 0, nil)
			return
		}
	case "dynamic_subimport":
		if len(args) == 2 {
			if d, ok := args[1].(*pickle.Dict); ok {
				c.mark(d, n)
				c.emitDict(d, n, ekModuleVar)
				c.emit(args[0], n, ekArg, 0, n)
				return
			}
		}
	case "_make_skeleton_class", "_make_skeleton_enum":
		ci := c.classes[n]
		basesAt, kwAt, membersAt := 2, 3, -1
		if ci.enum {
			basesAt, kwAt, membersAt = 0, -1, 3
		}
		for i, a := range args {
			switch {
			case i == basesAt:
				if t, ok := a.(*pickle.Tuple); ok {
					c.mark(t, n)
					for j, it := range t.Items {
						c.emit(it, n, ekBase, j, nil)
					}
					continue
				}
			case i == kwAt || i == membersAt:
				if d, ok := a.(*pickle.Dict); ok {
					c.mark(d, n)
					kind := ekClassAttr
					if i == membersAt {
						kind = ekEnumMember
					}
					c.emitDict(d, n, kind)
					continue
				}
			}
			c.emit(a, n, ekArg, i, n)
		}
		return
	}
	if builtinType(n.Callable) == "MethodType" && len(args) == 2 {
		c.emit(args[0], n, ekMethodFunc, 0, nil)
		c.emit(args[1], n, ekMethodSelf, 1, nil)
		return
	}
	for i, a := range args {
		c.emit(a, n, ekArg, i, n)
	}
}

// pathTo returns the steps from the root to v, root first. A very long
// path keeps its maxPath-8 culprit-most and 8 root-most steps.
func (c *checker) pathTo(v pickle.Value) []Step {
	type hop struct {
		v pickle.Value
		l link
	}
	var near []Step
	var ring [8]hop
	rn := 0
	for cur := v; cur != nil; {
		l, ok := c.parent[cur]
		if !ok {
			break
		}
		if l.kind != ekHidden {
			if len(near) < maxPath-8 {
				near = append(near, c.describe(cur, l))
			} else {
				ring[rn%8] = hop{cur, l}
				rn++
			}
		}
		cur = l.from
	}
	rev := near
	if rn > 8 {
		rev = append(rev, Step{Kind: StepElided, Index: rn - 8})
	}
	for i := max(0, rn-8); i < rn; i++ {
		h := ring[i%8]
		rev = append(rev, c.describe(h.v, h.l))
	}
	out := make([]Step, 0, len(c.prefix)+len(rev))
	out = append(out, c.prefix...)
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i])
	}
	// A command tuple is named by its task function step.
	if p := len(c.prefix); len(out) > p+1 && out[p].Kind == StepRoot && out[p+1].Kind == StepTask {
		out = append(out[:p], out[p+1:]...)
	}
	return out
}

// describe turns the link by which v was reached into a Step.
func (c *checker) describe(v pickle.Value, l link) Step {
	s := Step{Index: -1, Offset: c.off(v)}
	keyName := func() string {
		if d, ok := l.aux.(*pickle.Dict); ok && int(l.idx) < len(d.Entries) && l.idx >= 0 {
			return keyRepr(d.Entries[l.idx].Key)
		}
		return "?"
	}
	bare := func(k string) string {
		if len(k) >= 2 && k[0] == '\'' && k[len(k)-1] == '\'' {
			return k[1 : len(k)-1]
		}
		return k
	}
	switch l.kind {
	case ekRoot:
		if fi := c.funcOf(v); fi != nil {
			s.Kind, s.Name = StepTask, fi.qualname
			return s
		}
		if cl, ok := v.(*pickle.Call); ok && builtinType(cl.Callable) == "MethodType" {
			s.Kind, s.Name = StepTask, c.methodName(v)
			return s
		}
		s.Kind, s.Class = StepRoot, c.className(v)
		return s
	case ekLeftover:
		s.Kind, s.Index = StepLeftover, int(l.idx)
	case ekPopped:
		s.Kind, s.Index = StepPopped, int(l.idx)
	case ekItem:
		if pl, ok := c.parent[l.from]; ok && pl.kind == ekRoot && l.idx == 0 {
			if fi := c.funcOf(v); fi != nil {
				s.Kind, s.Name, s.Index = StepTask, fi.qualname, 0
				return s
			}
		}
		s.Kind, s.Class, s.Index = StepElement, typeName(l.from), int(l.idx)
	case ekDictKey:
		s.Kind, s.Index = StepDictKey, int(l.idx)
	case ekDictVal:
		s.Kind, s.Name = StepDictValue, keyName()
	case ekField:
		s.Kind, s.Class, s.Name = StepField, c.className(l.from), bare(keyName())
	case ekBuildState:
		s.Kind, s.Class = StepBuildState, c.className(l.from)
	case ekUpdate:
		s.Kind, s.Class = StepUpdate, c.className(l.from)
		if u, ok := l.aux.(*pickle.Update); ok && u.Kind == pickle.SetItems {
			if l.idx%2 == 1 {
				s.Name = keyRepr(u.Items[l.idx-1])
			} else {
				s.Name = "(key)"
			}
		} else {
			s.Index = int(l.idx)
		}
	case ekCallable:
		s.Kind, s.Name = StepCallable, c.opcodeOf(l.from)
	case ekArg:
		s.Kind, s.Name, s.Index = StepArg, c.callableName(l.from), int(l.idx)
	case ekArgs:
		s.Kind, s.Name = StepArg, c.callableName(l.from)
	case ekKwarg:
		s.Kind, s.Name, s.Class = StepKwarg, bare(keyName()), c.callableName(l.from)
	case ekCode:
		s.Kind, s.Function = StepCode, c.funcName(l.from)
	case ekCodeConst:
		s.Kind, s.Function, s.Index = StepCodeConst, c.codeName(l.from), int(l.idx)
	case ekCodeArg:
		s.Kind, s.Function, s.Name = StepCodeArg, c.codeName(l.from), codeArgName(c.codes[asCall(l.from)], int(l.idx))
	case ekBaseGlobal, ekFuncGlobal:
		s.Kind, s.Name, s.Function = StepGlobal, bare(keyName()), c.funcName(l.from)
	case ekCell:
		s.Kind, s.Function = StepCell, c.funcName(l.from)
		s.Name = c.freevar(l.from, int(l.idx))
	case ekDefault:
		s.Kind, s.Function = StepDefault, c.funcName(l.from)
		s.Name = c.paramName(l.from, l.aux, int(l.idx))
		if s.Name == "" {
			s.Index = int(l.idx)
		}
	case ekKwDefault:
		s.Kind, s.Name, s.Function = StepKwDefault, bare(keyName()), c.funcName(l.from)
	case ekFuncAttr:
		s.Kind, s.Function = StepFuncAttr, c.funcName(l.from)
		s.Name = "__dict__"
		if l.idx >= 0 {
			s.Name = bare(keyName())
		}
	case ekMethodSelf:
		s.Kind, s.Function = StepMethodSelf, c.methodName(l.from)
	case ekMethodFunc:
		s.Kind, s.Function = StepMethodFunc, c.methodName(l.from)
	case ekClassAttr:
		s.Kind, s.Class = StepClassAttr, c.className(l.from)
		s.Name = "(class state)"
		if l.idx >= 0 {
			s.Name = bare(keyName())
		}
	case ekBase:
		s.Kind, s.Class, s.Index = StepBase, c.className(l.from), int(l.idx)
	case ekEnumMember:
		s.Kind, s.Class, s.Name = StepEnumMember, c.className(l.from), bare(keyName())
	case ekModuleVar:
		s.Kind, s.Name = StepModuleVar, bare(keyName())
		if cl, ok := l.from.(*pickle.Call); ok {
			if a := tupleItems(cl.Args); len(a) > 0 {
				s.Class, _ = strOf(a[0])
			}
		}
	case ekPersistent:
		s.Kind = StepPersistent
	}
	return s
}

func asCall(v pickle.Value) *pickle.Call {
	c, _ := v.(*pickle.Call)
	return c
}

var codeArgNames16 = []string{"co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
	"co_stacksize", "co_flags", "co_code", "co_consts", "co_names", "co_varnames", "co_filename", "co_name",
	"co_firstlineno", "co_lnotab", "co_freevars", "co_cellvars"}
var codeArgNames18 = []string{"co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
	"co_stacksize", "co_flags", "co_code", "co_consts", "co_names", "co_varnames", "co_filename", "co_name",
	"co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable", "co_freevars", "co_cellvars"}

func codeArgName(ci *codeInfo, i int) string {
	names := codeArgNames16
	if ci != nil && ci.arity == 18 {
		names = codeArgNames18
	}
	if i >= 0 && i < len(names) && (ci == nil || ci.arity == len(names)) {
		return names[i]
	}
	return "argument " + itoa(i)
}

func itoa(i int) string { return formatInt(i) }

// off returns v's offset in the whole input.
func (c *checker) off(v pickle.Value) int64 {
	if v == nil {
		return c.base
	}
	return v.Offset() + c.base
}

// funcOf returns the function info when v is a dynamic function (or a
// staticmethod/classmethod/BUILD wrapping one is not unwrapped).
func (c *checker) funcOf(v pickle.Value) *funcInfo {
	if cl, ok := v.(*pickle.Call); ok {
		return c.funcs[cl]
	}
	return nil
}

func (c *checker) funcName(v pickle.Value) string {
	if fi := c.funcOf(v); fi != nil {
		return fi.qualname
	}
	return "?"
}

func (c *checker) codeName(v pickle.Value) string {
	if ci := c.codes[asCall(v)]; ci != nil {
		if ci.qualname != "" {
			return ci.qualname
		}
		return ci.name
	}
	return "?"
}

func (c *checker) freevar(fn pickle.Value, i int) string {
	if fi := c.funcOf(fn); fi != nil {
		if ci := c.codes[fi.code]; ci != nil && i < len(ci.freevars) {
			return ci.freevars[i]
		}
	}
	return "#" + itoa(i)
}

// paramName names the i-th default of a function: defaults fill the last
// positional parameters.
func (c *checker) paramName(fn, defaults pickle.Value, i int) string {
	fi := c.funcOf(fn)
	t, ok := defaults.(*pickle.Tuple)
	if fi == nil || !ok {
		return ""
	}
	ci := c.codes[fi.code]
	if ci == nil {
		return ""
	}
	p := ci.argcount - len(t.Items) + i
	if p >= 0 && p < len(ci.varnames) {
		return ci.varnames[p]
	}
	return ""
}

func (c *checker) methodName(m pickle.Value) string {
	if cl, ok := m.(*pickle.Call); ok {
		if a := tupleItems(cl.Args); len(a) == 2 {
			if fi := c.funcOf(a[0]); fi != nil {
				return fi.qualname
			}
			if s, ok := c.sym(a[0]); ok {
				return s
			}
		}
	}
	return "?"
}

// opcodeOf names the opcode that made v.
func (c *checker) opcodeOf(v pickle.Value) string {
	switch n := v.(type) {
	case *pickle.Call:
		return n.Kind.String()
	case *pickle.Build:
		return "BUILD"
	case *pickle.Update:
		return n.Kind.String()
	case *pickle.Global:
		if c.data != nil && c.depth == 0 {
			if o := c.off(v); o >= 0 && o < int64(len(c.data)) {
				if name := pickle.OpcodeName(c.data[o]); name != "" {
					return name
				}
			}
		}
		return "GLOBAL"
	}
	return ""
}

// callableName renders the callable of call v.
func (c *checker) callableName(v pickle.Value) string {
	cl, ok := v.(*pickle.Call)
	if !ok {
		return "?"
	}
	if s, ok := c.sym(cl.Callable); ok {
		return s
	}
	if ci := c.classes[asCall(cl.Callable)]; ci != nil {
		return ci.display()
	}
	if bt := builtinType(cl.Callable); bt != "" {
		return "types." + bt
	}
	return "<" + typeName(cl.Callable) + ">"
}

// className names the class of the object v stands for.
func (c *checker) className(v pickle.Value) string {
	switch n := v.(type) {
	case *pickle.Call:
		if ci := c.classes[n]; ci != nil {
			return ci.display()
		}
		if fi := c.funcs[n]; fi != nil {
			return "function"
		}
		cal := n.Callable
		if s, ok := c.sym(cal); ok {
			if s == "copyreg._reconstructor" || s == "copy_reg._reconstructor" {
				if a := tupleItems(n.Args); len(a) > 0 {
					return c.classOfClass(a[0])
				}
			}
			if n.Kind == pickle.Reduce && strings.HasPrefix(s, "builtins.") {
				return s[len("builtins."):]
			}
			return s
		}
		return c.classOfClass(cal)
	case *pickle.Global:
		return n.Module + "." + n.Name
	case *pickle.Build:
		return c.className(n.Object)
	}
	return typeName(v)
}

func (c *checker) classOfClass(cls pickle.Value) string {
	if ci := c.classes[asCall(cls)]; ci != nil {
		return ci.display()
	}
	if s, ok := c.sym(cls); ok {
		return s
	}
	return "object"
}

// typeName is the Python type name of a node.
func typeName(v pickle.Value) string {
	switch v.(type) {
	case *pickle.Tuple:
		return "tuple"
	case *pickle.List:
		return "list"
	case *pickle.Dict:
		return "dict"
	case *pickle.Set:
		return "set"
	case *pickle.FrozenSet:
		return "frozenset"
	case *pickle.Str:
		return "str"
	case *pickle.Bytes:
		return "bytes"
	case *pickle.ByteArray:
		return "bytearray"
	case *pickle.Int, *pickle.BigInt:
		return "int"
	case *pickle.Float:
		return "float"
	case *pickle.Bool:
		return "bool"
	case *pickle.None:
		return "NoneType"
	case *pickle.Global:
		return "global"
	case *pickle.Call:
		return "call result"
	case *pickle.Build:
		return "object"
	}
	return "object"
}

// keyRepr renders a dict key briefly.
func keyRepr(k pickle.Value) string {
	switch n := k.(type) {
	case *pickle.Str:
		return pyrepr.Str(clip(n.Value, 80))
	case *pickle.Int:
		return formatInt(int(n.Value))
	case *pickle.Bytes:
		return pyrepr.Bytes(n.Value[:min(len(n.Value), 60)])
	case *pickle.Tuple, *pickle.Float, *pickle.Bool, *pickle.None, *pickle.BigInt:
		return clip(pickle.Repr(k), 80)
	}
	return "<" + typeName(k) + ">"
}

// clip bounds s to n bytes (on a rune boundary) with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xc0 == 0x80 {
		i--
	}
	return s[:i] + "..."
}

// valueRepr renders a value for messages, bounded and without calling
// anything. Containers are rendered only when small.
func valueRepr(v pickle.Value) string {
	switch n := v.(type) {
	case *pickle.Str:
		return pyrepr.Str(clip(n.Value, 120))
	case *pickle.Bytes:
		if len(n.Value) > 60 {
			return pyrepr.Bytes(n.Value[:60]) + "..."
		}
		return pyrepr.Bytes(n.Value)
	case *pickle.Tuple:
		if len(n.Items) <= 8 {
			parts := make([]string, len(n.Items))
			for i, it := range n.Items {
				if isAtom(it) {
					parts[i] = valueRepr(it)
				} else {
					parts[i] = "<" + typeName(it) + ">"
				}
			}
			if len(parts) == 1 {
				return "(" + parts[0] + ",)"
			}
			return "(" + strings.Join(parts, ", ") + ")"
		}
		return "<tuple of " + formatInt(len(n.Items)) + ">"
	case *pickle.Global:
		return n.Module + "." + n.Name
	}
	if isAtom(v) && v != nil {
		return clip(pickle.Repr(v), 120)
	}
	return "<" + typeName(v) + ">"
}

func formatInt(i int) string {
	neg := i < 0
	if neg {
		i = -i
	}
	var b [24]byte
	p := len(b)
	for {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			break
		}
	}
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}
