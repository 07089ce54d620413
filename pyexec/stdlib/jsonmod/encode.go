// Package jsonmod implements CPython's json module for pyexec: dumps and
// loads byte-identical to CPython (separators, indent, sort_keys,
// ensure_ascii, allow_nan, default, skipkeys, check_circular; object_hook,
// object_pairs_hook, parse_float, parse_int, parse_constant) and
// JSONDecodeError messages with line and column.
package jsonmod

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// JSONDecodeErrorType is json.JSONDecodeError (a ValueError).
var JSONDecodeErrorType = pyexec.NewNativeType("json.decoder", "JSONDecodeError", pyexec.ValueErrorType)

func init() { pyexec.RegisterModule("json", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "json")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"dumps": dumps, "loads": loads})
	m.Set(t, "JSONDecodeError", JSONDecodeErrorType)
	return m, nil
}

type encoder struct {
	t               *pyexec.Thread
	depth           int // nesting of arrays and objects being encoded
	skipkeys        bool
	ensureASCII     bool
	checkCircular   bool
	allowNaN        bool
	sortKeys        bool
	indent          *string
	itemSep, keySep string
	def             py.Object
	markers         map[py.Object]bool
	b               strings.Builder
}

var dumpsParams = []string{"obj", "$skipkeys", "$ensure_ascii", "$check_circular", "$allow_nan", "$cls", "$indent", "$separators", "$default", "$sort_keys"}

func dumps(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("dumps", args, kw, dumpsParams, 1)
	if err != nil {
		return nil, err
	}
	e := &encoder{t: t, ensureASCII: true, checkCircular: true, allowNaN: true, markers: map[py.Object]bool{}}
	flag := func(i int, def bool) (bool, error) {
		if a[i] == nil {
			return def, nil
		}
		return pyexec.Truth(t, a[i])
	}
	if e.skipkeys, err = flag(1, false); err != nil {
		return nil, err
	}
	if e.ensureASCII, err = flag(2, true); err != nil {
		return nil, err
	}
	if e.checkCircular, err = flag(3, true); err != nil {
		return nil, err
	}
	if e.allowNaN, err = flag(4, true); err != nil {
		return nil, err
	}
	if e.sortKeys, err = flag(9, false); err != nil {
		return nil, err
	}
	if a[5] != nil && !pyexec.IsNone(a[5]) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "json.dumps(cls=...) is not supported by pybridge")
	}
	if a[6] != nil && !pyexec.IsNone(a[6]) {
		var ind string
		switch x := a[6].(type) {
		case py.String:
			ind = string(x)
		default:
			n, ok, err := pyexec.AsIndex(x)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "can't multiply sequence by non-int of type '%s'", pyexec.TypeName(x))
			}
			if n > 0 {
				ind = strings.Repeat(" ", int(n))
			}
		}
		e.indent = &ind
		e.itemSep, e.keySep = ",", ": "
	} else {
		e.itemSep, e.keySep = ", ", ": "
	}
	if a[7] != nil && !pyexec.IsNone(a[7]) {
		seps, err := pyexec.Collect(t, a[7])
		if err != nil {
			return nil, err
		}
		if len(seps) != 2 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "too many values to unpack (expected 2)")
		}
		is, ok1 := seps[0].(py.String)
		ks, ok2 := seps[1].(py.String)
		if !ok1 || !ok2 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "make_encoder() argument 6 must be str, not %s", pyexec.TypeName(seps[0]))
		}
		e.itemSep, e.keySep = string(is), string(ks)
	}
	if a[8] != nil && !pyexec.IsNone(a[8]) {
		e.def = a[8]
	}
	if err := e.encode(a[0], 0); err != nil {
		return nil, err
	}
	return py.String(e.b.String()), nil
}

func (e *encoder) newline(level int) {
	e.b.WriteByte('\n')
	for i := 0; i < level; i++ {
		e.b.WriteString(*e.indent)
	}
}

func (e *encoder) floatStr(f float64) (string, error) {
	var s string
	switch {
	case math.IsNaN(f):
		s = "NaN"
	case math.IsInf(f, 1):
		s = "Infinity"
	case math.IsInf(f, -1):
		s = "-Infinity"
	default:
		return pyexec.Repr(e.t, py.Float(f))
	}
	if !e.allowNaN {
		if e.t.Version().Minor < 12 {
			return "", pyexec.Errorf(pyexec.ValueErrorType, "Out of range float values are not JSON compliant")
		}
		r, _ := pyexec.Repr(e.t, py.Float(f))
		return "", pyexec.Errorf(pyexec.ValueErrorType, "Out of range float values are not JSON compliant: %s", r)
	}
	return s, nil
}

func (e *encoder) str(s string) {
	e.b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			e.b.WriteString(`\"`)
		case '\\':
			e.b.WriteString(`\\`)
		case '\n':
			e.b.WriteString(`\n`)
		case '\r':
			e.b.WriteString(`\r`)
		case '\t':
			e.b.WriteString(`\t`)
		case '\b':
			e.b.WriteString(`\b`)
		case '\f':
			e.b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20:
				fmt.Fprintf(&e.b, `\u%04x`, r)
			case !e.ensureASCII || (r >= 0x20 && r <= 0x7e):
				e.b.WriteRune(r)
			case r < 0x10000:
				fmt.Fprintf(&e.b, `\u%04x`, r)
			default:
				r -= 0x10000
				fmt.Fprintf(&e.b, `\u%04x\u%04x`, 0xd800|(r>>10)&0x3ff, 0xdc00|r&0x3ff)
			}
		}
	}
	e.b.WriteByte('"')
}

