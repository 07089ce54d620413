package pyexec

import (
	"github.com/go-python/gpython/py"
)

// Descriptor and helper types of the object model.
var (
	PropertyType          = newType("property", py.ObjectType)
	StaticMethodType      = newType("staticmethod", py.ObjectType)
	ClassMethodType       = newType("classmethod", py.ObjectType)
	SuperType             = newType("super", py.ObjectType)
	MemberDescrType       = newType("member_descriptor", py.ObjectType)
	NotImplementedType    = newType("NotImplementedType", py.ObjectType)
	MappingProxyType      = newType("mappingproxy", py.ObjectType)
	WrapperDescriptorType = newType("wrapper_descriptor", py.ObjectType)
)

// notImplemented is the type of the NotImplemented singleton.
type notImplemented struct{}

// Type returns NotImplementedType.
func (notImplemented) Type() *py.Type { return NotImplementedType }

// NotImplemented is Python's NotImplemented singleton: binary and comparison
// dunders return it to ask for the reflected operation.
var NotImplemented py.Object = &notImplemented{}

// StaticMethod is staticmethod(f).
type StaticMethod struct{ Func py.Object }

// Type returns staticmethod.
func (s *StaticMethod) Type() *py.Type { return StaticMethodType }

// ClassMethod is classmethod(f).
type ClassMethod struct{ Func py.Object }

// Type returns classmethod.
func (c *ClassMethod) Type() *py.Type { return ClassMethodType }

// Property is property(fget, fset, fdel, doc).
type Property struct {
	Get, Set, Del py.Object // nil when absent
	Doc           py.Object
	Name          string // from __set_name__ or fget.__name__
}

// Type returns property.
func (p *Property) Type() *py.Type { return PropertyType }

// SlotMember is the descriptor __slots__ creates for each slot.
type SlotMember struct {
	Name  string
	Owner *py.Type
	Index int
}

// Type returns member_descriptor.
func (m *SlotMember) Type() *py.Type { return MemberDescrType }

func isNotImpl(o py.Object) bool { return o == NotImplemented }

// hasGet reports whether o is a descriptor (has __get__), and isData whether
// it is a data descriptor (has __set__ or __delete__).
func descrKind(o py.Object) (hasGet, isData bool) {
	switch o.(type) {
	case *Function, *Method, *StaticMethod, *ClassMethod:
		return true, false
	case *Property, *SlotMember:
		return true, true
	}
	if ut := userTypeOf(o); ut != nil {
		hasGet = lookupUser(ut, "__get__") != nil
		isData = lookupUser(ut, "__set__") != nil || lookupUser(ut, "__delete__") != nil
	}
	return
}

// descrGet applies descriptor d's __get__(obj, typ); obj is nil for class
// attribute access.
func descrGet(t *Thread, d, obj py.Object, typ *py.Type) (py.Object, error) {
	switch x := d.(type) {
	case *Function:
		if obj == nil {
			return x, nil
		}
		return &BoundMethod{Self: obj, Func: x}, nil
	case *Method:
		if obj == nil {
			return x, nil
		}
		return &BoundMethod{Self: payloadFor(obj, x.Owner), Func: x}, nil
	case *StaticMethod:
		return x.Func, nil
	case *ClassMethod:
		return &BoundMethod{Self: typ, Func: x.Func}, nil
	case *Property:
		if obj == nil {
			return x, nil
		}
		if x.Get == nil {
			return nil, propertyError(t, x, obj, "getter", "unreadable attribute")
		}
		return call(t, x.Get, []py.Object{obj}, nil)
	case *SlotMember:
		if obj == nil {
			return x, nil
		}
		in, ok := obj.(*Instance)
		if !ok || x.Index >= len(in.slots) {
			return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", x.Name, x.Owner.Name, TypeName(obj))
		}
		v := in.slots[x.Index]
		if v == nil {
			switch m := t.minor(); {
			case m <= 9:
				return nil, NewException(AttributeErrorType, py.String(x.Name))
			case m >= 13:
				return nil, Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", typeQual(TypeOf(obj)), x.Name)
			}
			return nil, Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", TypeName(obj), x.Name)
		}
		return v, nil
	}
	if ut := userTypeOf(d); ut != nil {
		if g := lookupUser(ut, "__get__"); g != nil {
			var o py.Object = py.None
			if obj != nil {
				o = obj
			}
			return callDescr(t, g, d, o, typ)
		}
	}
	return d, nil
}

// descrSet applies a data descriptor's __set__ (v non-nil) or __delete__.
// ok is false when d does not support the operation.
func descrSet(t *Thread, d, obj, v py.Object) (bool, error) {
	switch x := d.(type) {
	case *Property:
		if v == nil {
			if x.Del == nil {
				return true, propertyError(t, x, obj, "deleter", "can't delete attribute")
			}
			_, err := call(t, x.Del, []py.Object{obj}, nil)
			return true, err
		}
		if x.Set == nil {
			return true, propertyError(t, x, obj, "setter", "can't set attribute")
		}
		_, err := call(t, x.Set, []py.Object{obj, v}, nil)
		return true, err
	case *SlotMember:
		in, ok := obj.(*Instance)
		if !ok || x.Index >= len(in.slots) {
			return true, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", x.Name, x.Owner.Name, TypeName(obj))
		}
		if v == nil && in.slots[x.Index] == nil {
			return true, NewException(AttributeErrorType, py.String(x.Name))
		}
		in.slots[x.Index] = v
		return true, nil
	}
	if ut := userTypeOf(d); ut != nil {
		if v == nil {
			if f := lookupUser(ut, "__delete__"); f != nil {
				_, err := callDescr(t, f, d, obj)
				return true, err
			}
			if lookupUser(ut, "__set__") != nil {
				return true, Errorf(AttributeErrorType, "__delete__")
			}
			return false, nil
		}
		if f := lookupUser(ut, "__set__"); f != nil {
			_, err := callDescr(t, f, d, obj, v)
			return true, err
		}
		if lookupUser(ut, "__delete__") != nil {
			return true, Errorf(AttributeErrorType, "__set__")
		}
	}
	return false, nil
}

