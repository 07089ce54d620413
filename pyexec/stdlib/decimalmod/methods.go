package decimalmod

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
	"github.com/pybridge/pybridge/pyexec"
)

func init() {
	pyexec.SetTypeCtor(DecimalType, newDecimal)
	// Instances of user subclasses carry a Decimal; arithmetic on them
	// returns Decimals, as CPython's does.
	pyexec.RegisterNativeBase(DecimalType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return newDecimal(t, args, kw)
	}})
	pyexec.SetClassMethod(DecimalType, "from_float", func(t *pyexec.Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("from_float", args, kw, 1, 1); err != nil {
			return nil, err
		}
		var r py.Object
		switch x := args[0].(type) {
		case py.Float:
			r = decFromFloat(float64(x))
		default:
			if !pyexec.IsInt(args[0]) {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument must be int or float")
			}
			r = decFromBig(pyexec.BigOf(args[0]))
		}
		if cls != DecimalType {
			// A subclass makes its instance from the Decimal.
			return pyexec.Call(t, cls, []py.Object{r}, nil)
		}
		return r, nil
	})
	decimalMethods()
	contextMethods()
	pyexec.RegisterModule("decimal", initModule)
}

func initModule(t *pyexec.Thread) (*pyexec.Module, error) {
	st, err := stateOf(t)
	if err != nil {
		return nil, err
	}
	m := pyexec.NewModule(t, "decimal")
	m.Set(t, "Decimal", DecimalType)
	m.Set(t, "Context", ContextType)
	for n, c := range st.exc {
		m.Set(t, n, c)
	}
	for n := range roundings {
		m.Set(t, n, py.String(n))
	}
	m.Set(t, "MAX_PREC", pyexec.MakeInt(999999999999999999))
	m.Set(t, "MAX_EMAX", pyexec.MakeInt(999999999999999999))
	m.Set(t, "MIN_EMIN", pyexec.MakeInt(-999999999999999999))
	m.Set(t, "MIN_ETINY", pyexec.MakeInt(-1999999999999999997))
	m.Set(t, "HAVE_THREADS", py.True)
	m.Set(t, "HAVE_CONTEXTVAR", py.True)
	m.Set(t, "DefaultContext", defaultContext())
	bc := defaultContext()
	bc.Prec, bc.Rounding, bc.Traps = 9, "ROUND_HALF_UP", sigInvalid|sigDivZero|sigOverflow|sigUnderflow|sigClamped
	m.Set(t, "BasicContext", bc)
	ec := defaultContext()
	ec.Prec, ec.Traps = 9, 0
	m.Set(t, "ExtendedContext", ec)
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"getcontext": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("getcontext", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return curContext(t)
		},
		"setcontext": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("setcontext", args, kw, 1, 1); err != nil {
				return nil, err
			}
			c, ok := args[0].(*Context)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument must be a context")
			}
			st, err := stateOf(t)
			if err != nil {
				return nil, err
			}
			st.ctx = c
			return py.None, nil
		},
		"localcontext": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			n := len(args) - len(kw)
			if n > 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "localcontext() takes at most 1 positional argument (%d given)", n)
			}
			var base *Context
			var err error
			if n == 1 {
				base, err = ctxArg(t, args[0])
			} else {
				base, err = curContext(t)
			}
			if err != nil {
				return nil, err
			}
			c := base.copy()
			for i, k := range kw {
				name := string(k.(py.String))
				if name == "ctx" {
					b, err := ctxArg(t, args[n+i])
					if err != nil {
						return nil, err
					}
					flags := c.Flags
					c = b.copy()
					c.Flags = flags
					continue
				}
				switch name {
				case "prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps":
				default:
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' is an invalid keyword argument for this function", name)
				}
				if err := c.set(t, name, args[n+i]); err != nil {
					return nil, err
				}
			}
			return &localContext{ctx: c}, nil
		},
	})
	return m, nil
}

// newDecimal is Decimal(value="0", context=None).
func newDecimal(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("Decimal", args, kw, []string{"value", "context"}, 0)
	if err != nil {
		return nil, err
	}
	c, err := ctxArg(t, a[1])
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		return &Decimal{}, nil
	}
	return fromObject(t, c, a[0])
}

