package pyexec

import (
	"sort"

	"github.com/go-python/gpython/py"
)

// objectModelBuiltins are the builtins the object model adds (see
// BuiltinsFor).
var objectModelBuiltins = map[string]py.Object{}

// objectDir is dir(object()) (CPython 3.11/3.12).
var objectDir = []string{"__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
	"__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__",
	"__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__",
	"__subclasshook__"}

func init() {
	for name, v := range map[string]py.Object{
		"property": PropertyType, "staticmethod": StaticMethodType, "classmethod": ClassMethodType,
		"super": SuperType, "NotImplemented": NotImplemented, "Ellipsis": py.Ellipsis,
	} {
		objectModelBuiltins[name] = v
	}
	for name, fn := range map[string]BuiltinFunc{
		"__build_class__": bBuildClass, "issubclass": bIssubclass, "setattr": bSetattr, "delattr": bDelattr,
		"vars": bVars, "dir": bDir, "id": bID,
	} {
		objectModelBuiltins[name] = &Builtin{Name: name, Fn: fn}
	}
	initObjectSlots()
}

// builtinNew returns a __new__ staticmethod for a built-in base.
func builtinNew(owner *py.Type) *StaticMethod {
	return &StaticMethod{Func: &Builtin{Name: "__new__", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(args)-len(kw) < 1 {
			return nil, typeErrorf("%s.__new__(): not enough arguments", owner.Name)
		}
		cls, ok := args[0].(*py.Type)
		if !ok {
			return nil, typeErrorf("%s.__new__(X): X is not a type object (%s)", owner.Name, TypeName(args[0]))
		}
		if !IsSubtype(cls, owner) {
			return nil, typeErrorf("%s.__new__(%s): %s is not a subtype of %s", owner.Name, cls.Name, cls.Name, owner.Name)
		}
		if owner == py.TypeType {
			return typeNew(t, cls, args[1:], kw)
		}
		return objectNew(t, cls, args[1:], kw, owner == py.ObjectType)
	}}}
}

func method(owner *py.Type, name string, fn MethodFunc) *Method {
	return &Method{Name: name, Owner: owner, Fn: fn}
}

