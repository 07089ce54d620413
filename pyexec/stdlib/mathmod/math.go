// Package mathmod implements CPython's math module for pyexec.
package mathmod

import (
	"math"
	"math/big"
	"strconv"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("math", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "math")
	fns := map[string]pyexec.BuiltinFunc{
		"ceil": ceil, "floor": floor, "trunc": trunc, "factorial": factorial, "gcd": gcd, "lcm": lcm,
		"isqrt": isqrt, "comb": comb, "perm": perm, "prod": prod, "fsum": fsum, "dist": dist, "hypot": hypot,
		"log": logFn, "log2": log2, "log10": log10, "isclose": isclose, "copysign": copysign, "frexp": frexp,
		"ldexp": ldexp, "modf": modf, "fmod": fmod, "remainder": remainder, "pow": powFn, "atan2": atan2,
		"isfinite":  pred("isfinite", func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }),
		"isinf":     pred("isinf", func(x float64) bool { return math.IsInf(x, 0) }),
		"isnan":     pred("isnan", math.IsNaN),
		"fabs":      math1("fabs", math.Abs, false),
		"sqrt":      math1("sqrt", math.Sqrt, false),
		"exp":       math1("exp", math.Exp, true),
		"expm1":     math1("expm1", math.Expm1, true),
		"log1p":     math1("log1p", math.Log1p, false),
		"sin":       math1("sin", math.Sin, false),
		"cos":       math1("cos", math.Cos, false),
		"tan":       math1("tan", math.Tan, false),
		"asin":      math1("asin", math.Asin, false),
		"acos":      math1("acos", math.Acos, false),
		"atan":      math1("atan", math.Atan, false),
		"sinh":      math1("sinh", math.Sinh, true),
		"cosh":      math1("cosh", math.Cosh, true),
		"tanh":      math1("tanh", math.Tanh, false),
		"asinh":     math1("asinh", math.Asinh, false),
		"acosh":     math1("acosh", math.Acosh, false),
		"atanh":     math1("atanh", math.Atanh, false),
		"erf":       math1("erf", math.Erf, false),
		"erfc":      math1("erfc", math.Erfc, false),
		"gamma":     math1("gamma", gammaFn, true),
		"lgamma":    math1("lgamma", lgammaFn, true),
		"degrees":   math1("degrees", func(x float64) float64 { return x * (180.0 / math.Pi) }, true),
		"radians":   math1("radians", func(x float64) float64 { return x * (math.Pi / 180.0) }, false),
		"ulp":       ulp,
		"nextafter": nextafter,
	}
	if t.Version().Minor >= 11 {
		fns["cbrt"] = math1("cbrt", math.Cbrt, false)
		fns["exp2"] = math1("exp2", math.Exp2, true)
	}
	if t.Version().Minor >= 12 {
		fns["sumprod"] = sumprod
	}
	m.AddFuncs(t, fns)
	m.Set(t, "pi", py.Float(math.Pi))
	m.Set(t, "e", py.Float(math.E))
	m.Set(t, "tau", py.Float(2*math.Pi))
	m.Set(t, "inf", py.Float(math.Inf(1)))
	m.Set(t, "nan", py.Float(math.NaN()))
	return m, nil
}

func domainErr() error { return pyexec.Errorf(pyexec.ValueErrorType, "math domain error") }
func rangeErr() error  { return pyexec.Errorf(pyexec.OverflowErrorType, "math range error") }

// toFloat converts a real number argument as PyFloat_AsDouble does.
func toFloat(o py.Object) (float64, error) {
	switch x := o.(type) {
	case py.Float:
		return float64(x), nil
	case py.Int:
		return float64(x), nil
	case py.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case *py.BigInt:
		return pyexec.IntToFloat(x)
	}
	return 0, pyexec.Errorf(pyexec.TypeErrorType, "must be real number, not %s", pyexec.TypeName(o))
}

// toInt converts an integer argument (index protocol).
func toInt(o py.Object) (*big.Int, error) {
	if b := pyexec.BigOf(o); b != nil {
		return b, nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(o))
}

func isFinite(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }

