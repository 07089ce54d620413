// Package operator implements CPython's operator module for pyexec.
package operatormod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("operator", newModule) }

type fn = pyexec.BuiltinFunc

func binop(name string, op int) fn {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 2, 2); err != nil {
			return nil, err
		}
		return pyexec.BinaryOp(t, op, args[0], args[1])
	}
}

func cmpop(name string, op int) fn {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 2, 2); err != nil {
			return nil, err
		}
		r, err := pyexec.Compare(t, op, args[0], args[1])
		return py.NewBool(r), err
	}
}

func unop(name string, op byte) fn {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		return pyexec.UnaryOp(t, op, args[0])
	}
}

func builtin(t *pyexec.Thread, name string) py.Object {
	v, _ := pyexec.BuiltinsFor(t.Version()).GetStr(t, name)
	return v
}

func viaBuiltin(name, bname string, n int) fn {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, n, n); err != nil {
			return nil, err
		}
		return pyexec.Call(t, builtin(t, bname), args, nil)
	}
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "operator")
	fns := map[string]fn{
		"lt": cmpop("lt", pyexec.CmpLT), "le": cmpop("le", pyexec.CmpLE), "eq": cmpop("eq", pyexec.CmpEQ),
		"ne": cmpop("ne", pyexec.CmpNE), "gt": cmpop("gt", pyexec.CmpGT), "ge": cmpop("ge", pyexec.CmpGE),
		"neg": unop("neg", '-'), "pos": unop("pos", '+'), "invert": unop("invert", '~'), "inv": unop("inv", '~'),
		"abs": viaBuiltin("abs", "abs", 1), "index": index,
		"not_": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("not_", args, kw, 1, 1); err != nil {
				return nil, err
			}
			b, err := pyexec.Truth(t, args[0])
			return py.NewBool(!b), err
		},
		"truth": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("truth", args, kw, 1, 1); err != nil {
				return nil, err
			}
			b, err := pyexec.Truth(t, args[0])
			return py.NewBool(b), err
		},
		"is_": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("is_", args, kw, 2, 2); err != nil {
				return nil, err
			}
			return py.NewBool(pyexec.Identical(args[0], args[1])), nil
		},
		"is_not": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("is_not", args, kw, 2, 2); err != nil {
				return nil, err
			}
			return py.NewBool(!pyexec.Identical(args[0], args[1])), nil
		},
		"contains": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("contains", args, kw, 2, 2); err != nil {
				return nil, err
			}
			b, err := pyexec.Contains(t, args[0], args[1])
			return py.NewBool(b), err
		},
		"getitem": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("getitem", args, kw, 2, 2); err != nil {
				return nil, err
			}
			return pyexec.GetItem(t, args[0], args[1])
		},
		"setitem": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("setitem", args, kw, 3, 3); err != nil {
				return nil, err
			}
			return py.None, pyexec.SetItem(t, args[0], args[1], args[2])
		},
		"delitem": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("delitem", args, kw, 2, 2); err != nil {
				return nil, err
			}
			return py.None, pyexec.DelItem(t, args[0], args[1])
		},
		"concat": concat, "countOf": countOf, "indexOf": indexOf, "length_hint": lengthHint,
	}
	ops := []struct {
		name string
		op   int
	}{{"add", pyexec.OpAdd}, {"and_", pyexec.OpAnd}, {"floordiv", pyexec.OpFloorDiv}, {"lshift", pyexec.OpLShift},
		{"matmul", pyexec.OpMatMul}, {"mod", pyexec.OpMod}, {"mul", pyexec.OpMul}, {"or_", pyexec.OpOr},
		{"pow", pyexec.OpPow}, {"rshift", pyexec.OpRShift}, {"sub", pyexec.OpSub}, {"truediv", pyexec.OpTrueDiv},
		{"xor", pyexec.OpXor}}
	for _, o := range ops {
		fns[o.name] = binop(o.name, o.op)
		in := "i" + strings.TrimSuffix(o.name, "_")
		fns[in] = binop(in, o.op+pyexec.OpInplace)
	}
	if t.Version().Minor >= 11 {
		fns["call"] = func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)-len(kw) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "call() missing 1 required positional argument: 'obj'")
			}
			return pyexec.CallKw(t, args[0], args[1:], kw)
		}
	}
	m.AddFuncs(t, fns)
	m.Set(t, "itemgetter", ItemGetterType)
	m.Set(t, "attrgetter", AttrGetterType)
	m.Set(t, "methodcaller", MethodCallerType)
	return m, nil
}

