package collectionsmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// ChainMapType is collections.ChainMap.
var ChainMapType = pyexec.NewNativeType("collections", "ChainMap", nil)

// ChainMap is a collections.ChainMap: a view of several mappings.
type ChainMap struct {
	maps *py.List
	// owner is the instance of a user subclass that carries this value
	// (nil for a plain ChainMap).
	owner py.Object
}

func (c *ChainMap) ownerObj() py.Object { return c.owner }

// make is self.__class__(*maps): a ChainMap, or the user subclass.
func (c *ChainMap) make(t *pyexec.Thread, maps []py.Object) (py.Object, error) {
	if c.owner == nil {
		return &ChainMap{maps: &py.List{Items: maps}}, nil
	}
	return callOwnerType(t, c.owner, maps...)
}

// Type returns collections.ChainMap.
func (c *ChainMap) Type() *py.Type { return ChainMapType }

func newChainMap(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	c := &ChainMap{}
	return c, c.init(args, kw)
}

// init is ChainMap.__init__(*maps).
func (c *ChainMap) init(args []py.Object, kw py.Tuple) error {
	if len(kw) > 0 {
		return pyexec.Errorf(pyexec.TypeErrorType, "ChainMap.__init__() got an unexpected keyword argument '%s'", string(kw[0].(py.String)))
	}
	maps := append([]py.Object{}, args...)
	if len(maps) == 0 {
		maps = []py.Object{pyexec.NewDict(0)}
	}
	c.maps = &py.List{Items: maps}
	return nil
}

// PyGetItem searches the maps in order.
func (c *ChainMap) PyGetItem(t *pyexec.Thread, k py.Object) (py.Object, error) {
	for _, m := range c.maps.Items {
		ok, err := pyexec.Contains(t, m, k)
		if err != nil {
			return nil, err
		}
		if ok {
			return pyexec.GetItem(t, m, k)
		}
	}
	if c.owner != nil {
		// self.__missing__(key), which a user subclass may define.
		if f, err := pyexec.UserOverride(t, c.owner, "__missing__"); err != nil || f != nil {
			if err != nil {
				return nil, err
			}
			return pyexec.Call(t, f, []py.Object{k}, nil)
		}
	}
	return nil, pyexec.NewException(pyexec.KeyErrorType, k)
}

// PySetItem writes to (or deletes from) the first map.
func (c *ChainMap) PySetItem(t *pyexec.Thread, k, v py.Object) error {
	if v == nil {
		if err := pyexec.DelItem(t, c.maps.Items[0], k); err != nil {
			s, _ := pyexec.Repr(t, k)
			return pyexec.Errorf(pyexec.KeyErrorType, "Key not found in the first mapping: %s", s)
		}
		return nil
	}
	return pyexec.SetItem(t, c.maps.Items[0], k, v)
}

