package check

import (
	"github.com/pybridge/pybridge/pickle"
)

// funcInfo is what the checker knows about one dynamic function: the
// _make_function (or _builtin_type('LambdaType')) call and its popped
// _function_setstate.
type funcInfo struct {
	call     *pickle.Call
	code     *pickle.Call // CodeType call, or nil
	globals  *pickle.Dict // base globals, or nil
	closure  *pickle.Tuple
	setstate *pickle.Call
	state    *pickle.Dict // function __dict__
	slots    *pickle.Dict // slotstate
	qualname string
}

// codeInfo is a pickled code object: the _builtin_type('CodeType') call.
type codeInfo struct {
	call     *pickle.Call
	arity    int
	code     []byte
	consts   *pickle.Tuple
	names    []string
	varnames []string
	freevars []string
	argcount int
	name     string
	qualname string
}

// classInfo is a dynamic class or enum (_make_skeleton_class/_enum).
type classInfo struct {
	call     *pickle.Call
	enum     bool
	module   string
	qualname string
	setstate *pickle.Call
}

// display returns module.qualname.
func (ci *classInfo) display() string {
	m := ci.module
	if m == "" {
		m = "__main__"
	}
	return m + "." + ci.qualname
}

func isAtom(v pickle.Value) bool {
	switch v.(type) {
	case *pickle.None, *pickle.Bool, *pickle.Int, *pickle.BigInt, *pickle.Float, *pickle.Str, *pickle.Bytes,
		*pickle.ByteArray, *pickle.Buffer, nil:
		return true
	}
	return false
}

func tupleItems(v pickle.Value) []pickle.Value {
	if t, ok := v.(*pickle.Tuple); ok {
		return t.Items
	}
	return nil
}

func strOf(v pickle.Value) (string, bool) {
	if s, ok := v.(*pickle.Str); ok {
		return s.Value, true
	}
	return "", false
}

func strs(v pickle.Value) []string {
	items := tupleItems(v)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := strOf(it); ok {
			out = append(out, s)
		}
	}
	return out
}

func dictGet(d *pickle.Dict, key string) pickle.Value {
	if d == nil {
		return nil
	}
	v, _ := d.GetStr(key)
	return v
}

// cpCallee returns the cloudpickle reconstructor name a call's callable
// refers to, or "".
func cpCallee(c *pickle.Call) string {
	if g, ok := c.Callable.(*pickle.Global); ok {
		return cpName(g.Module, g.Name)
	}
	return ""
}

// builtinType returns X when v is the call _builtin_type('X').
func builtinType(v pickle.Value) string {
	c, ok := v.(*pickle.Call)
	if !ok || cpCallee(c) != "_builtin_type" {
		return ""
	}
	items := tupleItems(c.Args)
	if len(items) != 1 {
		return ""
	}
	s, _ := strOf(items[0])
	return s
}

// index makes one pass over every composite node reachable from the
// graph's roots, gives each a dense id, and records cloudpickle's
// structure: functions, code objects, classes, which calls' state setters
// and BUILDs target which objects, and which nodes are called.
func (c *checker) index(starts []pickle.Value) {
	for _, v := range starts {
		c.reach(v)
	}
	// Ids are given in discovery order, so the nodes slice is the queue of
	// this breadth-first pass.
	for id := int32(0); id < c.nodes.n; id++ {
		switch n := c.nodes.at(id).v.(type) {
		case *pickle.Tuple:
			c.reachAll(n.Items)
		case *pickle.List:
			c.reachAll(n.Items)
		case *pickle.Dict:
			for _, e := range n.Entries {
				c.reach(e.Key)
				c.reach(e.Value)
			}
		case *pickle.Set:
			c.reachAll(n.Items)
		case *pickle.FrozenSet:
			c.reachAll(n.Items)
		case *pickle.Call:
			if k := c.reach(n.Callable); k >= 0 {
				c.nodes.at(k).flags |= fCallee
			}
			c.reach(n.Args)
			c.reach(n.Kwargs)
			c.indexCall(n)
		case *pickle.Build:
			c.attachTo(n.Object, n)
			c.reach(n.State)
		case *pickle.Update:
			c.attachTo(n.Object, n)
			c.reachAll(n.Items)
		case *pickle.PersistentID:
			c.reach(n.ID)
		}
	}
	c.finishIndex()
}

