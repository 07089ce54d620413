package pyexec

import (
	"sync/atomic"
	"unsafe"

	"github.com/go-python/gpython/py"
)

// Instance is an instance of a user class. Instances of classes derived from
// a built-in data type (int, str, float, tuple, list, dict, set, frozenset,
// bytes) carry that built-in value in value; the built-in behaviour applies to
// it wherever the class does not override a dunder.
type Instance struct {
	cls   *py.Type
	dict  *Dict       // __dict__ (nil when __slots__ leaves none)
	slots []py.Object // __slots__ values (nil: unset)
	value py.Object   // built-in payload, or nil
	id    uint64      // fake address, assigned on first use
}

// Type returns the instance's class.
func (o *Instance) Type() *py.Type { return o.cls }

// Value returns the built-in value carried by an instance of a subclass of a
// built-in data type (nil otherwise).
func (o *Instance) Value() py.Object { return o.value }

// Next implements Iterator through the class's __next__.
func (o *Instance) Next(t *Thread) (py.Object, error) {
	f := lookupUser(o.cls, "__next__")
	if f == nil {
		return nil, typeErrorf("'%s' object is not an iterator", o.cls.Name)
	}
	v, err := callDescr(t, f, o)
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, StopIterationType) {
			return nil, nil
		}
		return nil, err
	}
	return v, nil
}

// fakeAddr hands out the deterministic fake addresses shown by default
// reprs and returned by id() for instances of user classes. They are not
// CPython's addresses: the first instance that needs one gets
// 0x7f0000001000, the next 0x7f0000001010, and so on in order of first use.
var fakeAddr atomic.Uint64

func (o *Instance) addr() uint64 {
	if o.id == 0 {
		o.id = nextFakeAddr()
	}
	return o.id
}

// NewInstance returns object.__new__(cls): an instance of the user class cls
// with an empty __dict__ and unset slots, without calling __init__ (as
// pickle's copyreg reconstructors do). For a subclass of a built-in data type
// the payload is that type's empty value.
func NewInstance(t *Thread, cls py.Object) (py.Object, error) {
	typ, ok := cls.(*py.Type)
	if !ok {
		return nil, typeErrorf("object.__new__(X): X is not a type object (%s)", TypeName(cls))
	}
	return objectNew(t, typ, nil, nil, false)
}

// NewInstanceValue is NewInstance for a user class deriving from a built-in
// data type (int, str, float, tuple, …): the instance's payload is value,
// which must be of that type (an int for an int subclass, …).
func NewInstanceValue(t *Thread, cls py.Object, value py.Object) (py.Object, error) {
	o, err := NewInstance(t, cls)
	if err != nil {
		return nil, err
	}
	in, ok := o.(*Instance)
	if !ok || in.value == nil {
		return nil, typeErrorf("%s is not a subclass of a built-in data type", TypeName(cls))
	}
	if !IsInstance(value, TypeOf(in.value)) {
		return nil, typeErrorf("%s payload must be %s, not %s", TypeName(cls), TypeName(in.value), TypeName(value))
	}
	in.value = unwrap(value)
	return in, nil
}

// InstanceDict returns the __dict__ of an instance of a user class (creating
// it for exceptions); ok is false when o has none.
func InstanceDict(o py.Object) (*Dict, bool) {
	switch x := o.(type) {
	case *Instance:
		return x.dict, x.dict != nil
	case *Exception:
		if x.dict == nil {
			x.dict = NewDict(0)
		}
		return x.dict, true
	}
	return nil, false
}

// payloadFor returns the value a built-in method of owner operates on: the
// payload of an instance of a subclass of a built-in data type.
func payloadFor(o py.Object, owner *py.Type) py.Object {
	if in, ok := o.(*Instance); ok && in.value != nil && owner != py.ObjectType {
		return in.value
	}
	return o
}

// unwrap returns the built-in payload of o, or o itself.
func unwrap(o py.Object) py.Object {
	if in, ok := o.(*Instance); ok && in.value != nil {
		return in.value
	}
	return o
}

// userOverrides reports whether a user class in typ's MRO defines name.
func userOverrides(typ *py.Type, name string) bool { return lookupUser(typ, name) != nil }

