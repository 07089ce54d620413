// Package pyfmt implements CPython's number and string formatting:
// the format-spec mini-language used by format() and str.format, the
// printf-style % operator of str, round() of floats, and float.hex().
//
// The package knows nothing about interpreter objects. Numbers arrive as
// *big.Int, int64 or float64, strings as UTF-8 Go strings, and the %
// operator takes its operands through the Arg description. Errors are
// *Error values that carry the name of the Python exception to raise.
//
// Behaviour that differs between CPython 3.8 and 3.13 is selected by a
// minor version number (8 for 3.8, 12 for 3.12, ...).
package pyfmt

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// DefaultMinor is the CPython 3.x minor version used by the functions
// that take no explicit version.
const DefaultMinor = 12

// Error is a Python exception raised by formatting: Type names the
// exception class (ValueError, TypeError, OverflowError, ...) and Msg is
// its exact CPython message.
type Error struct {
	Type string
	Msg  string
}

// Error returns "Type: Msg", as Python prints the exception.
func (e *Error) Error() string { return e.Type + ": " + e.Msg }

func valueError(format string, a ...any) error {
	return &Error{Type: "ValueError", Msg: fmt.Sprintf(format, a...)}
}

func typeError(format string, a ...any) error {
	return &Error{Type: "TypeError", Msg: fmt.Sprintf(format, a...)}
}

func overflowError(format string, a ...any) error {
	return &Error{Type: "OverflowError", Msg: fmt.Sprintf(format, a...)}
}

// Spec is a parsed format specification
// [[fill]align][sign][z][#][0][width][grouping][.precision][type].
// It records what was written; the defaults that depend on the type of
// the formatted object (alignment, the effect of the '0' flag, the
// default presentation type) are applied by FormatInt, FormatFloat and
// FormatStr.
type Spec struct {
	// Fill is the fill character; meaningful only when FillGiven.
	Fill rune
	// FillGiven reports whether an explicit fill character preceded the
	// alignment.
	FillGiven bool
	// Align is one of '<', '>', '=', '^', or 0 when not given.
	Align rune
	// Sign is '+', '-', ' ', or 0 when not given.
	Sign rune
	// NoNegZero is the 'z' option (3.11+): coerce negative zero to zero.
	NoNegZero bool
	// Alternate is the '#' option.
	Alternate bool
	// ZeroPad is the '0' flag before the width.
	ZeroPad bool
	// Width is the minimum field width, or -1 when not given.
	Width int
	// Grouping is ',' or '_', or 0 when not given.
	Grouping rune
	// Precision is the precision, or -1 when not given.
	Precision int
	// Type is the presentation type; meaningful only when HasType.
	Type rune
	// HasType reports whether a presentation type was given (it may be
	// U+0000, which CPython treats as "none" for floats only).
	HasType bool
	// Minor is the CPython 3.x minor version the spec was parsed for.
	Minor int
}

// ParseSpec parses a format specification with the rules and messages of
// CPython 3.DefaultMinor, naming the formatted type "object" in messages
// that mention it. Use ParseSpecFor to choose both.
func ParseSpec(spec string) (Spec, error) {
	return ParseSpecFor(spec, "object", DefaultMinor)
}

func isAlign(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }

// decimalValue returns the value of a Unicode decimal digit (category Nd)
// and whether r is one. Nd code points come in aligned runs of ten.
func decimalValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	n := 0
	for unicode.Is(unicode.Nd, r-rune(n)-1) {
		n++
	}
	return n % 10, true
}

