// Package timemod implements CPython's time module for pyexec as seen on a
// host whose local time zone is UTC: time, time_ns, perf_counter(_ns),
// monotonic(_ns), process_time(_ns), gmtime, localtime, mktime, asctime,
// ctime, strftime, struct_time and the zone constants.
//
// sleep validates its argument as CPython does but does not block: a UDF
// evaluator has no reason to stall a worker, so sleep(n) returns at once
// (time() does not advance either).
package timemod

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// StructTimeType is time.struct_time.
var StructTimeType = pyexec.NewNativeType("time", "struct_time", nil)

var fieldNames = []string{"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"}

// StructTime is a time.struct_time: nine fields plus tm_zone and tm_gmtoff.
type StructTime struct {
	F      [9]py.Object
	Zone   py.Object
	GmtOff py.Object
}

// Type returns time.struct_time.
func (s *StructTime) Type() *py.Type { return StructTimeType }

// Repr returns time.struct_time(tm_year=…, …).
func (s *StructTime) Repr(t *pyexec.Thread) (string, error) {
	parts := make([]string, 9)
	for i, f := range s.F {
		r, err := pyexec.Repr(t, f)
		if err != nil {
			return "", err
		}
		parts[i] = fieldNames[i] + "=" + r
	}
	return "time.struct_time(" + strings.Join(parts, ", ") + ")", nil
}

// GetAttr exposes the named fields, tm_zone, tm_gmtoff and n_fields.
func (s *StructTime) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	for i, n := range fieldNames {
		if n == name {
			return s.F[i], true, nil
		}
	}
	switch name {
	case "tm_zone":
		return s.Zone, true, nil
	case "tm_gmtoff":
		return s.GmtOff, true, nil
	case "n_fields":
		return pyexec.MakeInt(11), true, nil
	case "n_sequence_fields":
		return pyexec.MakeInt(9), true, nil
	}
	return nil, false, nil
}

// PyLen returns 9.
func (s *StructTime) PyLen(*pyexec.Thread) (int, error) { return 9, nil }

// PyGetItem indexes and slices like the 9-tuple.
func (s *StructTime) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	return pyexec.GetItem(t, py.Tuple(s.F[:]), key)
}

// Iter iterates over the 9 fields.
func (s *StructTime) Iter(t *pyexec.Thread) (pyexec.Iterator, error) {
	return pyexec.Iterate(t, py.Tuple(s.F[:]))
}

// PyEqual compares with struct_time values and tuples.
func (s *StructTime) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	switch o := other.(type) {
	case *StructTime:
		eq, err := pyexec.Equal(t, py.Tuple(s.F[:]), py.Tuple(o.F[:]))
		return eq, true, err
	case py.Tuple:
		eq, err := pyexec.Equal(t, py.Tuple(s.F[:]), o)
		return eq, true, err
	}
	return false, false, nil
}

func mkStruct(tm time.Time, zone string) *StructTime {
	wd := (int(tm.Weekday()) + 6) % 7
	st := &StructTime{Zone: py.String(zone), GmtOff: pyexec.MakeInt(0)}
	for i, v := range []int{tm.Year(), int(tm.Month()), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), wd, tm.YearDay(), 0} {
		st.F[i] = pyexec.MakeInt(int64(v))
	}
	return st
}

func now() float64 { return float64(time.Now().UnixNano()) / 1e9 }

var start = time.Now()

