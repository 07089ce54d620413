package pyexec

import (
	"math"
	"math/big"
	"strings"

	"github.com/go-python/gpython/py"
)

// Binary operator numbers: CPython's _nb_ops indexes (BINARY_OP's argument).
// The in-place forms are the same numbers plus opInplace.
const (
	opAdd = iota
	opAnd
	opFloorDiv
	opLShift
	opMatMul
	opMul
	opMod
	opOr
	opPow
	opRShift
	opSub
	opTrueDiv
	opXor
	opInplace // add to get the in-place form
)

var opSymbols = [...]string{"+", "&", "//", "<<", "@", "*", "%", "|", "** or pow()", ">>", "-", "/", "^"}

// BinaryOp applies binary operator op (a BINARY_OP argument, 0–25) to a and b.
func BinaryOp(t *Thread, op int, a, b py.Object) (py.Object, error) {
	inplace := op >= opInplace
	base := op
	if inplace {
		base -= opInplace
	}
	if base < 0 || base >= opInplace {
		return nil, Errorf(SystemErrorType, "bad binary operator %d", op)
	}
	// Fast path: small ints.
	if x, ok := a.(py.Int); ok {
		if y, ok := b.(py.Int); ok {
			switch base {
			case opAdd:
				r := x + y
				if (x >= 0) != (y >= 0) || (r >= 0) == (x >= 0) {
					return MakeInt(int64(r)), nil
				}
			case opSub:
				r := x - y
				if (x >= 0) == (y >= 0) || (r >= 0) == (x >= 0) {
					return MakeInt(int64(r)), nil
				}
			}
		}
	}
	if r, ok, err := binaryHook(t, op, a, b); ok {
		return r, err
	}
	if r, ok, err := NativeBinaryHook(t, op, a, b); ok {
		return r, err
	}
	if isInt(a) && isInt(b) {
		if base == opPow {
			r, _, err := intPow(t, bigOf(a), bigOf(b))
			return r, err
		}
		if r, ok, err := intBinary(t, base, a, b); ok {
			return r, err
		}
	}
	if af, bf, ok, err := floatPair(a, b); ok || err != nil {
		if err != nil {
			return nil, err
		}
		if r, ok, err := floatBinary(t, base, af, bf); ok {
			return r, err
		}
	}
	switch x := a.(type) {
	case py.String:
		switch base {
		case opAdd:
			if y, ok := b.(py.String); ok {
				return x + y, nil
			}
			if _, ok := b.(py.String); !ok && !isNumberLike(b) {
				return nil, typeErrorf("can only concatenate str (not \"%s\") to str", TypeName(b))
			}
			return nil, typeErrorf("can only concatenate str (not \"%s\") to str", TypeName(b))
		case opMul:
			return seqRepeat(t, a, b)
		case opMod:
			s, err := percentFormat(t, string(x), b)
			if err != nil {
				return nil, err
			}
			return py.String(s), nil
		}
	case py.Bytes:
		switch base {
		case opAdd:
			return bytesAdd(x, b)
		case opMul:
			return seqRepeat(t, a, b)
		}
	case *ByteArray:
		if r, ok, err := byteArrayBinary(t, base, inplace, x, b); ok {
			return r, err
		}
	case py.Tuple:
		switch base {
		case opAdd:
			if y, ok := b.(py.Tuple); ok {
				r := make(py.Tuple, 0, len(x)+len(y))
				return append(append(r, x...), y...), nil
			}
			return nil, typeErrorf("can only concatenate tuple (not \"%s\") to tuple", TypeName(b))
		case opMul:
			return seqRepeat(t, a, b)
		}
	case *py.List:
		switch base {
		case opAdd:
			if y, ok := b.(*py.List); ok {
				if inplace {
					x.Items = append(x.Items, y.Items...)
					return x, nil
				}
				r := make([]py.Object, 0, len(x.Items)+len(y.Items))
				return &py.List{Items: append(append(r, x.Items...), y.Items...)}, nil
			}
			if inplace {
				items, err := collect(t, b)
				if err != nil {
					return nil, err
				}
				x.Items = append(x.Items, items...)
				return x, nil
			}
			return nil, typeErrorf("can only concatenate list (not \"%s\") to list", TypeName(b))
		case opMul:
			r, err := seqRepeat(t, a, b)
			if err == nil && inplace {
				x.Items = r.(*py.List).Items
				return x, nil
			}
			return r, err
		}
	case *Dict:
		if base == opOr {
			if y, ok := b.(*Dict); ok {
				if inplace {
					return x, x.Update(t, y)
				}
				r := x.Copy()
				return r, r.Update(t, y)
			}
		}
	case *Set:
		if r, ok, err := setBinary(t, base, x, b, inplace); ok {
			return r, err
		}
	}
	if base == opMul {
		switch y := b.(type) {
		case py.String, py.Bytes, py.Tuple, *py.List:
			return seqRepeat(t, b, a)
		case *ByteArray:
			r, _, err := byteArrayBinary(t, base, false, y, a)
			return r, err
		}
	}
	sym := opSymbols[base]
	if inplace {
		sym = strings.TrimSuffix(sym, " or pow()") + "="
	}
	return nil, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", sym, TypeName(a), TypeName(b))
}

