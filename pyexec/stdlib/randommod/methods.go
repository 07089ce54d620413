package randommod

import (
	"math"
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

type method = func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error)

func flt(f float64) py.Object { return py.Float(f) }

var methods = map[string]method{
	"seed": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("seed", args, kw, []string{"a", "version"}, 0)
		if err != nil {
			return nil, err
		}
		ver := int64(2)
		if a[1] != nil {
			ver, _, _ = pyexec.AsIndex(a[1])
		}
		return py.None, r.seed(t, a[0], ver)
	},
	"random": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("random", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return flt(r.mt.random()), nil
	},
	"getrandbits": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("getrandbits", args, kw, 1, 1); err != nil {
			return nil, err
		}
		k, ok, err := pyexec.AsIndex(args[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, indexErr(args[0])
		}
		if k < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "number of bits must be non-negative")
		}
		if k == 0 {
			return pyexec.MakeInt(0), nil
		}
		return pyexec.IntFromBig(r.getrandbits(k)), nil
	},
	"randbytes": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("randbytes", args, kw, []string{"n"}, 1)
		if err != nil {
			return nil, err
		}
		n, ok, err := pyexec.AsIndex(a[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, indexErr(a[0])
		}
		if n < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "number of bits must be non-negative")
		}
		if n == 0 {
			return py.Bytes(nil), nil
		}
		v := r.getrandbits(n * 8).Bytes()
		out := make([]byte, n)
		for i := range v { // little-endian
			out[i] = v[len(v)-1-i]
		}
		return py.Bytes(out), nil
	},
	"randrange": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("randrange", args, kw, []string{"start", "stop", "step"}, 1)
		if err != nil {
			return nil, err
		}
		return r.randrange(t, a[0], a[1], a[2])
	},
	"randint": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("randint", args, kw, []string{"a", "b"}, 2)
		if err != nil {
			return nil, err
		}
		b1, err := pyexec.BinaryOp(t, pyexec.OpAdd, a[1], pyexec.MakeInt(1))
		if err != nil {
			return nil, err
		}
		return r.randrange(t, a[0], b1, nil)
	},
	"choice": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("choice", args, kw, []string{"seq"}, 1)
		if err != nil {
			return nil, err
		}
		n, err := pyexec.Len(t, a[0])
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, pyexec.Errorf(pyexec.IndexErrorType, "Cannot choose from an empty sequence")
		}
		return pyexec.GetItem(t, a[0], pyexec.MakeInt(int64(r.randbelowInt(n))))
	},
	"shuffle": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("shuffle", args, kw, []string{"x"}, 1)
		if err != nil {
			return nil, err
		}
		if l, ok := a[0].(*py.List); ok {
			for i := len(l.Items) - 1; i > 0; i-- {
				j := r.randbelowInt(i + 1)
				l.Items[i], l.Items[j] = l.Items[j], l.Items[i]
			}
			return py.None, nil
		}
		n, err := pyexec.Len(t, a[0])
		if err != nil {
			return nil, err
		}
		for i := n - 1; i > 0; i-- {
			j := r.randbelowInt(i + 1)
			xi, err := pyexec.GetItem(t, a[0], pyexec.MakeInt(int64(i)))
			if err != nil {
				return nil, err
			}
			xj, err := pyexec.GetItem(t, a[0], pyexec.MakeInt(int64(j)))
			if err != nil {
				return nil, err
			}
			if err := pyexec.SetItem(t, a[0], pyexec.MakeInt(int64(i)), xj); err != nil {
				return nil, err
			}
			if err := pyexec.SetItem(t, a[0], pyexec.MakeInt(int64(j)), xi); err != nil {
				return nil, err
			}
		}
		return py.None, nil
	},
	"sample":  sample,
	"choices": choices,
	"uniform": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("uniform", args, kw, []string{"a", "b"}, 2)
		if err != nil {
			return nil, err
		}
		d, err := pyexec.BinaryOp(t, pyexec.OpSub, a[1], a[0])
		if err != nil {
			return nil, err
		}
		p, err := pyexec.BinaryOp(t, pyexec.OpMul, d, flt(r.mt.random()))
		if err != nil {
			return nil, err
		}
		return pyexec.BinaryOp(t, pyexec.OpAdd, a[0], p)
	},
	"triangular": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("triangular", args, kw, []string{"low", "high", "mode"}, 0)
		if err != nil {
			return nil, err
		}
		low, high := 0.0, 1.0
		if a[0] != nil {
			if low, err = toFloat(t, a[0]); err != nil {
				return nil, err
			}
		}
		if a[1] != nil {
			if high, err = toFloat(t, a[1]); err != nil {
				return nil, err
			}
		}
		u := r.mt.random()
		c := 0.5
		if a[2] != nil && !pyexec.IsNone(a[2]) {
			mode, err := toFloat(t, a[2])
			if err != nil {
				return nil, err
			}
			if high-low == 0 {
				return flt(low), nil
			}
			c = (mode - low) / (high - low)
		}
		if u > c {
			u, c = 1.0-u, 1.0-c
			low, high = high, low
		}
		return flt(low + (high-low)*math.Sqrt(u*c)), nil
	},
	"normalvariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "normalvariate", args, kw, []string{"mu", "sigma"}, 0, 0, 1)
		if err != nil {
			return nil, err
		}
		return flt(r.normalvariate(f[0], f[1])), nil
	},
	"lognormvariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "lognormvariate", args, kw, []string{"mu", "sigma"}, 2)
		if err != nil {
			return nil, err
		}
		return flt(math.Exp(r.normalvariate(f[0], f[1]))), nil
	},
	"gauss": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		req := 2
		if t.Version().Minor >= 11 {
			req = 0
		}
		f, err := floats(t, "gauss", args, kw, []string{"mu", "sigma"}, req, 0, 1)
		if err != nil {
			return nil, err
		}
		var z float64
		if r.gaussNext != nil {
			z = float64(r.gaussNext.(py.Float))
			r.gaussNext = nil
		} else {
			x2pi := r.mt.random() * 2 * math.Pi
			g2rad := math.Sqrt(-2.0 * math.Log(1.0-r.mt.random()))
			z = math.Cos(x2pi) * g2rad
			r.gaussNext = flt(math.Sin(x2pi) * g2rad)
		}
		return flt(f[0] + z*f[1]), nil
	},
	"expovariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		req := 1
		if t.Version().Minor >= 12 {
			req = 0
		}
		f, err := floats(t, "expovariate", args, kw, []string{"lambd"}, req, 1)
		if err != nil {
			return nil, err
		}
		if f[0] == 0 {
			return nil, pyexec.Errorf(pyexec.ZeroDivisionErrorType, "float division by zero")
		}
		return flt(-math.Log(1.0-r.mt.random()) / f[0]), nil
	},
	"gammavariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "gammavariate", args, kw, []string{"alpha", "beta"}, 2)
		if err != nil {
			return nil, err
		}
		v, err := r.gammavariate(f[0], f[1])
		return flt(v), err
	},
	"betavariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "betavariate", args, kw, []string{"alpha", "beta"}, 2)
		if err != nil {
			return nil, err
		}
		y, err := r.gammavariate(f[0], 1.0)
		if err != nil {
			return nil, err
		}
		if y == 0 {
			return flt(0), nil
		}
		y2, err := r.gammavariate(f[1], 1.0)
		if err != nil {
			return nil, err
		}
		return flt(y / (y + y2)), nil
	},
	"paretovariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "paretovariate", args, kw, []string{"alpha"}, 1)
		if err != nil {
			return nil, err
		}
		u := 1.0 - r.mt.random()
		return flt(math.Pow(u, -1.0/f[0])), nil
	},
	"weibullvariate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		f, err := floats(t, "weibullvariate", args, kw, []string{"alpha", "beta"}, 2)
		if err != nil {
			return nil, err
		}
		u := 1.0 - r.mt.random()
		return flt(f[0] * math.Pow(-math.Log(u), 1.0/f[1])), nil
	},
	"getstate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("getstate", args, kw, 0, 0); err != nil {
			return nil, err
		}
		st := make(py.Tuple, 625)
		for i, v := range r.mt.state {
			st[i] = pyexec.MakeInt(int64(v))
		}
		st[624] = pyexec.MakeInt(int64(r.mt.index))
		var g py.Object = py.None
		if r.gaussNext != nil {
			g = r.gaussNext
		}
		return py.Tuple{pyexec.MakeInt(3), st, g}, nil
	},
	"setstate": func(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("setstate", args, kw, 1, 1); err != nil {
			return nil, err
		}
		st, ok := args[0].(py.Tuple)
		if !ok || len(st) != 3 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "state with version %s passed to Random.setstate() of version 3", "?")
		}
		if v, _, _ := pyexec.AsIndex(st[0]); v != 3 && v != 2 {
			s, _ := pyexec.Repr(t, st[0])
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "state with version %s passed to Random.setstate() of version 3", s)
		}
		inner, ok := st[1].(py.Tuple)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "state vector must be a tuple")
		}
		if len(inner) != 625 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "state vector is the wrong size")
		}
		var m mt
		for i := 0; i < 624; i++ {
			b := pyexec.BigOf(inner[i])
			if b == nil {
				return nil, indexErr(inner[i])
			}
			m.state[i] = uint32(new(big.Int).And(b, big.NewInt(0xffffffff)).Uint64())
		}
		idx, _, _ := pyexec.AsIndex(inner[624])
		if idx < 0 || idx > 624 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "invalid state")
		}
		m.index = int(idx)
		r.mt = m
		r.gaussNext = nil
		if !pyexec.IsNone(st[2]) {
			r.gaussNext = st[2]
		}
		return py.None, nil
	},
}

