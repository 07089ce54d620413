package pickle

import (
	"strconv"
	"strings"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// MaxReprDepth bounds how deep Repr descends; deeper containers print as
// "...".
const MaxReprDepth = 200

// Repr returns the Python repr of a graph of plain data exactly as CPython
// prints the unpickled value: lists, tuples, dicts, sets, str, bytes,
// numbers, None and booleans, with "[...]" for a container inside itself.
// Nodes that stand for load-time objects print in a call-like notation
// (module.name, callable(args), <build obj state>), which is not Python's.
func Repr(v Value) string {
	r := reprState{active: map[Value]bool{}}
	r.write(v, 0)
	return r.b.String()
}

type reprState struct {
	b      strings.Builder
	active map[Value]bool
}

func (r *reprState) items(open, close string, items []Value, depth int) {
	r.b.WriteString(open)
	for i, it := range items {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.write(it, depth+1)
	}
	r.b.WriteString(close)
}

func (r *reprState) write(v Value, depth int) {
	if depth > MaxReprDepth {
		r.b.WriteString("...")
		return
	}
	switch n := v.(type) {
	case nil:
		r.b.WriteString("<nil>")
	case *None:
		r.b.WriteString("None")
	case *Bool:
		if n.Value {
			r.b.WriteString("True")
		} else {
			r.b.WriteString("False")
		}
	case *Int:
		r.b.WriteString(strconv.FormatInt(n.Value, 10))
	case *BigInt:
		r.b.WriteString(n.Value.String())
	case *Float:
		r.b.WriteString(pyrepr.Float(n.Value))
	case *Str:
		r.b.WriteString(pyrepr.Str(n.Value))
	case *Bytes:
		r.b.WriteString(pyrepr.Bytes(n.Value))
	case *ByteArray:
		r.b.WriteString(pyrepr.ByteArray(n.Value))
	case *Buffer:
		r.b.WriteString("<memory>")
	case *Global:
		r.b.WriteString(n.Module + "." + n.Name)
	case *PersistentID:
		r.b.WriteString("<persistent ")
		r.write(n.ID, depth+1)
		r.b.WriteString(">")
	default:
		r.container(v, depth)
	}
}

// container prints nodes that can take part in a cycle.
func (r *reprState) container(v Value, depth int) {
	if r.active[v] {
		switch v.(type) {
		case *List:
			r.b.WriteString("[...]")
		case *Dict:
			r.b.WriteString("{...}")
		case *Tuple:
			r.b.WriteString("(...)")
		default:
			r.b.WriteString("...")
		}
		return
	}
	r.active[v] = true
	defer delete(r.active, v)
	switch n := v.(type) {
	case *Tuple:
		if len(n.Items) == 1 {
			r.b.WriteString("(")
			r.write(n.Items[0], depth+1)
			r.b.WriteString(",)")
			return
		}
		r.items("(", ")", n.Items, depth)
	case *List:
		r.items("[", "]", n.Items, depth)
	case *Dict:
		r.b.WriteString("{")
		for i, e := range n.Entries {
			if i > 0 {
				r.b.WriteString(", ")
			}
			r.write(e.Key, depth+1)
			r.b.WriteString(": ")
			r.write(e.Value, depth+1)
		}
		r.b.WriteString("}")
	case *Set:
		if len(n.Items) == 0 {
			r.b.WriteString("set()")
			return
		}
		r.items("{", "}", n.Items, depth)
	case *FrozenSet:
		if len(n.Items) == 0 {
			r.b.WriteString("frozenset()")
			return
		}
		r.items("frozenset({", "})", n.Items, depth)
	case *Call:
		r.write(n.Callable, depth+1)
		if n.Kind != Reduce {
			r.b.WriteString("." + n.Kind.String())
		}
		if t, ok := n.Args.(*Tuple); ok {
			r.items("(", "", t.Items, depth)
		} else {
			r.b.WriteString("(*")
			r.write(n.Args, depth+1)
		}
		if n.Kwargs != nil {
			r.b.WriteString(", **")
			r.write(n.Kwargs, depth+1)
		}
		r.b.WriteString(")")
	case *Build:
		r.b.WriteString("<build ")
		r.write(n.Object, depth+1)
		r.b.WriteString(" state=")
		r.write(n.State, depth+1)
		r.b.WriteString(">")
	case *Update:
		r.b.WriteString("<" + strings.ToLower(n.Kind.String()) + " ")
		r.write(n.Object, depth+1)
		r.items(" [", "]>", n.Items, depth)
	}
}
