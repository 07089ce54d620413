package pyexec

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// The slice builtin, attributes of built-in functions and methods, bytes
// methods, iterators' __length_hint__ and 3.12's compensated float sum.

func init() {
	builtinTypes["slice"] = SliceType
	typeCtors[SliceType] = bSlice
	addMethods(SliceType, map[string]MethodFunc{"indices": sliceIndicesMethod})
	addMethods(IteratorType, map[string]MethodFunc{"__length_hint__": iterLengthHint})
	addMethods(py.BytesType, map[string]MethodFunc{
		"decode": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c, errs, err := codecArgs("decode", args, kw)
			if err != nil {
				return nil, err
			}
			return decodeBytes(t, []byte(self.(py.Bytes)), c, errs)
		},
		"hex":        bytesHex,
		"upper":      bytesMap("upper", strings.ToUpper),
		"lower":      bytesMap("lower", strings.ToLower),
		"join":       bytesJoin,
		"split":      bytesSplit,
		"startswith": bytesAffixTest("startswith", strings.HasPrefix),
		"endswith":   bytesAffixTest("endswith", strings.HasSuffix),
		"find":       bytesFind("find", false),
		"index":      bytesFind("index", true),
		"count": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("count", args, kw, 1, 1); err != nil {
				return nil, err
			}
			sub, err := bytesArg(args[0])
			if err != nil {
				return nil, err
			}
			s := string(self.(py.Bytes))
			if sub == "" {
				return MakeInt(int64(len(s) + 1)), nil
			}
			return MakeInt(int64(strings.Count(s, sub))), nil
		},
		"replace": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("replace", args, kw, 2, 3); err != nil {
				return nil, err
			}
			old, err := bytesArg(args[0])
			if err != nil {
				return nil, err
			}
			nw, err := bytesArg(args[1])
			if err != nil {
				return nil, err
			}
			n := int64(-1)
			if len(args) == 3 {
				if n, _, err = asIndex(args[2]); err != nil {
					return nil, err
				}
			}
			s := string(self.(py.Bytes))
			if len(nw) > len(old) {
				c := int64(strings.Count(s, old))
				if n >= 0 && c > n {
					c = n
				}
				if err := t.checkBytes(int64(len(s)) + c*int64(len(nw)-len(old))); err != nil {
					return nil, err
				}
			}
			return py.Bytes(strings.Replace(s, old, nw, int(n))), nil
		},
		"strip":  bytesStrip("strip", true, true),
		"lstrip": bytesStrip("lstrip", true, false),
		"rstrip": bytesStrip("rstrip", false, true),
	})
	SetClassMethod(py.BytesType, "fromhex", func(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		r, err := bytesFromhex(t, args, kw)
		if err != nil || cls == py.BytesType {
			return r, err
		}
		// A subclass makes its instance from the bytes.
		return call(t, cls, []py.Object{r}, nil)
	})
	SetClassMethod(DictType, "fromkeys", func(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		if cls == DictType {
			return dictFromkeys(t, args, kw)
		}
		return subclassFromkeys(t, cls, args, kw)
	})
	strCtor := typeCtors[py.StringType]
	typeCtors[py.StringType] = func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(args) >= 2 || len(kw) > 0 {
			return strDecodeCtor(t, args, kw)
		}
		return strCtor(t, args, kw)
	}
}

// strDecodeCtor is str(object, encoding[, errors]): bytes decoded.
func strDecodeCtor(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "str", args, kw, []string{"object", "encoding", "errors"}, 0)
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		return py.String(""), nil
	}
	if a[1] == nil && a[2] == nil {
		s, err := Str(t, a[0])
		return py.String(s), err
	}
	b, ok := bytesLike(a[0])
	if !ok {
		if _, isStr := a[0].(py.String); isStr {
			return nil, typeErrorf("decoding str is not supported")
		}
		return nil, typeErrorf("decoding to str: need a bytes-like object, %s found", TypeName(a[0]))
	}
	var cargs []py.Object
	var ckw py.Tuple
	if a[1] != nil {
		cargs = append(cargs, a[1])
		ckw = append(ckw, py.String("encoding"))
	}
	if a[2] != nil {
		cargs = append(cargs, a[2])
		ckw = append(ckw, py.String("errors"))
	}
	c, errs, err := codecArgs("str", cargs, ckw)
	if err != nil {
		return nil, err
	}
	return decodeBytes(t, []byte(b), c, errs)
}