// reach returns v's id, giving it the next one (and so queueing it for
// the index pass) when v is a composite node seen for the first time; -1
// for atoms.
func (c *checker) reach(v pickle.Value) int32 {
	p := nodeKey(v)
	if p == nil {
		return -1
	}
	if id, ok := c.ids[p]; ok {
		return id
	}
	return c.newID(p, v)
}

func (c *checker) reachAll(items []pickle.Value) {
	for _, it := range items {
		c.reach(it)
	}
}

// attachTo records that a (a BUILD, an update or a state setter) applies
// to obj.
func (c *checker) attachTo(obj, a pickle.Value) {
	c.attach[obj] = append(c.attach[obj], a)
	if id := c.reach(obj); id >= 0 {
		c.nodes.at(id).flags |= fAttach
	}
}

func (c *checker) indexCall(n *pickle.Call) {
	args := tupleItems(n.Args)
	switch cpCallee(n) {
	case "_make_function":
		c.funcs[n] = &funcInfo{call: n}
	case "_function_setstate", "_class_setstate":
		if len(args) == 2 {
			c.attachTo(args[0], n)
		}
	case "_make_skeleton_class":
		ci := &classInfo{call: n}
		if len(args) >= 2 {
			ci.qualname, _ = strOf(args[1])
		}
		if len(args) >= 4 {
			if d, ok := args[3].(*pickle.Dict); ok {
				ci.module, _ = strOf(dictGet(d, "__module__"))
			}
		}
		c.classes[n] = ci
	case "_make_skeleton_enum":
		ci := &classInfo{call: n, enum: true}
		if len(args) >= 5 {
			ci.qualname, _ = strOf(args[2])
			ci.module, _ = strOf(args[4])
		}
		c.classes[n] = ci
	}
	switch builtinType(n.Callable) {
	case "LambdaType", "FunctionType":
		c.funcs[n] = &funcInfo{call: n}
	case "CodeType":
		c.codes[n] = newCodeInfo(n, args)
	}
}

// newCodeInfo reads a CodeType argument tuple (16 arguments on CPython
// 3.8–3.10, 18 on 3.11+).
func newCodeInfo(n *pickle.Call, args []pickle.Value) *codeInfo {
	ci := &codeInfo{call: n, arity: len(args)}
	var nameAt, qualAt, freeAt int
	switch len(args) {
	case 16:
		nameAt, qualAt, freeAt = 11, -1, 14
	case 18:
		nameAt, qualAt, freeAt = 11, 12, 16
	default:
		return ci
	}
	if i, ok := args[0].(*pickle.Int); ok {
		ci.argcount = int(i.Value)
	}
	if b, ok := args[6].(*pickle.Bytes); ok {
		ci.code = b.Value
	}
	ci.consts, _ = args[7].(*pickle.Tuple)
	ci.names = strs(args[8])
	ci.varnames = strs(args[9])
	ci.name, _ = strOf(args[nameAt])
	if qualAt >= 0 {
		ci.qualname, _ = strOf(args[qualAt])
	}
	ci.freevars = strs(args[freeAt])
	return ci
}

