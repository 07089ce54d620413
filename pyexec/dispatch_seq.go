package pyexec

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Len returns len(o).
func Len(t *Thread, o py.Object) (int, error) {
	if n, ok, err := lenHook(t, o); ok {
		return n, err
	}
	switch x := o.(type) {
	case py.String:
		return utf8.RuneCountInString(string(x)), nil
	case py.Tuple:
		return len(x), nil
	case *py.List:
		return len(x.Items), nil
	case py.Bytes:
		return len(x), nil
	case *Dict:
		return x.Len(), nil
	case *Set:
		return x.Len(), nil
	case *Range:
		return int(x.length()), nil
	case *dictView:
		return x.d.Len(), nil
	case Sized:
		return x.PyLen(t)
	}
	return 0, typeErrorf("object of type '%s' has no len()", TypeName(o))
}

// Truth returns bool(o).
func Truth(t *Thread, o py.Object) (bool, error) {
	if b, ok, err := truthHook(t, o); ok {
		return b, err
	}
	if b, ok, err := NativeTruthHook(t, o); ok {
		return b, err
	}
	switch x := o.(type) {
	case py.Bool:
		return bool(x), nil
	case py.NoneType:
		return false, nil
	case py.Int:
		return x != 0, nil
	case *py.BigInt:
		return (*big.Int)(x).Sign() != 0, nil
	case py.Float:
		return x != 0, nil
	case py.String:
		return len(x) != 0, nil
	case py.Tuple:
		return len(x) != 0, nil
	case *py.List:
		return len(x.Items) != 0, nil
	case py.Bytes:
		return len(x) != 0, nil
	case *Dict:
		return x.Len() != 0, nil
	case *Set:
		return x.Len() != 0, nil
	case *Range:
		return x.length() != 0, nil
	case *dictView:
		return x.d.Len() != 0, nil
	case Sized:
		n, err := x.PyLen(t)
		return n != 0, err
	}
	return true, nil
}

