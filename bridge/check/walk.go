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
// Nodes are the dense ids the index assigned; -1 stands for none.
type link struct {
	from int32
	aux  int32
	idx  int32
	kind ek
	set  bool // the node has been reached
}

// Node flags, set by the index pass.
const (
	fCallee uint8 = 1 << iota // the node is the callable of a call
	fAttach                   // the node has entries in checker.attach
)

// nodeRec is what the checker keeps per composite node: 32 bytes.
type nodeRec struct {
	v     pickle.Value
	link  link
	flags uint8
}

// nodeTable holds the node records by id in fixed-size chunks, so that it
// grows without copying (only the first chunk grows by appending).
type nodeTable struct {
	chunks [][]nodeRec
	n      int32
}

const (
	chunkBits = 12
	chunkSize = 1 << chunkBits
)

func (t *nodeTable) add(v pickle.Value) int32 {
	id := t.n
	if id>>chunkBits == int32(len(t.chunks)) {
		size := chunkSize
		if id == 0 {
			size = 64
		}
		t.chunks = append(t.chunks, make([]nodeRec, 0, size))
	}
	k := id >> chunkBits
	t.chunks[k] = append(t.chunks[k], nodeRec{v: v})
	t.n++
	return id
}

// at returns the record of node id. The pointer is valid until the next
// add.
func (t *nodeTable) at(id int32) *nodeRec { return &t.chunks[id>>chunkBits][id&(chunkSize-1)] }

// maxPath bounds the number of steps kept in a path.
const maxPath = 64

// checker holds the state of one check of one graph.
//
// The index pass gives every composite node (atoms are skipped: they have
// no children and never carry a finding of their own) a dense int32 id
// through one map keyed by the node's address; everything else the
// traversal keeps per node lives in slices indexed by that id. A path is
// only built, from the parent links, when a finding is made.
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
	ids            map[*pickle.Pos]int32 // node -> id
	nodes          nodeTable             // id -> node, flags, how the checking pass reached it
	queue          []int32               // checking pass (breadth first)
	attach         map[pickle.Value][]pickle.Value
	funcs          map[*pickle.Call]*funcInfo
	codes          map[*pickle.Call]*codeInfo
	classes        map[*pickle.Call]*classInfo
	owned          map[*pickle.Call]bool
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
	// Atoms, which get no id, are most of a graph's nodes: size the map
	// for an eighth of them, so that growing it rarely copies much.
	c.ids = make(map[*pickle.Pos]int32, min(max(g.Nodes, 0)/8, 1<<22))
	c.nodes = nodeTable{}
	c.queue = c.queue[:0]
	c.attach = map[pickle.Value][]pickle.Value{}
	c.funcs = map[*pickle.Call]*funcInfo{}
	c.codes = map[*pickle.Call]*codeInfo{}
	c.classes = map[*pickle.Call]*classInfo{}
	c.owned = map[*pickle.Call]bool{}
}

// nodeKey returns the address that identifies a composite node (every node
// embeds its Pos first), or nil for atoms and nil.
func nodeKey(v pickle.Value) *pickle.Pos {
	switch n := v.(type) {
	case *pickle.Tuple:
		return &n.Pos
	case *pickle.List:
		return &n.Pos
	case *pickle.Dict:
		return &n.Pos
	case *pickle.Call:
		return &n.Pos
	case *pickle.Global:
		return &n.Pos
	case *pickle.Build:
		return &n.Pos
	case *pickle.Set:
		return &n.Pos
	case *pickle.FrozenSet:
		return &n.Pos
	case *pickle.Update:
		return &n.Pos
	case *pickle.PersistentID:
		return &n.Pos
	}
	return nil
}

// newID gives node v (with key p) the next id.
func (c *checker) newID(p *pickle.Pos, v pickle.Value) int32 {
	id := c.nodes.add(v)
	c.ids[p] = id
	return id
}

// idOf returns v's id, or -1 for atoms and nodes the index has not seen.
func (c *checker) idOf(v pickle.Value) int32 {
	if p := nodeKey(v); p != nil {
		if id, ok := c.ids[p]; ok {
			return id
		}
	}
	return -1
}

// node returns the node with id i, or nil for -1.
func (c *checker) node(i int32) pickle.Value {
	if i < 0 {
		return nil
	}
	return c.nodes.at(i).v
}

