package datetimemod

import (
	"math"
	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

type mfn = pyexec.MethodFunc

func intArg(o py.Object, def int) (int, error) {
	if o == nil {
		return def, nil
	}
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		if _, isF := o.(py.Float); isF {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "'float' object cannot be interpreted as an integer")
		}
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(o))
	}
	if v > math.MaxInt32 || v < math.MinInt32 {
		return 0, pyexec.Errorf(pyexec.OverflowErrorType, "signed integer is greater than maximum")
	}
	return int(v), nil
}

func ints(args []py.Object, defs []int) ([]int, error) {
	out := make([]int, len(args))
	for i, a := range args {
		v, err := intArg(a, defs[i])
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// required reports the first missing argument as CPython's
// PyArg_ParseTupleAndKeywords does.
func required(a []py.Object, names ...string) error {
	for i, n := range names {
		if a[i] == nil {
			return pyexec.Errorf(pyexec.TypeErrorType, "function missing required argument '%s' (pos %d)", n, i+1)
		}
	}
	return nil
}

// NewDate returns a validated date.
func NewDate(y, m, d int) (*DT, error) {
	if err := checkDate(y, m, d); err != nil {
		return nil, err
	}
	return &DT{kind: kindDate, Y: y, M: m, D: d}, nil
}

func newDate(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("date", args, kw, []string{"year", "month", "day"}, 0)
	if err != nil {
		return nil, err
	}
	if err := required(a, "year", "month", "day"); err != nil {
		return nil, err
	}
	v, err := ints(a, []int{0, 0, 0})
	if err != nil {
		return nil, err
	}
	return NewDate(v[0], v[1], v[2])
}

func newDateTime(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("datetime", args, kw, []string{"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "$fold"}, 0)
	if err != nil {
		return nil, err
	}
	if err := required(a, "year", "month", "day"); err != nil {
		return nil, err
	}
	v, err := ints([]py.Object{a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[8]}, []int{0, 0, 0, 0, 0, 0, 0, 0})
	if err != nil {
		return nil, err
	}
	if err := checkDate(v[0], v[1], v[2]); err != nil {
		return nil, err
	}
	if err := checkTime(v[3], v[4], v[5], v[6], v[7]); err != nil {
		return nil, err
	}
	if err := checkTZ(a[7]); err != nil {
		return nil, err
	}
	return &DT{kind: kindDT, Y: v[0], M: v[1], D: v[2], H: v[3], Mi: v[4], S: v[5], Us: v[6], TZ: normTZ(a[7]), Fold: v[7]}, nil
}

func newTime(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("time", args, kw, []string{"hour", "minute", "second", "microsecond", "tzinfo", "$fold"}, 0)
	if err != nil {
		return nil, err
	}
	v, err := ints([]py.Object{a[0], a[1], a[2], a[3], a[5]}, []int{0, 0, 0, 0, 0})
	if err != nil {
		return nil, err
	}
	if err := checkTime(v[0], v[1], v[2], v[3], v[4]); err != nil {
		return nil, err
	}
	if err := checkTZ(a[4]); err != nil {
		return nil, err
	}
	return &DT{kind: kindTime, H: v[0], Mi: v[1], S: v[2], Us: v[3], TZ: normTZ(a[4]), Fold: v[4]}, nil
}

// exactRat converts an int or float argument to an exact rational.
func exactRat(o py.Object, name string) (*big.Rat, error) {
	if b := pyexec.BigOf(o); b != nil {
		return new(big.Rat).SetInt(b), nil
	}
	if f, ok := o.(py.Float); ok {
		if math.IsInf(float64(f), 0) || math.IsNaN(float64(f)) {
			if math.IsNaN(float64(f)) {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert float NaN to integer")
			}
			return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert float infinity to integer")
		}
		return new(big.Rat).SetFloat64(float64(f)), nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "unsupported type for timedelta %s component: %s", name, pyexec.TypeName(o))
}

// roundRat rounds r to the nearest integer, ties to even.
func roundRat(r *big.Rat) *big.Int {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).DivMod(num, den, new(big.Int))
	twice := new(big.Int).Lsh(m, 1)
	switch twice.Cmp(den) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

func newTimeDelta(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	names := []string{"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"}
	a, err := pyexec.BindArgs("timedelta", args, kw, names, 0)
	if err != nil {
		return nil, err
	}
	factors := []int64{usPerDay, usPerSec, 1, 1000, 60 * usPerSec, 3600 * usPerSec, 7 * usPerDay}
	sum := new(big.Rat)
	for i, o := range a {
		if o == nil {
			continue
		}
		r, err := exactRat(o, names[i])
		if err != nil {
			return nil, err
		}
		sum.Add(sum, r.Mul(r, new(big.Rat).SetInt64(factors[i])))
	}
	return deltaFromUs(roundRat(sum))
}

func newTimeZone(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("timezone", args, kw, []string{"offset", "name"}, 1)
	if err != nil {
		return nil, err
	}
	off, ok := a[0].(*TimeDelta)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "timezone() argument 1 must be datetime.timedelta, not %s", pyexec.TypeName(a[0]))
	}
	if a[1] == nil {
		return makeTZ(off, "", false)
	}
	n, ok := a[1].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "timezone() argument 2 must be str, not %s", pyexec.TypeName(a[1]))
	}
	return makeTZ(off, string(n), true)
}

func makeTZ(off *TimeDelta, name string, has bool) (*TimeZone, error) {
	us := off.totalUs()
	if us <= -usPerDay || us >= usPerDay {
		r, _ := off.Repr(nil)
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not %s.", r)
	}
	if us == 0 && !has {
		return UTC, nil
	}
	return &TimeZone{Off: off, Name: name, Has: has}, nil
}