func initObjectSlots() {
	obj := py.ObjectType
	objNew := builtinNew(obj)
	addSlot(obj, "__new__", objNew)
	addSlot(obj, "__init__", method(obj, "__init__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(args) > 0 {
			typ := TypeOf(self)
			if userOverrides(typ, "__init__") {
				return nil, typeErrorf("object.__init__() takes exactly one argument (the instance to initialize)")
			}
			if lookupType(typ, "__new__") == py.Object(objNew) {
				return nil, typeErrorf("%s.__init__() takes exactly one argument (the instance to initialize)", typ.Name)
			}
		}
		return py.None, nil
	}))
	addSlot(obj, "__repr__", method(obj, "__repr__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if in, ok := self.(*Instance); ok && in.value == nil {
			return py.String(defaultRepr(in)), nil
		}
		s, err := Repr(t, unwrap(self))
		return py.String(s), err
	}))
	addSlot(obj, "__str__", method(obj, "__str__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		s, err := Repr(t, self)
		return py.String(s), err
	}))
	addSlot(obj, "__hash__", method(obj, "__hash__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if in, ok := self.(*Instance); ok {
			return MakeInt(int64(in.addr() >> 4)), nil
		}
		h, err := Hash(t, self)
		return MakeInt(h), err
	}))
	addSlot(obj, "__format__", method(obj, "__format__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs("__format__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		spec, ok := args[0].(py.String)
		if !ok {
			return nil, typeErrorf("__format__() argument must be str, not %s", TypeName(args[0]))
		}
		if spec != "" {
			return nil, typeErrorf("unsupported format string passed to %s.__format__", TypeName(self))
		}
		s, err := Str(t, self)
		return py.String(s), err
	}))
	for op, name := range cmpNames {
		op := op
		addSlot(obj, name, method(obj, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			switch op {
			case CmpEQ:
				if Identical(self, args[0]) {
					return py.True, nil
				}
				return NotImplemented, nil
			case CmpNE:
				r, err := cmpSlot(t, self, CmpEQ, args[0])
				if err != nil || isNotImpl(r) {
					return r, err
				}
				b, err := Truth(t, r)
				return py.NewBool(!b), err
			}
			return NotImplemented, nil
		}))
	}
	addSlot(obj, "__getattribute__", method(obj, "__getattribute__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		name, err := attrName("__getattribute__", args, kw, 1)
		if err != nil {
			return nil, err
		}
		return genericGetAttr(t, self, TypeOf(self), name)
	}))
	addSlot(obj, "__setattr__", method(obj, "__setattr__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		name, err := attrName("__setattr__", args, kw, 2)
		if err != nil {
			return nil, err
		}
		return py.None, genericSetAttr(t, self, TypeOf(self), name, args[1])
	}))
	addSlot(obj, "__delattr__", method(obj, "__delattr__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		name, err := attrName("__delattr__", args, kw, 1)
		if err != nil {
			return nil, err
		}
		return py.None, genericSetAttr(t, self, TypeOf(self), name, nil)
	}))
	addSlot(obj, "__dir__", method(obj, "__dir__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return dirOf(t, self), nil
	}))
	addSlot(obj, "__init_subclass__", &ClassMethod{Func: &Builtin{Name: "__init_subclass__", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(kw) > 0 {
			if t.minor() <= 8 {
				return nil, typeErrorf("__init_subclass__() takes no keyword arguments")
			}
			return nil, typeErrorf("%s.__init_subclass__() takes no keyword arguments", typeQual(args[0].(*py.Type)))
		}
		if len(args) > 1 {
			return nil, typeErrorf("%s.__init_subclass__() takes no arguments (%d given)", args[0].(*py.Type).Name, len(args)-1)
		}
		return py.None, nil
	}}})

	// type
	typ := py.TypeType
	addSlot(typ, "__new__", builtinNew(typ))
	addSlot(typ, "__init__", method(typ, "__init__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.None, nil
	}))
	addSlot(typ, "__call__", method(typ, "__call__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		cls, ok := self.(*py.Type)
		if !ok {
			return nil, typeErrorf("descriptor '__call__' requires a 'type' object")
		}
		if classOf(cls) != nil {
			return typeCall(t, cls, args, kw)
		}
		return call(t, cls, args, kw)
	}))
	addSlot(typ, "__repr__", method(typ, "__repr__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if c, ok := self.(*py.Type); ok && classOf(c) != nil {
			return py.String("<class '" + qualifiedName(c) + "'>"), nil
		}
		s, err := Repr(t, self)
		return py.String(s), err
	}))
	addSlot(typ, "mro", method(typ, "mro", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		m := mroOf(self.(*py.Type))
		out := make([]py.Object, len(m))
		for i, x := range m {
			out[i] = x
		}
		return &py.List{Items: out}, nil
	}))

	// BaseException
	be := BaseExceptionType
	addSlot(be, "__new__", builtinNew(be))
	addSlot(be, "__init__", method(be, "__init__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		e, ok := self.(*Exception)
		if !ok {
			return nil, typeErrorf("descriptor '__init__' requires a 'BaseException' object")
		}
		if len(kw) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", e.typ.Name)
		}
		e.Args = append(py.Tuple{}, args...)
		return py.None, nil
	}))
	addSlot(be, "__str__", method(be, "__str__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		e, ok := self.(*Exception)
		if !ok {
			return nil, typeErrorf("descriptor '__str__' requires a 'BaseException' object")
		}
		s, err := e.message(t)
		return py.String(s), err
	}))
	addSlot(be, "__repr__", method(be, "__repr__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		e, ok := self.(*Exception)
		if !ok {
			return nil, typeErrorf("descriptor '__repr__' requires a 'BaseException' object")
		}
		s, err := excRepr(t, e)
		return py.String(s), err
	}))
	addMethods(be, map[string]MethodFunc{
		"add_note": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if t.minor() <= 10 {
				return nil, Errorf(AttributeErrorType, "'%s' object has no attribute 'add_note'", TypeName(self))
			}
			if err := posArgs("add_note", args, kw, 1, 1); err != nil {
				return nil, err
			}
			if _, ok := args[0].(py.String); !ok {
				return nil, typeErrorf("note must be a str, not '%s'", TypeName(args[0]))
			}
			return py.None, addNote(t, self.(*Exception), args[0])
		},
		"with_traceback": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("with_traceback", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self, nil
		},
	})

	// Built-in data types usable as bases.
	for p := range payloadTypes {
		p := p
		addSlot(p, "__new__", builtinNew(p))
		switch p {
		case py.ListType, DictType, SetType:
			addSlot(p, "__init__", method(p, "__init__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				v, err := typeCtors[p](t, args, kw)
				if err != nil {
					return nil, err
				}
				switch x := self.(type) {
				case *py.List:
					x.Items = v.(*py.List).Items
				case *Dict:
					x.Clear()
					if err := x.Update(t, v.(*Dict)); err != nil {
						return nil, err
					}
				case *Set:
					for _, e := range v.(*Set).Elems() {
						if err := x.Add(t, e); err != nil {
							return nil, err
						}
					}
				}
				return py.None, nil
			}))
		}
		addPayloadDunders(p)
	}
}