type dmeth func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error)

func wrap(f dmeth) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return f(t, self.(*Decimal), args, kw)
	}
}

// optArgs binds a method's optional arguments (context last).
func optArgs(t *pyexec.Thread, name string, args []py.Object, kw py.Tuple, params []string, req int) ([]py.Object, *Context, error) {
	a, err := pyexec.BindArgs(name, args, kw, params, req)
	if err != nil {
		return nil, nil, err
	}
	c, err := ctxArg(t, a[len(a)-1])
	return a, c, err
}

func roundingArg(o py.Object) (string, error) {
	if o == nil || pyexec.IsNone(o) {
		return "", nil
	}
	s, ok := o.(py.String)
	if !ok || roundings[string(s)] == "" {
		return "", pyexec.Errorf(pyexec.TypeErrorType, "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
	}
	return string(s), nil
}

// unaryCtx makes a method (context=None) applying f with the context.
func unaryCtx(name string, f func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error)) pyexec.MethodFunc {
	return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
		_, c, err := optArgs(t, name, args, kw, []string{"context"}, 0)
		if err != nil {
			return nil, err
		}
		return f(t, c, d)
	})
}

func boolMeth(f func(d *Decimal) bool) pyexec.MethodFunc {
	return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.NewBool(f(d)), nil
	})
}

// transcendental wraps exp/ln/log10/sqrt: specials and domain errors are
// apd's, results are correctly rounded (half even).
func transcendental(name string, f func(ac *apd.Context, r, x *apd.Decimal) (apd.Condition, error), exact func(d *Decimal) (*Decimal, bool)) pyexec.MethodFunc {
	return unaryCtx(name, func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error) {
		if exact != nil {
			if r, ok := exact(d); ok {
				return round(t, c, r, 0, "")
			}
		}
		if d.v.Form == apd.NaNSignaling {
			return nanResult(t, c, condPlain)
		}
		ideal := func() int64 {
			if name == "sqrt" {
				e := int64(d.v.Exponent)
				if e < 0 {
					return -((-e + 1) / 2)
				}
				return e / 2
			}
			return 0
		}
		return correctly(t, c, "", ideal, func(ac *apd.Context, r *apd.Decimal) (apd.Condition, error) {
			return f(ac, r, &d.v)
		})
	})
}