func isNumberLike(o py.Object) bool {
	switch o.(type) {
	case py.Int, *py.BigInt, py.Bool, py.Float:
		return true
	}
	return false
}

// floatPair converts a and b to floats when one is a float and the other a
// float or int; ok is false otherwise.
func floatPair(a, b py.Object) (x, y float64, ok bool, err error) {
	af, aIsF := a.(py.Float)
	bf, bIsF := b.(py.Float)
	if !aIsF && !bIsF {
		return 0, 0, false, nil
	}
	if aIsF {
		x = float64(af)
	} else if isInt(a) {
		if x, err = intToFloat(a); err != nil {
			return 0, 0, false, err
		}
	} else {
		return 0, 0, false, nil
	}
	if bIsF {
		y = float64(bf)
	} else if isInt(b) {
		if y, err = intToFloat(b); err != nil {
			return 0, 0, false, err
		}
	} else {
		return 0, 0, false, nil
	}
	return x, y, true, nil
}

func floatBinary(t *Thread, op int, x, y float64) (py.Object, bool, error) {
	switch op {
	case opAdd:
		return py.Float(x + y), true, nil
	case opSub:
		return py.Float(x - y), true, nil
	case opMul:
		return py.Float(x * y), true, nil
	case opTrueDiv:
		if y == 0 {
			return nil, true, Errorf(ZeroDivisionErrorType, "float division by zero")
		}
		return py.Float(x / y), true, nil
	case opFloorDiv, opMod:
		if y == 0 {
			if op == opMod {
				return nil, true, Errorf(ZeroDivisionErrorType, "%s", t.msgFloatMod())
			}
			return nil, true, Errorf(ZeroDivisionErrorType, "float floor division by zero")
		}
		d, m := floatDivmod(x, y)
		if op == opMod {
			return py.Float(m), true, nil
		}
		return py.Float(d), true, nil
	case opPow:
		r, err := floatPow(x, y)
		return r, true, err
	}
	return nil, false, nil
}

// floatDivmod is CPython's float divmod (float_divmod in floatobject.c).
func floatDivmod(vx, wx float64) (float64, float64) {
	mod := math.Mod(vx, wx)
	div := (vx - mod) / wx
	if mod != 0 {
		if (wx < 0) != (mod < 0) {
			mod += wx
			div -= 1.0
		}
	} else {
		mod = math.Copysign(0, wx)
	}
	var floordiv float64
	if div != 0 {
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1.0
		}
	} else {
		floordiv = math.Copysign(0, vx/wx)
	}
	return floordiv, mod
}

func floatPow(x, y float64) (py.Object, error) {
	if y == 0 {
		return py.Float(1), nil
	}
	if x == 0 && y < 0 && !math.IsInf(y, 0) {
		return nil, Errorf(ZeroDivisionErrorType, "0.0 cannot be raised to a negative power")
	}
	if x < 0 && y != math.Floor(y) && !math.IsInf(y, 0) {
		return cPow(complex(x, 0), complex(y, 0))
	}
	r := math.Pow(x, y)
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
		return nil, NewException(OverflowErrorType, MakeInt(34), py.String("Numerical result out of range"))
	}
	return py.Float(r), nil
}

