package pyexec

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/go-python/gpython/py"
)

// Ints in [smallIntMin, smallIntMax] are boxed once. The range is wider
// than CPython's [-5, 256]: ints have no identity of their own here (is
// compares values), so the cache only saves allocations.
const (
	smallIntMin = -1024
	smallIntMax = 1024
)

// smallInts holds pre-boxed ints so hot paths do not allocate for them.
var smallInts = func() []py.Object {
	s := make([]py.Object, smallIntMax-smallIntMin+1)
	for i := range s {
		s[i] = py.Int(i + smallIntMin)
	}
	return s
}()

// MakeInt returns v as a Python int, reusing boxed small ints.
func MakeInt(v int64) py.Object {
	if v >= smallIntMin && v <= smallIntMax {
		return smallInts[v-smallIntMin]
	}
	return py.Int(v)
}

// bigOf returns the big.Int value of an int or bool, or nil.
func bigOf(o py.Object) *big.Int {
	switch x := o.(type) {
	case py.Int:
		return big.NewInt(int64(x))
	case *py.BigInt:
		return (*big.Int)(x)
	case py.Bool:
		if x {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	}
	return nil
}

// normBig returns b as py.Int when it fits, else as *py.BigInt.
func normBig(b *big.Int) py.Object {
	if b.IsInt64() {
		return MakeInt(b.Int64())
	}
	return (*py.BigInt)(b)
}

// intValue classifies o as an int: small is set when it fits int64.
func intValue(o py.Object) (small int64, b *big.Int, ok bool) {
	switch x := o.(type) {
	case py.Int:
		return int64(x), nil, true
	case py.Bool:
		if x {
			return 1, nil, true
		}
		return 0, nil, true
	case *py.BigInt:
		return 0, (*big.Int)(x), true
	}
	return 0, nil, false
}

// isInt reports whether o is an int (bool included).
func isInt(o py.Object) bool {
	switch o.(type) {
	case py.Int, py.Bool, *py.BigInt:
		return true
	}
	return false
}

func floorDivInt(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func modInt(a, b int64) int64 {
	r := a % b
	if r != 0 && ((r < 0) != (b < 0)) {
		r += b
	}
	return r
}

// intBinary computes an int op int; ok is false when the op is not defined
// for ints (the caller reports the TypeError).
func intBinary(t *Thread, op int, a, b py.Object) (py.Object, bool, error) {
	x, xb, _ := intValue(a)
	y, yb, _ := intValue(b)
	if xb == nil && yb == nil {
		switch op {
		case opAdd:
			r := x + y
			if (x >= 0) == (y >= 0) && (r >= 0) != (x >= 0) {
				break
			}
			return MakeInt(r), true, nil
		case opSub:
			r := x - y
			if (x >= 0) != (y >= 0) && (r >= 0) != (x >= 0) {
				break
			}
			return MakeInt(r), true, nil
		case opMul:
			hi, lo := bits.Mul64(uint64(absI(x)), uint64(absI(y)))
			if hi == 0 && lo <= math.MaxInt64 && x != math.MinInt64 && y != math.MinInt64 {
				r := int64(lo)
				if (x < 0) != (y < 0) {
					r = -r
				}
				return MakeInt(r), true, nil
			}
		case opFloorDiv:
			if y == 0 {
				return nil, true, Errorf(ZeroDivisionErrorType, "integer division or modulo by zero")
			}
			if !(x == math.MinInt64 && y == -1) {
				return MakeInt(floorDivInt(x, y)), true, nil
			}
		case opMod:
			if y == 0 {
				return nil, true, Errorf(ZeroDivisionErrorType, "integer modulo by zero")
			}
			if y == -1 {
				return MakeInt(0), true, nil
			}
			return MakeInt(modInt(x, y)), true, nil
		case opTrueDiv:
			if y == 0 {
				return nil, true, Errorf(ZeroDivisionErrorType, "division by zero")
			}
			if absI(x) <= 1<<53 && absI(y) <= 1<<53 {
				return py.Float(float64(x) / float64(y)), true, nil
			}
		case opAnd:
			return MakeInt(x & y), true, nil
		case opOr:
			return MakeInt(x | y), true, nil
		case opXor:
			return MakeInt(x ^ y), true, nil
		case opRShift:
			if y < 0 {
				return nil, true, valueErrorf("negative shift count")
			}
			if y > 63 {
				y = 63
			}
			return MakeInt(x >> uint(y)), true, nil
		case opLShift:
			if y < 0 {
				return nil, true, valueErrorf("negative shift count")
			}
			if y < 63 && x>>(63-uint(y)) == 0 || y < 63 && x>>(63-uint(y)) == -1 {
				return MakeInt(x << uint(y)), true, nil
			}
		}
	}
	// Arbitrary precision.
	if xb == nil {
		xb = big.NewInt(x)
	}
	if yb == nil {
		yb = big.NewInt(y)
	}
	r := new(big.Int)
	switch op {
	case opAdd:
		r.Add(xb, yb)
	case opSub:
		r.Sub(xb, yb)
	case opMul:
		if err := t.chargeBigResult(int64(xb.BitLen()+yb.BitLen()), mulWork(int64(xb.BitLen()), int64(yb.BitLen()))); err != nil {
			return nil, true, err
		}
		r.Mul(xb, yb)
	case opFloorDiv, opMod:
		if yb.Sign() == 0 {
			if op == opMod {
				return nil, true, Errorf(ZeroDivisionErrorType, "integer modulo by zero")
			}
			return nil, true, Errorf(ZeroDivisionErrorType, "integer division or modulo by zero")
		}
		q, m := new(big.Int).QuoRem(xb, yb, new(big.Int))
		if m.Sign() != 0 && (m.Sign() < 0) != (yb.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
			m.Add(m, yb)
		}
		if op == opMod {
			return normBig(m), true, nil
		}
		return normBig(q), true, nil
	case opTrueDiv:
		if yb.Sign() == 0 {
			return nil, true, Errorf(ZeroDivisionErrorType, "division by zero")
		}
		f, _ := new(big.Rat).SetFrac(xb, yb).Float64()
		if math.IsInf(f, 0) {
			return nil, true, Errorf(OverflowErrorType, "integer division result too large for a float")
		}
		return py.Float(f), true, nil
	case opAnd:
		r.And(xb, yb)
	case opOr:
		r.Or(xb, yb)
	case opXor:
		r.Xor(xb, yb)
	case opLShift, opRShift:
		if yb.Sign() < 0 {
			return nil, true, valueErrorf("negative shift count")
		}
		if !yb.IsInt64() || yb.Int64() > 1<<32 {
			if op == opRShift {
				if xb.Sign() < 0 {
					return MakeInt(-1), true, nil
				}
				return MakeInt(0), true, nil
			}
			if xb.Sign() == 0 {
				return MakeInt(0), true, nil
			}
			return nil, true, Errorf(OverflowErrorType, "too many digits in integer")
		}
		if op == opLShift {
			bits := int64(xb.BitLen()) + yb.Int64()
			if err := t.chargeBigResult(bits, float64(bits/64)); err != nil {
				return nil, true, err
			}
			r.Lsh(xb, uint(yb.Int64()))
		} else {
			r.Rsh(xb, uint(yb.Int64()))
		}
	case opPow:
		return intPow(t, xb, yb)
	default:
		return nil, false, nil
	}
	return normBig(r), true, nil
}

func intPow(t *Thread, xb, yb *big.Int) (py.Object, bool, error) {
	if yb.Sign() < 0 {
		xf, _ := new(big.Float).SetInt(xb).Float64()
		yf, _ := new(big.Float).SetInt(yb).Float64()
		if xf == 0 {
			return nil, true, Errorf(ZeroDivisionErrorType, "0.0 cannot be raised to a negative power")
		}
		r, err := floatPow(xf, yf)
		return r, true, err
	}
	if yb.BitLen() > 32 && xb.CmpAbs(big.NewInt(1)) > 0 {
		return nil, true, Errorf(OverflowErrorType, "exponent too large")
	}
	if xb.CmpAbs(big.NewInt(1)) > 0 {
		bits := int64(xb.BitLen()-1) * yb.Int64()
		if yb.Int64() > maxIntBits/int64(xb.BitLen()-1) {
			bits = maxIntBits + 1 // and the product would overflow
		}
		if err := t.chargeBigResult(bits, 2*mulWork(bits/2, bits/2)); err != nil {
			return nil, true, err
		}
	}
	return normBig(new(big.Int).Exp(xb, yb, nil)), true, nil
}

// maxIntBits bounds the size of an int that arithmetic builds: like a str
// over MaxSequenceBytes, a larger result raises MemoryError rather than
// exhausting the host's memory.
const maxIntBits = 8 * MaxSequenceBytes

// chargeBigResult refuses an int result of more than maxIntBits bits and
// charges work (word operations; 16 count as one step) before the work is
// done: one multiplication or power cannot be interrupted once started, so
// the step budget and the context are enforced here.
func (t *Thread) chargeBigResult(bits int64, work float64) error {
	if bits > maxIntBits {
		return memoryError()
	}
	return t.charge(int64(work / 16))
}

// mulWork estimates the word operations of multiplying ints of a and b
// bits: schoolbook for a small operand, Karatsuba (n^1.585) for balanced
// ones.
func mulWork(a, b int64) float64 {
	wa, wb := float64(a/64+1), float64(b/64+1)
	if wa > wb {
		wa, wb = wb, wa
	}
	return wb * math.Pow(wa, 0.585)
}

// maxStrDigits is CPython's default sys.get_int_max_str_digits() (since
// 3.8.14, 3.9.14, 3.10.7 and 3.11): converting an int of more decimal
// digits to or from str raises ValueError.
const maxStrDigits = 4300

// maxStrDigitsBits is a bit length above which an int certainly has more
// than maxStrDigits decimal digits (2**14286 > 10**4300).
const maxStrDigitsBits = 14287

// intStrLimit is CPython's ValueError for an int→str conversion over
// maxStrDigits digits, or (has > 0) a str→int one of has digits.
func intStrLimit(minor, has int) error {
	lim := "4300 digits"
	if minor < 11 {
		lim = "4300"
	}
	if has > 0 {
		return valueErrorf("Exceeds the limit (%s) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", lim, has)
	}
	return valueErrorf("Exceeds the limit (%s) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", lim)
}

// bigDecimal is str(b) with CPython's limit on the number of digits.
func bigDecimal(t *Thread, b *big.Int) (string, error) {
	if b.BitLen() > maxStrDigitsBits {
		return "", intStrLimit(t.minor(), 0)
	}
	s := b.String()
	if n := len(s) - b2i(b.Sign() < 0); n > maxStrDigits {
		return "", intStrLimit(t.minor(), 0)
	}
	return s, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func absI(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// intToFloat converts an int to float, raising OverflowError when too large.
func intToFloat(o py.Object) (float64, error) {
	x, xb, _ := intValue(o)
	if xb == nil {
		return float64(x), nil
	}
	f, _ := new(big.Float).SetInt(xb).Float64()
	if math.IsInf(f, 0) {
		return 0, Errorf(OverflowErrorType, "int too large to convert to float")
	}
	return f, nil
}

// asIndex converts an int-like object to an int64 index; ok is false for
// non-ints, err is set when the value does not fit.
func asIndex(o py.Object) (int64, bool, error) {
	x, xb, ok := intValue(o)
	if !ok {
		return 0, false, nil
	}
	if xb != nil {
		if xb.IsInt64() {
			return xb.Int64(), true, nil
		}
		return 0, true, Errorf(IndexErrorType, "cannot fit 'int' into an index-sized integer")
	}
	return x, true, nil
}
