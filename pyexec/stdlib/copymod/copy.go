// Package copymod implements CPython's copy module for pyexec: copy and
// deepcopy (with a memo) over the built-in containers, instances of user
// classes (through __copy__/__deepcopy__ or their __dict__) and values
// with a copy() method.
package copymod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// ErrorType is copy.Error.
var ErrorType = pyexec.NewNativeType("copy", "Error", pyexec.ExceptionType)

func init() { pyexec.RegisterModule("copy", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "copy")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"copy": copyFn, "deepcopy": deepcopyFn})
	m.Set(t, "Error", ErrorType)
	m.Set(t, "error", ErrorType)
	return m, nil
}

func atomic(o py.Object) bool {
	switch x := o.(type) {
	case py.NoneType, py.Int, *py.BigInt, py.Bool, py.Float, py.Complex, py.String, py.Bytes, *py.Type, *pyexec.Function,
		*pyexec.Builtin, *pyexec.Range, *pyexec.Code:
		return true
	case *py.Slice:
		return true
	case *pyexec.Set:
		return x.Frozen
	}
	return o == py.Ellipsis || o == pyexec.NotImplemented
}

func copyFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("copy", args, kw, []string{"x"}, 1)
	if err != nil {
		return nil, err
	}
	return shallow(t, a[0])
}