// called reports whether v is the callable of some call in the graph.
func (c *checker) called(v pickle.Value) bool {
	id := c.idOf(v)
	return id >= 0 && c.nodes.at(id).flags&fCallee != 0
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
	c.index(starts)
	if n := int(c.nodes.n); cap(c.queue) < n {
		c.queue = make([]int32, 0, n)
	}
	if c.brokenProducer != nil {
		c.add(Finding{Rule: RuleMalformed, Severity: Warning, Exception: "TypeError",
			Message: "code() argument 13 must be str, not int: this payload has 16-argument code objects with " +
				"CPython 3.11+ bytecode, i.e. it was produced by cloudpickle < 2.1 on CPython >= 3.11, and CPython cannot load it",
			Fix: "upgrade cloudpickle to 2.1 or later (Spark 3.4 or later) on the driver."},
			c.brokenProducer.call, Step{Kind: StepCulprit, Name: "code object", Class: "code",
				Value: c.brokenProducer.name, Index: -1})
	}
	c.enqueue(g.Root, link{from: -1, aux: -1, kind: ekRoot})
	c.drain()
	for i, v := range g.Leftover {
		c.enqueue(v, link{from: -1, aux: -1, kind: ekLeftover, idx: int32(i)})
		c.drain()
	}
	for i, v := range g.Popped {
		c.enqueue(v, link{from: -1, aux: -1, kind: ekPopped, idx: int32(i)})
		c.drain()
	}
}

// slot returns the id of v for the checking pass, or -1 for atoms. Every
// node the checking pass reaches was indexed; a node that was not (which
// would be a bug) gets an id here rather than being skipped.
func (c *checker) slot(v pickle.Value) int32 {
	p := nodeKey(v)
	if p == nil {
		return -1
	}
	if id, ok := c.ids[p]; ok {
		return id
	}
	return c.newID(p, v)
}

func (c *checker) enqueue(v pickle.Value, l link) {
	id := c.slot(v)
	if id < 0 {
		return
	}
	if r := c.nodes.at(id); !r.link.set {
		l.set = true
		r.link = l
		c.queue = append(c.queue, id)
	}
}

// mark records a wrapper node as reached without visiting it; its
// contents are emitted by the caller. It returns v's id (-1 for atoms).
func (c *checker) mark(v pickle.Value, from int32) int32 {
	id := c.slot(v)
	if id >= 0 {
		if r := c.nodes.at(id); !r.link.set {
			r.link = link{from: from, aux: -1, kind: ekHidden, set: true}
		}
	}
	return id
}

// drain visits queued nodes breadth first: children first (so their links
// exist), then the node's own judgement.
func (c *checker) drain() {
	for head := 0; head < len(c.queue); head++ {
		id := c.queue[head]
		v := c.nodes.at(id).v
		c.kids(id, v)
		c.judge(v)
	}
	c.queue = c.queue[:0]
}

func (c *checker) emit(child pickle.Value, from int32, kind ek, idx int, aux int32) {
	id := c.slot(child)
	if id < 0 {
		return
	}
	if r := c.nodes.at(id); !r.link.set {
		r.link = link{from: from, aux: aux, idx: int32(idx), kind: kind, set: true}
		c.queue = append(c.queue, id)
	}
}

// emitDict emits the entries of dict d (id dID) as reached from node from.
func (c *checker) emitDict(d *pickle.Dict, dID, from int32, kind ek) {
	for i, e := range d.Entries {
		c.emit(e.Key, from, ekDictKey, i, dID)
		c.emit(e.Value, from, kind, i, dID)
	}
}

// kids emits the children of v (id vid) with semantic edges.
func (c *checker) kids(vid int32, v pickle.Value) {
	switch n := v.(type) {
	case *pickle.Tuple:
		c.emitItems(n.Items, vid)
	case *pickle.List:
		c.emitItems(n.Items, vid)
	case *pickle.Set:
		c.emitItems(n.Items, vid)
	case *pickle.FrozenSet:
		c.emitItems(n.Items, vid)
	case *pickle.Dict:
		c.emitDict(n, vid, vid, ekDictVal)
	case *pickle.Build:
		c.emit(n.Object, vid, ekHidden, 0, -1)
		if isAtom(n.Object) {
			c.emitState(n, vid)
		}
	case *pickle.Update:
		c.emit(n.Object, vid, ekHidden, 0, -1)
		if isAtom(n.Object) {
			c.emitUpdate(n, vid)
		}
	case *pickle.PersistentID:
		c.emit(n.ID, vid, ekPersistent, 0, -1)
	case *pickle.Call:
		c.callKids(n, vid)
	}
	if c.nodes.at(vid).flags&fAttach == 0 {
		return
	}
	for _, a := range c.attach[v] {
		switch s := a.(type) {
		case *pickle.Build:
			c.emitState(s, vid)
		case *pickle.Update:
			c.emitUpdate(s, vid)
		case *pickle.Call:
			c.emitSetstate(s, vid)
		}
	}
}

