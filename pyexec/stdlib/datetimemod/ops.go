package datetimemod

import (
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func dateAddDays(x *DT, days int64) (py.Object, error) {
	o := x.ordinal() + days
	if o < 1 || o > maxOrd {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "date value out of range")
	}
	y, m, d := ordToYMD(o)
	return &DT{kind: kindDate, Y: y, M: m, D: d}, nil
}

func dtAdd(x *DT, us int64) (py.Object, error) {
	r, err := fromAbsUs(x.absUs()+us, x.TZ)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// add implements date/datetime + timedelta.
func (x *DT) add(d *TimeDelta, sign int64) (py.Object, error) {
	switch x.kind {
	case kindDate:
		return dateAddDays(x, sign*d.Days)
	case kindDT:
		return dtAdd(x, sign*d.totalUs())
	}
	return pyexec.NotImplemented, nil
}

func (x *DT) sub(t *pyexec.Thread, y *DT) (py.Object, error) {
	if x.kind != y.kind || x.kind == kindTime {
		return pyexec.NotImplemented, nil
	}
	if x.kind == kindDate {
		return deltaUs((x.ordinal() - y.ordinal()) * usPerDay)
	}
	xo, err := x.utcoffset(t)
	if err != nil {
		return nil, err
	}
	yo, err := y.utcoffset(t)
	if err != nil {
		return nil, err
	}
	if (xo == nil) != (yo == nil) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "can't subtract offset-naive and offset-aware datetimes")
	}
	diff := x.absUs() - y.absUs()
	if xo != nil && x.TZ != y.TZ {
		diff -= xo.totalUs() - yo.totalUs()
	}
	return deltaUs(diff)
}

func deltaMulRat(d *TimeDelta, r *big.Rat) (py.Object, error) {
	v := new(big.Rat).SetInt(d.total())
	return deltaFromUs(roundRat(v.Mul(v, r)))
}

func numRat(o py.Object) (*big.Rat, bool) {
	if b := pyexec.BigOf(o); b != nil {
		return new(big.Rat).SetInt(b), true
	}
	if f, ok := o.(py.Float); ok {
		if r := new(big.Rat); r.SetFloat64(float64(f)) != nil {
			return r, true
		}
	}
	return nil, false
}

func zeroDiv(msg string) error { return pyexec.Errorf(pyexec.ZeroDivisionErrorType, "%s", msg) }

func floorBig(a, b *big.Int) (*big.Int, *big.Int) {
	q, m := new(big.Int).DivMod(a, b, new(big.Int)) // Euclidean: m >= 0
	if b.Sign() < 0 && m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
		m.Add(m, b)
	}
	return q, m
}

