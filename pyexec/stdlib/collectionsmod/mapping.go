// Package collectionsmod implements CPython's collections module for pyexec:
// OrderedDict, defaultdict and Counter (dict subclasses backed by a
// pyexec.Dict), deque, namedtuple (a tuple subclass built with
// pyexec.NewClass) and ChainMap.
package collectionsmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// Types of the dict subclasses.
var (
	OrderedDictType = pyexec.NewNativeType("collections", "OrderedDict", pyexec.DictType)
	DefaultDictType = pyexec.NewNativeType("collections", "defaultdict", pyexec.DictType)
	CounterType     = pyexec.NewNativeType("collections", "Counter", pyexec.DictType)
)

// mapping is the dict shared by the dict subclasses.
type mapping struct {
	d *pyexec.Dict
	// owner is the instance of a user subclass that carries this value
	// (nil for a value of the collections type itself).
	owner py.Object
}

func (m *mapping) ownerObj() py.Object { return m.owner }

// typeName is type(m).__name__: def, or the user subclass's name.
func (m *mapping) typeName(def string) string {
	if m.owner != nil {
		return pyexec.TypeName(m.owner)
	}
	return def
}

// userMissing calls the __missing__ of a user subclass for a missing key;
// found is false when there is none.
func (m *mapping) userMissing(t *pyexec.Thread, k py.Object) (v py.Object, found bool, err error) {
	if m.owner == nil {
		return nil, false, nil
	}
	f, err := pyexec.UserOverride(t, m.owner, "__missing__")
	if err != nil || f == nil {
		return nil, err != nil, err
	}
	v, err = pyexec.Call(t, f, []py.Object{k}, nil)
	return v, true, err
}

// update is what the __init__ of the collections mappings does with its
// arguments: the items of a mapping or iterable of pairs, then the
// keywords, stored through a user subclass's __setitem__ when it has one.
func (m *mapping) update(t *pyexec.Thread, args []py.Object, kw py.Tuple, fname string) error {
	if m.owner == nil {
		return updateFrom(t, m.d, args, kw, fname)
	}
	if f, err := pyexec.UserOverride(t, m.owner, "__setitem__"); err != nil || f == nil {
		if err != nil {
			return err
		}
		return updateFrom(t, m.d, args, kw, fname)
	}
	tmp := pyexec.NewDict(0)
	if err := updateFrom(t, tmp, args, kw, fname); err != nil {
		return err
	}
	var err error
	tmp.Items(func(k, v py.Object) bool {
		err = pyexec.SetItem(t, m.owner, k, v)
		return err == nil
	})
	return err
}

// callOwnerType calls type(owner)(args...): how CPython's collections
// types copy instances of user subclasses.
func callOwnerType(t *pyexec.Thread, owner py.Object, args ...py.Object) (py.Object, error) {
	return pyexec.Call(t, pyexec.TypeOf(owner), args, nil)
}

// BackingDict returns the items' dict (pyexec.DictBacked).
func (m *mapping) BackingDict() *pyexec.Dict { return m.d }

// PyLen is len().
func (m *mapping) PyLen(*pyexec.Thread) (int, error) { return m.d.Len(), nil }

// Iter iterates over the keys.
func (m *mapping) Iter(t *pyexec.Thread) (pyexec.Iterator, error) { return pyexec.Iterate(t, m.d) }

// PyContains is `in`.
func (m *mapping) PyContains(t *pyexec.Thread, k py.Object) (bool, error) {
	_, ok, err := m.d.Get(t, k)
	return ok, err
}

// PySetItem sets or deletes an item.
func (m *mapping) PySetItem(t *pyexec.Thread, k, v py.Object) error {
	if v == nil {
		return pyexec.DelItem(t, m.d, k)
	}
	return m.d.SetItem(t, k, v)
}

// OrderedDict is collections.OrderedDict.
type OrderedDict struct{ mapping }

// DefaultDict is collections.defaultdict.
type DefaultDict struct {
	mapping
	factory py.Object // None or a callable
}

// Counter is collections.Counter.
type Counter struct{ mapping }