func (c *checker) emitItems(items []pickle.Value, from int32) {
	for i, it := range items {
		c.emit(it, from, ekItem, i, -1)
	}
}

// emitState emits the BUILD state of obj: instance fields for a dict (or
// a (dict, slots) pair), else the state as a whole.
func (c *checker) emitState(b *pickle.Build, obj int32) {
	bid := c.mark(b, obj)
	switch st := b.State.(type) {
	case *pickle.Dict:
		c.emitDict(st, c.mark(st, obj), obj, ekField)
		return
	case *pickle.Tuple:
		if len(st.Items) == 2 {
			c.mark(st, obj)
			for _, part := range st.Items {
				if d, ok := part.(*pickle.Dict); ok {
					c.emitDict(d, c.mark(d, obj), obj, ekField)
				} else {
					c.emit(part, obj, ekBuildState, 0, bid)
				}
			}
			return
		}
	}
	c.emit(b.State, obj, ekBuildState, 0, bid)
}

func (c *checker) emitUpdate(u *pickle.Update, obj int32) {
	uid := c.mark(u, obj)
	for i, it := range u.Items {
		c.emit(it, obj, ekUpdate, i, uid)
	}
}

// emitSetstate emits what a popped _function_setstate/_class_setstate
// applies to obj, with function or class steps.
func (c *checker) emitSetstate(s *pickle.Call, obj int32) {
	args := tupleItems(s.Args)
	if len(args) != 2 {
		return
	}
	st := tupleItems(args[1])
	sid := c.mark(s, obj)
	c.mark(s.Args, obj)
	c.emit(s.Callable, sid, ekCallable, 0, -1)
	if len(st) != 2 {
		c.emit(args[1], obj, ekArg, 1, sid)
		return
	}
	c.mark(args[1], obj)
	switch cpCallee(s) {
	case "_function_setstate":
		if d, ok := st[0].(*pickle.Dict); ok {
			c.emitDict(d, c.mark(d, obj), obj, ekFuncAttr)
		} else {
			c.emit(st[0], obj, ekFuncAttr, -1, -1)
		}
		slots, ok := st[1].(*pickle.Dict)
		if !ok {
			c.emit(st[1], obj, ekFuncAttr, -1, -1)
			return
		}
		slotsID := c.mark(slots, obj)
		for i, e := range slots.Entries {
			key, _ := strOf(e.Key)
			switch key {
			case "__globals__":
				if d, ok := e.Value.(*pickle.Dict); ok {
					c.emitDict(d, c.mark(d, obj), obj, ekFuncGlobal)
					continue
				}
			case "__closure__":
				if t, ok := e.Value.(*pickle.Tuple); ok {
					tid := c.mark(t, obj)
					for j, it := range t.Items {
						c.emit(it, obj, ekCell, j, tid)
					}
					continue
				}
			case "__defaults__":
				if t, ok := e.Value.(*pickle.Tuple); ok {
					tid := c.mark(t, obj)
					for j, it := range t.Items {
						c.emit(it, obj, ekDefault, j, tid)
					}
					continue
				}
			case "__kwdefaults__":
				if d, ok := e.Value.(*pickle.Dict); ok {
					c.emitDict(d, c.mark(d, obj), obj, ekKwDefault)
					continue
				}
			}
			c.emit(e.Key, obj, ekDictKey, i, slotsID)
			c.emit(e.Value, obj, ekFuncAttr, i, slotsID)
		}
	default: // _class_setstate
		if d, ok := st[0].(*pickle.Dict); ok {
			c.emitDict(d, c.mark(d, obj), obj, ekClassAttr)
		} else {
			c.emit(st[0], obj, ekClassAttr, -1, -1)
		}
		c.emit(st[1], obj, ekClassAttr, -1, -1)
	}
}

