package pyexec

import (
	"strings"

	"github.com/go-python/gpython/py"
)

// This file holds the object-model half of the dispatch functions: each
// dispatch function (GetAttr, Repr, BinaryOp, …) calls the matching hook
// below first; the hook handles values whose type is a user class (and the
// object-model helper types) and reports whether it did.

// isUserVal reports whether type(o) is a user class.
func isUserVal(o py.Object) bool {
	switch x := o.(type) {
	case *Instance:
		return classOf(x.cls) != nil
	case *Exception:
		return classOf(x.typ) != nil
	case *py.Type:
		return classOf(x.ObjectType) != nil
	}
	return false
}

// --- attributes ---

func getAttrHook(t *Thread, o py.Object, name string) (py.Object, bool, error) {
	switch x := o.(type) {
	case *Instance:
		if ut := userTypeOf(o); ut != nil {
			v, err := getAttrUser(t, o, ut, name)
			return v, true, err
		}
		v, err := genericGetAttr(t, o, x.cls, name)
		return v, true, err
	case *Exception:
		if ut := userTypeOf(o); ut != nil {
			v, err := getAttrUser(t, o, ut, name)
			return v, true, err
		}
		if x.dict != nil {
			if v, ok := x.dict.GetStr(t, name); ok {
				return v, true, nil
			}
		}
		switch name {
		case "__suppress_context__", "__traceback__", "__dict__", "__class__":
			if name == "__dict__" {
				d, _ := InstanceDict(x)
				return d, true, nil
			}
			if name == "__class__" {
				return x.typ, true, nil
			}
			v, _ := exceptionAttr(x, name)
			return v, true, nil
		}
	case *py.Type:
		if ut := userTypeOf(o); ut != nil {
			v, err := getAttrUser(t, o, ut, name)
			return v, true, err
		}
		if classOf(x) != nil {
			v, err := typeGetAttr(t, x, name)
			return v, true, err
		}
		switch name {
		case "__mro__", "__bases__", "__base__", "__class__":
			v, err := typeGetAttr(t, x, name)
			return v, true, err
		case "__module__":
			if _, ok := x.Dict["__module__"]; !ok {
				return py.String("builtins"), true, nil
			}
		}
		if methodTables[x][name] == nil {
			for _, c := range mroOf(x) {
				if v := builtinSlots[c][name]; v != nil {
					r, err := descrGet(t, v, nil, x)
					return r, true, err
				}
			}
		}
	case *Super:
		v, err := x.getAttr(t, name)
		return v, true, err
	case *Property:
		switch name {
		case "fget", "fset", "fdel":
			v := map[string]py.Object{"fget": x.Get, "fset": x.Set, "fdel": x.Del}[name]
			return orNone(v), true, nil
		case "__doc__":
			return orNone(x.Doc), true, nil
		}
	case *StaticMethod:
		if name == "__func__" || name == "__wrapped__" {
			return x.Func, true, nil
		}
	case *ClassMethod:
		if name == "__func__" || name == "__wrapped__" {
			return x.Func, true, nil
		}
	case *BoundMethod:
		switch name {
		case "__self__":
			return x.Self, true, nil
		case "__func__":
			return x.Func, true, nil
		case "__name__", "__qualname__", "__doc__", "__module__":
			v, err := GetAttr(t, x.Func, name)
			return v, true, err
		}
	default:
		if builtinValueAttrName(name) {
			return builtinValueAttr(t, o, name)
		}
	}
	return nil, false, nil
}

func setAttrHook(t *Thread, o py.Object, name string, v py.Object) (bool, error) {
	switch x := o.(type) {
	case *Instance:
		if ut := userTypeOf(o); ut != nil {
			return true, setAttrUser(t, o, ut, name, v)
		}
		return true, genericSetAttr(t, o, x.cls, name, v)
	case *Exception:
		if ut := userTypeOf(o); ut != nil {
			return true, setAttrUser(t, o, ut, name, v)
		}
		return true, genericSetAttr(t, o, x.typ, name, v)
	case *py.Type:
		if ut := userTypeOf(o); ut != nil {
			return true, setAttrUser(t, o, ut, name, v)
		}
		if classOf(x) != nil {
			return true, typeSetAttr(t, x, name, v)
		}
	}
	return false, nil
}