func secsArg(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple) (time.Time, error) {
	if err := pyexec.CheckArgs(fname, args, kw, 0, 1); err != nil {
		return time.Time{}, err
	}
	if len(args) == 0 || pyexec.IsNone(args[0]) {
		return time.Now().UTC(), nil
	}
	var secs float64
	if pyexec.IsInt(args[0]) {
		v, ok, err := pyexec.AsIndex(args[0])
		if err != nil || !ok {
			return time.Time{}, pyexec.Errorf(pyexec.OverflowErrorType, "timestamp out of range for platform time_t")
		}
		return time.Unix(v, 0).UTC(), nil
	}
	f, ok := args[0].(py.Float)
	if !ok {
		return time.Time{}, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
	}
	secs = float64(f)
	if math.IsNaN(secs) {
		return time.Time{}, pyexec.Errorf(pyexec.ValueErrorType, "Invalid value NaN (not a number)")
	}
	if math.Abs(secs) > 1e17 {
		return time.Time{}, pyexec.Errorf(pyexec.OverflowErrorType, "timestamp out of range for platform time_t")
	}
	return time.Unix(int64(math.Floor(secs)), 0).UTC(), nil
}

// tupleArg reads a struct_time or 9-tuple into its integer fields.
func tupleArg(t *pyexec.Thread, fname string, o py.Object) ([9]int64, error) {
	var out [9]int64
	var items []py.Object
	switch x := o.(type) {
	case *StructTime:
		items = x.F[:]
	case py.Tuple:
		items = x
	default:
		return out, pyexec.Errorf(pyexec.TypeErrorType, "Tuple or struct_time argument required")
	}
	if len(items) != 9 {
		return out, pyexec.Errorf(pyexec.TypeErrorType, "%s(): illegal time tuple argument", fname)
	}
	for i, it := range items {
		v, ok, err := pyexec.AsIndex(it)
		if err != nil {
			return out, err
		}
		if !ok {
			return out, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(it))
		}
		out[i] = v
	}
	return out, nil
}

func toTime(f [9]int64) time.Time {
	return time.Date(int(f[0]), time.Month(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]), 0, time.UTC)
}

var days = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
var months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func asctime(f [9]int64) string {
	wd := ((f[6] % 7) + 7) % 7
	mon := f[1]
	if mon < 1 || mon > 12 {
		mon = 1
	}
	return fmt.Sprintf("%s %s %2d %02d:%02d:%02d %d", days[wd], months[mon-1], f[2], f[3], f[4], f[5], f[0])
}

func checkFields(fname string, f [9]int64) error {
	switch {
	case f[1] < 1 || f[1] > 12:
		return pyexec.Errorf(pyexec.ValueErrorType, "month out of range")
	case f[2] < 1 || f[2] > 31:
		return pyexec.Errorf(pyexec.ValueErrorType, "day of month out of range")
	case f[3] < 0 || f[3] > 23:
		return pyexec.Errorf(pyexec.ValueErrorType, "hour out of range")
	case f[4] < 0 || f[4] > 59:
		return pyexec.Errorf(pyexec.ValueErrorType, "minute out of range")
	case f[5] < 0 || f[5] > 61:
		return pyexec.Errorf(pyexec.ValueErrorType, "seconds out of range")
	case f[6] < 0 && fname != "strftime":
		return pyexec.Errorf(pyexec.ValueErrorType, "day of week out of range")
	case f[7] < 1 || f[7] > 366:
		return pyexec.Errorf(pyexec.ValueErrorType, "day of year out of range")
	}
	return nil
}

