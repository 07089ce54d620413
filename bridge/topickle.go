package bridge

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// maxConvertDepth bounds how deeply ToPickle and ToJSON nest.
const maxConvertDepth = 10000

// ToPickle converts a plain-data pyexec value (None, bool, int, float, str,
// bytes, bytearray, tuple, list, dict, set, frozenset) into a pickle graph that
// pickle.Encode writes as CPython would pickle the same value. Shared
// objects stay shared and cycles through lists and dicts are kept. Any
// other value is an error worded as CPython's pickler words it.
func ToPickle(t *pyexec.Thread, v py.Object) (pickle.Value, error) {
	c := &toPickle{t: t, memo: map[py.Object]pickle.Value{}}
	return c.conv(v, 0)
}

type toPickle struct {
	t    *pyexec.Thread
	memo map[py.Object]pickle.Value
}

func (c *toPickle) conv(v py.Object, depth int) (pickle.Value, error) {
	if depth > maxConvertDepth {
		return nil, fmt.Errorf("RecursionError: maximum recursion depth exceeded while pickling an object")
	}
	switch x := v.(type) {
	case py.NoneType:
		return &pickle.None{}, nil
	case py.Bool:
		return &pickle.Bool{Value: bool(x)}, nil
	case py.Int:
		return &pickle.Int{Value: int64(x)}, nil
	case *py.BigInt:
		b := (*big.Int)(x)
		if b.IsInt64() {
			return &pickle.Int{Value: b.Int64()}, nil
		}
		return &pickle.BigInt{Value: new(big.Int).Set(b)}, nil
	case py.Float:
		return &pickle.Float{Value: float64(x)}, nil
	case py.String:
		return &pickle.Str{Value: string(x)}, nil
	case py.Bytes:
		return &pickle.Bytes{Value: []byte(x)}, nil
	case *pyexec.ByteArray:
		if n, ok := c.memo[x]; ok {
			return n, nil
		}
		n := &pickle.ByteArray{Value: append([]byte{}, x.B...)}
		c.memo[x] = n
		return n, nil
	case py.Tuple:
		n := &pickle.Tuple{Items: make([]pickle.Value, len(x))}
		for i, it := range x {
			k, err := c.conv(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items[i] = k
		}
		return n, nil
	case *py.List:
		if n, ok := c.memo[x]; ok {
			return n, nil
		}
		n := &pickle.List{}
		c.memo[x] = n
		for _, it := range x.Items {
			k, err := c.conv(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, k)
		}
		return n, nil
	case *pyexec.Dict:
		if n, ok := c.memo[x]; ok {
			return n, nil
		}
		n := &pickle.Dict{}
		c.memo[x] = n
		var err error
		x.Items(func(k, val py.Object) bool {
			var kn, vn pickle.Value
			if kn, err = c.conv(k, depth+1); err != nil {
				return false
			}
			if vn, err = c.conv(val, depth+1); err != nil {
				return false
			}
			n.Entries = append(n.Entries, pickle.DictEntry{Key: kn, Value: vn})
			return true
		})
		return n, err
	case *pyexec.Set:
		if n, ok := c.memo[x]; ok {
			return n, nil
		}
		var items []pickle.Value
		for _, it := range x.Elems() {
			k, err := c.conv(it, depth+1)
			if err != nil {
				return nil, err
			}
			items = append(items, k)
		}
		var n pickle.Value
		if x.Frozen {
			n = &pickle.FrozenSet{Items: items}
		} else {
			n = &pickle.Set{Items: items}
		}
		c.memo[x] = n
		return n, nil
	case *pyexec.Function:
		return nil, fmt.Errorf("_pickle.PicklingError: Can't pickle %s: it's not found as __main__.%s", mustRepr(c.t, x), x.Name)
	}
	return nil, fmt.Errorf("TypeError: cannot pickle '%s' object", pyexec.TypeName(v))
}

func mustRepr(t *pyexec.Thread, v py.Object) string {
	s, err := pyexec.Repr(t, v)
	if err != nil {
		return "<" + pyexec.TypeName(v) + ">"
	}
	return s
}

// ToJSON renders a plain-data value as Python's json.dumps(v) does with its
// default arguments: ", " and ": " separators, ensure_ascii, NaN and
// Infinity allowed, dict keys that are str, int, float, bool or None. Any
// other value is the TypeError json.dumps raises.
func ToJSON(t *pyexec.Thread, v py.Object) (string, error) {
	var b strings.Builder
	j := &toJSON{t: t, b: &b, active: map[py.Object]bool{}}
	if err := j.write(v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

type toJSON struct {
	t      *pyexec.Thread
	b      *strings.Builder
	active map[py.Object]bool
}

func jsonFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return mustRepr(nil, py.Float(f))
}

// jsonString quotes s as json.dumps does with ensure_ascii.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(fmt.Sprintf("\\u%04x", s[i]))
			i++
			continue
		}
		if r == utf8.RuneError && size == 3 || (size == 3 && r >= 0xD800 && r <= 0xDFFF) {
			// A lone surrogate kept as its 3-byte encoding.
			b.WriteString(fmt.Sprintf("\\u%04x", r))
			i += size
			continue
		}
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20 || (r >= 0x7f && r < 0x10000):
				b.WriteString(fmt.Sprintf("\\u%04x", r))
			case r >= 0x10000:
				r1, r2 := utf16.EncodeRune(r)
				b.WriteString(fmt.Sprintf("\\u%04x\\u%04x", r1, r2))
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (j *toJSON) key(k py.Object) (string, bool) {
	switch x := k.(type) {
	case py.String:
		return string(x), true
	case py.Bool:
		if x {
			return "true", true
		}
		return "false", true
	case py.NoneType:
		return "null", true
	case py.Int:
		return strconv.FormatInt(int64(x), 10), true
	case *py.BigInt:
		return (*big.Int)(x).String(), true
	case py.Float:
		return jsonFloat(float64(x)), true
	}
	return "", false
}

func (j *toJSON) write(v py.Object, depth int) error {
	if depth > maxConvertDepth {
		return fmt.Errorf("RecursionError: maximum recursion depth exceeded while encoding a JSON object")
	}
	b := j.b
	switch x := v.(type) {
	case py.NoneType:
		b.WriteString("null")
	case py.Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case py.Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case *py.BigInt:
		b.WriteString((*big.Int)(x).String())
	case py.Float:
		b.WriteString(jsonFloat(float64(x)))
	case py.String:
		b.WriteString(jsonString(string(x)))
	case py.Tuple, *py.List:
		var items []py.Object
		if l, ok := x.(*py.List); ok {
			if j.active[l] {
				return fmt.Errorf("ValueError: Circular reference detected")
			}
			j.active[l] = true
			defer delete(j.active, l)
			items = l.Items
		} else {
			items = x.(py.Tuple)
		}
		b.WriteByte('[')
		for i, it := range items {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := j.write(it, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case *pyexec.Dict:
		if j.active[x] {
			return fmt.Errorf("ValueError: Circular reference detected")
		}
		j.active[x] = true
		defer delete(j.active, x)
		b.WriteByte('{')
		var err error
		i := 0
		x.Items(func(k, val py.Object) bool {
			ks, ok := j.key(k)
			if !ok {
				err = fmt.Errorf("TypeError: keys must be str, int, float, bool or None, not %s", pyexec.TypeName(k))
				return false
			}
			if i > 0 {
				b.WriteString(", ")
			}
			i++
			b.WriteString(jsonString(ks))
			b.WriteString(": ")
			err = j.write(val, depth+1)
			return err == nil
		})
		b.WriteByte('}')
		return err
	default:
		return fmt.Errorf("TypeError: Object of type %s is not JSON serializable", pyexec.TypeName(v))
	}
	return nil
}
