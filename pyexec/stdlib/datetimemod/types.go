// Package datetimemod implements CPython's datetime module for pyexec:
// date, time, datetime, timedelta and timezone (fixed offsets), with
// arithmetic, comparisons, hashing, isoformat/fromisoformat (3.11+ forms),
// strftime and strptime. Naive datetimes are taken to be in UTC where CPython
// would consult the host's local time zone (fromtimestamp, timestamp,
// astimezone).
package datetimemod

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// The datetime types.
var (
	DateType      = pyexec.NewNativeType("datetime", "date", nil)
	DateTimeType  = pyexec.NewNativeType("datetime", "datetime", DateType)
	TimeType      = pyexec.NewNativeType("datetime", "time", nil)
	TimeDeltaType = pyexec.NewNativeType("datetime", "timedelta", nil)
	TZInfoType    = pyexec.NewNativeType("datetime", "tzinfo", nil)
	TimeZoneType  = pyexec.NewNativeType("datetime", "timezone", TZInfoType)
	IsoCalType    = pyexec.NewNativeType("datetime", "IsoCalendarDate", nil)
)

const (
	maxDays   = 999999999
	usPerSec  = 1000000
	usPerDay  = 86400 * usPerSec
	epochOrd  = 719163 // date(1970, 1, 1).toordinal()
	maxOrd    = 3652059
	kindDate  = 0
	kindDT    = 1
	kindTime  = 2
	kindDelta = 3
)

// TimeDelta is a datetime.timedelta, normalised as CPython stores it.
type TimeDelta struct{ Days, Secs, Us int64 }

// Type returns datetime.timedelta.
func (d *TimeDelta) Type() *py.Type { return TimeDeltaType }

func (d *TimeDelta) total() *big.Int {
	r := big.NewInt(d.Days)
	r.Mul(r, big.NewInt(86400))
	r.Add(r, big.NewInt(d.Secs))
	r.Mul(r, big.NewInt(usPerSec))
	return r.Add(r, big.NewInt(d.Us))
}

func (d *TimeDelta) totalUs() int64 { return (d.Days*86400+d.Secs)*usPerSec + d.Us }

// deltaFromUs builds a normalised timedelta from microseconds.
func deltaFromUs(us *big.Int) (*TimeDelta, error) {
	q, r := new(big.Int), new(big.Int)
	q.DivMod(us, big.NewInt(usPerDay), r)
	if !q.IsInt64() || q.Int64() > maxDays || q.Int64() < -maxDays {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "days=%s; must have magnitude <= %d", q, maxDays)
	}
	rem := r.Int64()
	return &TimeDelta{q.Int64(), rem / usPerSec, rem % usPerSec}, nil
}

func deltaUs(us int64) (*TimeDelta, error) { return deltaFromUs(big.NewInt(us)) }

// Repr returns datetime.timedelta(days=…, seconds=…, microseconds=…).
func (d *TimeDelta) Repr(t *pyexec.Thread) (string, error) {
	var parts []string
	if d.Days != 0 {
		parts = append(parts, fmt.Sprintf("days=%d", d.Days))
	}
	if d.Secs != 0 {
		parts = append(parts, fmt.Sprintf("seconds=%d", d.Secs))
	}
	if d.Us != 0 {
		parts = append(parts, fmt.Sprintf("microseconds=%d", d.Us))
	}
	if len(parts) == 0 {
		parts = []string{"0"}
	}
	return "datetime.timedelta(" + strings.Join(parts, ", ") + ")", nil
}

// Str returns [D day[s], ]H:MM:SS[.ffffff].
func (d *TimeDelta) Str() string {
	s := fmt.Sprintf("%d:%02d:%02d", d.Secs/3600, d.Secs/60%60, d.Secs%60)
	if d.Us != 0 {
		s += fmt.Sprintf(".%06d", d.Us)
	}
	if d.Days != 0 {
		pl := "s"
		if d.Days == 1 || d.Days == -1 {
			pl = ""
		}
		s = fmt.Sprintf("%d day%s, %s", d.Days, pl, s)
	}
	return s
}

// TimeZone is a datetime.timezone (a fixed offset).
type TimeZone struct {
	Off  *TimeDelta
	Name string
	Has  bool // the name was given
}

// Type returns datetime.timezone.
func (z *TimeZone) Type() *py.Type { return TimeZoneType }

// UTC is datetime.timezone.utc.
var UTC = &TimeZone{Off: &TimeDelta{}}

