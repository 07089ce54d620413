package pyexec

import "github.com/go-python/gpython/py"

// This file routes the numeric built-ins (round, int, float and the math
// module's floor, ceil and trunc) to dunder methods of user classes and of
// native types (NewNativeType + AddMethods).

// NumberDunder calls the dunder method name of o's type, a user class or a
// native type; found is false when the type has none.
func NumberDunder(t *Thread, o py.Object, name string, args ...py.Object) (res py.Object, found bool, err error) {
	if r, found, err := callDunder(t, o, name, args...); found || err != nil {
		return r, true, err
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		// An instance of a user subclass of a native type (Decimal).
		return NativeDunder(t, in.value, name, args...)
	}
	return NativeDunder(t, o, name, args...)
}

// roundHook implements round(x[, ndigits]) through x's __round__ (called
// without arguments when ndigits is None or omitted).
func roundHook(t *Thread, x, ndigits py.Object) (py.Object, bool, error) {
	switch x.(type) {
	case py.Int, py.Float, py.Bool, *py.BigInt:
		return nil, false, nil
	}
	if isNone(ndigits) {
		return NumberDunder(t, x, "__round__")
	}
	return NumberDunder(t, x, "__round__", ndigits)
}

// nativeNumberHook converts a value of a native type for int() (__int__,
// __index__, then __trunc__) or float() (__float__, then __index__).
func nativeNumberHook(t *Thread, o py.Object, float bool) (py.Object, bool, error) {
	if !isNativeType(TypeOf(o)) {
		return nil, false, nil
	}
	names := []string{"__int__", "__index__", "__trunc__"}
	if float {
		names = []string{"__float__", "__index__"}
	}
	for _, n := range names {
		r, found, err := NativeDunder(t, o, n)
		if err != nil {
			return nil, true, err
		}
		if !found {
			continue
		}
		if float && n == "__float__" {
			if _, ok := r.(py.Float); !ok {
				return nil, true, typeErrorf("%s.__float__ returned non-float (type %s)", TypeName(o), TypeName(r))
			}
			return r, true, nil
		}
		if !isInt(r) {
			return nil, true, typeErrorf("%s returned non-int (type %s)", n, TypeName(r))
		}
		if float {
			f, err := intToFloat(r)
			return py.Float(f), true, err
		}
		return r, true, nil
	}
	return nil, false, nil
}

// swappedCmp maps a comparison to its reflection (a < b is b > a).
var swappedCmp = [...]int{CmpLT: CmpGT, CmpLE: CmpGE, CmpEQ: CmpEQ, CmpNE: CmpNE, CmpGT: CmpLT, CmpGE: CmpLE}

// RealNumber converts o to float64 as CPython's PyFloat_AsDouble does
// (float, int, bool, or __float__ / __index__ of a user class or native
// type); ok is false when o is not a real number.
func RealNumber(t *Thread, o py.Object) (f float64, ok bool, err error) { return realNumber(t, o) }