// dictFromkeys is dict.fromkeys(iterable, value=None).
func dictFromkeys(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) > 0 && args[0] == py.Object(DictType) {
		args = args[1:]
	}
	if err := posArgs("fromkeys", args, kw, 1, 2); err != nil {
		return nil, err
	}
	var v py.Object = py.None
	if len(args) == 2 {
		v = args[1]
	}
	keys, err := collect(t, args[0])
	if err != nil {
		return nil, err
	}
	d := NewDict(len(keys))
	for _, k := range keys {
		if err := d.SetItem(t, k, v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// subclassFromkeys is cls.fromkeys(iterable, value=None) for a user
// subclass of dict: cls() filled through its __setitem__.
func subclassFromkeys(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("fromkeys", args, kw, 1, 2); err != nil {
		return nil, err
	}
	var v py.Object = py.None
	if len(args) == 2 {
		v = args[1]
	}
	d, err := call(t, cls, nil, nil)
	if err != nil {
		return nil, err
	}
	keys, err := collect(t, args[0])
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := SetItem(t, d, k, v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// builtinAttr returns the attributes of built-in functions, method
// descriptors and bound methods (__name__, __qualname__, __self__, …).
func builtinAttr(o py.Object, name string) (py.Object, bool) {
	switch x := o.(type) {
	case *Builtin:
		switch name {
		case "__name__", "__qualname__":
			return py.String(x.Name), true
		case "__self__":
			return py.None, true
		case "__doc__":
			return py.None, true
		}
	case *Method:
		switch name {
		case "__name__":
			return py.String(x.Name), true
		case "__qualname__":
			return py.String(x.Owner.Name + "." + x.Name), true
		case "__objclass__":
			return x.Owner, true
		case "__doc__":
			return py.None, true
		}
	case *BoundMethod:
		switch name {
		case "__self__":
			return x.Self, true
		case "__func__":
			if _, ok := x.Func.(*Function); ok {
				return x.Func, true
			}
		case "__name__", "__qualname__", "__doc__":
			switch f := x.Func.(type) {
			case *Method:
				if name == "__qualname__" {
					return py.String(f.Owner.Name + "." + f.Name), true
				}
				if name == "__doc__" {
					return py.None, true
				}
				return py.String(f.Name), true
			case *Function:
				switch name {
				case "__name__":
					return py.String(f.Name), true
				case "__qualname__":
					return py.String(f.QualName), true
				}
				return f.Doc, true
			case *Builtin:
				if name == "__doc__" {
					return py.None, true
				}
				return py.String(f.Name), true
			}
		}
	case *py.Slice:
		switch name {
		case "start":
			return orNone(x.Start), true
		case "stop":
			return orNone(x.Stop), true
		case "step":
			return orNone(x.Step), true
		}
	}
	return nil, false
}

func bSlice(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(kw) > 0 {
		return nil, typeErrorf("slice() takes no keyword arguments")
	}
	switch len(args) {
	case 1:
		return &py.Slice{Start: py.None, Stop: args[0], Step: py.None}, nil
	case 2:
		return &py.Slice{Start: args[0], Stop: args[1], Step: py.None}, nil
	case 3:
		return &py.Slice{Start: args[0], Stop: args[1], Step: args[2]}, nil
	case 0:
		return nil, typeErrorf("slice expected at least 1 argument, got 0")
	}
	return nil, typeErrorf("slice expected at most 3 arguments, got %d", len(args))
}

func sliceIndicesMethod(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("indices", args, kw, 1, 1); err != nil {
		return nil, err
	}
	n, ok, err := asIndex(args[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
	}
	if n < 0 {
		return nil, valueErrorf("length should not be negative")
	}
	start, stop, step, _, err := sliceIndices(self.(*py.Slice), int(n))
	if err != nil {
		return nil, err
	}
	return py.Tuple{MakeInt(int64(start)), MakeInt(int64(stop)), MakeInt(int64(step))}, nil
}

// iterLengthHint is __length_hint__ of the built-in sequence iterators
// (list, tuple, str, bytes, range); other iterators return NotImplemented.
func iterLengthHint(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("__length_hint__", args, kw, 0, 0); err != nil {
		return nil, err
	}
	switch it := self.(type) {
	case *listIter:
		return MakeInt(int64(max(len(it.l.Items)-it.i, 0))), nil
	case *sliceIter:
		return MakeInt(int64(max(len(it.items)-it.i, 0))), nil
	case *strIter:
		if it.i >= len(it.s) {
			return MakeInt(0), nil
		}
		return MakeInt(int64(utf8.RuneCountInString(it.s[it.i:]))), nil
	case *bytesIter:
		return MakeInt(int64(max(len(it.b)-it.i, 0))), nil
	case *rangeIter:
		return MakeInt(max(it.left, 0)), nil
	}
	return NotImplemented, nil
}

// ---------------------------------------------------------------------------
// bytes methods.

func bytesArg(o py.Object) (string, error) {
	if b, ok := bytesLike(o); ok {
		return string(b), nil
	}
	return "", typeErrorf("a bytes-like object is required, not '%s'", TypeName(o))
}

func bytesMap(name string, f func(string) string) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := string(self.(py.Bytes))
		// ASCII-only case mapping.
		b := []byte(s)
		for i, c := range b {
			if c < 0x80 {
				b[i] = f(string(c))[0]
			}
		}
		return py.Bytes(b), nil
	}
}

func bytesHex(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("hex", args, kw, []string{"sep", "bytes_per_sep"}, 0)
	if err != nil {
		return nil, err
	}
	b := []byte(self.(py.Bytes))
	if err := t.checkBytes(int64(len(b)) * 3); err != nil {
		return nil, err
	}
	const digits = "0123456789abcdef"
	sep := ""
	if a[0] != nil {
		switch s := a[0].(type) {
		case py.String:
			sep = string(s)
		case py.Bytes:
			sep = string(s)
		default:
			return nil, typeErrorf("sep must be str or bytes.")
		}
		if len(sep) != 1 {
			return nil, valueErrorf("sep must be length 1.")
		}
	}
	per := int64(1)
	if a[1] != nil {
		per, _, _ = asIndex(a[1])
	}
	var out strings.Builder
	n := len(b)
	for i, c := range b {
		if sep != "" && i > 0 && per != 0 {
			k := per
			if k < 0 {
				k = -k
			}
			// Positive bytes_per_sep counts groups from the right.
			if per > 0 && (n-i)%int(k) == 0 || per < 0 && i%int(k) == 0 {
				out.WriteString(sep)
			}
		}
		out.WriteByte(digits[c>>4])
		out.WriteByte(digits[c&15])
	}
	return py.String(out.String()), nil
}

func bytesFromhex(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	// Called as bytes.fromhex(s): the class is not passed.
	if len(args) == 2 && args[0] == py.Object(py.BytesType) {
		args = args[1:]
	}
	if err := posArgs("fromhex", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, ok := args[0].(py.String)
	if !ok {
		return nil, typeErrorf("fromhex() argument must be str, not %s", TypeName(args[0]))
	}
	val := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'f':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			return int(c-'A') + 10
		}
		return -1
	}
	var out []byte
	str := string(s)
	for i := 0; i < len(str); {
		c := str[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			continue
		}
		hi := val(c)
		if hi < 0 {
			return nil, valueErrorf("non-hexadecimal number found in fromhex() arg at position %d", utf8.RuneCountInString(str[:i]))
		}
		if i+1 >= len(str) || val(str[i+1]) < 0 {
			return nil, valueErrorf("non-hexadecimal number found in fromhex() arg at position %d", utf8.RuneCountInString(str[:i+1]))
		}
		out = append(out, byte(hi<<4|val(str[i+1])))
		i += 2
	}
	return py.Bytes(out), nil
}

func bytesJoin(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("join", args, kw, 1, 1); err != nil {
		return nil, err
	}
	items, err := collect(t, args[0])
	if err != nil {
		return nil, err
	}
	sep := string(self.(py.Bytes))
	parts := make([]string, len(items))
	total := int64(len(sep) * max(len(items)-1, 0))
	for i, it := range items {
		b, ok := bytesLike(it)
		if !ok {
			return nil, typeErrorf("sequence item %d: expected a bytes-like object, %s found", i, TypeName(it))
		}
		parts[i] = string(b)
		total += int64(len(b))
	}
	if err := t.checkBytes(total); err != nil {
		return nil, err
	}
	return py.Bytes(strings.Join(parts, sep)), nil
}

func bytesSplit(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("split", args, kw, []string{"sep", "maxsplit"}, 0)
	if err != nil {
		return nil, err
	}
	n := -1
	if a[1] != nil {
		m, _, _ := asIndex(a[1])
		if m >= 0 {
			n = int(m) + 1
		}
	}
	s := string(self.(py.Bytes))
	var parts []string
	if a[0] == nil || isNone(a[0]) {
		parts = splitWhitespace(s, int64(n-1))
		if n < 0 {
			parts = strings.Fields(s)
		}
	} else {
		sep, err := bytesArg(a[0])
		if err != nil {
			return nil, err
		}
		if sep == "" {
			return nil, valueErrorf("empty separator")
		}
		parts = strings.SplitN(s, sep, n)
	}
	out := make([]py.Object, len(parts))
	for i, p := range parts {
		out[i] = py.Bytes(p)
	}
	return &py.List{Items: out}, nil
}

func bytesAffixTest(name string, f func(s, p string) bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		s := string(self.(py.Bytes))
		if tup, ok := args[0].(py.Tuple); ok {
			for _, p := range tup {
				ps, err := bytesArg(p)
				if err != nil {
					return nil, err
				}
				if f(s, ps) {
					return py.True, nil
				}
			}
			return py.False, nil
		}
		p, err := bytesArg(args[0])
		if err != nil {
			return nil, typeErrorf("%s first arg must be bytes or a tuple of bytes, not %s", name, TypeName(args[0]))
		}
		return py.NewBool(f(s, p)), nil
	}
}

func bytesFind(name string, raise bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		s := string(self.(py.Bytes))
		var i int
		if v, ok, _ := asIndex(args[0]); ok {
			if v < 0 || v > 255 {
				return nil, valueErrorf("byte must be in range(0, 256)")
			}
			i = strings.IndexByte(s, byte(v))
		} else {
			sub, err := bytesArg(args[0])
			if err != nil {
				return nil, err
			}
			i = strings.Index(s, sub)
		}
		if i < 0 && raise {
			return nil, valueErrorf("subsection not found")
		}
		return MakeInt(int64(i)), nil
	}
}