// Repr returns datetime.timezone.utc or datetime.timezone(datetime.timedelta(…)[, 'name']).
func (z *TimeZone) Repr(t *pyexec.Thread) (string, error) {
	if z == UTC {
		return "datetime.timezone.utc", nil
	}
	r, _ := z.Off.Repr(t)
	if z.Has {
		n, _ := pyexec.Repr(t, py.String(z.Name))
		return "datetime.timezone(" + r + ", " + n + ")", nil
	}
	return "datetime.timezone(" + r + ")", nil
}

func (z *TimeZone) tzname() string {
	if z.Has {
		return z.Name
	}
	if z == UTC || z.Off.totalUs() == 0 {
		return "UTC"
	}
	return "UTC" + fmtOffset(z.Off, ":")
}

// fmtOffset formats an offset as ±HH<sep>MM[<sep>SS[.ffffff]].
func fmtOffset(off *TimeDelta, sep string) string {
	us := off.totalUs()
	sign := "+"
	if us < 0 {
		sign, us = "-", -us
	}
	secs, frac := us/usPerSec, us%usPerSec
	s := fmt.Sprintf("%s%02d%s%02d", sign, secs/3600, sep, secs/60%60)
	if secs%60 != 0 || frac != 0 {
		s += fmt.Sprintf("%s%02d", sep, secs%60)
		if frac != 0 {
			s += fmt.Sprintf(".%06d", frac)
		}
	}
	return s
}

// DT is a date, datetime or time value.
type DT struct {
	kind         int
	Y, M, D      int
	H, Mi, S, Us int
	TZ           py.Object // nil or a tzinfo
	Fold         int
}

// Type returns date, datetime or time.
func (x *DT) Type() *py.Type {
	switch x.kind {
	case kindDT:
		return DateTimeType
	case kindTime:
		return TimeType
	}
	return DateType
}

var daysInMonth = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthDays(y, m int) int {
	if m == 2 && isLeap(y) {
		return 29
	}
	return daysInMonth[m]
}

func checkDate(y, m, d int) error {
	if y < 1 || y > 9999 {
		return pyexec.Errorf(pyexec.ValueErrorType, "year %d is out of range", y)
	}
	if m < 1 || m > 12 {
		return pyexec.Errorf(pyexec.ValueErrorType, "month must be in 1..12")
	}
	if d < 1 || d > monthDays(y, m) {
		return pyexec.Errorf(pyexec.ValueErrorType, "day is out of range for month")
	}
	return nil
}

func checkTime(h, mi, s, us, fold int) error {
	switch {
	case h < 0 || h > 23:
		return pyexec.Errorf(pyexec.ValueErrorType, "hour must be in 0..23")
	case mi < 0 || mi > 59:
		return pyexec.Errorf(pyexec.ValueErrorType, "minute must be in 0..59")
	case s < 0 || s > 59:
		return pyexec.Errorf(pyexec.ValueErrorType, "second must be in 0..59")
	case us < 0 || us > 999999:
		return pyexec.Errorf(pyexec.ValueErrorType, "microsecond must be in 0..999999")
	case fold != 0 && fold != 1:
		return pyexec.Errorf(pyexec.ValueErrorType, "fold must be either 0 or 1")
	}
	return nil
}

func checkTZ(tz py.Object) error {
	if tz == nil || pyexec.IsNone(tz) || pyexec.IsInstance(tz, TZInfoType) {
		return nil
	}
	return pyexec.Errorf(pyexec.TypeErrorType, "tzinfo argument must be None or of a tzinfo subclass, not type '%s'", pyexec.TypeName(tz))
}

func normTZ(tz py.Object) py.Object {
	if tz == nil || pyexec.IsNone(tz) {
		return nil
	}
	return tz
}

// ordinal returns the proleptic Gregorian ordinal of the date part.
func (x *DT) ordinal() int64 { return ymdToOrd(x.Y, x.M, x.D) }

func ymdToOrd(y, m, d int) int64 {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Unix()/86400 + epochOrd
}

func ordToYMD(o int64) (int, int, int) {
	t := time.Unix((o-epochOrd)*86400, 0).UTC()
	return t.Year(), int(t.Month()), t.Day()
}

func (x *DT) weekday() int { return int((x.ordinal() + 6) % 7) }

// usOfDay returns the time of day in microseconds.
func (x *DT) usOfDay() int64 {
	return (int64(x.H)*3600+int64(x.Mi)*60+int64(x.S))*usPerSec + int64(x.Us)
}

// epochUs returns the naive datetime as microseconds since 0001-01-01.
func (x *DT) absUs() int64 { return x.ordinal()*usPerDay + x.usOfDay() }

