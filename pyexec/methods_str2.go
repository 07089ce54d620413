package pyexec

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// More str methods: case mapping (with the special casings CPython applies,
// such as ß → SS), padding, partition, splitlines, the is* predicates,
// index/rfind/rsplit and encode.

// specialUpper, specialTitle and specialLower are the full case mappings
// (Unicode SpecialCasing) that differ from the simple one-rune mappings.
var (
	specialUpper = map[rune]string{'ß': "SS", 'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST", 'ŉ': "ʼN"}
	specialTitle = map[rune]string{'ß': "Ss", 'ﬀ': "Ff", 'ﬁ': "Fi", 'ﬂ': "Fl", 'ﬃ': "Ffi", 'ﬄ': "Ffl", 'ﬅ': "St", 'ﬆ': "St", 'ŉ': "ʼN"}
	specialLower = map[rune]string{'İ': "i̇"}
)

func upperRune(b *strings.Builder, r rune) {
	if s, ok := specialUpper[r]; ok {
		b.WriteString(s)
		return
	}
	b.WriteRune(unicode.ToUpper(r))
}

func lowerRune(b *strings.Builder, r rune) {
	if s, ok := specialLower[r]; ok {
		b.WriteString(s)
		return
	}
	b.WriteRune(unicode.ToLower(r))
}

func titleRune(b *strings.Builder, r rune) {
	if s, ok := specialTitle[r]; ok {
		b.WriteString(s)
		return
	}
	b.WriteRune(unicode.ToTitle(r))
}

func isCased(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) }

// pySpace reports str.isspace for one character: Unicode whitespace plus
// the information separators U+001C..U+001F.
func pySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func strSelf(self py.Object) string { return string(self.(py.String)) }

func mapStr(name string, f func(b *strings.Builder, s string)) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := strSelf(self)
		if err := t.chargeBytes(int64(len(s))); err != nil {
			return nil, err
		}
		var b strings.Builder
		b.Grow(len(s))
		f(&b, s)
		return py.String(b.String()), nil
	}
}

// caseStr is str.lower / str.upper: the ASCII fast path (asciiCase with
// letters lo..hi flipped), else mapRune rune by rune.
func caseStr(name string, lo, hi byte, mapRune func(b *strings.Builder, r rune)) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := strSelf(self)
		if err := t.chargeBytes(int64(len(s))); err != nil {
			return nil, err
		}
		if r, ok := asciiCase(s, lo, hi); ok {
			if r == nil {
				return self, nil // unchanged: no new box either
			}
			return r, nil
		}
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			mapRune(&b, r)
		}
		return py.String(b.String()), nil
	}
}

// asciiCase is the ASCII fast path of str.lower (lo, hi = 'A', 'Z') and
// str.upper ('a', 'z'): it flips the case of the letters in [lo, hi] with
// one allocation (newStr); r is nil when no letter changes, and the caller
// returns the str itself (str values have no identity of their own, so
// that is exact). ok is false when
// s has a non-ASCII byte; the caller then maps rune by rune.
func asciiCase(s string, lo, hi byte) (py.Object, bool) {
	if !isASCII(s) {
		return nil, false
	}
	first := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= lo && c <= hi {
			first = i
			break
		}
	}
	if first < 0 {
		return nil, true
	}
	o, b := newStr(len(s))
	copy(b, s[:first])
	b = b[:len(s)]
	for i := first; i < len(s); i++ {
		c := s[i]
		if c-lo <= hi-lo {
			c ^= 0x20
		}
		b[i] = c
	}
	return o, true
}

func predicate(name string, f func(s string) bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return py.NewBool(f(strSelf(self))), nil
	}
}

func allRunes(s string, f func(r rune) bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

func isDecimalRune(r rune) bool { return unicode.Is(unicode.Nd, r) }

func isDigitRune(r rune) bool {
	return unicode.Is(unicode.Nd, r) || (unicode.Is(unicode.No, r) && strings.ContainsRune("²³¹⁰⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉①②③④⑤⑥⑦⑧⑨", r))
}

func isNumericRune(r rune) bool { return unicode.IsNumber(r) }

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) }