func sample(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("sample", args, kw, []string{"population", "k", "$counts"}, 2)
	if err != nil {
		return nil, err
	}
	pop := a[0]
	if !isSequence(pop) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Population must be a sequence.  For dicts or sets, use sorted(d).")
	}
	n, err := pyexec.Len(t, pop)
	if err != nil {
		return nil, err
	}
	if a[2] != nil && !pyexec.IsNone(a[2]) {
		counts, err := pyexec.Collect(t, a[2])
		if err != nil {
			return nil, err
		}
		cum := make([]py.Object, len(counts))
		var acc py.Object
		for i, c := range counts {
			if i == 0 {
				acc = c
			} else if acc, err = pyexec.BinaryOp(t, pyexec.OpAdd, acc, c); err != nil {
				return nil, err
			}
			cum[i] = acc
		}
		if len(cum) != n {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "The number of counts does not match the population")
		}
		total := pyexec.BigOf(cum[len(cum)-1])
		if total == nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Counts must be integers")
		}
		if total.Sign() <= 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Total of counts must be greater than zero")
		}
		cum = cum[:len(cum)-1]
		rng, err := pyexec.Call(t, pyexec.RangeType, []py.Object{pyexec.IntFromBig(total)}, nil)
		if err != nil {
			return nil, err
		}
		sel, err := sample(t, r, []py.Object{rng, a[1]}, nil)
		if err != nil {
			return nil, err
		}
		items := sel.(*py.List).Items
		out := make([]py.Object, len(items))
		for i, s := range items {
			lo, hi := 0, len(cum)
			for lo < hi { // bisect_right
				mid := (lo + hi) / 2
				lt, err := pyexec.Compare(t, pyexec.CmpLT, s, cum[mid])
				if err != nil {
					return nil, err
				}
				if lt {
					hi = mid
				} else {
					lo = mid + 1
				}
			}
			if out[i], err = pyexec.GetItem(t, pop, pyexec.MakeInt(int64(lo))); err != nil {
				return nil, err
			}
		}
		return py.NewListFromItems(out), nil
	}
	k, ok, err := pyexec.AsIndex(a[1])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, indexErr(a[1])
	}
	if k < 0 || k > int64(n) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Sample larger than population or is negative")
	}
	result := make([]py.Object, k)
	setsize := 21
	if k > 5 {
		setsize += int(math.Pow(4, math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	get := func(i int) (py.Object, error) { return pyexec.GetItem(t, pop, pyexec.MakeInt(int64(i))) }
	if n <= setsize {
		pool, err := pyexec.Collect(t, pop)
		if err != nil {
			return nil, err
		}
		for i := 0; i < int(k); i++ {
			j := r.randbelowInt(n - i)
			result[i] = pool[j]
			pool[j] = pool[n-i-1]
		}
	} else {
		selected := map[int]bool{}
		for i := 0; i < int(k); i++ {
			j := r.randbelowInt(n)
			for selected[j] {
				j = r.randbelowInt(n)
			}
			selected[j] = true
			if result[i], err = get(j); err != nil {
				return nil, err
			}
		}
	}
	return py.NewListFromItems(result), nil
}

func choices(t *pyexec.Thread, r *Random, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("choices", args, kw, []string{"population", "weights", "$cum_weights", "$k"}, 1)
	if err != nil {
		return nil, err
	}
	pop := a[0]
	n, err := pyexec.Len(t, pop)
	if err != nil {
		return nil, err
	}
	k := int64(1)
	if a[3] != nil {
		var ok bool
		if k, ok, err = pyexec.AsIndex(a[3]); err != nil {
			return nil, err
		} else if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[3]))
		}
	}
	if k < 0 {
		k = 0
	}
	out := make([]py.Object, 0, k)
	weights, cumW := a[1], a[2]
	if weights != nil && pyexec.IsNone(weights) {
		weights = nil
	}
	if cumW != nil && pyexec.IsNone(cumW) {
		cumW = nil
	}
	var cum []py.Object
	if cumW == nil {
		if weights == nil {
			fn := float64(n)
			for i := int64(0); i < k; i++ {
				v, err := pyexec.GetItem(t, pop, pyexec.MakeInt(int64(math.Floor(r.mt.random()*fn))))
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			return py.NewListFromItems(out), nil
		}
		ws, err := pyexec.Collect(t, weights)
		if err != nil {
			if pyexec.IsInt(weights) {
				s, _ := pyexec.Repr(t, weights)
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "The number of choices must be a keyword argument: k=%s", s)
			}
			return nil, err
		}
		var acc py.Object
		for i, w := range ws {
			if i == 0 {
				acc = w
			} else if acc, err = pyexec.BinaryOp(t, pyexec.OpAdd, acc, w); err != nil {
				return nil, err
			}
			cum = append(cum, acc)
		}
	} else {
		if weights != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Cannot specify both weights and cumulative weights")
		}
		if cum, err = pyexec.Collect(t, cumW); err != nil {
			return nil, err
		}
	}
	if len(cum) != n {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "The number of weights does not match the population")
	}
	if n == 0 {
		return nil, pyexec.Errorf(pyexec.IndexErrorType, "list index out of range")
	}
	totalObj, err := pyexec.BinaryOp(t, pyexec.OpAdd, cum[len(cum)-1], py.Float(0))
	if err != nil {
		return nil, err
	}
	total, err := toFloat(t, totalObj)
	if err != nil {
		return nil, err
	}
	if total <= 0 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Total of weights must be greater than zero")
	}
	if math.IsInf(total, 0) || math.IsNaN(total) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Total of weights must be finite")
	}
	hi := n - 1
	for i := int64(0); i < k; i++ {
		x := py.Float(r.mt.random() * total)
		lo, h := 0, hi
		for lo < h {
			mid := (lo + h) / 2
			lt, err := pyexec.Compare(t, pyexec.CmpLT, x, cum[mid])
			if err != nil {
				return nil, err
			}
			if lt {
				h = mid
			} else {
				lo = mid + 1
			}
		}
		v, err := pyexec.GetItem(t, pop, pyexec.MakeInt(int64(lo)))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return py.NewListFromItems(out), nil
}

func init() {
	ms := map[string]pyexec.MethodFunc{}
	for name, fn := range methods {
		fn := fn
		ms[name] = func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return fn(t, self.(*Random), args, kw)
		}
	}
	pyexec.AddMethods(RandomType, ms)
	pyexec.SetTypeCtor(RandomType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(kw) > 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Random() takes no keyword arguments")
		}
		if len(args) > 1 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Random() expected at most 1 argument, got %d", len(args))
		}
		r := &Random{}
		var a py.Object
		if len(args) == 1 {
			a = args[0]
		}
		if err := r.seed(t, a, 2); err != nil {
			return nil, err
		}
		return r, nil
	})
	pyexec.RegisterModule("random", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "random")
		inst := &Random{}
		if err := inst.seed(t, nil, 2); err != nil {
			return nil, err
		}
		m.Set(t, "Random", RandomType)
		m.Set(t, "_inst", inst)
		fns := map[string]pyexec.BuiltinFunc{}
		for name, fn := range methods {
			fn := fn
			fns[name] = func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
				return fn(t, inst, args, kw)
			}
		}
		m.AddFuncs(t, fns)
		return m, nil
	})
}
