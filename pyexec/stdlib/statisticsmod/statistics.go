// Package statisticsmod implements CPython's statistics module for pyexec
// over int, float and fractions.Fraction data with the exact arithmetic of
// Lib/statistics.py (exact sums, type coercion, correctly rounded square
// roots): mean, fmean, geometric_mean, harmonic_mean, median and its
// variants, mode, multimode, quantiles, variance, pvariance, stdev, pstdev.
// decimal.Decimal data is not supported.
package statisticsmod

import (
	"math"
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/fractionsmod"
)

// StatisticsErrorType is statistics.StatisticsError (a ValueError).
var StatisticsErrorType = pyexec.NewNativeType("statistics", "StatisticsError", pyexec.ValueErrorType)

func serr(msg string) error { return pyexec.Errorf(StatisticsErrorType, "%s", msg) }

// Kinds of numeric data, ordered by coercion (int < Fraction < float).
const (
	tInt = iota
	tFrac
	tFloat
)

type num struct {
	r    *big.Rat // nil for inf/nan floats
	f    float64
	kind int
}

func classify(t *pyexec.Thread, o py.Object) (num, error) {
	if b := pyexec.BigOf(o); b != nil {
		return num{r: new(big.Rat).SetInt(b), kind: tInt}, nil
	}
	if f, ok := o.(py.Float); ok {
		x := float64(f)
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return num{f: x, kind: tFloat}, nil
		}
		return num{r: new(big.Rat).SetFloat64(x), f: x, kind: tFloat}, nil
	}
	if r := fractionsmod.Rat(t, o); r != nil {
		return num{r: r, kind: tFrac}, nil
	}
	return num{}, pyexec.Errorf(pyexec.TypeErrorType, "can't convert type '%s' to numerator/denominator", pyexec.TypeName(o))
}

// sum returns CPython's _sum: the coerced type, the exact total (nil with
// fl set when a non-finite float is present) and the count.
func sum(t *pyexec.Thread, data []py.Object) (int, *big.Rat, float64, error) {
	T := tInt
	total := new(big.Rat)
	special := false
	sf := 0.0
	for _, x := range data {
		n, err := classify(t, x)
		if err != nil {
			return 0, nil, 0, err
		}
		if n.kind > T {
			T = n.kind
		}
		if n.r == nil {
			if !special {
				sf = n.f
			} else {
				sf += n.f
			}
			special = true
			continue
		}
		total.Add(total, n.r)
	}
	if special {
		return T, nil, sf, nil
	}
	return T, total, 0, nil
}

func fracClass(t *pyexec.Thread) (py.Object, error) {
	m, err := t.Import("fractions")
	if err != nil {
		return nil, err
	}
	return pyexec.GetAttr(t, m, "Fraction")
}

func convert(t *pyexec.Thread, r *big.Rat, T int) (py.Object, error) {
	switch {
	case T == tInt && r.IsInt():
		return pyexec.IntFromBig(new(big.Int).Set(r.Num())), nil
	case T == tFrac:
		c, err := fracClass(t)
		if err != nil {
			return nil, err
		}
		return pyexec.Call(t, c, []py.Object{pyexec.IntFromBig(new(big.Int).Set(r.Num())), pyexec.IntFromBig(new(big.Int).Set(r.Denom()))}, nil)
	}
	f, _ := r.Float64()
	return py.Float(f), nil
}

// ss returns the exact sum of squared deviations about the exact mean (or
// about c when given), as _ss.
func ss(t *pyexec.Thread, data []py.Object, c py.Object) (int, *big.Rat, float64, int, error) {
	if c != nil && !pyexec.IsNone(c) {
		sq := make([]py.Object, len(data))
		for i, x := range data {
			d, err := pyexec.BinaryOp(t, pyexec.OpSub, x, c)
			if err != nil {
				return 0, nil, 0, 0, err
			}
			if sq[i], err = pyexec.BinaryOp(t, pyexec.OpMul, d, d); err != nil {
				return 0, nil, 0, 0, err
			}
		}
		T, total, sf, err := sum(t, sq)
		return T, total, sf, len(data), err
	}
	T, total, sf, err := sum(t, data)
	if err != nil || total == nil {
		return T, nil, sf, len(data), err
	}
	n := len(data)
	if n == 0 {
		return T, new(big.Rat), 0, 0, nil
	}
	mean := new(big.Rat).Quo(total, new(big.Rat).SetInt64(int64(n)))
	acc := new(big.Rat)
	for _, x := range data {
		v, _ := classify(t, x)
		d := new(big.Rat).Sub(v.r, mean)
		acc.Add(acc, d.Mul(d, d))
	}
	return T, acc, 0, n, nil
}

