// Package fractionsmod implements CPython's fractions module for pyexec:
// Fraction as a Python-level class (so it can be subclassed and takes part
// in reflected operators and comparisons like CPython's pure-Python class)
// whose methods are written in Go over math/big.
package fractionsmod

import (
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
)

var hashModulus = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 61), big.NewInt(1))

const hashInf = 314159

var fracRe = regexp.MustCompile(`(?i)^\s*([-+]?)(\d*|\d+(?:_\d+)*)(?:\s*/\s*(\d+(?:_\d+)*)|(?:\.(\d*|\d+(?:_\d+)*))?(?:E([-+]?\d+(?:_\d+)*))?)\s*$`)

// Rat returns the value of a Fraction instance, or nil.
func Rat(t *pyexec.Thread, o py.Object) *big.Rat {
	d, ok := pyexec.InstanceDict(o)
	if !ok {
		return nil
	}
	n, ok1 := d.GetStr(t, "_numerator")
	q, ok2 := d.GetStr(t, "_denominator")
	if !ok1 || !ok2 {
		return nil
	}
	nb, qb := pyexec.BigOf(n), pyexec.BigOf(q)
	if nb == nil || qb == nil || qb.Sign() == 0 {
		return nil
	}
	return new(big.Rat).SetFrac(nb, qb)
}

type fr struct {
	cls *py.Type
}

func (f *fr) make(t *pyexec.Thread, cls *py.Type, r *big.Rat) (py.Object, error) {
	if cls == nil {
		cls = f.cls
	}
	o, err := pyexec.NewInstance(t, cls)
	if err != nil {
		return nil, err
	}
	d, _ := pyexec.InstanceDict(o)
	if d == nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Fraction: no instance dict")
	}
	if err := d.SetItem(t, py.String("_numerator"), pyexec.IntFromBig(new(big.Int).Set(r.Num()))); err != nil {
		return nil, err
	}
	return o, d.SetItem(t, py.String("_denominator"), pyexec.IntFromBig(new(big.Int).Set(r.Denom())))
}

const (
	kNone = iota
	kRational
	kFloat
	kComplex
)

// operand classifies an operand of a Fraction operation.
func operand(t *pyexec.Thread, o py.Object) (*big.Rat, int) {
	if b := pyexec.BigOf(o); b != nil {
		return new(big.Rat).SetInt(b), kRational
	}
	if r := Rat(t, o); r != nil {
		return r, kRational
	}
	switch o.(type) {
	case py.Float:
		return nil, kFloat
	case py.Complex:
		return nil, kComplex
	}
	return nil, kNone
}

func zeroDiv(t *pyexec.Thread, num *big.Int) error {
	return pyexec.Errorf(pyexec.ZeroDivisionErrorType, "Fraction(%s, 0)", num.String())
}

func floatOf(r *big.Rat) float64 {
	f, _ := r.Float64()
	return f
}

func floorDiv(a, b *big.Rat) *big.Int {
	n := new(big.Int).Mul(a.Num(), b.Denom())
	d := new(big.Int).Mul(a.Denom(), b.Num())
	q, m := new(big.Int).DivMod(n, d, new(big.Int))
	if d.Sign() < 0 && m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func (f *fr) arith(t *pyexec.Thread, op int, a, b *big.Rat) (py.Object, error) {
	switch op {
	case pyexec.OpAdd:
		return f.make(t, nil, new(big.Rat).Add(a, b))
	case pyexec.OpSub:
		return f.make(t, nil, new(big.Rat).Sub(a, b))
	case pyexec.OpMul:
		return f.make(t, nil, new(big.Rat).Mul(a, b))
	case pyexec.OpTrueDiv:
		if b.Sign() == 0 {
			return nil, zeroDiv(t, new(big.Int).Mul(a.Num(), b.Denom()))
		}
		return f.make(t, nil, new(big.Rat).Quo(a, b))
	case pyexec.OpFloorDiv:
		if b.Sign() == 0 {
			return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "division by zero")
		}
		return pyexec.IntFromBig(floorDiv(a, b)), nil
	case pyexec.OpMod:
		if b.Sign() == 0 {
			return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "division by zero")
		}
		q := new(big.Rat).SetInt(floorDiv(a, b))
		return f.make(t, nil, new(big.Rat).Sub(a, q.Mul(q, b)))
	}
	return pyexec.NotImplemented, nil
}