func decimalMethods() {
	bin := func(op int, reflected bool) pyexec.MethodFunc {
		return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected 1 argument")
			}
			o, err := convertOp(t, args[0], false)
			if err != nil || o == nil {
				return pyexec.NotImplemented, err
			}
			c, err := curContext(t)
			if err != nil {
				return nil, err
			}
			if reflected {
				return arith(t, c, op, o, d)
			}
			return arith(t, c, op, d, o)
		})
	}
	divmod := func(reflected bool) pyexec.MethodFunc {
		return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := convertOp(t, args[0], false)
			if err != nil || o == nil {
				return pyexec.NotImplemented, err
			}
			c, err := curContext(t)
			if err != nil {
				return nil, err
			}
			x, y := d, o
			if reflected {
				x, y = o, d
			}
			q, err := arith(t, c, pyexec.OpFloorDiv, x, y)
			if err != nil {
				return nil, err
			}
			r, err := arith(t, c, pyexec.OpMod, x, y)
			if err != nil {
				return nil, err
			}
			return py.Tuple{q, r}, nil
		})
	}
	signedZero := func(d *Decimal) *Decimal {
		z := &Decimal{}
		if d.v.Form == apd.Finite {
			z.v.Exponent = d.v.Exponent
		}
		return z
	}
	m := map[string]pyexec.MethodFunc{
		"__add__": bin(pyexec.OpAdd, false), "__radd__": bin(pyexec.OpAdd, true),
		"__sub__": bin(pyexec.OpSub, false), "__rsub__": bin(pyexec.OpSub, true),
		"__mul__": bin(pyexec.OpMul, false), "__rmul__": bin(pyexec.OpMul, true),
		"__truediv__": bin(pyexec.OpTrueDiv, false), "__rtruediv__": bin(pyexec.OpTrueDiv, true),
		"__floordiv__": bin(pyexec.OpFloorDiv, false), "__rfloordiv__": bin(pyexec.OpFloorDiv, true),
		"__mod__": bin(pyexec.OpMod, false), "__rmod__": bin(pyexec.OpMod, true),
		"__pow__": bin(pyexec.OpPow, false), "__rpow__": bin(pyexec.OpPow, true),
		"__divmod__": divmod(false), "__rdivmod__": divmod(true),
		"__neg__": unaryCtx("__neg__", func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error) {
			if d.isNaN() {
				return arith(t, c, pyexec.OpSub, signedZero(d), d)
			}
			return arith(t, c, pyexec.OpSub, signedZero(d), d)
		}),
		"__pos__": unaryCtx("__pos__", func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error) {
			return arith(t, c, pyexec.OpAdd, signedZero(d), d)
		}),
		"__abs__": unaryCtx("__abs__", func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error) {
			if d.v.Negative {
				n := &Decimal{}
				n.v.Neg(&d.v)
				d = n
			}
			return arith(t, c, pyexec.OpAdd, signedZero(d), d)
		}),
		"__bool__": boolMeth(func(d *Decimal) bool { return d.v.Form != apd.Finite || !d.v.IsZero() }),
		"__hash__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			h, err := d.hash(t)
			return pyexec.MakeInt(h), err
		}),
		"__str__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.String(d.String()), nil
		}),
		"__float__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			switch d.v.Form {
			case apd.NaNSignaling:
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert signaling NaN to float")
			case apd.NaN:
				if d.v.Negative {
					return py.Float(-nanF()), nil
				}
				return py.Float(nanF()), nil
			}
			s := d.String()
			f, err := strconv.ParseFloat(strings.Replace(s, "Infinity", "Inf", 1), 64)
			if err != nil && !strings.Contains(err.Error(), "range") {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
			}
			return py.Float(f), nil
		}),
		"__int__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return d.rescale(t, "ROUND_DOWN", false)
		}),
		"__trunc__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return d.rescale(t, "ROUND_DOWN", false)
		}),
		"__floor__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return d.rescale(t, "ROUND_FLOOR", false)
		}),
		"__ceil__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return d.rescale(t, "ROUND_CEILING", false)
		}),
		"__round__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("__round__", args, kw, 0, 1); err != nil {
				return nil, err
			}
			if len(args) == 0 || pyexec.IsNone(args[0]) {
				return d.rescale(t, "ROUND_HALF_EVEN", false)
			}
			n, ok, _ := pyexec.AsIndex(args[0])
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "optional arg must be an integer")
			}
			c, err := curContext(t)
			if err != nil {
				return nil, err
			}
			return quantize(t, c, d, int32(-n), "")
		}),
		"__format__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("__format__", args, kw, 1, 2); err != nil {
				return nil, err
			}
			spec, ok := args[0].(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "format arg must be str")
			}
			c, err := curContext(t)
			if err != nil {
				return nil, err
			}
			s, err := format(t, c, d, string(spec))
			return py.String(s), err
		}),
		"__reduce__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.Tuple{DecimalType, py.Tuple{py.String(d.String())}}, nil
		}),
		"__copy__":     wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) { return d, nil }),
		"__deepcopy__": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) { return d, nil }),
		"quantize": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, c, err := optArgs(t, "quantize", args, kw, []string{"exp", "rounding", "context"}, 1)
			if err != nil {
				return nil, err
			}
			e, err := convertOp(t, a[0], true)
			if err != nil {
				return nil, err
			}
			r, err := roundingArg(a[1])
			if err != nil {
				return nil, err
			}
			if d.isNaN() || e.isNaN() {
				if d.v.Form == apd.NaNSignaling || e.v.Form == apd.NaNSignaling {
					return nanResult(t, c, condPlain)
				}
				if d.isNaN() {
					return d, nil
				}
				return e, nil
			}
			if d.v.Form == apd.Infinite || e.v.Form == apd.Infinite {
				if d.v.Form == apd.Infinite && e.v.Form == apd.Infinite {
					return d, nil
				}
				return nanResult(t, c, condPlain)
			}
			return quantize(t, c, d, e.v.Exponent, r)
		}),
		"to_integral_value": integral("to_integral_value", false),
		"to_integral":       integral("to_integral", false),
		"to_integral_exact": integral("to_integral_exact", true),
		"sqrt": transcendental("sqrt", func(ac *apd.Context, r, x *apd.Decimal) (apd.Condition, error) {
			return ac.Sqrt(r, x)
		}, sqrtExact),
		"exp": transcendental("exp", func(ac *apd.Context, r, x *apd.Decimal) (apd.Condition, error) {
			return ac.Exp(r, x)
		}, func(d *Decimal) (*Decimal, bool) {
			if d.v.Form == apd.Finite && d.v.IsZero() {
				r := &Decimal{}
				r.v.SetInt64(1)
				return r, true
			}
			return nil, false
		}),
		"ln": transcendental("ln", func(ac *apd.Context, r, x *apd.Decimal) (apd.Condition, error) {
			return ac.Ln(r, x)
		}, func(d *Decimal) (*Decimal, bool) {
			if d.v.Form == apd.Finite && !d.v.Negative && d.toRat().Cmp(big.NewRat(1, 1)) == 0 {
				return &Decimal{}, true
			}
			return nil, false
		}),
		"log10": transcendental("log10", func(ac *apd.Context, r, x *apd.Decimal) (apd.Condition, error) {
			return ac.Log10(r, x)
		}, func(d *Decimal) (*Decimal, bool) {
			if d.v.Form != apd.Finite || d.v.Negative || d.v.IsZero() {
				return nil, false
			}
			s := strings.TrimRight(d.coeffDigits(), "0")
			if s != "1" {
				return nil, false
			}
			e := int64(d.v.Exponent) + int64(len(d.coeffDigits())-1)
			return decFromBig(big.NewInt(e)), true
		}),
		"normalize": unaryCtx("normalize", func(t *pyexec.Thread, c *Context, d *Decimal) (py.Object, error) {
			if d.isNaN() {
				return arith(t, c, pyexec.OpAdd, d, &Decimal{})
			}
			r, err := round(t, c, d, 0, "")
			if err != nil {
				return nil, err
			}
			if r.v.Form != apd.Finite {
				return r, nil
			}
			if r.v.IsZero() {
				z := &Decimal{}
				z.v.Negative = r.v.Negative
				return z, nil
			}
			out := &Decimal{}
			out.v.Reduce(&r.v)
			return out, nil
		}),
		"as_tuple": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			return asTuple(t, d)
		}),
		"as_integer_ratio": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			switch d.v.Form {
			case apd.NaN, apd.NaNSignaling:
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert NaN to integer ratio")
			case apd.Infinite:
				return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert Infinity to integer ratio")
			}
			r := d.toRat()
			return py.Tuple{pyexec.IntFromBig(r.Num()), pyexec.IntFromBig(r.Denom())}, nil
		}),
		"adjusted": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			if d.v.Form != apd.Finite {
				return pyexec.MakeInt(0), nil
			}
			return pyexec.MakeInt(int64(d.v.Exponent) + int64(len(d.coeffDigits())) - 1), nil
		}),
		"is_nan":       boolMeth(func(d *Decimal) bool { return d.isNaN() }),
		"is_qnan":      boolMeth(func(d *Decimal) bool { return d.v.Form == apd.NaN }),
		"is_snan":      boolMeth(func(d *Decimal) bool { return d.v.Form == apd.NaNSignaling }),
		"is_infinite":  boolMeth(func(d *Decimal) bool { return d.v.Form == apd.Infinite }),
		"is_finite":    boolMeth(func(d *Decimal) bool { return d.v.Form == apd.Finite }),
		"is_zero":      boolMeth(func(d *Decimal) bool { return d.v.Form == apd.Finite && d.v.IsZero() }),
		"is_signed":    boolMeth(func(d *Decimal) bool { return d.v.Negative }),
		"is_canonical": boolMeth(func(d *Decimal) bool { return true }),
		"copy_abs": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			r := newDec(&d.v)
			r.v.Negative = false
			return r, nil
		}),
		"copy_negate": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			r := newDec(&d.v)
			r.v.Negative = !r.v.Negative
			return r, nil
		}),
		"copy_sign": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, _, err := optArgs(t, "copy_sign", args, kw, []string{"other", "context"}, 1)
			if err != nil {
				return nil, err
			}
			o, err := convertOp(t, a[0], true)
			if err != nil {
				return nil, err
			}
			r := newDec(&d.v)
			r.v.Negative = o.v.Negative
			return r, nil
		}),
		"compare": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, c, err := optArgs(t, "compare", args, kw, []string{"other", "context"}, 1)
			if err != nil {
				return nil, err
			}
			o, err := convertOp(t, a[0], true)
			if err != nil {
				return nil, err
			}
			if d.isNaN() || o.isNaN() {
				if d.v.Form == apd.NaNSignaling || o.v.Form == apd.NaNSignaling {
					return nanResult(t, c, condPlain)
				}
				r := &Decimal{}
				r.v.Form = apd.NaN
				return r, nil
			}
			return decFromBig(big.NewInt(int64(d.v.Cmp(&o.v)))), nil
		}),
		"max":       minMax(true),
		"min":       minMax(false),
		"conjugate": wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) { return d, nil }),
	}
	pyexec.AddMethods(DecimalType, m)
}

