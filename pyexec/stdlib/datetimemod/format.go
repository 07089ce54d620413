package datetimemod

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

var (
	dayAbbr  = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	dayFull  = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	monAbbr  = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monFull  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	isoError = "Invalid isoformat string: %s"
)

// strftime formats x as C strftime does in the C locale on glibc.
func (x *DT) strftime(t *pyexec.Thread, f string) (string, error) {
	v := *x
	if v.kind == kindTime {
		v.Y, v.M, v.D = 1900, 1, 1
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' || i+1 >= len(f) {
			b.WriteByte(c)
			continue
		}
		i++
		yday := int(v.ordinal()-ymdToOrd(v.Y, 1, 1)) + 1
		wd := v.weekday()
		h12 := v.H % 12
		if h12 == 0 {
			h12 = 12
		}
		switch f[i] {
		case 'a':
			b.WriteString(dayAbbr[wd])
		case 'A':
			b.WriteString(dayFull[wd])
		case 'b', 'h':
			b.WriteString(monAbbr[v.M-1])
		case 'B':
			b.WriteString(monFull[v.M-1])
		case 'c':
			b.WriteString(v.ctime())
		case 'C':
			fmt.Fprintf(&b, "%d", v.Y/100)
		case 'd':
			fmt.Fprintf(&b, "%02d", v.D)
		case 'D':
			fmt.Fprintf(&b, "%02d/%02d/%02d", v.M, v.D, v.Y%100)
		case 'e':
			fmt.Fprintf(&b, "%2d", v.D)
		case 'f':
			fmt.Fprintf(&b, "%06d", v.Us)
		case 'F':
			fmt.Fprintf(&b, "%d-%02d-%02d", v.Y, v.M, v.D)
		case 'G':
			fmt.Fprintf(&b, "%d", v.isocalendar().Year)
		case 'H':
			fmt.Fprintf(&b, "%02d", v.H)
		case 'I':
			fmt.Fprintf(&b, "%02d", h12)
		case 'j':
			fmt.Fprintf(&b, "%03d", yday)
		case 'k':
			fmt.Fprintf(&b, "%2d", v.H)
		case 'l':
			fmt.Fprintf(&b, "%2d", h12)
		case 'm':
			fmt.Fprintf(&b, "%02d", v.M)
		case 'M':
			fmt.Fprintf(&b, "%02d", v.Mi)
		case 'n':
			b.WriteByte('\n')
		case 'p':
			if v.H < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'R':
			fmt.Fprintf(&b, "%02d:%02d", v.H, v.Mi)
		case 'S':
			fmt.Fprintf(&b, "%02d", v.S)
		case 't':
			b.WriteByte('\t')
		case 'T', 'X':
			fmt.Fprintf(&b, "%02d:%02d:%02d", v.H, v.Mi, v.S)
		case 'u':
			fmt.Fprintf(&b, "%d", wd+1)
		case 'U':
			fmt.Fprintf(&b, "%02d", (yday+6-(wd+1)%7)/7)
		case 'V':
			fmt.Fprintf(&b, "%02d", v.isocalendar().Week)
		case 'w':
			fmt.Fprintf(&b, "%d", (wd+1)%7)
		case 'W':
			fmt.Fprintf(&b, "%02d", (yday+6-wd)/7)
		case 'x':
			fmt.Fprintf(&b, "%02d/%02d/%02d", v.M, v.D, v.Y%100)
		case 'y':
			fmt.Fprintf(&b, "%02d", v.Y%100)
		case 'Y':
			fmt.Fprintf(&b, "%d", v.Y)
		case 'z':
			off, err := x.utcoffset(t)
			if err != nil {
				return "", err
			}
			if off != nil {
				b.WriteString(fmtOffset(off, ""))
			}
		case 'Z':
			n, err := x.tzname(t)
			if err != nil {
				return "", err
			}
			if s, ok := n.(py.String); ok {
				b.WriteString(string(s))
			}
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(f[i])
		}
	}
	return b.String(), nil
}