func index(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("index", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if !pyexec.IsInt(args[0]) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
	}
	return pyexec.IntFromBig(pyexec.BigOf(args[0])), nil
}

func isSeq(o py.Object) bool {
	switch o.(type) {
	case py.String, py.Tuple, *py.List, py.Bytes:
		return true
	}
	return false
}

func concat(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("concat", args, kw, 2, 2); err != nil {
		return nil, err
	}
	if !isSeq(args[0]) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object can't be concatenated", pyexec.TypeName(args[0]))
	}
	return pyexec.BinaryOp(t, pyexec.OpAdd, args[0], args[1])
}

func countOf(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("countOf", args, kw, 2, 2); err != nil {
		return nil, err
	}
	items, err := pyexec.Collect(t, args[0])
	if err != nil {
		return nil, err
	}
	n := 0
	for _, it := range items {
		if pyexec.Identical(it, args[1]) {
			n++
			continue
		}
		eq, err := pyexec.Equal(t, it, args[1])
		if err != nil {
			return nil, err
		}
		if eq {
			n++
		}
	}
	return pyexec.MakeInt(int64(n)), nil
}

func indexOf(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("indexOf", args, kw, 2, 2); err != nil {
		return nil, err
	}
	items, err := pyexec.Collect(t, args[0])
	if err != nil {
		return nil, err
	}
	for i, it := range items {
		eq := pyexec.Identical(it, args[1])
		if !eq {
			if eq, err = pyexec.Equal(t, it, args[1]); err != nil {
				return nil, err
			}
		}
		if eq {
			return pyexec.MakeInt(int64(i)), nil
		}
	}
	return nil, pyexec.Errorf(pyexec.ValueErrorType, "sequence.index(x): x not in sequence")
}

func lengthHint(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("length_hint", args, kw, 1, 2); err != nil {
		return nil, err
	}
	if n, err := pyexec.Len(t, args[0]); err == nil {
		return pyexec.MakeInt(int64(n)), nil
	}
	var def py.Object = pyexec.MakeInt(0)
	if len(args) == 2 {
		def = args[1]
	}
	// Then __length_hint__ (list, tuple, str, range iterators have one);
	// NotImplemented means the default.
	if m, err := pyexec.GetAttr(t, args[0], "__length_hint__"); err == nil {
		r, err := pyexec.Call(t, m, nil, nil)
		if err != nil {
			return nil, err
		}
		if r == pyexec.NotImplemented {
			return def, nil
		}
		if v, ok, err := pyexec.AsIndex(r); !ok || err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(r))
		} else if v < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "__length_hint__() should return >= 0")
		}
		return r, nil
	}
	return def, nil
}

// ItemGetterType is operator.itemgetter.
var ItemGetterType = pyexec.NewNativeType("operator", "itemgetter", nil)

// AttrGetterType is operator.attrgetter.
var AttrGetterType = pyexec.NewNativeType("operator", "attrgetter", nil)

// MethodCallerType is operator.methodcaller.
var MethodCallerType = pyexec.NewNativeType("operator", "methodcaller", nil)

// ItemGetter is an operator.itemgetter object.
type ItemGetter struct{ Items []py.Object }

// Type returns operator.itemgetter.
func (g *ItemGetter) Type() *py.Type { return ItemGetterType }

