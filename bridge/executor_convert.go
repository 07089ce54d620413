package bridge

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// Tuple is a Python tuple on the Go side of ToPython and FromPython.
type Tuple []any

// Dict is a Python dict on the Go side: its items in insertion order.
type Dict []DictItem

// DictItem is one key/value pair of a Dict.
type DictItem struct {
	Key, Value any
}

// Set is a Python set or frozenset on the Go side: its elements in
// CPython's iteration order.
type Set []any

// Get returns the value of key (compared with ==) in d.
func (d Dict) Get(key any) (any, bool) {
	for _, it := range d {
		if comparable(it.Key) && comparable(key) && it.Key == key {
			return it.Value, true
		}
	}
	return nil, false
}

func comparable(v any) bool {
	return v == nil || reflect.TypeOf(v).Comparable()
}

// ToPython converts a Go value into a Python value owned by thread t:
//
//	Go                                          Python
//	nil                                         None
//	bool                                        bool
//	int, int8 … int64, uint, uint8 … uint64     int
//	*big.Int, big.Int                           int
//	float64, float32                            float
//	string                                      str
//	[]byte                                      bytes
//	Tuple                                       tuple
//	[]any and other slices and arrays           list
//	Dict                                        dict (in order)
//	map[K]V                                     dict (keys sorted when they are all strings or all integers)
//	Set                                         set
//	py.Object                                   itself
//
// FromPython converts back with the same table: ints come back as int64
// when they fit, else *big.Int; lists as []any; dicts as Dict; sets and
// frozensets as Set. Any other Go or Python value is an error.
func ToPython(t *pyexec.Thread, v any) (py.Object, error) {
	return toPython(t, v, 0)
}

