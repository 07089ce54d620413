package pyexec

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
	"github.com/pybridge/pybridge/internal/pyrepr"
)

// reprGuard detects self-referential containers during repr.
type reprGuard struct{ active []py.Object }

func (g *reprGuard) enter(o py.Object) bool {
	for _, x := range g.active {
		if sameContainer(x, o) {
			return false
		}
	}
	g.active = append(g.active, o)
	return true
}

func (g *reprGuard) leave() { g.active = g.active[:len(g.active)-1] }

// sameContainer is identity for the containers reprGuard tracks (tuples
// are slices: the same backing array and length).
func sameContainer(a, b py.Object) bool {
	ta, aTup := a.(py.Tuple)
	tb, bTup := b.(py.Tuple)
	if aTup || bTup {
		return aTup && bTup && len(ta) > 0 && len(ta) == len(tb) && &ta[0] == &tb[0]
	}
	return a == b
}

// Repr returns repr(o). t may be nil for values that never call Python code.
func Repr(t *Thread, o py.Object) (string, error) {
	var b strings.Builder
	err := writeRepr(orScratch(t), &b, o)
	return b.String(), err
}

// writeRepr writes repr(o) to b, one level of native recursion deeper (as
// CPython's PyObject_Repr).
func writeRepr(t *Thread, b *strings.Builder, o py.Object) error {
	if err := t.EnterNative(" while getting the repr of an object"); err != nil {
		return err
	}
	err := writeReprLevel(t, b, o)
	t.LeaveNative()
	return err
}

func writeReprLevel(t *Thread, b *strings.Builder, o py.Object) error {
	if s, ok, err := reprHook(t, o); ok {
		b.WriteString(s)
		return err
	}
	switch x := o.(type) {
	case py.String:
		b.WriteString(pyrepr.Str(string(x)))
	case py.Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case *py.BigInt:
		s, err := bigDecimal(t, (*big.Int)(x))
		if err != nil {
			return err
		}
		b.WriteString(s)
	case py.Float:
		b.WriteString(pyrepr.Float(float64(x)))
	case py.Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case py.NoneType:
		b.WriteString("None")
	case py.Bytes:
		b.WriteString(pyrepr.Bytes(x))
	case py.Tuple:
		if len(x) > 0 && t != nil {
			if !t.repr.enter(x) {
				b.WriteString("(...)")
				return nil
			}
			defer t.repr.leave()
		}
		b.WriteByte('(')
		for i, it := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, it); err != nil {
				return err
			}
		}
		if len(x) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *py.List:
		if t != nil && !t.repr.enter(x) {
			b.WriteString("[...]")
			return nil
		}
		b.WriteByte('[')
		var err error
		for i, it := range x.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			if err = writeRepr(t, b, it); err != nil {
				break
			}
		}
		b.WriteByte(']')
		if t != nil {
			t.repr.leave()
		}
		return err
	case *Dict:
		if t != nil && !t.repr.enter(x) {
			b.WriteString("{...}")
			return nil
		}
		b.WriteByte('{')
		var err error
		i := 0
		x.Items(func(k, v py.Object) bool {
			if i > 0 {
				b.WriteString(", ")
			}
			i++
			if err = writeRepr(t, b, k); err != nil {
				return false
			}
			b.WriteString(": ")
			err = writeRepr(t, b, v)
			return err == nil
		})
		b.WriteByte('}')
		if t != nil {
			t.repr.leave()
		}
		return err
	case *Set:
		name := "set"
		if x.Frozen {
			name = "frozenset"
		}
		if x.Len() == 0 {
			b.WriteString(name + "()")
			return nil
		}
		if x.Frozen {
			b.WriteString("frozenset(")
		}
		b.WriteByte('{')
		for i, e := range x.Elems() {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeRepr(t, b, e); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		if x.Frozen {
			b.WriteByte(')')
		}
	case *Exception:
		b.WriteString(x.typ.Name)
		if len(x.Args) == 1 {
			b.WriteByte('(')
			if err := writeRepr(t, b, x.Args[0]); err != nil {
				return err
			}
			b.WriteByte(')')
		} else {
			return writeRepr(t, b, x.Args)
		}
	case *py.Type:
		b.WriteString("<class '" + typeQualName(x) + "'>")
	case *Function:
		b.WriteString("<function " + x.QualName + " at " + addr(x) + ">")
	case *Code:
		b.WriteString("<code object " + x.Name + " at " + addr(x) + ", file \"" + x.Filename + "\", line " + strconv.Itoa(x.FirstLineNo) + ">")
	case *Builtin:
		b.WriteString("<built-in function " + x.Name + ">")
	case *Method:
		b.WriteString("<method '" + x.Name + "' of '" + x.Owner.Name + "' objects>")
	case *BoundMethod:
		if m, ok := x.Func.(*Method); ok {
			b.WriteString("<built-in method " + m.Name + " of " + TypeName(x.Self) + " object at " + addr(x.Self) + ">")
		} else {
			s, _ := Repr(t, x.Self)
			name := "?"
			if f, ok := x.Func.(*Function); ok {
				name = f.QualName
			}
			b.WriteString("<bound method " + name + " of " + s + ">")
		}
	case *py.Slice:
		b.WriteString("slice(")
		for i, p := range []py.Object{x.Start, x.Stop, x.Step} {
			if i > 0 {
				b.WriteString(", ")
			}
			if p == nil {
				p = py.None
			}
			if err := writeRepr(t, b, p); err != nil {
				return err
			}
		}
		b.WriteByte(')')
	case *Range:
		b.WriteString("range(" + strconv.FormatInt(x.start, 10) + ", " + strconv.FormatInt(x.stop, 10))
		if x.step != 1 {
			b.WriteString(", " + strconv.FormatInt(x.step, 10))
		}
		b.WriteByte(')')
	case *dictView:
		b.WriteString(x.Type().Name + "(")
		var items []py.Object
		switch x.kind {
		case viewKeys:
			items = x.d.Keys()
		default:
			x.d.Items(func(k, v py.Object) bool {
				if x.kind == viewValues {
					items = append(items, v)
				} else {
					items = append(items, py.Tuple{k, v})
				}
				return true
			})
		}
		if err := writeRepr(t, b, &py.List{Items: items}); err != nil {
			return err
		}
		b.WriteByte(')')
	case *Cell:
		b.WriteString("<cell at " + addr(x) + ">")
	case Representer:
		s, err := x.Repr(t)
		if err != nil {
			return err
		}
		b.WriteString(s)
	default:
		b.WriteString("<" + TypeName(o) + " object at " + addr(o) + ">")
	}
	return nil
}

