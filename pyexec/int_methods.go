package pyexec

import (
	"math/big"
	"math/bits"

	"github.com/go-python/gpython/py"
)

// The methods of int (bit_length, bit_count, to_bytes, from_bytes,
// as_integer_ratio, conjugate, is_integer), the hex, oct and bin builtins,
// and operator.index's conversion (PyNumber_Index).

func init() {
	addMethods(py.IntType, map[string]MethodFunc{
		"bit_length": intMethod0("bit_length", func(t *Thread, x py.Object) (py.Object, error) {
			if v, ok := x.(py.Int); ok {
				return MakeInt(int64(bits.Len64(uint64(absI(int64(v)))))), nil
			}
			return MakeInt(int64(bigOf(x).BitLen())), nil
		}),
		"bit_count": intMethod0("bit_count", func(t *Thread, x py.Object) (py.Object, error) {
			if t.minor() < 10 {
				return nil, Errorf(AttributeErrorType, "'%s' object has no attribute 'bit_count'", TypeName(x))
			}
			if v, ok := x.(py.Int); ok {
				return MakeInt(int64(bits.OnesCount64(uint64(absI(int64(v)))))), nil
			}
			n := 0
			for _, w := range new(big.Int).Abs(bigOf(x)).Bits() {
				n += bits.OnesCount(uint(w))
			}
			return MakeInt(int64(n)), nil
		}),
		"as_integer_ratio": intMethod0("as_integer_ratio", func(t *Thread, x py.Object) (py.Object, error) {
			return py.Tuple{normBig(bigOf(x)), MakeInt(1)}, nil
		}),
		"conjugate": intMethod0("conjugate", func(t *Thread, x py.Object) (py.Object, error) {
			return normBig(bigOf(x)), nil
		}),
		"is_integer": intMethod0("is_integer", func(t *Thread, x py.Object) (py.Object, error) {
			if t.minor() < 12 {
				return nil, Errorf(AttributeErrorType, "'%s' object has no attribute 'is_integer'", TypeName(x))
			}
			return py.True, nil
		}),
		"to_bytes": intToBytes,
	})
	SetClassMethod(py.IntType, "from_bytes", func(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		r, err := intFromBytes(t, args, kw)
		if err != nil || cls == py.IntType {
			return r, err
		}
		// A subclass makes its instance from the int.
		return call(t, cls, []py.Object{r}, nil)
	})
	for name, base := range map[string]int{"hex": 16, "oct": 8, "bin": 2} {
		name, base := name, base
		objectModelBuiltins[name] = &Builtin{Name: name, Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			v, err := IndexValue(t, args[0])
			if err != nil {
				return nil, err
			}
			return py.String(intBaseText(bigOf(v), base)), nil
		}}
	}
}

// intBaseText is hex(), oct() or bin() of b: a prefixed lowercase
// representation in base 16, 8 or 2.
func intBaseText(b *big.Int, base int) string {
	prefix := map[int]string{16: "0x", 8: "0o", 2: "0b"}[base]
	if b.Sign() < 0 {
		return "-" + prefix + new(big.Int).Neg(b).Text(base)
	}
	return prefix + b.Text(base)
}

// IndexValue is operator.index(o) (CPython's PyNumber_Index): an int (a
// bool gives its int value, an int subclass its payload) or the result of
// o's __index__, which must be an int.
func IndexValue(t *Thread, o py.Object) (py.Object, error) {
	switch x := o.(type) {
	case py.Int, *py.BigInt:
		return o, nil
	case py.Bool:
		return MakeInt(int64(b2i(bool(x)))), nil
	}
	if in, ok := o.(*Instance); ok && userTypeOf(o) != nil {
		if r, found, err := callDunder(t, o, "__index__"); found || err != nil {
			if err != nil {
				return nil, err
			}
			if !isInt(unwrap(r)) {
				return nil, typeErrorf("__index__ returned non-int (type %s)", TypeName(r))
			}
			return normBig(bigOf(unwrap(r))), nil
		}
		if isInt(in.value) {
			return normBig(bigOf(in.value)), nil
		}
	} else if r, found, err := NativeDunder(t, o, "__index__"); found || err != nil {
		if err != nil {
			return nil, err
		}
		if !isInt(unwrap(r)) {
			return nil, typeErrorf("__index__ returned non-int (type %s)", TypeName(r))
		}
		return normBig(bigOf(unwrap(r))), nil
	}
	return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(o))
}

// intSelf checks the receiver of an int method called through the type
// (int.bit_length(x)).
func intSelf(name string, self py.Object) error {
	if isInt(self) {
		return nil
	}
	return typeErrorf("descriptor '%s' for 'int' objects doesn't apply to a '%s' object", name, TypeName(self))
}

// intMethod0 is an int method without arguments.
func intMethod0(name string, fn func(t *Thread, x py.Object) (py.Object, error)) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := intSelf(name, self); err != nil {
			return nil, err
		}
		if len(kw) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", qualIntMethod(t, name))
		}
		if len(args) > 0 {
			return nil, typeErrorf("%s() takes no arguments (%d given)", qualIntMethod(t, name), len(args))
		}
		return fn(t, self)
	}
}

// qualIntMethod is the name an int method's argument errors use:
// int.name from 3.9.
func qualIntMethod(t *Thread, name string) string {
	if t.minor() < 9 {
		return name
	}
	return "int." + name
}

