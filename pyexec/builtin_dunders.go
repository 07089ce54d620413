package pyexec

import (
	"math"
	"strings"

	"github.com/go-python/gpython/py"
)

// Dunder access on values of built-in types: (1).__class__, (1).__add__(2),
// 'a'.__len__(), [].__getitem__(0), and the static and class methods of
// built-in types reached through an instance ('x'.maketrans, (1.5).fromhex).
// The dunders are the slot wrappers of builtinSlots, bound to the value as
// CPython's method-wrapper objects.

// MethodWrapperType is CPython's method-wrapper: a slot wrapper bound to
// an instance ((1).__add__).
var MethodWrapperType = newType("method-wrapper", py.ObjectType)

// MethodWrapper is a built-in dunder bound to a value.
type MethodWrapper struct {
	Self py.Object
	M    *Method
}

// Type returns method-wrapper.
func (w *MethodWrapper) Type() *py.Type { return MethodWrapperType }

// Call calls the dunder on the bound value.
func (w *MethodWrapper) Call(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	return w.M.Fn(t, w.Self, args, kwnames)
}

// Repr is "<method-wrapper '__add__' of int object at 0x…>".
func (w *MethodWrapper) Repr(t *Thread) (string, error) {
	return "<method-wrapper '" + w.M.Name + "' of " + TypeName(w.Self) + " object at " + addr(w.Self) + ">", nil
}

// GetAttr serves __self__, __name__, __qualname__ and __objclass__.
func (w *MethodWrapper) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	switch name {
	case "__self__":
		return w.Self, true, nil
	case "__name__":
		return py.String(w.M.Name), true, nil
	case "__qualname__":
		return py.String(w.M.Owner.Name + "." + w.M.Name), true, nil
	case "__objclass__":
		return w.M.Owner, true, nil
	case "__class__":
		return MethodWrapperType, true, nil
	}
	return nil, false, nil
}

// PyEqual: two method-wrappers are equal when they bind the same dunder to
// the same object.
func (w *MethodWrapper) PyEqual(t *Thread, other py.Object) (bool, bool, error) {
	o, ok := other.(*MethodWrapper)
	if !ok {
		return false, false, nil
	}
	return o.M == w.M && Identical(o.Self, w.Self), true, nil
}

// objectDunders are the dunders every built-in value has (from object).
var objectDunders = dunderSet("__eq__ __ne__ __lt__ __le__ __gt__ __ge__ __hash__ __repr__ __str__ __format__")

// valueDunders lists, per built-in type, the dunders of CPython 3.8's
// dir(type) beyond object's: only these are visible on its values.
var valueDunders = map[*py.Type]map[string]bool{
	py.IntType: dunderSet("__abs__ __add__ __and__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ " +
		"__index__ __int__ __invert__ __lshift__ __mod__ __mul__ __neg__ __or__ __pos__ __pow__ __radd__ __rand__ " +
		"__rdivmod__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ __rshift__ " +
		"__rsub__ __rtruediv__ __rxor__ __sub__ __truediv__ __trunc__ __xor__"),
	py.FloatType: dunderSet("__abs__ __add__ __bool__ __divmod__ __float__ __floordiv__ __int__ __mod__ __mul__ " +
		"__neg__ __pos__ __pow__ __radd__ __rdivmod__ __rfloordiv__ __rmod__ __rmul__ __round__ __rpow__ __rsub__ " +
		"__rtruediv__ __sub__ __truediv__ __trunc__ __floor__ __ceil__"),
	py.StringType: dunderSet("__add__ __contains__ __getitem__ __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__"),
	py.BytesType:  dunderSet("__add__ __contains__ __getitem__ __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__"),
	py.ListType:   dunderSet("__add__ __contains__ __delitem__ __getitem__ __iter__ __len__ __mul__ __rmul__ __setitem__"),
	py.TupleType:  dunderSet("__add__ __contains__ __getitem__ __iter__ __len__ __mul__ __rmul__"),
	DictType:      dunderSet("__contains__ __delitem__ __getitem__ __iter__ __len__ __setitem__"),
	SetType:       dunderSet("__and__ __contains__ __iter__ __len__ __or__ __rand__ __ror__ __rsub__ __rxor__ __sub__ __xor__"),
	FrozenSetType: dunderSet("__and__ __contains__ __iter__ __len__ __or__ __rand__ __ror__ __rsub__ __rxor__ __sub__ __xor__"),
}

func dunderSet(names string) map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}

// classAttrTypes are the built-in types whose values answer __class__.
var classAttrTypes = map[*py.Type]bool{
	py.IntType: true, py.BoolType: true, py.FloatType: true, py.StringType: true, py.BytesType: true,
	py.ListType: true, py.TupleType: true, DictType: true, SetType: true, FrozenSetType: true,
	py.NoneTypeType: true, ComplexType: true, ByteArrayType: true, RangeType: true, SliceType: true,
	NotImplementedType: true, py.EllipsisTypeType: true, MethodWrapperType: true,
}

// builtinValueAttrName reports whether builtinValueAttr may serve name (a
// cheap test on the attribute path).
func builtinValueAttrName(name string) bool {
	return name != "" && name[0] == '_' || name == "maketrans" || name == "fromhex"
}