// seqRepeat is seq * n. The copying is charged to t (see limits.go) before
// it is done, and results over MaxSequenceBytes / MaxSequenceItems raise
// MemoryError.
func seqRepeat(t *Thread, seq, n py.Object) (py.Object, error) {
	k, ok, err := asIndex(n)
	if err != nil {
		return nil, Errorf(OverflowErrorType, "cannot fit 'int' into an index-sized integer")
	}
	if !ok {
		return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", TypeName(n))
	}
	if k < 0 {
		k = 0
	}
	// size is len(seq)*k, saturated so that the limits catch overflow.
	size := func(l int) int64 {
		if l != 0 && k > (1<<62)/int64(l) {
			return 1 << 62
		}
		return int64(l) * k
	}
	switch s := seq.(type) {
	case py.String:
		if size(len(s)) == 1<<62 {
			return nil, Errorf(OverflowErrorType, "repeated string is too long")
		}
		if err := t.checkBytes(size(len(s))); err != nil {
			return nil, err
		}
		return py.String(strings.Repeat(string(s), int(k))), nil
	case py.Bytes:
		if size(len(s)) == 1<<62 {
			return nil, Errorf(OverflowErrorType, "repeated bytes are too long")
		}
		if err := t.checkBytes(size(len(s))); err != nil {
			return nil, err
		}
		return py.Bytes(strings.Repeat(string(s), int(k))), nil
	case py.Tuple:
		if size(len(s)) == 1<<62 {
			return nil, NewException(MemoryErrorType)
		}
		if err := t.checkItems(size(len(s))); err != nil {
			return nil, err
		}
		r := make(py.Tuple, 0, len(s)*int(k))
		for i := int64(0); i < k; i++ {
			r = append(r, s...)
		}
		return r, nil
	case *py.List:
		if err := t.checkItems(size(len(s.Items))); err != nil {
			return nil, err
		}
		r := make([]py.Object, 0, len(s.Items)*int(k))
		for i := int64(0); i < k; i++ {
			r = append(r, s.Items...)
		}
		return &py.List{Items: r}, nil
	}
	return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", TypeName(n))
}

// UnaryOp applies a unary operator: '-', '+', '~' or '!' (not).
func UnaryOp(t *Thread, op byte, a py.Object) (py.Object, error) {
	if r, ok, err := unaryHook(t, op, a); ok {
		return r, err
	}
	if r, ok, err := NativeUnaryHook(t, op, a); ok {
		return r, err
	}
	switch op {
	case '!':
		b, err := Truth(t, a)
		return py.NewBool(!b), err
	case '-':
		switch x := a.(type) {
		case py.Int:
			if x != math.MinInt64 {
				if t != nil {
					return t.boxInt(-int64(x)), nil
				}
				return MakeInt(-int64(x)), nil
			}
		case py.Float:
			return -x, nil
		}
		if isInt(a) {
			return normBig(new(big.Int).Neg(bigOf(a))), nil
		}
		return nil, typeErrorf("bad operand type for unary -: '%s'", TypeName(a))
	case '+':
		switch x := a.(type) {
		case py.Bool:
			if x {
				return MakeInt(1), nil
			}
			return MakeInt(0), nil
		case py.Int, *py.BigInt, py.Float:
			return a, nil
		}
		return nil, typeErrorf("bad operand type for unary +: '%s'", TypeName(a))
	case '~':
		switch x := a.(type) {
		case py.Int:
			return MakeInt(^int64(x)), nil
		}
		if isInt(a) {
			return normBig(new(big.Int).Not(bigOf(a))), nil
		}
		return nil, typeErrorf("bad operand type for unary ~: '%s'", TypeName(a))
	}
	return nil, Errorf(SystemErrorType, "bad unary operator %q", op)
}
