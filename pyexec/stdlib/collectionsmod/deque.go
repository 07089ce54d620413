package collectionsmod

import (
	"strconv"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// DequeType is collections.deque.
var DequeType = pyexec.NewNativeType("collections", "deque", nil)

// Deque is a collections.deque.
type Deque struct {
	items  []py.Object
	maxlen int // -1: unbounded
	// owner is the instance of a user subclass of deque that carries this
	// deque (nil for a plain deque).
	owner py.Object
}

// Type returns collections.deque.
func (d *Deque) Type() *py.Type { return DequeType }

func newDeque(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	d := &Deque{maxlen: -1}
	return d, d.init(t, args, kw)
}

// init is deque.__init__(iterable=(), maxlen=None): the deque is emptied,
// then filled.
func (d *Deque) init(t *pyexec.Thread, args []py.Object, kw py.Tuple) error {
	a, err := pyexec.BindArgs("deque", args, kw, []string{"iterable", "maxlen"}, 0)
	if err != nil {
		return err
	}
	d.maxlen = -1
	if a[1] != nil && !pyexec.IsNone(a[1]) {
		n, ok, err := pyexec.AsIndex(a[1])
		if err != nil {
			return err
		}
		if !ok {
			return pyexec.Errorf(pyexec.TypeErrorType, "an integer is required")
		}
		if n < 0 {
			return pyexec.Errorf(pyexec.ValueErrorType, "maxlen must be non-negative")
		}
		d.maxlen = int(n)
	}
	var items []py.Object
	if a[0] != nil {
		if items, err = pyexec.Collect(t, a[0]); err != nil {
			return err
		}
	}
	d.items = nil
	d.extend(items)
	return nil
}

// typeName is type(d).__name__: deque, or the user subclass's name.
func (d *Deque) typeName() string {
	if d.owner != nil {
		return pyexec.TypeName(d.owner)
	}
	return "deque"
}

// asDeque returns the deque o is or carries (an instance of a user
// subclass of deque).
func asDeque(o py.Object) (*Deque, bool) {
	d, ok := pyexec.Payload(o).(*Deque)
	return d, ok
}

func (d *Deque) extend(items []py.Object) {
	for _, x := range items {
		d.push(x)
	}
}

func (d *Deque) push(x py.Object) {
	if d.maxlen == 0 {
		return
	}
	if d.maxlen > 0 && len(d.items) >= d.maxlen {
		d.items = d.items[1:]
	}
	d.items = append(d.items, x)
}

func (d *Deque) pushLeft(x py.Object) {
	if d.maxlen == 0 {
		return
	}
	if d.maxlen > 0 && len(d.items) >= d.maxlen {
		d.items = d.items[:len(d.items)-1]
	}
	d.items = append([]py.Object{x}, d.items...)
}

// PyLen is len().
func (d *Deque) PyLen(*pyexec.Thread) (int, error) { return len(d.items), nil }

// Iter iterates over a snapshot of the items.
func (d *Deque) Iter(t *pyexec.Thread) (pyexec.Iterator, error) {
	items := append([]py.Object(nil), d.items...)
	i := 0
	return pyexec.NewIterator(pyexec.IteratorType, func(*pyexec.Thread) (py.Object, error) {
		if i >= len(items) {
			return nil, nil
		}
		i++
		return items[i-1], nil
	}), nil
}

func (d *Deque) index(key py.Object) (int, error) {
	n, ok, err := pyexec.AsIndex(key)
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "sequence index must be integer, not '%s'", pyexec.TypeName(key))
	}
	if err != nil {
		return 0, pyexec.Errorf(pyexec.IndexErrorType, "cannot fit 'int' into an index-sized integer")
	}
	if n < 0 {
		n += int64(len(d.items))
	}
	if n < 0 || n >= int64(len(d.items)) {
		return 0, pyexec.Errorf(pyexec.IndexErrorType, "deque index out of range")
	}
	return int(n), nil
}

// PyGetItem is d[i].
func (d *Deque) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	i, err := d.index(key)
	if err != nil {
		return nil, err
	}
	return d.items[i], nil
}

// PySetItem is d[i] = v and del d[i].
func (d *Deque) PySetItem(t *pyexec.Thread, key, v py.Object) error {
	i, err := d.index(key)
	if err != nil {
		return err
	}
	if v == nil {
		d.items = append(d.items[:i:i], d.items[i+1:]...)
		return nil
	}
	d.items[i] = v
	return nil
}

// PyContains is `in`.
func (d *Deque) PyContains(t *pyexec.Thread, x py.Object) (bool, error) {
	for _, it := range d.items {
		eq, err := pyexec.Equal(t, it, x)
		if err != nil || eq {
			return eq, err
		}
	}
	return false, nil
}

