package collectionsmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func newCounter(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	c := &Counter{mapping{d: pyexec.NewDict(0)}}
	if len(args)-len(kw) > 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 1 arguments, got %d", len(args)-len(kw))
	}
	return c, c.update(t, args, kw, 1)
}

func (c *Counter) get(t *pyexec.Thread, k py.Object) (py.Object, error) {
	v, ok, err := c.d.Get(t, k)
	if err != nil || ok {
		return v, err
	}
	if v, found, err := c.userMissing(t, k); found {
		return v, err
	}
	return pyexec.MakeInt(0), nil
}

// update adds (sign 1) or subtracts (sign -1) counts.
func (c *Counter) update(t *pyexec.Thread, args []py.Object, kw py.Tuple, sign int) error {
	op := pyexec.OpAdd
	if sign < 0 {
		op = pyexec.OpSub
	}
	add := func(k, n py.Object) error {
		// The current count as dict.get(k, 0) reads it (CPython's
		// update does not call a subclass's __missing__).
		cur, ok, err := c.d.Get(t, k)
		if err != nil {
			return err
		}
		if !ok {
			cur = pyexec.MakeInt(0)
		}
		x, y := n, cur
		if sign < 0 {
			x, y = cur, n
		}
		v, err := pyexec.BinaryOp(t, op, x, y)
		if err != nil {
			return err
		}
		return c.d.SetItem(t, k, v)
	}
	npos := len(args) - len(kw)
	if npos > 0 && !pyexec.IsNone(args[0]) {
		src := args[0]
		if d, ok := dictOf(src); ok && c.d.Len() == 0 && sign > 0 {
			if err := c.d.Update(t, d); err != nil {
				return err
			}
		} else if d, ok := dictOf(src); ok {
			var err error
			d.Items(func(k, v py.Object) bool {
				err = add(k, v)
				return err == nil
			})
			if err != nil {
				return err
			}
		} else {
			it, err := pyexec.Iterate(t, src)
			if err != nil {
				return err
			}
			one := pyexec.MakeInt(1)
			for {
				x, err := it.Next(t)
				if err != nil {
					return err
				}
				if x == nil {
					break
				}
				if err := add(x, one); err != nil {
					return err
				}
			}
		}
	}
	for i, k := range kw {
		if err := add(k, args[npos+i]); err != nil {
			return err
		}
	}
	return nil
}

// PyGetItem is c[k]; a missing key counts 0.
func (c *Counter) PyGetItem(t *pyexec.Thread, k py.Object) (py.Object, error) { return c.get(t, k) }

// mostCommon returns the (key, count) pairs by descending count.
func (c *Counter) mostCommon(t *pyexec.Thread) ([]py.Object, error) {
	items := make([]py.Object, 0, c.d.Len())
	c.d.Items(func(k, v py.Object) bool {
		items = append(items, py.Tuple{k, v})
		return true
	})
	key := &pyexec.Builtin{Name: "itemgetter", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return args[0].(py.Tuple)[1], nil
	}}
	return items, pyexec.SortItems(t, items, key, true)
}

// PyEqual treats missing counts as zero against another Counter.
func (c *Counter) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	o, ok := pyexec.Payload(other).(*Counter)
	if !ok {
		return mappingEqual(t, c.d, other)
	}
	for _, pair := range [][2]*Counter{{c, o}, {o, c}} {
		for _, k := range pair[0].d.Keys() {
			a, _ := pair[0].get(t, k)
			b, err := pair[1].get(t, k)
			if err != nil {
				return false, true, err
			}
			eq, err := pyexec.Equal(t, a, b)
			if err != nil || !eq {
				return false, true, err
			}
		}
	}
	return true, true, nil
}

// Repr is Counter({...}) in most_common order.
func (c *Counter) Repr(t *pyexec.Thread) (string, error) {
	name := c.typeName("Counter")
	if c.d.Len() == 0 {
		return name + "()", nil
	}
	items, err := c.mostCommon(t)
	d := c.d
	if err == nil {
		d = pyexec.NewDict(len(items))
		for _, it := range items {
			p := it.(py.Tuple)
			if err := d.SetItem(t, p[0], p[1]); err != nil {
				return "", err
			}
		}
	} else if e, ok := err.(*pyexec.Exception); !ok || e.Type() != pyexec.TypeErrorType {
		return "", err
	}
	s, err := dictRepr(t, d)
	return name + "(" + s + ")", err
}

func isPositive(t *pyexec.Thread, v py.Object) (bool, error) {
	return pyexec.Compare(t, pyexec.CmpGT, v, pyexec.MakeInt(0))
}

