package pyexec

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

func strArg(fname string, o py.Object, what string) (string, error) {
	s, ok := o.(py.String)
	if !ok {
		return "", typeErrorf("%s arg must be None or str", fname)
	}
	return string(s), nil
}

func init() {
	strip := func(name string, left, right bool) MethodFunc {
		return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs(name, args, kw, 0, 1); err != nil {
				return nil, err
			}
			s := string(self.(py.String))
			if len(args) == 0 || isNone(args[0]) {
				if left {
					s = strings.TrimLeftFunc(s, unicode.IsSpace)
				}
				if right {
					s = strings.TrimRightFunc(s, unicode.IsSpace)
				}
				return py.String(s), nil
			}
			chars, err := strArg(name, args[0], "chars")
			if err != nil {
				return nil, err
			}
			if left {
				s = strings.TrimLeft(s, chars)
			}
			if right {
				s = strings.TrimRight(s, chars)
			}
			return py.String(s), nil
		}
	}
	prefix := func(name string, end bool) MethodFunc {
		return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs(name, args, kw, 1, 3); err != nil {
				return nil, err
			}
			s := string(self.(py.String))
			if len(args) > 1 {
				r, err := strGetItem(t, py.String(s), &py.Slice{Start: args[1], Stop: argOr(args, 2), Step: py.None})
				if err != nil {
					return nil, err
				}
				s = string(r.(py.String))
			}
			test := func(p py.Object) (bool, error) {
				ps, ok := p.(py.String)
				if !ok {
					return false, typeErrorf("%s first arg must be str or a tuple of str, not %s", name, TypeName(p))
				}
				if end {
					return strings.HasSuffix(s, string(ps)), nil
				}
				return strings.HasPrefix(s, string(ps)), nil
			}
			if tup, ok := args[0].(py.Tuple); ok {
				for _, p := range tup {
					if ok, err := test(p); err != nil || ok {
						return py.NewBool(ok), err
					}
				}
				return py.False, nil
			}
			ok, err := test(args[0])
			return py.NewBool(ok), err
		}
	}
	addMethods(py.StringType, map[string]MethodFunc{
		"strip": strip("strip", true, true), "lstrip": strip("lstrip", true, false), "rstrip": strip("rstrip", false, true),
		"startswith": prefix("startswith", false), "endswith": prefix("endswith", true),
		"lower": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.String(strings.ToLower(string(self.(py.String)))), posArgs("lower", args, kw, 0, 0)
		},
		"upper": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.String(strings.ToUpper(string(self.(py.String)))), posArgs("upper", args, kw, 0, 0)
		},
		"isdigit": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			s := string(self.(py.String))
			ok := s != ""
			for _, r := range s {
				if !unicode.IsDigit(r) {
					ok = false
				}
			}
			return py.NewBool(ok), nil
		},
		"split":   strSplit,
		"join":    strJoin,
		"replace": strReplace,
		"find": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("find", args, kw, 1, 1); err != nil {
				return nil, err
			}
			sub, err := strArg("find", args[0], "sub")
			if err != nil {
				return nil, err
			}
			s := string(self.(py.String))
			i := strings.Index(s, sub)
			if i > 0 {
				i = utf8.RuneCountInString(s[:i])
			}
			return MakeInt(int64(i)), nil
		},
		"count": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("count", args, kw, 1, 1); err != nil {
				return nil, err
			}
			sub, err := strArg("count", args[0], "sub")
			if err != nil {
				return nil, err
			}
			s := string(self.(py.String))
			if sub == "" {
				return MakeInt(int64(utf8.RuneCountInString(s) + 1)), nil
			}
			return MakeInt(int64(strings.Count(s, sub))), nil
		},
		"format": strFormatMethod,
	})
}

func argOr(args []py.Object, i int) py.Object {
	if i < len(args) {
		return args[i]
	}
	return py.None
}

func strSplit(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "split", args, kw, []string{"sep", "maxsplit"}, 0)
	if err != nil {
		return nil, err
	}
	s := string(self.(py.String))
	max := int64(-1)
	if a[1] != nil {
		var ok bool
		if max, ok, _ = asIndex(a[1]); !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a[1]))
		}
	}
	var parts []string
	if isNone(a[0]) {
		if l, ok := splitASCIIWhitespace(s, max); ok {
			return l, nil
		}
		parts = splitWhitespace(s, max)
	} else {
		sep, ok := a[0].(py.String)
		if !ok {
			return nil, typeErrorf("must be str or None, not %s", TypeName(a[0]))
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		return splitSep(s, string(sep), max), nil
	}
	return &py.List{Items: boxStrings(parts)}, nil
}