// Type returns collections.OrderedDict.
func (o *OrderedDict) Type() *py.Type { return OrderedDictType }

// Type returns collections.defaultdict.
func (o *DefaultDict) Type() *py.Type { return DefaultDictType }

// Type returns collections.Counter.
func (o *Counter) Type() *py.Type { return CounterType }

func dictOf(o py.Object) (*pyexec.Dict, bool) {
	switch x := o.(type) {
	case *pyexec.Dict:
		return x, true
	case pyexec.DictBacked:
		return x.BackingDict(), true
	case *pyexec.Instance:
		return dictOf(pyexec.Payload(x))
	}
	return nil, false
}

// forward calls the dict method name on the backing dict.
func forward(name string) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		fn, err := pyexec.GetAttr(t, self.(pyexec.DictBacked).BackingDict(), name)
		if err != nil {
			return nil, err
		}
		return pyexec.CallKw(t, fn, args, kw)
	}
}

var dictMethods = []string{"keys", "values", "items", "get", "pop", "popitem", "setdefault", "update", "clear", "copy"}

func addDictMethods(typ *py.Type, own map[string]pyexec.MethodFunc) {
	all := map[string]pyexec.MethodFunc{}
	for _, n := range dictMethods {
		all[n] = forward(n)
	}
	all["__getitem__"] = func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("__getitem__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return pyexec.GetItem(t, self, args[0])
	}
	all["__contains__"] = func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("__contains__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		ok, err := pyexec.Contains(t, self, args[0])
		return py.NewBool(ok), err
	}
	for n, f := range own {
		all[n] = f
	}
	pyexec.AddMethods(typ, all)
}

// dictRepr is repr() of the items as a dict display.
func dictRepr(t *pyexec.Thread, d *pyexec.Dict) (string, error) { return pyexec.Repr(t, d) }

// updateFrom merges a mapping or iterable of pairs plus keywords into d.
func updateFrom(t *pyexec.Thread, d *pyexec.Dict, args []py.Object, kw py.Tuple, fname string) error {
	npos := len(args) - len(kw)
	if npos > 1 {
		switch fname {
		case "OrderedDict":
			// CPython's mutablemapping_update.
			return pyexec.Errorf(pyexec.TypeErrorType, "expected at most 1 arguments, got %d", npos)
		case "defaultdict":
			// defaultdict.__init__ passes the rest to dict.__init__.
			fname = "dict"
		}
		return pyexec.Errorf(pyexec.TypeErrorType, "%s expected at most 1 argument, got %d", fname, npos)
	}
	if npos == 1 {
		fn, err := pyexec.GetAttr(t, d, "update")
		if err != nil {
			return err
		}
		if _, err := pyexec.Call(t, fn, []py.Object{args[0]}, nil); err != nil {
			return err
		}
	}
	for i, k := range kw {
		if err := d.SetItem(t, k, args[npos+i]); err != nil {
			return err
		}
	}
	return nil
}

// mappingEqual compares a dict subclass with another mapping.
func mappingEqual(t *pyexec.Thread, d *pyexec.Dict, other py.Object) (bool, bool, error) {
	od, ok := dictOf(other)
	if !ok {
		return false, false, nil
	}
	eq, err := pyexec.Equal(t, d, od)
	return eq, true, err
}

// --- OrderedDict ---

func newOrderedDict(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	o := &OrderedDict{mapping{d: pyexec.NewDict(0)}}
	return o, updateFrom(t, o.d, args, kw, "OrderedDict")
}

// PyGetItem is od[k] (a user subclass's __missing__ supplies missing keys).
func (o *OrderedDict) PyGetItem(t *pyexec.Thread, k py.Object) (py.Object, error) {
	v, ok, err := o.d.Get(t, k)
	if err != nil || ok {
		return v, err
	}
	if v, found, err := o.userMissing(t, k); found {
		return v, err
	}
	return nil, pyexec.NewException(pyexec.KeyErrorType, k)
}

