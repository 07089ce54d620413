package pyexec

import (
	"math"
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
)

// The methods of float: hex, fromhex (a classmethod), is_integer,
// as_integer_ratio and conjugate, and the real and imag attributes of
// instances of float subclasses.

func init() {
	addMethods(py.FloatType, map[string]MethodFunc{
		"hex": floatMethod0("hex", func(t *Thread, x float64) (py.Object, error) {
			return py.String(pyfmt.FloatHex(x)), nil
		}),
		"is_integer": floatMethod0("is_integer", func(t *Thread, x float64) (py.Object, error) {
			return py.NewBool(!math.IsInf(x, 0) && x == math.Trunc(x)), nil
		}),
		"as_integer_ratio": floatMethod0("as_integer_ratio", func(t *Thread, x float64) (py.Object, error) {
			if math.IsInf(x, 0) {
				return nil, Errorf(OverflowErrorType, "cannot convert Infinity to integer ratio")
			}
			if math.IsNaN(x) {
				return nil, valueErrorf("cannot convert NaN to integer ratio")
			}
			r := new(big.Rat).SetFloat64(x)
			return py.Tuple{normBig(new(big.Int).Set(r.Num())), normBig(new(big.Int).Set(r.Denom()))}, nil
		}),
		"conjugate": floatMethod0("conjugate", func(t *Thread, x float64) (py.Object, error) {
			return py.Float(x), nil
		}),
	})
	SetClassMethod(py.FloatType, "fromhex", func(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(qualName(t, "float", "fromhex"), args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("bad argument type for built-in operation")
		}
		f, err := pyfmt.FloatFromHex(string(s))
		if err != nil {
			return nil, fmtError(err)
		}
		if cls == py.FloatType {
			return py.Float(f), nil
		}
		return call(t, cls, []py.Object{py.Float(f)}, nil)
	})
	SetPayloadProperty(py.FloatType, "real", func(t *Thread, self py.Object) (py.Object, error) {
		return py.Float(self.(py.Float)), nil
	}, nil)
	SetPayloadProperty(py.FloatType, "imag", func(t *Thread, self py.Object) (py.Object, error) {
		return py.Float(0), nil
	}, nil)
}

// floatMethod0 is a float method without arguments; self may be an
// instance of a float subclass.
func floatMethod0(name string, fn func(t *Thread, x float64) (py.Object, error)) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, ok := unwrap(self).(py.Float)
		if !ok {
			return nil, typeErrorf("descriptor '%s' for 'float' objects doesn't apply to a '%s' object", name, TypeName(self))
		}
		if len(kw) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", qualName(t, "float", name))
		}
		if len(args) > 0 {
			return nil, typeErrorf("%s() takes no arguments (%d given)", qualName(t, "float", name), len(args))
		}
		return fn(t, float64(f))
	}
}