// sqrtFrac is _float_sqrt_of_frac: the correctly rounded float sqrt(n/m).
func sqrtFrac(r *big.Rat) float64 {
	n, m := r.Num(), r.Denom()
	if n.Sign() == 0 {
		return 0
	}
	const width = 2*53 + 3
	rto := func(n, m *big.Int) *big.Int {
		a := new(big.Int).Sqrt(new(big.Int).Quo(n, m))
		chk := new(big.Int).Mul(a, a)
		if chk.Mul(chk, m).Cmp(n) != 0 {
			a.SetBit(a, 0, 1)
		}
		return a
	}
	q := (n.BitLen() - m.BitLen() - width)
	q = floorDiv2(q)
	var res *big.Rat
	if q >= 0 {
		num := rto(n, new(big.Int).Lsh(m, uint(2*q)))
		res = new(big.Rat).SetInt(num.Lsh(num, uint(q)))
	} else {
		num := rto(new(big.Int).Lsh(n, uint(-2*q)), m)
		res = new(big.Rat).SetFrac(num, new(big.Int).Lsh(big.NewInt(1), uint(-q)))
	}
	f, _ := res.Float64()
	return f
}

func floorDiv2(x int) int {
	if x >= 0 {
		return x / 2
	}
	return -((-x + 1) / 2)
}

func dataArg(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple, params []string) ([]py.Object, []py.Object, error) {
	a, err := pyexec.BindArgs(fname, args, kw, params, 1)
	if err != nil {
		return nil, nil, err
	}
	d, err := pyexec.Collect(t, a[0])
	return d, a, err
}

func sorted(t *pyexec.Thread, d []py.Object) ([]py.Object, error) {
	return d, pyexec.SortItems(t, d, nil, false)
}

func add(t *pyexec.Thread, a, b py.Object) (py.Object, error) {
	return pyexec.BinaryOp(t, pyexec.OpAdd, a, b)
}