// --- repr / str / format / hash ---

func reprHook(t *Thread, o py.Object) (string, bool, error) {
	switch x := o.(type) {
	case *notImplemented:
		return "NotImplemented", true, nil
	case py.EllipsisType:
		return "Ellipsis", true, nil
	case *Super:
		return superRepr(x), true, nil
	case *Property, *StaticMethod, *ClassMethod, *SlotMember:
		if m, ok := o.(*SlotMember); ok {
			return "<member '" + m.Name + "' of '" + m.Owner.Name + "' objects>", true, nil
		}
		return "<" + TypeName(o) + " object at " + addr(o) + ">", true, nil
	case *py.Type:
		if ut := userTypeOf(o); ut != nil {
			if f := lookupUser(ut, "__repr__"); f != nil {
				s, err := reprCall(t, f, o)
				return s, true, err
			}
		}
		if classOf(x) != nil {
			return "<class '" + qualifiedName(x) + "'>", true, nil
		}
	case *BoundMethod:
		if _, ok := x.Func.(*Method); !ok {
			s, err := Repr(t, x.Self)
			if err != nil {
				return "", true, err
			}
			name := "?"
			if n, err := GetAttr(t, x.Func, "__qualname__"); err == nil {
				if ns, ok := n.(py.String); ok {
					name = string(ns)
				}
			}
			return "<bound method " + name + " of " + s + ">", true, nil
		}
	case *Instance:
		if ut := userTypeOf(o); ut != nil {
			if f := lookupUser(ut, "__repr__"); f != nil {
				s, err := reprCall(t, f, o)
				return s, true, err
			}
		}
		if x.value != nil {
			s, err := Repr(t, x.value)
			return s, true, err
		}
		return defaultRepr(x), true, nil
	case *Exception:
		if ut := userTypeOf(o); ut != nil {
			if f := lookupUser(ut, "__repr__"); f != nil {
				s, err := reprCall(t, f, o)
				return s, true, err
			}
		}
	}
	return "", false, nil
}

// defaultRepr is object.__repr__ (with a fake address, see fakeAddr).
func defaultRepr(in *Instance) string {
	return "<" + qualifiedName(in.cls) + " object at 0x" + strings.TrimLeft(hex64(in.addr()), "0") + ">"
}

func hex64(v uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b[:])
}

// qualifiedName is module.qualname, without the module for builtins.
func qualifiedName(typ *py.Type) string {
	if classOf(typ) == nil {
		return typeQualName(typ)
	}
	m := typeModule(typ)
	if m == "builtins" {
		return typeQual(typ)
	}
	return m + "." + typeQual(typ)
}

func reprCall(t *Thread, f, o py.Object) (string, error) {
	r, err := callDescr(t, f, o)
	if err != nil {
		return "", err
	}
	if s, ok := unwrap(r).(py.String); ok {
		return string(s), nil
	}
	return "", typeErrorf("__repr__ returned non-string (type %s)", TypeName(r))
}

func strHook(t *Thread, o py.Object) (string, bool, error) {
	ut := userTypeOf(o)
	if ut == nil {
		return "", false, nil
	}
	if f := lookupUser(ut, "__str__"); f != nil {
		r, err := callDescr(t, f, o)
		if err != nil {
			return "", true, err
		}
		if s, ok := unwrap(r).(py.String); ok {
			return string(s), true, nil
		}
		return "", true, typeErrorf("__str__ returned non-string (type %s)", TypeName(r))
	}
	switch x := o.(type) {
	case *Exception:
		s, err := x.message(t)
		return s, true, err
	case *Instance:
		if s, ok := x.value.(py.String); ok {
			return string(s), true, nil
		}
		if s, ok, err := payloadStr(t, x); ok {
			return s, true, err
		}
	}
	s, err := Repr(t, o)
	return s, true, err
}