func isIdentCont(r rune) bool {
	return isIdentStart(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)
}

// padArgs parses (width[, fillchar]) of center/ljust/rjust.
func padArgs(name string, args []py.Object, kw py.Tuple) (int, rune, error) {
	if err := posArgs(name, args, kw, 1, 2); err != nil {
		return 0, 0, err
	}
	w, ok, err := asIndex(args[0])
	if err != nil {
		return 0, 0, err
	}
	if !ok {
		return 0, 0, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
	}
	fill := ' '
	if len(args) == 2 {
		f, ok := args[1].(py.String)
		if !ok {
			return 0, 0, typeErrorf("%s() argument 2 must be str, not %s", name, TypeName(args[1]))
		}
		if utf8.RuneCountInString(string(f)) != 1 {
			return 0, 0, typeErrorf("The fill character must be exactly one character long")
		}
		fill, _ = utf8.DecodeRuneInString(string(f))
	}
	return int(min(w, MaxSequenceBytes+1)), fill, nil
}

func padStr(t *Thread, s string, left, right int, fill rune) (py.Object, error) {
	if err := t.checkBytes(int64(len(s)) + int64(left+right)*int64(utf8.RuneLen(fill))); err != nil {
		return nil, err
	}
	f := string(fill)
	return py.String(strings.Repeat(f, left) + s + strings.Repeat(f, right)), nil
}

func pad(name string) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		w, fill, err := padArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		s := strSelf(self)
		n := utf8.RuneCountInString(s)
		if w <= n {
			return py.String(s), nil
		}
		marg := w - n
		switch name {
		case "ljust":
			return padStr(t, s, 0, marg, fill)
		case "rjust":
			return padStr(t, s, marg, 0, fill)
		}
		left := marg/2 + (marg & w & 1)
		return padStr(t, s, left, marg-left, fill)
	}
}

// runeIndexArgs converts optional start/end arguments (code points, slice
// semantics) for a string of n code points.
func runeIndexArgs(args []py.Object, n int) (int, int, error) {
	start, end := 0, n
	conv := func(o py.Object, def int) (int, error) {
		if o == nil || isNone(o) {
			return def, nil
		}
		v, ok, err := asIndex(o)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		if v < 0 {
			v += int64(n)
			if v < 0 {
				v = 0
			}
		}
		if v > int64(n) {
			v = int64(n)
		}
		return int(v), nil
	}
	var err error
	if len(args) > 0 {
		if start, err = conv(args[0], 0); err != nil {
			return 0, 0, err
		}
	}
	if len(args) > 1 {
		if end, err = conv(args[1], n); err != nil {
			return 0, 0, err
		}
	}
	return start, end, nil
}

// strFind implements find/rfind/index/rindex/count over code points.
func strFind(name string, reverse, raise, count bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 1, 3); err != nil {
			return nil, err
		}
		sub, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("must be str, not %s", TypeName(args[0]))
		}
		s := strSelf(self)
		if err := t.chargeBytes(int64(len(s))); err != nil {
			return nil, err
		}
		// Code-point indexes: on ASCII text they are byte indexes, and the
		// []rune conversion is skipped.
		ascii := isASCII(s)
		var rs []rune
		n := len(s)
		if !ascii {
			rs = []rune(s)
			n = len(rs)
		}
		start, end, err := runeIndexArgs(args[1:], n)
		if err != nil {
			return nil, err
		}
		if start > end {
			if count {
				return MakeInt(0), nil
			}
			if raise {
				return nil, valueErrorf("substring not found")
			}
			return MakeInt(-1), nil
		}
		var hay string
		if ascii {
			hay = s[start:end]
		} else {
			hay = string(rs[start:end])
		}
		if count {
			if sub == "" {
				return MakeInt(int64(end - start + 1)), nil
			}
			return MakeInt(int64(strings.Count(hay, string(sub)))), nil
		}
		var i int
		if reverse {
			i = strings.LastIndex(hay, string(sub))
		} else {
			i = strings.Index(hay, string(sub))
		}
		if i < 0 {
			if raise {
				return nil, valueErrorf("substring not found")
			}
			return MakeInt(-1), nil
		}
		return MakeInt(int64(start + utf8.RuneCountInString(hay[:i]))), nil
	}
}