// PyEqual compares deques item by item.
func (d *Deque) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	o, ok := asDeque(other)
	if !ok {
		return false, false, nil
	}
	eq, err := pyexec.Equal(t, &py.List{Items: d.items}, &py.List{Items: o.items})
	return eq, true, err
}

// PyCompare orders deques lexicographically.
func (d *Deque) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	o, ok := asDeque(other)
	if !ok {
		return false, false, nil
	}
	r, err := pyexec.Compare(t, op, &py.List{Items: d.items}, &py.List{Items: o.items})
	return r, true, err
}

// Repr is deque([...]) or deque([...], maxlen=n).
func (d *Deque) Repr(t *pyexec.Thread) (string, error) {
	s, err := joinRepr(t, d.items)
	if err != nil {
		return "", err
	}
	if d.maxlen >= 0 {
		return d.typeName() + "([" + s + "], maxlen=" + strconv.Itoa(d.maxlen) + ")", nil
	}
	return d.typeName() + "([" + s + "])", nil
}

// GetAttr exposes maxlen.
func (d *Deque) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "maxlen" {
		if d.maxlen < 0 {
			return py.None, true, nil
		}
		return pyexec.MakeInt(int64(d.maxlen)), true, nil
	}
	return nil, false, nil
}

// copy is d.copy(): a deque, or for a user subclass type(d)(d) (with the
// maxlen when bounded), as CPython makes it.
func (d *Deque) copy(t *pyexec.Thread) (*Deque, py.Object, error) {
	if d.owner == nil {
		r := &Deque{items: append([]py.Object(nil), d.items...), maxlen: d.maxlen}
		return r, r, nil
	}
	args := []py.Object{d.owner}
	if d.maxlen >= 0 {
		args = append(args, pyexec.MakeInt(int64(d.maxlen)))
	}
	r, err := pyexec.Call(t, pyexec.TypeOf(d.owner), args, nil)
	if err != nil {
		return nil, nil, err
	}
	rd, ok := asDeque(r)
	if !ok {
		return nil, nil, pyexec.Errorf(pyexec.TypeErrorType, "%s() must return a deque, not %s", d.typeName(), pyexec.TypeName(r))
	}
	return rd, r, nil
}

// PyBinaryOp implements +, += and *.
func (d *Deque) PyBinaryOp(t *pyexec.Thread, op int, other py.Object, right, inplace bool) (py.Object, bool, error) {
	switch op {
	case pyexec.OpAdd:
		if right {
			return nil, false, nil
		}
		if inplace {
			items, err := pyexec.Collect(t, other)
			if err != nil {
				return nil, true, err
			}
			d.extend(items)
			return d, true, nil
		}
		o, ok := asDeque(other)
		if !ok {
			return nil, true, pyexec.Errorf(pyexec.TypeErrorType, "can only concatenate deque (not \"%s\") to deque", pyexec.TypeName(other))
		}
		rd, r, err := d.copy(t)
		if err != nil {
			return nil, true, err
		}
		rd.extend(append([]py.Object(nil), o.items...))
		return r, true, nil
	case pyexec.OpMul:
		n, ok, err := pyexec.AsIndex(other)
		if err != nil {
			return nil, true, err
		}
		if !ok {
			return nil, true, pyexec.Errorf(pyexec.TypeErrorType, "can't multiply sequence by non-int of type '%s'", pyexec.TypeName(other))
		}
		rd, r := d, py.Object(d)
		if !inplace {
			if rd, r, err = d.copy(t); err != nil {
				return nil, true, err
			}
		}
		items := append([]py.Object(nil), rd.items...)
		rd.items = nil
		for i := int64(0); i < n; i++ {
			rd.extend(items)
		}
		return r, true, nil
	}
	return nil, false, nil
}