func formatHook(t *Thread, o py.Object, spec string) (string, bool, error) {
	ut := userTypeOf(o)
	if ut == nil {
		return "", false, nil
	}
	if f := lookupUser(ut, "__format__"); f != nil {
		r, err := callDescr(t, f, o, py.String(spec))
		if err != nil {
			return "", true, err
		}
		if s, ok := unwrap(r).(py.String); ok {
			return string(s), true, nil
		}
		return "", true, typeErrorf("__format__ must return a str, not %s", TypeName(r))
	}
	if in, ok := o.(*Instance); ok && in.value != nil && lookupUser(ut, "__str__") == nil && lookupUser(ut, "__repr__") == nil {
		s, err := Format(t, in.value, spec)
		return s, true, err
	}
	if spec != "" {
		return "", true, typeErrorf("unsupported format string passed to %s.__format__", ut.Name)
	}
	s, err := Str(t, o)
	return s, true, err
}

func hashHook(t *Thread, o py.Object) (int64, bool, error) {
	ut := userTypeOf(o)
	if ut == nil {
		if in, ok := o.(*Instance); ok {
			return int64(in.addr() >> 4), true, nil
		}
		return 0, false, nil
	}
	f := lookupUser(ut, "__hash__")
	if f == nil {
		switch x := o.(type) {
		case *Instance:
			if x.value != nil {
				h, err := Hash(t, x.value)
				return h, true, err
			}
			return int64(x.addr() >> 4), true, nil
		}
		return 0, false, nil
	}
	if isNone(f) {
		return 0, true, typeErrorf("unhashable type: '%s'", ut.Name)
	}
	r, err := callDescr(t, f, o)
	if err != nil {
		return 0, true, err
	}
	r = unwrap(r)
	if !isInt(r) {
		return 0, true, typeErrorf("__hash__ method should return an integer")
	}
	// CPython keeps a result that fits a Py_hash_t (so that returning
	// hash(y) makes hash(x) == hash(y)) and hashes larger ints.
	if v, ok, err := asIndex(r); ok && err == nil {
		if v == -1 {
			v = -2
		}
		return v, true, nil
	}
	h, err := Hash(t, r)
	return h, true, err
}

// --- comparisons ---

var cmpNames = [...]string{"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"}
var cmpSwapped = [...]int{CmpGT, CmpGE, CmpEQ, CmpNE, CmpLT, CmpLE}

// RichCompare applies comparison op (CmpLT … CmpGE) and returns its result,
// which is any object when a user class's dunder computes it.
func RichCompare(t *Thread, op int, a, b py.Object) (py.Object, error) {
	if !isUserVal(a) && !isUserVal(b) {
		r, err := Compare(t, op, a, b)
		if err != nil {
			return nil, err
		}
		return py.NewBool(r), nil
	}
	return richUser(t, op, a, b)
}

func richUser(t *Thread, op int, a, b py.Object) (py.Object, error) {
	ta, tb := TypeOf(a), TypeOf(b)
	checkedReverse := false
	if ta != tb && IsSubtype(tb, ta) && isUserVal(b) {
		checkedReverse = true
		r, err := cmpSlot(t, b, cmpSwapped[op], a)
		if err != nil || !isNotImpl(r) {
			return r, err
		}
	}
	r, err := cmpSlot(t, a, op, b)
	if err != nil || !isNotImpl(r) {
		return r, err
	}
	if !checkedReverse {
		r, err := cmpSlot(t, b, cmpSwapped[op], a)
		if err != nil || !isNotImpl(r) {
			return r, err
		}
	}
	switch op {
	case CmpEQ:
		return py.NewBool(Identical(a, b)), nil
	case CmpNE:
		return py.NewBool(!Identical(a, b)), nil
	}
	return nil, typeErrorf("'%s' not supported between instances of '%s' and '%s'", cmpSymbols[op], TypeName(a), TypeName(b))
}