func strPartition(name string, reverse bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		sep, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("must be str, not %s", TypeName(args[0]))
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		s := strSelf(self)
		var i int
		if reverse {
			i = strings.LastIndex(s, string(sep))
		} else {
			i = strings.Index(s, string(sep))
		}
		if i < 0 {
			if reverse {
				return py.Tuple{py.String(""), py.String(""), py.String(s)}, nil
			}
			return py.Tuple{py.String(s), py.String(""), py.String("")}, nil
		}
		return py.Tuple{py.String(s[:i]), sep, py.String(s[i+len(sep):])}, nil
	}
}

// isLineBreak reports the characters str.splitlines splits at.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func strSplitlines(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("splitlines", args, kw, []string{"keepends"}, 0)
	if err != nil {
		return nil, err
	}
	keep := false
	if a[0] != nil {
		if keep, err = Truth(t, a[0]); err != nil {
			return nil, err
		}
	}
	s := strSelf(self)
	if err := t.chargeBytes(int64(len(s))); err != nil {
		return nil, err
	}
	var out []py.Object
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isLineBreak(r) {
			i += n
			continue
		}
		end := i + n
		if r == '\r' && end < len(s) && s[end] == '\n' {
			end++
		}
		if keep {
			out = append(out, py.String(s[start:end]))
		} else {
			out = append(out, py.String(s[start:i]))
		}
		start, i = end, end
	}
	if start < len(s) {
		out = append(out, py.String(s[start:]))
	}
	return &py.List{Items: out}, nil
}

func strRsplit(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "rsplit", args, kw, []string{"sep", "maxsplit"}, 0)
	if err != nil {
		return nil, err
	}
	maxs := int64(-1)
	if a[1] != nil {
		var ok bool
		if maxs, ok, _ = asIndex(a[1]); !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a[1]))
		}
	}
	s := strSelf(self)
	if err := t.chargeBytes(int64(len(s))); err != nil {
		return nil, err
	}
	var parts []string
	if a[0] == nil || isNone(a[0]) {
		rest := strings.TrimRightFunc(s, pySpace)
		for rest != "" {
			if maxs >= 0 && int64(len(parts)) >= maxs {
				parts = append(parts, rest)
				break
			}
			i := strings.LastIndexFunc(rest, pySpace)
			if i < 0 {
				parts = append(parts, rest)
				break
			}
			_, n := utf8.DecodeRuneInString(rest[i:])
			parts = append(parts, rest[i+n:])
			rest = strings.TrimRightFunc(rest[:i], pySpace)
		}
	} else {
		sep, ok := a[0].(py.String)
		if !ok {
			return nil, typeErrorf("must be str or None, not %s", TypeName(a[0]))
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		rest := s
		for {
			if maxs >= 0 && int64(len(parts)) >= maxs {
				parts = append(parts, rest)
				break
			}
			i := strings.LastIndex(rest, string(sep))
			if i < 0 {
				parts = append(parts, rest)
				break
			}
			parts = append(parts, rest[i+len(sep):])
			rest = rest[:i]
		}
	}
	items := make([]py.Object, len(parts))
	for i, p := range parts {
		items[len(parts)-1-i] = py.String(p)
	}
	return &py.List{Items: items}, nil
}