func initDeque() {
	pyexec.SetTypeCtor(DequeType, newDeque)
	pyexec.RegisterNativeBase(DequeType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &Deque{maxlen: -1, owner: self}, nil
	}})
	dq := func(o py.Object) *Deque { return o.(*Deque) }
	one := func(name string, fn func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error)) pyexec.MethodFunc {
		return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			return fn(t, dq(self), args[0])
		}
	}
	none := func(name string, fn func(t *pyexec.Thread, d *Deque) (py.Object, error)) pyexec.MethodFunc {
		return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs(name, args, kw, 0, 0); err != nil {
				return nil, err
			}
			return fn(t, dq(self))
		}
	}
	pyexec.AddMethods(DequeType, map[string]pyexec.MethodFunc{
		"append": one("append", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			d.push(x)
			return py.None, nil
		}),
		"appendleft": one("appendleft", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			d.pushLeft(x)
			return py.None, nil
		}),
		"extend": one("extend", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			items, err := pyexec.Collect(t, x)
			d.extend(items)
			return py.None, err
		}),
		"extendleft": one("extendleft", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			items, err := pyexec.Collect(t, x)
			for _, it := range items {
				d.pushLeft(it)
			}
			return py.None, err
		}),
		"pop": none("pop", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			if len(d.items) == 0 {
				return nil, pyexec.Errorf(pyexec.IndexErrorType, "pop from an empty deque")
			}
			x := d.items[len(d.items)-1]
			d.items = d.items[:len(d.items)-1]
			return x, nil
		}),
		"popleft": none("popleft", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			if len(d.items) == 0 {
				return nil, pyexec.Errorf(pyexec.IndexErrorType, "pop from an empty deque")
			}
			x := d.items[0]
			d.items = d.items[1:]
			return x, nil
		}),
		"clear": none("clear", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			d.items = nil
			return py.None, nil
		}),
		"copy": none("copy", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			_, r, err := d.copy(t)
			return r, err
		}),
		"__copy__": none("__copy__", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			_, r, err := d.copy(t)
			return r, err
		}),
		"__init__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, dq(self).init(t, args, kw)
		},
		"reverse": none("reverse", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			for i, j := 0, len(d.items)-1; i < j; i, j = i+1, j-1 {
				d.items[i], d.items[j] = d.items[j], d.items[i]
			}
			return py.None, nil
		}),
		"__reversed__": none("__reversed__", func(t *pyexec.Thread, d *Deque) (py.Object, error) {
			items := append([]py.Object(nil), d.items...)
			i := len(items)
			return pyexec.NewIterator(pyexec.IteratorType, func(*pyexec.Thread) (py.Object, error) {
				if i == 0 {
					return nil, nil
				}
				i--
				return items[i], nil
			}), nil
		}),
		"count": one("count", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			n := 0
			for _, it := range d.items {
				eq, err := pyexec.Equal(t, it, x)
				if err != nil {
					return nil, err
				}
				if eq {
					n++
				}
			}
			return pyexec.MakeInt(int64(n)), nil
		}),
		"remove": one("remove", func(t *pyexec.Thread, d *Deque, x py.Object) (py.Object, error) {
			for i, it := range d.items {
				eq, err := pyexec.Equal(t, it, x)
				if err != nil {
					return nil, err
				}
				if eq {
					d.items = append(d.items[:i:i], d.items[i+1:]...)
					return py.None, nil
				}
			}
			s, err := pyexec.Repr(t, x)
			if err != nil {
				return nil, err
			}
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "%s is not in deque", s)
		}),
		"rotate": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("rotate", args, kw, 0, 1); err != nil {
				return nil, err
			}
			d := dq(self)
			n := int64(1)
			if len(args) == 1 {
				v, ok, err := pyexec.AsIndex(args[0])
				if err != nil {
					return nil, err
				}
				if !ok {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
				}
				n = v
			}
			if l := int64(len(d.items)); l > 1 {
				n = ((n % l) + l) % l
				d.items = append(append([]py.Object(nil), d.items[l-n:]...), d.items[:l-n]...)
			}
			return py.None, nil
		},
		"index": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("index", args, kw, 1, 3); err != nil {
				return nil, err
			}
			d := dq(self)
			n := int64(len(d.items))
			lo, hi := int64(0), n
			for i, p := range []*int64{&lo, &hi} {
				if len(args) > i+1 {
					v, ok, err := pyexec.AsIndex(args[i+1])
					if err != nil || !ok {
						return nil, pyexec.Errorf(pyexec.TypeErrorType, "slice indices must be integers or have an __index__ method")
					}
					if v < 0 {
						v += n
						if v < 0 {
							v = 0
						}
					}
					if v > n {
						v = n
					}
					*p = v
				}
			}
			for i := lo; i < hi; i++ {
				eq, err := pyexec.Equal(t, d.items[i], args[0])
				if err != nil {
					return nil, err
				}
				if eq {
					return pyexec.MakeInt(i), nil
				}
			}
			s, err := pyexec.Repr(t, args[0])
			if err != nil {
				return nil, err
			}
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "%s is not in deque", s)
		},
		"insert": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("insert", args, kw, 2, 2); err != nil {
				return nil, err
			}
			d := dq(self)
			if d.maxlen >= 0 && len(d.items) >= d.maxlen {
				return nil, pyexec.Errorf(pyexec.IndexErrorType, "deque already at its maximum size")
			}
			v, ok, err := pyexec.AsIndex(args[0])
			if err != nil || !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[0]))
			}
			n := int64(len(d.items))
			if v < 0 {
				v += n
				if v < 0 {
					v = 0
				}
			}
			if v > n {
				v = n
			}
			d.items = append(d.items[:v:v], append([]py.Object{args[1]}, d.items[v:]...)...)
			return py.None, nil
		},
	})
}
