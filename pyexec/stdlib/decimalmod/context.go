// Package decimalmod implements CPython's decimal module for pyexec on top of
// github.com/cockroachdb/apd/v3 (which follows the same General Decimal
// Arithmetic specification as CPython's libmpdec): the Decimal type with
// arithmetic, comparisons, hashing and formatting, thread-local contexts
// (getcontext, setcontext, localcontext), the signals as exception classes
// and the ROUND_* constants. exp, ln, log10 and non-integral powers are
// computed with extra digits and then rounded, which makes them correctly
// rounded as libmpdec's are.
package decimalmod

import (
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/cockroachdb/apd/v3"
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
)

// Signals, in the order of CPython's signal_map (the order in which a
// trapped condition picks the exception class).
const (
	sigInvalid = 1 << iota
	sigFloat
	sigDivZero
	sigOverflow
	sigUnderflow
	sigSubnormal
	sigInexact
	sigRounded
	sigClamped
	nSignals = 9
)

// Conditions that refine InvalidOperation (CPython's cond_map).
const (
	condPlain = 1 << iota
	condSyntax
	condDivImpossible
	condDivUndefined
)

var signalNames = [nSignals]string{"InvalidOperation", "FloatOperation", "DivisionByZero", "Overflow",
	"Underflow", "Subnormal", "Inexact", "Rounded", "Clamped"}

var condNames = []string{"InvalidOperation", "ConversionSyntax", "DivisionImpossible", "DivisionUndefined"}

// Rounding mode names and their apd rounders.
var roundings = map[string]apd.Rounder{
	"ROUND_UP": apd.RoundUp, "ROUND_DOWN": apd.RoundDown, "ROUND_CEILING": apd.RoundCeiling,
	"ROUND_FLOOR": apd.RoundFloor, "ROUND_HALF_UP": apd.RoundHalfUp, "ROUND_HALF_DOWN": apd.RoundHalfDown,
	"ROUND_HALF_EVEN": apd.RoundHalfEven, "ROUND_05UP": apd.Round05Up,
}

// ContextType is decimal.Context.
var ContextType = pyexec.NewNativeType("decimal", "Context", nil)

// Context is a decimal.Context.
type Context struct {
	Prec       int64
	Rounding   string
	Emax, Emin int64
	Capitals   int64
	Clamp      int64
	Traps      int
	Flags      int
}

// Type returns decimal.Context.
func (c *Context) Type() *py.Type { return ContextType }

func defaultContext() *Context {
	return &Context{Prec: 28, Rounding: "ROUND_HALF_EVEN", Emax: 999999, Emin: -999999, Capitals: 1,
		Traps: sigInvalid | sigDivZero | sigOverflow}
}

func (c *Context) copy() *Context { x := *c; return &x }

// apd returns the apd context for precision prec (0: c.Prec) and rounding
// r ("": c.Rounding); traps are handled by check.
func (c *Context) apd(prec int64, r string) *apd.Context {
	if prec == 0 {
		prec = c.Prec
	}
	if r == "" {
		r = c.Rounding
	}
	emax, emin := c.Emax, c.Emin
	if emax > apd.MaxExponent {
		emax = apd.MaxExponent
	}
	if emin < apd.MinExponent {
		emin = apd.MinExponent
	}
	return &apd.Context{Precision: uint32(prec), MaxExponent: int32(emax), MinExponent: int32(emin), Rounding: roundings[r]}
}

// state is the decimal module's per-thread state: the current context and
// the exception classes.
type state struct {
	ctx  *Context
	exc  map[string]*py.Type
	tupT *py.Type
}

var (
	statesMu sync.Mutex
	states   = map[weak.Pointer[pyexec.Thread]]*state{}
)