// Call returns obj[item] or the tuple of obj[item] for each item.
func (g *ItemGetter) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("itemgetter", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if len(g.Items) == 1 {
		return pyexec.GetItem(t, args[0], g.Items[0])
	}
	out := make(py.Tuple, len(g.Items))
	for i, k := range g.Items {
		v, err := pyexec.GetItem(t, args[0], k)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Repr returns operator.itemgetter(...).
func (g *ItemGetter) Repr(t *pyexec.Thread) (string, error) {
	return reprCall(t, "operator.itemgetter", g.Items, nil)
}

func reprCall(t *pyexec.Thread, name string, args []py.Object, kws []pyexec.KV) (string, error) {
	var b strings.Builder
	b.WriteString(name + "(")
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := pyexec.Repr(t, a)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	for i, kv := range kws {
		if i > 0 || len(args) > 0 {
			b.WriteString(", ")
		}
		s, err := pyexec.Repr(t, kv.Value)
		if err != nil {
			return "", err
		}
		b.WriteString(kv.Name + "=" + s)
	}
	b.WriteString(")")
	return b.String(), nil
}

// AttrGetter is an operator.attrgetter object.
type AttrGetter struct{ Names []string }

// Type returns operator.attrgetter.
func (g *AttrGetter) Type() *py.Type { return AttrGetterType }

func getDotted(t *pyexec.Thread, o py.Object, name string) (py.Object, error) {
	for _, part := range strings.Split(name, ".") {
		v, err := pyexec.GetAttr(t, o, part)
		if err != nil {
			return nil, err
		}
		o = v
	}
	return o, nil
}

// Call returns the attribute(s) of obj.
func (g *AttrGetter) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("attrgetter", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if len(g.Names) == 1 {
		return getDotted(t, args[0], g.Names[0])
	}
	out := make(py.Tuple, len(g.Names))
	for i, n := range g.Names {
		v, err := getDotted(t, args[0], n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Repr returns operator.attrgetter(...).
func (g *AttrGetter) Repr(t *pyexec.Thread) (string, error) {
	items := make([]py.Object, len(g.Names))
	for i, n := range g.Names {
		items[i] = py.String(n)
	}
	return reprCall(t, "operator.attrgetter", items, nil)
}

// MethodCaller is an operator.methodcaller object.
type MethodCaller struct {
	Name string
	Args []py.Object
	Kw   []pyexec.KV
}

// Type returns operator.methodcaller.
func (c *MethodCaller) Type() *py.Type { return MethodCallerType }

// Call calls obj.name(*args, **kwargs).
func (c *MethodCaller) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("methodcaller", args, kw, 1, 1); err != nil {
		return nil, err
	}
	m, err := pyexec.GetAttr(t, args[0], c.Name)
	if err != nil {
		return nil, err
	}
	return pyexec.Call(t, m, c.Args, c.Kw)
}

// Repr returns operator.methodcaller(...).
func (c *MethodCaller) Repr(t *pyexec.Thread) (string, error) {
	return reprCall(t, "operator.methodcaller", append([]py.Object{py.String(c.Name)}, c.Args...), c.Kw)
}

func init() {
	pyexec.SetTypeCtor(ItemGetterType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(kw) > 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "itemgetter() takes no keyword arguments")
		}
		if len(args) == 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "itemgetter expected 1 argument, got 0")
		}
		return &ItemGetter{Items: append([]py.Object(nil), args...)}, nil
	})
	pyexec.SetTypeCtor(AttrGetterType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(kw) > 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "attrgetter() takes no keyword arguments")
		}
		if len(args) == 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "attrgetter expected 1 argument, got 0")
		}
		g := &AttrGetter{}
		for _, a := range args {
			s, ok := a.(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "attribute name must be a string")
			}
			g.Names = append(g.Names, string(s))
		}
		return g, nil
	})
	pyexec.SetTypeCtor(MethodCallerType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		npos := len(args) - len(kw)
		if npos < 1 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "methodcaller needs at least one argument, the method name")
		}
		s, ok := args[0].(py.String)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "method name must be a string")
		}
		c := &MethodCaller{Name: string(s), Args: append([]py.Object(nil), args[1:npos]...)}
		for i, k := range kw {
			c.Kw = append(c.Kw, pyexec.KV{Name: string(k.(py.String)), Value: args[npos+i]})
		}
		return c, nil
	})
}
