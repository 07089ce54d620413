package pyfmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// numParts is a formatted number split the way CPython's
// calc_number_widths sees it.
type numParts struct {
	neg       bool   // the number carries a '-' sign
	prefix    string // "0x" and friends
	digits    string // the leading digit run, subject to grouping
	decimal   bool   // a decimal point follows the digits
	remainder string // everything after the digits (and decimal point)
}

// groupDigits inserts separators every size digits from the right,
// padding with zeros on the left until minWidth characters are produced,
// following CPython's _PyUnicode_InsertThousandsGrouping. size 0 means no
// grouping.
func groupDigits(digits string, minWidth, size int, sep string) string {
	if size == 0 {
		// One chunk: the digits, zero-padded to minWidth.
		if minWidth > len(digits) {
			return strings.Repeat("0", minWidth-len(digits)) + digits
		}
		if len(digits) == 0 {
			return "0"
		}
		return digits
	}
	var chunks []string
	remaining := len(digits)
	pos := len(digits)
	for {
		l := max(remaining, minWidth, 1)
		if size > 0 {
			l = min(size, l)
		}
		nZeros := max(0, l-remaining)
		nChars := max(0, min(remaining, l))
		chunks = append(chunks, strings.Repeat("0", nZeros)+digits[pos-nChars:pos])
		pos -= nChars
		remaining -= nChars
		minWidth -= l
		if size == 0 || (remaining <= 0 && minWidth <= 0) {
			break
		}
		minWidth -= len(sep)
	}
	var b strings.Builder
	for i := len(chunks) - 1; i >= 0; i-- {
		b.WriteString(chunks[i])
		if i > 0 {
			b.WriteString(sep)
		}
	}
	return b.String()
}

// layoutNumber pads and assembles a number as CPython's fill_number does.
func layoutNumber(p numParts, sp *Spec, r resolved, group int, upper bool) string {
	sign := ""
	switch {
	case p.neg:
		sign = "-"
	case sp.Sign == '+':
		sign = "+"
	case sp.Sign == ' ':
		sign = " "
	}
	nDecimal := 0
	if p.decimal {
		nDecimal = 1
	}
	nonDigit := len(sign) + len(p.prefix) + nDecimal + utf8.RuneCountInString(p.remainder)
	minWidth := 0
	if r.fill == '0' && r.align == '=' {
		minWidth = sp.Width - nonDigit
	}
	grouped := ""
	if len(p.digits) > 0 {
		sep := ""
		if group > 0 {
			sep = string(sp.Grouping)
		}
		grouped = groupDigits(p.digits, minWidth, group, sep)
	}
	prefix := p.prefix
	if upper {
		grouped = strings.ToUpper(grouped)
		prefix = strings.ToUpper(prefix)
	}
	padding := sp.Width - (nonDigit + utf8.RuneCountInString(grouped))
	var lpad, spad, rpad int
	if padding > 0 {
		switch r.align {
		case '<':
			rpad = padding
		case '^':
			lpad = padding / 2
			rpad = padding - lpad
		case '=':
			spad = padding
		default:
			lpad = padding
		}
	}
	if lpad == 0 && spad == 0 && rpad == 0 && sign == "" && prefix == "" && !p.decimal && p.remainder == "" {
		return grouped
	}
	fill := string(r.fill)
	var b strings.Builder
	b.Grow((lpad+spad+rpad)*len(fill) + len(sign) + len(prefix) + len(grouped) + 1 + len(p.remainder))
	b.WriteString(strings.Repeat(fill, lpad))
	b.WriteString(sign)
	b.WriteString(prefix)
	b.WriteString(strings.Repeat(fill, spad))
	b.WriteString(grouped)
	if p.decimal {
		b.WriteByte('.')
	}
	b.WriteString(p.remainder)
	b.WriteString(strings.Repeat(fill, rpad))
	return b.String()
}

// FormatInt formats an integer as int.__format__ does for a non-empty
// spec: presentation types b c d o x X n and none, and e E f F g G % after
// conversion to float. Use FormatIntSpec for the full format(v, spec).
func FormatInt(v *big.Int, sp Spec) (string, error) { return formatInt(v, 0, sp) }