func strExpandtabs(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("expandtabs", args, kw, []string{"tabsize"}, 0)
	if err != nil {
		return nil, err
	}
	size := int64(8)
	if a[0] != nil {
		var ok bool
		if size, ok, _ = asIndex(a[0]); !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a[0]))
		}
	}
	var b strings.Builder
	col := int64(0)
	for _, r := range strSelf(self) {
		switch {
		case r == '\t':
			if size > 0 {
				n := size - col%size
				if err := t.checkBytes(int64(b.Len()) + n); err != nil {
					return nil, err
				}
				b.WriteString(strings.Repeat(" ", int(n)))
				col += n
			}
		case r == '\n' || r == '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return py.String(b.String()), nil
}

func strZfill(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("zfill", args, kw, 1, 1); err != nil {
		return nil, err
	}
	w, ok, err := asIndex(args[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
	}
	s := strSelf(self)
	n := int64(utf8.RuneCountInString(s))
	if w <= n {
		return py.String(s), nil
	}
	if err := t.checkBytes(int64(len(s)) + w - n); err != nil {
		return nil, err
	}
	zeros := strings.Repeat("0", int(w-n))
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return py.String(s[:1] + zeros + s[1:]), nil
	}
	return py.String(zeros + s), nil
}

func affix(name string, suffix bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		a, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("%s() argument must be str, not %s", name, TypeName(args[0]))
		}
		s := strSelf(self)
		if suffix {
			return py.String(strings.TrimSuffix(s, string(a))), nil
		}
		return py.String(strings.TrimPrefix(s, string(a))), nil
	}
}

func init() {
	addMethods(py.StringType, map[string]MethodFunc{
		"upper": caseStr("upper", 'a', 'z', upperRune),
		"lower": caseStr("lower", 'A', 'Z', lowerRune),
		"casefold": mapStr("casefold", func(b *strings.Builder, s string) {
			for _, r := range s {
				if r == 'ß' {
					b.WriteString("ss")
					continue
				}
				lowerRune(b, r)
			}
		}),
		"swapcase": mapStr("swapcase", func(b *strings.Builder, s string) {
			for _, r := range s {
				switch {
				case unicode.IsUpper(r):
					lowerRune(b, r)
				case unicode.IsLower(r):
					upperRune(b, r)
				default:
					b.WriteRune(r)
				}
			}
		}),
		"title": mapStr("title", func(b *strings.Builder, s string) {
			prevCased := false
			for _, r := range s {
				if prevCased {
					lowerRune(b, r)
				} else {
					titleRune(b, r)
				}
				prevCased = isCased(r)
			}
		}),
		"capitalize": mapStr("capitalize", func(b *strings.Builder, s string) {
			for i, r := range s {
				if i == 0 {
					titleRune(b, r)
				} else {
					lowerRune(b, r)
				}
			}
		}),
		"center": pad("center"), "ljust": pad("ljust"), "rjust": pad("rjust"), "zfill": strZfill,
		"partition": strPartition("partition", false), "rpartition": strPartition("rpartition", true),
		"splitlines": strSplitlines, "rsplit": strRsplit, "expandtabs": strExpandtabs,
		"find": strFind("find", false, false, false), "rfind": strFind("rfind", true, false, false),
		"index": strFind("index", false, true, false), "rindex": strFind("rindex", true, true, false),
		"count":        strFind("count", false, false, true),
		"removeprefix": affix("removeprefix", false), "removesuffix": affix("removesuffix", true),
		"isalpha":   predicate("isalpha", func(s string) bool { return allRunes(s, unicode.IsLetter) }),
		"isdecimal": predicate("isdecimal", func(s string) bool { return allRunes(s, isDecimalRune) }),
		"isdigit":   predicate("isdigit", func(s string) bool { return allRunes(s, isDigitRune) }),
		"isnumeric": predicate("isnumeric", func(s string) bool { return allRunes(s, isNumericRune) }),
		"isalnum": predicate("isalnum", func(s string) bool {
			return allRunes(s, func(r rune) bool { return unicode.IsLetter(r) || isNumericRune(r) })
		}),
		"isspace": predicate("isspace", func(s string) bool { return allRunes(s, pySpace) }),
		"isascii": predicate("isascii", func(s string) bool {
			for i := 0; i < len(s); i++ {
				if s[i] >= 0x80 {
					return false
				}
			}
			return true
		}),
		"isprintable": predicate("isprintable", func(s string) bool {
			for _, r := range s {
				if !unicode.IsPrint(r) {
					return false
				}
			}
			return true
		}),
		"isidentifier": predicate("isidentifier", func(s string) bool {
			for i, r := range s {
				if i == 0 && !isIdentStart(r) || i > 0 && !isIdentCont(r) {
					return false
				}
			}
			return s != ""
		}),
		"isupper": predicate("isupper", func(s string) bool {
			cased := false
			for _, r := range s {
				if unicode.IsLower(r) || unicode.IsTitle(r) {
					return false
				}
				cased = cased || unicode.IsUpper(r)
			}
			return cased
		}),
		"islower": predicate("islower", func(s string) bool {
			cased := false
			for _, r := range s {
				if unicode.IsUpper(r) || unicode.IsTitle(r) {
					return false
				}
				cased = cased || unicode.IsLower(r)
			}
			return cased
		}),
		"istitle": predicate("istitle", func(s string) bool {
			cased, prevCased := false, false
			for _, r := range s {
				switch {
				case unicode.IsUpper(r) || unicode.IsTitle(r):
					if prevCased {
						return false
					}
					prevCased, cased = true, true
				case unicode.IsLower(r):
					if !prevCased {
						return false
					}
					prevCased, cased = true, true
				default:
					prevCased = false
				}
			}
			return cased
		}),
		"encode": strEncode,
	})
}