// builtinValueAttr is getattr(o, name) for the dunders and the static and
// class methods of a value of a built-in type; ok is false when it does
// not apply (the caller goes on with the ordinary lookup).
func builtinValueAttr(t *Thread, o py.Object, name string) (py.Object, bool, error) {
	typ := TypeOf(o)
	if name == "__class__" {
		if classAttrTypes[typ] {
			return typ, true, nil
		}
		return nil, false, nil
	}
	base := typ
	if base == py.BoolType {
		base = py.IntType
	}
	allowed := valueDunders[base]
	if allowed == nil {
		return nil, false, nil
	}
	if strings.HasPrefix(name, "__") {
		if !allowed[name] && !objectDunders[name] {
			return nil, false, nil
		}
		if base == py.FloatType && (name == "__floor__" || name == "__ceil__") && t.minor() < 9 {
			return nil, false, nil
		}
	}
	for _, c := range []*py.Type{typ, base} {
		v := builtinSlots[c][name]
		switch x := v.(type) {
		case *Method:
			return &MethodWrapper{Self: o, M: x}, true, nil
		case *StaticMethod, *ClassMethod:
			r, err := descrGet(t, v, o, typ)
			return r, true, err
		}
	}
	return nil, false, nil
}

func init() {
	// Unary and conversion dunders of int and float (bool inherits int's).
	for _, p := range []*py.Type{py.IntType, py.FloatType} {
		p := p
		zero := func(name string, fn func(t *Thread, x py.Object) (py.Object, error)) {
			if builtinSlots[p][name] != nil {
				return
			}
			addSlot(p, name, method(p, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := slotArgs(kw, args, 0); err != nil {
					return nil, err
				}
				return fn(t, unwrap(self))
			}))
		}
		for name, op := range map[string]byte{"__neg__": '-', "__pos__": '+', "__invert__": '~'} {
			op := op
			if op == '~' && p == py.FloatType {
				continue
			}
			zero(name, func(t *Thread, x py.Object) (py.Object, error) { return UnaryOp(t, op, x) })
		}
		zero("__abs__", func(t *Thread, x py.Object) (py.Object, error) {
			if f, ok := x.(py.Float); ok {
				return py.Float(math.Abs(float64(f))), nil
			}
			if isNeg(x) {
				return UnaryOp(t, '-', x)
			}
			return UnaryOp(t, '+', x)
		})
		zero("__float__", func(t *Thread, x py.Object) (py.Object, error) {
			if f, ok := x.(py.Float); ok {
				return f, nil
			}
			f, err := intToFloat(x)
			return py.Float(f), err
		})
		toInt := func(t *Thread, x py.Object, mode func(float64) float64) (py.Object, error) {
			if f, ok := x.(py.Float); ok {
				return floatToIntObj(t, mode(float64(f)))
			}
			return UnaryOp(t, '+', x)
		}
		zero("__int__", func(t *Thread, x py.Object) (py.Object, error) { return toInt(t, x, math.Trunc) })
		zero("__trunc__", func(t *Thread, x py.Object) (py.Object, error) { return toInt(t, x, math.Trunc) })
		zero("__floor__", func(t *Thread, x py.Object) (py.Object, error) { return toInt(t, x, math.Floor) })
		zero("__ceil__", func(t *Thread, x py.Object) (py.Object, error) { return toInt(t, x, math.Ceil) })
		if p == py.IntType {
			zero("__index__", func(t *Thread, x py.Object) (py.Object, error) { return UnaryOp(t, '+', x) })
		}
		addSlot(p, "__round__", method(p, "__round__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(kw) > 0 || len(args) > 1 {
				return nil, typeErrorf("__round__ expected at most 1 argument, got %d", len(args)+len(kw))
			}
			return builtinFuncs["round"](t, append([]py.Object{unwrap(self)}, args...), nil)
		}))
		for _, name := range []string{"__divmod__", "__rdivmod__"} {
			name := name
			addSlot(p, name, method(p, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := slotArgs(kw, args, 1); err != nil {
					return nil, err
				}
				a, b := unwrap(self), unwrap(args[0])
				if name == "__rdivmod__" {
					a, b = b, a
				}
				if !isNumber(a) || !isNumber(b) || !isInt(a) && !isInt(b) && p == py.IntType {
					return NotImplemented, nil
				}
				return builtinFuncs["divmod"](t, []py.Object{a, b}, nil)
			}))
		}
	}
}

// slotArgs checks a slot wrapper's argument count with CPython's message.
func slotArgs(kw py.Tuple, args []py.Object, n int) error {
	if len(kw) > 0 {
		return typeErrorf("wrapper takes no keyword arguments")
	}
	if len(args) != n {
		s := "s"
		if n == 1 {
			s = ""
		}
		return typeErrorf("expected %d argument%s, got %d", n, s, len(args))
	}
	return nil
}

func isNeg(x py.Object) bool {
	n, b, _ := intValue(x)
	if b != nil {
		return b.Sign() < 0
	}
	return n < 0
}

func isNumber(x py.Object) bool {
	switch x.(type) {
	case py.Int, py.Bool, *py.BigInt, py.Float:
		return true
	}
	return false
}

// floatToIntObj is int(f) for an already rounded f.
func floatToIntObj(t *Thread, f float64) (py.Object, error) {
	return call(t, py.IntType, []py.Object{py.Float(f)}, nil)
}