// ---- attributes ----

// GetAttr exposes the fields of timedelta.
func (d *TimeDelta) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "days":
		return pyexec.MakeInt(d.Days), true, nil
	case "seconds":
		return pyexec.MakeInt(d.Secs), true, nil
	case "microseconds":
		return pyexec.MakeInt(d.Us), true, nil
	}
	return nil, false, nil
}

// GetAttr exposes the fields of date, datetime and time.
func (x *DT) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	i := func(v int) (py.Object, bool, error) { return pyexec.MakeInt(int64(v)), true, nil }
	if x.kind != kindTime {
		switch name {
		case "year":
			return i(x.Y)
		case "month":
			return i(x.M)
		case "day":
			return i(x.D)
		}
	}
	if x.kind != kindDate {
		switch name {
		case "hour":
			return i(x.H)
		case "minute":
			return i(x.Mi)
		case "second":
			return i(x.S)
		case "microsecond":
			return i(x.Us)
		case "fold":
			return i(x.Fold)
		case "tzinfo":
			if x.TZ == nil {
				return py.None, true, nil
			}
			return x.TZ, true, nil
		}
	}
	return nil, false, nil
}

// ---- comparisons ----

func (x *DT) cmpKey(t *pyexec.Thread, y *DT, eq bool) (int, bool, error) {
	if x.kind != y.kind {
		return 0, false, nil
	}
	if x.kind == kindDate {
		return cmp3(x.ordinal(), y.ordinal()), true, nil
	}
	xo, err := x.utcoffset(t)
	if err != nil {
		return 0, true, err
	}
	yo, err := y.utcoffset(t)
	if err != nil {
		return 0, true, err
	}
	ax, ay := x.usOfDay(), y.usOfDay()
	if x.kind == kindDT {
		ax, ay = x.absUs(), y.absUs()
	}
	if (xo == nil) != (yo == nil) {
		if eq {
			return 1, true, nil
		}
		what := "datetime"
		if x.kind == kindTime {
			what = "times"
			return 0, true, pyexec.Errorf(pyexec.TypeErrorType, "can't compare offset-naive and offset-aware %s", what)
		}
		return 0, true, pyexec.Errorf(pyexec.TypeErrorType, "can't compare offset-naive and offset-aware datetimes")
	}
	if xo != nil && !(x.TZ == y.TZ) {
		ax -= xo.totalUs()
		ay -= yo.totalUs()
	}
	return cmp3(ax, ay), true, nil
}

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpResult(op, c int) bool {
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

// PyEqual implements == for date, datetime and time.
func (x *DT) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	y, ok := other.(*DT)
	if !ok {
		return false, false, nil
	}
	if x.kind != y.kind {
		return false, true, nil
	}
	c, _, err := x.cmpKey(t, y, true)
	return c == 0, true, err
}

// PyCompare implements <, <=, >, >= for date, datetime and time.
func (x *DT) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	y, ok := other.(*DT)
	if !ok || x.kind != y.kind {
		if ok {
			if y.kind == kindDT {
				x, y = y, x // datetime's reflected comparison runs first
			}
			return false, true, pyexec.Errorf(pyexec.TypeErrorType, "can't compare %s to %s", qualName(x), qualName(y))
		}
		return false, false, nil
	}
	c, _, err := x.cmpKey(t, y, false)
	return cmpResult(op, c), true, err
}

func qualName(o py.Object) string { return "datetime." + pyexec.TypeName(o) }

// PyEqual implements == for timedelta.
func (d *TimeDelta) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	e, ok := other.(*TimeDelta)
	if !ok {
		return false, false, nil
	}
	return *d == *e, true, nil
}

// PyCompare implements ordering for timedelta.
func (d *TimeDelta) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	e, ok := other.(*TimeDelta)
	if !ok {
		return false, false, nil
	}
	return cmpResult(op, cmp3(d.totalUs(), e.totalUs())), true, nil
}

// PyEqual implements == for timezone.
func (z *TimeZone) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	w, ok := other.(*TimeZone)
	if !ok {
		return false, false, nil
	}
	return *z.Off == *w.Off, true, nil
}

// ---- hashing ----

func (d *TimeDelta) hash(t *pyexec.Thread) (int64, error) {
	return pyexec.Hash(t, py.Tuple{pyexec.MakeInt(d.Days), pyexec.MakeInt(d.Secs), pyexec.MakeInt(d.Us)})
}

func (x *DT) hash(t *pyexec.Thread) (int64, error) {
	off, err := x.utcoffset(t)
	if err != nil {
		return 0, err
	}
	us := []byte{byte(x.Us >> 16), byte(x.Us >> 8), byte(x.Us)}
	switch {
	case x.kind == kindDate:
		return pyexec.Hash(t, py.Bytes{byte(x.Y >> 8), byte(x.Y), byte(x.M), byte(x.D)})
	case off == nil && x.kind == kindDT:
		return pyexec.Hash(t, py.Bytes(append([]byte{byte(x.Y >> 8), byte(x.Y), byte(x.M), byte(x.D), byte(x.H), byte(x.Mi), byte(x.S)}, us...)))
	case off == nil:
		return pyexec.Hash(t, py.Bytes(append([]byte{byte(x.H), byte(x.Mi), byte(x.S)}, us...)))
	}
	var total int64
	if x.kind == kindDT {
		total = x.ordinal()*usPerDay + x.usOfDay() - off.totalUs()
	} else {
		total = x.usOfDay() - off.totalUs()
	}
	d, err := deltaUs(total)
	if err != nil {
		return 0, err
	}
	return d.hash(t)
}
