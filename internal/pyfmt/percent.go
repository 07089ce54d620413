package pyfmt

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// ArgKind classifies an operand of the % operator.
type ArgKind int

const (
	// ArgOther is any object that is not an int, float or str.
	ArgOther ArgKind = iota
	// ArgInt is a Python int, or an instance of an int subclass such as
	// bool (give Str/Repr for those); the value is in Arg.Int.
	ArgInt
	// ArgFloat is a Python float; the value is in Arg.Float.
	ArgFloat
	// ArgStr is a Python str; the value is in Arg.Text.
	ArgStr
)

// Arg describes one operand of str % args without reference to
// interpreter objects. The caller fills Kind and the matching value; the
// optional hooks supply what only the interpreter can compute, and are
// called only when the conversion needs them.
type Arg struct {
	Kind ArgKind
	// TypeName is type(x).__name__, used in error messages. When empty,
	// "int", "float" or "str" is assumed from Kind.
	TypeName string
	// Int is the value of an ArgInt (nil for one made by IntArg64).
	Int *big.Int
	// Float is the value of an ArgFloat.
	Float float64
	// Text is the value of an ArgStr.
	Text string
	// Str, Repr and ASCII return str(x), repr(x) and ascii(x). They
	// default to the built-in conversions for ArgInt, ArgFloat and
	// ArgStr; for ArgOther they must be set to format with %s, %r, %a.
	Str, Repr, ASCII func() (string, error)
	// IntValue is int(x) (__int__/__index__) for an ArgOther number,
	// used by %d %i %u. Index is operator.index(x), used by %o %x %X %c.
	// IntValue and Index return ErrWrongType for a conversion that failed
	// with a TypeError, which CPython reports as the conversion's own
	// "%d format: a real number is required" error.
	// FloatValue is float(x) (__float__), used by %e %f %g and friends.
	// A nil hook means the object lacks the conversion.
	IntValue   func() (*big.Int, error)
	Index      func() (*big.Int, error)
	FloatValue func() (float64, error)

	// small is the value of an ArgInt made by IntArg64, whose Int is nil.
	small int64
}

// ErrWrongType is returned by Arg.IntValue and Arg.Index when the
// operand's conversion to int raised a TypeError.
var ErrWrongType = errors.New("pyfmt: operand of the wrong type")

// IntArg returns the Arg for a Python int.
func IntArg(v *big.Int) Arg { return Arg{Kind: ArgInt, Int: v} }

// IntArg64 returns the Arg for a Python int that fits an int64: it formats
// without big.Int arithmetic.
func IntArg64(v int64) Arg { return Arg{Kind: ArgInt, small: v} }

// int returns the value of an ArgInt as a big.Int.
func (a *Arg) int() *big.Int {
	if a.Int == nil {
		a.Int = big.NewInt(a.small)
	}
	return a.Int
}

// FloatArg returns the Arg for a Python float.
func FloatArg(f float64) Arg { return Arg{Kind: ArgFloat, Float: f} }

// StrArg returns the Arg for a Python str.
func StrArg(s string) Arg { return Arg{Kind: ArgStr, Text: s} }

func (a *Arg) typeName() string {
	if a.TypeName != "" {
		return a.TypeName
	}
	switch a.Kind {
	case ArgInt:
		return "int"
	case ArgFloat:
		return "float"
	case ArgStr:
		return "str"
	}
	return "object"
}

func (a *Arg) str() (string, error) {
	if a.Str != nil {
		return a.Str()
	}
	switch a.Kind {
	case ArgInt:
		if a.Int == nil {
			return strconv.FormatInt(a.small, 10), nil
		}
		return a.Int.String(), nil
	case ArgFloat:
		return pyrepr.Float(a.Float), nil
	case ArgStr:
		return a.Text, nil
	}
	return "", typeError("str() of '%s' object is not available", a.typeName())
}

func (a *Arg) repr() (string, error) {
	if a.Repr != nil {
		return a.Repr()
	}
	if a.Kind == ArgStr {
		return pyrepr.Str(a.Text), nil
	}
	if a.Kind == ArgOther {
		return "", typeError("repr() of '%s' object is not available", a.typeName())
	}
	return a.str()
}

func (a *Arg) ascii() (string, error) {
	if a.ASCII != nil {
		return a.ASCII()
	}
	r, err := a.repr()
	if err != nil {
		return "", err
	}
	return ASCIIEscape(r), nil
}