// intBytesArgs binds the arguments of to_bytes (first "length") and
// from_bytes (first "bytes"): two positional-or-keyword parameters (both
// required before 3.11; length defaults to 1 and byteorder to 'big' from
// 3.11) and the keyword-only signed.
func intBytesArgs(t *Thread, fname, first string, args []py.Object, kw py.Tuple) (a0 py.Object, little, signed bool, err error) {
	npos := len(args) - len(kw)
	if npos > 2 {
		how := "at most"
		if t.minor() < 11 {
			how = "exactly"
		}
		return nil, false, false, typeErrorf("%s() takes %s 2 positional arguments (%d given)", fname, how, npos)
	}
	var order, sgn py.Object
	vals := [2]py.Object{}
	copy(vals[:], args[:npos])
	for i, k := range kw {
		v := args[npos+i]
		switch name := string(k.(py.String)); name {
		case first, "byteorder":
			j := 0
			if name == "byteorder" {
				j = 1
			}
			if vals[j] != nil {
				return nil, false, false, typeErrorf("argument for %s() given by name ('%s') and position (%d)", fname, name, j+1)
			}
			vals[j] = v
		case "signed":
			sgn = v
		default:
			if t.minor() < 13 {
				return nil, false, false, typeErrorf("'%s' is an invalid keyword argument for %s()", name, fname)
			}
			return nil, false, false, typeErrorf("%s() got an unexpected keyword argument '%s'", fname, name)
		}
	}
	names := [2]string{first, "byteorder"}
	for j, v := range vals {
		if v == nil && (t.minor() < 11 || j == 0 && first == "bytes") {
			return nil, false, false, typeErrorf("%s() missing required argument '%s' (pos %d)", fname, names[j], j+1)
		}
	}
	a0, order = vals[0], vals[1]
	if order != nil {
		s, ok := order.(py.String)
		if !ok {
			return nil, false, false, typeErrorf("%s() argument 'byteorder' must be str, not %s", fname, TypeName(order))
		}
		switch s {
		case "little":
			little = true
		case "big":
		default:
			return nil, false, false, valueErrorf("byteorder must be either 'little' or 'big'")
		}
	}
	if sgn != nil {
		if signed, err = Truth(t, sgn); err != nil {
			return nil, false, false, err
		}
	}
	return a0, little, signed, nil
}

// intToBytes is int.to_bytes(length=1, byteorder='big', *, signed=False).
func intToBytes(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := intSelf("to_bytes", self); err != nil {
		return nil, err
	}
	lenObj, little, signed, err := intBytesArgs(t, "to_bytes", "length", args, kw)
	if err != nil {
		return nil, err
	}
	n := int64(1)
	if lenObj != nil {
		if !isInt(unwrap(lenObj)) && t.minor() < 10 {
			if _, isFloat := lenObj.(py.Float); isFloat {
				return nil, typeErrorf("integer argument expected, got float")
			}
		}
		v, err := IndexValue(t, lenObj)
		if err != nil {
			return nil, err
		}
		switch vb := bigOf(v); {
		case vb.Sign() < 0:
			return nil, valueErrorf("length argument must be non-negative")
		case !vb.IsInt64():
			return nil, Errorf(OverflowErrorType, "Python int too large to convert to C ssize_t")
		default:
			n = vb.Int64()
		}
	}
	x := bigOf(self)
	if x.Sign() < 0 && !signed {
		return nil, Errorf(OverflowErrorType, "can't convert negative int to unsigned")
	}
	// Bits needed: the magnitude's for unsigned; for signed, one more
	// than the bit length of x (or of -x-1 when negative).
	need := x.BitLen()
	if signed {
		if x.Sign() < 0 {
			need = new(big.Int).Not(x).BitLen() + 1
		} else {
			need++
		}
		if x.Sign() == 0 {
			need = 0
		}
	}
	if int64(need) > 8*n {
		return nil, Errorf(OverflowErrorType, "int too big to convert")
	}
	if err := t.checkBytes(n); err != nil {
		return nil, err
	}
	v := x
	if x.Sign() < 0 {
		v = new(big.Int).Add(x, new(big.Int).Lsh(big.NewInt(1), uint(8*n)))
	}
	out := make([]byte, n)
	v.FillBytes(out)
	if little {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return py.Bytes(out), nil
}

// intFromBytes is int.from_bytes(bytes, byteorder='big', *, signed=False)
// (a classmethod of int; bool.from_bytes returns a bool).
func intFromBytes(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	src, little, signed, err := intBytesArgs(t, "from_bytes", "bytes", args, kw)
	if err != nil {
		return nil, err
	}
	var b []byte
	if bl, ok := bytesLike(unwrap(src)); ok {
		b = append([]byte(nil), bl...)
	} else {
		switch unwrap(src).(type) {
		case py.String, py.Int, *py.BigInt, py.Bool, py.Float, py.NoneType:
			return nil, typeErrorf("cannot convert '%s' object to bytes", TypeName(src))
		}
		r, err := bBytes(t, []py.Object{src}, nil)
		if err != nil {
			return nil, err
		}
		b = []byte(r.(py.Bytes))
	}
	if little {
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
	}
	v := new(big.Int).SetBytes(b)
	if signed && len(b) > 0 && b[0]&0x80 != 0 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return normBig(v), nil
}