// keys returns the keys of all maps, first occurrence order as CPython
// (the last map's keys first).
func (c *ChainMap) keys(t *pyexec.Thread) (*pyexec.Dict, error) {
	d := pyexec.NewDict(0)
	for i := len(c.maps.Items) - 1; i >= 0; i-- {
		ks, err := pyexec.Collect(t, c.maps.Items[i])
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			if err := d.SetItem(t, k, py.None); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// PyLen is the number of distinct keys.
func (c *ChainMap) PyLen(t *pyexec.Thread) (int, error) {
	d, err := c.keys(t)
	if err != nil {
		return 0, err
	}
	return d.Len(), nil
}

// Iter iterates over the distinct keys.
func (c *ChainMap) Iter(t *pyexec.Thread) (pyexec.Iterator, error) {
	d, err := c.keys(t)
	if err != nil {
		return nil, err
	}
	return pyexec.Iterate(t, d)
}

// PyContains is `in` any map.
func (c *ChainMap) PyContains(t *pyexec.Thread, k py.Object) (bool, error) {
	for _, m := range c.maps.Items {
		ok, err := pyexec.Contains(t, m, k)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func (c *ChainMap) flat(t *pyexec.Thread) (*pyexec.Dict, error) {
	d, err := c.keys(t)
	if err != nil {
		return nil, err
	}
	for _, k := range d.Keys() {
		v, err := c.PyGetItem(t, k)
		if err != nil {
			return nil, err
		}
		if err := d.SetItem(t, k, v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// PyEqual compares the flattened mapping.
func (c *ChainMap) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	a, err := c.flat(t)
	if err != nil {
		return false, true, err
	}
	var b *pyexec.Dict
	if o, ok := pyexec.Payload(other).(*ChainMap); ok {
		if b, err = o.flat(t); err != nil {
			return false, true, err
		}
	} else if d, ok := dictOf(other); ok {
		b = d
	} else {
		return false, false, nil
	}
	eq, err := pyexec.Equal(t, a, b)
	return eq, true, err
}

// Repr is ChainMap(map, ...).
func (c *ChainMap) Repr(t *pyexec.Thread) (string, error) {
	s, err := joinRepr(t, c.maps.Items)
	name := "ChainMap"
	if c.owner != nil {
		name = pyexec.TypeName(c.owner)
	}
	return name + "(" + s + ")", err
}

// GetAttr exposes maps and parents.
func (c *ChainMap) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "maps":
		return c.maps, true, nil
	case "parents":
		rest := append([]py.Object{}, c.maps.Items[1:]...)
		if c.owner != nil {
			r, err := c.make(t, rest)
			return r, true, err
		}
		if len(rest) == 0 {
			rest = []py.Object{pyexec.NewDict(0)}
		}
		return &ChainMap{maps: &py.List{Items: rest}}, true, nil
	}
	return nil, false, nil
}

func init() {
	pyexec.SetTypeCtor(ChainMapType, newChainMap)
	cm := func(o py.Object) *ChainMap { return o.(*ChainMap) }
	view := func(kind int) pyexec.MethodFunc {
		return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			d, err := cm(self).flat(t)
			if err != nil {
				return nil, err
			}
			name := [...]string{"keys", "values", "items"}[kind]
			fn, err := pyexec.GetAttr(t, d, name)
			if err != nil {
				return nil, err
			}
			return pyexec.Call(t, fn, nil, nil)
		}
	}
	pyexec.RegisterNativeBase(ChainMapType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &ChainMap{maps: &py.List{Items: []py.Object{pyexec.NewDict(0)}}, owner: self}, nil
	}})
	pyexec.SetPayloadProperty(ChainMapType, "maps", func(t *pyexec.Thread, self py.Object) (py.Object, error) {
		return cm(self).maps, nil
	}, func(t *pyexec.Thread, self, v py.Object) error {
		l, ok := v.(*py.List)
		if !ok {
			return pyexec.Errorf(pyexec.TypeErrorType, "ChainMap.maps must be a list, not %s", pyexec.TypeName(v))
		}
		cm(self).maps = l
		return nil
	})
	pyexec.AddMethods(ChainMapType, map[string]pyexec.MethodFunc{
		"__init__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, cm(self).init(args, kw)
		},
		"keys": view(0), "values": view(1), "items": view(2),
		"get": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("get", args, kw, 1, 2); err != nil {
				return nil, err
			}
			ok, err := cm(self).PyContains(t, args[0])
			if err != nil {
				return nil, err
			}
			if ok {
				return cm(self).PyGetItem(t, args[0])
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return py.None, nil
		},
		"new_child": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, err := pyexec.BindArgs("new_child", args, kw, []string{"m"}, 0)
			if err != nil {
				return nil, err
			}
			m := a[0]
			if m == nil || pyexec.IsNone(m) {
				m = pyexec.NewDict(0)
			}
			return cm(self).make(t, append([]py.Object{m}, cm(self).maps.Items...))
		},
		"copy": chainMapCopy,
		// copy.copy uses __copy__, which is copy (as in CPython).
		"__copy__": chainMapCopy,
		"pop": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("pop", args, kw, 1, 2); err != nil {
				return nil, err
			}
			fn, err := pyexec.GetAttr(t, cm(self).maps.Items[0], "pop")
			if err != nil {
				return nil, err
			}
			v, err := pyexec.Call(t, fn, args, nil)
			if err != nil && len(args) == 1 {
				if e, ok := err.(*pyexec.Exception); ok && pyexec.IsSubtype(e.Type(), pyexec.KeyErrorType) {
					s, _ := pyexec.Repr(t, args[0])
					return nil, pyexec.Errorf(pyexec.KeyErrorType, "Key not found in the first mapping: %s", s)
				}
			}
			return v, err
		},
		"clear": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.CallKw(t, mustAttr(t, cm(self).maps.Items[0], "clear"), nil, nil)
		},
	})
}

func mustAttr(t *pyexec.Thread, o py.Object, name string) py.Object {
	v, err := pyexec.GetAttr(t, o, name)
	if err != nil {
		return &pyexec.Builtin{Name: name, Fn: func(*pyexec.Thread, []py.Object, py.Tuple) (py.Object, error) { return nil, err }}
	}
	return v
}

// chainMapCopy is ChainMap.copy(): type(c)(maps[0].copy(), *maps[1:]).
func chainMapCopy(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("copy", args, kw, 0, 0); err != nil {
		return nil, err
	}
	c := self.(*ChainMap)
	first, err := pyexec.CallKw(t, mustAttr(t, c.maps.Items[0], "copy"), nil, nil)
	if err != nil {
		return nil, err
	}
	return c.make(t, append([]py.Object{first}, c.maps.Items[1:]...))
}