// stateOf returns t's decimal state, creating it on first use.
func stateOf(t *pyexec.Thread) (*state, error) {
	wp := weak.Make(t)
	statesMu.Lock()
	st := states[wp]
	statesMu.Unlock()
	if st != nil {
		return st, nil
	}
	st = &state{ctx: defaultContext(), exc: map[string]*py.Type{}}
	mk := func(name string, bases ...py.Object) error {
		c, err := pyclass.New(t, nil, "decimal", name, py.Tuple(bases))
		st.exc[name] = c
		return err
	}
	e := func(n string) py.Object { return st.exc[n] }
	steps := []func() error{
		func() error { return mk("DecimalException", pyexec.ArithmeticErrorType) },
		func() error { return mk("Clamped", e("DecimalException")) },
		func() error { return mk("InvalidOperation", e("DecimalException")) },
		func() error { return mk("ConversionSyntax", e("InvalidOperation")) },
		func() error { return mk("DivisionByZero", e("DecimalException"), pyexec.ZeroDivisionErrorType) },
		func() error { return mk("DivisionImpossible", e("InvalidOperation")) },
		func() error { return mk("DivisionUndefined", e("InvalidOperation"), pyexec.ZeroDivisionErrorType) },
		func() error { return mk("Inexact", e("DecimalException")) },
		func() error { return mk("InvalidContext", e("InvalidOperation")) },
		func() error { return mk("Rounded", e("DecimalException")) },
		func() error { return mk("Subnormal", e("DecimalException")) },
		func() error { return mk("Overflow", e("Inexact"), e("Rounded")) },
		func() error { return mk("Underflow", e("Inexact"), e("Rounded"), e("Subnormal")) },
		func() error { return mk("FloatOperation", e("DecimalException"), pyexec.TypeErrorType) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	statesMu.Lock()
	if old := states[wp]; old != nil {
		st = old
	} else {
		states[wp] = st
		runtime.AddCleanup(t, func(k weak.Pointer[pyexec.Thread]) {
			statesMu.Lock()
			delete(states, k)
			statesMu.Unlock()
		}, wp)
	}
	statesMu.Unlock()
	return st, nil
}

// curContext returns the thread's current context.
func curContext(t *pyexec.Thread) (*Context, error) {
	st, err := stateOf(t)
	if err != nil {
		return nil, err
	}
	return st.ctx, nil
}

// ctxArg returns the context argument o, or the current one when o is nil or None.
func ctxArg(t *pyexec.Thread, o py.Object) (*Context, error) {
	if o == nil || pyexec.IsNone(o) {
		return curContext(t)
	}
	c, ok := o.(*Context)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "optional argument must be a context")
	}
	return c, nil
}

// signalsOf maps an apd condition to signals and InvalidOperation conditions.
func signalsOf(cond apd.Condition) (sig, cnd int) {
	if cond&apd.InvalidOperation != 0 || cond&apd.SystemOverflow != 0 || cond&apd.SystemUnderflow != 0 {
		sig |= sigInvalid
		cnd |= condPlain
	}
	if cond&apd.DivisionUndefined != 0 {
		sig |= sigInvalid
		cnd |= condDivUndefined
	}
	if cond&apd.DivisionImpossible != 0 {
		sig |= sigInvalid
		cnd |= condDivImpossible
	}
	for _, p := range []struct {
		c apd.Condition
		s int
	}{{apd.DivisionByZero, sigDivZero}, {apd.Overflow, sigOverflow}, {apd.Underflow, sigUnderflow},
		{apd.Subnormal, sigSubnormal}, {apd.Inexact, sigInexact}, {apd.Rounded, sigRounded}, {apd.Clamped, sigClamped}} {
		if cond&p.c != 0 {
			sig |= p.s
		}
	}
	return sig, cnd
}

// raise records signals sig (with InvalidOperation conditions cnd) in c's
// flags and raises the first trapped one as CPython does: the exception's
// argument lists the trapped conditions.
func raise(t *pyexec.Thread, c *Context, sig, cnd int) error {
	c.Flags |= sig
	trapped := sig & c.Traps
	if trapped == 0 {
		return nil
	}
	st, err := stateOf(t)
	if err != nil {
		return err
	}
	var first *py.Type
	for i := 0; i < nSignals; i++ {
		if trapped&(1<<i) != 0 {
			first = st.exc[signalNames[i]]
			break
		}
	}
	var list []py.Object
	if trapped&sigInvalid != 0 {
		for i, n := range condNames {
			if cnd&(1<<i) != 0 {
				list = append(list, st.exc[n])
			}
		}
	}
	for i := 1; i < nSignals; i++ {
		if trapped&(1<<i) != 0 {
			list = append(list, st.exc[signalNames[i]])
		}
	}
	return pyexec.NewException(first, &py.List{Items: list})
}