// math1 wraps a one-argument libm function with CPython's math_1 error
// rules.
func math1(name string, f func(float64) float64, canOverflow bool) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("math."+name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		x, err := toFloat(args[0])
		if err != nil {
			return nil, err
		}
		r := f(x)
		if math.IsNaN(r) && !math.IsNaN(x) {
			return nil, domainErr()
		}
		if math.IsInf(r, 0) && isFinite(x) {
			if canOverflow {
				return nil, rangeErr()
			}
			return nil, domainErr()
		}
		return py.Float(r), nil
	}
}

func gammaFn(x float64) float64 {
	if x <= 0 && x == math.Floor(x) {
		return math.NaN()
	}
	if math.IsInf(x, -1) {
		return math.NaN()
	}
	return math.Gamma(x)
}

func lgammaFn(x float64) float64 {
	if x <= 0 && x == math.Floor(x) && !math.IsInf(x, 0) {
		return math.NaN()
	}
	r, _ := math.Lgamma(x)
	return r
}

func pred(name string, f func(float64) bool) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("math."+name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		x, err := toFloat(args[0])
		if err != nil {
			return nil, err
		}
		return py.NewBool(f(x)), nil
	}
}

// floatToInt converts a finite float to int as int(x) does.
func floatToInt(x float64) (py.Object, error) {
	if math.IsInf(x, 0) {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert float infinity to integer")
	}
	if math.IsNaN(x) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert float NaN to integer")
	}
	if math.Abs(x) < 1<<62 {
		return pyexec.MakeInt(int64(x)), nil
	}
	b, _ := big.NewFloat(x).Int(nil)
	return pyexec.IntFromBig(b), nil
}

func roundFn(name, dunder string, f func(float64) float64) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("math."+name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		switch x := args[0].(type) {
		case py.Float:
			return floatToInt(f(float64(x)))
		case py.Int, *py.BigInt:
			return x, nil
		case py.Bool:
			return pyexec.IntFromBig(pyexec.BigOf(x)), nil
		}
		if r, found, err := pyexec.NumberDunder(t, args[0], dunder); found || err != nil {
			return r, err
		}
		if name != "trunc" {
			if v, ok, err := pyexec.RealNumber(t, args[0]); ok || err != nil {
				if err != nil {
					return nil, err
				}
				return floatToInt(f(v))
			}
		}
		if name == "trunc" {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "type %s doesn't define __trunc__ method", pyexec.TypeName(args[0]))
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "must be real number, not %s", pyexec.TypeName(args[0]))
	}
}

var (
	ceil  = roundFn("ceil", "__ceil__", math.Ceil)
	floor = roundFn("floor", "__floor__", math.Floor)
	trunc = roundFn("trunc", "__trunc__", math.Trunc)
)

func factorial(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.factorial", args, kw, 1, 1); err != nil {
		return nil, err
	}
	n, err := toInt(args[0])
	if err != nil {
		return nil, err
	}
	if n.Sign() < 0 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "factorial() not defined for negative values")
	}
	if !n.IsInt64() || n.Int64() > 1_000_000 {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "factorial() argument should not exceed %d", int64(math.MaxInt64))
	}
	return pyexec.IntFromBig(new(big.Int).MulRange(1, n.Int64())), nil
}

func gcd(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("gcd", args, kw, 0, -1); err != nil {
		return nil, err
	}
	r := new(big.Int)
	for _, a := range args {
		n, err := toInt(a)
		if err != nil {
			return nil, err
		}
		r.GCD(nil, nil, r, new(big.Int).Abs(n))
	}
	return pyexec.IntFromBig(r), nil
}

func lcm(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("lcm", args, kw, 0, -1); err != nil {
		return nil, err
	}
	r := big.NewInt(1)
	for _, a := range args {
		n, err := toInt(a)
		if err != nil {
			return nil, err
		}
		n = new(big.Int).Abs(n)
		if n.Sign() == 0 || r.Sign() == 0 {
			r.SetInt64(0)
			continue
		}
		g := new(big.Int).GCD(nil, nil, r, n)
		r.Mul(r, new(big.Int).Quo(n, g))
	}
	return pyexec.IntFromBig(r), nil
}

