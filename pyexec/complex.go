package pyexec

import (
	"math"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
)

// ComplexType is the built-in complex type. It is made like a native type
// (module builtins) so that operators, abs, hash, bool and format reach its
// dunder methods through the hooks of hooks_stdlib3.go.
var ComplexType = NewNativeType("builtins", "complex", nil)

// Complex is a Python complex number.
type Complex complex128

// Type returns complex.
func (c Complex) Type() *py.Type { return ComplexType }

// NewComplex returns complex(re, im).
func NewComplex(re, im float64) Complex { return Complex(complex(re, im)) }

// Repr returns CPython's repr: "1j", "(1+2j)", "(-0-0j)", "(nan+infj)".
func (c Complex) Repr(*Thread) (string, error) {
	re, im := real(c), imag(c)
	ims := pyfmt.DoubleToString(im, 'r', 0, pyfmt.DTFlags{Sign: true})
	if math.IsNaN(im) {
		ims = "+nan"
	}
	if re == 0 && !math.Signbit(re) {
		return strings.TrimPrefix(ims, "+") + "j", nil
	}
	return "(" + pyfmt.DoubleToString(re, 'r', 0, pyfmt.DTFlags{}) + ims + "j)", nil
}

// GetAttr returns .real and .imag.
func (c Complex) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	switch name {
	case "real":
		return py.Float(real(c)), true, nil
	case "imag":
		return py.Float(imag(c)), true, nil
	case "__class__":
		return ComplexType, true, nil
	}
	return nil, false, nil
}

// PyEqual compares with complex, int, float and bool values.
func (c Complex) PyEqual(t *Thread, other py.Object) (bool, bool, error) {
	switch o := other.(type) {
	case Complex:
		return c == o, true, nil
	case py.Float:
		return imag(c) == 0 && real(c) == float64(o), true, nil
	case py.Int, py.Bool, *py.BigInt:
		if imag(c) != 0 {
			return false, true, nil
		}
		return floatIntCmp(real(c), o) == 0, true, nil
	}
	return false, false, nil
}

// complexOperand converts a complex, float, int or bool operand; ok is false
// for other types (NotImplemented).
func complexOperand(o py.Object) (complex128, bool, error) {
	switch x := o.(type) {
	case Complex:
		return complex128(x), true, nil
	case py.Float:
		return complex(float64(x), 0), true, nil
	case py.Int, py.Bool, *py.BigInt:
		f, err := intToFloat(x)
		return complex(f, 0), true, err
	}
	return 0, false, nil
}

// cQuot is CPython's _Py_c_quot; ok is false for division by zero.
func cQuot(a, b complex128) (complex128, bool) {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	absBr, absBi := math.Abs(br), math.Abs(bi)
	switch {
	case absBr >= absBi:
		if absBr == 0 {
			return 0, false
		}
		ratio := bi / br
		denom := br + bi*ratio
		return complex((ar+ai*ratio)/denom, (ai-ar*ratio)/denom), true
	case absBi >= absBr:
		ratio := br / bi
		denom := br*ratio + bi
		return complex((ar*ratio+ai)/denom, (ai*ratio-ar)/denom), true
	}
	return complex(math.NaN(), math.NaN()), true
}

func cProd(a, b complex128) complex128 {
	return complex(real(a)*real(b)-imag(a)*imag(b), real(a)*imag(b)+imag(a)*real(b))
}