func splitWhitespace(s string, max int64) []string {
	var out []string
	i := 0
	for {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i >= len(s) {
			return out
		}
		if max >= 0 && int64(len(out)) >= max {
			out = append(out, strings.TrimRightFunc(s[i:], unicode.IsSpace))
			return out
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		out = append(out, s[i:j])
		i = j
	}
}

func strJoin(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("str.join", args, kw, 1, 1); err != nil {
		return nil, err
	}
	// A list or tuple is read in place: only type checks run below, no
	// Python code that could change it.
	var items []py.Object
	switch x := args[0].(type) {
	case *py.List:
		items = x.Items
	case py.Tuple:
		items = x
	default:
		var err error
		if items, err = collect(t, args[0]); err != nil {
			return nil, typeErrorf("can only join an iterable")
		}
	}
	sep := string(self.(py.String))
	total := int64(len(sep)) * int64(max(len(items)-1, 0))
	for _, it := range items {
		if s, ok := it.(py.String); ok {
			total += int64(len(s))
		}
	}
	if err := t.checkBytes(total); err != nil {
		return nil, err
	}
	for i, it := range items {
		if _, ok := it.(py.String); !ok {
			return nil, typeErrorf("sequence item %d: expected str instance, %s found", i, TypeName(it))
		}
	}
	if len(items) == 1 {
		return items[0], nil
	}
	obj, b := newStr(int(total))
	b = b[:0]
	for i, it := range items {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, it.(py.String)...)
	}
	return obj, nil
}

func strReplace(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("replace", args, kw, 2, 3); err != nil {
		return nil, err
	}
	old, ok1 := args[0].(py.String)
	nw, ok2 := args[1].(py.String)
	if !ok1 || !ok2 {
		bad := args[0]
		if ok1 {
			bad = args[1]
		}
		return nil, typeErrorf("replace() argument must be str, not %s", TypeName(bad))
	}
	n := int64(-1)
	if len(args) == 3 {
		var ok bool
		if n, ok, _ = asIndex(args[2]); !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[2]))
		}
	}
	src := string(self.(py.String))
	// Size the result (charging the scan) before building it.
	if err := t.chargeBytes(int64(len(src))); err != nil {
		return nil, err
	}
	if len(nw) > len(old) {
		c := int64(strings.Count(src, string(old)))
		if old == "" {
			c = int64(utf8.RuneCountInString(src) + 1)
		}
		if n >= 0 && c > n {
			c = n
		}
		if err := t.checkBytes(int64(len(src)) + c*int64(len(nw)-len(old))); err != nil {
			return nil, err
		}
	}
	return py.String(strings.Replace(src, string(old), string(nw), int(n))), nil
}

// strFormatMethod implements str.format for plain replacement fields:
// {}, {0}, {name}, conversions !r !s !a and a format spec.
func strFormatMethod(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	s := string(self.(py.String))
	npos := len(args) - len(kw)
	var b strings.Builder
	// The literal text and a short field for each argument: mostly one
	// allocation, not one per doubling.
	b.Grow(len(s) + 8*len(args))
	auto := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '}' {
			if i+1 < len(s) && s[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return nil, valueErrorf("Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, valueErrorf("expected '}' before end of string")
		}
		field := s[i+1 : i+end]
		i += end
		spec := ""
		if k := strings.IndexByte(field, ':'); k >= 0 {
			field, spec = field[:k], field[k+1:]
		}
		conv := byte(0)
		if k := strings.IndexByte(field, '!'); k >= 0 {
			if k+2 != len(field) {
				return nil, valueErrorf("expected ':' after conversion specifier")
			}
			conv = field[k+1]
			field = field[:k]
		}
		var v py.Object
		switch {
		case field == "":
			if auto < 0 {
				return nil, valueErrorf("cannot switch from manual field specification to automatic field numbering")
			}
			if auto >= npos {
				return nil, Errorf(IndexErrorType, "Replacement index %d out of range for positional args tuple", auto)
			}
			v = args[auto]
			auto++
		case field[0] >= '0' && field[0] <= '9':
			if auto > 0 {
				return nil, valueErrorf("cannot switch from automatic field numbering to manual field specification")
			}
			auto = -1
			n, err := parseInt(field, 10)
			if err != nil {
				return nil, err
			}
			k := int(n.(py.Int))
			if k >= npos {
				return nil, Errorf(IndexErrorType, "Replacement index %d out of range for positional args tuple", k)
			}
			v = args[k]
		default:
			for j, name := range kw {
				if string(name.(py.String)) == field {
					v = args[npos+j]
				}
			}
			if v == nil {
				return nil, NewException(KeyErrorType, py.String(field))
			}
		}
		var err error
		switch conv {
		case 0:
		case 'r', 's', 'a':
			var str string
			switch conv {
			case 'r':
				str, err = Repr(t, v)
			case 's':
				str, err = Str(t, v)
			default:
				str, err = ASCII(t, v)
			}
			v = py.String(str)
		default:
			return nil, valueErrorf("Unknown conversion specifier %c", conv)
		}
		if err != nil {
			return nil, err
		}
		out, err := Format(t, v, spec)
		if err != nil {
			return nil, err
		}
		b.WriteString(out)
		if b.Len() > MaxSequenceBytes {
			return nil, memoryError()
		}
	}
	return py.String(b.String()), nil
}