// isASCII reports whether s has only ASCII bytes (so byte and rune indexes agree).
func isASCII(s string) bool {
	i := 0
	// Eight bytes at a time (the loads combine into one).
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// sliceIndices implements PySlice_GetIndicesEx: it returns start, stop, step
// and the slice length for a sequence of length n.
func sliceIndices(s *py.Slice, n int) (start, stop, step, length int, err error) {
	step = 1
	if s.Step != nil && s.Step != py.Object(py.None) {
		st, ok, e := asIndex(s.Step)
		if !ok {
			return 0, 0, 0, 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		if e != nil {
			st = 1 << 62
			if bigOf(s.Step).Sign() < 0 {
				st = -(1 << 62)
			}
		}
		if st == 0 {
			return 0, 0, 0, 0, valueErrorf("slice step cannot be zero")
		}
		step = int(st)
	}
	get := func(o py.Object, def int) (int, error) {
		if o == nil || o == py.Object(py.None) {
			return def, nil
		}
		v, ok, e := asIndex(o)
		if !ok {
			return 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		if e != nil {
			if bigOf(o).Sign() < 0 {
				return -(1 << 62), nil
			}
			return 1 << 62, nil
		}
		return int(v), nil
	}
	var lower, upper int
	if step < 0 {
		lower, upper = -1, n-1
	} else {
		lower, upper = 0, n
	}
	defStart, defStop := lower, upper
	if step < 0 {
		defStart, defStop = upper, lower
	}
	if start, err = get(s.Start, defStart); err != nil {
		return
	}
	if stop, err = get(s.Stop, defStop); err != nil {
		return
	}
	clamp := func(v int, explicit bool) int {
		if !explicit {
			return v
		}
		if v < 0 {
			v += n
			if v < lower {
				v = lower
			}
		} else if v > upper {
			v = upper
		}
		return v
	}
	start = clamp(start, s.Start != nil && s.Start != py.Object(py.None))
	stop = clamp(stop, s.Stop != nil && s.Stop != py.Object(py.None))
	switch {
	case step < 0 && stop < start:
		length = (start-stop-1)/(-step) + 1
	case step > 0 && start < stop:
		length = (stop-start-1)/step + 1
	}
	return
}

// normIndex resolves a possibly negative index against length n.
func normIndex(idx py.Object, n int) (int, bool, error) {
	i, ok, err := asIndex(idx)
	if !ok || err != nil {
		return 0, ok, err
	}
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return -1, true, nil
	}
	return int(i), true, nil
}

// GetItem returns o[key].
func GetItem(t *Thread, o, key py.Object) (py.Object, error) {
	if v, ok, err := getItemHook(t, o, key); ok {
		return v, err
	}
	switch x := o.(type) {
	case *py.List:
		if sl, ok := key.(*py.Slice); ok {
			start, _, step, n, err := sliceIndices(sl, len(x.Items))
			if err != nil {
				return nil, err
			}
			out := make([]py.Object, n)
			for i := range out {
				out[i] = x.Items[start+i*step]
			}
			return &py.List{Items: out}, nil
		}
		if k, ok := key.(py.Int); ok && k >= 0 && int(k) < len(x.Items) {
			return x.Items[k], nil
		}
		i, ok, err := normIndex(key, len(x.Items))
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, typeErrorf("list indices must be integers or slices, not %s", TypeName(key))
		}
		if i < 0 {
			return nil, Errorf(IndexErrorType, "list index out of range")
		}
		return x.Items[i], nil
	case py.Tuple:
		if sl, ok := key.(*py.Slice); ok {
			start, _, step, n, err := sliceIndices(sl, len(x))
			if err != nil {
				return nil, err
			}
			out := make(py.Tuple, n)
			for i := range out {
				out[i] = x[start+i*step]
			}
			return out, nil
		}
		i, ok, err := normIndex(key, len(x))
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, typeErrorf("tuple indices must be integers or slices, not %s", TypeName(key))
		}
		if i < 0 {
			return nil, Errorf(IndexErrorType, "tuple index out of range")
		}
		return x[i], nil
	case *Dict:
		v, ok, err := x.Get(t, key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, NewException(KeyErrorType, key)
		}
		return v, nil
	case py.String:
		return strGetItem(t, x, key)
	case py.Bytes:
		if sl, ok := key.(*py.Slice); ok {
			start, _, step, n, err := sliceIndices(sl, len(x))
			if err != nil {
				return nil, err
			}
			out := make(py.Bytes, n)
			for i := range out {
				out[i] = x[start+i*step]
			}
			return out, nil
		}
		i, ok, err := normIndex(key, len(x))
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, typeErrorf("byte indices must be integers or slices, not %s", TypeName(key))
		}
		if i < 0 {
			return nil, Errorf(IndexErrorType, "index out of range")
		}
		return MakeInt(int64(x[i])), nil
	case *Range:
		return x.getItem(key)
	case *py.Type:
		return nil, typeErrorf("type '%s' is not subscriptable", x.Name)
	case Subscriptable:
		return x.PyGetItem(t, key)
	}
	return nil, typeErrorf("'%s' object is not subscriptable", TypeName(o))
}

func strGetItem(t *Thread, s py.String, key py.Object) (py.Object, error) {
	ascii := isASCII(string(s))
	var runes []rune
	n := len(s)
	if !ascii {
		runes = []rune(string(s))
		n = len(runes)
	}
	if sl, ok := key.(*py.Slice); ok {
		start, _, step, cnt, err := sliceIndices(sl, n)
		if err != nil {
			return nil, err
		}
		if ascii && step == 1 {
			return s[start : start+cnt], nil
		}
		var b strings.Builder
		for i := 0; i < cnt; i++ {
			j := start + i*step
			if ascii {
				b.WriteByte(s[j])
			} else {
				b.WriteRune(runes[j])
			}
		}
		return py.String(b.String()), nil
	}
	i, ok, err := normIndex(key, n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, typeErrorf("string indices must be integers, not '%s'", TypeName(key))
	}
	if i < 0 {
		return nil, Errorf(IndexErrorType, "string index out of range")
	}
	if ascii {
		return s[i : i+1], nil
	}
	return py.String(string(runes[i])), nil
}

// SetItem performs o[key] = v.
func SetItem(t *Thread, o, key, v py.Object) error {
	if ok, err := setItemHook(t, o, key, v); ok {
		return err
	}
	switch x := o.(type) {
	case *py.List:
		if sl, ok := key.(*py.Slice); ok {
			return listSetSlice(t, x, sl, v)
		}
		i, ok, err := normIndex(key, len(x.Items))
		if err != nil {
			return err
		}
		if !ok {
			return typeErrorf("list indices must be integers or slices, not %s", TypeName(key))
		}
		if i < 0 {
			return Errorf(IndexErrorType, "list assignment index out of range")
		}
		x.Items[i] = v
		return nil
	case *Dict:
		return x.SetItem(t, key, v)
	case ItemAssigner:
		return x.PySetItem(t, key, v)
	}
	return typeErrorf("'%s' object does not support item assignment", TypeName(o))
}