// callDescr calls a function found in a type's namespace as a method of self:
// it binds like attribute lookup would (plain functions get self prepended).
func callDescr(t *Thread, f, self py.Object, args ...py.Object) (py.Object, error) {
	switch x := f.(type) {
	case *Function:
		all := make([]py.Object, 0, len(args)+1)
		all = append(append(all, self), args...)
		return t.callFunction(x, all, nil)
	case *Method:
		return x.Fn(t, payloadFor(self, x.Owner), args, nil)
	}
	m, err := descrGet(t, f, self, TypeOf(self))
	if err != nil {
		return nil, err
	}
	return call(t, m, args, nil)
}

// callDunder looks up name on type(o)'s user classes and calls it with o
// bound; found is false when no user class defines it.
func callDunder(t *Thread, o py.Object, name string, args ...py.Object) (res py.Object, found bool, err error) {
	ut := userTypeOf(o)
	if ut == nil {
		return nil, false, nil
	}
	f := lookupUser(ut, name)
	if f == nil {
		return nil, false, nil
	}
	if isNone(f) {
		return nil, true, typeErrorf("'%s' object is not callable", "NoneType")
	}
	res, err = callDescr(t, f, o, args...)
	return res, true, err
}

// --- builtin constructors for the descriptor types ---

func newProperty(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("property", args, kw, []string{"fget", "fset", "fdel", "doc"}, 0)
	if err != nil {
		return nil, err
	}
	p := &Property{}
	for i, dst := range []*py.Object{&p.Get, &p.Set, &p.Del, &p.Doc} {
		if a[i] != nil && !isNone(a[i]) {
			*dst = a[i]
		}
	}
	if p.Get != nil {
		if n, err := GetAttr(t, p.Get, "__name__"); err == nil {
			if s, ok := n.(py.String); ok {
				p.Name = string(s)
			}
		}
		if p.Doc == nil {
			if d, err := GetAttr(t, p.Get, "__doc__"); err == nil {
				p.Doc = d
			}
		}
	}
	return p, nil
}

func propertyCopy(p *Property, which int, f py.Object) *Property {
	q := *p
	switch which {
	case 0:
		q.Get = f
	case 1:
		q.Set = f
	case 2:
		q.Del = f
	}
	if isNone(f) {
		switch which {
		case 0:
			q.Get = nil
		case 1:
			q.Set = nil
		case 2:
			q.Del = nil
		}
	}
	return &q
}

func init() {
	mk := func(which int) MethodFunc {
		return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("property", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return propertyCopy(self.(*Property), which, args[0]), nil
		}
	}
	addMethods(PropertyType, map[string]MethodFunc{
		"getter": mk(0), "setter": mk(1), "deleter": mk(2),
		"__get__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("__get__", args, kw, 1, 2); err != nil {
				return nil, err
			}
			if isNone(args[0]) {
				return self, nil
			}
			return descrGet(t, self, args[0], TypeOf(args[0]))
		},
		"__set__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("__set__", args, kw, 2, 2); err != nil {
				return nil, err
			}
			_, err := descrSet(t, self, args[0], args[1])
			return py.None, err
		},
		"__set_name__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("__set_name__", args, kw, 2, 2); err != nil {
				return nil, err
			}
			if s, ok := args[1].(py.String); ok {
				self.(*Property).Name = string(s)
			}
			return py.None, nil
		},
	})
	typeCtors[PropertyType] = newProperty
	typeCtors[StaticMethodType] = func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs("staticmethod", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return &StaticMethod{Func: args[0]}, nil
	}
	typeCtors[ClassMethodType] = func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs("classmethod", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return &ClassMethod{Func: args[0]}, nil
	}
	// types.MethodType(func, obj) binds any callable to any object but None.
	typeCtors[BoundMethodType] = func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs("method", args, kw, 2, 2); err != nil {
			return nil, err
		}
		if !isCallable(args[0]) {
			return nil, typeErrorf("first argument must be callable")
		}
		if isNone(args[1]) {
			return nil, typeErrorf("instance must not be None")
		}
		return &BoundMethod{Func: args[0], Self: args[1]}, nil
	}
}

// propertyError is the AttributeError for a property without the accessor.
func propertyError(t *Thread, p *Property, obj py.Object, kind, old string) error {
	switch m := t.minor(); {
	case m >= 11:
		return Errorf(AttributeErrorType, "property '%s' of '%s' object has no %s", p.Name, typeQual(TypeOf(obj)), kind)
	case m == 10 && p.Name != "":
		return Errorf(AttributeErrorType, "%s '%s'", old, p.Name)
	}
	return Errorf(AttributeErrorType, "%s", old)
}
