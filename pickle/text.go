package pickle

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file decodes the text arguments of protocol-0 opcodes the way
// CPython's C unpickler reads them.

// parseCLong parses s as C's strtol(s, &end, 0) would, requiring the whole
// string to be consumed: optional leading whitespace and sign, then a
// 0x/0X hexadecimal, 0 octal or decimal number. It reports false when s is
// not such a number or does not fit in 64 bits, so that the caller falls
// back to Python's int().
func parseCLong(s string) (int64, bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	switch {
	case i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X'):
		base = 16
		i += 2
	case i < len(s) && s[i] == '0':
		base = 8
	}
	if i >= len(s) {
		return 0, false
	}
	var u uint64
	for ; i < len(s); i++ {
		dv, ok := digitValue(s[i])
		if !ok || dv >= base {
			return 0, false
		}
		if u > (math.MaxUint64-dv)/base {
			return 0, false
		}
		u = u*base + dv
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func digitValue(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'z':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'Z':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// digitsError reports an integer literal over the digit limit.
type digitsError struct{ digits, limit int }

func (e *digitsError) Error() string {
	return fmt.Sprintf("integer literal of %d digits exceeds the limit of %d", e.digits, e.limit)
}

var errBadInt = errors.New("invalid integer literal")

// parsePyInt parses s as Python's int(s, base) does for base 0 or 10:
// surrounding whitespace, a sign, underscores between digits, and for base
// 0 the 0x/0o/0b prefixes (a decimal literal may not have leading zeros).
// Decimal literals longer than maxDigits are refused.
func parsePyInt(s string, base int, maxDigits int) (*big.Int, error) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	b := 10
	if base == 0 && len(s) >= 2 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			b, s = 16, s[2:]
		case 'o', 'O':
			b, s = 8, s[2:]
		case 'b', 'B':
			b, s = 2, s[2:]
		}
		if b != 10 && strings.HasPrefix(s, "_") {
			s = s[1:]
		}
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return nil, errBadInt
	}
	digits := strings.ReplaceAll(s, "_", "")
	if b == 10 && base == 0 && len(digits) > 1 && digits[0] == '0' && strings.Trim(digits, "0") != "" {
		return nil, errBadInt
	}
	if b == 10 && len(digits) > maxDigits {
		return nil, &digitsError{len(digits), maxDigits}
	}
	for i := 0; i < len(digits); i++ {
		dv, ok := digitValue(digits[i])
		if !ok || dv >= uint64(b) {
			return nil, errBadInt
		}
	}
	n, ok := new(big.Int).SetString(digits, b)
	if !ok {
		return nil, errBadInt
	}
	if neg {
		n.Neg(n)
	}
	return n, nil
}

// parsePyFloat parses a FLOAT argument as CPython's float parser does:
// decimal notation or inf/infinity/nan in any case, with an optional sign;
// a value too large for a float is an error.
func parsePyFloat(s string) (float64, error) {
	t := s
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	switch strings.ToLower(t) {
	case "inf", "infinity":
		if s[0] == '-' {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	if t == "" || strings.ContainsAny(t, "_xXpP") || !(t[0] >= '0' && t[0] <= '9' || t[0] == '.') {
		return 0, fmt.Errorf("could not convert string to float: %q", s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange && math.IsInf(f, 0) {
			return 0, fmt.Errorf("float %q is out of range", s)
		}
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, nil // underflow to zero or a subnormal, as C does
		}
		return 0, fmt.Errorf("could not convert string to float: %q", s)
	}
	return f, nil
}

// decodeEscapes decodes the backslash escapes of a Python bytes literal,
// as the STRING opcode requires.
func decodeEscapes(b []byte) ([]byte, error) {
	if !containsByte(b, '\\') {
		return b, nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(b) {
			return nil, errors.New("trailing \\ in string")
		}
		switch c = b[i]; c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'a':
			out = append(out, '\a')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'v':
			out = append(out, '\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(b[i]-'0')
			}
			out = append(out, byte(v))
		case 'x':
			hi, ok1 := hexValue(b, i+1)
			lo, ok2 := hexValue(b, i+2)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("invalid \\x escape at position %d", i-1)
			}
			out = append(out, byte(hi<<4|lo))
			i += 2
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

func hexValue(b []byte, i int) (byte, bool) {
	if i >= len(b) {
		return 0, false
	}
	v, ok := digitValue(b[i])
	if !ok || v >= 16 {
		return 0, false
	}
	return byte(v), true
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// decodeRawUnicodeEscape decodes Python's raw-unicode-escape codec: bytes
// are Latin-1 code points, except \uXXXX and \UXXXXXXXX after an odd run
// of backslashes.
func decodeRawUnicodeEscape(b []byte) (string, error) {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c != '\\' {
			writeCodePoint(&sb, rune(c))
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] == '\\' {
			j++
		}
		run := j - i
		if run%2 == 0 || j >= len(b) || (b[j] != 'u' && b[j] != 'U') {
			sb.WriteString(strings.Repeat("\\", run))
			i = j
			continue
		}
		sb.WriteString(strings.Repeat("\\", run-1))
		n := 4
		if b[j] == 'U' {
			n = 8
		}
		var v uint64
		for k := 1; k <= n; k++ {
			h, ok := hexValue(b, j+k)
			if !ok {
				return "", fmt.Errorf("truncated \\%cXXXX escape at position %d", b[j], j-1)
			}
			v = v<<4 | uint64(h)
		}
		if v > utf8.MaxRune {
			return "", fmt.Errorf("\\Uxxxxxxxx out of range at position %d", j-1)
		}
		writeCodePoint(&sb, rune(v))
		i = j + 1 + n
	}
	return sb.String(), nil
}

// writeCodePoint writes r as UTF-8, encoding surrogates as CPython's
// surrogatepass handler does rather than replacing them.
func writeCodePoint(sb *strings.Builder, r rune) {
	if r >= 0xD800 && r <= 0xDFFF {
		sb.WriteByte(byte(0xE0 | r>>12))
		sb.WriteByte(byte(0x80 | (r>>6)&0x3F))
		sb.WriteByte(byte(0x80 | r&0x3F))
		return
	}
	sb.WriteRune(r)
}

func latin1ToUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// invalidUTF8 returns the index of the first byte that is not part of
// valid UTF-8, allowing encoded surrogates (CPython's surrogatepass), or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			// An encoded surrogate: ED A0..BF 80..BF.
			if c == 0xED && i+2 < len(b) && b[i+1] >= 0xA0 && b[i+1] <= 0xBF && b[i+2]&0xC0 == 0x80 {
				i += 3
				continue
			}
			return i
		}
		i += size
	}
	return -1
}
