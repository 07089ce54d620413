package datetimemod

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func self0(self py.Object) *DT { return self.(*DT) }

func strArg(o py.Object, fname string) (string, error) {
	s, ok := o.(py.String)
	if !ok && fname == "fromisoformat" {
		return "", pyexec.Errorf(pyexec.TypeErrorType, "fromisoformat: argument must be str")
	}
	if !ok {
		return "", pyexec.Errorf(pyexec.TypeErrorType, "%s() argument 1 must be str, not %s", fname, pyexec.TypeName(o))
	}
	return string(s), nil
}

// IsoCalendarDate is the named tuple returned by isocalendar().
type IsoCalendarDate struct{ Year, Week, Weekday int }

// Type returns datetime.IsoCalendarDate.
func (c *IsoCalendarDate) Type() *py.Type { return IsoCalType }

func (c *IsoCalendarDate) tuple() py.Tuple {
	return py.Tuple{pyexec.MakeInt(int64(c.Year)), pyexec.MakeInt(int64(c.Week)), pyexec.MakeInt(int64(c.Weekday))}
}

// Repr returns datetime.IsoCalendarDate(year=…, week=…, weekday=…).
func (c *IsoCalendarDate) Repr(t *pyexec.Thread) (string, error) {
	return fmt.Sprintf("datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)", c.Year, c.Week, c.Weekday), nil
}

// GetAttr exposes year, week and weekday.
func (c *IsoCalendarDate) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "year":
		return pyexec.MakeInt(int64(c.Year)), true, nil
	case "week":
		return pyexec.MakeInt(int64(c.Week)), true, nil
	case "weekday":
		return pyexec.MakeInt(int64(c.Weekday)), true, nil
	}
	return nil, false, nil
}

// PyGetItem indexes the tuple.
func (c *IsoCalendarDate) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	return pyexec.GetItem(t, c.tuple(), key)
}

// PyLen returns 3.
func (c *IsoCalendarDate) PyLen(t *pyexec.Thread) (int, error) { return 3, nil }

// Iter iterates the tuple.
func (c *IsoCalendarDate) Iter(t *pyexec.Thread) (pyexec.Iterator, error) {
	return pyexec.Iterate(t, c.tuple())
}

// PyEqual compares with tuples.
func (c *IsoCalendarDate) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	if o, ok := other.(*IsoCalendarDate); ok {
		return *o == *c, true, nil
	}
	if tu, ok := other.(py.Tuple); ok {
		eq, err := pyexec.Equal(t, c.tuple(), tu)
		return eq, true, err
	}
	return false, false, nil
}

func (x *DT) isocalendar() *IsoCalendarDate {
	y, w := time.Date(x.Y, time.Month(x.M), x.D, 0, 0, 0, 0, time.UTC).ISOWeek()
	return &IsoCalendarDate{y, w, x.weekday() + 1}
}

func (x *DT) replace(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var names []string
	switch x.kind {
	case kindDate:
		names = []string{"year", "month", "day"}
	case kindDT:
		names = []string{"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "$fold"}
	default:
		names = []string{"hour", "minute", "second", "microsecond", "tzinfo", "$fold"}
	}
	a, err := pyexec.BindArgs("replace", args, kw, names, 0)
	if err != nil {
		return nil, err
	}
	r := *x
	for i, n := range names {
		if a[i] == nil {
			continue
		}
		if n == "tzinfo" {
			if err := checkTZ(a[i]); err != nil {
				return nil, err
			}
			r.TZ = normTZ(a[i])
			continue
		}
		v, err := intArg(a[i], 0)
		if err != nil {
			return nil, err
		}
		switch strings.TrimPrefix(n, "$") {
		case "year":
			r.Y = v
		case "month":
			r.M = v
		case "day":
			r.D = v
		case "hour":
			r.H = v
		case "minute":
			r.Mi = v
		case "second":
			r.S = v
		case "microsecond":
			r.Us = v
		case "fold":
			r.Fold = v
		}
	}
	if r.kind != kindTime {
		if err := checkDate(r.Y, r.M, r.D); err != nil {
			return nil, err
		}
	}
	if err := checkTime(r.H, r.Mi, r.S, r.Us, r.Fold); err != nil {
		return nil, err
	}
	return &r, nil
}

func (x *DT) ctime() string {
	return fmt.Sprintf("%s %s %2d %02d:%02d:%02d %04d", dayAbbr[x.weekday()], monAbbr[x.M-1], x.D, x.H, x.Mi, x.S, x.Y)
}

// timestampUs returns the POSIX timestamp of a datetime in microseconds
// (naive datetimes are taken as UTC).
func (x *DT) timestampUs(t *pyexec.Thread) (int64, error) {
	off, err := x.utcoffset(t)
	if err != nil {
		return 0, err
	}
	us := x.absUs() - epochOrd*usPerDay
	if off != nil {
		us -= off.totalUs()
	}
	return us, nil
}

func (x *DT) astimezone(t *pyexec.Thread, tz py.Object) (py.Object, error) {
	if tz == nil || pyexec.IsNone(tz) {
		tz = UTC
	}
	z, ok := tz.(*TimeZone)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "tzinfo argument must be None or of a tzinfo subclass, not type '%s'", pyexec.TypeName(tz))
	}
	us, err := x.timestampUs(t)
	if err != nil {
		return nil, err
	}
	return fromAbsUs(us+epochOrd*usPerDay+z.Off.totalUs(), z)
}