// objectNew implements object.__new__ and the __new__ of the built-in bases:
// it allocates an instance of cls laid out for cls's solid base.
func objectNew(t *Thread, cls *py.Type, args []py.Object, kwnames py.Tuple, checkArgs bool) (py.Object, error) {
	ci := classOf(cls)
	if ci == nil {
		if cls == py.ObjectType {
			if checkArgs && len(args) > 0 {
				return nil, typeErrorf("object() takes no arguments")
			}
			return &Instance{cls: py.ObjectType}, nil
		}
		if ctor := typeCtors[cls]; ctor != nil {
			return ctor(t, args, kwnames)
		}
		if IsSubtype(cls, BaseExceptionType) {
			return &Exception{typ: cls, Args: append(py.Tuple{}, args[:len(args)-len(kwnames)]...)}, nil
		}
		return nil, typeErrorf("cannot create '%s' instances", cls.Name)
	}
	switch s := ci.solid; {
	case s == py.ObjectType:
		if checkArgs && len(args) > 0 {
			if userOverrides(cls, "__new__") {
				return nil, typeErrorf("object.__new__() takes exactly one argument (the type to instantiate)")
			}
			if !userOverrides(cls, "__init__") {
				return nil, typeErrorf("%s() takes no arguments", cls.Name)
			}
		}
		in := &Instance{cls: cls}
		if ci.hasDict {
			in.dict = newDictRoom()
		}
		if ci.nslots > 0 {
			in.slots = make([]py.Object, ci.nslots)
		}
		return in, nil
	case IsSubtype(s, BaseExceptionType):
		return &Exception{typ: cls, Args: append(py.Tuple{}, args[:len(args)-len(kwnames)]...)}, nil
	case s == py.TypeType:
		return typeNew(t, cls, args, kwnames)
	default:
		if nativeBases[s] != nil {
			return newNativeInstance(t, cls, ci, s, args, kwnames)
		}
		var v py.Object
		switch s {
		case py.ListType:
			v = &py.List{Items: []py.Object{}}
		case DictType:
			v = NewDict(0)
		case SetType:
			v = NewSet(t)
		default:
			var err error
			if v, err = typeCtors[s](t, args, kwnames); err != nil {
				return nil, err
			}
		}
		in := &Instance{cls: cls, value: v}
		if ci.hasDict {
			in.dict = newDictRoom()
		}
		if ci.nslots > 0 {
			in.slots = make([]py.Object, ci.nslots)
		}
		return in, nil
	}
}

// typeNew implements type.__new__(meta, name, bases, ns, **kw).
func typeNew(t *Thread, meta *py.Type, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	npos := len(args) - len(kwnames)
	if npos != 3 {
		if npos == 1 && meta == py.TypeType && len(kwnames) == 0 {
			return TypeOf(args[0]), nil
		}
		return nil, typeErrorf("type.__new__() takes exactly 3 arguments (%d given)", npos)
	}
	name, ok := args[0].(py.String)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 1 must be str, not %s", TypeName(args[0]))
	}
	bases, ok := args[1].(py.Tuple)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 2 must be tuple, not %s", TypeName(args[1]))
	}
	ns, ok := args[2].(*Dict)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 3 must be dict, not %s", TypeName(args[2]))
	}
	return newClass(t, meta, string(name), bases, ns, kwnames, args[npos:])
}

// typeCall implements type.__call__(cls, *args, **kw): __new__ then __init__.
func typeCall(t *Thread, cls *py.Type, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	var obj py.Object
	var err error
	if nf := lookupType(cls, "__new__"); nf != nil && isUserNew(nf) {
		all := make([]py.Object, 0, len(args)+1)
		all = append(append(all, cls), args...)
		fn := nf.(*StaticMethod).Func
		obj, err = call(t, fn, all, kwnames)
	} else {
		obj, err = objectNew(t, cls, args, kwnames, true)
	}
	if err != nil {
		return nil, err
	}
	if !IsInstance(obj, cls) {
		return obj, nil
	}
	init := lookupType(TypeOf(obj), "__init__")
	switch f := init.(type) {
	case nil:
		return obj, nil
	case *Method:
		if _, err := f.Fn(t, payloadFor(obj, f.Owner), args, kwnames); err != nil {
			return nil, err
		}
		return obj, nil
	}
	var r py.Object
	if fn, ok := init.(*Function); ok {
		// What descrGet would bind, called without the bound method.
		r, err = t.callFunctionSelf(fn, obj, args, kwnames)
	} else {
		var m py.Object
		if m, err = descrGet(t, init, obj, TypeOf(obj)); err != nil {
			return nil, err
		}
		r, err = call(t, m, args, kwnames)
	}
	if err != nil {
		return nil, err
	}
	if !isNone(r) {
		return nil, typeErrorf("__init__() should return None, not '%s'", TypeName(r))
	}
	return obj, nil
}