func (f *fr) pow(t *pyexec.Thread, a *big.Rat, b py.Object, bk int, br *big.Rat) (py.Object, error) {
	if bk == kRational && br.IsInt() {
		e := br.Num()
		if !e.IsInt64() || e.Int64() > 1<<20 || e.Int64() < -(1<<20) {
			return nil, pyexec.Errorf(pyexec.OverflowErrorType, "exponent too large")
		}
		p := e.Int64()
		n, d := a.Num(), a.Denom()
		if p < 0 {
			if n.Sign() == 0 {
				return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "Fraction(%s, 0)", new(big.Int).Exp(d, big.NewInt(-p), nil))
			}
			n, d = d, n
			p = -p
		}
		nn := new(big.Int).Exp(n, big.NewInt(p), nil)
		dd := new(big.Int).Exp(d, big.NewInt(p), nil)
		return f.make(t, nil, new(big.Rat).SetFrac(nn, dd))
	}
	if bk == kRational {
		return pyexec.BinaryOp(t, pyexec.OpPow, py.Float(floatOf(a)), py.Float(floatOf(br)))
	}
	return pyexec.BinaryOp(t, pyexec.OpPow, py.Float(floatOf(a)), b)
}

func (f *fr) parse(t *pyexec.Thread, s string) (*big.Rat, error) {
	m := fracRe.FindStringSubmatch(s)
	bad := func() error {
		r, _ := pyexec.Repr(t, py.String(s))
		return pyexec.Errorf(pyexec.ValueErrorType, "Invalid literal for Fraction: %s", r)
	}
	if m == nil || m[2] == "" && !strings.Contains(s, ".") {
		return nil, bad()
	}
	if m[2] == "" && m[4] == "" {
		return nil, bad()
	}
	clean := func(x string) string { return strings.ReplaceAll(x, "_", "") }
	num, _ := new(big.Int).SetString("0"+clean(m[2]), 10)
	var r *big.Rat
	if m[3] != "" {
		den, _ := new(big.Int).SetString(clean(m[3]), 10)
		if den.Sign() == 0 {
			return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "Fraction(%s, 0)", num)
		}
		r = new(big.Rat).SetFrac(num, den)
	} else {
		den := big.NewInt(1)
		if m[4] != "" {
			dec := clean(m[4])
			scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(dec))), nil)
			dv, _ := new(big.Int).SetString("0"+dec, 10)
			num.Mul(num, scale).Add(num, dv)
			den.Mul(den, scale)
		}
		if m[5] != "" {
			exp, _ := new(big.Int).SetString(clean(m[5]), 10)
			if !exp.IsInt64() || exp.Int64() > 100000 || exp.Int64() < -100000 {
				return nil, bad()
			}
			p := new(big.Int).Exp(big.NewInt(10), new(big.Int).Abs(exp), nil)
			if exp.Sign() >= 0 {
				num.Mul(num, p)
			} else {
				den.Mul(den, p)
			}
		}
		r = new(big.Rat).SetFrac(num, den)
	}
	if m[1] == "-" {
		r.Neg(r)
	}
	return r, nil
}

func floatRat(x float64) (*big.Rat, error) {
	if math.IsInf(x, 0) {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert Infinity to integer ratio")
	}
	if math.IsNaN(x) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert NaN to integer ratio")
	}
	return new(big.Rat).SetFloat64(x), nil
}