// copy is od.copy(): for a user subclass, type(od)() filled item by item.
func (o *OrderedDict) copy(t *pyexec.Thread) (py.Object, error) {
	if o.owner == nil {
		return &OrderedDict{mapping{d: o.d.Copy()}}, nil
	}
	r, err := callOwnerType(t, o.owner)
	if err != nil {
		return nil, err
	}
	o.d.Items(func(k, v py.Object) bool {
		err = pyexec.SetItem(t, r, k, v)
		return err == nil
	})
	return r, err
}

// PyEqual is order-sensitive against another OrderedDict.
func (o *OrderedDict) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	if x, ok := pyexec.Payload(other).(*OrderedDict); ok {
		ka, kb := o.d.Keys(), x.d.Keys()
		if len(ka) != len(kb) {
			return false, true, nil
		}
		for i := range ka {
			eq, err := pyexec.Equal(t, ka[i], kb[i])
			if err != nil || !eq {
				return false, true, err
			}
		}
	}
	return mappingEqual(t, o.d, other)
}

// Repr is OrderedDict([...]) before 3.12 and OrderedDict({...}) after.
func (o *OrderedDict) Repr(t *pyexec.Thread) (string, error) {
	name := o.typeName("OrderedDict")
	if o.d.Len() == 0 {
		return name + "()", nil
	}
	if t.Version().Minor >= 12 {
		s, err := dictRepr(t, o.d)
		return name + "(" + s + ")", err
	}
	var items []py.Object
	o.d.Items(func(k, v py.Object) bool {
		items = append(items, py.Tuple{k, v})
		return true
	})
	s, err := pyexec.Repr(t, &py.List{Items: items})
	return name + "(" + s + ")", err
}

// PyBinaryOp implements | and |=.
func (o *OrderedDict) PyBinaryOp(t *pyexec.Thread, op int, other py.Object, right, inplace bool) (py.Object, bool, error) {
	if op != pyexec.OpOr || t.Version().Minor < 9 {
		return nil, false, nil
	}
	od, ok := dictOf(other)
	if !ok {
		if inplace {
			return o, true, updateFrom(t, o.d, []py.Object{other}, nil, "update")
		}
		return nil, false, nil
	}
	if inplace {
		return o, true, o.d.Update(t, od)
	}
	if o.owner != nil {
		// type(od)(left), then the right operand's items.
		left, rhs := o.owner, other
		if right {
			left, rhs = other, o.owner
		}
		r, err := callOwnerType(t, o.owner, left)
		if err != nil {
			return nil, true, err
		}
		rd, _ := dictOf(rhs)
		rd.Items(func(k, v py.Object) bool {
			err = pyexec.SetItem(t, r, k, v)
			return err == nil
		})
		return r, true, err
	}
	r := &OrderedDict{mapping{d: pyexec.NewDict(0)}}
	first, second := o.d, od
	if right {
		first, second = od, o.d
	}
	if err := r.d.Update(t, first); err != nil {
		return nil, true, err
	}
	return r, true, r.d.Update(t, second)
}