// formatInt is FormatInt of v, or of x when v is nil.
func formatInt(v *big.Int, x int64, sp Spec) (string, error) {
	typ := sp.Type
	if !sp.HasType {
		typ = 'd'
	}
	group, err := checkGrouping(&sp, typ)
	if err != nil {
		return "", err
	}
	switch typ {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		if v == nil {
			return formatFloat(float64(x), sp, group)
		}
		f, acc := new(big.Float).SetInt(v).Float64()
		if math.IsInf(f, 0) || (acc != big.Exact && math.Abs(f) > math.MaxFloat64) {
			return "", overflowError("int too large to convert to float")
		}
		return formatFloat(f, sp, group)
	default:
		return "", unknownCode(typ, "int")
	}
	if sp.Precision != -1 {
		return "", valueError("Precision not allowed in integer format specifier")
	}
	if sp.NoNegZero {
		return "", valueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	r := resolve(&sp, '>')
	var p numParts
	if typ == 'c' {
		if sp.Sign != 0 {
			return "", valueError("Sign not allowed with integer format specifier 'c'")
		}
		if sp.Alternate {
			return "", valueError("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		if v != nil {
			if !v.IsInt64() {
				return "", overflowError("Python int too large to convert to C long")
			}
			x = v.Int64()
		}
		if x < 0 || x > 0x10ffff {
			return "", overflowError("%%c arg not in range(0x110000)")
		}
		p.digits = string(rune(x))
		if x >= 0xd800 && x < 0xe000 {
			p.digits = surrogate(rune(x))
		}
		if widthTooBig(&sp) {
			return "", memoryError()
		}
		return layoutChar(p.digits, &sp, r), nil
	}
	if widthTooBig(&sp) {
		return "", memoryError()
	}
	base := 10
	switch typ {
	case 'b':
		base, p.prefix = 2, "0b"
	case 'o':
		base, p.prefix = 8, "0o"
	case 'x', 'X':
		base, p.prefix = 16, "0x"
	}
	if !sp.Alternate {
		p.prefix = ""
	}
	if v == nil {
		u := uint64(x)
		if x < 0 {
			u = -u
		}
		p.neg = x < 0
		p.digits = strconv.FormatUint(u, base)
	} else {
		p.neg = v.Sign() < 0
		p.digits = new(big.Int).Abs(v).Text(base)
	}
	return layoutNumber(p, &sp, r, group, typ == 'X'), nil
}

// surrogate encodes a lone surrogate code point the way Go strings hold
// CPython's surrogatepass form (three bytes, ED xx xx).
func surrogate(r rune) string {
	return string([]byte{0xED, byte(0x80 | (r>>6)&0x3F), byte(0x80 | r&0x3F)})
}

// layoutChar pads the single character of the 'c' type: it behaves as a
// one-digit number that is never grouped.
func layoutChar(ch string, sp *Spec, r resolved) string {
	pad := sp.Width - 1
	if pad <= 0 {
		return ch
	}
	fill := string(r.fill)
	switch r.align {
	case '<':
		return ch + strings.Repeat(fill, pad)
	case '^':
		return strings.Repeat(fill, pad/2) + ch + strings.Repeat(fill, pad-pad/2)
	case '=':
		if r.fill == '0' {
			return strings.Repeat("0", pad) + ch
		}
		return strings.Repeat(fill, pad) + ch
	default:
		return strings.Repeat(fill, pad) + ch
	}
}

// FormatInt64 is FormatInt for an int64.
func FormatInt64(v int64, sp Spec) (string, error) { return formatInt(nil, v, sp) }

// FormatInt64Spec is FormatIntSpec for an int64.
func FormatInt64Spec(v int64, spec string, minor int) (string, error) {
	if spec == "" {
		return strconv.FormatInt(v, 10), nil
	}
	sp, err := ParseSpecFor(spec, "int", minor)
	if err != nil {
		return "", err
	}
	return formatInt(nil, v, sp)
}

// FormatIntSpec returns format(v, spec) for a Python int under CPython
// 3.minor: an empty spec gives str(v).
func FormatIntSpec(v *big.Int, spec string, minor int) (string, error) {
	if spec == "" {
		return v.String(), nil
	}
	sp, err := ParseSpecFor(spec, "int", minor)
	if err != nil {
		return "", err
	}
	return FormatInt(v, sp)
}

// FormatFloat formats a float as float.__format__ does for a non-empty
// spec: presentation types e E f F g G n % and none. Use FormatFloatSpec
// for the full format(f, spec).
func FormatFloat(f float64, sp Spec) (string, error) {
	group, err := checkGrouping(&sp, sp.Type)
	if err != nil {
		return "", err
	}
	switch sp.Type {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
	default:
		return "", unknownCode(sp.Type, "float")
	}
	return formatFloat(f, sp, group)
}

// FormatFloatSpec returns format(f, spec) for a Python float under
// CPython 3.minor: an empty spec gives str(f).
func FormatFloatSpec(f float64, spec string, minor int) (string, error) {
	if spec == "" {
		return pyrepr.Float(f), nil
	}
	sp, err := ParseSpecFor(spec, "float", minor)
	if err != nil {
		return "", err
	}
	return FormatFloat(f, sp)
}

// formatFloat is CPython's format_float_internal.
func formatFloat(f float64, sp Spec, group int) (string, error) {
	if sp.Precision > math.MaxInt32 {
		return "", valueError("precision too big")
	}
	if floatPrecTooBig(sp.Type, sp.Precision, sp.Alternate) {
		return "", memoryError()
	}
	typ := sp.Type
	prec := sp.Precision
	defPrec := 6
	addDot0 := false
	if typ == 0 {
		addDot0 = true
		typ = 'r'
		defPrec = 0
	}
	if typ == 'n' {
		typ = 'g'
	}
	pct := false
	if typ == '%' {
		typ = 'f'
		f *= 100
		pct = true
	}
	if prec < 0 {
		prec = defPrec
	} else if typ == 'r' {
		typ = 'g'
	}
	buf := DoubleToString(f, byte(typ), prec, DTFlags{AddDot0: addDot0, Alt: sp.Alternate, NoNegZero: sp.NoNegZero})
	if pct {
		buf += "%"
	}
	var p numParts
	if strings.HasPrefix(buf, "-") {
		p.neg = true
		buf = buf[1:]
	}
	i := 0
	for i < len(buf) && buf[i] >= '0' && buf[i] <= '9' {
		i++
	}
	p.digits = buf[:i]
	rest := buf[i:]
	if strings.HasPrefix(rest, ".") {
		p.decimal = true
		rest = rest[1:]
	}
	p.remainder = rest
	if widthTooBig(&sp) {
		return "", memoryError()
	}
	r := resolve(&sp, '>')
	return layoutNumber(p, &sp, r, group, false), nil
}

// DTFlags are the options of DoubleToString (CPython's Py_DTSF_* flags).
type DTFlags struct {
	Sign      bool // always print a sign
	AddDot0   bool // add ".0" to a result that looks like an integer
	Alt       bool // alternate form: keep trailing zeros and the point
	NoNegZero bool // print a negative zero as zero
}

// DoubleToString is CPython's PyOS_double_to_string: code is one of
// e E f F g G r (r = repr, precision must be 0), precision is the number
// of digits as printf uses it.
func DoubleToString(x float64, code byte, precision int, fl DTFlags) string {
	upper := false
	switch code {
	case 'E', 'F', 'G':
		upper = true
		code += 'a' - 'A'
	}
	mode := 0
	switch code {
	case 'e':
		mode = 2
		precision++
	case 'f':
		mode = 3
	case 'g':
		mode = 2
		if precision == 0 {
			precision = 1
		}
	}
	neg := math.Signbit(x)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		s := "inf"
		if math.IsNaN(x) {
			s, neg = "nan", false
		}
		if upper {
			s = strings.ToUpper(s)
		}
		if neg {
			return "-" + s
		} else if fl.Sign {
			return "+" + s
		}
		return s
	}
	var digits string
	var decpt int
	switch mode {
	case 0:
		digits, decpt = dtoaShortest(math.Abs(x))
	case 2:
		digits, decpt = dtoaSignificant(math.Abs(x), precision)
	case 3:
		digits, decpt = dtoaFixed(math.Abs(x), precision)
	}
	if fl.NoNegZero && neg && (digits == "" || digits == "0") {
		neg = false
	}
	useExp := false
	vEnd := len(digits)
	switch code {
	case 'e':
		useExp = true
		vEnd = precision
	case 'f':
		vEnd = decpt + precision
	case 'g':
		lim := precision
		if fl.AddDot0 {
			lim--
		}
		if decpt <= -4 || decpt > lim {
			useExp = true
		}
		if fl.Alt {
			vEnd = precision
		}
	case 'r':
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vStart := 0
	if decpt <= 0 {
		vStart = decpt - 1
	}
	if !useExp && fl.AddDot0 {
		vEnd = max(vEnd, decpt+1)
	} else {
		vEnd = max(vEnd, decpt)
	}
	var b strings.Builder
	// Sign, digits, point and exponent in one allocation.
	b.Grow(max(vEnd-vStart, 0) + 8)
	if neg {
		b.WriteByte('-')
	} else if fl.Sign {
		b.WriteByte('+')
	}
	// The output is vdigits[vStart:vEnd] of the digits padded with zeros
	// on both sides, with a decimal point before index decpt.
	for i := vStart; i < vEnd; i++ {
		if i == decpt {
			b.WriteByte('.')
		}
		if i >= 0 && i < len(digits) {
			b.WriteByte(digits[i])
		} else {
			b.WriteByte('0')
		}
	}
	if decpt == vEnd && fl.Alt {
		b.WriteByte('.')
	}
	if useExp {
		if upper {
			b.WriteByte('E')
		} else {
			b.WriteByte('e')
		}
		if exp < 0 {
			b.WriteByte('-')
			exp = -exp
		} else {
			b.WriteByte('+')
		}
		if exp < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(exp))
	}
	return b.String()
}

// splitE splits strconv's "d.ddde±x" output into digits and the decimal
// point position.
func splitE(s string) (string, int) {
	mant, e, _ := strings.Cut(s, "e")
	x, _ := strconv.Atoi(e)
	return strings.Replace(mant, ".", "", 1), x + 1
}

// dtoaShortest returns the shortest round-tripping digits of x >= 0 and
// the decimal point position (dtoa mode 0).
func dtoaShortest(x float64) (string, int) {
	if x == 0 {
		return "0", 1
	}
	return splitE(strconv.FormatFloat(x, 'e', -1, 64))
}

// dtoaSignificant returns x >= 0 correctly rounded to n >= 1 significant
// digits, trailing zeros removed (dtoa mode 2).
func dtoaSignificant(x float64, n int) (string, int) {
	if x == 0 {
		return "0", 1
	}
	// A double has at most 767 significant digits: asking for more only
	// adds zeros, which are trimmed.
	d, pt := splitE(strconv.FormatFloat(x, 'e', min(n, 800)-1, 64))
	return strings.TrimRight(d, "0"), pt
}

// dtoaFixed returns x >= 0 correctly rounded to n >= 0 digits after the
// decimal point, trailing zeros removed (dtoa mode 3). A non-zero value
// that rounds to zero gives no digits and decpt -n.
func dtoaFixed(x float64, n int) (string, int) {
	if x == 0 {
		return "0", 1
	}
	// A double has at most 1074 fractional digits: asking for more only
	// adds zeros, which are trimmed (a non-zero x then has digits).
	s := strconv.FormatFloat(x, 'f', min(n, 1100), 64)
	ip, fp, _ := strings.Cut(s, ".")
	if ip != "0" {
		return strings.TrimRight(ip+fp, "0"), len(ip)
	}
	t := strings.TrimLeft(fp, "0")
	if t == "" {
		return "", -n
	}
	return strings.TrimRight(t, "0"), -(len(fp) - len(t))
}

// FormatStr formats a string as str.__format__ does for a non-empty spec.
// Width and precision count code points. Use FormatStrSpec for the full
// format(s, spec).
func FormatStr(s string, sp Spec) (string, error) {
	typ := sp.Type
	if !sp.HasType {
		typ = 's'
	}
	if _, err := checkGrouping(&sp, typ); err != nil {
		return "", err
	}
	if typ != 's' {
		return "", unknownCode(typ, "str")
	}
	if sp.Sign != 0 {
		if sp.Sign == ' ' && sp.Minor >= 9 {
			return "", valueError("Space not allowed in string format specifier")
		}
		return "", valueError("Sign not allowed in string format specifier")
	}
	if sp.NoNegZero {
		return "", valueError("Negative zero coercion (z) not allowed in string format specifier")
	}
	if sp.Alternate {
		return "", valueError("Alternate form (#) not allowed in string format specifier")
	}
	r := resolve(&sp, '<')
	if r.align == '=' {
		return "", valueError("'=' alignment not allowed in string format specifier")
	}
	n := utf8.RuneCountInString(s)
	if widthTooBig(&sp) {
		return "", memoryError()
	}
	if sp.Precision >= 0 && n > sp.Precision {
		s = truncateRunes(s, sp.Precision)
		n = sp.Precision
	}
	return pad(s, n, sp.Width, r), nil
}

func truncateRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

func pad(s string, n, width int, r resolved) string {
	if width <= n {
		return s
	}
	total := width - n
	left := 0
	switch r.align {
	case '>':
		left = total
	case '^':
		left = total / 2
	}
	fill := string(r.fill)
	var b strings.Builder
	b.Grow(len(s) + total*len(fill))
	for i := 0; i < left; i++ {
		b.WriteString(fill)
	}
	b.WriteString(s)
	for i := left; i < total; i++ {
		b.WriteString(fill)
	}
	return b.String()
}

// FormatStrSpec returns format(s, spec) for a Python str under CPython
// 3.minor: an empty spec gives s itself.
func FormatStrSpec(s, spec string, minor int) (string, error) {
	if spec == "" {
		return s, nil
	}
	sp, err := ParseSpecFor(spec, "str", minor)
	if err != nil {
		return "", err
	}
	return FormatStr(s, sp)
}