func names(xs []string) string { return strings.Join(xs, "|") }

var strptimeRes = map[byte]string{
	'd': `(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])`,
	'f': `(?P<f>[0-9]{1,6})`,
	'H': `(?P<H>2[0-3]|[0-1]\d|\d)`,
	'I': `(?P<I>1[0-2]|0[1-9]|[1-9])`,
	'G': `(?P<G>\d\d\d\d)`,
	'j': `(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])`,
	'm': `(?P<m>1[0-2]|0[1-9]|[1-9])`,
	'M': `(?P<M>[0-5]\d|\d)`,
	'S': `(?P<S>6[0-1]|[0-5]\d|\d)`,
	'U': `(?P<U>5[0-3]|[0-4]\d|\d)`,
	'w': `(?P<w>[0-6])`,
	'u': `(?P<u>[1-7])`,
	'V': `(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)`,
	'y': `(?P<y>\d\d)`,
	'Y': `(?P<Y>\d\d\d\d)`,
	'z': `(?P<z>[+-]\d\d:?[0-5]\d(?::?[0-5]\d(?:\.\d{1,6})?)?|(?-i:Z))`,
	'A': `(?P<A>` + names(dayFull) + `)`,
	'a': `(?P<a>` + names(dayAbbr) + `)`,
	'B': `(?P<B>` + names(monFull) + `)`,
	'b': `(?P<b>` + names(monAbbr) + `)`,
	'p': `(?P<p>am|pm)`,
	'Z': `(?P<Z>utc|gmt)`,
	'%': `%`,
}

func init() {
	strptimeRes['W'] = strings.Replace(strptimeRes['U'], "P<U>", "P<W>", 1)
}

func strptime(s, format string) (py.Object, error) {
	var re strings.Builder
	re.WriteString(`(?is)^`)
	seen := map[byte]bool{}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '%' {
			if i+1 >= len(format) {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "stray %% in format '%s'", format)
			}
			i++
			d := format[i]
			r, ok := strptimeRes[d]
			if !ok {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "'%c' is a bad directive in format '%s'", d, format)
			}
			if seen[d] && d != '%' {
				r = strings.Replace(r, "(?P<"+string(d)+">", "(?:", 1)
				// CPython backreferences repeated directives; matching any value is close enough.
			}
			seen[d] = true
			re.WriteString(r)
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			for i+1 < len(format) && strings.IndexByte(" \t\n\r\f\v", format[i+1]) >= 0 {
				i++
			}
			re.WriteString(`\s+`)
			continue
		}
		re.WriteString(regexp.QuoteMeta(string(c)))
	}
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "'%s' is a bad directive in format '%s'", "", format)
	}
	m := rx.FindStringSubmatchIndex(s)
	if m == nil {
		sr, _ := pyexec.Repr(nil, py.String(s))
		fr, _ := pyexec.Repr(nil, py.String(format))
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "time data %s does not match format %s", sr, fr)
	}
	if m[1] != len(s) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "unconverted data remains: %s", s[m[1]:])
	}
	g := map[string]string{}
	for i, n := range rx.SubexpNames() {
		if n != "" && m[2*i] >= 0 {
			g[n] = s[m[2*i]:m[2*i+1]]
		}
	}
	num := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(g[k])); return n }
	x := &DT{kind: kindDT, Y: 1900, M: 1, D: 1}
	if _, ok := g["Y"]; ok {
		x.Y = num("Y")
	} else if _, ok := g["y"]; ok {
		x.Y = num("y")
		if x.Y <= 68 {
			x.Y += 2000
		} else {
			x.Y += 1900
		}
	}
	if _, ok := g["m"]; ok {
		x.M = num("m")
	}
	lookup := func(list []string, v string) int {
		for i, n := range list {
			if strings.EqualFold(n, v) {
				return i
			}
		}
		return 0
	}
	if v, ok := g["B"]; ok {
		x.M = lookup(monFull, v) + 1
	}
	if v, ok := g["b"]; ok {
		x.M = lookup(monAbbr, v) + 1
	}
	if _, ok := g["d"]; ok {
		x.D = num("d")
	}
	if _, ok := g["H"]; ok {
		x.H = num("H")
	}
	if _, ok := g["I"]; ok {
		x.H = num("I") % 12
		if strings.EqualFold(g["p"], "pm") {
			x.H += 12
		}
	}
	if _, ok := g["M"]; ok {
		x.Mi = num("M")
	}
	if _, ok := g["S"]; ok {
		x.S = num("S")
		if x.S > 59 {
			x.S = 59
		}
	}
	if v, ok := g["f"]; ok {
		n, _ := strconv.Atoi(v + strings.Repeat("0", 6-len(v)))
		x.Us = n
	}
	if _, ok := g["j"]; ok {
		o := ymdToOrd(x.Y, 1, 1) + int64(num("j")) - 1
		x.Y, x.M, x.D = ordToYMD(o)
	}
	if v, ok := g["z"]; ok {
		if v == "Z" {
			x.TZ = UTC
		} else {
			off, err := parseOffset(v[1:])
			if err != nil {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "Inconsistent use of : in %s", v)
			}
			if v[0] == '-' {
				off = -off
			}
			tz, err := makeTZ(&TimeDelta{floorDiv(off, usPerDay), (off - floorDiv(off, usPerDay)*usPerDay) / usPerSec, off % usPerSec}, "", false)
			if err != nil {
				return nil, err
			}
			x.TZ = tz
		}
	}
	if err := checkDate(x.Y, x.M, x.D); err != nil {
		return nil, err
	}
	return x, nil
}