// isUserNew reports whether a __new__ found on a type is user code.
func isUserNew(o py.Object) bool {
	sm, ok := o.(*StaticMethod)
	if !ok {
		return false
	}
	_, builtin := sm.Func.(*Builtin)
	return !builtin
}

// callType handles calling a type object for the object model: user classes,
// classes with a user metaclass, type(...), object(), super(...).
func callType(t *Thread, cls *py.Type, args []py.Object, kwnames py.Tuple) (py.Object, bool, error) {
	if t != nil {
		if c := t.ctorFor(cls); c != nil && (c.init != nil || len(args) == 0) {
			r, err := c.construct(t, args, kwnames)
			return r, true, err
		}
	}
	if meta := cls.ObjectType; classOf(meta) != nil {
		if f := lookupUser(meta, "__call__"); f != nil {
			m, err := descrGet(t, f, cls, meta)
			if err != nil {
				return nil, true, err
			}
			r, err := call(t, m, args, kwnames)
			return r, true, err
		}
	}
	if classOf(cls) != nil {
		r, err := typeCall(t, cls, args, kwnames)
		return r, true, err
	}
	switch cls {
	case py.TypeType:
		npos := len(args) - len(kwnames)
		if npos == 1 && len(kwnames) == 0 {
			return TypeOf(args[0]), true, nil
		}
		if npos != 3 {
			return nil, true, typeErrorf("type() takes 1 or 3 arguments")
		}
		r, err := typeNew(t, py.TypeType, args, kwnames)
		return r, true, err
	case py.ObjectType:
		if len(args) > 0 {
			return nil, true, typeErrorf("object() takes no arguments")
		}
		return &Instance{cls: py.ObjectType}, true, nil
	case SuperType:
		r, err := newSuper(t, args, kwnames)
		return r, true, err
	}
	return nil, false, nil
}

func isAttributeError(err error) bool {
	e, ok := err.(*Exception)
	return ok && IsSubtype(e.typ, AttributeErrorType)
}

// instDict returns o's __dict__ if it has one.
func instDict(o py.Object) *Dict {
	switch x := o.(type) {
	case *Instance:
		return x.dict
	case *Exception:
		return x.dict
	}
	return nil
}

// getAttrUser is attribute lookup on an object whose type is a user class.
func getAttrUser(t *Thread, o py.Object, typ *py.Type, name string) (py.Object, error) {
	var v py.Object
	var err error
	if ga := lookupUser(typ, "__getattribute__"); ga != nil {
		v, err = callDescr(t, ga, o, py.String(name))
	} else {
		v, err = genericGetAttr(t, o, typ, name)
	}
	if err != nil && isAttributeError(err) {
		if g := lookupUser(typ, "__getattr__"); g != nil {
			return callDescr(t, g, o, py.String(name))
		}
	}
	return v, err
}

// genericGetAttr is object.__getattribute__.
func genericGetAttr(t *Thread, o py.Object, typ *py.Type, name string) (py.Object, error) {
	if cls, ok := o.(*py.Type); ok {
		return typeGetAttr(t, cls, name)
	}
	switch name {
	case "__class__":
		return typ, nil
	case "__dict__":
		if d, ok := InstanceDict(o); ok {
			return d, nil
		}
	}
	d := lookupType(typ, name)
	var hasGet bool
	if d != nil {
		var isData bool
		hasGet, isData = descrKind(d)
		if isData {
			return descrGet(t, d, o, typ)
		}
	}
	if dict := instDict(o); dict != nil {
		if v, ok := dict.GetStr(t, name); ok {
			return v, nil
		}
	}
	if d != nil {
		if hasGet {
			return descrGet(t, d, o, typ)
		}
		return d, nil
	}
	switch x := o.(type) {
	case *Exception:
		if v, ok := exceptionAttr(x, name); ok {
			return v, nil
		}
	case *Instance:
		if x.value != nil {
			if v, err := GetAttr(t, x.value, name); err == nil {
				return v, nil
			}
		}
	}
	return nil, Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", typ.Name, name)
}

