// Package pyrepr formats Python scalars exactly as CPython's repr() does:
// floats with the shortest round-tripping digits, str and bytes with
// CPython's choice of quotes and escapes.
package pyrepr

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Float returns repr(f) as CPython 3 prints it.
func Float(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	// Shortest digits that round-trip, as "d.ddde±x".
	e := strconv.FormatFloat(f, 'e', -1, 64)
	neg := false
	if e[0] == '-' {
		neg, e = true, e[1:]
	}
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // position of the decimal point relative to digits
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if decpt <= -4 || decpt > 16 {
		b.WriteByte(digits[0])
		if len(digits) > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		if x < 0 {
			b.WriteByte('-')
			x = -x
		} else {
			b.WriteByte('+')
		}
		if x < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(x))
		return b.String()
	}
	switch {
	case decpt <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -decpt))
		b.WriteString(digits)
	case decpt >= len(digits):
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", decpt-len(digits)))
		b.WriteString(".0")
	default:
		b.WriteString(digits[:decpt])
		b.WriteByte('.')
		b.WriteString(digits[decpt:])
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// Str returns repr(s) for a Python str held as UTF-8. Encoded surrogates
// (CPython's surrogatepass form) print as \udxxx escapes.
func Str(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			writeASCII(&b, c, quote)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			if c == 0xED && i+2 < len(s) {
				r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				writeEscape(&b, r)
				i += 3
				continue
			}
			writeEscape(&b, rune(c))
			i++
			continue
		}
		if isPrintable(r) {
			b.WriteString(s[i : i+size])
		} else {
			writeEscape(&b, r)
		}
		i += size
	}
	b.WriteByte(quote)
	return b.String()
}

func writeASCII(b *strings.Builder, c, quote byte) {
	switch {
	case c == quote || c == '\\':
		b.WriteByte('\\')
		b.WriteByte(c)
	case c == '\t':
		b.WriteString(`\t`)
	case c == '\n':
		b.WriteString(`\n`)
	case c == '\r':
		b.WriteString(`\r`)
	case c < 0x20 || c == 0x7f:
		b.WriteString(`\x`)
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0xF])
	default:
		b.WriteByte(c)
	}
}

func writeEscape(b *strings.Builder, r rune) {
	switch {
	case r < 0x100:
		b.WriteString(`\x`)
		writeHex(b, uint32(r), 2)
	case r < 0x10000:
		b.WriteString(`\u`)
		writeHex(b, uint32(r), 4)
	default:
		b.WriteString(`\U`)
		writeHex(b, uint32(r), 8)
	}
}

func writeHex(b *strings.Builder, v uint32, n int) {
	for k := n - 1; k >= 0; k-- {
		b.WriteByte(hexDigits[(v>>(4*uint(k)))&0xF])
	}
}

// isPrintable follows str.isprintable: every character except those in
// the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the space.
func isPrintable(r rune) bool {
	if r == ' ' {
		return true
	}
	return unicode.IsPrint(r)
}

// Bytes returns repr(b) of a Python bytes object (b'...').
func Bytes(p []byte) string {
	return "b" + bytesBody(p)
}

// ByteArray returns repr of a Python bytearray (bytearray(b'...')).
// Like CPython, it escapes single quotes even inside double quotes:
// bytearray(b"it\'s").
func ByteArray(p []byte) string {
	return "bytearray(b" + bytesBodyQuirk(p, true) + ")"
}

func bytesBody(p []byte) string { return bytesBodyQuirk(p, false) }

func bytesBodyQuirk(p []byte, escapeSingle bool) string {
	quote := byte('\'')
	hasSingle, hasDouble := false, false
	for _, c := range p {
		hasSingle = hasSingle || c == '\''
		hasDouble = hasDouble || c == '"'
	}
	if hasSingle && !hasDouble {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(p) + 2)
	b.WriteByte(quote)
	for _, c := range p {
		if c >= 0x80 {
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
			continue
		}
		if escapeSingle && c == '\'' {
			b.WriteString(`\'`)
			continue
		}
		writeASCII(&b, c, quote)
	}
	b.WriteByte(quote)
	return b.String()
}