func (f *fr) newFrac(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) == 0 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Fraction.__new__(): not enough arguments")
	}
	cls, _ := args[0].(*py.Type)
	a, err := pyexec.BindArgs("__new__", args[1:], kw, []string{"numerator", "denominator", "$_normalize"}, 0)
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		a[0] = pyexec.MakeInt(0)
	}
	if a[1] == nil || pyexec.IsNone(a[1]) {
		if r, k := operand(t, a[0]); k == kRational {
			return f.make(t, cls, r)
		}
		switch x := a[0].(type) {
		case py.Float:
			r, err := floatRat(float64(x))
			if err != nil {
				return nil, err
			}
			return f.make(t, cls, r)
		case py.String:
			r, err := f.parse(t, string(x))
			if err != nil {
				return nil, err
			}
			return f.make(t, cls, r)
		}
		if r, err := decimalRat(t, a[0]); r != nil || err != nil {
			if err != nil {
				return nil, err
			}
			return f.make(t, cls, r)
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument should be a string or a Rational instance")
	}
	n, k1 := operand(t, a[0])
	d, k2 := operand(t, a[1])
	if k1 != kRational || k2 != kRational {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "both arguments should be Rational instances")
	}
	if d.Sign() == 0 {
		s, _ := pyexec.Str(t, a[0])
		return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "Fraction(%s, 0)", s)
	}
	return f.make(t, cls, new(big.Rat).Quo(n, d))
}

// decimalRat converts a decimal.Decimal (anything with as_integer_ratio
// that is not a float) to a Rat; nil when o is not one.
func decimalRat(t *pyexec.Thread, o py.Object) (*big.Rat, error) {
	if pyexec.TypeName(o) != "Decimal" {
		return nil, nil
	}
	m, err := pyexec.GetAttr(t, o, "as_integer_ratio")
	if err != nil {
		return nil, err
	}
	r, err := pyexec.Call(t, m, nil, nil)
	if err != nil {
		return nil, err
	}
	tu := r.(py.Tuple)
	return new(big.Rat).SetFrac(pyexec.BigOf(tu[0]), pyexec.BigOf(tu[1])), nil
}

func hashRat(r *big.Rat) int64 {
	n, d := r.Num(), r.Denom()
	dinv := new(big.Int).ModInverse(d, hashModulus)
	var h *big.Int
	if dinv == nil {
		h = big.NewInt(hashInf)
	} else {
		h = new(big.Int).Abs(n)
		h.Mod(h, hashModulus)
		h.Mul(h, dinv).Mod(h, hashModulus)
	}
	v := h.Int64()
	if n.Sign() < 0 {
		v = -v
	}
	if v == -1 {
		v = -2
	}
	return v
}

func roundHalfEven(r *big.Rat) *big.Int {
	n, d := r.Num(), r.Denom()
	q, m := new(big.Int).DivMod(n, d, new(big.Int)) // floor since d > 0
	twice := new(big.Int).Lsh(m, 1)
	switch c := twice.Cmp(d); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return q
}

func cmpOp(op int, c int) bool {
	switch op {
	case pyexec.CmpLT:
		return c < 0
	case pyexec.CmpLE:
		return c <= 0
	case pyexec.CmpGT:
		return c > 0
	case pyexec.CmpGE:
		return c >= 0
	case pyexec.CmpEQ:
		return c == 0
	}
	return c != 0
}