// exceptionAttr returns the built-in attributes of exception instances.
func exceptionAttr(x *Exception, name string) (py.Object, bool) {
	switch name {
	case "args":
		return x.Args, true
	case "__cause__":
		return excOrNone(x.Cause), true
	case "__context__":
		return excOrNone(x.Context), true
	case "__suppress_context__":
		return py.NewBool(x.SuppressContext), true
	case "__traceback__":
		return py.None, true
	case "value":
		if IsSubtype(x.typ, StopIterationType) {
			if len(x.Args) > 0 {
				return x.Args[0], true
			}
			return py.None, true
		}
	}
	return nil, false
}

// typeGetAttr is type.__getattribute__ for user classes and classes with a
// user metaclass.
func typeGetAttr(t *Thread, cls *py.Type, name string) (py.Object, error) {
	meta := cls.ObjectType
	if meta == nil {
		meta = py.TypeType
	}
	switch name {
	case "__name__":
		return py.String(cls.Name), nil
	case "__qualname__":
		return py.String(typeQual(cls)), nil
	case "__mro__":
		m := mroOf(cls)
		out := make(py.Tuple, len(m))
		for i, x := range m {
			out[i] = x
		}
		return out, nil
	case "__bases__":
		return basesOf(cls), nil
	case "__base__":
		if b := baseOf(cls); b != nil {
			return b, nil
		}
		return py.None, nil
	case "__class__":
		return meta, nil
	case "__dict__":
		if ci := classOf(cls); ci != nil {
			return ci.dict, nil
		}
	}
	mattr := lookupType(meta, name)
	var mGet bool
	if mattr != nil {
		var isData bool
		mGet, isData = descrKind(mattr)
		if isData {
			return descrGet(t, mattr, cls, meta)
		}
	}
	if a := lookupType(cls, name); a != nil {
		if hasGet, _ := descrKind(a); hasGet {
			return descrGet(t, a, nil, cls)
		}
		return a, nil
	}
	if mattr != nil {
		if mGet {
			return descrGet(t, mattr, cls, meta)
		}
		return mattr, nil
	}
	switch name {
	case "__doc__":
		return py.None, nil
	case "__module__":
		return py.String(typeModule(cls)), nil
	}
	if classOf(meta) != nil {
		if g := lookupUser(meta, "__getattr__"); g != nil {
			return callDescr(t, g, cls, py.String(name))
		}
	}
	return nil, Errorf(AttributeErrorType, "type object '%s' has no attribute '%s'", cls.Name, name)
}

// setAttrUser is setattr on an object whose type is a user class (v nil:
// delattr).
func setAttrUser(t *Thread, o py.Object, typ *py.Type, name string, v py.Object) error {
	hook := "__setattr__"
	if v == nil {
		hook = "__delattr__"
	}
	if f := lookupUser(typ, hook); f != nil {
		var err error
		if v == nil {
			_, err = callDescr(t, f, o, py.String(name))
		} else {
			_, err = callDescr(t, f, o, py.String(name), v)
		}
		return err
	}
	return genericSetAttr(t, o, typ, name, v)
}