// cPow is CPython's complex ** (c_powi for small integral exponents, else
// _Py_c_pow); it raises ZeroDivisionError and OverflowError as CPython does.
func cPow(a, b complex128) (Complex, error) {
	var r complex128
	dom := false
	br := real(b)
	if imag(b) == 0 && br == math.Floor(br) && math.Abs(br) <= 100 {
		n := int64(br)
		pu := func(x complex128, n int64) complex128 {
			r, p := complex128(1), x
			for mask := int64(1); mask > 0 && n >= mask; mask <<= 1 {
				if n&mask != 0 {
					r = cProd(r, p)
				}
				p = cProd(p, p)
			}
			return r
		}
		if n > 0 {
			r = pu(a, n)
		} else {
			var ok bool
			r, ok = cQuot(1, pu(a, -n))
			dom = !ok
		}
	} else {
		switch {
		case real(b) == 0 && imag(b) == 0:
			r = 1
		case real(a) == 0 && imag(a) == 0:
			dom = imag(b) != 0 || real(b) < 0
			r = 0
		default:
			vabs := math.Hypot(real(a), imag(a))
			l := math.Pow(vabs, real(b))
			at := math.Atan2(imag(a), real(a))
			phase := at * real(b)
			if imag(b) != 0 {
				l /= math.Exp(at * imag(b))
				phase += imag(b) * math.Log(vabs)
			}
			r = complex(l*math.Cos(phase), l*math.Sin(phase))
		}
	}
	if dom {
		return 0, Errorf(ZeroDivisionErrorType, "0.0 to a negative or complex power")
	}
	if math.IsInf(real(r), 0) || math.IsInf(imag(r), 0) {
		if !math.IsInf(real(a), 0) && !math.IsInf(imag(a), 0) && !math.IsInf(real(b), 0) && !math.IsInf(imag(b), 0) {
			return 0, Errorf(OverflowErrorType, "complex exponentiation")
		}
	}
	return Complex(r), nil
}

// complexBinary applies op to complex operands (reflected: b op a).
func complexBinary(op int, self, other py.Object, reflected bool) (py.Object, error) {
	a, ok, err := complexOperand(self)
	if err != nil || !ok {
		return NotImplemented, err
	}
	b, ok, err := complexOperand(other)
	if err != nil {
		return nil, err
	}
	if !ok {
		return NotImplemented, nil
	}
	if reflected {
		a, b = b, a
	}
	switch op {
	case opAdd:
		return Complex(complex(real(a)+real(b), imag(a)+imag(b))), nil
	case opSub:
		return Complex(complex(real(a)-real(b), imag(a)-imag(b))), nil
	case opMul:
		return Complex(cProd(a, b)), nil
	case opTrueDiv:
		r, ok := cQuot(a, b)
		if !ok {
			return nil, Errorf(ZeroDivisionErrorType, "complex division by zero")
		}
		return Complex(r), nil
	case opPow:
		return cPow(a, b)
	}
	return NotImplemented, nil
}

// complexFormat is complex.__format__.
func complexFormat(t *Thread, c Complex, spec string) (string, error) {
	if spec == "" {
		return c.Repr(t)
	}
	sp, err := pyfmt.ParseSpecFor(spec, "complex", t.minor())
	if err != nil {
		return "", fmtError(err)
	}
	if sp.ZeroPad {
		return "", valueErrorf("Zero padding is not allowed in complex format specifier")
	}
	if sp.Align == '=' {
		return "", valueErrorf("'=' alignment flag is not allowed in complex format specifier")
	}
	re, im := real(c), imag(c)
	typ := byte(sp.Type)
	if !sp.HasType {
		typ = 0
	}
	switch typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n':
	default:
		return "", valueErrorf("Unknown format code '%c' for object of type 'complex'", sp.Type)
	}
	prec, defPrec := sp.Precision, 6
	skipRe, parens := false, false
	if typ == 0 {
		typ, defPrec = 'r', 0
		if re == 0 && !math.Signbit(re) {
			skipRe = true
		} else {
			parens = true
		}
	}
	if typ == 'n' {
		typ = 'g'
	}
	if prec < 0 {
		prec = defPrec
	} else if typ == 'r' {
		typ = 'g'
	}
	fl := pyfmt.DTFlags{Alt: sp.Alternate, NoNegZero: sp.NoNegZero}
	signed := func(x float64, sign rune) string {
		s := pyfmt.DoubleToString(x, typ, prec, fl)
		if math.IsNaN(x) {
			s = strings.TrimPrefix(s, "-")
		}
		if !strings.HasPrefix(s, "-") {
			switch sign {
			case '+':
				s = "+" + s
			case ' ':
				s = " " + s
			}
		}
		return s
	}
	var b strings.Builder
	if parens {
		b.WriteByte('(')
	}
	imSign := sp.Sign
	if !skipRe {
		b.WriteString(signed(re, sp.Sign))
		imSign = '+'
	}
	b.WriteString(signed(im, imSign))
	b.WriteByte('j')
	if parens {
		b.WriteByte(')')
	}
	s := b.String()
	n := len([]rune(s))
	if sp.Width > n {
		pad := sp.Width - n
		fill := string(sp.Fill)
		switch sp.Align {
		case '<':
			s += strings.Repeat(fill, pad)
		case '^':
			s = strings.Repeat(fill, pad/2) + s + strings.Repeat(fill, pad-pad/2)
		default:
			s = strings.Repeat(fill, pad) + s
		}
	}
	return s, nil
}