func toPython(t *pyexec.Thread, v any, depth int) (py.Object, error) {
	if depth > maxConvertDepth {
		return nil, fmt.Errorf("value nested more than %d deep", maxConvertDepth)
	}
	switch x := v.(type) {
	case nil:
		return py.None, nil
	case py.Object:
		return x, nil
	case bool:
		return py.NewBool(x), nil
	case int:
		return pyexec.MakeInt(int64(x)), nil
	case int64:
		return pyexec.MakeInt(x), nil
	case int32:
		return pyexec.MakeInt(int64(x)), nil
	case int16:
		return pyexec.MakeInt(int64(x)), nil
	case int8:
		return pyexec.MakeInt(int64(x)), nil
	case uint:
		return uintToPy(uint64(x)), nil
	case uint64:
		return uintToPy(x), nil
	case uint32:
		return pyexec.MakeInt(int64(x)), nil
	case uint16:
		return pyexec.MakeInt(int64(x)), nil
	case uint8:
		return pyexec.MakeInt(int64(x)), nil
	case *big.Int:
		if x == nil {
			return py.None, nil
		}
		return pyexec.IntFromBig(new(big.Int).Set(x)), nil
	case big.Int:
		return pyexec.IntFromBig(new(big.Int).Set(&x)), nil
	case float64:
		return py.Float(x), nil
	case float32:
		return py.Float(float64(x)), nil
	case string:
		return py.String(x), nil
	case []byte:
		return py.Bytes(append([]byte{}, x...)), nil
	case Tuple:
		out := make(py.Tuple, len(x))
		for i, it := range x {
			o, err := toPython(t, it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = o
		}
		return out, nil
	case []any:
		return listToPy(t, len(x), func(i int) any { return x[i] }, depth)
	case []string:
		return listToPy(t, len(x), func(i int) any { return x[i] }, depth)
	case Dict:
		d := pyexec.NewDict(len(x))
		for _, it := range x {
			if err := setItem(t, d, it.Key, it.Value, depth); err != nil {
				return nil, err
			}
		}
		return d, nil
	case Set:
		s := pyexec.NewSet(t)
		for _, it := range x {
			o, err := toPython(t, it, depth+1)
			if err != nil {
				return nil, err
			}
			if err := s.Add(t, o); err != nil {
				return nil, err
			}
		}
		return s, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d := pyexec.NewDict(len(x))
		for _, k := range keys {
			if err := setItem(t, d, k, x[k], depth); err != nil {
				return nil, err
			}
		}
		return d, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return listToPy(t, rv.Len(), func(i int) any { return rv.Index(i).Interface() }, depth)
	case reflect.Map:
		keys := rv.MapKeys()
		sortKeys(keys)
		d := pyexec.NewDict(len(keys))
		for _, k := range keys {
			if err := setItem(t, d, k.Interface(), rv.MapIndex(k).Interface(), depth); err != nil {
				return nil, err
			}
		}
		return d, nil
	case reflect.Pointer:
		if rv.IsNil() {
			return py.None, nil
		}
	}
	return nil, fmt.Errorf("cannot convert Go %T to a Python value", v)
}

func uintToPy(u uint64) py.Object {
	if u <= math.MaxInt64 {
		return pyexec.MakeInt(int64(u))
	}
	return pyexec.IntFromBig(new(big.Int).SetUint64(u))
}

func listToPy(t *pyexec.Thread, n int, at func(int) any, depth int) (py.Object, error) {
	items := make([]py.Object, n)
	for i := range items {
		o, err := toPython(t, at(i), depth+1)
		if err != nil {
			return nil, err
		}
		items[i] = o
	}
	return &py.List{Items: items}, nil
}

func setItem(t *pyexec.Thread, d *pyexec.Dict, k, v any, depth int) error {
	ko, err := toPython(t, k, depth+1)
	if err != nil {
		return err
	}
	vo, err := toPython(t, v, depth+1)
	if err != nil {
		return err
	}
	return d.SetItem(t, ko, vo)
}

// sortKeys orders map keys when they are all strings or all integers, so
// that the dict's order does not depend on Go's map iteration.
func sortKeys(keys []reflect.Value) {
	if len(keys) == 0 {
		return
	}
	switch keys[0].Kind() {
	case reflect.String:
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		sort.Slice(keys, func(i, j int) bool { return keys[i].Int() < keys[j].Int() })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		sort.Slice(keys, func(i, j int) bool { return keys[i].Uint() < keys[j].Uint() })
	}
}

// FromPython converts a plain-data Python value into Go values (see
// ToPython for the table). A value of another type (a function, a class
// instance) is an error naming its type.
func FromPython(t *pyexec.Thread, o py.Object) (any, error) {
	return fromPython(t, o, 0)
}

func fromPython(t *pyexec.Thread, o py.Object, depth int) (any, error) {
	if depth > maxConvertDepth {
		return nil, fmt.Errorf("value nested more than %d deep", maxConvertDepth)
	}
	switch x := o.(type) {
	case nil, py.NoneType:
		return nil, nil
	case py.Bool:
		return bool(x), nil
	case py.Int:
		return int64(x), nil
	case *py.BigInt:
		b := (*big.Int)(x)
		if b.IsInt64() {
			return b.Int64(), nil
		}
		return new(big.Int).Set(b), nil
	case py.Float:
		return float64(x), nil
	case py.String:
		return string(x), nil
	case py.Bytes:
		return append([]byte{}, x...), nil
	case *pyexec.ByteArray:
		return append([]byte{}, x.B...), nil
	case py.Tuple:
		out := make(Tuple, len(x))
		for i, it := range x {
			g, err := fromPython(t, it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	case *py.List:
		out := make([]any, len(x.Items))
		for i, it := range x.Items {
			g, err := fromPython(t, it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	case *pyexec.Dict:
		out := make(Dict, 0, x.Len())
		var err error
		x.Items(func(k, v py.Object) bool {
			var gk, gv any
			if gk, err = fromPython(t, k, depth+1); err != nil {
				return false
			}
			if gv, err = fromPython(t, v, depth+1); err != nil {
				return false
			}
			out = append(out, DictItem{gk, gv})
			return true
		})
		return out, err
	case *pyexec.Set:
		elems := x.Elems()
		out := make(Set, len(elems))
		for i, it := range elems {
			g, err := fromPython(t, it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	}
	if pyexec.IsInt(o) {
		if b := pyexec.BigOf(o); b != nil {
			if b.IsInt64() {
				return b.Int64(), nil
			}
			return new(big.Int).Set(b), nil
		}
	}
	return nil, fmt.Errorf("cannot convert a Python %s to a Go value", pyexec.TypeName(o))
}
