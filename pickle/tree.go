package pickle

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// TreeOptions configures Tree and TreeJSON.
type TreeOptions struct {
	// Annotate, if set, may name a call (for example "CodeType" for
	// cloudpickle's code-object constructor) and its positional arguments.
	// It returns "" and nil to leave the call as it is.
	Annotate func(c *Call) (label string, argNames []string)
	// Redact, if set, may replace a string that varies between runs (such
	// as cloudpickle's random class-tracker ids) with a stable stand-in;
	// parent is the call whose argument tuple holds it, if any.
	Redact func(s *Str, parent *Call) (string, bool)
	// NoOffsets leaves byte offsets out of the output.
	NoOffsets bool
	// MaxDepth bounds the nesting printed; 0 means 1000.
	MaxDepth int
	// MaxString bounds how many bytes of a str or bytes value are shown in
	// text output; 0 means 200.
	MaxString int
}

// treeWalker numbers the nodes that are reached more than once, so the
// output can mark shared references and cycles.
type treeWalker struct {
	opts   TreeOptions
	shared map[Value]bool // reached more than once
	ids    map[Value]int  // id given at first print
	nextID int
}

func newTreeWalker(g *Graph, opts TreeOptions) *treeWalker {
	if opts.MaxDepth == 0 {
		opts.MaxDepth = 1000
	}
	if opts.MaxString == 0 {
		opts.MaxString = 200
	}
	t := &treeWalker{opts: opts, shared: map[Value]bool{}, ids: map[Value]int{}}
	// Count references: a node with two or more parents (or a start that
	// is also a child) is shared.
	seen := map[Value]bool{}
	var stack []Value
	mark := func(v Value) {
		if v == nil {
			return
		}
		if seen[v] {
			t.shared[v] = true
			return
		}
		seen[v] = true
		stack = append(stack, v)
	}
	for _, v := range g.starts() {
		mark(v)
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		Children(v, func(e Edge) bool { mark(e.Child); return true })
	}
	return t
}

// starts lists the entry points of a graph: leftovers, root, popped.
func (g *Graph) starts() []Value {
	s := make([]Value, 0, len(g.Leftover)+1+len(g.Popped))
	s = append(s, g.Leftover...)
	if g.Root != nil {
		s = append(s, g.Root)
	}
	return append(s, g.Popped...)
}