// realNumber converts a real number (int, float, bool, or a value whose
// type defines __float__ or __index__) to float64; ok is false when o is
// not one.
func realNumber(t *Thread, o py.Object) (float64, bool, error) {
	switch x := o.(type) {
	case py.Float:
		return float64(x), true, nil
	case py.Int, py.Bool, *py.BigInt:
		f, err := intToFloat(x)
		return f, true, err
	}
	if r, ok, err := numberHook(t, o, true); ok || err != nil {
		if err != nil {
			return 0, true, err
		}
		f, _ := r.(py.Float)
		return float64(f), true, nil
	}
	for _, n := range []string{"__float__", "__index__"} {
		r, found, err := NativeDunder(t, o, n)
		if err != nil {
			return 0, true, err
		}
		if found {
			if f, ok := r.(py.Float); ok {
				return float64(f), true, nil
			}
			if isInt(r) {
				f, err := intToFloat(r)
				return f, true, err
			}
			return 0, true, typeErrorf("%s.%s returned non-float (type %s)", TypeName(o), n, TypeName(r))
		}
	}
	return 0, false, nil
}

// parseComplex parses complex()'s string argument.
func parseComplex(s string) (Complex, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") {
		if !strings.HasSuffix(s, ")") {
			return 0, false
		}
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	num := func(s string) (float64, int) {
		// Longest prefix of s that is a float literal (optional sign).
		i := 0
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		low := strings.ToLower(s[i:])
		for _, w := range []string{"infinity", "inf", "nan"} {
			if strings.HasPrefix(low, w) {
				f := math.NaN()
				if w != "nan" {
					f = math.Inf(1)
				}
				if s[0] == '-' {
					f = -f
				}
				return f, i + len(w)
			}
		}
		j := i
		digits := func() bool {
			st := j
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '_' && j > st && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
				j++
			}
			return j > st
		}
		d1 := digits()
		d2 := false
		if j < len(s) && s[j] == '.' {
			j++
			d2 = digits()
		}
		if !d1 && !d2 {
			return 0, 0
		}
		if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
			k := j
			j++
			if j < len(s) && (s[j] == '+' || s[j] == '-') {
				j++
			}
			if !digits() {
				j = k
			}
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s[:j], "_", ""), 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return 0, 0
		}
		return f, j
	}
	isJ := func(s string) bool { return s == "j" || s == "J" }
	x, n := num(s)
	if n == 0 {
		// j, +j, -j
		sign := 1.0
		rest := s
		if strings.HasPrefix(rest, "+") || strings.HasPrefix(rest, "-") {
			if rest[0] == '-' {
				sign = -1
			}
			rest = rest[1:]
		}
		if isJ(rest) {
			return NewComplex(0, sign), true
		}
		return 0, false
	}
	rest := s[n:]
	switch {
	case rest == "":
		return NewComplex(x, 0), true
	case isJ(rest):
		return NewComplex(0, x), true
	case rest[0] == '+' || rest[0] == '-':
		y, m := num(rest)
		if m == 0 {
			y = 1
			if rest[0] == '-' {
				y = -1
			}
			m = 1
		}
		if isJ(rest[m:]) {
			return NewComplex(x, y), true
		}
	}
	return 0, false
}