// parseOffset parses HH[:]MM[[:]SS[.ffffff]] into microseconds.
func parseOffset(s string) (int64, error) {
	colon := len(s) > 2 && s[2] == ':'
	clean := strings.ReplaceAll(s, ":", "")
	if colon && strings.Count(s, ":") != (len(clean)-2)/2 && !strings.Contains(s, ".") {
		return 0, fmt.Errorf("bad")
	}
	var us int64
	frac := ""
	if i := strings.IndexByte(clean, '.'); i >= 0 {
		clean, frac = clean[:i], clean[i+1:]
	}
	if len(clean) != 4 && len(clean) != 6 {
		return 0, fmt.Errorf("bad")
	}
	h, _ := strconv.Atoi(clean[:2])
	m, _ := strconv.Atoi(clean[2:4])
	sec := 0
	if len(clean) == 6 {
		sec, _ = strconv.Atoi(clean[4:])
	}
	if frac != "" {
		f, _ := strconv.Atoi((frac + "000000")[:6])
		us = int64(f)
	}
	return int64(h*3600+m*60+sec)*usPerSec + us, nil
}

func isoErr(s string) error {
	r, _ := pyexec.Repr(nil, py.String(s))
	return pyexec.Errorf(pyexec.ValueErrorType, isoError, r)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseIsoDate parses the date forms accepted by 3.11's fromisoformat.
func parseIsoDate(s string) (*DT, bool, error) {
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]):
		d, err := NewDate(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]))
		return d, true, err
	case len(s) == 8 && allDigits(s):
		d, err := NewDate(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]))
		return d, true, err
	case (len(s) == 8 || len(s) == 10) && s[4] == '-' && s[5] == 'W' && allDigits(s[:4]) && allDigits(s[6:8]):
		day := 1
		if len(s) == 10 {
			if s[8] != '-' || !allDigits(s[9:]) {
				return nil, false, nil
			}
			day = atoi(s[9:])
		}
		d, err := fromIsoCal(atoi(s[:4]), atoi(s[6:8]), day)
		return d, true, err
	case (len(s) == 7 || len(s) == 8) && s[4] == 'W' && allDigits(s[:4]) && allDigits(s[5:]):
		day := 1
		if len(s) == 8 {
			day = atoi(s[7:])
		}
		d, err := fromIsoCal(atoi(s[:4]), atoi(s[5:7]), day)
		return d, true, err
	}
	return nil, false, nil
}