func nanF() float64 {
	var z float64
	return z / z
}

func minMax(isMax bool) pyexec.MethodFunc {
	name := "min"
	if isMax {
		name = "max"
	}
	return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, c, err := optArgs(t, name, args, kw, []string{"other", "context"}, 1)
		if err != nil {
			return nil, err
		}
		o, err := convertOp(t, a[0], true)
		if err != nil {
			return nil, err
		}
		if d.isNaN() || o.isNaN() {
			if d.v.Form == apd.NaNSignaling || o.v.Form == apd.NaNSignaling {
				return nanResult(t, c, condPlain)
			}
			if d.isNaN() && !o.isNaN() {
				return round(t, c, o, 0, "")
			}
			return round(t, c, d, 0, "")
		}
		cmp := d.v.Cmp(&o.v)
		if cmp == 0 {
			cmp = d.v.CmpTotal(&o.v)
		}
		pick := d
		if (cmp < 0) == isMax {
			pick = o
		}
		return round(t, c, pick, 0, "")
	})
}

// sqrtExact handles zero (whose square root keeps half the exponent).
func sqrtExact(d *Decimal) (*Decimal, bool) {
	if d.v.Form == apd.Finite && d.v.IsZero() {
		r := &Decimal{}
		e := d.v.Exponent
		if e < 0 {
			e = -((-e + 1) / 2)
		} else {
			e /= 2
		}
		r.v.Exponent = e
		r.v.Negative = d.v.Negative
		return r, true
	}
	return nil, false
}