// newComplex is complex(real=0, imag=0).
func newComplex(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("complex", args, kw, []string{"real", "imag"}, 0)
	if err != nil {
		return nil, err
	}
	r, i := a[0], a[1]
	if r == nil {
		r = py.Float(0)
	}
	if s, ok := r.(py.String); ok {
		if i != nil {
			return nil, typeErrorf("complex() can't take second arg if first is a string")
		}
		c, ok := parseComplex(string(s))
		if !ok {
			return nil, valueErrorf("complex() arg is a malformed string")
		}
		return c, nil
	}
	if _, ok := i.(py.String); ok {
		return nil, typeErrorf("complex() second arg can't be a string")
	}
	if c, ok := r.(Complex); ok && i == nil {
		return c, nil
	}
	var cr complex128
	crIsComplex := false
	if res, found, err := callDunder(t, r, "__complex__"); found || err != nil {
		if err != nil {
			return nil, err
		}
		c, ok := res.(Complex)
		if !ok {
			return nil, typeErrorf("__complex__ returned non-complex (type %s)", TypeName(res))
		}
		cr, crIsComplex = complex128(c), true
	} else if c, ok := r.(Complex); ok {
		cr, crIsComplex = complex128(c), true
	} else {
		f, ok, err := realNumber(t, r)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, typeErrorf("complex() first argument must be a string or a number, not '%s'", TypeName(r))
		}
		cr = complex(f, 0)
	}
	var ci complex128
	ciIsComplex := false
	if i != nil {
		if c, ok := i.(Complex); ok {
			ci, ciIsComplex = complex128(c), true
		} else {
			f, ok, err := realNumber(t, i)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, typeErrorf("complex() second argument must be a number, not '%s'", TypeName(i))
			}
			ci = complex(f, 0)
		}
	}
	re, im := real(cr), real(ci)
	if ciIsComplex {
		re -= imag(ci)
	}
	if crIsComplex && i != nil {
		im += imag(cr)
	} else if crIsComplex {
		im = imag(cr)
	}
	return NewComplex(re, im), nil
}

func init() {
	builtinTypes["complex"] = ComplexType
	SetTypeCtor(ComplexType, newComplex)
	bin := func(op int, reflected bool) MethodFunc {
		return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 1 {
				return nil, typeErrorf("expected 1 argument, got %d", len(args))
			}
			return complexBinary(op, self, args[0], reflected)
		}
	}
	m := map[string]MethodFunc{
		"__add__": bin(opAdd, false), "__radd__": bin(opAdd, true),
		"__sub__": bin(opSub, false), "__rsub__": bin(opSub, true),
		"__mul__": bin(opMul, false), "__rmul__": bin(opMul, true),
		"__truediv__": bin(opTrueDiv, false), "__rtruediv__": bin(opTrueDiv, true),
		"__pow__": bin(opPow, false), "__rpow__": bin(opPow, true),
		"__neg__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(Complex)
			return NewComplex(-real(c), -imag(c)), nil
		},
		"__pos__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self, nil
		},
		"__abs__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(Complex)
			re, im := real(c), imag(c)
			if math.IsInf(re, 0) || math.IsInf(im, 0) {
				return py.Float(math.Inf(1)), nil
			}
			if math.IsNaN(re) || math.IsNaN(im) {
				return py.Float(math.NaN()), nil
			}
			r := math.Hypot(re, im)
			if math.IsInf(r, 0) {
				return nil, Errorf(OverflowErrorType, "absolute value too large")
			}
			return py.Float(r), nil
		},
		"__bool__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.NewBool(self.(Complex) != 0), nil
		},
		"__hash__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(Complex)
			return MakeInt(t.hasher().Complex(real(c), imag(c), 0)), nil
		},
		"__format__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 1 {
				return nil, typeErrorf("__format__() takes exactly one argument (%d given)", len(args))
			}
			spec, ok := args[0].(py.String)
			if !ok {
				return nil, typeErrorf("__format__() argument must be str, not %s", TypeName(args[0]))
			}
			s, err := complexFormat(t, self.(Complex), string(spec))
			return py.String(s), err
		},
		"conjugate": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(Complex)
			return NewComplex(real(c), -imag(c)), nil
		},
		"__complex__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self, nil
		},
		"__getnewargs__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(Complex)
			return py.Tuple{py.Float(real(c)), py.Float(imag(c))}, nil
		},
	}
	AddMethods(ComplexType, m)
}