// fromTimestamp implements datetime.fromtimestamp(ts, tz) (naive results in UTC).
func fromTimestamp(ts py.Object, tz py.Object) (py.Object, error) {
	var us *big.Int
	if b := pyexec.BigOf(ts); b != nil {
		us = new(big.Int).Mul(b, big.NewInt(usPerSec))
	} else if f, ok := ts.(py.Float); ok {
		if math.IsNaN(float64(f)) {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Invalid value NaN (not a number)")
		}
		if math.IsInf(float64(f), 0) {
			return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert float infinity to integer")
		}
		r := new(big.Rat).SetFloat64(float64(f))
		us = roundRat(r.Mul(r, big.NewRat(usPerSec, 1)))
	} else {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(ts))
	}
	if err := checkTZ(tz); err != nil {
		return nil, err
	}
	tz = normTZ(tz)
	off := int64(0)
	if z, ok := tz.(*TimeZone); ok {
		off = z.Off.totalUs()
	}
	us.Add(us, big.NewInt(epochOrd*usPerDay+off))
	if !us.IsInt64() {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "year is out of range")
	}
	r, err := fromAbsUs(us.Int64(), tz)
	if err != nil {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "year %d is out of range", 0)
	}
	return r, nil
}

func method(name string, n int, fn func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error)) mfn {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, n, n); err != nil {
			return nil, err
		}
		return fn(t, self0(self), args)
	}
}

var dateMethods = map[string]mfn{
	"isoformat": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		x := self0(self)
		switch x.kind {
		case kindDate:
			if err := pyexec.CheckArgs("isoformat", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return py.String(x.dateIso()), nil
		case kindDT:
			a, err := pyexec.BindArgs("isoformat", args, kw, []string{"sep", "timespec"}, 0)
			if err != nil {
				return nil, err
			}
			sep, spec := "T", "auto"
			if a[0] != nil {
				s, ok := a[0].(py.String)
				if !ok || len([]rune(string(s))) != 1 {
					if !ok {
						return nil, pyexec.Errorf(pyexec.TypeErrorType, "isoformat() argument 1 must be a unicode character, not %s", pyexec.TypeName(a[0]))
					}
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "isoformat() argument 1 must be a unicode character, not a string of length %d", len([]rune(string(s))))
				}
				sep = string(s)
			}
			if a[1] != nil {
				if spec, err = strArg(a[1], "isoformat"); err != nil {
					return nil, err
				}
			}
			s, err := x.isoformat(t, sep, spec)
			return py.String(s), err
		}
		a, err := pyexec.BindArgs("isoformat", args, kw, []string{"timespec"}, 0)
		if err != nil {
			return nil, err
		}
		spec := "auto"
		if a[0] != nil {
			if spec, err = strArg(a[0], "isoformat"); err != nil {
				return nil, err
			}
		}
		s, err := x.isoformat(t, "", spec)
		return py.String(s), err
	},
	"__str__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		s, err := self0(self).isoformat(t, " ", "auto")
		return py.String(s), err
	},
	"__format__": method("__format__", 1, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		spec, ok := args[0].(py.String)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "__format__() argument 1 must be str, not %s", pyexec.TypeName(args[0]))
		}
		if spec == "" {
			s, err := x.isoformat(t, " ", "auto")
			return py.String(s), err
		}
		s, err := x.strftime(t, string(spec))
		return py.String(s), err
	}),
	"strftime": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("strftime", args, kw, []string{"format"}, 1)
		if err != nil {
			return nil, err
		}
		f, err := strArg(a[0], "strftime")
		if err != nil {
			return nil, err
		}
		s, err := self0(self).strftime(t, f)
		return py.String(s), err
	},
	"weekday": method("weekday", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return pyexec.MakeInt(int64(x.weekday())), nil
	}),
	"isoweekday": method("isoweekday", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return pyexec.MakeInt(int64(x.weekday() + 1)), nil
	}),
	"isocalendar": method("isocalendar", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return x.isocalendar(), nil
	}),
	"toordinal": method("toordinal", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return pyexec.MakeInt(x.ordinal()), nil
	}),
	"ctime": method("ctime", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return py.String(x.ctime()), nil
	}),
	"replace": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return self0(self).replace(t, args, kw)
	},
	"__reduce__": method("__reduce__", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.NotImplementedErrorType, "datetime pickling is not supported")
	}),
}