func strftime(f [9]int64, zone, format string) string {
	var sb strings.Builder
	wd := ((f[6] % 7) + 7) % 7
	tm := toTime(f)
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case 'Y':
			fmt.Fprintf(&sb, "%d", f[0])
		case 'y':
			fmt.Fprintf(&sb, "%02d", ((f[0]%100)+100)%100)
		case 'm':
			fmt.Fprintf(&sb, "%02d", f[1])
		case 'd':
			fmt.Fprintf(&sb, "%02d", f[2])
		case 'e':
			fmt.Fprintf(&sb, "%2d", f[2])
		case 'H':
			fmt.Fprintf(&sb, "%02d", f[3])
		case 'I':
			h := f[3] % 12
			if h == 0 {
				h = 12
			}
			fmt.Fprintf(&sb, "%02d", h)
		case 'M':
			fmt.Fprintf(&sb, "%02d", f[4])
		case 'S':
			fmt.Fprintf(&sb, "%02d", f[5])
		case 'p':
			if f[3] < 12 {
				sb.WriteString("AM")
			} else {
				sb.WriteString("PM")
			}
		case 'a':
			sb.WriteString(days[wd])
		case 'A':
			sb.WriteString(time.Weekday((wd + 1) % 7).String())
		case 'b', 'h':
			sb.WriteString(months[f[1]-1])
		case 'B':
			sb.WriteString(time.Month(f[1]).String())
		case 'j':
			fmt.Fprintf(&sb, "%03d", f[7])
		case 'w':
			fmt.Fprintf(&sb, "%d", (wd+1)%7)
		case 'u':
			fmt.Fprintf(&sb, "%d", wd+1)
		case 'U':
			fmt.Fprintf(&sb, "%02d", (f[7]-1+7-((wd+1)%7))/7)
		case 'W':
			fmt.Fprintf(&sb, "%02d", (f[7]-1+7-wd)/7)
		case 'V':
			_, w := tm.ISOWeek()
			fmt.Fprintf(&sb, "%02d", w)
		case 'G':
			y, _ := tm.ISOWeek()
			fmt.Fprintf(&sb, "%d", y)
		case 'c':
			sb.WriteString(asctime(f))
		case 'x':
			fmt.Fprintf(&sb, "%02d/%02d/%02d", f[1], f[2], ((f[0]%100)+100)%100)
		case 'X', 'T':
			fmt.Fprintf(&sb, "%02d:%02d:%02d", f[3], f[4], f[5])
		case 'D':
			fmt.Fprintf(&sb, "%02d/%02d/%02d", f[1], f[2], ((f[0]%100)+100)%100)
		case 'F':
			fmt.Fprintf(&sb, "%d-%02d-%02d", f[0], f[1], f[2])
		case 'R':
			fmt.Fprintf(&sb, "%02d:%02d", f[3], f[4])
		case 'Z':
			sb.WriteString(zone)
		case 'z':
			sb.WriteString("+0000")
		case 's':
			fmt.Fprintf(&sb, "%d", tm.Unix())
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case '%':
			sb.WriteByte('%')
		default:
			sb.WriteByte('%')
			sb.WriteByte(format[i])
		}
	}
	return sb.String()
}

func flt(f float64) py.Object { return py.Float(f) }

func noArgs(name string, v func() py.Object) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return v(), nil
	}
}