// fromAbsUs builds a datetime from microseconds since 0001-01-01 (ordinal 1 at 1*usPerDay).
func fromAbsUs(us int64, tz py.Object) (*DT, error) {
	o := floorDiv(us, usPerDay)
	rem := us - o*usPerDay
	if o < 1 || o > maxOrd {
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "date value out of range")
	}
	y, m, d := ordToYMD(o)
	s := rem / usPerSec
	return &DT{kind: kindDT, Y: y, M: m, D: d, H: int(s / 3600), Mi: int(s / 60 % 60), S: int(s % 60), Us: int(rem % usPerSec), TZ: tz}, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// utcoffset returns the tzinfo's offset for x (nil when naive).
func (x *DT) utcoffset(t *pyexec.Thread) (*TimeDelta, error) {
	if x.TZ == nil {
		return nil, nil
	}
	if z, ok := x.TZ.(*TimeZone); ok {
		return z.Off, nil
	}
	var arg py.Object = py.None
	if x.kind == kindDT {
		arg = x
	}
	r, err := pyexec.Call(t, mustAttr(t, x.TZ, "utcoffset"), []py.Object{arg}, nil)
	if err != nil || pyexec.IsNone(r) {
		return nil, err
	}
	d, ok := r.(*TimeDelta)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "tzinfo.utcoffset() must return None or timedelta, not '%s'", pyexec.TypeName(r))
	}
	return d, nil
}

func mustAttr(t *pyexec.Thread, o py.Object, name string) py.Object {
	v, err := pyexec.GetAttr(t, o, name)
	if err != nil {
		return py.None
	}
	return v
}

func (x *DT) tzname(t *pyexec.Thread) (py.Object, error) {
	if x.TZ == nil {
		return py.None, nil
	}
	if z, ok := x.TZ.(*TimeZone); ok {
		return py.String(z.tzname()), nil
	}
	var arg py.Object = py.None
	if x.kind == kindDT {
		arg = x
	}
	return pyexec.Call(t, mustAttr(t, x.TZ, "tzname"), []py.Object{arg}, nil)
}

func tzRepr(t *pyexec.Thread, tz py.Object) string {
	s, _ := pyexec.Repr(t, tz)
	return s
}

// Repr returns CPython's repr of the date, datetime or time.
func (x *DT) Repr(t *pyexec.Thread) (string, error) {
	var s string
	switch x.kind {
	case kindDate:
		return fmt.Sprintf("datetime.date(%d, %d, %d)", x.Y, x.M, x.D), nil
	case kindDT:
		s = fmt.Sprintf("datetime.datetime(%d, %d, %d, %d, %d", x.Y, x.M, x.D, x.H, x.Mi)
	case kindTime:
		s = fmt.Sprintf("datetime.time(%d, %d", x.H, x.Mi)
	}
	if x.Us != 0 {
		s += fmt.Sprintf(", %d, %d", x.S, x.Us)
	} else if x.S != 0 {
		s += fmt.Sprintf(", %d", x.S)
	}
	if x.TZ != nil {
		s += ", tzinfo=" + tzRepr(t, x.TZ)
	}
	if x.Fold != 0 {
		s += ", fold=1"
	}
	return s + ")", nil
}

func (x *DT) dateIso() string { return fmt.Sprintf("%04d-%02d-%02d", x.Y, x.M, x.D) }

func (x *DT) timeIso(spec string) (string, error) {
	switch spec {
	case "auto":
		if x.Us != 0 {
			return fmt.Sprintf("%02d:%02d:%02d.%06d", x.H, x.Mi, x.S, x.Us), nil
		}
		return fmt.Sprintf("%02d:%02d:%02d", x.H, x.Mi, x.S), nil
	case "hours":
		return fmt.Sprintf("%02d", x.H), nil
	case "minutes":
		return fmt.Sprintf("%02d:%02d", x.H, x.Mi), nil
	case "seconds":
		return fmt.Sprintf("%02d:%02d:%02d", x.H, x.Mi, x.S), nil
	case "milliseconds":
		return fmt.Sprintf("%02d:%02d:%02d.%03d", x.H, x.Mi, x.S, x.Us/1000), nil
	case "microseconds":
		return fmt.Sprintf("%02d:%02d:%02d.%06d", x.H, x.Mi, x.S, x.Us), nil
	}
	return "", pyexec.Errorf(pyexec.ValueErrorType, "Unknown timespec value")
}

func (x *DT) isoformat(t *pyexec.Thread, sep, spec string) (string, error) {
	if x.kind == kindDate {
		return x.dateIso(), nil
	}
	s, err := x.timeIso(spec)
	if err != nil {
		return "", err
	}
	if x.kind == kindDT {
		s = x.dateIso() + sep + s
	}
	off, err := x.utcoffset(t)
	if err != nil {
		return "", err
	}
	if off != nil {
		s += fmtOffset(off, ":")
	}
	return s, nil
}