// cmpSlot is x's rich comparison slot for op: the user dunder, the built-in
// comparison of payloads, or object's defaults.
func cmpSlot(t *Thread, x py.Object, op int, y py.Object) (py.Object, error) {
	if ut := userTypeOf(x); ut != nil {
		if f := lookupUser(ut, cmpNames[op]); f != nil {
			if isNone(f) {
				return nil, typeErrorf("'NoneType' object is not callable")
			}
			return callDescr(t, f, x, y)
		}
		if in, ok := x.(*Instance); ok && in.value != nil {
			return builtinCompare(t, op, in.value, y)
		}
		switch op {
		case CmpEQ:
			if Identical(x, y) {
				return py.True, nil
			}
			return NotImplemented, nil
		case CmpNE:
			r, err := cmpSlot(t, x, CmpEQ, y)
			if err != nil || isNotImpl(r) {
				return r, err
			}
			b, err := Truth(t, r)
			return py.NewBool(!b), err
		}
		return NotImplemented, nil
	}
	return builtinCompare(t, op, x, y)
}

func builtinCompare(t *Thread, op int, x, y py.Object) (py.Object, error) {
	if !isUserVal(x) {
		// Native values that compare with user values (Decimal with Fraction).
		if o, ok := x.(Orderer); ok && op != CmpEQ && op != CmpNE {
			if r, ok, err := o.PyCompare(t, op, y); ok || err != nil {
				return py.NewBool(r), err
			}
		} else if e, ok := x.(Equaler); ok && (op == CmpEQ || op == CmpNE) {
			if eq, ok, err := e.PyEqual(t, y); ok || err != nil {
				return py.NewBool(eq == (op == CmpEQ)), err
			}
		}
	}
	y = unwrap(y)
	if isUserVal(y) || isUserVal(x) {
		return NotImplemented, nil
	}
	if _, ok := y.(*Instance); ok {
		return NotImplemented, nil
	}
	if _, ok := x.(*Instance); ok {
		return NotImplemented, nil
	}
	if isNumericSelf(x) && !numericOperand(x, y) || !sameCompareFamily(x, y) {
		return NotImplemented, nil // (1).__eq__('a'), (1).__ge__(1.0), 'a'.__eq__(1)
	}
	if op == CmpEQ || op == CmpNE {
		eq, err := Equal(t, x, y)
		if err != nil {
			return nil, err
		}
		return py.NewBool(eq == (op == CmpEQ)), nil
	}
	r, err := Compare(t, op, x, y)
	if err != nil {
		if e, ok := err.(*Exception); ok && e.typ == TypeErrorType && strings.Contains(e.Message(), "not supported between instances") {
			return NotImplemented, nil
		}
		return nil, err
	}
	return py.NewBool(r), nil
}

func equalHook(t *Thread, a, b py.Object) (bool, bool, error) {
	if !isUserVal(a) && !isUserVal(b) {
		switch x := a.(type) {
		case *Instance:
			return Identical(a, b), true, nil
		case *BoundMethod:
			y, ok := b.(*BoundMethod)
			return ok && Identical(x.Self, y.Self) && Identical(x.Func, y.Func), true, nil
		}
		return false, false, nil
	}
	r, err := richUser(t, CmpEQ, a, b)
	if err != nil {
		return false, true, err
	}
	v, err := Truth(t, r)
	return v, true, err
}

func compareHook(t *Thread, op int, a, b py.Object) (bool, bool, error) {
	if !isUserVal(a) && !isUserVal(b) {
		return false, false, nil
	}
	r, err := richUser(t, op, a, b)
	if err != nil {
		return false, true, err
	}
	v, err := Truth(t, r)
	return v, true, err
}