// addPayloadDunders gives a built-in data type the dunder methods user
// subclasses reach through super() or explicit Base.__x__(self, …) calls.
func addPayloadDunders(p *py.Type) {
	one := func(name string, fn func(t *Thread, self, arg py.Object) (py.Object, error)) {
		addSlot(p, name, method(p, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := slotArgs(kw, args, 1); err != nil {
				return nil, err
			}
			return fn(t, self, args[0])
		}))
	}
	zero := func(name string, fn func(t *Thread, self py.Object) (py.Object, error)) {
		addSlot(p, name, method(p, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := slotArgs(kw, args, 0); err != nil {
				return nil, err
			}
			return fn(t, self)
		}))
	}
	one("__getitem__", func(t *Thread, self, k py.Object) (py.Object, error) { return GetItem(t, self, k) })
	one("__delitem__", func(t *Thread, self, k py.Object) (py.Object, error) { return py.None, DelItem(t, self, k) })
	one("__contains__", func(t *Thread, self, k py.Object) (py.Object, error) {
		b, err := Contains(t, self, k)
		return py.NewBool(b), err
	})
	addSlot(p, "__setitem__", method(p, "__setitem__", func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs("__setitem__", args, kw, 2, 2); err != nil {
			return nil, err
		}
		return py.None, SetItem(t, self, args[0], args[1])
	}))
	zero("__len__", func(t *Thread, self py.Object) (py.Object, error) {
		n, err := Len(t, self)
		return MakeInt(int64(n)), err
	})
	zero("__iter__", func(t *Thread, self py.Object) (py.Object, error) { return Iterate(t, self) })
	zero("__repr__", func(t *Thread, self py.Object) (py.Object, error) {
		s, err := Repr(t, self)
		return py.String(s), err
	})
	zero("__str__", func(t *Thread, self py.Object) (py.Object, error) {
		s, err := Str(t, self)
		return py.String(s), err
	})
	zero("__hash__", func(t *Thread, self py.Object) (py.Object, error) {
		h, err := Hash(t, self)
		return MakeInt(h), err
	})
	zero("__bool__", func(t *Thread, self py.Object) (py.Object, error) {
		b, err := Truth(t, self)
		return py.NewBool(b), err
	})
	one("__format__", func(t *Thread, self, spec py.Object) (py.Object, error) {
		s, _ := spec.(py.String)
		r, err := Format(t, self, string(s))
		return py.String(r), err
	})
	for op, name := range cmpNames {
		op := op
		one(name, func(t *Thread, self, other py.Object) (py.Object, error) { return builtinCompare(t, op, self, other) })
	}
	for base, n := range binaryNames {
		base := base
		// forward is whether self is the left operand. A numeric type's
		// slot returns NotImplemented for an operand of a type it does not
		// handle (int takes ints only, float ints and floats); a
		// sequence's forward slot raises the TypeError of the operation
		// ('ab'.__add__(1)), its reflected one returns NotImplemented.
		bin := func(t *Thread, x, y py.Object, forward bool) (py.Object, error) {
			y, x = unwrap(y), unwrap(x)
			if _, ok := y.(*Instance); ok || isUserVal(y) {
				return NotImplemented, nil
			}
			if _, ok := x.(*Instance); ok || isUserVal(x) {
				return NotImplemented, nil
			}
			self, other := x, y
			if !forward {
				self, other = y, x
			}
			numeric := isNumericSelf(self)
			if numeric && !numericOperand(self, other) {
				return NotImplemented, nil
			}
			if n == "mul" && forward && !numeric && !isInt(other) {
				// seq.__mul__ takes an index, unlike seq * x.
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(other))
			}
			r, err := BinaryOp(t, base, x, y)
			if err != nil && (numeric || !forward) {
				if e, ok := err.(*Exception); ok && e.typ == TypeErrorType {
					return NotImplemented, nil
				}
			}
			return r, err
		}
		if n == "pow" {
			// __pow__ and __rpow__ also take pow()'s modulus.
			for _, forward := range []bool{true, false} {
				forward, name := forward, "__pow__"
				if !forward {
					name = "__rpow__"
				}
				addSlot(p, name, method(p, name, func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
					if len(kw) == 0 && len(args) > 2 {
						// CPython's message, leading space included.
						return nil, typeErrorf(" expected at most 2 arguments, got %d", len(args))
					}
					if len(args) == 2 && len(kw) == 0 && !isNone(args[1]) {
						x, y := unwrap(self), unwrap(args[0])
						if !forward {
							x, y = y, x
						}
						if isNumericSelf(unwrap(self)) && !numericOperand(unwrap(self), unwrap(args[0])) {
							return NotImplemented, nil
						}
						return builtinFuncs["pow"](t, []py.Object{x, y, unwrap(args[1])}, nil)
					}
					if len(args) == 2 && len(kw) == 0 {
						args = args[:1]
					}
					if err := slotArgs(kw, args, 1); err != nil {
						return nil, err
					}
					if forward {
						return bin(t, self, args[0], true)
					}
					return bin(t, args[0], self, false)
				}))
			}
			continue
		}
		one("__"+n+"__", func(t *Thread, self, other py.Object) (py.Object, error) { return bin(t, self, other, true) })
		one("__r"+n+"__", func(t *Thread, self, other py.Object) (py.Object, error) { return bin(t, other, self, false) })
	}
}

