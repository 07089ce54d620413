package pickle

import "strconv"

// EdgeKind says how a node refers to one of its children.
type EdgeKind uint8

// The kinds of edges between graph nodes.
const (
	EdgeItem         EdgeKind = iota // Index-th item of a tuple, list, set, frozenset or update
	EdgeDictKey                      // key of the Index-th dict entry
	EdgeDictValue                    // value of the Index-th dict entry
	EdgeCallable                     // callable of a Call
	EdgeArgs                         // argument tuple (or node) of a Call
	EdgeKwargs                       // keyword arguments of a NEWOBJ_EX Call
	EdgeObject                       // object of a Build or Update
	EdgeState                        // state of a Build
	EdgePersistentID                 // id of a PersistentID
)

var edgeKindNames = [...]string{"item", "key", "value", "callable", "args", "kwargs", "object", "state", "id"}

// String returns a short name of the edge kind.
func (k EdgeKind) String() string {
	if int(k) < len(edgeKindNames) {
		return edgeKindNames[k]
	}
	return "edge(?)"
}

// Edge is one reference from a node to a child.
type Edge struct {
	Kind EdgeKind
	// Index is the item or entry position for EdgeItem, EdgeDictKey and
	// EdgeDictValue, else 0.
	Index int
	// Child is the node referred to.
	Child Value
}

// String renders the edge as a path step, such as "[3]" or ".state".
func (e Edge) String() string {
	switch e.Kind {
	case EdgeItem:
		return "[" + strconv.Itoa(e.Index) + "]"
	case EdgeDictKey:
		return ".key(" + strconv.Itoa(e.Index) + ")"
	case EdgeDictValue:
		return ".value(" + strconv.Itoa(e.Index) + ")"
	}
	return "." + e.Kind.String()
}

// Children calls fn for each child of v, in stream order, until fn
// returns false. It does not recurse.
func Children(v Value, fn func(Edge) bool) {
	items := func(list []Value) bool {
		for i, it := range list {
			if !fn(Edge{EdgeItem, i, it}) {
				return false
			}
		}
		return true
	}
	switch n := v.(type) {
	case *Tuple:
		items(n.Items)
	case *List:
		items(n.Items)
	case *Set:
		items(n.Items)
	case *FrozenSet:
		items(n.Items)
	case *Dict:
		for i, e := range n.Entries {
			if !fn(Edge{EdgeDictKey, i, e.Key}) || !fn(Edge{EdgeDictValue, i, e.Value}) {
				return
			}
		}
	case *Call:
		if !fn(Edge{EdgeCallable, 0, n.Callable}) || !fn(Edge{EdgeArgs, 0, n.Args}) {
			return
		}
		if n.Kwargs != nil {
			fn(Edge{EdgeKwargs, 0, n.Kwargs})
		}
	case *Build:
		if fn(Edge{EdgeObject, 0, n.Object}) {
			fn(Edge{EdgeState, 0, n.State})
		}
	case *Update:
		if fn(Edge{EdgeObject, 0, n.Object}) {
			items(n.Items)
		}
	case *PersistentID:
		fn(Edge{EdgePersistentID, 0, n.ID})
	}
}

// Walk visits every node reachable from the graph's root, popped values
// and leftovers, each once, in depth-first pre-order, without recursion.
// fn receives the node and the edge it was first reached by (the zero Edge
// with a nil Child for the starting points); returning false skips the
// node's children.
func (g *Graph) Walk(fn func(v Value, parent Value, via Edge) bool) {
	starts := make([]Value, 0, 1+len(g.Popped)+len(g.Leftover))
	starts = append(starts, g.Leftover...)
	if g.Root != nil {
		starts = append(starts, g.Root)
	}
	starts = append(starts, g.Popped...)
	WalkFrom(starts, fn)
}

// WalkFrom is Walk starting from the given nodes.
func WalkFrom(starts []Value, fn func(v Value, parent Value, via Edge) bool) {
	type frame struct {
		v, parent Value
		via       Edge
	}
	seen := make(map[Value]struct{})
	stack := make([]frame, 0, len(starts))
	for i := len(starts) - 1; i >= 0; i-- {
		stack = append(stack, frame{v: starts[i]})
	}
	var kids []frame
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.v == nil {
			continue
		}
		if _, ok := seen[f.v]; ok {
			continue
		}
		seen[f.v] = struct{}{}
		if !fn(f.v, f.parent, f.via) {
			continue
		}
		kids = kids[:0]
		Children(f.v, func(e Edge) bool {
			if _, ok := seen[e.Child]; !ok && e.Child != nil {
				kids = append(kids, frame{e.Child, f.v, e})
			}
			return true
		})
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
}
