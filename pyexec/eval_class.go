package pyexec

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// classOp executes the instructions of the object model: class bodies
// (LOAD_NAME, STORE_NAME, DELETE_NAME, LOAD_LOCALS, LOAD_CLASSDEREF,
// LOAD_FROM_DICT_OR_DEREF, LOAD_FROM_DICT_OR_GLOBALS, LOAD_BUILD_CLASS,
// SETUP_ANNOTATIONS), LOAD_SUPER_ATTR, DELETE_ATTR and the with statement
// (BEFORE_WITH, WITH_EXCEPT_START). It returns the new stack height.
func (t *Thread) classOp(f *frame, in *bytecode.Instr, sp int) (int, error) {
	code := f.code
	stack := f.stack
	switch in.Op {
	case bytecode.LoadName:
		name := code.names[in.Arg]
		v, err := t.loadName(f, f.ns, name)
		if err != nil {
			return sp, err
		}
		stack[sp] = v
		return sp + 1, nil
	case bytecode.StoreName:
		sp--
		v := stack[sp]
		stack[sp] = nil
		ns := f.ns
		if ns == nil {
			ns = f.fn.Globals
		}
		return sp, ns.SetItem(t, code.nameObjs[in.Arg], v)
	case bytecode.DeleteName:
		ns := f.ns
		if ns == nil {
			ns = f.fn.Globals
		}
		_, ok, err := ns.Delete(t, code.names[in.Arg])
		if err == nil && !ok {
			err = Errorf(NameErrorType, "name '%s' is not defined", code.names[in.Arg])
		}
		return sp, err
	case bytecode.LoadLocals:
		if f.ns == nil {
			return sp, Errorf(SystemErrorType, "no locals found")
		}
		stack[sp] = f.ns
		return sp + 1, nil
	case bytecode.LoadFromDictOrGlobals:
		m, _ := stack[sp-1].(*Dict)
		v, err := t.loadName(f, m, code.names[in.Arg])
		if err != nil {
			return sp, err
		}
		stack[sp-1] = v
		return sp, nil
	case bytecode.LoadFromDictOrDeref, bytecode.LoadClassderef:
		var m *Dict
		if in.Op == bytecode.LoadFromDictOrDeref {
			sp--
			m, _ = stack[sp].(*Dict)
			stack[sp] = nil
		} else {
			m = f.ns
		}
		name := code.localNames[in.Arg]
		if m != nil {
			if v, ok := m.GetStr(t, name); ok {
				stack[sp] = v
				return sp + 1, nil
			}
		}
		c, ok := f.locals[in.Arg].(*Cell)
		if !ok {
			return sp, Errorf(SystemErrorType, "no cell in slot %d", in.Arg)
		}
		if c.V == nil {
			return sp, unboundDeref(t, code, int(in.Arg))
		}
		stack[sp] = c.V
		return sp + 1, nil
	case bytecode.LoadBuildClass:
		v, ok := f.fn.Builtins.GetStr(t, "__build_class__")
		if !ok {
			return sp, Errorf(NameErrorType, "__build_class__ not found")
		}
		stack[sp] = v
		return sp + 1, nil
	case bytecode.SetupAnnotations:
		ns := f.ns
		if ns == nil {
			ns = f.fn.Globals
		}
		if _, ok := ns.GetStr(t, "__annotations__"); !ok {
			return sp, ns.SetItem(t, py.String("__annotations__"), NewDict(0))
		}
		return sp, nil
	case bytecode.DeleteAttr:
		sp--
		o := stack[sp]
		stack[sp] = nil
		return sp, DelAttr(t, o, string(code.names[in.Arg]))
	case bytecode.LoadSuperAttr:
		return t.loadSuperAttr(f, in, sp)
	case bytecode.BeforeWith:
		mgr := stack[sp-1]
		enter, exit, err := withMethods(t, mgr)
		if err != nil {
			return sp, err
		}
		stack[sp-1] = exit
		r, err := call(t, enter, nil, nil)
		if err != nil {
			return sp, err
		}
		stack[sp] = r
		return sp + 1, nil
	case bytecode.WithExceptStart:
		exit := stack[sp-4]
		exc := stack[sp-1]
		var typ py.Object = TypeOf(exc)
		r, err := call(t, exit, []py.Object{typ, exc, py.None}, nil)
		if err != nil {
			return sp, err
		}
		stack[sp] = r
		return sp + 1, nil
	}
	return sp, Errorf(SystemErrorType, "unsupported instruction %s in %s", in.Op, code.Name)
}