// --- arithmetic ---

var binaryNames = [...]string{"add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"}

func binaryHook(t *Thread, op int, a, b py.Object) (py.Object, bool, error) {
	if !isUserVal(a) && !isUserVal(b) {
		_, ia := a.(*Instance)
		_, ib := b.(*Instance)
		if !ia && !ib {
			return nil, false, nil
		}
	}
	inplace := op >= opInplace
	base := op
	if inplace {
		base -= opInplace
	}
	if inplace {
		r, found, err := callDunder(t, a, "__i"+binaryNames[base]+"__", b)
		if err != nil {
			return nil, true, err
		}
		if found && !isNotImpl(r) {
			return r, true, nil
		}
	}
	r, err := binaryOp1(t, base, a, b, inplace)
	if err != nil {
		return nil, true, err
	}
	if isNotImpl(r) {
		sym := opSymbols[base]
		if inplace {
			sym = strings.TrimSuffix(sym, " or pow()") + "="
		}
		return nil, true, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", sym, TypeName(a), TypeName(b))
	}
	return r, true, nil
}

func binaryOp1(t *Thread, base int, a, b py.Object, inplace bool) (py.Object, error) {
	ta, tb := TypeOf(a), TypeOf(b)
	lname, rname := "__"+binaryNames[base]+"__", "__r"+binaryNames[base]+"__"
	var fa, fb py.Object
	if classOf(ta) != nil {
		fa = lookupUser(ta, lname)
	}
	if ta != tb && classOf(tb) != nil {
		fb = lookupUser(tb, rname)
	}
	tried := false
	builtin := func() (py.Object, error) {
		if tried {
			return NotImplemented, nil
		}
		tried = true
		ua, ub := unwrap(a), unwrap(b)
		if s, ok := ua.(py.String); ok && base == opMod {
			return percentObject(t, s, b)
		}
		if _, ok := ua.(*Instance); ok {
			return NotImplemented, nil
		}
		if _, ok := ub.(*Instance); ok {
			return NotImplemented, nil
		}
		if isUserVal(ua) || isUserVal(ub) {
			return NotImplemented, nil
		}
		op := base
		if inplace {
			op += opInplace
		}
		r, err := BinaryOp(t, op, ua, ub)
		if err != nil {
			if e, ok := err.(*Exception); ok && e.typ == TypeErrorType && strings.HasPrefix(e.Message(), "unsupported operand type") {
				return NotImplemented, nil
			}
			return nil, err
		}
		if inplace && Identical(r, ua) {
			return a, nil
		}
		return r, nil
	}
	call1 := func(f, self, other py.Object) (py.Object, error) {
		if isNone(f) {
			return nil, typeErrorf("'NoneType' object is not callable")
		}
		return callDescr(t, f, self, other)
	}
	if fb != nil && IsSubtype(tb, ta) && fb != lookupUser(ta, rname) {
		r, err := call1(fb, b, a)
		if err != nil || !isNotImpl(r) {
			return r, err
		}
		fb = nil
	}
	if fa != nil {
		r, err := call1(fa, a, b)
		if err != nil || !isNotImpl(r) {
			return r, err
		}
	} else if r, err := builtin(); err != nil || !isNotImpl(r) {
		return r, err
	}
	if fb != nil {
		return call1(fb, b, a)
	}
	return builtin()
}

var unaryNames = map[byte]string{'-': "__neg__", '+': "__pos__", '~': "__invert__"}

func unaryHook(t *Thread, op byte, a py.Object) (py.Object, bool, error) {
	if op == '!' {
		return nil, false, nil
	}
	ut := userTypeOf(a)
	if ut == nil {
		if _, ok := a.(*Instance); !ok {
			return nil, false, nil
		}
	}
	r, found, err := callDunder(t, a, unaryNames[op])
	if found || err != nil {
		return r, true, err
	}
	if in, ok := a.(*Instance); ok && in.value != nil {
		r, err := UnaryOp(t, op, in.value)
		return r, true, err
	}
	return nil, true, typeErrorf("bad operand type for unary %c: '%s'", op, TypeName(a))
}