// PyBinaryOp implements + - | & between Counters.
func (c *Counter) PyBinaryOp(t *pyexec.Thread, op int, other py.Object, right, inplace bool) (py.Object, bool, error) {
	o, ok := pyexec.Payload(other).(*Counter)
	if !ok {
		if _, user := other.(*pyexec.Instance); user || right {
			return nil, false, nil
		}
		sym := map[int]string{pyexec.OpAdd: "+", pyexec.OpSub: "-", pyexec.OpOr: "|", pyexec.OpAnd: "&"}[op]
		if inplace {
			sym += "="
		}
		return nil, true, pyexec.Errorf(pyexec.TypeErrorType, "unsupported operand type(s) for %s: '%s' and '%s'", sym, c.typeName("Counter"), pyexec.TypeName(other))
	}
	a, b := c, o
	if right {
		a, b = o, c
	}
	r := &Counter{mapping{d: pyexec.NewDict(0)}}
	var err error
	put := func(k, v py.Object) error {
		pos, err := isPositive(t, v)
		if err != nil || !pos {
			return err
		}
		return r.d.SetItem(t, k, v)
	}
	switch op {
	case pyexec.OpAdd, pyexec.OpSub:
		for _, k := range a.d.Keys() {
			x, _ := a.get(t, k)
			y, _ := b.get(t, k)
			v, err := pyexec.BinaryOp(t, op, x, y)
			if err != nil {
				return nil, true, err
			}
			if err := put(k, v); err != nil {
				return nil, true, err
			}
		}
		for _, k := range b.d.Keys() {
			if _, in, _ := a.d.Get(t, k); in {
				continue
			}
			y, _ := b.get(t, k)
			if op == pyexec.OpSub {
				if y, err = pyexec.BinaryOp(t, pyexec.OpSub, pyexec.MakeInt(0), y); err != nil {
					return nil, true, err
				}
			}
			if err := put(k, y); err != nil {
				return nil, true, err
			}
		}
	case pyexec.OpOr, pyexec.OpAnd:
		for _, k := range a.d.Keys() {
			x, _ := a.get(t, k)
			y, _ := b.get(t, k)
			lt, err := pyexec.Compare(t, pyexec.CmpLT, x, y)
			if err != nil {
				return nil, true, err
			}
			v := x
			if lt == (op == pyexec.OpOr) {
				v = y
			}
			if err := put(k, v); err != nil {
				return nil, true, err
			}
		}
		if op == pyexec.OpOr {
			for _, k := range b.d.Keys() {
				if _, in, _ := a.d.Get(t, k); in {
					continue
				}
				y, _ := b.get(t, k)
				if err := put(k, y); err != nil {
					return nil, true, err
				}
			}
		}
	default:
		return nil, false, nil
	}
	if inplace {
		c.d.Clear()
		if err := c.d.Update(t, r.d); err != nil {
			return nil, true, err
		}
		return c, true, nil
	}
	return r, true, nil
}

func initCounter() {
	counter := func(o py.Object) *Counter { return o.(*Counter) }
	addDictMethods(CounterType, map[string]pyexec.MethodFunc{
		"update": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)-len(kw) > 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 1 arguments, got %d", len(args)-len(kw))
			}
			return py.None, counter(self).update(t, args, kw, 1)
		},
		"subtract": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)-len(kw) > 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 1 arguments, got %d", len(args)-len(kw))
			}
			return py.None, counter(self).update(t, args, kw, -1)
		},
		"copy": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("copy", args, kw, 0, 0); err != nil {
				return nil, err
			}
			if c := counter(self); c.owner != nil {
				return callOwnerType(t, c.owner, c.owner)
			}
			return &Counter{mapping{d: counter(self).d.Copy()}}, nil
		},
		"__init__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)-len(kw) > 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 1 arguments, got %d", len(args)-len(kw))
			}
			return py.None, counter(self).update(t, args, kw, 1)
		},
		"__missing__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(0), nil
		},
		"total": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if t.Version().Minor < 10 {
				return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'total'", counter(self).typeName("Counter"))
			}
			if err := pyexec.CheckArgs("total", args, kw, 0, 0); err != nil {
				return nil, err
			}
			var sum py.Object = pyexec.MakeInt(0)
			var err error
			counter(self).d.Items(func(k, v py.Object) bool {
				sum, err = pyexec.BinaryOp(t, pyexec.OpAdd, sum, v)
				return err == nil
			})
			return sum, err
		},
		"most_common": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, err := pyexec.BindArgs("most_common", args, kw, []string{"n"}, 0)
			if err != nil {
				return nil, err
			}
			items, err := counter(self).mostCommon(t)
			if err != nil {
				return nil, err
			}
			if a[0] != nil && !pyexec.IsNone(a[0]) {
				n, ok, err := pyexec.AsIndex(a[0])
				if err != nil {
					return nil, err
				}
				if !ok {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[0]))
				}
				if n < 0 {
					n = 0
				}
				if int(n) < len(items) {
					items = items[:n]
				}
			}
			return &py.List{Items: items}, nil
		},
		"elements": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("elements", args, kw, 0, 0); err != nil {
				return nil, err
			}
			var out []py.Object
			var err error
			counter(self).d.Items(func(k, v py.Object) bool {
				n, ok, e := pyexec.AsIndex(v)
				if e != nil || !ok {
					err = pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(v))
					return false
				}
				for i := int64(0); i < n; i++ {
					out = append(out, k)
				}
				return true
			})
			if err != nil {
				return nil, err
			}
			i := 0
			return pyexec.NewIterator(itertoolsChain, func(*pyexec.Thread) (py.Object, error) {
				if i >= len(out) {
					return nil, nil
				}
				i++
				return out[i-1], nil
			}), nil
		},
	})
	pyexec.RegisterNativeBase(CounterType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &Counter{mapping{d: pyexec.NewDict(0), owner: self}}, nil
	}})
	// A classmethod, so that it hides dict.fromkeys for Counter and its
	// subclasses.
	pyexec.SetClassMethod(CounterType, "fromkeys", func(t *pyexec.Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.NotImplementedErrorType, "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
	})
}

var itertoolsChain = pyexec.NewNativeType("itertools", "chain", nil)
