// Package bisectmod implements CPython's bisect module for pyexec.
package bisectmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("bisect", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "bisect")
	fns := map[string]pyexec.BuiltinFunc{
		"bisect_left": search("bisect_left", false), "bisect_right": search("bisect_right", true),
		"insort_left": insort("insort_left", false), "insort_right": insort("insort_right", true),
	}
	m.AddFuncs(t, fns)
	m.Set(t, "bisect", &pyexec.Builtin{Name: "bisect_right", Fn: fns["bisect_right"]})
	m.Set(t, "insort", &pyexec.Builtin{Name: "insort_right", Fn: fns["insort_right"]})
	return m, nil
}

// find returns the insertion point of x (already transformed by key).
func find(t *pyexec.Thread, a, x, lo, hi, key py.Object, right bool) (int64, error) {
	l, h := int64(0), int64(-1)
	if lo != nil {
		v, ok, err := pyexec.AsIndex(lo)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(lo))
		}
		l = v
	}
	if l < 0 {
		return 0, pyexec.Errorf(pyexec.ValueErrorType, "lo must be non-negative")
	}
	if hi != nil && !pyexec.IsNone(hi) {
		v, ok, err := pyexec.AsIndex(hi)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(hi))
		}
		h = v
	} else {
		n, err := pyexec.Len(t, a)
		if err != nil {
			return 0, err
		}
		h = int64(n)
	}
	for l < h {
		mid := int64(uint64(l+h) / 2)
		v, err := pyexec.GetItem(t, a, pyexec.MakeInt(mid))
		if err != nil {
			return 0, err
		}
		if key != nil && !pyexec.IsNone(key) {
			if v, err = pyexec.Call(t, key, []py.Object{v}, nil); err != nil {
				return 0, err
			}
		}
		var less bool
		if right {
			less, err = pyexec.Compare(t, pyexec.CmpLT, x, v)
		} else {
			less, err = pyexec.Compare(t, pyexec.CmpLT, v, x)
		}
		if err != nil {
			return 0, err
		}
		if less == right {
			h = mid
		} else {
			l = mid + 1
		}
	}
	return l, nil
}

func search(name string, right bool) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"a", "x", "lo", "hi", "$key"}, 2)
		if err != nil {
			return nil, err
		}
		i, err := find(t, a[0], a[1], a[2], a[3], a[4], right)
		if err != nil {
			return nil, err
		}
		return pyexec.MakeInt(i), nil
	}
}

func insort(name string, right bool) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"a", "x", "lo", "hi", "$key"}, 2)
		if err != nil {
			return nil, err
		}
		x := a[1]
		if a[4] != nil && !pyexec.IsNone(a[4]) {
			if x, err = pyexec.Call(t, a[4], []py.Object{x}, nil); err != nil {
				return nil, err
			}
		}
		i, err := find(t, a[0], x, a[2], a[3], a[4], right)
		if err != nil {
			return nil, err
		}
		ins, err := pyexec.GetAttr(t, a[0], "insert")
		if err != nil {
			return nil, err
		}
		_, err = pyexec.Call(t, ins, []py.Object{pyexec.MakeInt(i), a[1]}, nil)
		return py.None, err
	}
}