// --- truth, len, items, iteration, calls ---

func truthHook(t *Thread, o py.Object) (bool, bool, error) {
	if userTypeOf(o) == nil {
		return false, false, nil
	}
	r, found, err := callDunder(t, o, "__bool__")
	if err != nil {
		return false, true, err
	}
	if found {
		b, ok := r.(py.Bool)
		if !ok {
			return false, true, typeErrorf("__bool__ should return bool, returned %s", TypeName(r))
		}
		return bool(b), true, nil
	}
	if lookupUser(userTypeOf(o), "__len__") != nil {
		n, err := Len(t, o)
		return n != 0, true, err
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		b, err := Truth(t, in.value)
		return b, true, err
	}
	return true, true, nil
}

func lenHook(t *Thread, o py.Object) (int, bool, error) {
	if userTypeOf(o) == nil {
		return 0, false, nil
	}
	r, found, err := callDunder(t, o, "__len__")
	if err != nil {
		return 0, true, err
	}
	if found {
		r = unwrap(r)
		if !isInt(r) {
			return 0, true, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(r))
		}
		n, ok, err := asIndex(r)
		if !ok || err != nil {
			if bigOf(r).Sign() < 0 {
				return 0, true, valueErrorf("__len__() should return >= 0")
			}
			return 0, true, Errorf(OverflowErrorType, "cannot fit 'int' into an index-sized integer")
		}
		if n < 0 {
			return 0, true, valueErrorf("__len__() should return >= 0")
		}
		return int(n), true, nil
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		n, err := Len(t, in.value)
		return n, true, err
	}
	return 0, true, typeErrorf("object of type '%s' has no len()", TypeName(o))
}

func getItemHook(t *Thread, o, key py.Object) (py.Object, bool, error) {
	if cls, ok := o.(*py.Type); ok && classOf(cls) != nil && !isUserVal(o) {
		if f := lookupType(cls, "__class_getitem__"); f != nil {
			m, err := descrGet(t, f, nil, cls)
			if err != nil {
				return nil, true, err
			}
			r, err := call(t, m, []py.Object{key}, nil)
			return r, true, err
		}
		return nil, true, typeErrorf("type '%s' is not subscriptable", cls.Name)
	}
	if userTypeOf(o) == nil {
		return nil, false, nil
	}
	r, found, err := callDunder(t, o, "__getitem__", key)
	if found || err != nil {
		return r, true, err
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		if d, ok := in.value.(*Dict); ok {
			v, found, err := d.Get(t, key)
			if err != nil {
				return nil, true, err
			}
			if !found {
				if r, found, err := callDunder(t, o, "__missing__", key); found || err != nil {
					return r, true, err
				}
				return nil, true, NewException(KeyErrorType, key)
			}
			return v, true, nil
		}
		r, err := GetItem(t, in.value, key)
		return r, true, err
	}
	return nil, true, typeErrorf("'%s' object is not subscriptable", TypeName(o))
}

func setItemHook(t *Thread, o, key, v py.Object) (bool, error) {
	if userTypeOf(o) == nil {
		return false, nil
	}
	name := "__setitem__"
	args := []py.Object{key, v}
	if v == nil {
		name, args = "__delitem__", args[:1]
	}
	_, found, err := callDunder(t, o, name, args...)
	if found || err != nil {
		return true, err
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		if v == nil {
			return true, DelItem(t, in.value, key)
		}
		return true, SetItem(t, in.value, key, v)
	}
	if v == nil {
		return true, typeErrorf("'%s' object doesn't support item deletion", TypeName(o))
	}
	return true, typeErrorf("'%s' object does not support item assignment", TypeName(o))
}

