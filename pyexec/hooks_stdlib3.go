package pyexec

import (
	"github.com/go-python/gpython/py"
)

// This file lets native types (made with NewNativeType) take part in the
// number protocol through dunder methods registered with AddMethods
// (__add__, __radd__, …, __neg__, __pos__, __abs__, __invert__, __hash__,
// __bool__, __float__, __int__, __index__, __round__). The dispatch
// functions call these hooks after their user-class hooks:
//
//	BinaryOp: if r, ok, err := NativeBinaryHook(t, op, a, b); ok { return r, err }
//	UnaryOp:  if r, ok, err := NativeUnaryHook(t, op, a); ok { return r, err }
//	Hash:     if h, ok, err := NativeHashHook(t, o); ok { return h, err }
//	Truth:    if b, ok, err := NativeTruthHook(t, o); ok { return b, err }
//	Str:      if s, ok, err := NativeStrHook(t, o); ok { return s, err }
//	Format:   if s, ok, err := NativeFormatHook(t, o, spec); ok { return s, err }
//	abs():    if r, ok, err := NativeDunder(t, args[0], "__abs__"); ok { return r, err }
//	float(), int(), round(): NativeDunder(t, x, "__float__"/"__int__"/"__round__")

// isNativeType reports whether typ (or a base) was made by NewNativeType.
func isNativeType(typ *py.Type) bool {
	if typ == nil || classOf(typ) != nil {
		return false
	}
	for x := typ; x != nil; x = x.Base {
		if _, ok := x.Dict["__module__"]; ok {
			return true
		}
	}
	return false
}

// NativeDunder calls the dunder method name that o's native type registered
// with AddMethods; found is false when o is not of a native type or the type
// has no such method.
func NativeDunder(t *Thread, o py.Object, name string, args ...py.Object) (res py.Object, found bool, err error) {
	typ := TypeOf(o)
	if !isNativeType(typ) {
		return nil, false, nil
	}
	m := lookupMethod(typ, name)
	if m == nil {
		return nil, false, nil
	}
	res, err = m.Fn(t, o, args, nil)
	return res, true, err
}

// NativeBinaryHook applies binary operator op when a or b is of a native
// type with the matching __op__ / __rop__ (in-place forms fall back to the
// plain ones). ok is false when neither operand is native.
func NativeBinaryHook(t *Thread, op int, a, b py.Object) (py.Object, bool, error) {
	na, nb := isNativeType(TypeOf(a)), isNativeType(TypeOf(b))
	if !na && !nb {
		return nil, false, nil
	}
	base := op
	if op >= opInplace {
		base -= opInplace
	}
	if _, isStr := a.(py.String); isStr && base == opMod {
		// str % x formats x: str.__mod__ never leaves it to x's __rmod__.
		return nil, false, nil
	}
	lname, rname := "__"+binaryNames[base]+"__", "__r"+binaryNames[base]+"__"
	if na && op >= opInplace {
		r, found, err := NativeDunder(t, a, "__i"+binaryNames[base]+"__", b)
		if err != nil {
			return nil, true, err
		}
		if found && !isNotImpl(r) {
			return r, true, nil
		}
	}
	if na {
		r, found, err := NativeDunder(t, a, lname, b)
		if err != nil {
			return nil, true, err
		}
		if found && !isNotImpl(r) {
			return r, true, nil
		}
	}
	if nb && TypeOf(a) != TypeOf(b) {
		r, found, err := NativeDunder(t, b, rname, a)
		if err != nil {
			return nil, true, err
		}
		if found && !isNotImpl(r) {
			return r, true, nil
		}
	}
	sym := opSymbols[base]
	if op >= opInplace {
		sym = sym + "="
		if base == opPow {
			sym = "**="
		}
	}
	return nil, true, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", sym, NativeTypeName(a), NativeTypeName(b))
}

// NativeTypeName returns the tp_name CPython shows in operator errors:
// module.name for native types (as for C extension types), else the name.
func NativeTypeName(o py.Object) string {
	typ := TypeOf(o)
	if isNativeType(typ) {
		if m, ok := typ.Dict["__module__"].(py.String); ok && m != "builtins" {
			return string(m) + "." + typ.Name
		}
	}
	return TypeName(o)
}

// NativeUnaryHook applies '-', '+' or '~' to a value of a native type.
func NativeUnaryHook(t *Thread, op byte, a py.Object) (py.Object, bool, error) {
	name, ok := unaryNames[op]
	if !ok || !isNativeType(TypeOf(a)) {
		return nil, false, nil
	}
	r, found, err := NativeDunder(t, a, name)
	if found || err != nil {
		return r, true, err
	}
	return nil, true, typeErrorf("bad operand type for unary %c: '%s'", op, TypeName(a))
}

// NativeHashHook returns hash(o) for a native type with __hash__.
func NativeHashHook(t *Thread, o py.Object) (int64, bool, error) {
	r, found, err := NativeDunder(t, o, "__hash__")
	if !found || err != nil {
		return 0, found, err
	}
	if v, ok, _ := asIndex(r); ok {
		return v, true, nil // already a hash value
	}
	h, err := Hash(t, r)
	return h, true, err
}

// NativeTruthHook returns bool(o) for a native type with __bool__.
func NativeTruthHook(t *Thread, o py.Object) (bool, bool, error) {
	r, found, err := NativeDunder(t, o, "__bool__")
	if !found || err != nil {
		return false, found, err
	}
	b, ok := r.(py.Bool)
	return bool(b), ok, nil
}

// NativeStrHook returns str(o) for a native type with __str__ (call it in
// Str after strHook).
func NativeStrHook(t *Thread, o py.Object) (string, bool, error) {
	r, found, err := NativeDunder(t, o, "__str__")
	if !found || err != nil {
		return "", found, err
	}
	s, ok := r.(py.String)
	if !ok {
		return "", true, typeErrorf("__str__ returned non-string (type %s)", TypeName(r))
	}
	return string(s), true, nil
}

// NativeFormatHook returns format(o, spec) for a native type with
// __format__ (call it in Format after formatHook).
func NativeFormatHook(t *Thread, o py.Object, spec string) (string, bool, error) {
	if !isNativeType(TypeOf(o)) {
		// Checked before boxing spec: Format calls this for every value.
		return "", false, nil
	}
	r, found, err := NativeDunder(t, o, "__format__", py.String(spec))
	if !found || err != nil {
		return "", found, err
	}
	s, ok := r.(py.String)
	if !ok {
		return "", true, typeErrorf("__format__ must return a str, not %s", TypeName(r))
	}
	return string(s), true, nil
}