func isqrt(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.isqrt", args, kw, 1, 1); err != nil {
		return nil, err
	}
	n, err := toInt(args[0])
	if err != nil {
		return nil, err
	}
	if n.Sign() < 0 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "isqrt() argument must be nonnegative")
	}
	return pyexec.IntFromBig(new(big.Int).Sqrt(n)), nil
}

func combPermArgs(name string, args []py.Object, kw py.Tuple, min int) (n, k *big.Int, err error) {
	if err = pyexec.CheckArgs(name, args, kw, min, 2); err != nil {
		return
	}
	if n, err = toInt(args[0]); err != nil {
		return
	}
	if len(args) > 1 && !pyexec.IsNone(args[1]) {
		if k, err = toInt(args[1]); err != nil {
			return
		}
	}
	if n.Sign() < 0 {
		if k == nil && name == "perm" {
			err = pyexec.Errorf(pyexec.ValueErrorType, "factorial() not defined for negative values")
			return
		}
		err = pyexec.Errorf(pyexec.ValueErrorType, "n must be a non-negative integer")
		return
	}
	if k != nil && k.Sign() < 0 {
		err = pyexec.Errorf(pyexec.ValueErrorType, "k must be a non-negative integer")
	}
	return
}

func comb(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	n, k, err := combPermArgs("comb", args, kw, 2)
	if err != nil {
		return nil, err
	}
	if k.Cmp(n) > 0 {
		return pyexec.MakeInt(0), nil
	}
	if !n.IsInt64() {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "n must not exceed %d", int64(math.MaxInt64))
	}
	return pyexec.IntFromBig(new(big.Int).Binomial(n.Int64(), k.Int64())), nil
}

func perm(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	n, k, err := combPermArgs("perm", args, kw, 1)
	if err != nil {
		return nil, err
	}
	if k == nil {
		k = n
	}
	if k.Cmp(n) > 0 {
		return pyexec.MakeInt(0), nil
	}
	if !n.IsInt64() {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "n must not exceed %d", int64(math.MaxInt64))
	}
	nn, kk := n.Int64(), k.Int64()
	if kk == 0 {
		return pyexec.MakeInt(1), nil
	}
	return pyexec.IntFromBig(new(big.Int).MulRange(nn-kk+1, nn)), nil
}

func prod(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("prod", args, kw, []string{"iterable", "$start"}, 1)
	if err != nil {
		return nil, err
	}
	var acc py.Object = pyexec.MakeInt(1)
	if a[1] != nil {
		acc = a[1]
	}
	it, err := pyexec.Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	for {
		v, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return acc, nil
		}
		if acc, err = pyexec.BinaryOp(t, pyexec.OpMul, acc, v); err != nil {
			return nil, err
		}
	}
}

// fsum is CPython's math_fsum (Shewchuk's exact summation).
func fsum(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.fsum", args, kw, 1, 1); err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	var p []float64
	specialSum, infSum := 0.0, 0.0
	for {
		o, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if o == nil {
			break
		}
		x, err := toFloat(o)
		if err != nil {
			return nil, err
		}
		xsave := x
		i := 0
		for _, y := range p {
			if math.Abs(x) < math.Abs(y) {
				x, y = y, x
			}
			hi := x + y
			lo := y - (hi - x)
			if lo != 0 {
				p[i] = lo
				i++
			}
			x = hi
		}
		p = p[:i]
		if x != 0 {
			if !isFinite(x) {
				if isFinite(xsave) {
					return nil, pyexec.Errorf(pyexec.OverflowErrorType, "intermediate overflow in fsum")
				}
				if math.IsInf(xsave, 0) {
					infSum += xsave
				}
				specialSum += xsave
				p = p[:0]
			} else {
				p = append(p, x)
			}
		}
	}
	if specialSum != 0 {
		if math.IsNaN(infSum) {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "-inf + inf in fsum")
		}
		return py.Float(specialSum), nil
	}
	hi := 0.0
	n := len(p)
	if n > 0 {
		n--
		hi = p[n]
		var lo float64
		for n > 0 {
			x := hi
			n--
			y := p[n]
			hi = x + y
			yr := hi - x
			lo = y - yr
			if lo != 0 {
				break
			}
		}
		if n > 0 && ((lo < 0 && p[n-1] < 0) || (lo > 0 && p[n-1] > 0)) {
			y := lo * 2
			x := hi + y
			yr := x - hi
			if y == yr {
				hi = x
			}
		}
	}
	return py.Float(hi), nil
}