// genericSetAttr is object.__setattr__ / object.__delattr__ (v nil).
func genericSetAttr(t *Thread, o py.Object, typ *py.Type, name string, v py.Object) error {
	if cls, ok := o.(*py.Type); ok {
		return typeSetAttr(t, cls, name, v)
	}
	if d := lookupType(typ, name); d != nil {
		if _, isData := descrKind(d); isData {
			if ok, err := descrSet(t, d, o, v); ok {
				return err
			}
		}
	}
	if e, ok := o.(*Exception); ok {
		switch name {
		case "__cause__", "__context__", "__suppress_context__", "args", "__traceback__":
			return excSetAttr(t, e, name, v)
		}
		if e.dict == nil {
			e.dict = NewDict(0)
		}
	}
	if name == "__class__" {
		return typeErrorf("__class__ assignment is not supported")
	}
	dict := instDict(o)
	if dict == nil {
		if v != nil && lookupType(typ, name) != nil {
			return Errorf(AttributeErrorType, "'%s' object attribute '%s' is read-only", typ.Name, name)
		}
		if v != nil && t.minor() >= 13 {
			return Errorf(AttributeErrorType, "'%s' object has no attribute '%s' and no __dict__ for setting new attributes", typ.Name, name)
		}
		return Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", typ.Name, name)
	}
	if v == nil {
		_, ok, err := dict.Delete(t, py.String(name))
		if err == nil && !ok {
			if t.minor() <= 10 {
				return NewException(AttributeErrorType, py.String(name))
			}
			return Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", typ.Name, name)
		}
		return err
	}
	return dict.SetItem(t, py.String(name), v)
}

func excSetAttr(t *Thread, e *Exception, name string, v py.Object) error {
	if v == nil {
		return typeErrorf("%s may not be deleted", name)
	}
	switch name {
	case "__cause__", "__context__":
		var ex *Exception
		if !isNone(v) {
			var ok bool
			if ex, ok = v.(*Exception); !ok {
				return typeErrorf("exception %s must be None or derive from BaseException", name[2:len(name)-2])
			}
		}
		if name == "__cause__" {
			e.Cause = ex
			e.SuppressContext = true
		} else {
			e.Context = ex
		}
	case "__suppress_context__":
		b, err := Truth(t, v)
		if err != nil {
			return err
		}
		e.SuppressContext = b
	case "args":
		items, err := collect(t, v)
		if err != nil {
			return err
		}
		e.Args = py.Tuple(items)
	}
	return nil
}

// typeSetAttr sets (v nil: deletes) an attribute of a user class.
func typeSetAttr(t *Thread, cls *py.Type, name string, v py.Object) error {
	ci := classOf(cls)
	if ci == nil {
		return typeErrorf("cannot set '%s' attribute of immutable type '%s'", name, cls.Name)
	}
	if meta := cls.ObjectType; classOf(meta) != nil {
		if d := lookupType(meta, name); d != nil {
			if _, isData := descrKind(d); isData {
				if ok, err := descrSet(t, d, cls, v); ok {
					return err
				}
			}
		}
	}
	switch name {
	case "__name__", "__qualname__":
		s, ok := v.(py.String)
		if !ok {
			return typeErrorf("can only assign string to %s.%s, not '%s'", cls.Name, name, TypeName(v))
		}
		if name == "__name__" {
			cls.Name = string(s)
		} else {
			cls.Qualname = string(s)
		}
		return nil
	}
	if v == nil {
		_, ok, err := ci.dict.Delete(t, py.String(name))
		if err == nil && !ok {
			return Errorf(AttributeErrorType, "type object '%s' has no attribute '%s'", cls.Name, name)
		}
		return err
	}
	if fn, ok := v.(*Function); ok && (name == "__new__") {
		v = &StaticMethod{Func: fn}
	}
	return ci.dict.SetItem(t, py.String(name), v)
}

// DelAttr performs delattr(o, name).
func DelAttr(t *Thread, o py.Object, name string) error {
	if ut := userTypeOf(o); ut != nil {
		return setAttrUser(t, o, ut, name, nil)
	}
	switch x := o.(type) {
	case *py.Type:
		if classOf(x) != nil {
			return typeSetAttr(t, x, name, nil)
		}
		return typeErrorf("cannot delete '%s' attribute of immutable type '%s'", name, x.Name)
	case *Instance:
		return genericSetAttr(t, o, x.cls, name, nil)
	case *Function:
		if x.Dict != nil {
			if _, ok, _ := x.Dict.Delete(t, py.String(name)); ok {
				return nil
			}
		}
	}
	return Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", TypeName(o), name)
}