// ---------------------------------------------------------------------------
// Codecs: utf-8, ascii and latin-1.

// codecName normalises an encoding name to utf-8, ascii or latin-1 ("" when
// unknown).
func codecName(name string) string {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), "_", "-")
	switch n {
	case "utf-8", "utf8", "u8", "utf", "cp65001":
		return "utf-8"
	case "ascii", "us-ascii", "646":
		return "ascii"
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "latin", "l1":
		return "latin-1"
	}
	return ""
}

// codecArgs parses (encoding='utf-8', errors='strict').
func codecArgs(fname string, args []py.Object, kw py.Tuple) (string, string, error) {
	a, err := bindBuiltin(fname, args, kw, []string{"encoding", "errors"}, 0)
	if err != nil {
		return "", "", err
	}
	enc, errs := "utf-8", "strict"
	if a[0] != nil {
		s, ok := a[0].(py.String)
		if !ok {
			return "", "", typeErrorf("%s() argument 'encoding' must be str, not %s", fname, TypeName(a[0]))
		}
		enc = string(s)
	}
	if a[1] != nil {
		s, ok := a[1].(py.String)
		if !ok {
			return "", "", typeErrorf("%s() argument 'errors' must be str, not %s", fname, TypeName(a[1]))
		}
		errs = string(s)
	}
	c := codecName(enc)
	if c == "" {
		return "", "", Errorf(LookupErrorType, "unknown encoding: %s", enc)
	}
	switch errs {
	case "strict", "ignore", "replace", "backslashreplace", "surrogateescape":
	default:
		return "", "", Errorf(LookupErrorType, "unknown error handler name '%s'", errs)
	}
	return c, errs, nil
}

func charEscape(r rune) string {
	switch {
	case r < 0x100:
		return `\x` + leftPad(strconv.FormatInt(int64(r), 16), 2)
	case r < 0x10000:
		return `\u` + leftPad(strconv.FormatInt(int64(r), 16), 4)
	}
	return `\U` + leftPad(strconv.FormatInt(int64(r), 16), 8)
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}