func odMoveToEnd(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("move_to_end", args, kw, []string{"key", "last"}, 1)
	if err != nil {
		return nil, err
	}
	o := self.(*OrderedDict)
	last := true
	if a[1] != nil {
		if last, err = pyexec.Truth(t, a[1]); err != nil {
			return nil, err
		}
	}
	v, ok, err := o.d.Delete(t, a[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, pyexec.NewException(pyexec.KeyErrorType, a[0])
	}
	if last {
		return py.None, o.d.SetItem(t, a[0], v)
	}
	old := o.d.Copy()
	o.d.Clear()
	if err := o.d.SetItem(t, a[0], v); err != nil {
		return nil, err
	}
	return py.None, o.d.Update(t, old)
}

func odPopitem(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("popitem", args, kw, []string{"last"}, 0)
	if err != nil {
		return nil, err
	}
	o := self.(*OrderedDict)
	last := true
	if a[0] != nil {
		if last, err = pyexec.Truth(t, a[0]); err != nil {
			return nil, err
		}
	}
	keys := o.d.Keys()
	if len(keys) == 0 {
		return nil, pyexec.Errorf(pyexec.KeyErrorType, "dictionary is empty")
	}
	k := keys[len(keys)-1]
	if !last {
		k = keys[0]
	}
	v, _, err := o.d.Delete(t, k)
	return py.Tuple{k, v}, err
}

// fromkeys is the classmethod fromkeys(iterable, value=None) of typ,
// which mk makes an empty value of: for a user subclass cls, cls() filled
// item by item.
func fromkeys(typ *py.Type, mk func() (py.Object, *pyexec.Dict)) {
	pyexec.SetClassMethod(typ, "fromkeys", func(t *pyexec.Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs("fromkeys", args, kw, 1, 2); err != nil {
			return nil, err
		}
		var v py.Object = py.None
		if len(args) == 2 {
			v = args[1]
		}
		keys, err := pyexec.Collect(t, args[0])
		if err != nil {
			return nil, err
		}
		if cls != typ {
			o, err := pyexec.Call(t, cls, nil, nil)
			if err != nil {
				return nil, err
			}
			for _, k := range keys {
				if err := pyexec.SetItem(t, o, k, v); err != nil {
					return nil, err
				}
			}
			return o, nil
		}
		o, d := mk()
		for _, k := range keys {
			if err := d.SetItem(t, k, v); err != nil {
				return nil, err
			}
		}
		return o, nil
	})
}

// --- defaultdict ---

func newDefaultDict(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	o := &DefaultDict{mapping: mapping{d: pyexec.NewDict(0)}, factory: py.None}
	return o, o.init(t, args, kw)
}

// init is defaultdict.__init__(default_factory=None, /, *args, **kwargs).
func (o *DefaultDict) init(t *pyexec.Thread, args []py.Object, kw py.Tuple) error {
	npos := len(args) - len(kw)
	if npos > 0 {
		f := args[0]
		if !pyexec.IsNone(f) && !pyexec.IsCallable(f) {
			return pyexec.Errorf(pyexec.TypeErrorType, "first argument must be callable or None")
		}
		o.factory = f
		args = args[1:]
	}
	return o.update(t, args, kw, "defaultdict")
}

// PyGetItem is d[k], calling __missing__ (a user subclass's, or the
// default factory) for a missing key.
func (o *DefaultDict) PyGetItem(t *pyexec.Thread, k py.Object) (py.Object, error) {
	v, ok, err := o.d.Get(t, k)
	if err != nil || ok {
		return v, err
	}
	if v, found, err := o.userMissing(t, k); found {
		return v, err
	}
	return o.missing(t, k)
}

// copy is type(d)(d.default_factory, d) (a defaultdict for a plain one).
func (o *DefaultDict) copy(t *pyexec.Thread) (py.Object, error) {
	if o.owner == nil {
		return &DefaultDict{mapping: mapping{d: o.d.Copy()}, factory: o.factory}, nil
	}
	return callOwnerType(t, o.owner, o.factory, o.owner)
}

func (o *DefaultDict) missing(t *pyexec.Thread, k py.Object) (py.Object, error) {
	if pyexec.IsNone(o.factory) {
		return nil, pyexec.NewException(pyexec.KeyErrorType, k)
	}
	v, err := pyexec.Call(t, o.factory, nil, nil)
	if err != nil {
		return nil, err
	}
	return v, o.d.SetItem(t, k, v)
}

// PyEqual compares as a dict.
func (o *DefaultDict) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	return mappingEqual(t, o.d, other)
}

// GetAttr exposes default_factory.
func (o *DefaultDict) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "default_factory" {
		return o.factory, true, nil
	}
	return nil, false, nil
}

// PySetAttr sets default_factory.
func (o *DefaultDict) PySetAttr(t *pyexec.Thread, name string, v py.Object) (bool, error) {
	if name == "default_factory" {
		if v == nil {
			v = py.None
		}
		o.factory = v
		return true, nil
	}
	return false, nil
}

// Repr is defaultdict(factory, {...}).
func (o *DefaultDict) Repr(t *pyexec.Thread) (string, error) {
	f, err := pyexec.Repr(t, o.factory)
	if err != nil {
		return "", err
	}
	s, err := dictRepr(t, o.d)
	return o.typeName("defaultdict") + "(" + f + ", " + s + ")", err
}