// callKids emits the children of call n (id nid) according to what it
// builds.
func (c *checker) callKids(n *pickle.Call, nid int32) {
	args := tupleItems(n.Args)
	c.emit(n.Callable, nid, ekCallable, 0, -1)
	if _, ok := n.Args.(*pickle.Tuple); ok {
		c.mark(n.Args, nid)
	} else {
		c.emit(n.Args, nid, ekArgs, 0, -1)
	}
	if d, ok := n.Kwargs.(*pickle.Dict); ok {
		c.emitDict(d, c.mark(d, nid), nid, ekKwarg)
	} else if n.Kwargs != nil {
		c.emit(n.Kwargs, nid, ekKwarg, -1, -1)
	}
	if fi := c.funcs[n]; fi != nil && len(args) == 5 {
		c.emit(args[0], nid, ekCode, 0, -1)
		if d, ok := args[1].(*pickle.Dict); ok {
			c.emitDict(d, c.mark(d, nid), nid, ekBaseGlobal)
		} else {
			c.emit(args[1], nid, ekArg, 1, nid)
		}
		c.emit(args[2], nid, ekArg, 2, nid)
		if t, ok := args[3].(*pickle.Tuple); ok {
			tid := c.mark(t, nid)
			for j, it := range t.Items {
				c.emit(it, nid, ekDefault, j, tid)
			}
		} else {
			c.emit(args[3], nid, ekArg, 3, nid)
		}
		if t, ok := args[4].(*pickle.Tuple); ok {
			tid := c.mark(t, nid)
			for j, it := range t.Items {
				c.emit(it, nid, ekCell, j, tid)
			}
		} else {
			c.emit(args[4], nid, ekArg, 4, nid)
		}
		return
	}
	if ci := c.codes[n]; ci != nil && ci.consts != nil {
		for i, a := range args {
			if a == ci.consts {
				c.mark(a, nid)
				for j, it := range ci.consts.Items {
					c.emit(it, nid, ekCodeConst, j, -1)
				}
				continue
			}
			c.emit(a, nid, ekCodeArg, i, -1)
		}
		return
	}
	switch cpCallee(n) {
	case "_make_cell":
		if len(args) == 1 {
			c.emit(args[0], nid, ekHidden, 0, -1)
			return
		}
	case "dynamic_subimport":
		if len(args) == 2 {
			if d, ok := args[1].(*pickle.Dict); ok {
				c.emitDict(d, c.mark(d, nid), nid, ekModuleVar)
				c.emit(args[0], nid, ekArg, 0, nid)
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
					c.mark(t, nid)
					for j, it := range t.Items {
						c.emit(it, nid, ekBase, j, -1)
					}
					continue
				}
			case i == kwAt || i == membersAt:
				if d, ok := a.(*pickle.Dict); ok {
					kind := ekClassAttr
					if i == membersAt {
						kind = ekEnumMember
					}
					c.emitDict(d, c.mark(d, nid), nid, kind)
					continue
				}
			}
			c.emit(a, nid, ekArg, i, nid)
		}
		return
	}
	if builtinType(n.Callable) == "MethodType" && len(args) == 2 {
		c.emit(args[0], nid, ekMethodFunc, 0, -1)
		c.emit(args[1], nid, ekMethodSelf, 1, -1)
		return
	}
	for i, a := range args {
		c.emit(a, nid, ekArg, i, nid)
	}
}

// pathTo returns the steps from the root to v, root first. A very long
// path keeps its maxPath-8 culprit-most and 8 root-most steps.
func (c *checker) pathTo(v pickle.Value) []Step {
	var near []Step
	var ring [8]int32
	rn := 0
	for cur := c.idOf(v); cur >= 0; {
		l := c.nodes.at(cur).link
		if !l.set {
			break
		}
		if l.kind != ekHidden {
			if len(near) < maxPath-8 {
				near = append(near, c.describe(cur))
			} else {
				ring[rn%8] = cur
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
		rev = append(rev, c.describe(ring[i%8]))
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

// edge is a link with its nodes resolved, for describe.
type edge struct {
	from pickle.Value
	aux  pickle.Value
	idx  int32
	kind ek
}

// describe turns the link by which node id was reached into a Step.
func (c *checker) describe(id int32) Step {
	r := c.nodes.at(id)
	lk, v := r.link, r.v
	l := edge{from: c.node(lk.from), aux: c.node(lk.aux), idx: lk.idx, kind: lk.kind}
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
		if pl := lk.from; pl >= 0 && c.nodes.at(pl).link.set && c.nodes.at(pl).link.kind == ekRoot && l.idx == 0 {
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