var dtOnly = map[string]mfn{
	"date": method("date", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return &DT{kind: kindDate, Y: x.Y, M: x.M, D: x.D}, nil
	}),
	"time": method("time", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return &DT{kind: kindTime, H: x.H, Mi: x.Mi, S: x.S, Us: x.Us, Fold: x.Fold}, nil
	}),
	"timetz": method("timetz", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return &DT{kind: kindTime, H: x.H, Mi: x.Mi, S: x.S, Us: x.Us, TZ: x.TZ, Fold: x.Fold}, nil
	}),
	"timestamp": method("timestamp", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		us, err := x.timestampUs(t)
		if err != nil {
			return nil, err
		}
		f, _ := big.NewRat(us, usPerSec).Float64()
		return py.Float(f), nil
	}),
	"astimezone": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("astimezone", args, kw, []string{"tz"}, 0)
		if err != nil {
			return nil, err
		}
		return self0(self).astimezone(t, a[0])
	},
}

var timeLike = map[string]mfn{
	"utcoffset": method("utcoffset", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		off, err := x.utcoffset(t)
		if off == nil || err != nil {
			return py.None, err
		}
		return off, nil
	}),
	"tzname": method("tzname", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		return x.tzname(t)
	}),
	"dst": method("dst", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) {
		if x.TZ == nil {
			return py.None, nil
		}
		if _, ok := x.TZ.(*TimeZone); ok {
			return py.None, nil
		}
		return pyexec.Call(t, mustAttr(t, x.TZ, "dst"), []py.Object{x}, nil)
	}),
}

func classFn(name string, fn pyexec.BuiltinFunc) *pyexec.Builtin {
	return &pyexec.Builtin{Name: name, Fn: fn}
}