func init() {
	pyexec.SetTypeCtor(StructTimeType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("struct_time", args, kw, []string{"sequence", "dict"}, 1)
		if err != nil {
			return nil, err
		}
		items, err := pyexec.Collect(t, a[0])
		if err != nil {
			return nil, err
		}
		if len(items) < 9 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "time.struct_time() takes an at least 9-sequence (%d-sequence given)", len(items))
		}
		if len(items) > 11 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "time.struct_time() takes an at most 11-sequence (%d-sequence given)", len(items))
		}
		st := &StructTime{Zone: py.None, GmtOff: py.None}
		copy(st.F[:], items)
		if len(items) > 9 {
			st.Zone = items[9]
		}
		if len(items) > 10 {
			st.GmtOff = items[10]
		}
		return st, nil
	})
	pyexec.RegisterModule("time", newModule)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "time")
	m.Set(t, "struct_time", StructTimeType)
	m.Set(t, "timezone", pyexec.MakeInt(0))
	m.Set(t, "altzone", pyexec.MakeInt(0))
	m.Set(t, "daylight", pyexec.MakeInt(0))
	m.Set(t, "tzname", py.Tuple{py.String("UTC"), py.String("UTC")})
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"time":    noArgs("time", func() py.Object { return flt(now()) }),
		"time_ns": noArgs("time_ns", func() py.Object { return pyexec.MakeInt(time.Now().UnixNano()) }),
		"perf_counter": noArgs("perf_counter", func() py.Object {
			return flt(time.Since(start).Seconds())
		}),
		"perf_counter_ns": noArgs("perf_counter_ns", func() py.Object { return pyexec.MakeInt(int64(time.Since(start))) }),
		"monotonic":       noArgs("monotonic", func() py.Object { return flt(time.Since(start).Seconds()) }),
		"monotonic_ns":    noArgs("monotonic_ns", func() py.Object { return pyexec.MakeInt(int64(time.Since(start))) }),
		"process_time":    noArgs("process_time", func() py.Object { return flt(time.Since(start).Seconds()) }),
		"process_time_ns": noArgs("process_time_ns", func() py.Object { return pyexec.MakeInt(int64(time.Since(start))) }),
		"thread_time":     noArgs("thread_time", func() py.Object { return flt(time.Since(start).Seconds()) }),
		"thread_time_ns":  noArgs("thread_time_ns", func() py.Object { return pyexec.MakeInt(int64(time.Since(start))) }),
		"sleep": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("sleep", args, kw, 1, 1); err != nil {
				return nil, err
			}
			var secs float64
			switch x := args[0].(type) {
			case py.Float:
				secs = float64(x)
				if math.IsNaN(secs) {
					return nil, pyexec.Errorf(pyexec.ValueErrorType, "Invalid value NaN (not a number)")
				}
			default:
				v, ok, err := pyexec.AsIndex(args[0])
				if err != nil {
					return nil, err
				}
				if !ok {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
				}
				secs = float64(v)
			}
			if secs < 0 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "sleep length must be non-negative")
			}
			return py.None, nil
		},
		"gmtime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			tm, err := secsArg(t, "gmtime", args, kw)
			if err != nil {
				return nil, err
			}
			return mkStruct(tm, "GMT"), nil
		},
		"localtime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			tm, err := secsArg(t, "localtime", args, kw)
			if err != nil {
				return nil, err
			}
			return mkStruct(tm, "UTC"), nil
		},
		"mktime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("mktime", args, kw, 1, 1); err != nil {
				return nil, err
			}
			f, err := tupleArg(t, "mktime", args[0])
			if err != nil {
				return nil, err
			}
			return flt(float64(toTime(f).Unix())), nil
		},
		"asctime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("asctime", args, kw, 0, 1); err != nil {
				return nil, err
			}
			var f [9]int64
			if len(args) == 0 {
				f, _ = tupleArg(t, "asctime", mkStruct(time.Now().UTC(), "UTC"))
			} else {
				var err error
				if f, err = tupleArg(t, "asctime", args[0]); err != nil {
					return nil, err
				}
				if err := checkFields("asctime", f); err != nil {
					return nil, err
				}
			}
			return py.String(asctime(f)), nil
		},
		"ctime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			tm, err := secsArg(t, "ctime", args, kw)
			if err != nil {
				return nil, err
			}
			f, _ := tupleArg(t, "ctime", mkStruct(tm, "UTC"))
			return py.String(asctime(f)), nil
		},
		"strftime": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("strftime", args, kw, 1, 2); err != nil {
				return nil, err
			}
			format, ok := args[0].(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "strftime() argument 1 must be str, not %s", pyexec.TypeName(args[0]))
			}
			var st py.Object = mkStruct(time.Now().UTC(), "UTC")
			if len(args) > 1 {
				st = args[1]
			}
			f, err := tupleArg(t, "strftime", st)
			if err != nil {
				return nil, err
			}
			if f[1] == 0 {
				f[1] = 1
			}
			if f[2] == 0 {
				f[2] = 1
			}
			if f[7] == 0 {
				f[7] = 1
			}
			if err := checkFields("strftime", f); err != nil {
				return nil, err
			}
			zone := "UTC"
			if s, ok := st.(*StructTime); ok {
				if z, ok := s.Zone.(py.String); ok {
					zone = string(z)
				}
			}
			return py.String(strftime(f, zone, string(format))), nil
		},
	})
	return m, nil
}