func typeQualName(t *py.Type) string {
	switch t {
	case py.IntType, py.FloatType, py.StringType, py.BoolType, py.TupleType, py.ListType, py.BytesType,
		py.NoneTypeType, py.ObjectType, py.TypeType, DictType, SetType, FrozenSetType, RangeType, SliceType,
		ByteArrayType, MemoryViewType:
		return t.Name
	}
	for _, e := range exceptionTypes {
		if e == t {
			return t.Name
		}
	}
	if m, ok := t.Dict["__module__"].(py.String); ok {
		if m == "builtins" {
			return t.Name
		}
		return string(m) + "." + t.Name
	}
	return "builtins." + t.Name
}

// addr is the address a default repr shows for o (see FakeAddr).
func addr(o py.Object) string { return FormatAddr(FakeAddr(o)) }

// Str returns str(o).
func Str(t *Thread, o py.Object) (string, error) {
	if s, ok, err := strHook(t, o); ok {
		return s, err
	}
	if s, ok, err := NativeStrHook(t, o); ok {
		return s, err
	}
	switch x := o.(type) {
	case py.String:
		return string(x), nil
	case *Exception:
		return x.message(t)
	}
	return Repr(t, o)
}

// ASCII returns ascii(o).
func ASCII(t *Thread, o py.Object) (string, error) {
	s, err := Repr(t, o)
	if err != nil {
		return "", err
	}
	return pyfmt.ASCIIEscape(s), nil
}

// fmtError converts a pyfmt error into a Python exception.
func fmtError(err error) error {
	if e, ok := err.(*pyfmt.Error); ok {
		typ := ValueErrorType
		switch e.Type {
		case "MemoryError":
			return memoryError()
		case "TypeError":
			typ = TypeErrorType
		case "OverflowError":
			typ = OverflowErrorType
		case "KeyError":
			typ = KeyErrorType
		}
		return Errorf(typ, "%s", e.Msg)
	}
	return err
}