func integral(name string, exact bool) pyexec.MethodFunc {
	return wrap(func(t *pyexec.Thread, d *Decimal, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, c, err := optArgs(t, name, args, kw, []string{"rounding", "context"}, 0)
		if err != nil {
			return nil, err
		}
		r, err := roundingArg(a[0])
		if err != nil {
			return nil, err
		}
		if d.v.Form == apd.NaNSignaling {
			return nanResult(t, c, condPlain)
		}
		if d.v.Form != apd.Finite || d.v.Exponent >= 0 {
			return d, nil
		}
		out := &Decimal{}
		ac := c.apd(int64(len(d.coeffDigits()))+2, r)
		cond, err := ac.Quantize(&out.v, &d.v, 0)
		if !exact {
			cond &^= apd.Inexact | apd.Rounded
		}
		if err := check(t, c, cond, err); err != nil {
			return nil, err
		}
		return out, nil
	})
}

// quantize rounds d to exponent exp (rounding "": the context's).
func quantize(t *pyexec.Thread, c *Context, d *Decimal, exp int32, rounding string) (py.Object, error) {
	if d.isNaN() {
		if d.v.Form == apd.NaNSignaling {
			return nanResult(t, c, condPlain)
		}
		return d, nil
	}
	if d.v.Form == apd.Infinite {
		return nanResult(t, c, condPlain)
	}
	out := &Decimal{}
	cond, err := c.apd(0, rounding).Quantize(&out.v, &d.v, exp)
	if err != nil {
		return nanResult(t, c, condPlain)
	}
	if cond&apd.InvalidOperation != 0 {
		return nanResult(t, c, condPlain)
	}
	if err := check(t, c, cond, nil); err != nil {
		return nil, err
	}
	return out, nil
}