func init() {
	pyexec.RegisterModule("statistics", newModule)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "statistics")
	m.Set(t, "StatisticsError", StatisticsErrorType)
	varianceLike := func(name string, sample, root bool) pyexec.BuiltinFunc {
		param := "mu"
		if sample {
			param = "xbar"
		}
		return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, a, err := dataArg(t, name, args, kw, []string{"data", param})
			if err != nil {
				return nil, err
			}
			n := len(data)
			if sample && n < 2 {
				return nil, serr(name + " requires at least two data points")
			}
			if !sample && n < 1 {
				return nil, serr(name + " requires at least one data point")
			}
			T, s, sf, n, err := ss(t, data, a[1])
			if err != nil {
				return nil, err
			}
			div := int64(n)
			if sample {
				div--
			}
			if s == nil {
				if root {
					return py.Float(math.Sqrt(sf / float64(div))), nil
				}
				return py.Float(sf / float64(div)), nil
			}
			v := new(big.Rat).Quo(s, new(big.Rat).SetInt64(div))
			if root {
				return py.Float(sqrtFrac(v)), nil
			}
			return convert(t, v, T)
		}
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"mean": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "mean", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			if len(data) < 1 {
				return nil, serr("mean requires at least one data point")
			}
			T, total, sf, err := sum(t, data)
			if err != nil {
				return nil, err
			}
			if total == nil {
				return py.Float(sf / float64(len(data))), nil
			}
			return convert(t, total.Quo(total, new(big.Rat).SetInt64(int64(len(data)))), T)
		},
		"fmean": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, a, err := dataArg(t, "fmean", args, kw, []string{"data", "weights"})
			if err != nil {
				return nil, err
			}
			if a[1] != nil && !pyexec.IsNone(a[1]) {
				ws, err := pyexec.Collect(t, a[1])
				if err != nil {
					return nil, err
				}
				if len(ws) != len(data) {
					return nil, serr("data and weights must be the same length")
				}
				prods := make([]py.Object, len(data))
				for i := range data {
					if prods[i], err = pyexec.BinaryOp(t, pyexec.OpMul, data[i], ws[i]); err != nil {
						return nil, err
					}
				}
				num, err := fsum(t, prods)
				if err != nil {
					return nil, err
				}
				den, err := fsum(t, ws)
				if err != nil {
					return nil, err
				}
				if den == 0 {
					return nil, serr("sum of weights must be non-zero")
				}
				return py.Float(num / den), nil
			}
			total, err := fsum(t, data)
			if err != nil {
				return nil, err
			}
			if len(data) == 0 {
				return nil, serr("fmean requires at least one data point")
			}
			return py.Float(total / float64(len(data))), nil
		},
		"geometric_mean": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "geometric_mean", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			logs := make([]py.Object, len(data))
			for i, x := range data {
				f, err := toFloat(t, x)
				if err != nil {
					return nil, err
				}
				if f <= 0 {
					return nil, serr("geometric mean requires a non-empty dataset containing positive numbers")
				}
				logs[i] = py.Float(math.Log(f))
			}
			if len(data) == 0 {
				return nil, serr("geometric mean requires a non-empty dataset containing positive numbers")
			}
			s, err := fsum(t, logs)
			if err != nil {
				return nil, err
			}
			return py.Float(math.Exp(s / float64(len(data)))), nil
		},
		"harmonic_mean": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "harmonic_mean", args, kw, []string{"data", "weights"})
			if err != nil {
				return nil, err
			}
			const neg = "harmonic mean does not support negative values"
			n := len(data)
			if n < 1 {
				return nil, serr("harmonic_mean requires at least one data point")
			}
			if n == 1 {
				if _, err := classify(t, data[0]); err != nil {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "unsupported type")
				}
				if lt, err := pyexec.Compare(t, pyexec.CmpLT, data[0], pyexec.MakeInt(0)); err != nil || lt {
					if err != nil {
						return nil, err
					}
					return nil, serr(neg)
				}
				return data[0], nil
			}
			inv := make([]py.Object, n)
			for i, x := range data {
				if lt, err := pyexec.Compare(t, pyexec.CmpLT, x, pyexec.MakeInt(0)); err != nil || lt {
					if err != nil {
						return nil, err
					}
					return nil, serr(neg)
				}
				if z, err := pyexec.Truth(t, x); err != nil {
					return nil, err
				} else if !z {
					return pyexec.MakeInt(0), nil
				}
				if inv[i], err = pyexec.BinaryOp(t, pyexec.OpTrueDiv, pyexec.MakeInt(1), x); err != nil {
					return nil, err
				}
			}
			T, total, _, err := sum(t, inv)
			if err != nil {
				return nil, err
			}
			if total == nil || total.Sign() <= 0 {
				return pyexec.MakeInt(0), nil
			}
			return convert(t, new(big.Rat).Quo(new(big.Rat).SetInt64(int64(n)), total), T)
		},
		"median": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "median", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			if data, err = sorted(t, data); err != nil {
				return nil, err
			}
			n := len(data)
			if n == 0 {
				return nil, serr("no median for empty data")
			}
			if n%2 == 1 {
				return data[n/2], nil
			}
			s, err := add(t, data[n/2-1], data[n/2])
			if err != nil {
				return nil, err
			}
			return pyexec.BinaryOp(t, pyexec.OpTrueDiv, s, pyexec.MakeInt(2))
		},
		"median_low": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "median_low", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			if data, err = sorted(t, data); err != nil {
				return nil, err
			}
			n := len(data)
			if n == 0 {
				return nil, serr("no median for empty data")
			}
			if n%2 == 1 {
				return data[n/2], nil
			}
			return data[n/2-1], nil
		},
		"median_high": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "median_high", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			if data, err = sorted(t, data); err != nil {
				return nil, err
			}
			if len(data) == 0 {
				return nil, serr("no median for empty data")
			}
			return data[len(data)/2], nil
		},
		"median_grouped": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, a, err := dataArg(t, "median_grouped", args, kw, []string{"data", "interval"})
			if err != nil {
				return nil, err
			}
			if data, err = sorted(t, data); err != nil {
				return nil, err
			}
			n := len(data)
			if n == 0 {
				return nil, serr("no median for empty data")
			}
			interval := 1.0
			if a[1] != nil {
				if interval, err = toFloat(t, a[1]); err != nil {
					return nil, err
				}
			}
			x, err := toFloat(t, data[n/2])
			if err != nil {
				return nil, err
			}
			L := x - interval/2.0
			l1, l2 := 0, 0
			for i, d := range data {
				f, err := toFloat(t, d)
				if err != nil {
					return nil, err
				}
				if f < x {
					l1 = i + 1
				}
				if f <= x {
					l2 = i + 1
				}
			}
			return py.Float(L + interval*(float64(n)/2-float64(l1))/float64(l2-l1)), nil
		},
		"mode": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "mode", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			modes, err := multimode(t, data)
			if err != nil {
				return nil, err
			}
			if len(modes) == 0 {
				return nil, serr("no mode for empty data")
			}
			return modes[0], nil
		},
		"multimode": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			data, _, err := dataArg(t, "multimode", args, kw, []string{"data"})
			if err != nil {
				return nil, err
			}
			modes, err := multimode(t, data)
			return py.NewListFromItems(modes), err
		},
		"quantiles": quantiles,
		"variance":  varianceLike("variance", true, false),
		"pvariance": varianceLike("pvariance", false, false),
		"stdev":     varianceLike("stdev", true, true),
		"pstdev":    varianceLike("pstdev", false, true),
	})
	return m, nil
}