// Tree writes the graph as an indented tree: the root, then the popped
// values and leftovers. A node reached more than once is printed in full
// the first time with a "&N" label and afterwards as "*N".
func Tree(w io.Writer, g *Graph, opts TreeOptions) error {
	t := newTreeWalker(g, opts)
	var b strings.Builder
	b.WriteString("root: ")
	t.text(&b, g.Root, nil, 1)
	for i, v := range g.Popped {
		fmt.Fprintf(&b, "popped[%d]: ", i)
		t.text(&b, v, nil, 1)
	}
	for i, v := range g.Leftover {
		fmt.Fprintf(&b, "leftover[%d]: ", i)
		t.text(&b, v, nil, 1)
	}
	if len(g.Trailing) > 0 {
		fmt.Fprintf(&b, "trailing: %d bytes after STOP\n", len(g.Trailing))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (t *treeWalker) at(v Value) string {
	if t.opts.NoOffsets {
		return ""
	}
	return fmt.Sprintf(" @%#x", v.Offset())
}

func (t *treeWalker) clipStr(s string) string {
	if len(s) > t.opts.MaxString {
		return s[:t.opts.MaxString]
	}
	return s
}

// text prints v (whose label the caller already wrote) and its children.
func (t *treeWalker) text(b *strings.Builder, v Value, parent *Call, depth int) {
	ind := strings.Repeat("  ", depth)
	if v == nil {
		b.WriteString("<missing>\n")
		return
	}
	if id, ok := t.ids[v]; ok {
		fmt.Fprintf(b, "*%d\n", id)
		return
	}
	if t.shared[v] {
		t.nextID++
		t.ids[v] = t.nextID
		fmt.Fprintf(b, "&%d ", t.nextID)
	}
	if depth > t.opts.MaxDepth {
		b.WriteString("...\n")
		return
	}
	switch n := v.(type) {
	case *Str:
		s := n.Value
		if t.opts.Redact != nil {
			if r, ok := t.opts.Redact(n, parent); ok {
				fmt.Fprintf(b, "str %s%s\n", r, t.at(v))
				return
			}
		}
		more := ""
		if len(s) > t.opts.MaxString {
			more = fmt.Sprintf(" ... (%d bytes)", len(s))
		}
		fmt.Fprintf(b, "str %s%s%s\n", pyrepr.Str(t.clipStr(s)), more, t.at(v))
	case *Bytes:
		more := ""
		if len(n.Value) > t.opts.MaxString {
			more = fmt.Sprintf(" ... (%d bytes)", len(n.Value))
		}
		fmt.Fprintf(b, "bytes %s%s%s\n", pyrepr.Bytes([]byte(t.clipStr(string(n.Value)))), more, t.at(v))
	case *Tuple, *List, *Set, *FrozenSet:
		var items []Value
		name := ""
		switch n := n.(type) {
		case *Tuple:
			name, items = "tuple", n.Items
		case *List:
			name, items = "list", n.Items
		case *Set:
			name, items = "set", n.Items
		case *FrozenSet:
			name, items = "frozenset", n.Items
		}
		fmt.Fprintf(b, "%s len=%d%s\n", name, len(items), t.at(v))
		itemParent := argsParent(v, parent)
		for i, it := range items {
			fmt.Fprintf(b, "%s[%d]: ", ind, i)
			t.text(b, it, itemParent, depth+1)
		}
	case *Dict:
		fmt.Fprintf(b, "dict len=%d%s\n", len(n.Entries), t.at(v))
		for _, e := range n.Entries {
			if k, ok := e.Key.(*Str); ok {
				fmt.Fprintf(b, "%s%s: ", ind, pyrepr.Str(t.clipStr(k.Value)))
			} else {
				b.WriteString(ind + "key: ")
				t.text(b, e.Key, nil, depth+1)
				b.WriteString(ind + "value: ")
			}
			t.text(b, e.Value, nil, depth+1)
		}
	case *Call:
		label, names := "", []string(nil)
		if t.opts.Annotate != nil {
			label, names = t.opts.Annotate(n)
		}
		head := n.Kind.String()
		if g, ok := n.Callable.(*Global); ok {
			head += " " + g.Module + "." + g.Name
		}
		if label != "" {
			head += " (" + label + ")"
		}
		fmt.Fprintf(b, "%s%s\n", head, t.at(v))
		if _, ok := n.Callable.(*Global); !ok || t.shared[n.Callable] {
			b.WriteString(ind + "callable: ")
			t.text(b, n.Callable, nil, depth+1)
		}
		if args, ok := n.Args.(*Tuple); ok && !t.shared[args] {
			for i, it := range args.Items {
				if i < len(names) {
					fmt.Fprintf(b, "%s%s: ", ind, names[i])
				} else {
					fmt.Fprintf(b, "%sarg[%d]: ", ind, i)
				}
				t.text(b, it, n, depth+1)
			}
		} else {
			b.WriteString(ind + "args: ")
			t.text(b, n.Args, n, depth+1)
		}
		if n.Kwargs != nil {
			b.WriteString(ind + "kwargs: ")
			t.text(b, n.Kwargs, nil, depth+1)
		}
	case *Build:
		fmt.Fprintf(b, "BUILD%s\n", t.at(v))
		b.WriteString(ind + "object: ")
		t.text(b, n.Object, nil, depth+1)
		b.WriteString(ind + "state: ")
		t.text(b, n.State, nil, depth+1)
	case *Update:
		fmt.Fprintf(b, "%s len=%d%s\n", n.Kind, len(n.Items), t.at(v))
		b.WriteString(ind + "object: ")
		t.text(b, n.Object, nil, depth+1)
		for i, it := range n.Items {
			fmt.Fprintf(b, "%s[%d]: ", ind, i)
			t.text(b, it, nil, depth+1)
		}
	case *PersistentID:
		fmt.Fprintf(b, "persistent id%s\n", t.at(v))
		b.WriteString(ind + "id: ")
		t.text(b, n.ID, nil, depth+1)
	case *Global:
		fmt.Fprintf(b, "global %s.%s%s\n", n.Module, n.Name, t.at(v))
	case *None, *Bool, *Int, *BigInt, *Float:
		fmt.Fprintf(b, "%s%s\n", Repr(v), t.at(v))
	default:
		fmt.Fprintf(b, "%s %s%s\n", typeName(v), Repr(v), t.at(v))
	}
}

// TreeJSON returns the graph as a JSON document:
//
//	{"protocol": 5, "root": NODE, "popped": [NODE...], "leftover": [NODE...], "trailing": 0}
//
// Each NODE is an object with a "type" ("none", "bool", "int", "float",
// "str", "bytes", "bytearray", "tuple", "list", "dict", "set", "frozenset",
// "global", "call", "build", "update", "persistent_id", "buffer", or "ref")
// and, unless NoOffsets, the "offset". A node reached more than once
// carries an "id" where it first appears and is a {"type": "ref", "ref":
// id} afterwards; ids count from 1 in document order, so the output is the
// same for the same pickle.
func TreeJSON(g *Graph, opts TreeOptions) ([]byte, error) {
	t := newTreeWalker(g, opts)
	doc := map[string]any{
		"protocol": g.Protocol,
		"root":     t.json(g.Root, nil, 0),
		"trailing": len(g.Trailing),
	}
	popped := make([]any, 0, len(g.Popped))
	for _, v := range g.Popped {
		popped = append(popped, t.json(v, nil, 0))
	}
	doc["popped"] = popped
	left := make([]any, 0, len(g.Leftover))
	for _, v := range g.Leftover {
		left = append(left, t.json(v, nil, 0))
	}
	doc["leftover"] = left
	return marshalJSON(doc)
}

// marshalJSON encodes v indented, without escaping <, > and &.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (t *treeWalker) json(v Value, parent *Call, depth int) any {
	if v == nil {
		return nil
	}
	if id, ok := t.ids[v]; ok {
		return map[string]any{"type": "ref", "ref": id}
	}
	m := map[string]any{}
	if !t.opts.NoOffsets {
		m["offset"] = v.Offset()
	}
	if t.shared[v] {
		t.nextID++
		t.ids[v] = t.nextID
		m["id"] = t.nextID
	}
	if depth > t.opts.MaxDepth {
		m["type"] = "truncated"
		return m
	}
	itemParent := argsParent(v, parent)
	list := func(items []Value) []any {
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = t.json(it, itemParent, depth+1)
		}
		return out
	}
	switch n := v.(type) {
	case *None:
		m["type"] = "none"
	case *Bool:
		m["type"], m["value"] = "bool", n.Value
	case *Int:
		m["type"], m["value"] = "int", n.Value
	case *BigInt:
		m["type"], m["value"] = "int", json.Number(n.Value.String())
	case *Float:
		m["type"] = "float"
		if math.IsInf(n.Value, 0) || math.IsNaN(n.Value) {
			m["value"] = pyrepr.Float(n.Value)
		} else {
			m["value"] = json.Number(strconv.FormatFloat(n.Value, 'g', -1, 64))
		}
	case *Str:
		m["type"], m["value"] = "str", n.Value
		if t.opts.Redact != nil {
			if r, ok := t.opts.Redact(n, parent); ok {
				m["value"] = r
			}
		}
		if invalidUTF8([]byte(n.Value)) < 0 && !strings.ContainsRune(n.Value, 0xFFFD) {
			break
		}
		m["repr"] = pyrepr.Str(n.Value)
	case *Bytes:
		m["type"], m["hex"] = "bytes", hex.EncodeToString(n.Value)
	case *ByteArray:
		m["type"], m["hex"] = "bytearray", hex.EncodeToString(n.Value)
	case *Buffer:
		m["type"], m["index"], m["readonly"] = "buffer", n.Index, n.ReadOnly
	case *Tuple:
		m["type"], m["items"] = "tuple", list(n.Items)
	case *List:
		m["type"], m["items"] = "list", list(n.Items)
	case *Set:
		m["type"], m["items"] = "set", list(n.Items)
	case *FrozenSet:
		m["type"], m["items"] = "frozenset", list(n.Items)
	case *Dict:
		entries := make([]any, len(n.Entries))
		for i, e := range n.Entries {
			entries[i] = []any{t.json(e.Key, nil, depth+1), t.json(e.Value, nil, depth+1)}
		}
		m["type"], m["entries"] = "dict", entries
	case *Global:
		m["type"], m["module"], m["name"] = "global", n.Module, n.Name
		if n.Ext != 0 {
			m["ext"] = n.Ext
		}
	case *Call:
		m["type"], m["kind"] = "call", n.Kind.String()
		if t.opts.Annotate != nil {
			if label, names := t.opts.Annotate(n); label != "" {
				m["label"] = label
				if len(names) > 0 {
					m["arg_names"] = names
				}
			}
		}
		m["callable"] = t.json(n.Callable, nil, depth+1)
		m["args"] = t.json(n.Args, n, depth+1)
		if n.Kwargs != nil {
			m["kwargs"] = t.json(n.Kwargs, nil, depth+1)
		}
	case *Build:
		m["type"] = "build"
		m["object"] = t.json(n.Object, nil, depth+1)
		m["state"] = t.json(n.State, nil, depth+1)
	case *Update:
		m["type"], m["kind"] = "update", n.Kind.String()
		m["object"] = t.json(n.Object, nil, depth+1)
		m["items"] = list(n.Items)
	case *PersistentID:
		m["type"], m["id_value"] = "persistent_id", t.json(n.ID, nil, depth+1)
	}
	return m
}

// argsParent returns parent when v is its argument tuple, so the tuple's
// items are known to be the call's arguments, else nil.
func argsParent(v Value, parent *Call) *Call {
	if parent != nil && parent.Args == v {
		return parent
	}
	return nil
}