// asTuple returns DecimalTuple(sign, digits, exponent).
func asTuple(t *pyexec.Thread, d *Decimal) (py.Object, error) {
	st, err := stateOf(t)
	if err != nil {
		return nil, err
	}
	if st.tupT == nil {
		col, err := t.Import("collections")
		if err != nil {
			return nil, err
		}
		nt, err := pyexec.GetAttr(t, col, "namedtuple")
		if err != nil {
			return nil, err
		}
		typ, err := pyexec.Call(t, nt, []py.Object{py.String("DecimalTuple"), py.String("sign digits exponent")},
			[]pyexec.KV{{Name: "module", Value: py.String("decimal")}})
		if err != nil {
			return nil, err
		}
		st.tupT = typ.(*py.Type)
	}
	var sgn int64
	if d.v.Negative {
		sgn = 1
	}
	var digits py.Tuple
	var exp py.Object
	switch d.v.Form {
	case apd.Infinite:
		digits, exp = py.Tuple{pyexec.MakeInt(0)}, py.String("F")
	case apd.NaN, apd.NaNSignaling:
		digits, exp = py.Tuple{}, py.String("n")
		if d.v.Form == apd.NaNSignaling {
			exp = py.String("N")
		}
	default:
		for _, ch := range d.coeffDigits() {
			digits = append(digits, pyexec.MakeInt(int64(ch-'0')))
		}
		exp = pyexec.MakeInt(int64(d.v.Exponent))
	}
	return pyexec.Call(t, st.tupT, []py.Object{pyexec.MakeInt(sgn), digits, exp}, nil)
}

