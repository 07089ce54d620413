package pyfmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// Bounds beyond which round(x, n) returns x (n too large) or a signed
// zero (n too small), as in CPython's float___round__.
const (
	roundDigitsMax = 323  // (DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103
	roundDigitsMin = -308 // -(DBL_MAX_EXP + 1) * 0.30103
)

// Round returns round(f, ndigits) exactly as CPython computes it: the
// exact binary value of f is rounded half-to-even at 10**-ndigits and the
// decimal result converted back to the nearest float. The only error is
// OverflowError "rounded value too large to represent".
func Round(f float64, ndigits int) (float64, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f, nil
	}
	if ndigits > roundDigitsMax {
		return f, nil
	}
	if ndigits < roundDigitsMin {
		return math.Copysign(0, f), nil
	}
	if ndigits >= 0 {
		// strconv's 'f' format with an explicit precision rounds the exact
		// decimal expansion of f half-to-even (bigFtoa), which is the rounding
		// wanted here, without big.Rat; the result cannot overflow.
		var buf [64]byte
		v, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], f, 'f', ndigits, 64)), 64)
		return v, nil
	}
	// q = round_half_even(|f| * 10**ndigits), computed exactly.
	r := new(big.Rat).SetFloat64(math.Abs(f))
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(ndigits))), nil)
	if ndigits >= 0 {
		r.Mul(r, new(big.Rat).SetInt(p))
	} else {
		r.Quo(r, new(big.Rat).SetInt(p))
	}
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	m.Lsh(m, 1)
	if c := m.Cmp(r.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	s := q.String() + "e" + strconv.Itoa(-ndigits)
	if math.Signbit(f) {
		s = "-" + s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && math.IsInf(v, 0) {
		return 0, overflowError("rounded value too large to represent")
	}
	return v, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// RoundHalfEven returns the float value of round(f) (no ndigits): the
// nearest integer, ties to even. Infinities and NaN are returned as is;
// RoundToInt gives the Python int and the errors.
func RoundHalfEven(f float64) float64 {
	return math.RoundToEven(f)
}

// RoundToInt returns round(f) as a Python int: OverflowError for
// infinities, ValueError for NaN.
func RoundToInt(f float64) (*big.Int, error) {
	return FloatToInt(math.RoundToEven(f))
}

// FloatToInt returns int(f) (truncation toward zero) with CPython's
// errors for infinities and NaN.
func FloatToInt(f float64) (*big.Int, error) {
	switch {
	case math.IsNaN(f):
		return nil, valueError("cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		return nil, overflowError("cannot convert float infinity to integer")
	}
	i, _ := new(big.Float).SetFloat64(math.Trunc(f)).Int(nil)
	return i, nil
}

// FloatStr returns str(f), which is repr(f) in Python 3.
func FloatStr(f float64) string { return pyrepr.Float(f) }

// FloatHex returns float.hex(f), e.g. "0x1.8000000000000p+0".
func FloatHex(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	sign := ""
	if math.Signbit(f) {
		sign = "-"
	}
	if f == 0 {
		return sign + "0x0.0p+0"
	}
	bits := math.Float64bits(f)
	exp := int(bits>>52) & 0x7ff
	mant := bits & (1<<52 - 1)
	lead := "1"
	if exp == 0 {
		// Subnormal: CPython prints 0x0.<mantissa>p-1022.
		lead, exp = "0", 1
	}
	e := exp - 1023
	es := strconv.Itoa(e)
	if e >= 0 {
		es = "+" + es
	}
	h := strconv.FormatUint(mant, 16)
	h = strings.Repeat("0", 13-len(h)) + h
	return sign + "0x" + lead + "." + h + "p" + es
}

// FloatFromHex is float.fromhex(s): optional surrounding whitespace and
// sign, then inf, infinity or nan, or hex digits with an optional point,
// an optional 0x prefix and an optional p exponent. The result is
// correctly rounded (half to even).
func FloatFromHex(s string) (float64, error) {
	invalid := valueError("invalid hexadecimal floating-point string")
	t := strings.TrimFunc(s, isPySpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	sign := 1.0
	if neg {
		sign = -1
	}
	switch strings.ToLower(t) {
	case "inf", "infinity":
		return math.Inf(int(sign)), nil
	case "nan":
		// CPython's NaN is the quiet NaN 0x7ff8..., keeping the sign.
		return math.Copysign(math.Float64frombits(0x7ff8000000000000), sign), nil
	}
	if len(t) >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') {
		t = t[2:]
	}
	i, nDigits, dot := 0, 0, false
	for ; i < len(t); i++ {
		c := t[i]
		if c == '.' && !dot {
			dot = true
			continue
		}
		if !isHexDigit(c) {
			break
		}
		nDigits++
	}
	if nDigits == 0 {
		return 0, invalid
	}
	mant := t[:i]
	exp := "0"
	if i < len(t) && (t[i] == 'p' || t[i] == 'P') {
		j := i + 1
		if j < len(t) && (t[j] == '+' || t[j] == '-') {
			j++
		}
		k := j
		for k < len(t) && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k == j {
			return 0, invalid
		}
		exp = t[i+1 : k]
		i = k
	}
	if i != len(t) {
		return 0, invalid
	}
	if mant == "." {
		return 0, invalid
	}
	if strings.HasPrefix(mant, ".") {
		mant = "0" + mant
	}
	v, err := strconv.ParseFloat("0x"+mant+"p"+exp, 64)
	if err != nil && math.IsInf(v, 0) {
		return 0, overflowError("hexadecimal value too large to represent as a float")
	}
	return sign * v, nil
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// isPySpace is CPython's Py_ISSPACE: ASCII whitespace only.
func isPySpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}