// ASCIIEscape turns repr text into ascii() text: every non-ASCII code
// point becomes \xhh, \uhhhh or \Uhhhhhhhh.
func ASCIIEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 && c == 0xED && i+2 < len(s) {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			size = 3
		}
		switch {
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r < 0x10000:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			fmt.Fprintf(&b, "\\U%08x", r)
		}
		i += size
	}
	return b.String()
}

// Args is the right operand of str % args.
type Args struct {
	// IsTuple reports whether the operand is a tuple; Items are then its
	// elements. Otherwise Single is the operand itself.
	IsTuple bool
	Items   []Arg
	Single  Arg
	// Lookup is set when the operand is a mapping (any object with
	// __getitem__ other than a tuple or str, as PyMapping_Check says);
	// it returns operand[key] or the error to raise (KeyError ...).
	Lookup func(key string) (Arg, error)
}

// Percent returns format % tuple(args) under CPython 3.DefaultMinor.
func Percent(format string, args []Arg) (string, error) {
	return PercentArgs(format, Args{IsTuple: true, Items: args}, DefaultMinor)
}

// Percent flags.
const (
	fLJust = 1 << iota
	fSign
	fBlank
	fAlt
	fZero
)

type pctState struct {
	fmt    []rune // the format's characters, nil when it is ASCII (src)
	n      int    // the format's length in characters
	pos    int
	cnt    int
	args   Args
	cur    Arg // the current non-tuple source (operand or mapping value)
	arglen int
	argidx int
	dict   bool
	minor  int
	out    strings.Builder
	// src is the format when it is ASCII (fmt[i] is then src[i]), else "".
	src string
}

func (st *pctState) next() (*Arg, error) {
	if st.argidx < st.arglen {
		i := st.argidx
		st.argidx++
		if st.arglen < 0 {
			return &st.cur, nil
		}
		return &st.args.Items[i], nil
	}
	return nil, typeError("not enough arguments for format string")
}

