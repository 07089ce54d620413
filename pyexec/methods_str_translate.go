package pyexec

import (
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// str.translate and str.maketrans; bytes.translate, bytes.maketrans and
// bytearray.translate (bytearray.maketrans is bytes.maketrans).

// qualName is a method's name as CPython's argument errors spell it:
// "str.translate" from 3.9 on, "translate" before.
func qualName(t *Thread, typ, name string) string {
	if t.minor() < 9 {
		return name
	}
	return typ + "." + name
}

func init() {
	addMethods(py.StringType, map[string]MethodFunc{"translate": strTranslate})
	maketrans := &Builtin{Name: "maketrans", Fn: strMaketrans}
	addSlot(py.StringType, "maketrans", &StaticMethod{Func: maketrans})
	addMethods(py.BytesType, map[string]MethodFunc{"translate": bytesTranslate})
	addMethods(ByteArrayType, map[string]MethodFunc{"translate": bytesTranslate})
	bmaketrans := &Builtin{Name: "maketrans", Fn: bytesMaketrans}
	addSlot(py.BytesType, "maketrans", &StaticMethod{Func: bmaketrans})
	addSlot(ByteArrayType, "maketrans", &StaticMethod{Func: bmaketrans})
}

// strTranslate is str.translate(table): each character's code point is
// looked up in table (table[ord(c)]); a LookupError keeps the character,
// None deletes it, an int is a code point and a str is inserted.
func strTranslate(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs(qualName(t, "str", "translate"), args, kw, 1, 1); err != nil {
		return nil, err
	}
	s := string(self.(py.String))
	table := args[0]
	var b strings.Builder
	for _, r := range s {
		v, err := GetItem(t, table, MakeInt(int64(r)))
		if err != nil {
			if e, ok := err.(*Exception); ok && IsSubtype(e.typ, LookupErrorType) {
				b.WriteRune(r)
				continue
			}
			return nil, err
		}
		switch x := v.(type) {
		case py.NoneType:
		case py.String:
			b.WriteString(string(x))
		default:
			n, big, ok := intValue(v)
			if !ok {
				return nil, typeErrorf("character mapping must return integer, None or str")
			}
			if big != nil || n < 0 || n > utf8.MaxRune {
				return nil, valueErrorf("character mapping must be in range(0x110000)")
			}
			b.WriteRune(rune(n))
		}
		if b.Len() > MaxSequenceBytes {
			return nil, memoryError()
		}
		if err := t.charge(1); err != nil {
			return nil, err
		}
	}
	if err := t.checkBytes(int64(b.Len())); err != nil {
		return nil, err
	}
	return py.String(b.String()), nil
}

// strMaketrans is the static method str.maketrans(x[, y[, z]]).
func strMaketrans(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw(qualName(t, "str", "maketrans"), kw); err != nil {
		return nil, err
	}
	if err := posArgs("maketrans", args, nil, 1, 3); err != nil {
		return nil, err
	}
	for i := 1; i < len(args); i++ {
		if _, ok := args[i].(py.String); !ok {
			return nil, typeErrorf("maketrans() argument %d must be str, not %s", i+1, argTypeName(args[i]))
		}
	}
	out := NewDict(0)
	if len(args) == 1 {
		d, ok := unwrap(args[0]).(*Dict)
		if !ok {
			return nil, typeErrorf("if you give only one argument to maketrans it must be a dict")
		}
		var err error
		d.Items(func(k, v py.Object) bool {
			switch x := k.(type) {
			case py.String:
				if utf8.RuneCountInString(string(x)) != 1 {
					err = valueErrorf("string keys in translate table must be of length 1")
					return false
				}
				r, _ := utf8.DecodeRuneInString(string(x))
				err = out.SetItem(t, MakeInt(int64(r)), v)
			default:
				if !isInt(k) {
					err = typeErrorf("keys in translate table must be strings or integers")
					return false
				}
				err = out.SetItem(t, k, v)
			}
			return err == nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	x, ok := args[0].(py.String)
	if !ok {
		return nil, typeErrorf("first maketrans argument must be a string if there is a second argument")
	}
	xs, ys := []rune(string(x)), []rune(string(args[1].(py.String)))
	if len(xs) != len(ys) {
		return nil, valueErrorf("the first two maketrans arguments must have equal length")
	}
	for i, r := range xs {
		if err := out.SetItem(t, MakeInt(int64(r)), MakeInt(int64(ys[i]))); err != nil {
			return nil, err
		}
	}
	if len(args) == 3 {
		for _, r := range string(args[2].(py.String)) {
			if err := out.SetItem(t, MakeInt(int64(r)), py.None); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// argTypeName is the type name CPython's argument errors show ("None" for
// None).
func argTypeName(o py.Object) string {
	if isNone(o) {
		return "None"
	}
	return TypeName(o)
}

// needBytes returns a bytes-like argument's contents or CPython's TypeError.
func needBytes(o py.Object) ([]byte, error) {
	b, ok := bytesLike(o)
	if !ok {
		return nil, typeErrorf("a bytes-like object is required, not '%s'", TypeName(o))
	}
	return b, nil
}

// bytesMaketrans is the static method bytes.maketrans(frm, to).
func bytesMaketrans(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("maketrans", args, kw, 2, 2); err != nil {
		return nil, err
	}
	frm, err := needBytes(args[0])
	if err != nil {
		return nil, err
	}
	to, err := needBytes(args[1])
	if err != nil {
		return nil, err
	}
	if len(frm) != len(to) {
		return nil, valueErrorf("maketrans arguments must have same length")
	}
	out := make([]byte, 256)
	for i := range out {
		out[i] = byte(i)
	}
	for i, c := range frm {
		out[c] = to[i]
	}
	return py.Bytes(out), nil
}

// bytesTranslate is bytes.translate(table, /, delete=empty) and
// bytearray.translate: table is None or 256 bytes; the bytes in delete are
// dropped.
func bytesTranslate(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args)-len(kw) < 1 {
		return nil, typeErrorf("translate() takes at least 1 positional argument (%d given)", len(args)-len(kw))
	}
	a, err := bindBuiltin("translate", args, kw, []string{"table", "delete"}, 1)
	if err != nil {
		return nil, err
	}
	var table []byte
	if !isNone(a[0]) {
		if table, err = needBytes(a[0]); err != nil {
			return nil, err
		}
		if len(table) != 256 {
			return nil, valueErrorf("translation table must be 256 characters long")
		}
	}
	var del [256]bool
	if a[1] != nil {
		d, err := needBytes(a[1])
		if err != nil {
			return nil, err
		}
		for _, c := range d {
			del[c] = true
		}
	}
	src, _ := bytesLike(self)
	out := make([]byte, 0, len(src))
	for _, c := range src {
		if del[c] {
			continue
		}
		if table != nil {
			c = table[c]
		}
		out = append(out, c)
	}
	if err := t.chargeBytes(int64(len(out))); err != nil {
		return nil, err
	}
	if _, ok := self.(*ByteArray); ok {
		return &ByteArray{B: out}, nil
	}
	return py.Bytes(out), nil
}
