package pyexec

import (
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
)

// The % operator of str with operands that are not built-in values:
// instances of user classes (str % obj, and obj inside the argument
// tuple) and values of native types.

// hasNumberDunder reports whether o's type (a user class or a native type)
// defines one of the numeric conversions %d %f %x use.
func hasNumberDunder(o py.Object, names ...string) bool {
	typ := TypeOf(o)
	for _, n := range names {
		if classOf(typ) != nil {
			if lookupUser(typ, n) != nil {
				return true
			}
			// An instance of a user subclass of a native type (Decimal)
			// has the payload's conversions.
			if in, ok := o.(*Instance); ok && in.value != nil {
				if pt := TypeOf(in.value); isNativeType(pt) && lookupMethod(pt, n) != nil {
					return true
				}
			}
			continue
		}
		if isNativeType(typ) && lookupMethod(typ, n) != nil {
			return true
		}
	}
	return false
}

// fmtArgOther describes for pyfmt an operand of % that is not an int,
// float or str: str(), repr() and ascii() through the object, and the
// numeric conversions of CPython's PyNumber_Check'ed operands (an int or
// float payload, __int__ / __index__ / __float__).
func fmtArgOther(t *Thread, o py.Object) pyfmt.Arg {
	a := pyfmt.Arg{Kind: pyfmt.ArgOther, TypeName: nativeTPName(o),
		Str:   func() (string, error) { return Str(t, o) },
		Repr:  func() (string, error) { return Repr(t, o) },
		ASCII: func() (string, error) { return ASCII(t, o) }}
	payload := unwrap(o)
	_, floatPayload := payload.(py.Float)
	intPayload := isInt(payload) && payload != o
	if intPayload || floatPayload || hasNumberDunder(o, "__index__", "__int__", "__float__") {
		a.IntValue = func() (*big.Int, error) {
			r, err := bInt(t, []py.Object{o}, nil)
			if err != nil {
				return nil, wrongTypeErr(err)
			}
			return bigOf(r), nil
		}
	}
	if intPayload || hasNumberDunder(o, "__index__") {
		a.Index = func() (*big.Int, error) {
			r, err := IndexValue(t, o)
			if err != nil {
				return nil, wrongTypeErr(err)
			}
			return bigOf(r), nil
		}
	}
	if intPayload || floatPayload || hasNumberDunder(o, "__index__", "__float__") {
		a.FloatValue = func() (float64, error) {
			r, err := bFloat(t, []py.Object{o}, nil)
			if err != nil {
				return 0, err
			}
			f, _ := r.(py.Float)
			return float64(f), nil
		}
	}
	return a
}

// percentObject is format % b for an operand b that is an instance of a
// user class: a tuple subclass (a namedtuple) supplies the arguments as a
// tuple does, an object with __getitem__ (other than a tuple or str) is a
// mapping for %(key)s, anything else is the single argument.
func percentObject(t *Thread, format py.String, b py.Object) (py.Object, error) {
	var a pyfmt.Args
	payload := unwrap(b)
	switch x := payload.(type) {
	case py.Tuple:
		a.IsTuple = true
		a.Items = make([]pyfmt.Arg, len(x))
		for i, it := range x {
			a.Items[i] = fmtArg(t, it)
		}
	default:
		a.Single = fmtArg(t, b)
		if _, isStr := payload.(py.String); !isStr && hasMappingGetItem(b) {
			a.Lookup = func(key string) (pyfmt.Arg, error) {
				v, err := GetItem(t, b, py.String(key))
				if err != nil {
					return pyfmt.Arg{}, err
				}
				return fmtArg(t, v), nil
			}
		}
	}
	s, err := pyfmt.PercentArgs(string(format), a, t.minor())
	if err != nil {
		return nil, fmtError(err)
	}
	return py.String(s), t.chargeBytes(int64(len(s)))
}

// hasMappingGetItem is CPython's PyMapping_Check for an instance of a user
// class: its class defines __getitem__, or it carries a dict.
func hasMappingGetItem(o py.Object) bool {
	if ut := userTypeOf(o); ut != nil && lookupUser(ut, "__getitem__") != nil {
		return true
	}
	switch unwrap(o).(type) {
	case *Dict, DictBacked:
		return true
	}
	return false
}

// wrongTypeErr maps a TypeError from an operand's conversion to int to
// pyfmt.ErrWrongType (CPython reports it as the conversion's own error).
func wrongTypeErr(err error) error {
	if e, ok := err.(*Exception); ok && e.typ == TypeErrorType {
		return pyfmt.ErrWrongType
	}
	return err
}