// loadName looks name up in ns (may be nil), the globals, then the builtins.
func (t *Thread) loadName(f *frame, ns *Dict, name py.String) (py.Object, error) {
	if ns != nil {
		if v, ok, err := ns.Get(t, name); err != nil || ok {
			return v, err
		}
	}
	if v, ok, err := f.fn.Globals.Get(t, name); err != nil || ok {
		return v, err
	}
	if b := f.fn.Builtins; b != nil {
		if v, ok, err := b.Get(t, name); err != nil || ok {
			return v, err
		}
	}
	return nil, Errorf(NameErrorType, "name '%s' is not defined", name)
}

// withMethods returns the bound __enter__ and __exit__ of a context manager.
func withMethods(t *Thread, mgr py.Object) (enter, exit py.Object, err error) {
	get := func(name string) (py.Object, error) {
		if ut := userTypeOf(mgr); ut != nil {
			f := lookupType(ut, name)
			if f == nil {
				return nil, nil
			}
			return descrGet(t, f, mgr, ut)
		}
		if _, ok := mgr.(*Instance); ok {
			return nil, nil
		}
		if m := lookupMethod(TypeOf(mgr), name); m != nil {
			return &BoundMethod{Self: mgr, Func: m}, nil
		}
		if _, ok := mgr.(Attributer); ok {
			v, err := GetAttr(t, mgr, name)
			if err != nil {
				return nil, nil
			}
			return v, nil
		}
		return nil, nil
	}
	if enter, err = get("__enter__"); err != nil {
		return nil, nil, err
	}
	if enter == nil {
		return nil, nil, typeErrorf("'%s' object does not support the context manager protocol", TypeName(mgr))
	}
	if exit, err = get("__exit__"); err != nil {
		return nil, nil, err
	}
	if exit == nil {
		return nil, nil, typeErrorf("'%s' object does not support the context manager protocol (missed __exit__ method)", TypeName(mgr))
	}
	return enter, exit, nil
}

// loadSuperAttr implements LOAD_SUPER_ATTR: global_super, class, self on the
// stack.
func (t *Thread) loadSuperAttr(f *frame, in *bytecode.Instr, sp int) (int, error) {
	stack := f.stack
	gsuper, cls, self := stack[sp-3], stack[sp-2], stack[sp-1]
	sp -= 3
	clear(stack[sp : sp+3])
	name := string(f.code.names[in.Arg])
	var sup py.Object
	var err error
	if c, ok := cls.(*py.Type); ok && gsuper == py.Object(SuperType) {
		sup, err = makeSuper(c, self)
	} else if in.Flags&bytecode.FlagTwoArgSuper != 0 {
		sup, err = call(t, gsuper, []py.Object{cls, self}, nil)
	} else {
		sup, err = call(t, gsuper, nil, nil)
	}
	if err != nil {
		return sp, err
	}
	v, err := GetAttr(t, sup, name)
	if err != nil {
		return sp, err
	}
	if in.Flags&bytecode.FlagMethod != 0 {
		if in.Flags&bytecode.FlagNullAbove != 0 {
			stack[sp], stack[sp+1] = v, nil
		} else {
			stack[sp], stack[sp+1] = nil, v
		}
		return sp + 2, nil
	}
	stack[sp] = v
	return sp + 1, nil
}