func strEncode(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	c, errs, err := codecArgs("encode", args, kw)
	if err != nil {
		return nil, err
	}
	s := strSelf(self)
	if err := t.chargeBytes(int64(len(s))); err != nil {
		return nil, err
	}
	if c == "utf-8" {
		return py.Bytes(s), nil
	}
	limit := rune(0x80)
	if c == "latin-1" {
		limit = 0x100
	}
	rs := []rune(s)
	out := make([]byte, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r < limit {
			out = append(out, byte(r))
			continue
		}
		switch errs {
		case "ignore":
		case "replace":
			out = append(out, '?')
		case "backslashreplace":
			out = append(out, charEscape(r)...)
		default:
			j := i
			for j+1 < len(rs) && rs[j+1] >= limit {
				j++
			}
			what := "character '" + charEscape(r) + "' in position " + strconv.Itoa(i)
			if j > i {
				what = "characters in position " + strconv.Itoa(i) + "-" + strconv.Itoa(j)
			}
			return nil, Errorf(UnicodeEncodeErrorType, "'%s' codec can't encode %s: ordinal not in range(%d)", c, what, limit)
		}
	}
	return py.Bytes(out), nil
}

// decodeBytes decodes b with codec c (codecName) and error handler errs.
func decodeBytes(t *Thread, b []byte, c, errs string) (py.Object, error) {
	if err := t.chargeBytes(int64(len(b))); err != nil {
		return nil, err
	}
	var sb strings.Builder
	bad := func(i int, reason string) error {
		return Errorf(UnicodeDecodeErrorType, "'%s' codec can't decode byte 0x%02x in position %d: %s", c, b[i], i, reason)
	}
	switch c {
	case "latin-1":
		for _, x := range b {
			sb.WriteRune(rune(x))
		}
		return py.String(sb.String()), nil
	case "ascii":
		for i, x := range b {
			if x < 0x80 {
				sb.WriteByte(x)
				continue
			}
			switch errs {
			case "ignore":
			case "replace":
				sb.WriteRune(utf8.RuneError)
			case "backslashreplace":
				sb.WriteString(`\x` + leftPad(strconv.FormatInt(int64(x), 16), 2))
			default:
				return nil, bad(i, "ordinal not in range(128)")
			}
		}
		return py.String(sb.String()), nil
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			i += n
			continue
		}
		// Classify the error as CPython does and find the maximal invalid
		// subsequence (a valid prefix of a sequence counts as one error).
		x := b[i]
		need := 0
		switch {
		case x >= 0xc2 && x <= 0xdf:
			need = 1
		case x >= 0xe0 && x <= 0xef:
			need = 2
		case x >= 0xf0 && x <= 0xf4:
			need = 3
		}
		reason, span := "invalid start byte", 1
		if need > 0 {
			k := 1
			for k <= need && i+k < len(b) && b[i+k]&0xc0 == 0x80 && validSecond(x, b[i+1], k) {
				k++
			}
			if i+k >= len(b) && k <= need {
				reason, span = "unexpected end of data", len(b)-i
			} else {
				reason, span = "invalid continuation byte", k
			}
		}
		switch errs {
		case "ignore":
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "backslashreplace":
			for _, y := range b[i : i+span] {
				sb.WriteString(`\x` + leftPad(strconv.FormatInt(int64(y), 16), 2))
			}
		default:
			if span > 1 {
				return nil, Errorf(UnicodeDecodeErrorType, "'utf-8' codec can't decode bytes in position %d-%d: %s", i, i+span-1, reason)
			}
			return nil, bad(i, reason)
		}
		i += span
	}
	return py.String(sb.String()), nil
}

// validSecond applies UTF-8's restricted ranges for the byte after a lead.
func validSecond(lead, second byte, k int) bool {
	if k != 1 {
		return true
	}
	switch lead {
	case 0xe0:
		return second >= 0xa0
	case 0xed:
		return second <= 0x9f
	case 0xf0:
		return second >= 0x90
	case 0xf4:
		return second <= 0x8f
	}
	return true
}