func bytesStrip(name string, left, right bool) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 1); err != nil {
			return nil, err
		}
		s := string(self.(py.Bytes))
		chars := " \t\n\r\v\f"
		if len(args) == 1 && !isNone(args[0]) {
			c, err := bytesArg(args[0])
			if err != nil {
				return nil, err
			}
			chars = c
		}
		if left {
			for s != "" && strings.IndexByte(chars, s[0]) >= 0 {
				s = s[1:]
			}
		}
		if right {
			for s != "" && strings.IndexByte(chars, s[len(s)-1]) >= 0 {
				s = s[:len(s)-1]
			}
		}
		return py.Bytes(s), nil
	}
}

// ---------------------------------------------------------------------------
// sum() of floats.

// floatSum continues sum() once the running total is a float, as CPython's
// float fast path does: float items (and ints that fit a C long) are added
// in C doubles; from 3.12 float items use Neumaier's compensated summation
// (so sum([0.1]*10) == 1.0). It returns the total and the first item it
// could not add (nil at the end of the iterator).
func floatSum(t *Thread, f float64, it Iterator) (py.Object, py.Object, error) {
	compensated := t.minor() >= 12
	c := 0.0
	finish := func() py.Object {
		if compensated && c != 0 && !math.IsInf(c, 0) && !math.IsNaN(c) {
			f += c
		}
		return py.Float(f)
	}
	for {
		v, err := it.Next(t)
		if err != nil {
			return nil, nil, err
		}
		if v == nil {
			return finish(), nil, nil
		}
		if err := t.charge(1); err != nil {
			return nil, nil, err
		}
		switch x := v.(type) {
		case py.Float:
			y := float64(x)
			if !compensated {
				f += y
				continue
			}
			s := f + y
			if math.Abs(f) >= math.Abs(y) {
				c += (f - s) + y
			} else {
				c += (y - s) + f
			}
			f = s
			continue
		case py.Int:
			f += float64(x)
			continue
		case py.Bool:
			if x {
				f++
			}
			continue
		}
		return finish(), v, nil
	}
}
