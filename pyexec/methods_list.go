package pyexec

import (
	"github.com/go-python/gpython/py"
)

func init() {
	addMethods(py.ListType, map[string]MethodFunc{
		"append": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("list.append", args, kw, 1, 1); err != nil {
				return nil, err
			}
			l := self.(*py.List)
			l.Items = appendItem(l.Items, args[0])
			return py.None, nil
		},
		"extend": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("list.extend", args, kw, 1, 1); err != nil {
				return nil, err
			}
			items, err := collect(t, args[0])
			if err != nil {
				return nil, err
			}
			l := self.(*py.List)
			l.Items = append(l.Items, items...)
			return py.None, nil
		},
		"pop": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("pop", args, kw, 0, 1); err != nil {
				return nil, err
			}
			l := self.(*py.List)
			if len(l.Items) == 0 {
				return nil, Errorf(IndexErrorType, "pop from empty list")
			}
			i := len(l.Items) - 1
			if len(args) == 1 {
				j, ok, err := normIndex(args[0], len(l.Items))
				if !ok {
					return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
				}
				if err != nil || j < 0 {
					return nil, Errorf(IndexErrorType, "pop index out of range")
				}
				i = j
			}
			v := l.Items[i]
			l.Items = append(l.Items[:i], l.Items[i+1:]...)
			return v, nil
		},
		"insert": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("insert", args, kw, 2, 2); err != nil {
				return nil, err
			}
			l := self.(*py.List)
			i, ok, _ := asIndex(args[0])
			if !ok {
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
			}
			n := int64(len(l.Items))
			if i < 0 {
				i += n
				if i < 0 {
					i = 0
				}
			}
			if i > n {
				i = n
			}
			l.Items = append(l.Items, nil)
			copy(l.Items[i+1:], l.Items[i:])
			l.Items[i] = args[1]
			return py.None, nil
		},
		"sort": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return listSort(t, self.(*py.List), args, kw)
		},
		"reverse": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("reverse", args, kw, 0, 0); err != nil {
				return nil, err
			}
			it := self.(*py.List).Items
			for i, j := 0, len(it)-1; i < j; i, j = i+1, j-1 {
				it[i], it[j] = it[j], it[i]
			}
			return py.None, nil
		},
		"copy": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return &py.List{Items: append([]py.Object{}, self.(*py.List).Items...)}, nil
		},
		"clear": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*py.List).Items = nil
			return py.None, nil
		},
		"index": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("index", args, kw, 1, 1); err != nil {
				return nil, err
			}
			for i, v := range self.(*py.List).Items {
				if eq, err := keysEqual(t, v, args[0]); err != nil || eq {
					return MakeInt(int64(i)), err
				}
			}
			r, _ := Repr(t, args[0])
			if t.minor() >= 13 {
				return nil, valueErrorf("list.index(x): x not in list")
			}
			return nil, valueErrorf("%s is not in list", r)
		},
		"count": seqCount,
		"remove": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("remove", args, kw, 1, 1); err != nil {
				return nil, err
			}
			l := self.(*py.List)
			for i, v := range l.Items {
				if eq, err := keysEqual(t, v, args[0]); err != nil {
					return nil, err
				} else if eq {
					l.Items = append(l.Items[:i], l.Items[i+1:]...)
					return py.None, nil
				}
			}
			return nil, valueErrorf("list.remove(x): x not in list")
		},
	})
	addMethods(py.TupleType, map[string]MethodFunc{
		"count": seqCount,
		"index": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("index", args, kw, 1, 1); err != nil {
				return nil, err
			}
			for i, v := range self.(py.Tuple) {
				if eq, err := keysEqual(t, v, args[0]); err != nil || eq {
					return MakeInt(int64(i)), err
				}
			}
			return nil, valueErrorf("tuple.index(x): x not in tuple")
		},
	})
}

func seqCount(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("count", args, kw, 1, 1); err != nil {
		return nil, err
	}
	var items []py.Object
	switch x := self.(type) {
	case *py.List:
		items = x.Items
	case py.Tuple:
		items = x
	}
	n := 0
	for _, v := range items {
		eq, err := keysEqual(t, v, args[0])
		if err != nil {
			return nil, err
		}
		if eq {
			n++
		}
	}
	return MakeInt(int64(n)), nil
}

// appendItem appends v to a list's items, growing an empty or tiny
// backing array straight to 4 slots (as CPython's list_resize does) instead
// of Go's 1, 2, 4: small lists built by append allocate once, not three
// times.
func appendItem(items []py.Object, v py.Object) []py.Object {
	if n := len(items); n == cap(items) && n < 4 {
		grown := make([]py.Object, n, 4)
		copy(grown, items)
		items = grown
	}
	return append(items, v)
}

// listSort implements list.sort(*, key=None, reverse=False).
func listSort(t *Thread, l *py.List, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) != len(kw) {
		return nil, typeErrorf("sort() takes no positional arguments")
	}
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "sort", args, kw, []string{"$key", "$reverse"}, 0)
	if err != nil {
		return nil, err
	}
	key := a[0]
	if isNone(key) {
		key = nil
	}
	rev := false
	if a[1] != nil {
		if rev, err = Truth(t, a[1]); err != nil {
			return nil, err
		}
	}
	items := l.Items
	l.Items = nil // CPython empties the list while sorting
	err = sortItems(t, items, key, rev)
	if l.Items != nil && err == nil {
		err = valueErrorf("list modified during sort")
	}
	l.Items = items
	if err != nil {
		return nil, err
	}
	return py.None, nil
}