// PyBinaryOp implements |.
func (o *DefaultDict) PyBinaryOp(t *pyexec.Thread, op int, other py.Object, right, inplace bool) (py.Object, bool, error) {
	od, ok := dictOf(other)
	if op != pyexec.OpOr || !ok || t.Version().Minor < 9 {
		return nil, false, nil
	}
	if inplace {
		return o, true, o.d.Update(t, od)
	}
	if o.owner != nil {
		// type(d)(d.default_factory, left), updated with right.
		left, rd := o.owner, od
		if right {
			left, rd = other, o.d
		}
		r, err := callOwnerType(t, o.owner, o.factory, left)
		if err != nil {
			return nil, true, err
		}
		nd, ok := dictOf(r)
		if !ok {
			return nil, true, pyexec.Errorf(pyexec.TypeErrorType, "%s() returned a non-mapping", o.typeName("defaultdict"))
		}
		return r, true, nd.Update(t, rd)
	}
	r := &DefaultDict{mapping: mapping{d: pyexec.NewDict(0)}, factory: o.factory}
	first, second := o.d, od
	if right {
		first, second = od, o.d
	}
	if err := r.d.Update(t, first); err != nil {
		return nil, true, err
	}
	return r, true, r.d.Update(t, second)
}

func init() {
	pyexec.SetTypeCtor(OrderedDictType, newOrderedDict)
	pyexec.SetTypeCtor(DefaultDictType, newDefaultDict)
	pyexec.SetTypeCtor(CounterType, newCounter)
	addDictMethods(OrderedDictType, map[string]pyexec.MethodFunc{
		"move_to_end": odMoveToEnd, "popitem": odPopitem,
		"copy": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("copy", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return self.(*OrderedDict).copy(t)
		},
		"__init__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, self.(*OrderedDict).update(t, args, kw, "OrderedDict")
		},
		"__reversed__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			keys := self.(*OrderedDict).d.Keys()
			i := len(keys)
			return pyexec.NewIterator(pyexec.IteratorType, func(*pyexec.Thread) (py.Object, error) {
				if i == 0 {
					return nil, nil
				}
				i--
				return keys[i], nil
			}), nil
		},
	})
	fromkeys(OrderedDictType, func() (py.Object, *pyexec.Dict) {
		o := &OrderedDict{mapping{d: pyexec.NewDict(0)}}
		return o, o.d
	})
	addDictMethods(DefaultDictType, map[string]pyexec.MethodFunc{
		"copy": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("copy", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return self.(*DefaultDict).copy(t)
		},
		"__init__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, self.(*DefaultDict).init(t, args, kw)
		},
		"__missing__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("__missing__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self.(*DefaultDict).missing(t, args[0])
		},
	})
	initCounter()
	initDeque()
	pyexec.RegisterNativeBase(OrderedDictType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &OrderedDict{mapping{d: pyexec.NewDict(0), owner: self}}, nil
	}})
	pyexec.RegisterNativeBase(DefaultDictType, pyexec.NativeBase{New: func(t *pyexec.Thread, self *pyexec.Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return &DefaultDict{mapping: mapping{d: pyexec.NewDict(0), owner: self}, factory: py.None}, nil
	}})
	pyexec.SetPayloadProperty(DefaultDictType, "default_factory", func(t *pyexec.Thread, self py.Object) (py.Object, error) {
		return self.(*DefaultDict).factory, nil
	}, func(t *pyexec.Thread, self, v py.Object) error {
		_, err := self.(*DefaultDict).PySetAttr(t, "default_factory", v)
		return err
	})
	pyexec.RegisterModule("collections", newModule)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "collections")
	m.Set(t, "OrderedDict", OrderedDictType)
	m.Set(t, "defaultdict", DefaultDictType)
	m.Set(t, "Counter", CounterType)
	m.Set(t, "deque", DequeType)
	m.Set(t, "ChainMap", ChainMapType)
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"namedtuple": namedtuple})
	return m, nil
}

func joinRepr(t *pyexec.Thread, items []py.Object) (string, error) {
	parts := make([]string, len(items))
	for i, x := range items {
		s, err := pyexec.Repr(t, x)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, ", "), nil
}