// isNumericSelf reports whether x is an int, bool or float: the types
// whose operator slots return NotImplemented for foreign operands.
func isNumericSelf(x py.Object) bool {
	switch x.(type) {
	case py.Int, *py.BigInt, py.Bool, py.Float:
		return true
	}
	return false
}

// sameCompareFamily reports whether the rich comparison of built-in
// container or string x accepts y (str with str, bytes with bytes or
// bytearray, list with list, tuple with tuple, set or frozenset with either,
// dict with dict); true for other types, which decide for themselves.
func sameCompareFamily(x, y py.Object) bool {
	switch x.(type) {
	case py.String:
		_, ok := y.(py.String)
		return ok
	case py.Bytes, *ByteArray:
		_, ok := bytesLike(y)
		return ok
	case *py.List:
		_, ok := y.(*py.List)
		return ok
	case py.Tuple:
		_, ok := y.(py.Tuple)
		return ok
	case *Set:
		_, ok := y.(*Set)
		return ok
	case *Dict:
		_, ok := y.(*Dict)
		return ok
	}
	return true
}

// numericOperand reports whether the slot of numeric value self accepts
// other: int's slots take ints (and bools), float's also floats.
func numericOperand(self, other py.Object) bool {
	if isInt(other) {
		return true
	}
	_, selfFloat := self.(py.Float)
	_, otherFloat := other.(py.Float)
	return selfFloat && otherFloat
}

func attrName(fname string, args []py.Object, kw py.Tuple, n int) (string, error) {
	if err := posArgs(fname, args, kw, n, n); err != nil {
		return "", err
	}
	s, ok := args[0].(py.String)
	if !ok {
		return "", typeErrorf("attribute name must be string, not '%s'", TypeName(args[0]))
	}
	return string(s), nil
}

// excRepr is BaseException.__repr__.
func excRepr(t *Thread, e *Exception) (string, error) {
	if len(e.Args) == 1 {
		s, err := Repr(t, e.Args[0])
		return e.typ.Name + "(" + s + ")", err
	}
	s, err := Repr(t, e.Args)
	return e.typ.Name + s, err
}