func shallow(t *pyexec.Thread, x py.Object) (py.Object, error) {
	if atomic(x) {
		return x, nil
	}
	switch v := x.(type) {
	case *pyexec.Module:
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot pickle 'module' object")
	case py.Tuple:
		return v, nil
	case *py.List:
		return &py.List{Items: append([]py.Object{}, v.Items...)}, nil
	case *pyexec.Dict:
		return v.Copy(), nil
	case *pyexec.Set:
		s := pyexec.NewSet(t)
		for _, e := range v.Elems() {
			if err := s.Add(t, e); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *pyexec.Instance:
		if pyexec.IsUserClass(v.Type()) {
			if f, err := pyexec.GetAttr(t, v, "__copy__"); err == nil {
				return pyexec.Call(t, f, nil, nil)
			}
			if r, ok := v.Value().(pyexec.Reducer); ok {
				return reduceCopy(t, v, r, nil)
			}
			return reconstruct(t, v, nil)
		}
	}
	if f, err := pyexec.GetAttr(t, x, "__copy__"); err == nil {
		return pyexec.Call(t, f, nil, nil)
	}
	if r, ok := x.(pyexec.Reducer); ok {
		return reduceCopy(t, x, r, nil)
	}
	if f, err := pyexec.GetAttr(t, x, "copy"); err == nil {
		return pyexec.Call(t, f, nil, nil)
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot pickle '%s' object", pyexec.TypeName(x))
}

// reduceCopy rebuilds x (a native value, or an instance of a user class
// deriving from a native type, whose payload is r) from its reduction, as
// CPython's copy._reconstruct does; deep when memo is not nil.
func reduceCopy(t *pyexec.Thread, x py.Object, r pyexec.Reducer, memo *memoTab) (py.Object, error) {
	red, err := r.PyReduce(t)
	if err != nil {
		return nil, err
	}
	deep := memo != nil
	args := red.Args
	if deep && len(args) > 0 {
		a, err := memo.deep(t, args)
		if err != nil {
			return nil, err
		}
		args = a.(py.Tuple)
	}
	y, err := pyexec.Call(t, red.Func, args, nil)
	if err != nil {
		return nil, err
	}
	if deep {
		if key, ok := identityKey(x); ok {
			memo.m[key] = y
		}
	}
	if red.State != nil {
		var state py.Object = red.State
		if deep {
			if state, err = memo.deep(t, state); err != nil {
				return nil, err
			}
		}
		if f, err := pyexec.GetAttr(t, y, "__setstate__"); err == nil {
			if _, err := pyexec.Call(t, f, []py.Object{state}, nil); err != nil {
				return nil, err
			}
		} else if dst, ok := pyexec.InstanceDict(y); ok {
			if sd, ok := state.(*pyexec.Dict); ok {
				if err := dst.Update(t, sd); err != nil {
					return nil, err
				}
			}
		}
	}
	if red.HasList {
		add, err := pyexec.GetAttr(t, y, "append")
		if err != nil {
			return nil, err
		}
		for _, it := range red.ListItems {
			if deep {
				if it, err = memo.deep(t, it); err != nil {
					return nil, err
				}
			}
			if _, err := pyexec.Call(t, add, []py.Object{it}, nil); err != nil {
				return nil, err
			}
		}
	}
	if red.HasDict {
		for _, kv := range red.DictItems {
			k, v := kv[0], kv[1]
			if deep {
				if k, err = memo.deep(t, k); err != nil {
					return nil, err
				}
				if v, err = memo.deep(t, v); err != nil {
					return nil, err
				}
			}
			if err := pyexec.SetItem(t, y, k, v); err != nil {
				return nil, err
			}
		}
	}
	return y, nil
}

// reconstruct makes a new instance of x's class with a copy of its state
// (deep when memo is not nil) and its built-in payload.
func reconstruct(t *pyexec.Thread, x *pyexec.Instance, memo *memoTab) (py.Object, error) {
	var payload py.Object
	if v := x.Value(); v != nil {
		payload = v
		if memo != nil {
			var err error
			if payload, err = memo.deep(t, v); err != nil {
				return nil, err
			}
		} else if p, err := shallow(t, v); err == nil {
			payload = p
		}
	}
	var y py.Object
	var err error
	if payload != nil {
		if _, isTuple := payload.(py.Tuple); isTuple {
			var nf py.Object
			if nf, err = pyexec.GetAttr(t, x.Type(), "__new__"); err == nil {
				y, err = pyexec.Call(t, nf, []py.Object{x.Type(), payload}, nil)
			}
		} else {
			if y, err = pyexec.NewInstance(t, x.Type()); err == nil {
				err = fill(t, y, payload)
			}
		}
	} else {
		y, err = pyexec.NewInstance(t, x.Type())
	}
	if err != nil {
		return nil, err
	}
	if memo != nil {
		memo.m[x] = y
	}
	if src, ok := pyexec.InstanceDict(x); ok {
		if dst, ok := pyexec.InstanceDict(y); ok {
			var err error
			src.Items(func(k, v py.Object) bool {
				if memo != nil {
					if v, err = memo.deep(t, v); err != nil {
						return false
					}
				}
				err = dst.SetItem(t, k, v)
				return err == nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return y, nil
}

// fill copies a list, dict or set payload into the fresh instance y.
func fill(t *pyexec.Thread, y, payload py.Object) error {
	switch p := payload.(type) {
	case *py.List:
		if l, ok := y.(*pyexec.Instance).Value().(*py.List); ok {
			l.Items = append(l.Items, p.Items...)
		}
	case *pyexec.Dict:
		if d, ok := y.(*pyexec.Instance).Value().(*pyexec.Dict); ok {
			return d.Update(t, p)
		}
	case *pyexec.Set:
		if s, ok := y.(*pyexec.Instance).Value().(*pyexec.Set); ok {
			for _, e := range p.Elems() {
				if err := s.Add(t, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

type memoTab struct {
	m    map[py.Object]py.Object
	dict *pyexec.Dict // the memo passed to __deepcopy__
}

func deepcopyFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("deepcopy", args, kw, []string{"x", "memo"}, 1)
	if err != nil {
		return nil, err
	}
	memo := &memoTab{m: map[py.Object]py.Object{}}
	if d, ok := a[1].(*pyexec.Dict); ok {
		memo.dict = d
	} else {
		memo.dict = pyexec.NewDict(0)
	}
	return memo.deep(t, a[0])
}

func identityKey(o py.Object) (py.Object, bool) {
	switch o.(type) {
	case *py.List, *pyexec.Dict, *pyexec.Set, *pyexec.Instance, pyexec.Reducer:
		return o, true
	}
	return nil, false
}

// deepFrames is how many Python frames CPython's copy.deepcopy spends on
// each level of a nested value (deepcopy and the _deepcopy_* helper): what
// this port charges against the recursion limit, so that nesting fails
// where CPython's does, with a RecursionError rather than a Go stack
// overflow.
const deepFrames = 2

func (memo *memoTab) deep(t *pyexec.Thread, x py.Object) (py.Object, error) {
	if atomic(x) {
		return x, nil
	}
	key, hasKey := identityKey(x)
	if hasKey {
		if y, ok := memo.m[key]; ok {
			return y, nil
		}
	}
	if err := t.EnterFrames(deepFrames); err != nil {
		return nil, err
	}
	defer t.LeaveFrames(deepFrames)
	switch v := x.(type) {
	case py.Tuple:
		out := make(py.Tuple, len(v))
		same := true
		for i, e := range v {
			c, err := memo.deep(t, e)
			if err != nil {
				return nil, err
			}
			out[i] = c
			same = same && pyexec.Identical(c, e)
		}
		if same {
			return v, nil
		}
		return out, nil
	case *py.List:
		y := &py.List{Items: make([]py.Object, 0, len(v.Items))}
		memo.m[key] = y
		for _, e := range v.Items {
			c, err := memo.deep(t, e)
			if err != nil {
				return nil, err
			}
			y.Items = append(y.Items, c)
		}
		return y, nil
	case *pyexec.Dict:
		y := pyexec.NewDict(v.Len())
		memo.m[key] = y
		var err error
		v.Items(func(k, val py.Object) bool {
			var ck, cv py.Object
			if ck, err = memo.deep(t, k); err != nil {
				return false
			}
			if cv, err = memo.deep(t, val); err != nil {
				return false
			}
			err = y.SetItem(t, ck, cv)
			return err == nil
		})
		return y, err
	case *pyexec.Set:
		y := pyexec.NewSet(t)
		memo.m[key] = y
		for _, e := range v.Elems() {
			c, err := memo.deep(t, e)
			if err != nil {
				return nil, err
			}
			if err := y.Add(t, c); err != nil {
				return nil, err
			}
		}
		return y, nil
	case *pyexec.Instance:
		if pyexec.IsUserClass(v.Type()) {
			if f, err := pyexec.GetAttr(t, v, "__deepcopy__"); err == nil {
				y, err := pyexec.Call(t, f, []py.Object{memo.dict}, nil)
				if err == nil {
					memo.m[key] = y
				}
				return y, err
			}
			if r, ok := v.Value().(pyexec.Reducer); ok {
				return reduceCopy(t, v, r, memo)
			}
			return reconstruct(t, v, memo)
		}
	}
	if f, err := pyexec.GetAttr(t, x, "__deepcopy__"); err == nil {
		return pyexec.Call(t, f, []py.Object{memo.dict}, nil)
	}
	if r, ok := x.(pyexec.Reducer); ok {
		return reduceCopy(t, x, r, memo)
	}
	// Values of native types: a shallow copy with deep-copied items is not
	// available generically, so copy through copy() when present.
	return shallow(t, x)
}