// vectorNorm computes the Euclidean norm with scaling (close to CPython's
// vector_norm; exact for the usual integral cases).
func vectorNorm(v []float64) float64 {
	max := 0.0
	foundNaN := false
	for _, x := range v {
		x = math.Abs(x)
		if math.IsNaN(x) {
			foundNaN = true
		}
		if x > max {
			max = x
		}
	}
	if math.IsInf(max, 0) {
		return max
	}
	if foundNaN {
		return math.NaN()
	}
	if max == 0 || len(v) <= 1 {
		return max
	}
	if len(v) == 2 {
		return math.Hypot(v[0], v[1])
	}
	_, exp := math.Frexp(max)
	scale := math.Ldexp(1, -exp)
	sum := 0.0
	comp := 0.0
	for _, x := range v {
		x *= scale
		y := x*x - comp
		s := sum + y
		comp = (s - sum) - y
		sum = s
	}
	return math.Sqrt(sum) / scale
}

func hypot(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("hypot", args, kw, 0, -1); err != nil {
		return nil, err
	}
	v := make([]float64, len(args))
	for i, a := range args {
		x, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		v[i] = x
	}
	return py.Float(vectorNorm(v)), nil
}

func dist(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("dist", args, kw, 2, 2); err != nil {
		return nil, err
	}
	var pq [2][]py.Object
	for i, a := range args {
		switch x := a.(type) {
		case py.Tuple:
			pq[i] = x
		default:
			items, err := pyexec.Collect(t, a)
			if err != nil {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "dist(): argument %d must be tuple, not %s", i+1, pyexec.TypeName(a))
			}
			pq[i] = items
		}
	}
	if len(pq[0]) != len(pq[1]) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "both points must have the same number of dimensions")
	}
	v := make([]float64, len(pq[0]))
	for i := range v {
		x, err := toFloat(pq[0][i])
		if err != nil {
			return nil, err
		}
		y, err := toFloat(pq[1][i])
		if err != nil {
			return nil, err
		}
		v[i] = math.Abs(x - y)
	}
	return py.Float(vectorNorm(v)), nil
}

// logOf is CPython's loghelper: ints too large for a float use frexp.
func logOf(o py.Object, f func(float64) float64) (float64, error) {
	if b := pyexec.BigOf(o); b != nil {
		if b.Sign() <= 0 {
			return 0, domainErr()
		}
		x, _ := new(big.Float).SetInt(b).Float64()
		if math.IsInf(x, 0) {
			e := b.BitLen()
			m, _ := new(big.Float).SetMantExp(new(big.Float).SetInt(b), -e).Float64()
			return f(m) + float64(e)*f(2), nil
		}
		return logFloat(x, f)
	}
	x, err := toFloat(o)
	if err != nil {
		return 0, err
	}
	return logFloat(x, f)
}

func logFloat(x float64, f func(float64) float64) (float64, error) {
	if math.IsNaN(x) || math.IsInf(x, 1) {
		return x, nil
	}
	if x <= 0 {
		return 0, domainErr()
	}
	return f(x), nil
}

func logFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("log", args, kw, 1, 2); err != nil {
		return nil, err
	}
	num, err := logOf(args[0], math.Log)
	if err != nil {
		return nil, err
	}
	if len(args) == 2 {
		den, err := logOf(args[1], math.Log)
		if err != nil {
			return nil, err
		}
		if den == 0 {
			return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "float division by zero")
		}
		return py.Float(num / den), nil
	}
	return py.Float(num), nil
}

func log2(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("log2", args, kw, 1, 1); err != nil {
		return nil, err
	}
	r, err := logOf(args[0], math.Log2)
	return py.Float(r), err
}