func listSetSlice(t *Thread, l *py.List, sl *py.Slice, v py.Object) error {
	var items []py.Object
	if vl, ok := v.(*py.List); ok {
		items = append([]py.Object(nil), vl.Items...)
	} else {
		var err error
		if items, err = collect(t, v); err != nil {
			if e, ok := err.(*Exception); ok && e.typ == TypeErrorType {
				return typeErrorf("must assign iterable to extended slice")
			}
			return err
		}
	}
	start, stop, step, n, err := sliceIndices(sl, len(l.Items))
	if err != nil {
		return err
	}
	if step == 1 {
		if stop < start {
			stop = start
		}
		out := make([]py.Object, 0, len(l.Items)-(stop-start)+len(items))
		out = append(out, l.Items[:start]...)
		out = append(out, items...)
		out = append(out, l.Items[stop:]...)
		l.Items = out
		return nil
	}
	if len(items) != n {
		return valueErrorf("attempt to assign sequence of size %d to extended slice of size %d", len(items), n)
	}
	for i := 0; i < n; i++ {
		l.Items[start+i*step] = items[i]
	}
	return nil
}

// DelItem performs del o[key].
func DelItem(t *Thread, o, key py.Object) error {
	if ok, err := setItemHook(t, o, key, nil); ok {
		return err
	}
	switch x := o.(type) {
	case *py.List:
		if sl, ok := key.(*py.Slice); ok {
			start, _, step, n, err := sliceIndices(sl, len(x.Items))
			if err != nil {
				return err
			}
			del := make(map[int]bool, n)
			for i := 0; i < n; i++ {
				del[start+i*step] = true
			}
			out := x.Items[:0:0]
			for i, it := range x.Items {
				if !del[i] {
					out = append(out, it)
				}
			}
			x.Items = out
			return nil
		}
		i, ok, err := normIndex(key, len(x.Items))
		if err != nil {
			return err
		}
		if !ok {
			return typeErrorf("list indices must be integers or slices, not %s", TypeName(key))
		}
		if i < 0 {
			return Errorf(IndexErrorType, "list assignment index out of range")
		}
		x.Items = append(x.Items[:i], x.Items[i+1:]...)
		return nil
	case *Dict:
		_, ok, err := x.Delete(t, key)
		if err != nil {
			return err
		}
		if !ok {
			return NewException(KeyErrorType, key)
		}
		return nil
	case ItemAssigner:
		return x.PySetItem(t, key, nil)
	}
	return typeErrorf("'%s' object doesn't support item deletion", TypeName(o))
}

// Contains returns item in container.
func Contains(t *Thread, container, item py.Object) (bool, error) {
	if b, ok, err := containsHook(t, container, item); ok {
		return b, err
	}
	switch x := container.(type) {
	case py.String:
		s, ok := item.(py.String)
		if !ok {
			return false, typeErrorf("'in <string>' requires string as left operand, not %s", TypeName(item))
		}
		return strings.Contains(string(x), string(s)), nil
	case *Dict:
		_, ok, err := x.Get(t, item)
		return ok, err
	case *Set:
		return x.Contains(t, item)
	case py.Tuple:
		return seqContains(t, x, item)
	case *py.List:
		return seqContains(t, x.Items, item)
	case py.Bytes:
		return bytesContains(x, item)
	case *Range:
		return x.contains(t, item)
	case *dictView:
		if x.kind == viewKeys {
			_, ok, err := x.d.Get(t, item)
			return ok, err
		}
	}
	if c, ok := container.(Container); ok {
		return c.PyContains(t, item)
	}
	it, err := Iterate(t, container)
	if err != nil {
		return false, typeErrorf("argument of type '%s' is not iterable", TypeName(container))
	}
	for {
		v, err := it.Next(t)
		if err != nil || v == nil {
			return false, err
		}
		if eq, err := keysEqual(t, v, item); err != nil || eq {
			return eq, err
		}
	}
}

func seqContains(t *Thread, items []py.Object, item py.Object) (bool, error) {
	for _, v := range items {
		if eq, err := keysEqual(t, v, item); err != nil || eq {
			return eq, err
		}
	}
	return false, nil
}