func init() {
	pyexec.RegisterModule("fractions", newModule)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	f := &fr{}
	self := func(t *pyexec.Thread, o py.Object) *big.Rat {
		r := Rat(t, o)
		if r == nil {
			return new(big.Rat)
		}
		return r
	}
	m1 := func(name string, fn func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error)) pyclass.Attr {
		return pyclass.Attr{Name: name, Value: pyclass.Method(name, func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 0, 0); err != nil {
				return nil, err
			}
			return fn(t, s, self(t, s))
		})}
	}
	binop := func(op int, reflected bool) pyclass.Attr {
		names := map[int]string{pyexec.OpAdd: "add", pyexec.OpSub: "sub", pyexec.OpMul: "mul", pyexec.OpTrueDiv: "truediv", pyexec.OpFloorDiv: "floordiv", pyexec.OpMod: "mod", pyexec.OpPow: "pow"}
		name := "__" + names[op] + "__"
		if reflected {
			name = "__r" + names[op] + "__"
		}
		return pyclass.Attr{Name: name, Value: pyclass.Method(name, func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s expected 1 argument", name)
			}
			a := self(t, s)
			b, k := operand(t, args[0])
			if op == pyexec.OpPow && !reflected {
				if k == kNone {
					return pyexec.NotImplemented, nil
				}
				return f.pow(t, a, args[0], k, b)
			}
			switch k {
			case kRational:
				if op == pyexec.OpPow { // reflected: int ** Fraction
					if a.IsInt() {
						if a.Sign() >= 0 {
							return pyexec.BinaryOp(t, pyexec.OpPow, args[0], pyexec.IntFromBig(new(big.Int).Set(a.Num())))
						}
						return f.pow(t, b, nil, kRational, a)
					}
					return pyexec.BinaryOp(t, pyexec.OpPow, args[0], py.Float(floatOf(a)))
				}
				if reflected {
					return f.arith(t, op, b, a)
				}
				return f.arith(t, op, a, b)
			case kFloat, kComplex:
				x := py.Object(py.Float(floatOf(a)))
				if reflected {
					return pyexec.BinaryOp(t, op, args[0], x)
				}
				return pyexec.BinaryOp(t, op, x, args[0])
			}
			return pyexec.NotImplemented, nil
		})}
	}
	cmp := func(name string, op int) pyclass.Attr {
		return pyclass.Attr{Name: name, Value: pyclass.Method(name, func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			a := self(t, s)
			b, k := operand(t, args[0])
			switch k {
			case kRational:
				return py.NewBool(cmpOp(op, a.Cmp(b))), nil
			case kFloat:
				x := float64(args[0].(py.Float))
				if math.IsNaN(x) || math.IsInf(x, 0) {
					if op == pyexec.CmpEQ || op == pyexec.CmpNE {
						return py.NewBool(op == pyexec.CmpNE), nil
					}
					return py.NewBool(cmpOp(op, compareFloat(0, x))), nil
				}
				return py.NewBool(cmpOp(op, a.Cmp(new(big.Rat).SetFloat64(x)))), nil
			case kComplex:
				if op == pyexec.CmpEQ || op == pyexec.CmpNE {
					c := complex128(args[0].(py.Complex))
					eq := imag(c) == 0 && !math.IsInf(real(c), 0) && !math.IsNaN(real(c)) && a.Cmp(new(big.Rat).SetFloat64(real(c))) == 0
					return py.NewBool(eq == (op == pyexec.CmpEQ)), nil
				}
			}
			return pyexec.NotImplemented, nil
		})}
	}
	attrs := []pyclass.Attr{
		{Name: "__new__", Value: pyclass.StaticMethod("__new__", f.newFrac)},
		{Name: "numerator", Value: pyclass.Property("numerator", func(t *pyexec.Thread, s py.Object) (py.Object, error) {
			return pyexec.IntFromBig(new(big.Int).Set(self(t, s).Num())), nil
		})},
		{Name: "denominator", Value: pyclass.Property("denominator", func(t *pyexec.Thread, s py.Object) (py.Object, error) {
			return pyexec.IntFromBig(new(big.Int).Set(self(t, s).Denom())), nil
		})},
		m1("__repr__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return py.String(pyexec.TypeOf(s).Name + "(" + r.Num().String() + ", " + r.Denom().String() + ")"), nil
		}),
		m1("__str__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			if r.IsInt() {
				return py.String(r.Num().String()), nil
			}
			return py.String(r.Num().String() + "/" + r.Denom().String()), nil
		}),
		m1("__hash__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return pyexec.MakeInt(hashRat(r)), nil
		}),
		m1("__bool__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return py.NewBool(r.Sign() != 0), nil
		}),
		m1("__float__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) { return py.Float(floatOf(r)), nil }),
		m1("__neg__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return f.make(t, nil, new(big.Rat).Neg(r))
		}),
		m1("__pos__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) { return f.make(t, nil, r) }),
		m1("__abs__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return f.make(t, nil, new(big.Rat).Abs(r))
		}),
		m1("__trunc__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return pyexec.IntFromBig(new(big.Int).Quo(r.Num(), r.Denom())), nil
		}),
		m1("__int__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return pyexec.IntFromBig(new(big.Int).Quo(r.Num(), r.Denom())), nil
		}),
		m1("__floor__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			q, _ := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
			return pyexec.IntFromBig(q), nil
		}),
		m1("__ceil__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			q, _ := new(big.Int).DivMod(new(big.Int).Neg(r.Num()), r.Denom(), new(big.Int))
			return pyexec.IntFromBig(q.Neg(q)), nil
		}),
		m1("as_integer_ratio", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) {
			return py.Tuple{pyexec.IntFromBig(new(big.Int).Set(r.Num())), pyexec.IntFromBig(new(big.Int).Set(r.Denom()))}, nil
		}),
		m1("__copy__", func(t *pyexec.Thread, s py.Object, r *big.Rat) (py.Object, error) { return s, nil }),
		{Name: "__deepcopy__", Value: pyclass.Method("__deepcopy__", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return s, nil
		})},
		{Name: "__reduce__", Value: pyclass.Method("__reduce__", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			r := self(t, s)
			return py.Tuple{pyexec.TypeOf(s), py.Tuple{pyexec.IntFromBig(new(big.Int).Set(r.Num())), pyexec.IntFromBig(new(big.Int).Set(r.Denom()))}}, nil
		})},
		{Name: "__round__", Value: pyclass.Method("__round__", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			r := self(t, s)
			if len(args) == 0 || pyexec.IsNone(args[0]) {
				return pyexec.IntFromBig(roundHalfEven(r)), nil
			}
			nd, ok, err := pyexec.AsIndex(args[0])
			if err != nil || !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
			}
			shift := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(absI(nd)), nil))
			if nd >= 0 {
				v := roundHalfEven(new(big.Rat).Mul(r, shift))
				return f.make(t, nil, new(big.Rat).Quo(new(big.Rat).SetInt(v), shift))
			}
			v := roundHalfEven(new(big.Rat).Quo(r, shift))
			return f.make(t, nil, new(big.Rat).Mul(new(big.Rat).SetInt(v), shift))
		})},
		{Name: "limit_denominator", Value: pyclass.Method("limit_denominator", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, err := pyexec.BindArgs("limit_denominator", args, kw, []string{"max_denominator"}, 0)
			if err != nil {
				return nil, err
			}
			maxD := big.NewInt(1000000)
			if a[0] != nil {
				if maxD = pyexec.BigOf(a[0]); maxD == nil {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "'<' not supported between instances of '%s' and 'int'", pyexec.TypeName(a[0]))
				}
			}
			if maxD.Cmp(big.NewInt(1)) < 0 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "max_denominator should be at least 1")
			}
			r := self(t, s)
			if r.Denom().Cmp(maxD) <= 0 {
				return f.make(t, nil, r)
			}
			return f.make(t, nil, limitDenominator(r, maxD))
		})},
		{Name: "is_integer", Value: pyclass.Method("is_integer", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.NewBool(self(t, s).IsInt()), nil
		})},
		{Name: "from_float", Value: pyclass.ClassMethod("from_float", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 2 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "from_float() takes 2 positional arguments but %d were given", len(args))
			}
			cls, _ := args[0].(*py.Type)
			if b := pyexec.BigOf(args[1]); b != nil {
				return f.make(t, cls, new(big.Rat).SetInt(b))
			}
			x, ok := args[1].(py.Float)
			if !ok {
				r, _ := pyexec.Repr(t, args[1])
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s.from_float() only takes floats, not %s (%s)", cls.Name, r, pyexec.TypeName(args[1]))
			}
			r, err := floatRat(float64(x))
			if err != nil {
				return nil, err
			}
			return f.make(t, cls, r)
		})},
		{Name: "from_decimal", Value: pyclass.ClassMethod("from_decimal", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 2 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "from_decimal() takes 2 positional arguments but %d were given", len(args))
			}
			cls, _ := args[0].(*py.Type)
			if b := pyexec.BigOf(args[1]); b != nil {
				return f.make(t, cls, new(big.Rat).SetInt(b))
			}
			r, err := decimalRat(t, args[1])
			if err != nil {
				return nil, err
			}
			if r == nil {
				rp, _ := pyexec.Repr(t, args[1])
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s.from_decimal() only takes Decimals, not %s (%s)", cls.Name, rp, pyexec.TypeName(args[1]))
			}
			return f.make(t, cls, r)
		})},
		cmp("__eq__", pyexec.CmpEQ), cmp("__lt__", pyexec.CmpLT), cmp("__le__", pyexec.CmpLE),
		cmp("__gt__", pyexec.CmpGT), cmp("__ge__", pyexec.CmpGE),
	}
	for _, op := range []int{pyexec.OpAdd, pyexec.OpSub, pyexec.OpMul, pyexec.OpTrueDiv, pyexec.OpFloorDiv, pyexec.OpMod, pyexec.OpPow} {
		attrs = append(attrs, binop(op, false), binop(op, true))
	}
	attrs = append(attrs, pyclass.Attr{Name: "__divmod__", Value: pyclass.Method("__divmod__", func(t *pyexec.Thread, s py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		a := self(t, s)
		b, k := operand(t, args[0])
		if k != kRational {
			if k == kFloat {
				return pyexec.Call(t, mustBuiltin(t, "divmod"), []py.Object{py.Float(floatOf(a)), args[0]}, nil)
			}
			return pyexec.NotImplemented, nil
		}
		q, err := f.arith(t, pyexec.OpFloorDiv, a, b)
		if err != nil {
			return nil, err
		}
		r, err := f.arith(t, pyexec.OpMod, a, b)
		if err != nil {
			return nil, err
		}
		return py.Tuple{q, r}, nil
	})})
	cls, err := pyclass.New(t, nil, "fractions", "Fraction", nil, attrs...)
	if err != nil {
		return nil, err
	}
	f.cls = cls
	m := pyexec.NewModule(t, "fractions")
	m.Set(t, "Fraction", cls)
	return m, nil
}