func init() {
	setupOps()
	pyexec.SetTypeCtor(DateType, newDate)
	pyexec.SetTypeCtor(DateTimeType, newDateTime)
	pyexec.SetTypeCtor(TimeType, newTime)
	pyexec.SetTypeCtor(TimeDeltaType, newTimeDelta)
	pyexec.SetTypeCtor(TimeZoneType, newTimeZone)
	pyexec.SetTypeCtor(TZInfoType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "pybridge: datetime.tzinfo instances are not supported")
	})
	// User time zones derive from tzinfo, which carries no state.
	pyexec.AllowStatelessBase(TZInfoType)
	pyexec.AddMethods(TimeDeltaType, tdMethods)
	pyexec.AddMethods(DateType, dateMethods)
	pyexec.AddMethods(DateType, dtOps)
	pyexec.AddMethods(DateTimeType, dtOnly)
	pyexec.AddMethods(DateTimeType, timeLike)
	pyexec.AddMethods(TimeType, timeLike)
	pyexec.AddMethods(TimeType, map[string]mfn{
		"isoformat": dateMethods["isoformat"], "__str__": dateMethods["__str__"], "__format__": dateMethods["__format__"],
		"strftime": dateMethods["strftime"], "replace": dateMethods["replace"], "__hash__": dtOps["__hash__"],
		"__bool__": method("__bool__", 0, func(t *pyexec.Thread, x *DT, args []py.Object) (py.Object, error) { return py.True, nil }),
	})
	tzMethod := func(name string, fn func(z *TimeZone) py.Object) mfn {
		return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			if !pyexec.IsNone(args[0]) {
				if d, ok := args[0].(*DT); !ok || d.kind != kindDT {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s(dt) argument must be a datetime instance or None, not %s", name, pyexec.TypeName(args[0]))
				}
			}
			return fn(self.(*TimeZone)), nil
		}
	}
	pyexec.AddMethods(TimeZoneType, map[string]mfn{
		"utcoffset": tzMethod("utcoffset", func(z *TimeZone) py.Object { return z.Off }),
		"tzname":    tzMethod("tzname", func(z *TimeZone) py.Object { return py.String(z.tzname()) }),
		"dst":       tzMethod("dst", func(z *TimeZone) py.Object { return py.None }),
		"__str__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.String(self.(*TimeZone).tzname()), nil
		},
		"__hash__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			h, err := self.(*TimeZone).Off.hash(t)
			return pyexec.MakeInt(h), err
		},
	})
	// class attributes
	pyexec.SetTypeAttr(TimeDeltaType, "min", &TimeDelta{-maxDays, 0, 0})
	pyexec.SetTypeAttr(TimeDeltaType, "max", &TimeDelta{maxDays, 86399, 999999})
	pyexec.SetTypeAttr(TimeDeltaType, "resolution", &TimeDelta{0, 0, 1})
	pyexec.SetTypeAttr(DateType, "min", &DT{kind: kindDate, Y: 1, M: 1, D: 1})
	pyexec.SetTypeAttr(DateType, "max", &DT{kind: kindDate, Y: 9999, M: 12, D: 31})
	pyexec.SetTypeAttr(DateType, "resolution", &TimeDelta{1, 0, 0})
	pyexec.SetTypeAttr(DateTimeType, "min", &DT{kind: kindDT, Y: 1, M: 1, D: 1})
	pyexec.SetTypeAttr(DateTimeType, "max", &DT{kind: kindDT, Y: 9999, M: 12, D: 31, H: 23, Mi: 59, S: 59, Us: 999999})
	pyexec.SetTypeAttr(DateTimeType, "resolution", &TimeDelta{0, 0, 1})
	pyexec.SetTypeAttr(TimeType, "min", &DT{kind: kindTime})
	pyexec.SetTypeAttr(TimeType, "max", &DT{kind: kindTime, H: 23, Mi: 59, S: 59, Us: 999999})
	pyexec.SetTypeAttr(TimeType, "resolution", &TimeDelta{0, 0, 1})
	pyexec.SetTypeAttr(TimeZoneType, "utc", UTC)
	pyexec.SetTypeAttr(TimeZoneType, "min", &TimeZone{Off: &TimeDelta{-1, 60, 0}})
	pyexec.SetTypeAttr(TimeZoneType, "max", &TimeZone{Off: &TimeDelta{0, 86340, 0}})

	pyexec.SetTypeAttr(DateType, "fromordinal", classFn("fromordinal", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("fromordinal", args, kw, 1, 1); err != nil {
			return nil, err
		}
		n, err := intArg(args[0], 0)
		if err != nil {
			return nil, err
		}
		if n < 1 || n > maxOrd {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "ordinal must be >= 1")
		}
		y, m, d := ordToYMD(int64(n))
		return &DT{kind: kindDate, Y: y, M: m, D: d}, nil
	}))
	pyexec.SetTypeAttr(DateType, "fromisocalendar", classFn("fromisocalendar", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("fromisocalendar", args, kw, []string{"year", "week", "day"}, 3)
		if err != nil {
			return nil, err
		}
		v, err := ints(a, []int{0, 0, 0})
		if err != nil {
			return nil, err
		}
		d, err := fromIsoCal(v[0], v[1], v[2])
		if err != nil {
			return nil, err
		}
		return d, nil
	}))
	pyexec.SetTypeAttr(DateType, "fromisoformat", classFn("fromisoformat", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("fromisoformat", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := strArg(args[0], "fromisoformat")
		if err != nil {
			return nil, err
		}
		return parseIsoDateOnly(s)
	}))
	pyexec.SetTypeAttr(DateType, "today", classFn("today", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		n := time.Now().UTC()
		return &DT{kind: kindDate, Y: n.Year(), M: int(n.Month()), D: n.Day()}, nil
	}))
	pyexec.SetTypeAttr(DateTimeType, "fromisoformat", classFn("fromisoformat", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("fromisoformat", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := strArg(args[0], "fromisoformat")
		if err != nil {
			return nil, err
		}
		return parseIsoDateTime(s)
	}))
	pyexec.SetTypeAttr(TimeType, "fromisoformat", classFn("fromisoformat", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("fromisoformat", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := strArg(args[0], "fromisoformat")
		if err != nil {
			return nil, err
		}
		return parseIsoTimeOnly(s)
	}))
	pyexec.SetTypeAttr(DateTimeType, "fromordinal", classFn("fromordinal", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		d, err := CallTypeAttr(t, DateType, "fromordinal", args, kw)
		if err != nil {
			return nil, err
		}
		x := *d.(*DT)
		x.kind = kindDT
		return &x, nil
	}))
	pyexec.SetTypeAttr(DateTimeType, "combine", classFn("combine", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("combine", args, kw, []string{"date", "time", "tzinfo"}, 2)
		if err != nil {
			return nil, err
		}
		d, ok := a[0].(*DT)
		if !ok || d.kind == kindTime {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "combine() argument 1 must be datetime.date, not %s", pyexec.NativeTypeName(a[0]))
		}
		tm, ok := a[1].(*DT)
		if !ok || tm.kind != kindTime {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "combine() argument 2 must be datetime.time, not %s", pyexec.NativeTypeName(a[1]))
		}
		tz := tm.TZ
		if a[2] != nil {
			if err := checkTZ(a[2]); err != nil {
				return nil, err
			}
			tz = normTZ(a[2])
		}
		return &DT{kind: kindDT, Y: d.Y, M: d.M, D: d.D, H: tm.H, Mi: tm.Mi, S: tm.S, Us: tm.Us, TZ: tz, Fold: tm.Fold}, nil
	}))
	pyexec.SetTypeAttr(DateTimeType, "fromtimestamp", classFn("fromtimestamp", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("fromtimestamp", args, kw, []string{"timestamp", "tz"}, 1)
		if err != nil {
			return nil, err
		}
		return fromTimestamp(a[0], a[1])
	}))
	pyexec.SetTypeAttr(DateTimeType, "utcfromtimestamp", classFn("utcfromtimestamp", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("utcfromtimestamp", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return fromTimestamp(args[0], nil)
	}))
	pyexec.SetTypeAttr(DateTimeType, "now", classFn("now", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("now", args, kw, []string{"tz"}, 0)
		if err != nil {
			return nil, err
		}
		us := time.Now().UnixMicro()
		return fromTimestamp(pyexec.MakeInt(us/usPerSec), a[0])
	}))
	pyexec.SetTypeAttr(DateTimeType, "utcnow", classFn("utcnow", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		us := time.Now().UnixMicro()
		return fromAbsUs(us+epochOrd*usPerDay, nil)
	}))
	pyexec.SetTypeAttr(DateTimeType, "today", classFn("today", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		us := time.Now().UnixMicro()
		return fromAbsUs(us+epochOrd*usPerDay, nil)
	}))
	pyexec.SetTypeAttr(DateTimeType, "strptime", classFn("strptime", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("strptime", args, kw, 2, 2); err != nil {
			return nil, err
		}
		s, err := strArg(args[0], "strptime")
		if err != nil {
			return nil, err
		}
		f, err := strArg(args[1], "strptime")
		if err != nil {
			return nil, err
		}
		return strptime(s, f)
	}))
	pyexec.RegisterModule("datetime", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "datetime")
		for _, typ := range []*py.Type{DateType, DateTimeType, TimeType, TimeDeltaType, TZInfoType, TimeZoneType} {
			m.Set(t, typ.Name, typ)
		}
		m.Set(t, "UTC", UTC)
		m.Set(t, "MINYEAR", pyexec.MakeInt(1))
		m.Set(t, "MAXYEAR", pyexec.MakeInt(9999))
		return m, nil
	})
}

// CallTypeAttr calls the class attribute name of typ.
func CallTypeAttr(t *pyexec.Thread, typ *py.Type, name string, args []py.Object, kw py.Tuple) (py.Object, error) {
	f, err := pyexec.GetAttr(t, typ, name)
	if err != nil {
		return nil, err
	}
	return pyexec.CallKw(t, f, args, kw)
}

func fromIsoCal(y, w, d int) (*DT, error) {
	if y < 1 || y > 9999 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Year is out of range: %d", y)
	}
	if w <= 0 || w >= 53 {
		ok := false
		if w == 53 {
			first := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Weekday()
			ok = first == time.Thursday || (first == time.Wednesday && isLeap(y))
		}
		if !ok {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Invalid week: %d", w)
		}
	}
	if d <= 0 || d >= 8 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Invalid weekday: %d (range is [1, 7])", d)
	}
	// Monday of ISO week 1
	jan4 := ymdToOrd(y, 1, 4)
	wk1 := jan4 - (jan4+6)%7
	o := wk1 + int64((w-1)*7+d-1)
	yy, mm, dd := ordToYMD(o)
	return &DT{kind: kindDate, Y: yy, M: mm, D: dd}, nil
}
