package bridge

import (
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// LoadError is a payload that cannot be materialised: an unknown or
// disallowed global, a reconstructor called with the wrong arguments, a
// value pyexec cannot represent, or bytecode of a version it cannot run.
type LoadError struct {
	// Offset is the byte offset of the opcode that created the culprit.
	Offset int64
	// Global is the dotted name of the global involved, or "".
	Global string
	// Msg says what is wrong.
	Msg string
	// Missing names the pyexec feature the payload needs that is not there
	// yet (classes, modules, ...), or "".
	Missing string
	// Err is the underlying error, if any.
	Err error
}

// Error renders the error as "pybridge: MSG at offset 0x1f3".
func (e *LoadError) Error() string {
	return fmt.Sprintf("pybridge: %s at offset %#x", e.Msg, e.Offset)
}

// Unwrap returns the underlying error.
func (e *LoadError) Unwrap() error { return e.Err }

// MaterializeOptions configures Materialize and Load.
type MaterializeOptions struct {
	// Version is the CPython version to reproduce. When zero it is inferred
	// from the payload's code objects (see InferVersion). When set, the
	// payload's bytecode must decode as that version.
	Version bytecode.Version
	// Thread, when set, is the thread whose version and hash seed the
	// materialised values use (dicts and sets hash with it); it must be the
	// thread that later runs them. Its version overrides Version. When nil a
	// new thread is made for the version.
	Thread *pyexec.Thread
	// AllowUntested lets payloads of CPython versions outside
	// RunnableVersions load; by default they are refused with an error naming
	// both the payload's version and the ones the evaluator runs.
	AllowUntested bool
	// Import resolves modules for subimport and for globals of modules other
	// than the ones the registry knows (math, operator, ...). It must only
	// return modules that are safe to run. When nil such globals are errors.
	Import func(t *pyexec.Thread, name string) (py.Object, error)
}

// Loaded is a materialised payload and the thread that must run it.
type Loaded struct {
	// Value is the payload's root object.
	Value py.Object
	// Thread reproduces the payload's CPython version; use it to call
	// Value and to load records for it.
	Thread *pyexec.Thread
	// Info is what version inference found.
	Info VersionInfo
}

// Materialize builds the Python value a decoded payload stands for, as
// pickle.loads would, but resolving globals only through pybridge's
// registry. See Load for the version and thread it uses.
func Materialize(g *pickle.Graph, opts MaterializeOptions) (py.Object, error) {
	l, err := Load(g, opts)
	if err != nil {
		return nil, err
	}
	return l.Value, nil
}

// Load materialises g and returns it with the thread that reproduces the
// payload's CPython version. Errors are *LoadError.
func Load(g *pickle.Graph, opts MaterializeOptions) (*Loaded, error) {
	if g == nil || g.Root == nil {
		return nil, &LoadError{Msg: "empty payload"}
	}
	want := opts.Version
	if opts.Thread != nil {
		want = opts.Thread.Version()
	}
	info, err := InferVersion(g, want)
	if err != nil {
		return nil, err
	}
	if info.CodeObjects > 0 && !opts.AllowUntested && !isRunnable(info.Version) {
		return nil, &LoadError{Msg: fmt.Sprintf("the payload is CPython %s bytecode, but pyexec runs only CPython %s",
			info.Version, versionList(runnable))}
	}
	t := opts.Thread
	if t == nil {
		t = pyexec.NewThread(info.Version)
	}
	m := newMaterializer(t, &opts, g.Nodes)
	v, err := m.run(g)
	if err != nil {
		return nil, err
	}
	return &Loaded{Value: v, Thread: t, Info: info}, nil
}

// materializer holds the state of one materialisation.
type materializer struct {
	t    *pyexec.Thread
	ver  bytecode.Version
	opts *MaterializeOptions
	memo map[pickle.Value]py.Object
	// visiting marks nodes whose children are being built.
	visiting map[pickle.Value]bool
	// patches are list items and dict values waiting for a node that is
	// being built (a cycle through an immutable value).
	patches map[pickle.Value][]patch
	// side lists popped and leftover values in stream order; next is the
	// first not yet materialised.
	side []pickle.Value
	next int
	// classes caches dynamic classes by cloudpickle tracker id.
	classes map[string]py.Object
	// getattrBuiltin is the builtins.getattr object of this version.
	getattrBuiltin py.Object
}

type patch struct {
	list *py.List
	dict *pyexec.Dict
	key  py.Object
	idx  int
}

// newMaterializer returns a materializer for a graph of about nodes nodes
// (the memo, which gets one entry per node, is sized for them up front
// rather than rehashed as it grows: input partitions have many).
func newMaterializer(t *pyexec.Thread, opts *MaterializeOptions, nodes int) *materializer {
	m := &materializer{t: t, ver: t.Version(), opts: opts, memo: make(map[pickle.Value]py.Object, max(nodes, 0)),
		visiting: map[pickle.Value]bool{}, patches: map[pickle.Value][]patch{}, classes: map[string]py.Object{}}
	m.getattrBuiltin, _ = pyexec.BuiltinsFor(m.ver).GetStr(nil, "getattr")
	return m
}

// run materialises the root and every popped or leftover value, in stream
// order.
func (m *materializer) run(g *pickle.Graph) (py.Object, error) {
	m.side = append(append([]pickle.Value(nil), g.Popped...), g.Leftover...)
	sort.SliceStable(m.side, func(i, j int) bool { return m.side[i].Offset() < m.side[j].Offset() })
	root, err := m.value(g.Root)
	if err != nil {
		return nil, err
	}
	for m.next < len(m.side) {
		v := m.side[m.next]
		m.next++
		if _, err := m.value(v); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// frame is one node on the walk's explicit stack.
type frame struct {
	v    pickle.Value
	kids []pickle.Value
	i    int
}

// kidsOf returns the children that must exist before v can be finished.
func kidsOf(v pickle.Value) []pickle.Value {
	switch n := v.(type) {
	case *pickle.Tuple:
		return n.Items
	case *pickle.List:
		return n.Items
	case *pickle.Set:
		return n.Items
	case *pickle.FrozenSet:
		return n.Items
	case *pickle.Dict:
		out := make([]pickle.Value, 0, 2*len(n.Entries))
		for _, e := range n.Entries {
			out = append(out, e.Key, e.Value)
		}
		return out
	case *pickle.Call:
		out := []pickle.Value{n.Callable, n.Args}
		if n.Kwargs != nil {
			out = append(out, n.Kwargs)
		}
		return out
	case *pickle.Build:
		return []pickle.Value{n.Object, n.State}
	case *pickle.Update:
		return append([]pickle.Value{n.Object}, n.Items...)
	case *pickle.PersistentID:
		return []pickle.Value{n.ID}
	}
	return nil
}

// value materialises v and everything it needs, iteratively.
func (m *materializer) value(root pickle.Value) (py.Object, error) {
	if o, ok := m.memo[root]; ok {
		return o, nil
	}
	stack := []frame{{v: root}}
	m.visiting[root] = true
	if err := m.enter(root); err != nil {
		return nil, err
	}
	stack[0].kids = kidsOf(root)
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.i < len(f.kids) {
			k := f.kids[f.i]
			f.i++
			if k == nil {
				continue
			}
			if _, ok := m.memo[k]; ok {
				continue
			}
			if m.visiting[k] {
				if err := m.backEdge(f, k); err != nil {
					return nil, err
				}
				continue
			}
			m.visiting[k] = true
			if err := m.enter(k); err != nil {
				return nil, err
			}
			stack = append(stack, frame{v: k, kids: kidsOf(k)})
			continue
		}
		// Values the stream popped before this node was created are
		// materialised first, as CPython ran them first.
		if m.next < len(m.side) && m.side[m.next].Offset() < f.v.Offset() {
			s := m.side[m.next]
			m.next++
			if _, ok := m.memo[s]; !ok && !m.visiting[s] {
				m.visiting[s] = true
				if err := m.enter(s); err != nil {
					return nil, err
				}
				stack = append(stack, frame{v: s, kids: kidsOf(s)})
			}
			continue
		}
		v := f.v
		o, err := m.finish(v)
		if err != nil {
			return nil, err
		}
		m.memo[v] = o
		delete(m.visiting, v)
		for _, p := range m.patches[v] {
			if p.list != nil {
				p.list.Items[p.idx] = o
			} else if err := p.dict.SetItem(m.t, p.key, o); err != nil {
				return nil, m.pyErr(v, err)
			}
		}
		delete(m.patches, v)
		stack = stack[:len(stack)-1]
	}
	return m.memo[root], nil
}

// backEdge handles a child that is an ancestor still being built: only list
// items and dict values can wait for it.
func (m *materializer) backEdge(f *frame, k pickle.Value) error {
	switch n := f.v.(type) {
	case *pickle.List:
		m.patches[k] = append(m.patches[k], patch{list: m.memo[n].(*py.List), idx: f.i - 1})
		return nil
	case *pickle.Dict:
		if (f.i-1)%2 == 1 {
			// The key exists (keys come first); the value is set to None
			// and patched when k is finished.
			if key := m.memo[n.Entries[(f.i-1)/2].Key]; key != nil {
				m.patches[k] = append(m.patches[k], patch{dict: m.memo[n].(*pyexec.Dict), key: key})
				return nil
			}
		}
	}
	return &LoadError{Offset: k.Offset(), Msg: "cycle through an immutable value (tuple, frozenset or call result contains itself)"}
}

// enter creates mutable containers before their items, so that cycles
// through them resolve.
func (m *materializer) enter(v pickle.Value) error {
	switch v.(type) {
	case *pickle.List:
		m.memo[v] = &py.List{}
	case *pickle.Dict:
		m.memo[v] = pyexec.NewDict(0)
	case *pickle.Set:
		m.memo[v] = pyexec.NewSet(m.t)
	}
	return nil
}

// get returns the materialised child v (nil only while v waits on a cycle).
func (m *materializer) get(v pickle.Value) py.Object {
	if v == nil {
		return nil
	}
	return m.memo[v]
}

// pyErr wraps an error raised while building v.
func (m *materializer) pyErr(v pickle.Value, err error) error {
	var le *LoadError
	if errors.As(err, &le) {
		return err
	}
	return &LoadError{Offset: v.Offset(), Msg: err.Error(), Err: err}
}

// finish builds v once its children exist.
func (m *materializer) finish(v pickle.Value) (py.Object, error) {
	switch n := v.(type) {
	case *pickle.None:
		return py.None, nil
	case *pickle.Bool:
		return py.NewBool(n.Value), nil
	case *pickle.Int:
		return pyexec.MakeInt(n.Value), nil
	case *pickle.BigInt:
		b := (*py.BigInt)(new(big.Int).Set(n.Value))
		return b, nil
	case *pickle.Float:
		return py.Float(n.Value), nil
	case *pickle.Str:
		return py.String(n.Value), nil
	case *pickle.Bytes:
		return py.Bytes(append([]byte{}, n.Value...)), nil
	case *pickle.ByteArray:
		return pyexec.NewByteArray(n.Value), nil
	case *pickle.Buffer:
		if n.ReadOnly {
			return py.Bytes(append([]byte{}, n.Data...)), nil
		}
		// A writable out-of-band buffer loads as a bytearray, as
		// pickle.loads does for a PickleBuffer of a bytearray.
		return pyexec.NewByteArray(n.Data), nil
	case *pickle.Tuple:
		t := make(py.Tuple, len(n.Items))
		for i, it := range n.Items {
			t[i] = m.get(it)
			if t[i] == nil {
				return nil, &LoadError{Offset: n.Offset(), Msg: "cycle through a tuple"}
			}
		}
		return t, nil
	case *pickle.List:
		l := m.memo[n].(*py.List)
		l.Items = make([]py.Object, len(n.Items))
		for i, it := range n.Items {
			l.Items[i] = m.get(it)
			if l.Items[i] == nil {
				l.Items[i] = py.None // patched when the cycle closes
			}
		}
		return l, nil
	case *pickle.Dict:
		d := m.memo[n].(*pyexec.Dict)
		for _, e := range n.Entries {
			k := m.get(e.Key)
			if k == nil {
				return nil, &LoadError{Offset: n.Offset(), Msg: "cycle through a dict key"}
			}
			val := m.get(e.Value)
			if val == nil {
				val = py.None // patched when the cycle closes
			}
			if err := d.SetItem(m.t, k, val); err != nil {
				return nil, m.pyErr(n, err)
			}
		}
		return d, nil
	case *pickle.Set:
		s := m.memo[n].(*pyexec.Set)
		for _, it := range n.Items {
			x := m.get(it)
			if x == nil {
				return nil, &LoadError{Offset: n.Offset(), Msg: "cycle through a set element"}
			}
			if err := s.Add(m.t, x); err != nil {
				return nil, m.pyErr(n, err)
			}
		}
		return s, nil
	case *pickle.FrozenSet:
		s := pyexec.NewSet(m.t)
		s.Frozen = true
		for _, it := range n.Items {
			x := m.get(it)
			if x == nil {
				return nil, &LoadError{Offset: n.Offset(), Msg: "cycle through a frozenset"}
			}
			if err := s.Add(m.t, x); err != nil {
				return nil, m.pyErr(n, err)
			}
		}
		return s, nil
	case *pickle.Global:
		return m.global(n)
	case *pickle.Call:
		return m.call(n)
	case *pickle.Build:
		return m.build(n)
	case *pickle.Update:
		return m.update(n)
	case *pickle.PersistentID:
		return nil, &LoadError{Offset: n.Offset(), Msg: "persistent id without a persistent_load hook"}
	}
	return nil, &LoadError{Offset: v.Offset(), Msg: fmt.Sprintf("unexpected graph node %T", v)}
}