func mustBuiltin(t *pyexec.Thread, name string) py.Object {
	v, _ := pyexec.Builtins().GetStr(t, name)
	return v
}

func absI(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	}
	return 2
}

func limitDenominator(r *big.Rat, maxD *big.Int) *big.Rat {
	p0, q0, p1, q1 := big.NewInt(0), big.NewInt(1), big.NewInt(1), big.NewInt(0)
	n, d := new(big.Int).Set(r.Num()), new(big.Int).Set(r.Denom())
	for {
		a, _ := new(big.Int).DivMod(n, d, new(big.Int))
		q2 := new(big.Int).Add(q0, new(big.Int).Mul(a, q1))
		if q2.Cmp(maxD) > 0 {
			break
		}
		p0, q0, p1, q1 = p1, q1, new(big.Int).Add(p0, new(big.Int).Mul(a, p1)), q2
		n, d = d, new(big.Int).Sub(n, new(big.Int).Mul(a, d))
	}
	k, _ := new(big.Int).DivMod(new(big.Int).Sub(maxD, q0), q1, new(big.Int))
	b1 := new(big.Rat).SetFrac(new(big.Int).Add(p0, new(big.Int).Mul(k, p1)), new(big.Int).Add(q0, new(big.Int).Mul(k, q1)))
	b2 := new(big.Rat).SetFrac(p1, q1)
	d1 := new(big.Rat).Abs(new(big.Rat).Sub(b1, r))
	d2 := new(big.Rat).Abs(new(big.Rat).Sub(b2, r))
	if d2.Cmp(d1) <= 0 {
		return b2
	}
	return b1
}