func (e *encoder) mark(o py.Object) (func(), error) {
	if !e.checkCircular || reflect.ValueOf(o).Kind() != reflect.Pointer {
		return func() {}, nil
	}
	if e.markers[o] {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Circular reference detected")
	}
	e.markers[o] = true
	return func() { delete(e.markers, o) }, nil
}

func (e *encoder) encode(o py.Object, level int) error {
	switch o.(type) {
	case py.NoneType, py.Bool, py.String, py.Int, *py.BigInt, py.Float:
	default: // containers, and objects given to default()
		e.depth++
		defer func() { e.depth-- }()
		if e.depth > maxDepth {
			return pyexec.Errorf(pyexec.RecursionErrorType, "maximum recursion depth exceeded while encoding a JSON object")
		}
	}
	switch x := o.(type) {
	case py.NoneType:
		e.b.WriteString("null")
	case py.Bool:
		if x {
			e.b.WriteString("true")
		} else {
			e.b.WriteString("false")
		}
	case py.String:
		e.str(string(x))
	case py.Int, *py.BigInt:
		s, err := pyexec.Repr(e.t, x)
		if err != nil {
			return err
		}
		e.b.WriteString(s)
	case py.Float:
		s, err := e.floatStr(float64(x))
		if err != nil {
			return err
		}
		e.b.WriteString(s)
	case *py.List:
		return e.array(o, x.Items, level)
	case py.Tuple:
		return e.array(o, x, level)
	case *pyexec.Dict:
		return e.object(x, level)
	default:
		if b, ok := builtinOf(o); ok {
			// A subclass of dict, list, tuple, str, int or float, or a
			// collections mapping: encoded as its built-in value, as
			// CPython's encoder does for them.
			e.depth--
			defer func() { e.depth++ }()
			return e.encode(b, level)
		}
		if e.def == nil {
			return pyexec.Errorf(pyexec.TypeErrorType, "Object of type %s is not JSON serializable", pyexec.TypeName(o))
		}
		unmark, err := e.mark(o)
		if err != nil {
			return err
		}
		v, err := pyexec.Call(e.t, e.def, []py.Object{o}, nil)
		if err != nil {
			return err
		}
		if err := e.encode(v, level); err != nil {
			return err
		}
		unmark()
	}
	return nil
}

func (e *encoder) array(o py.Object, items []py.Object, level int) error {
	if len(items) == 0 {
		e.b.WriteString("[]")
		return nil
	}
	unmark, err := e.mark(o)
	if err != nil {
		return err
	}
	e.b.WriteByte('[')
	if e.indent != nil {
		level++
		e.newline(level)
	}
	for i, it := range items {
		if i > 0 {
			e.b.WriteString(e.itemSep)
			if e.indent != nil {
				e.newline(level)
			}
		}
		if err := e.encode(it, level); err != nil {
			return err
		}
	}
	if e.indent != nil {
		e.newline(level - 1)
	}
	e.b.WriteByte(']')
	unmark()
	return nil
}

func (e *encoder) key(k py.Object) (string, bool, error) {
	switch x := k.(type) {
	case py.String:
		return string(x), true, nil
	case py.Float:
		s, err := e.floatStr(float64(x))
		return s, true, err
	case py.Bool:
		if x {
			return "true", true, nil
		}
		return "false", true, nil
	case py.NoneType:
		return "null", true, nil
	case py.Int, *py.BigInt:
		s, err := pyexec.Repr(e.t, x)
		return s, true, err
	}
	if e.skipkeys {
		return "", false, nil
	}
	return "", false, pyexec.Errorf(pyexec.TypeErrorType, "keys must be str, int, float, bool or None, not %s", pyexec.TypeName(k))
}

func (e *encoder) object(d *pyexec.Dict, level int) error {
	if d.Len() == 0 {
		e.b.WriteString("{}")
		return nil
	}
	unmark, err := e.mark(d)
	if err != nil {
		return err
	}
	var items []py.Object
	d.Items(func(k, v py.Object) bool {
		items = append(items, py.Tuple{k, v})
		return true
	})
	if e.sortKeys {
		keyFn := &pyexec.Builtin{Name: "key", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return args[0].(py.Tuple)[0], nil
		}}
		if err := pyexec.SortItems(e.t, items, keyFn, false); err != nil {
			return err
		}
	}
	e.b.WriteByte('{')
	if e.indent != nil {
		level++
		e.newline(level)
	}
	first := true
	for _, it := range items {
		kv := it.(py.Tuple)
		ks, ok, err := e.key(kv[0])
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if !first {
			e.b.WriteString(e.itemSep)
			if e.indent != nil {
				e.newline(level)
			}
		}
		first = false
		e.str(ks)
		e.b.WriteString(e.keySep)
		if err := e.encode(kv[1], level); err != nil {
			return err
		}
	}
	if e.indent != nil {
		e.newline(level - 1)
	}
	e.b.WriteByte('}')
	unmark()
	return nil
}

// builtinOf returns the built-in value that json encodes o as: the payload
// of an instance of a user subclass of dict, list, tuple, str, int or
// float, or the items of a dict-backed collections mapping (OrderedDict,
// defaultdict, Counter, or a user subclass of one).
func builtinOf(o py.Object) (py.Object, bool) {
	p := pyexec.Payload(o)
	if db, ok := p.(pyexec.DictBacked); ok {
		return db.BackingDict(), true
	}
	if p == o {
		return nil, false
	}
	switch p.(type) {
	case *pyexec.Dict, *py.List, py.Tuple, py.String, py.Int, *py.BigInt, py.Float:
		return p, true
	}
	return nil, false
}