// PercentArgs returns format % args as CPython 3.minor computes it.
func PercentArgs(format string, args Args, minor int) (string, error) {
	st := &pctState{args: args, minor: minor}
	if isASCII(format) {
		// An ASCII format is read from src: no rune array.
		st.src, st.n = format, len(format)
	} else {
		st.fmt = []rune(format)
		st.n = len(st.fmt)
	}
	st.out.Grow(len(format) + 8*max(len(args.Items), 1))
	if args.IsTuple {
		st.arglen = len(args.Items)
	} else {
		st.arglen, st.argidx = -1, -2
		st.cur = args.Single
	}
	st.dict = args.Lookup != nil && !args.IsTuple
	st.cnt = st.n
	for {
		st.cnt--
		if st.cnt < 0 {
			break
		}
		if st.at(st.pos) != '%' {
			start := st.pos
			for st.pos < st.n && st.at(st.pos) != '%' {
				st.pos++
			}
			st.cnt -= st.pos - start - 1
			if st.src != "" {
				st.out.WriteString(st.src[start:st.pos])
			} else {
				st.out.WriteString(string(st.fmt[start:st.pos]))
			}
			continue
		}
		st.pos++
		if err := st.one(); err != nil {
			return "", err
		}
	}
	if st.argidx < st.arglen && !st.dict {
		return "", typeError("not all arguments converted during string formatting")
	}
	return st.out.String(), nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (st *pctState) read() rune {
	if st.pos < st.n {
		return st.at(st.pos)
	}
	return 0
}

// at returns the format's character i.
func (st *pctState) at(i int) rune {
	if st.fmt == nil {
		return rune(st.src[i])
	}
	return st.fmt[i]
}

type pctArg struct {
	ch    rune
	flags int
	width int
	prec  int
	sign  bool
}

func (st *pctState) one() error {
	if st.read() == '%' {
		st.pos++
		st.cnt--
		st.out.WriteByte('%')
		return nil
	}
	a := pctArg{width: -1, prec: -1}
	if err := st.parse(&a); err != nil {
		return err
	}
	s, done, err := st.convert(&a)
	if err != nil {
		return err
	}
	if a.width > MaxResultBytes {
		return memoryError()
	}
	if !done {
		st.output(&a, s)
	}
	if st.out.Len() > MaxResultBytes {
		return memoryError()
	}
	if st.dict && st.argidx < st.arglen {
		return typeError("not all arguments converted during string formatting")
	}
	return nil
}

func (st *pctState) parse(a *pctArg) error {
	if st.read() == '(' {
		if !st.dict {
			return typeError("format requires a mapping")
		}
		st.pos++
		st.cnt--
		start := st.pos
		depth := 1
		for depth > 0 {
			st.cnt--
			if st.cnt < 0 {
				break
			}
			a.ch = st.read()
			if a.ch == ')' {
				depth--
			} else if a.ch == '(' {
				depth++
			}
			st.pos++
		}
		if st.cnt < 0 || depth > 0 {
			return valueError("incomplete format key")
		}
		var key string
		if st.fmt == nil {
			key = st.src[start : st.pos-1]
		} else {
			key = string(st.fmt[start : st.pos-1])
		}
		v, err := st.args.Lookup(key)
		if err != nil {
			return err
		}
		st.cur = v
		st.arglen, st.argidx = -1, -2
	}
	// advance reads the next character into a.ch; false at the end.
	advance := func() bool {
		st.cnt--
		if st.cnt < 0 {
			return false
		}
		a.ch = st.read()
		st.pos++
		return true
	}
flags:
	for advance() {
		switch a.ch {
		case '-':
			a.flags |= fLJust
		case '+':
			a.flags |= fSign
		case ' ':
			a.flags |= fBlank
		case '#':
			a.flags |= fAlt
		case '0':
			a.flags |= fZero
		default:
			break flags
		}
	}
	if a.ch == '*' {
		v, err := st.next()
		if err != nil {
			return err
		}
		if v.Kind != ArgInt {
			return typeError("* wants int")
		}
		if !v.int().IsInt64() {
			return overflowError("Python int too large to convert to C ssize_t")
		}
		w := v.int().Int64()
		if w < 0 {
			a.flags |= fLJust
			w = -w
		}
		a.width = int(w)
		advance()
	} else if a.ch >= '0' && a.ch <= '9' {
		a.width = int(a.ch - '0')
		for advance() {
			if a.ch < '0' || a.ch > '9' {
				break
			}
			d := int(a.ch - '0')
			if a.width > (math.MaxInt64-d)/10 {
				return valueError("width too big")
			}
			a.width = a.width*10 + d
		}
	}
	if a.ch == '.' {
		a.prec = 0
		advance()
		if a.ch == '*' {
			v, err := st.next()
			if err != nil {
				return err
			}
			if v.Kind != ArgInt {
				return typeError("* wants int")
			}
			n := v.int()
			if !n.IsInt64() || n.Int64() > math.MaxInt32 || n.Int64() < math.MinInt32 {
				return overflowError("Python int too large to convert to C int")
			}
			a.prec = max(int(n.Int64()), 0)
			advance()
		} else if a.ch >= '0' && a.ch <= '9' {
			a.prec = int(a.ch - '0')
			for advance() {
				if a.ch < '0' || a.ch > '9' {
					break
				}
				d := int(a.ch - '0')
				if a.prec > (math.MaxInt32-d)/10 {
					return valueError("precision too big")
				}
				a.prec = a.prec*10 + d
			}
		}
	}
	if st.cnt >= 0 && (a.ch == 'h' || a.ch == 'l' || a.ch == 'L') {
		advance()
	}
	if st.cnt < 0 {
		return valueError("incomplete format")
	}
	return nil
}

// convert produces the text of one conversion. done reports that the
// text was already written (CPython's fast paths, which skip padding).
func (st *pctState) convert(a *pctArg) (string, bool, error) {
	v, err := st.next()
	if err != nil {
		return "", false, err
	}
	switch a.ch {
	case 's', 'r', 'a':
		if v.Kind == ArgInt && v.Int != nil && v.Str == nil && v.Repr == nil && v.ASCII == nil {
			// str(), repr() and ascii() of an int are its decimal
			// digits, under the digit limit.
			s, err := Decimal(v.Int, st.minor)
			return s, false, err
		}
		var s string
		switch a.ch {
		case 's':
			s, err = v.str()
		case 'r':
			s, err = v.repr()
		default:
			s, err = v.ascii()
		}
		return s, false, err
	case 'i', 'd', 'u', 'o', 'x', 'X':
		s, err := st.formatLong(v, a)
		a.sign = true
		return s, false, err
	case 'e', 'E', 'f', 'F', 'g', 'G':
		x, err := asFloat(v)
		if err != nil {
			return "", false, err
		}
		prec := a.prec
		if prec < 0 {
			prec = 6
		}
		if floatPrecTooBig(a.ch, prec, a.flags&fAlt != 0) {
			return "", false, memoryError()
		}
		a.sign = true
		return DoubleToString(x, byte(a.ch), prec, DTFlags{Alt: a.flags&fAlt != 0}), false, nil
	case 'c':
		r, err := st.formatChar(v)
		if err != nil {
			return "", false, err
		}
		if r >= 0xd800 && r < 0xe000 {
			return surrogate(r), false, nil
		}
		return string(r), false, nil
	}
	c := a.ch
	if c < 31 || c > 126 {
		c = '?'
	}
	return "", false, valueError("unsupported format character '%c' (0x%x) at index %d", c, a.ch, st.pos-1)
}

// asFloat is PyFloat_AsDouble.
func asFloat(v *Arg) (float64, error) {
	switch v.Kind {
	case ArgFloat:
		return v.Float, nil
	case ArgInt:
		if v.Int == nil {
			return float64(v.small), nil
		}
		f, _ := new(big.Float).SetInt(v.Int).Float64()
		if math.IsInf(f, 0) {
			return 0, overflowError("int too large to convert to float")
		}
		return f, nil
	}
	if v.FloatValue != nil {
		return v.FloatValue()
	}
	return 0, typeError("must be real number, not %s", v.typeName())
}

func (st *pctState) formatLong(v *Arg, a *pctArg) (string, error) {
	wrong := func() error {
		if a.ch == 'o' || a.ch == 'x' || a.ch == 'X' {
			return typeError("%%%c format: an integer is required, not %s", a.ch, v.typeName())
		}
		if st.minor < 10 {
			return typeError("%%%c format: a number is required, not %s", a.ch, v.typeName())
		}
		return typeError("%%%c format: a real number is required, not %s", a.ch, v.typeName())
	}
	var n *big.Int
	switch v.Kind {
	case ArgInt:
		if a.prec > MaxResultBytes {
			return "", memoryError()
		}
		if v.Int == nil {
			return formatLong64(v.small, a), nil
		}
		n = v.Int
	case ArgFloat:
		if a.ch == 'o' || a.ch == 'x' || a.ch == 'X' {
			return "", wrong()
		}
		var err error
		if n, err = FloatToInt(v.Float); err != nil {
			return "", err
		}
	case ArgStr:
		return "", wrong()
	default:
		hook := v.IntValue
		if a.ch == 'o' || a.ch == 'x' || a.ch == 'X' {
			hook = v.Index
		}
		if hook == nil {
			return "", wrong()
		}
		var err error
		if n, err = hook(); err != nil {
			if err == ErrWrongType {
				return "", wrong()
			}
			return "", err
		}
	}
	if a.prec > MaxResultBytes {
		return "", memoryError()
	}
	base, prefix := 10, ""
	switch a.ch {
	case 'o':
		base, prefix = 8, "0o"
	case 'x', 'X':
		base, prefix = 16, "0x"
	}
	if a.flags&fAlt == 0 {
		prefix = ""
	}
	var digits string
	if base == 10 {
		d, err := Decimal(n, st.minor)
		if err != nil {
			return "", err
		}
		digits = strings.TrimPrefix(d, "-")
	} else {
		digits = new(big.Int).Abs(n).Text(base)
	}
	if a.prec > len(digits) {
		digits = strings.Repeat("0", a.prec-len(digits)) + digits
	}
	s := prefix + digits
	if n.Sign() < 0 {
		s = "-" + s
	}
	if a.ch == 'X' {
		s = strings.ToUpper(s)
	}
	return s, nil
}

// formatLong64 is formatLong's digits for an int64 value.
func formatLong64(x int64, a *pctArg) string {
	base, prefix := 10, ""
	switch a.ch {
	case 'o':
		base, prefix = 8, "0o"
	case 'x', 'X':
		base, prefix = 16, "0x"
	}
	if a.flags&fAlt == 0 {
		prefix = ""
	}
	u := uint64(x)
	if x < 0 {
		u = -u
	}
	var buf [88]byte
	b := buf[:0]
	if x < 0 {
		b = append(b, '-')
	}
	b = append(b, prefix...)
	if a.prec > 0 {
		nd := len(strconv.AppendUint(buf[64:64], u, base))
		for i := nd; i < a.prec; i++ {
			b = append(b, '0')
		}
	}
	b = strconv.AppendUint(b, u, base)
	if a.ch == 'X' {
		for i, c := range b {
			if c >= 'a' && c <= 'z' {
				b[i] = c - 'a' + 'A'
			}
		}
	}
	return string(b)
}

func (st *pctState) formatChar(v *Arg) (rune, error) {
	bad := typeError("%%c requires int or char")
	var n *big.Int
	switch v.Kind {
	case ArgStr:
		if utf8.RuneCountInString(v.Text) == 1 {
			r, _ := utf8.DecodeRuneInString(v.Text)
			if r == utf8.RuneError && len(v.Text) == 3 && v.Text[0] == 0xED {
				r = rune(v.Text[0]&0x0F)<<12 | rune(v.Text[1]&0x3F)<<6 | rune(v.Text[2]&0x3F)
			}
			return r, nil
		}
		if len(v.Text) == 3 && v.Text[0] == 0xED {
			return rune(v.Text[0]&0x0F)<<12 | rune(v.Text[1]&0x3F)<<6 | rune(v.Text[2]&0x3F), nil
		}
		return 0, bad
	case ArgInt:
		n = v.int()
	case ArgOther:
		if v.Index == nil {
			return 0, bad
		}
		var err error
		if n, err = v.Index(); err != nil {
			return 0, err
		}
	default:
		return 0, bad
	}
	if !n.IsInt64() && st.minor < 10 {
		return 0, bad
	}
	if !n.IsInt64() || n.Int64() < 0 || n.Int64() > 0x10ffff {
		return 0, overflowError("%%c arg not in range(0x110000)")
	}
	return rune(n.Int64()), nil
}

// output pads one converted value, as unicode_format_arg_output does.
func (st *pctState) output(a *pctArg, s string) {
	var str []rune
	valid := utf8.ValidString(s)
	n := utf8.RuneCountInString(s)
	if !valid {
		str = surrogateRunes(s)
		n = len(str)
	}
	if (a.width == -1 || a.width <= n) && (a.prec == -1 || a.prec >= n) && a.flags&(fSign|fBlank) == 0 {
		st.out.WriteString(s)
		return
	}
	if valid {
		str = []rune(s)
	}
	fill := ' '
	if a.sign && a.flags&fZero != 0 {
		fill = '0'
	}
	if (a.ch == 's' || a.ch == 'r' || a.ch == 'a') && a.prec >= 0 && n > a.prec {
		n = a.prec
	}
	i := 0
	var sign rune
	if a.sign {
		if c := str[0]; c == '-' || c == '+' {
			sign = c
			n--
			i++
		} else if a.flags&fSign != 0 {
			sign = '+'
		} else if a.flags&fBlank != 0 {
			sign = ' '
		} else {
			a.sign = false
		}
	}
	width := max(a.width, n)
	w := &st.out
	if a.sign {
		if fill != ' ' {
			w.WriteRune(sign)
		}
		if width > n {
			width--
		}
	}
	alt := a.flags&fAlt != 0 && (a.ch == 'x' || a.ch == 'X' || a.ch == 'o')
	if alt {
		if fill != ' ' {
			w.WriteString(string(str[i : i+2]))
			i += 2
		}
		width = max(width-2, 0)
		n -= 2
	}
	if width > n && a.flags&fLJust == 0 {
		w.WriteString(strings.Repeat(string(fill), width-n))
		width = n
	}
	if fill == ' ' {
		if a.sign {
			w.WriteRune(sign)
		}
		if alt {
			w.WriteString(string(str[i : i+2]))
			i += 2
		}
	}
	if n > 0 {
		w.WriteString(runesToString(str[i : i+n]))
	}
	if width > n {
		w.WriteString(strings.Repeat(" ", width-n))
	}
}

// surrogateRunes decodes a string that may hold surrogates in the
// three-byte ED form into code points.
func surrogateRunes(s string) []rune {
	var rs []rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 && s[i] == 0xED && i+2 < len(s) {
			r = rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			size = 3
		}
		rs = append(rs, r)
		i += size
	}
	return rs
}

func runesToString(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		if r >= 0xd800 && r < 0xe000 {
			b.WriteString(surrogate(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