// --- builtin functions ---

func bIssubclass(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("issubclass", args, kw, 2, 2); err != nil {
		return nil, err
	}
	ok, err := issubclass(t, args[0], args[1])
	return py.NewBool(ok), err
}

func issubclass(t *Thread, c, cls py.Object) (bool, error) {
	switch x := cls.(type) {
	case py.Tuple:
		if err := t.EnterNative(" in __subclasscheck__"); err != nil {
			return false, err
		}
		defer t.LeaveNative()
		for _, y := range x {
			if ok, err := issubclass(t, c, y); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case *py.Type:
		if meta := x.ObjectType; classOf(meta) != nil {
			if f := lookupUser(meta, "__subclasscheck__"); f != nil {
				r, err := callDescr(t, f, x, c)
				if err != nil {
					return false, err
				}
				return Truth(t, r)
			}
		}
		ct, ok := c.(*py.Type)
		if !ok {
			return false, typeErrorf("issubclass() arg 1 must be a class")
		}
		return IsSubtype(ct, x), nil
	}
	return false, typeErrorf("issubclass() arg 2 must be a class, a tuple of classes, or a union")
}

// instanceCheckHook handles isinstance(o, cls) when cls's metaclass defines
// __instancecheck__.
func instanceCheckHook(t *Thread, o, cls py.Object) (bool, bool, error) {
	c, ok := cls.(*py.Type)
	if !ok || classOf(c.ObjectType) == nil {
		return false, false, nil
	}
	if IsInstance(o, c) {
		return true, true, nil
	}
	f := lookupUser(c.ObjectType, "__instancecheck__")
	if f == nil {
		return false, false, nil
	}
	r, err := callDescr(t, f, c, o)
	if err != nil {
		return false, true, err
	}
	b, err := Truth(t, r)
	return b, true, err
}

func bSetattr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("setattr", args, kw, 3, 3); err != nil {
		return nil, err
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", TypeName(args[1]))
	}
	return py.None, SetAttr(t, args[0], string(name), args[2])
}

func bDelattr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("delattr", args, kw, 2, 2); err != nil {
		return nil, err
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", TypeName(args[1]))
	}
	return py.None, DelAttr(t, args[0], string(name))
}

func bVars(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("vars", args, kw, 1, 1); err != nil {
		return nil, err
	}
	v, err := GetAttr(t, args[0], "__dict__")
	if err != nil {
		if isAttributeError(err) {
			return nil, typeErrorf("vars() argument must have __dict__ attribute")
		}
		return nil, err
	}
	return v, nil
}