// format is Decimal.__format__ (the algorithm of _pydecimal).
func format(t *pyexec.Thread, c *Context, d *Decimal, spec string) (string, error) {
	sp, err := pyfmt.ParseSpecFor(spec, "decimal.Decimal", t.Version().Minor)
	if err != nil {
		return "", pyexec.Errorf(pyexec.ValueErrorType, "invalid format string")
	}
	typ := byte(0)
	if sp.HasType {
		typ = byte(sp.Type)
	}
	switch typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n':
	default:
		return "", pyexec.Errorf(pyexec.ValueErrorType, "invalid format string")
	}
	if typ == 'n' {
		typ = 'g'
	}
	fill, align := " ", sp.Align
	if sp.FillGiven {
		fill = string(sp.Fill)
	}
	if sp.ZeroPad && !sp.FillGiven {
		fill = "0"
		if align == 0 {
			align = '='
		}
	}
	if align == 0 {
		align = '>'
	}
	signStr := func(neg bool) string {
		if neg {
			return "-"
		}
		if sp.Sign == '+' || sp.Sign == ' ' {
			return string(sp.Sign)
		}
		return ""
	}
	alignOut := func(sign, body string) string {
		n := len([]rune(sign + body))
		if sp.Width <= n {
			return sign + body
		}
		pad := sp.Width - n
		switch align {
		case '<':
			return sign + body + strings.Repeat(fill, pad)
		case '^':
			return strings.Repeat(fill, pad/2) + sign + body + strings.Repeat(fill, pad-pad/2)
		case '=':
			return sign + strings.Repeat(fill, pad) + body
		}
		return strings.Repeat(fill, pad) + sign + body
	}
	if d.v.Form != apd.Finite {
		a := newDec(&d.v)
		a.v.Negative = false
		body := a.String()
		if typ == '%' {
			body += "%"
		}
		return alignOut(signStr(d.v.Negative), body), nil
	}
	noType := typ == 0
	if noType {
		typ = 'g'
		if c.Capitals != 0 {
			typ = 'G'
		}
	}
	x := newDec(&d.v)
	if typ == '%' {
		x.v.Exponent += 2
	}
	rounding := c.Rounding
	prec := int64(sp.Precision)
	ac := func(p int64) *apd.Context {
		a := c.apd(p, rounding)
		a.MaxExponent, a.MinExponent = apd.MaxExponent, apd.MinExponent
		return a
	}
	if prec >= 0 {
		switch typ {
		case 'e', 'E':
			r := &Decimal{}
			if _, err := ac(prec+1).Round(&r.v, &x.v); err == nil {
				x = r
			}
			if n := prec + 1 - int64(len(x.coeffDigits())); n > 0 && !x.v.IsZero() {
				x.v.Coeff.SetString(x.coeffDigits()+strings.Repeat("0", int(n)), 10)
				x.v.Exponent -= int32(n)
			}
		case 'f', 'F', '%':
			r := &Decimal{}
			if _, err := ac(int64(len(x.coeffDigits()))+prec+int64(max(x.v.Exponent, 0))+3).Quantize(&r.v, &x.v, int32(-prec)); err == nil {
				x = r
			}
		case 'g', 'G':
			p := prec
			if p == 0 {
				p = 1
			}
			if int64(len(x.coeffDigits())) > p {
				r := &Decimal{}
				if _, err := ac(p).Round(&r.v, &x.v); err == nil {
					x = r
				}
			}
		}
	}
	if x.v.IsZero() && x.v.Exponent > 0 && (typ == 'f' || typ == 'F' || typ == '%') {
		x.v.Exponent = 0
	}
	neg := x.v.Negative
	if x.v.IsZero() && sp.NoNegZero {
		neg = false
	}
	digits := x.coeffDigits()
	exp := int64(x.v.Exponent)
	left := exp + int64(len(digits))
	var dot int64
	switch typ {
	case 'e', 'E':
		if x.v.IsZero() && prec >= 0 {
			dot = 1 - prec
		} else {
			dot = 1
		}
	case 'f', 'F', '%':
		dot = left
	default:
		if exp <= 0 && left > -6 {
			dot = left
		} else {
			dot = 1
		}
	}
	var ip, fp string
	switch {
	case dot < 0:
		ip, fp = "0", strings.Repeat("0", int(-dot))+digits
	case dot > int64(len(digits)):
		ip, fp = digits+strings.Repeat("0", int(dot)-len(digits)), ""
	default:
		ip, fp = digits[:dot], digits[dot:]
		if ip == "" {
			ip = "0"
		}
	}
	e := left - dot
	if fp != "" || sp.Alternate {
		fp = "." + fp
	}
	if e != 0 || typ == 'e' || typ == 'E' {
		ech := "e"
		if typ == 'E' || typ == 'G' {
			ech = "E"
		}
		es := strconv.FormatInt(e, 10)
		if e >= 0 {
			es = "+" + es
		}
		fp += ech + es
	}
	if typ == '%' {
		fp += "%"
	}
	sign := signStr(neg)
	if sp.Grouping != 0 {
		minw := 0
		if sp.ZeroPad {
			minw = sp.Width - len(fp) - len(sign)
		}
		ip = group(ip, string(sp.Grouping), minw)
	}
	return alignOut(sign, ip+fp), nil
}

// group inserts sep every three digits of ip (zero-extended to minw).
func group(ip, sep string, minw int) string {
	var groups []string
	for len(ip) > 3 {
		groups = append([]string{ip[len(ip)-3:]}, groups...)
		ip = ip[:len(ip)-3]
	}
	groups = append([]string{ip}, groups...)
	s := strings.Join(groups, sep)
	for len(s) < minw {
		first := groups[0]
		if len(first) < 3 {
			groups[0] = "0" + first
		} else {
			groups = append([]string{"0"}, groups...)
		}
		s = strings.Join(groups, sep)
	}
	return s
}