func toFloat(t *pyexec.Thread, o py.Object) (float64, error) {
	if f, ok := o.(py.Float); ok {
		return float64(f), nil
	}
	v, err := pyexec.Call(t, py.FloatType, []py.Object{o}, nil)
	if err != nil {
		return 0, err
	}
	return float64(v.(py.Float)), nil
}

// fsum is math.fsum: each item converted to float, summed exactly, rounded once.
func fsum(t *pyexec.Thread, xs []py.Object) (float64, error) {
	acc := new(big.Rat)
	special := 0.0
	hasSpecial := false
	for _, x := range xs {
		f, err := toFloat(t, x)
		if err != nil {
			return 0, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			special += f
			hasSpecial = true
			continue
		}
		acc.Add(acc, new(big.Rat).SetFloat64(f))
	}
	if hasSpecial {
		return special, nil
	}
	f, _ := acc.Float64()
	return f, nil
}

func multimode(t *pyexec.Thread, data []py.Object) ([]py.Object, error) {
	counts := pyexec.NewDict(len(data))
	var order []py.Object
	for _, x := range data {
		v, ok, err := counts.Get(t, x)
		if err != nil {
			return nil, err
		}
		c := int64(0)
		if ok {
			c, _, _ = pyexec.AsIndex(v)
		} else {
			order = append(order, x)
		}
		if err := counts.SetItem(t, x, pyexec.MakeInt(c+1)); err != nil {
			return nil, err
		}
	}
	best := int64(0)
	var out []py.Object
	for _, k := range order {
		v, _, _ := counts.Get(t, k)
		c, _, _ := pyexec.AsIndex(v)
		if c > best {
			best = c
			out = []py.Object{k}
		} else if c == best {
			out = append(out, k)
		}
	}
	if out == nil {
		out = []py.Object{}
	}
	return out, nil
}

func quantiles(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("quantiles", args, kw, []string{"data", "$n", "$method"}, 1)
	if err != nil {
		return nil, err
	}
	n := int64(4)
	if a[1] != nil {
		var ok bool
		if n, ok, err = pyexec.AsIndex(a[1]); err != nil || !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[1]))
		}
	}
	method := "exclusive"
	if a[2] != nil {
		s, _ := a[2].(py.String)
		method = string(s)
	}
	if n < 1 {
		return nil, serr("n must be at least 1")
	}
	data, err := pyexec.Collect(t, a[0])
	if err != nil {
		return nil, err
	}
	if data, err = sorted(t, data); err != nil {
		return nil, err
	}
	ld := int64(len(data))
	if ld < 2 {
		return nil, serr("must have at least two data points")
	}
	I := func(v int64) py.Object { return pyexec.MakeInt(v) }
	interp := func(lo, hi py.Object, wlo, whi int64) (py.Object, error) {
		x, err := pyexec.BinaryOp(t, pyexec.OpMul, lo, I(wlo))
		if err != nil {
			return nil, err
		}
		y, err := pyexec.BinaryOp(t, pyexec.OpMul, hi, I(whi))
		if err != nil {
			return nil, err
		}
		s, err := add(t, x, y)
		if err != nil {
			return nil, err
		}
		return pyexec.BinaryOp(t, pyexec.OpTrueDiv, s, I(n))
	}
	var out []py.Object
	switch method {
	case "inclusive":
		m := ld - 1
		for i := int64(1); i < n; i++ {
			j, delta := i*m/n, i*m%n
			v, err := interp(data[j], data[j+1], n-delta, delta)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	case "exclusive":
		m := ld + 1
		for i := int64(1); i < n; i++ {
			j := i * m / n
			if j < 1 {
				j = 1
			} else if j > ld-1 {
				j = ld - 1
			}
			delta := i*m - j*n
			v, err := interp(data[j-1], data[j], n-delta, delta)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	default:
		r, _ := pyexec.Repr(t, a[2])
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Unknown method: %s", r)
	}
	return py.NewListFromItems(out), nil
}