// log10x is log10, exact at the floats nearest to powers of ten (as the
// C library's is).
func log10x(x float64) float64 {
	r := math.Log10(x)
	k := math.Round(r)
	if math.Abs(r-k) < 1e-9 && k >= -323 && k <= 308 {
		if p, err := strconv.ParseFloat("1e"+strconv.Itoa(int(k)), 64); err == nil && p == x {
			return k
		}
	}
	return r
}

func log10(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("log10", args, kw, 1, 1); err != nil {
		return nil, err
	}
	r, err := logOf(args[0], log10x)
	return py.Float(r), err
}

func floats2(name string, args []py.Object, kw py.Tuple) (float64, float64, error) {
	if err := pyexec.CheckArgs(name, args, kw, 2, 2); err != nil {
		return 0, 0, err
	}
	x, err := toFloat(args[0])
	if err != nil {
		return 0, 0, err
	}
	y, err := toFloat(args[1])
	return x, y, err
}

func isclose(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("isclose", args, kw, []string{"a", "b", "$rel_tol", "$abs_tol"}, 2)
	if err != nil {
		return nil, err
	}
	var v [4]float64
	v[2], v[3] = 1e-9, 0
	for i, o := range a {
		if o == nil {
			continue
		}
		if v[i], err = toFloat(o); err != nil {
			return nil, err
		}
	}
	x, y, rel, abs := v[0], v[1], v[2], v[3]
	if rel < 0 || abs < 0 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "tolerances must be non-negative")
	}
	if x == y {
		return py.True, nil
	}
	if math.IsInf(x, 0) || math.IsInf(y, 0) {
		return py.False, nil
	}
	diff := math.Abs(y - x)
	return py.NewBool((diff <= math.Abs(rel*y)) || (diff <= math.Abs(rel*x)) || diff <= abs), nil
}

func copysign(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	x, y, err := floats2("copysign", args, kw)
	if err != nil {
		return nil, err
	}
	return py.Float(math.Copysign(x, y)), nil
}

func atan2(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	x, y, err := floats2("atan2", args, kw)
	if err != nil {
		return nil, err
	}
	return py.Float(math.Atan2(x, y)), nil
}

func fmod(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	x, y, err := floats2("fmod", args, kw)
	if err != nil {
		return nil, err
	}
	if math.IsInf(y, 0) && isFinite(x) {
		return py.Float(x), nil
	}
	r := math.Mod(x, y)
	if math.IsNaN(r) && !math.IsNaN(x) && !math.IsNaN(y) {
		return nil, domainErr()
	}
	return py.Float(r), nil
}

func remainder(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	x, y, err := floats2("remainder", args, kw)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(x) || math.IsNaN(y) {
		return py.Float(math.NaN()), nil
	}
	if math.IsInf(x, 0) || y == 0 {
		return nil, domainErr()
	}
	if math.IsInf(y, 0) {
		return py.Float(x), nil
	}
	return py.Float(math.Remainder(x, y)), nil
}

func powFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	x, y, err := floats2("pow", args, kw)
	if err != nil {
		return nil, err
	}
	if !isFinite(x) || !isFinite(y) {
		switch {
		case math.IsNaN(x):
			if y == 0 {
				return py.Float(1), nil
			}
			return py.Float(x), nil
		case math.IsNaN(y):
			if x == 1 {
				return py.Float(1), nil
			}
			return py.Float(y), nil
		}
		return py.Float(math.Pow(x, y)), nil
	}
	r := math.Pow(x, y)
	if math.IsNaN(r) {
		return nil, domainErr()
	}
	if math.IsInf(r, 0) {
		if x == 0 {
			return nil, domainErr()
		}
		return nil, rangeErr()
	}
	return py.Float(r), nil
}

func frexp(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.frexp", args, kw, 1, 1); err != nil {
		return nil, err
	}
	x, err := toFloat(args[0])
	if err != nil {
		return nil, err
	}
	if !isFinite(x) || x == 0 {
		return py.Tuple{py.Float(x), pyexec.MakeInt(0)}, nil
	}
	m, e := math.Frexp(x)
	return py.Tuple{py.Float(m), pyexec.MakeInt(int64(e))}, nil
}