// userExcLine returns the type name and message CPython prints on the last
// line of a traceback for an instance of a user exception class: the
// qualified name (prefixed by the module unless it is __main__ or
// builtins) and str(e), which may run the class's __str__.
func userExcLine(e *Exception) (string, string) {
	name := typeQual(e.typ)
	if m := typeModule(e.typ); m != "__main__" && m != "builtins" {
		name = m + "." + name
	}
	ci := classOf(e.typ)
	t := &Thread{version: ci.version, hash: ci.ht.hasher(), RecursionLimit: DefaultRecursionLimit}
	s, err := Str(t, e)
	if err != nil {
		return name, "<exception str() failed>"
	}
	return name, s
}

// ctorCache is what calling a plain user class does, cached per thread
// (Thread.ctorFor): a class whose metaclass has no user __call__, with no
// user __new__ and no built-in base but object, and whose __init__ is a
// Python function or absent. It stays valid while no user class namespace
// on the class's MRO or its metaclass's changes (the same rule as
// classAttrCache).
type ctorCache struct {
	typ     *py.Type
	epoch   uint64
	dicts   []*Dict
	vers    []uint64
	init    *Function // nil: no __init__ but object's
	hasDict bool
	nslots  int
	// builtin marks typ as a built-in type: no plan, for good.
	builtin bool
}

// ctorCacheSize is the number of classes a thread remembers (direct mapped).
const ctorCacheSize = 8

// ctorFor returns the valid construction plan of cls, or nil when calling
// cls must take the general path.
func (t *Thread) ctorFor(cls *py.Type) *ctorCache {
	slot := &t.ctors[(uintptr(unsafe.Pointer(cls))>>5)%ctorCacheSize]
	if c := *slot; c != nil && c.typ == cls {
		if c.builtin {
			return nil
		}
		if epoch := classEpoch.Load(); c.epoch == epoch {
			return c
		} else if c.valid() {
			c.epoch = epoch
			return c
		}
	}
	if classOf(cls) == nil {
		*slot = &ctorCache{typ: cls, builtin: true}
		return nil
	}
	c := newCtorCache(cls)
	*slot = c
	return c
}

func (c *ctorCache) valid() bool {
	for i, d := range c.dicts {
		if d.version != c.vers[i] {
			return false
		}
	}
	return true
}

// newCtorCache builds cls's construction plan, or returns nil when cls is
// not a plain user class (see ctorCache).
func newCtorCache(cls *py.Type) *ctorCache {
	ci := classOf(cls)
	if ci == nil || ci.solid != py.ObjectType {
		return nil
	}
	c := &ctorCache{typ: cls, epoch: classEpoch.Load(), hasDict: ci.hasDict, nslots: ci.nslots}
	for _, m := range ci.mro {
		if mc := classOf(m); mc != nil {
			c.dicts = append(c.dicts, mc.dict)
			c.vers = append(c.vers, mc.dict.version)
		}
	}
	if meta := cls.ObjectType; classOf(meta) != nil {
		if lookupUser(meta, "__call__") != nil {
			return nil
		}
		for _, m := range mroOf(meta) {
			if mc := classOf(m); mc != nil {
				c.dicts = append(c.dicts, mc.dict)
				c.vers = append(c.vers, mc.dict.version)
			}
		}
	}
	if nf := lookupType(cls, "__new__"); isUserNew(nf) || userOverrides(cls, "__new__") {
		return nil
	}
	switch init := lookupType(cls, "__init__").(type) {
	case nil:
	case *Function:
		if !userOverrides(cls, "__init__") {
			return nil
		}
		c.init = init
	default:
		return nil
	}
	return c
}

// newInstance is object.__new__ for the class of c.
func (c *ctorCache) newInstance() *Instance {
	in := &Instance{cls: c.typ}
	if c.hasDict {
		in.dict = newDictRoom()
	}
	if c.nslots > 0 {
		in.slots = make([]py.Object, c.nslots)
	}
	return in
}

// construct is typeCall for a class with a valid plan; a class without
// __init__ is only called this way without arguments.
func (c *ctorCache) construct(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	in := c.newInstance()
	if c.init == nil {
		return in, nil
	}
	r, err := t.callFunctionSelf(c.init, in, args, kwnames)
	if err != nil {
		return nil, err
	}
	if !isNone(r) {
		return nil, typeErrorf("__init__() should return None, not '%s'", TypeName(r))
	}
	return in, nil
}