// check applies an apd operation's condition to c.
func check(t *pyexec.Thread, c *Context, cond apd.Condition, err error) error {
	if err != nil {
		return pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
	}
	sig, cnd := signalsOf(cond)
	if sig == 0 {
		return nil
	}
	return raise(t, c, sig, cnd)
}

// signalList returns the signals in bits as a dict {class: bool}.
func signalDict(t *pyexec.Thread, bits int) (py.Object, error) {
	st, err := stateOf(t)
	if err != nil {
		return nil, err
	}
	d := pyexec.NewDict(nSignals)
	for _, i := range []int{8, 0, 2, 6, 3, 7, 5, 4, 1} {
		if err := d.SetItem(t, st.exc[signalNames[i]], py.NewBool(bits&(1<<i) != 0)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// signalNamesOf lists the names of the signals in bits, in CPython's repr order.
func signalNamesOf(bits int) string {
	var out []string
	for _, i := range []int{0, 8, 2, 6, 1, 3, 7, 5, 4} {
		if bits&(1<<i) != 0 {
			out = append(out, signalNames[i])
		}
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// Repr returns Context(prec=28, rounding=ROUND_HALF_EVEN, ...).
func (c *Context) Repr(*pyexec.Thread) (string, error) {
	return "Context(prec=" + itoa(c.Prec) + ", rounding=" + c.Rounding + ", Emin=" + itoa(c.Emin) + ", Emax=" + itoa(c.Emax) +
		", capitals=" + itoa(c.Capitals) + ", clamp=" + itoa(c.Clamp) + ", flags=" + signalNamesOf(c.Flags) +
		", traps=" + signalNamesOf(c.Traps) + ")", nil
}

// GetAttr returns the context's attributes.
func (c *Context) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "prec":
		return pyexec.MakeInt(c.Prec), true, nil
	case "rounding":
		return py.String(c.Rounding), true, nil
	case "Emax":
		return pyexec.MakeInt(c.Emax), true, nil
	case "Emin":
		return pyexec.MakeInt(c.Emin), true, nil
	case "capitals":
		return pyexec.MakeInt(c.Capitals), true, nil
	case "clamp":
		return pyexec.MakeInt(c.Clamp), true, nil
	case "flags":
		d, err := signalDict(t, c.Flags)
		return &signalMap{ctx: c, flags: true, d: d}, true, err
	case "traps":
		d, err := signalDict(t, c.Traps)
		return &signalMap{ctx: c, d: d}, true, err
	}
	return nil, false, nil
}

// PySetAttr sets prec, rounding, Emax, Emin, capitals, clamp, flags, traps.
func (c *Context) PySetAttr(t *pyexec.Thread, name string, v py.Object) (bool, error) {
	if v == nil {
		return true, pyexec.Errorf(pyexec.AttributeErrorType, "context attributes cannot be deleted")
	}
	return true, c.set(t, name, v)
}

func (c *Context) set(t *pyexec.Thread, name string, v py.Object) error {
	intArg := func(lo, hi int64, msg string) (int64, error) {
		n, ok, _ := pyexec.AsIndex(v)
		if !ok {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "an integer is required")
		}
		if n < lo || n > hi {
			return 0, pyexec.Errorf(pyexec.ValueErrorType, "%s", msg)
		}
		return n, nil
	}
	var err error
	switch name {
	case "prec":
		c.Prec, err = intArg(1, 999999999999999999, "valid range for prec is [1, MAX_PREC]")
	case "Emax":
		c.Emax, err = intArg(0, 999999999999999999, "valid range for Emax is [0, MAX_EMAX]")
	case "Emin":
		c.Emin, err = intArg(-999999999999999999, 0, "valid range for Emin is [MIN_EMIN, 0]")
	case "capitals":
		c.Capitals, err = intArg(0, 1, "valid values for capitals are 0 or 1")
	case "clamp":
		c.Clamp, err = intArg(0, 1, "valid values for clamp are 0 or 1")
	case "rounding":
		s, ok := v.(py.String)
		if !ok || roundings[string(s)] == "" {
			return pyexec.Errorf(pyexec.TypeErrorType, "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
		}
		c.Rounding = string(s)
	case "traps", "flags":
		bits, err := signalBits(t, v)
		if err != nil {
			return err
		}
		if name == "traps" {
			c.Traps = bits
		} else {
			c.Flags = bits
		}
	default:
		return pyexec.Errorf(pyexec.AttributeErrorType, "'decimal.Context' object has no attribute '%s'", name)
	}
	return err
}

// signalBits converts a list of signal classes or a dict {signal: bool}.
func signalBits(t *pyexec.Thread, v py.Object) (int, error) {
	st, err := stateOf(t)
	if err != nil {
		return 0, err
	}
	bit := func(o py.Object) (int, error) {
		for i, n := range signalNames {
			if st.exc[n] == o {
				return 1 << i, nil
			}
		}
		return 0, pyexec.Errorf(pyexec.KeyErrorType, "invalid signal dict")
	}
	bits := 0
	if d, ok := v.(*pyexec.Dict); ok {
		for _, k := range d.Keys() {
			x, _, _ := d.Get(t, k)
			b, err := bit(k)
			if err != nil {
				return 0, err
			}
			truth, err := pyexec.Truth(t, x)
			if err != nil {
				return 0, err
			}
			if truth {
				bits |= b
			}
		}
		return bits, nil
	}
	items, err := pyexec.Collect(t, v)
	if err != nil {
		return 0, err
	}
	for _, k := range items {
		b, err := bit(k)
		if err != nil {
			return 0, err
		}
		bits |= b
	}
	return bits, nil
}

// signalMap is a context's flags or traps: a dict {signal: bool} whose
// item assignments write through to the context.
type signalMap struct {
	ctx   *Context
	flags bool
	d     py.Object
}

// Type returns dict's type (the map behaves as a dict).
func (m *signalMap) Type() *py.Type { return pyexec.TypeOf(m.d) }

// Repr returns the dict's repr.
func (m *signalMap) Repr(t *pyexec.Thread) (string, error) { return pyexec.Repr(t, m.d) }

// PyGetItem returns the state of one signal.
func (m *signalMap) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	return pyexec.GetItem(t, m.d, key)
}

// PySetItem sets the state of one signal in the context.
func (m *signalMap) PySetItem(t *pyexec.Thread, key, v py.Object) error {
	if v == nil {
		return pyexec.Errorf(pyexec.ValueErrorType, "signal keys cannot be deleted")
	}
	st, err := stateOf(t)
	if err != nil {
		return err
	}
	for i, n := range signalNames {
		if st.exc[n] == key {
			truth, err := pyexec.Truth(t, v)
			if err != nil {
				return err
			}
			p := &m.ctx.Traps
			if m.flags {
				p = &m.ctx.Flags
			}
			if truth {
				*p |= 1 << i
			} else {
				*p &^= 1 << i
			}
			return pyexec.SetItem(t, m.d, key, py.NewBool(truth))
		}
	}
	return pyexec.Errorf(pyexec.KeyErrorType, "invalid error flag")
}

// GetAttr delegates to the dict.
func (m *signalMap) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	v, err := pyexec.GetAttr(t, m.d, name)
	return v, err == nil, err
}

func itoa(n int64) string {
	r, _ := pyexec.Repr(nil, pyexec.MakeInt(n))
	return r
}

// newContext is decimal.Context(prec=None, rounding=None, Emin=None,
// Emax=None, capitals=None, clamp=None, flags=None, traps=None).
func newContext(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	names := []string{"prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"}
	a, err := pyexec.BindArgs("Context", args, kw, names, 0)
	if err != nil {
		return nil, err
	}
	c := defaultContext()
	c.Traps = sigInvalid | sigDivZero | sigOverflow
	for i, n := range names {
		if a[i] != nil && !pyexec.IsNone(a[i]) {
			if err := c.set(t, n, a[i]); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// localContext is the context manager localcontext() returns.
type localContext struct {
	ctx, saved *Context
}

var localContextType = pyexec.NewNativeType("decimal", "ContextManager", nil)

// Type returns decimal.ContextManager.
func (l *localContext) Type() *py.Type { return localContextType }

func contextMethods() {
	pyexec.SetTypeCtor(ContextType, newContext)
	ctxMeth := func(f func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error)) pyexec.MethodFunc {
		return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return f(t, self.(*Context), args, kw)
		}
	}
	unary := func(name string) pyexec.MethodFunc {
		return ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			x, err := convertOp(t, args[0], true)
			if err != nil {
				return nil, err
			}
			return callMethod(t, x, name, c)
		})
	}
	binary := func(name string, op int) pyexec.MethodFunc {
		return ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 2, 2); err != nil {
				return nil, err
			}
			x, err := convertOp(t, args[0], true)
			if err != nil {
				return nil, err
			}
			y, err := convertOp(t, args[1], true)
			if err != nil {
				return nil, err
			}
			return arith(t, c, op, x, y)
		})
	}
	pyexec.AddMethods(ContextType, map[string]pyexec.MethodFunc{
		"copy": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			return c.copy(), nil
		}),
		"clear_flags": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			c.Flags = 0
			return py.None, nil
		}),
		"clear_traps": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			c.Traps = 0
			return py.None, nil
		}),
		"create_decimal": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("create_decimal", args, kw, 0, 1); err != nil {
				return nil, err
			}
			var v py.Object = py.String("0")
			if len(args) == 1 {
				v = args[0]
			}
			d, err := fromObject(t, c, v)
			if err != nil {
				return nil, err
			}
			return round(t, c, d, 0, "")
		}),
		"Etiny": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(c.Emin - c.Prec + 1), nil
		}),
		"Etop": ctxMeth(func(t *pyexec.Thread, c *Context, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(c.Emax - c.Prec + 1), nil
		}),
		"sqrt": unary("sqrt"), "exp": unary("exp"), "ln": unary("ln"), "log10": unary("log10"),
		"normalize": unary("normalize"), "abs": unary("__abs__"), "plus": unary("__pos__"), "minus": unary("__neg__"),
		"to_integral_value": unary("to_integral_value"),
		"add":               binary("add", pyexec.OpAdd), "subtract": binary("subtract", pyexec.OpSub),
		"multiply": binary("multiply", pyexec.OpMul), "divide": binary("divide", pyexec.OpTrueDiv),
		"divide_int": binary("divide_int", pyexec.OpFloorDiv), "remainder": binary("remainder", pyexec.OpMod),
		"power": binary("power", pyexec.OpPow),
	})
	pyexec.AddMethods(localContextType, map[string]pyexec.MethodFunc{
		"__enter__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			l := self.(*localContext)
			st, err := stateOf(t)
			if err != nil {
				return nil, err
			}
			l.saved = st.ctx
			st.ctx = l.ctx
			return l.ctx, nil
		},
		"__exit__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			l := self.(*localContext)
			st, err := stateOf(t)
			if err != nil {
				return nil, err
			}
			if l.saved != nil {
				st.ctx = l.saved
			}
			return py.None, nil
		},
	})
}

// callMethod calls Decimal method name of x with context c.
func callMethod(t *pyexec.Thread, x *Decimal, name string, c *Context) (py.Object, error) {
	m, err := pyexec.GetAttr(t, x, name)
	if err != nil {
		return nil, err
	}
	if name[0] == '_' {
		return pyexec.Call(t, m, nil, nil)
	}
	return pyexec.Call(t, m, nil, []pyexec.KV{{Name: "context", Value: c}})
}