var tdMethods = map[string]mfn{
	"__add__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		d := self.(*TimeDelta)
		switch o := args[0].(type) {
		case *TimeDelta:
			return deltaFromUs(new(big.Int).Add(d.total(), o.total()))
		case *DT:
			return o.add(d, 1)
		}
		return pyexec.NotImplemented, nil
	},
	"__sub__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if o, ok := args[0].(*TimeDelta); ok {
			return deltaFromUs(new(big.Int).Sub(self.(*TimeDelta).total(), o.total()))
		}
		return pyexec.NotImplemented, nil
	},
	"__rsub__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if o, ok := args[0].(*TimeDelta); ok {
			return deltaFromUs(new(big.Int).Sub(o.total(), self.(*TimeDelta).total()))
		}
		return pyexec.NotImplemented, nil
	},
	"__mul__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		r, ok := numRat(args[0])
		if !ok {
			return pyexec.NotImplemented, nil
		}
		return deltaMulRat(self.(*TimeDelta), r)
	},
	"__truediv__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		d := self.(*TimeDelta)
		if o, ok := args[0].(*TimeDelta); ok {
			if o.totalUs() == 0 {
				return nil, zeroDiv("division by zero")
			}
			f, _ := new(big.Rat).SetFrac(d.total(), o.total()).Float64()
			return py.Float(f), nil
		}
		r, ok := numRat(args[0])
		if !ok {
			return pyexec.NotImplemented, nil
		}
		if r.Sign() == 0 {
			if pyexec.IsInt(args[0]) {
				return nil, zeroDiv("integer division or modulo by zero")
			}
			return nil, zeroDiv("float division by zero")
		}
		return deltaMulRat(d, r.Inv(r))
	},
	"__floordiv__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		d := self.(*TimeDelta)
		if o, ok := args[0].(*TimeDelta); ok {
			if o.totalUs() == 0 {
				return nil, zeroDiv("integer division or modulo by zero")
			}
			q, _ := floorBig(d.total(), o.total())
			return pyexec.IntFromBig(q), nil
		}
		if b := pyexec.BigOf(args[0]); b != nil {
			if b.Sign() == 0 {
				return nil, zeroDiv("integer division or modulo by zero")
			}
			q, _ := floorBig(d.total(), b)
			return deltaFromUs(q)
		}
		return pyexec.NotImplemented, nil
	},
	"__mod__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if o, ok := args[0].(*TimeDelta); ok {
			if o.totalUs() == 0 {
				return nil, zeroDiv("integer division or modulo by zero")
			}
			_, m := floorBig(self.(*TimeDelta).total(), o.total())
			return deltaFromUs(m)
		}
		return pyexec.NotImplemented, nil
	},
	"__divmod__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if o, ok := args[0].(*TimeDelta); ok {
			if o.totalUs() == 0 {
				return nil, zeroDiv("integer division or modulo by zero")
			}
			q, m := floorBig(self.(*TimeDelta).total(), o.total())
			md, err := deltaFromUs(m)
			if err != nil {
				return nil, err
			}
			return py.Tuple{pyexec.IntFromBig(q), md}, nil
		}
		return pyexec.NotImplemented, nil
	},
	"__neg__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return deltaFromUs(new(big.Int).Neg(self.(*TimeDelta).total()))
	},
	"__pos__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return self, nil
	},
	"__abs__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return deltaFromUs(new(big.Int).Abs(self.(*TimeDelta).total()))
	},
	"__bool__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.NewBool(self.(*TimeDelta).totalUs() != 0), nil
	},
	"__hash__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		h, err := self.(*TimeDelta).hash(t)
		return pyexec.MakeInt(h), err
	},
	"__str__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.String(self.(*TimeDelta).Str()), nil
	},
	"total_seconds": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("total_seconds", args, kw, 0, 0); err != nil {
			return nil, err
		}
		f, _ := new(big.Rat).SetFrac(self.(*TimeDelta).total(), big.NewInt(usPerSec)).Float64()
		return py.Float(f), nil
	},
}

func setupOps() {
	tdMethods["__radd__"] = tdMethods["__add__"]
	tdMethods["__rmul__"] = tdMethods["__mul__"]
	for name, f := range tdMethods {
		if len(name) > 4 && name[:2] == "__" {
			switch name {
			case "__neg__", "__pos__", "__abs__", "__bool__", "__hash__", "__str__":
			default:
				tdMethods[name] = binArgs(name, f)
			}
		}
	}
	dtOps["__radd__"] = dtOps["__add__"]
}

// binArgs checks that a binary dunder gets exactly one argument.
func binArgs(name string, f mfn) mfn {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		return f(t, self, args, kw)
	}
}

var dtOps = map[string]mfn{
	"__add__": binArgs("__add__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if d, ok := args[0].(*TimeDelta); ok {
			return self.(*DT).add(d, 1)
		}
		return pyexec.NotImplemented, nil
	}),
	"__sub__": binArgs("__sub__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		switch o := args[0].(type) {
		case *TimeDelta:
			return self.(*DT).add(o, -1)
		case *DT:
			return self.(*DT).sub(t, o)
		}
		return pyexec.NotImplemented, nil
	}),
	"__hash__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		h, err := self.(*DT).hash(t)
		return pyexec.MakeInt(h), err
	},
}