// runClassBody runs a class body function with ns as its locals and returns
// what the body returns (the __class__ cell or None).
func (t *Thread) runClassBody(fn *Function, ns *Dict) (py.Object, error) {
	co := fn.Code
	if t.depth+t.sharedDepth >= t.recursionLimit() {
		return nil, Errorf(RecursionErrorType, "maximum recursion depth exceeded")
	}
	mem := t.alloc(co.nlocalsplus + co.StackSize)
	locals := mem[:co.nlocalsplus]
	if err := bindArgs(t, fn, locals, nil, nil); err != nil {
		t.release(mem)
		return nil, err
	}
	f := t.frameAt(t.depth)
	*f = frame{code: co, fn: fn, locals: locals, stack: mem[co.nlocalsplus:], ns: ns}
	t.depth++
	res, err := t.run(f)
	t.depth--
	f.fn, f.locals, f.stack, f.ns = nil, nil, nil, nil
	t.release(mem)
	return res, err
}

// builtinTypeNames are the builtins that are classes in CPython but
// functions in pybridge.
var builtinTypeNames = map[string]bool{"map": true, "filter": true, "zip": true, "enumerate": true, "reversed": true}

// checkBuiltinBases refuses, with a TypeError naming it, a base that is a
// class in CPython but a function in pybridge.
func checkBuiltinBases(bases py.Tuple) error {
	for _, b := range bases {
		if f, ok := b.(*Builtin); ok && builtinTypeNames[f.Name] {
			return typeErrorf("type '%s' cannot be subclassed in pybridge (CPython allows it; pybridge does not implement subclasses of this native type)", f.Name)
		}
	}
	return nil
}

// bBuildClass is builtins.__build_class__(func, name, *bases, metaclass=…, **kw).
func bBuildClass(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	npos := len(args) - len(kwnames)
	if npos < 2 {
		return nil, typeErrorf("__build_class__: not enough arguments")
	}
	fn, ok := args[0].(*Function)
	if !ok {
		return nil, typeErrorf("__build_class__: func must be a function")
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, typeErrorf("__build_class__: name is not a string")
	}
	bases := append(py.Tuple{}, args[2:npos]...)
	if err := checkBuiltinBases(bases); err != nil {
		return nil, err
	}
	var meta py.Object
	var kwn py.Tuple
	var kwv []py.Object
	for i, k := range kwnames {
		if s, _ := k.(py.String); s == "metaclass" {
			meta = args[npos+i]
			continue
		}
		kwn = append(kwn, k)
		kwv = append(kwv, args[npos+i])
	}
	isClass := false
	if meta == nil {
		if len(bases) > 0 {
			meta = TypeOf(bases[0])
		} else {
			meta = py.TypeType
		}
		isClass = true
	} else if _, ok := meta.(*py.Type); ok {
		isClass = true
	}
	if isClass {
		winner := meta.(*py.Type)
		for _, b := range bases {
			bt := TypeOf(b)
			switch {
			case IsSubtype(winner, bt):
			case IsSubtype(bt, winner):
				winner = bt
			default:
				return nil, typeErrorf("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases")
			}
		}
		meta = winner
	}
	ns := NewDict(0)
	if mt, ok := meta.(*py.Type); ok && classOf(mt) != nil {
		if prep := lookupUser(mt, "__prepare__"); prep != nil {
			p, err := descrGet(t, prep, nil, mt)
			if err != nil {
				return nil, err
			}
			pa := append([]py.Object{name, bases}, kwv...)
			r, err := call(t, p, pa, kwn)
			if err != nil {
				return nil, err
			}
			d, ok := r.(*Dict)
			if !ok {
				return nil, typeErrorf("%s.__prepare__() must return a mapping, not %s", mt.Name, TypeName(r))
			}
			ns = d
		}
	}
	cell, err := t.runClassBody(fn, ns)
	if err != nil {
		return nil, err
	}
	margs := append([]py.Object{name, bases, ns}, kwv...)
	cls, err := call(t, meta, margs, kwn)
	if err != nil {
		return nil, err
	}
	if c, ok := cell.(*Cell); ok {
		if _, isType := cls.(*py.Type); isType && c.V != cls {
			if c.V == nil {
				cr, _ := Repr(t, cls)
				return nil, Errorf(RuntimeErrorType, "__class__ not set defining '%s' as %s. Was __classcell__ propagated to type.__new__?", name, cr)
			}
			cr, _ := Repr(t, cls)
			vr, _ := Repr(t, c.V)
			return nil, typeErrorf("__class__ set to %s defining '%s' as %s", vr, name, cr)
		}
	}
	return cls, nil
}
