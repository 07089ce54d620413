package pyexec

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

// The methods of float: hex, fromhex (a classmethod), is_integer,
// as_integer_ratio and conjugate, and the real and imag attributes of
// instances of float subclasses.

func init() {
	addMethods(py.FloatType, map[string]MethodFunc{
		"hex": floatMethod0("hex", func(t *Thread, x float64) (py.Object, error) {
			return py.String(floatHex(x)), nil
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
		x, err := floatFromHex(string(s))
		if err != nil || cls == py.FloatType {
			return x, err
		}
		return call(t, cls, []py.Object{x}, nil)
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

// floatHex is float.hex(x): CPython's "[-]0x1.<13 hex digits>p<exp>"
// (0x0.… for subnormals), "inf", "-inf" or "nan".
func floatHex(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	sign := ""
	if math.Signbit(x) {
		sign = "-"
	}
	if x == 0 {
		return sign + "0x0.0p+0"
	}
	b := math.Float64bits(x)
	mant := b & (1<<52 - 1)
	exp := int64(b>>52) & 0x7ff
	lead := "1"
	if exp == 0 {
		lead, exp = "0", -1022
	} else {
		exp -= 1023
	}
	digits := strconv.FormatUint(mant, 16)
	digits = strings.Repeat("0", 13-len(digits)) + digits
	es := strconv.FormatInt(exp, 10)
	if exp >= 0 {
		es = "+" + es
	}
	return sign + "0x" + lead + "." + digits + "p" + es
}

func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isPySpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// floatFromHex is float.fromhex(s): [ws] [sign] (inf|infinity|nan |
// [0x] hexdigits [. hexdigits] [p [sign] digits]) [ws], rounded half to
// even as CPython rounds it.
func floatFromHex(s string) (py.Object, error) {
	invalid := func() (py.Object, error) {
		return nil, valueErrorf("invalid hexadecimal floating-point string")
	}
	overflow := func() (py.Object, error) {
		return nil, Errorf(OverflowErrorType, "hexadecimal value too large to represent as a float")
	}
	i, n := 0, len(s)
	for i < n && isPySpaceByte(s[i]) {
		i++
	}
	end := n
	for end > i && isPySpaceByte(s[end-1]) {
		end--
	}
	s = s[i:end]
	neg := false
	body := s
	if body != "" && (body[0] == '-' || body[0] == '+') {
		neg = body[0] == '-'
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if neg {
			return py.Float(math.Inf(-1)), nil
		}
		return py.Float(math.Inf(1)), nil
	case "nan":
		return py.Float(math.NaN()), nil
	}
	p := 0
	if len(body) >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		p = 2
	}
	var intDigits, fracDigits []byte
	for p < len(body) && hexDigit(body[p]) >= 0 {
		intDigits = append(intDigits, body[p])
		p++
	}
	if p < len(body) && body[p] == '.' {
		p++
		for p < len(body) && hexDigit(body[p]) >= 0 {
			fracDigits = append(fracDigits, body[p])
			p++
		}
	}
	if len(intDigits)+len(fracDigits) == 0 {
		return invalid()
	}
	var exp int64
	if p < len(body) && (body[p] == 'p' || body[p] == 'P') {
		p++
		start := p
		if p < len(body) && (body[p] == '-' || body[p] == '+') {
			p++
		}
		if p >= len(body) || body[p] < '0' || body[p] > '9' {
			return invalid()
		}
		for p < len(body) && body[p] >= '0' && body[p] <= '9' {
			p++
		}
		e, err := strconv.ParseInt(body[start:p], 10, 64)
		if err != nil { // out of range: saturate as strtol does
			e = math.MaxInt64
			if body[start] == '-' {
				e = math.MinInt64
			}
		}
		exp = e
	}
	if p != len(body) {
		return invalid()
	}
	digits := strings.TrimLeft(string(intDigits)+string(fracDigits), "0")
	var x float64
	switch {
	case digits == "" || exp < math.MinInt64/2:
		x = 0
	case exp > math.MaxInt64/2:
		return overflow()
	default:
		exp -= 4 * int64(len(fracDigits))
		// topExp is one more than the exponent of the most significant bit.
		topExp := exp + 4*int64(len(digits)-1)
		for d := hexDigit(digits[0]); d != 0; d /= 2 {
			topExp++
		}
		if topExp < -1021-53 {
			x = 0
			break
		}
		if topExp > 1024 {
			return overflow()
		}
		mant, _ := new(big.Int).SetString(digits, 16)
		f := new(big.Float).SetPrec(uint(mant.BitLen())+1).SetMantExp(new(big.Float).SetInt(mant), int(exp))
		x, _ = f.Float64()
		if math.IsInf(x, 0) {
			return overflow()
		}
	}
	if neg {
		x = -x
	}
	return py.Float(x), nil
}