func bID(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("id", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return MakeInt(objectID(args[0])), nil
}

// objectID is id(o): the fake address for instances of user classes (see
// FakeAddr) for heap values, the hash for the rest.
func objectID(o py.Object) int64 {
	if in, ok := o.(*Instance); ok {
		return int64(in.addr())
	}
	if a := FakeAddr(o); a != 0 {
		return int64(a)
	}
	h, err := Hash(nil, o)
	if err != nil {
		return 0
	}
	return h
}

func bDir(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("dir", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if ut := userTypeOf(args[0]); ut != nil {
		if f := lookupUser(ut, "__dir__"); f != nil {
			r, err := callDescr(t, f, args[0])
			if err != nil {
				return nil, err
			}
			items, err := collect(t, r)
			if err != nil {
				return nil, err
			}
			if err := sortItems(t, items, nil, false); err != nil {
				return nil, err
			}
			return &py.List{Items: items}, nil
		}
	}
	return dirOf(t, args[0]), nil
}

// dirOf is the default dir(o): sorted attribute names.
func dirOf(t *Thread, o py.Object) *py.List {
	names := map[string]bool{}
	addType := func(typ *py.Type) {
		for _, c := range mroOf(typ) {
			if ci := classOf(c); ci != nil {
				for _, k := range ci.dict.Keys() {
					if s, ok := k.(py.String); ok {
						names[string(s)] = true
					}
				}
				names["__doc__"], names["__module__"] = true, true
				if ci.hasDict {
					names["__dict__"], names["__weakref__"] = true, true
				}
				continue
			}
			if c == py.ObjectType {
				for _, n := range objectDir {
					names[n] = true
				}
			}
			for n := range methodTables[c] {
				names[n] = true
			}
			for n := range builtinSlots[c] {
				names[n] = true
			}
		}
	}
	if cls, ok := o.(*py.Type); ok {
		addType(cls)
		names["__class__"] = true
	} else {
		addType(TypeOf(o))
		if d := instDict(o); d != nil {
			for _, k := range d.Keys() {
				if s, ok := k.(py.String); ok {
					names[string(s)] = true
				}
			}
		}
	}
	if _, ok := o.(*Exception); ok {
		for _, n := range []string{"__cause__", "__context__", "__suppress_context__", "__traceback__", "args", "__setstate__", "add_note", "__dict__"} {
			names[n] = true
		}
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	items := make([]py.Object, len(out))
	for i, n := range out {
		items[i] = py.String(n)
	}
	return &py.List{Items: items}
}

// loadMethodUser is the method form of LOAD_ATTR for user class instances:
// a plain function found on the class (not shadowed by the instance dict or
// a custom __getattribute__) is returned unbound for a direct call.
func loadMethodUser(t *Thread, obj py.Object, typ *py.Type, name string) (py.Object, bool, error) {
	if _, isType := obj.(*py.Type); !isType && lookupUser(typ, "__getattribute__") == nil {
		if f, ok := lookupType(typ, name).(*Function); ok {
			if d := instDict(obj); d == nil {
				return f, true, nil
			} else if _, shadow := d.GetStr(t, name); !shadow {
				return f, true, nil
			}
		}
	}
	v, err := GetAttr(t, obj, name)
	return v, false, err
}

// absHook implements abs() for user classes.
func absHook(t *Thread, o py.Object) (py.Object, bool, error) {
	if userTypeOf(o) == nil {
		return nil, false, nil
	}
	if r, found, err := callDunder(t, o, "__abs__"); found || err != nil {
		return r, true, err
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		r, err := bAbs(t, []py.Object{in.value}, nil)
		return r, true, err
	}
	return nil, true, typeErrorf("bad operand type for abs(): '%s'", TypeName(o))
}

// numberHook converts a user instance for int() and float() (__int__,
// __index__, __float__, or the payload).
func numberHook(t *Thread, o py.Object, float bool) (py.Object, bool, error) {
	ut := userTypeOf(o)
	if ut == nil {
		return nil, false, nil
	}
	names := []string{"__int__", "__index__", "__trunc__"}
	if float {
		names = []string{"__float__", "__index__"}
	}
	for _, n := range names {
		if r, found, err := callDunder(t, o, n); found || err != nil {
			if err != nil {
				return nil, true, err
			}
			if float && n == "__float__" {
				if _, ok := unwrap(r).(py.Float); !ok {
					return nil, true, typeErrorf("%s.__float__ returned non-float (type %s)", ut.Name, TypeName(r))
				}
			} else if !isInt(unwrap(r)) {
				return nil, true, typeErrorf("%s returned non-int (type %s)", n, TypeName(r))
			}
			r = unwrap(r)
			if float {
				if f, ok := r.(py.Float); ok {
					return f, true, nil
				}
				x, err := intToFloat(r)
				return py.Float(x), true, err
			}
			return r, true, nil
		}
	}
	if in, ok := o.(*Instance); ok && in.value != nil {
		if float {
			r, err := bFloat(t, []py.Object{in.value}, nil)
			return r, true, err
		}
		r, err := bInt(t, []py.Object{in.value}, nil)
		return r, true, err
	}
	return nil, false, nil
}

// addNote appends note to e.__notes__ (BaseException.add_note).
func addNote(t *Thread, e *Exception, note py.Object) error {
	d, _ := InstanceDict(e)
	v, ok := d.GetStr(t, "__notes__")
	if !ok {
		v = &py.List{}
		if err := d.SetItem(t, py.String("__notes__"), v); err != nil {
			return err
		}
	}
	l, ok := v.(*py.List)
	if !ok {
		return typeErrorf("Cannot add note: __notes__ is not a list")
	}
	l.Items = append(l.Items, note)
	return nil
}

func pyStr(t *Thread, o py.Object) string {
	s, _ := Str(t, o)
	return s
}