func parseIsoDateOnly(s string) (py.Object, error) {
	d, ok, err := parseIsoDate(s)
	if !ok {
		return nil, isoErr(s)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// parseIsoTime parses HH[:MM[:SS[.f+]]] (or the basic forms) and a UTC offset.
func parseIsoTime(s string) (*DT, bool, error) {
	tzPos := strings.IndexAny(s, "+-Z")
	ts, tzs := s, ""
	if tzPos >= 0 {
		ts, tzs = s[:tzPos], s[tzPos:]
	}
	frac := ""
	if i := strings.IndexAny(ts, ".,"); i >= 0 {
		ts, frac = ts[:i], ts[i+1:]
		if !allDigits(frac) {
			return nil, false, nil
		}
	}
	var parts []string
	if strings.Contains(ts, ":") {
		parts = strings.Split(ts, ":")
		for _, p := range parts {
			if len(p) != 2 {
				return nil, false, nil
			}
		}
	} else {
		if len(ts)%2 != 0 {
			return nil, false, nil
		}
		for i := 0; i < len(ts); i += 2 {
			parts = append(parts, ts[i:i+2])
		}
	}
	if len(parts) == 0 || len(parts) > 3 || (frac != "" && len(parts) != 3) {
		return nil, false, nil
	}
	v := [3]int{}
	for i, p := range parts {
		if !allDigits(p) {
			return nil, false, nil
		}
		v[i], _ = strconv.Atoi(p)
	}
	x := &DT{kind: kindTime, H: v[0], Mi: v[1], S: v[2]}
	if frac != "" {
		n, _ := strconv.Atoi((frac + "00000")[:6])
		x.Us = n
	}
	if tzs != "" {
		if tzs == "Z" {
			x.TZ = UTC
		} else {
			off, err := parseOffset(tzs[1:])
			if err != nil || len(tzs) < 3 {
				if len(tzs) == 3 && allDigits(tzs[1:]) {
					h, _ := strconv.Atoi(tzs[1:])
					off, err = int64(h)*3600*usPerSec, nil
				}
				if err != nil {
					return nil, false, nil
				}
			}
			if tzs[0] == '-' {
				off = -off
			}
			d, err := deltaUs(off)
			if err != nil {
				return nil, true, err
			}
			tz, err := makeTZ(d, "", false)
			if err != nil {
				return nil, true, err
			}
			x.TZ = tz
		}
	}
	return x, true, checkTime(x.H, x.Mi, x.S, x.Us, 0)
}

func parseIsoTimeOnly(s string) (py.Object, error) {
	x, ok, err := parseIsoTime(strings.TrimPrefix(s, "T"))
	if !ok {
		return nil, isoErr(s)
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

func parseIsoDateTime(s string) (py.Object, error) {
	dl := 0
	switch {
	case len(s) >= 10 && s[4] == '-' && s[5] != 'W':
		dl = 10
	case len(s) >= 8 && s[4] == '-' && s[5] == 'W':
		dl = 8
		if len(s) >= 10 && s[8] == '-' {
			dl = 10
		}
	case len(s) >= 5 && s[4] == 'W':
		dl = 7
		if len(s) >= 8 && allDigits(s[7:8]) {
			dl = 8
		}
	default:
		dl = 8
	}
	if len(s) < dl {
		return nil, isoErr(s)
	}
	d, ok, err := parseIsoDate(s[:dl])
	if !ok {
		return nil, isoErr(s)
	}
	if err != nil {
		return nil, err
	}
	x := &DT{kind: kindDT, Y: d.Y, M: d.M, D: d.D}
	if len(s) == dl {
		return x, nil
	}
	if len(s) == dl+1 {
		return nil, isoErr(s)
	}
	tm, ok, err := parseIsoTime(s[dl+1:])
	if !ok {
		return nil, isoErr(s)
	}
	if err != nil {
		return nil, err
	}
	x.H, x.Mi, x.S, x.Us, x.TZ = tm.H, tm.Mi, tm.S, tm.Us, tm.TZ
	return x, nil
}