// Format returns format(o, spec).
func Format(t *Thread, o py.Object, spec string) (string, error) {
	if s, ok, err := formatHook(t, o, spec); ok {
		return s, err
	}
	if s, ok, err := NativeFormatHook(t, o, spec); ok {
		return s, err
	}
	var s string
	var err error
	switch x := o.(type) {
	case py.String:
		if spec == "" {
			return string(x), nil
		}
		s, err = pyfmt.FormatStrSpec(string(x), spec, t.minor())
	case py.Bool:
		if spec == "" {
			return Str(t, o)
		}
		var v int64
		if x {
			v = 1
		}
		s, err = pyfmt.FormatInt64Spec(v, spec, t.minor())
	case py.Int:
		if spec == "" {
			return strconv.FormatInt(int64(x), 10), nil
		}
		s, err = pyfmt.FormatInt64Spec(int64(x), spec, t.minor())
	case *py.BigInt:
		if spec == "" || !strings.ContainsAny(spec[len(spec)-1:], "bcoxXeEfFgG%") {
			// Decimal digits: CPython's limit on their number applies.
			if _, err := bigDecimal(t, (*big.Int)(x)); err != nil {
				return "", err
			}
		}
		s, err = pyfmt.FormatIntSpec(bigOf(x), spec, t.minor())
	case py.Float:
		s, err = pyfmt.FormatFloatSpec(float64(x), spec, t.minor())
	default:
		if spec != "" {
			return "", typeErrorf("unsupported format string passed to %s.__format__", TypeName(o))
		}
		return Str(t, o)
	}
	if err != nil {
		return "", fmtError(err)
	}
	return s, t.chargeBytes(int64(len(s)))
}

// fmtArg describes o for pyfmt's % operator.
func fmtArg(t *Thread, o py.Object) pyfmt.Arg {
	switch x := o.(type) {
	case py.Int:
		return pyfmt.IntArg64(int64(x))
	case *py.BigInt:
		return pyfmt.IntArg(bigOf(x))
	case py.Bool:
		var v int64
		if x {
			v = 1
		}
		a := pyfmt.IntArg64(v)
		a.TypeName = "bool"
		a.Str = func() (string, error) { return Str(t, o) }
		a.Repr = a.Str
		return a
	case py.Float:
		return pyfmt.FloatArg(float64(x))
	case py.String:
		return pyfmt.StrArg(string(x))
	}
	return fmtArgOther(t, o)
}

// percentFormat implements str % args.
func percentFormat(t *Thread, format string, args py.Object) (string, error) {
	var a pyfmt.Args
	switch x := args.(type) {
	case py.Tuple:
		a.IsTuple = true
		// The thread's argument array when free (a pyfmt.Arg is over
		// 100 bytes); a nested formatting (a __str__ that formats)
		// finds it taken and allocates its own.
		if buf := t.pctArgs; len(x) <= cap(buf) {
			t.pctArgs = nil
			a.Items = buf[:len(x)]
			defer func() {
				clear(a.Items)
				t.pctArgs = a.Items[:0]
			}()
		} else {
			a.Items = make([]pyfmt.Arg, len(x))
			if t.pctArgs == nil && len(x) <= 8 {
				t.pctArgs = make([]pyfmt.Arg, 0, 8)
			}
		}
		for i, it := range x {
			a.Items[i] = fmtArg(t, it)
		}
	case *Dict:
		a.Single = fmtArg(t, x)
		a.Lookup = func(key string) (pyfmt.Arg, error) {
			v, ok, err := x.Get(t, py.String(key))
			if err != nil {
				return pyfmt.Arg{}, err
			}
			if !ok {
				return pyfmt.Arg{}, NewException(KeyErrorType, py.String(key))
			}
			return fmtArg(t, v), nil
		}
	default:
		a.Single = fmtArg(t, args)
	}
	s, err := pyfmt.PercentArgs(format, a, t.minor())
	if err != nil {
		return "", fmtError(err)
	}
	return s, t.chargeBytes(int64(len(s)))
}