func ldexp(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("ldexp", args, kw, 2, 2); err != nil {
		return nil, err
	}
	x, err := toFloat(args[0])
	if err != nil {
		return nil, err
	}
	eb := pyexec.BigOf(args[1])
	if eb == nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Expected an int as second argument to ldexp.")
	}
	if x == 0 || !isFinite(x) {
		return py.Float(x), nil
	}
	var e int64
	switch {
	case !eb.IsInt64() && eb.Sign() > 0, eb.IsInt64() && eb.Int64() > 100000:
		return nil, rangeErr()
	case !eb.IsInt64() || eb.Int64() < -100000:
		return py.Float(math.Copysign(0, x)), nil
	default:
		e = eb.Int64()
	}
	r := math.Ldexp(x, int(e))
	if math.IsInf(r, 0) {
		return nil, rangeErr()
	}
	return py.Float(r), nil
}

func modf(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.modf", args, kw, 1, 1); err != nil {
		return nil, err
	}
	x, err := toFloat(args[0])
	if err != nil {
		return nil, err
	}
	if math.IsInf(x, 0) {
		return py.Tuple{py.Float(math.Copysign(0, x)), py.Float(x)}, nil
	}
	i, f := math.Modf(x)
	return py.Tuple{py.Float(f), py.Float(i)}, nil
}

func ulp(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("math.ulp", args, kw, 1, 1); err != nil {
		return nil, err
	}
	x, err := toFloat(args[0])
	if err != nil {
		return nil, err
	}
	if math.IsNaN(x) {
		return py.Float(x), nil
	}
	x = math.Abs(x)
	if math.IsInf(x, 0) {
		return py.Float(x), nil
	}
	x2 := math.Nextafter(x, math.Inf(1))
	if math.IsInf(x2, 0) {
		x2 = math.Nextafter(x, math.Inf(-1))
		return py.Float(x - x2), nil
	}
	return py.Float(x2 - x), nil
}

func nextafter(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var a []py.Object
	var err error
	if t.Version().Minor >= 12 {
		a, err = pyexec.BindArgs("nextafter", args, kw, []string{"x", "y", "$steps"}, 2)
	} else {
		err = pyexec.CheckArgs("nextafter", args, kw, 2, 2)
		a = append(args[:len(args):len(args)], nil)
	}
	if err != nil {
		return nil, err
	}
	x, y, err := floats2("nextafter", a[:2], nil)
	if err != nil {
		return nil, err
	}
	steps := int64(1)
	if a[2] != nil && !pyexec.IsNone(a[2]) {
		b, err := toInt(a[2])
		if err != nil {
			return nil, err
		}
		if b.Sign() < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "steps must be a non-negative integer")
		}
		steps = b.Int64()
	}
	for i := int64(0); i < steps && x != y; i++ {
		x = math.Nextafter(x, y)
	}
	if steps == 0 {
		return py.Float(x), nil
	}
	return py.Float(x), nil
}

func sumprod(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("sumprod", args, kw, 2, 2); err != nil {
		return nil, err
	}
	p, err := pyexec.Collect(t, args[0])
	if err != nil {
		return nil, err
	}
	q, err := pyexec.Collect(t, args[1])
	if err != nil {
		return nil, err
	}
	if len(p) != len(q) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Inputs are not the same length")
	}
	allFloat := true
	for i := range p {
		_, f1 := p[i].(py.Float)
		_, f2 := q[i].(py.Float)
		allFloat = allFloat && f1 && f2
	}
	if allFloat && len(p) > 0 {
		// Exact dot product: sum the exact products with fsum.
		terms := make(py.Tuple, 0, 2*len(p))
		for i := range p {
			x, y := float64(p[i].(py.Float)), float64(q[i].(py.Float))
			hi := x * y
			lo := math.FMA(x, y, -hi)
			terms = append(terms, py.Float(hi), py.Float(lo))
		}
		return fsum(t, []py.Object{terms}, nil)
	}
	var acc py.Object = pyexec.MakeInt(0)
	for i := range p {
		m, err := pyexec.BinaryOp(t, pyexec.OpMul, p[i], q[i])
		if err != nil {
			return nil, err
		}
		if acc, err = pyexec.BinaryOp(t, pyexec.OpAdd, acc, m); err != nil {
			return nil, err
		}
	}
	return acc, nil
}