// finishIndex links functions and classes to their code, globals and
// state setters, names them, and marks which code objects belong to a
// function.
func (c *checker) finishIndex() {
	for _, fi := range c.funcs {
		args := tupleItems(fi.call.Args)
		if len(args) >= 1 {
			if cc, ok := args[0].(*pickle.Call); ok {
				fi.code = cc
			}
		}
		if len(args) >= 2 {
			fi.globals, _ = args[1].(*pickle.Dict)
		}
		if len(args) >= 5 {
			fi.closure, _ = args[4].(*pickle.Tuple)
		}
		for _, a := range c.attach[fi.call] {
			s, ok := a.(*pickle.Call)
			if !ok || cpCallee(s) != "_function_setstate" {
				continue
			}
			st := tupleItems(tupleItems(s.Args)[1])
			if len(st) == 2 {
				fi.setstate = s
				fi.state, _ = st[0].(*pickle.Dict)
				fi.slots, _ = st[1].(*pickle.Dict)
			}
		}
		fi.qualname, _ = strOf(dictGet(fi.slots, "__qualname__"))
		if ci := c.codes[fi.code]; fi.qualname == "" && ci != nil {
			fi.qualname = ci.qualname
			if fi.qualname == "" {
				fi.qualname = ci.name
			}
		}
		if fi.qualname == "" {
			fi.qualname = "<function>"
		}
	}
	for _, ci := range c.classes {
		for _, a := range c.attach[ci.call] {
			s, ok := a.(*pickle.Call)
			if !ok || cpCallee(s) != "_class_setstate" {
				continue
			}
			ci.setstate = s
			st := tupleItems(tupleItems(s.Args)[1])
			if len(st) >= 1 {
				if d, ok := st[0].(*pickle.Dict); ok {
					if m, ok := strOf(dictGet(d, "__module__")); ok && ci.module == "" {
						ci.module = m
					}
					if q, ok := strOf(dictGet(d, "__qualname__")); ok {
						ci.qualname = q
					}
				}
			}
		}
	}
	// Mark code objects owned by a function, nested ones included.
	seen := map[*pickle.Call]bool{}
	var stack []*pickle.Call
	for _, fi := range c.funcs {
		if fi.code != nil && c.codes[fi.code] != nil {
			stack = append(stack, fi.code)
		}
	}
	for len(stack) > 0 {
		cc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[cc] {
			continue
		}
		seen[cc] = true
		c.owned[cc] = true
		ci := c.codes[cc]
		if ci == nil || ci.consts == nil {
			continue
		}
		for _, it := range ci.consts.Items {
			if k, ok := it.(*pickle.Call); ok && c.codes[k] != nil && !seen[k] {
				stack = append(stack, k)
			}
		}
	}
	// Infer the producing Python from the first code object found.
	var first *codeInfo
	for _, ci := range c.codes {
		if (ci.arity == 16 || ci.arity == 18) && (first == nil || ci.call.Offset() < first.call.Offset()) {
			first = ci
		}
	}
	if first != nil {
		c.inferPython(first)
	}
}

// prologue311 reports whether code starts like a CPython 3.11/3.12
// function (RESUME 151 after MAKE_CELL/COPY_FREE_VARS/RETURN_GENERATOR/
// POP_TOP), and prologue313 like a 3.13 one (RESUME 149).
func prologue(code []byte, skip map[byte]bool, resume byte) bool {
	for i := 0; i+1 < len(code) && i < 64; i += 2 {
		if code[i] == resume {
			return true
		}
		if !skip[code[i]] {
			return false
		}
	}
	return false
}

var (
	skip313 = map[byte]bool{94: true, 62: true, 35: true, 32: true}
	skip311 = map[byte]bool{135: true, 149: true, 75: true, 1: true}
)

func (c *checker) inferPython(ci *codeInfo) {
	// 149 is COPY_FREE_VARS on 3.11/3.12 but RESUME on 3.13: try the
	// 3.11/3.12 prologue first.
	is311 := prologue(ci.code, skip311, 151)
	is313 := !is311 && prologue(ci.code, skip313, 149)
	switch {
	case ci.arity == 18 && is313:
		c.python = "3.13"
	case ci.arity == 18:
		c.python = "3.11-3.12"
	case is313 || is311:
		c.python = "3.11+"
		c.brokenProducer = ci
	default:
		c.python = "3.8-3.10"
	}
}