// ParseSpecFor parses a format specification the way CPython 3.minor
// does for an object whose type is called typeName (used only in the
// "Invalid format specifier" message of 3.11+).
func ParseSpecFor(spec, typeName string, minor int) (Spec, error) {
	s := []rune(spec)
	sp := Spec{Fill: ' ', Width: -1, Precision: -1, Minor: minor}
	pos, end := 0, len(s)
	if end-pos >= 2 && isAlign(s[pos+1]) {
		sp.Fill, sp.FillGiven, sp.Align = s[pos], true, s[pos+1]
		pos += 2
	} else if end-pos >= 1 && isAlign(s[pos]) {
		sp.Align = s[pos]
		pos++
	}
	if end-pos >= 1 && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ') {
		sp.Sign = s[pos]
		pos++
	}
	if minor >= 11 && end-pos >= 1 && s[pos] == 'z' {
		sp.NoNegZero = true
		pos++
	}
	if end-pos >= 1 && s[pos] == '#' {
		sp.Alternate = true
		pos++
	}
	if !sp.FillGiven && end-pos >= 1 && s[pos] == '0' {
		sp.ZeroPad = true
		pos++
	}
	getInt := func() (int, int, error) {
		acc, n := int64(0), 0
		for pos < end {
			d, ok := decimalValue(s[pos])
			if !ok {
				break
			}
			if acc > (int64(^uint64(0)>>1)-int64(d))/10 {
				return 0, 0, valueError("Too many decimal digits in format string")
			}
			acc = acc*10 + int64(d)
			pos++
			n++
		}
		return int(acc), n, nil
	}
	w, n, err := getInt()
	if err != nil {
		return sp, err
	}
	if n > 0 {
		sp.Width = w
	}
	if end-pos >= 1 && s[pos] == ',' {
		sp.Grouping = ','
		pos++
	}
	if end-pos >= 1 && s[pos] == '_' {
		if sp.Grouping != 0 {
			return sp, valueError("Cannot specify both ',' and '_'.")
		}
		sp.Grouping = '_'
		pos++
	}
	if end-pos >= 1 && s[pos] == ',' {
		if sp.Grouping == '_' || minor < 9 {
			return sp, valueError("Cannot specify both ',' and '_'.")
		}
		return sp, valueError("Cannot specify ',' with ','.")
	}
	if end-pos >= 1 && s[pos] == '.' {
		pos++
		p, n, err := getInt()
		if err != nil {
			return sp, err
		}
		if n == 0 {
			return sp, valueError("Format specifier missing precision")
		}
		sp.Precision = p
	}
	if end-pos > 1 {
		if minor >= 11 {
			return sp, valueError("Invalid format specifier '%s' for object of type '%s'", spec, typeName)
		}
		return sp, valueError("Invalid format specifier")
	}
	if end-pos == 1 {
		sp.Type, sp.HasType = s[pos], true
	}
	return sp, nil
}

// codeText renders a presentation type the way CPython's messages do:
// printable ASCII as itself, anything else as \x followed by hex.
func codeText(r rune) string {
	if r > 32 && r < 128 {
		return string(r)
	}
	return fmt.Sprintf("\\x%x", r)
}

// checkGrouping applies CPython's parse-time check of the grouping option
// against the (defaulted) presentation type. It returns the digit group
// size: 3, or 4 for '_' with b, o, x and X.
func checkGrouping(sp *Spec, typ rune) (int, error) {
	if sp.Grouping == 0 {
		return 0, nil
	}
	switch typ {
	case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		return 3, nil
	case 'b', 'o', 'x', 'X':
		if sp.Grouping == '_' {
			return 4, nil
		}
	}
	return 0, valueError("Cannot specify '%c' with '%s'.", sp.Grouping, codeText(typ))
}

func unknownCode(typ rune, typeName string) error {
	return valueError("Unknown format code '%s' for object of type '%s'", codeText(typ), typeName)
}

// resolved holds the effective fill and alignment for one formatting.
type resolved struct {
	fill  rune
	align rune
}

// maxWidth bounds field widths; CPython fails to allocate beyond it too.
const maxWidth = 1 << 31

// MaxResultBytes bounds one formatted result: a field width, a zero-padded
// precision or a whole % formatting result that would make a str larger
// than this many bytes raises MemoryError before anything is allocated
// (pyexec sets it to its MaxSequenceBytes).
var MaxResultBytes = 1 << 28

func memoryError() error { return &Error{Type: "MemoryError"} }

// widthTooBig reports whether padding to sp.Width with the spec's fill
// would exceed maxWidth or MaxResultBytes.
func widthTooBig(sp *Spec) bool {
	if sp.Width > maxWidth {
		return true
	}
	fill := 1
	if sp.FillGiven {
		fill = utf8.RuneLen(sp.Fill)
		if fill < 1 {
			fill = 3
		}
	}
	return sp.Width > MaxResultBytes/fill
}

// floatPrecTooBig reports whether formatting a float with code (e, f, g,
// %, upper case included) and precision prec would write more than
// MaxResultBytes: e, f and % pad to the precision with zeros, g only in
// the alternate form. A float has at most 1100 digits of its own.
func floatPrecTooBig(code rune, prec int, alt bool) bool {
	switch code {
	case 'g', 'G', 'n', 0:
		if !alt {
			return false
		}
	}
	return prec > MaxResultBytes-1100
}

func resolve(sp *Spec, defaultAlign rune) resolved {
	r := resolved{fill: ' ', align: defaultAlign}
	if sp.FillGiven {
		r.fill = sp.Fill
	} else if sp.ZeroPad {
		r.fill = '0'
	}
	if sp.Align != 0 {
		r.align = sp.Align
	} else if sp.ZeroPad && (sp.Minor < 10 || defaultAlign == '>') {
		r.align = '='
	}
	return r
}