func containsHook(t *Thread, container, item py.Object) (bool, bool, error) {
	if userTypeOf(container) == nil {
		return false, false, nil
	}
	r, found, err := callDunder(t, container, "__contains__", item)
	if err != nil {
		return false, true, err
	}
	if found {
		b, err := Truth(t, r)
		return b, true, err
	}
	if in, ok := container.(*Instance); ok && in.value != nil && lookupUser(in.cls, "__iter__") == nil {
		b, err := Contains(t, in.value, item)
		return b, true, err
	}
	return false, false, nil
}

// seqIter iterates an object through __getitem__(0), __getitem__(1), … .
type seqIter struct {
	o    py.Object
	i    int64
	done bool
}

func (it *seqIter) Type() *py.Type { return IteratorType }
func (it *seqIter) Next(t *Thread) (py.Object, error) {
	if it.done {
		return nil, nil
	}
	v, err := GetItem(t, it.o, MakeInt(it.i))
	if err != nil {
		if e, ok := err.(*Exception); ok && (IsSubtype(e.typ, IndexErrorType) || IsSubtype(e.typ, StopIterationType)) {
			it.done = true
			return nil, nil
		}
		return nil, err
	}
	it.i++
	return v, nil
}

func iterHook(t *Thread, o py.Object) (Iterator, bool, error) {
	ut := userTypeOf(o)
	if ut == nil {
		if _, ok := o.(*Instance); ok {
			return nil, true, typeErrorf("'%s' object is not iterable", TypeName(o))
		}
		return nil, false, nil
	}
	if f := lookupUser(ut, "__iter__"); f != nil {
		if isNone(f) {
			return nil, true, typeErrorf("'%s' object is not iterable", TypeName(o))
		}
		r, err := callDescr(t, f, o)
		if err != nil {
			return nil, true, err
		}
		if in, ok := r.(*Instance); ok {
			if lookupUser(in.cls, "__next__") == nil {
				return nil, true, typeErrorf("iter() returned non-iterator of type '%s'", TypeName(r))
			}
			return in, true, nil
		}
		it, ok := r.(Iterator)
		if !ok {
			return nil, true, typeErrorf("iter() returned non-iterator of type '%s'", TypeName(r))
		}
		return it, true, nil
	}
	if lookupUser(ut, "__getitem__") != nil {
		return &seqIter{o: o}, true, nil
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		it, err := Iterate(t, in.value)
		return it, true, err
	}
	return nil, true, typeErrorf("'%s' object is not iterable", TypeName(o))
}

// callHook calls an object whose type is a user class (__call__).
func callHook(t *Thread, o py.Object, args []py.Object, kwnames py.Tuple) (py.Object, bool, error) {
	if cls, ok := o.(*py.Type); ok {
		return callType(t, cls, args, kwnames)
	}
	ut := userTypeOf(o)
	if ut == nil {
		return nil, false, nil
	}
	f := lookupUser(ut, "__call__")
	if f == nil {
		return nil, true, typeErrorf("'%s' object is not callable", TypeName(o))
	}
	if fn, ok := f.(*Function); ok {
		all := make([]py.Object, 0, len(args)+1)
		all = append(append(all, o), args...)
		r, err := t.callFunction(fn, all, kwnames)
		return r, true, err
	}
	m, err := descrGet(t, f, o, ut)
	if err != nil {
		return nil, true, err
	}
	r, err := call(t, m, args, kwnames)
	return r, true, err
}

// isCallable implements callable(o) for the object model.
func isCallable(o py.Object) bool {
	switch x := o.(type) {
	case *Function, *Builtin, *Method, *BoundMethod, *py.Type:
		return true
	case *StaticMethod:
		return isCallable(x.Func)
	case Callable:
		return true
	}
	if ut := userTypeOf(o); ut != nil {
		return lookupUser(ut, "__call__") != nil
	}
	return false
}
