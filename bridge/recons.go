package bridge

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

func noKw(c *pickle.Call, name string, kw *pyexec.Dict) error {
	if kw != nil && kw.Len() > 0 {
		return argError(c, name, "takes no keyword arguments")
	}
	return nil
}

// reconBuiltinType is cloudpickle's _builtin_type(name): getattr(types, name).
func reconBuiltinType(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 1 {
		return nil, argError(c, "_builtin_type", "expected 1 argument, got %d", len(args))
	}
	name, ok := args[0].(py.String)
	if !ok {
		return nil, argError(c, "_builtin_type", "name must be a str")
	}
	if r := builtinTypeRecons[string(name)]; r != nil {
		return r, nil
	}
	switch name {
	case "ClassType":
		return py.TypeType, nil
	case "NoneType":
		return py.NoneTypeType, nil
	}
	return nil, &LoadError{Offset: c.Offset(), Global: "types." + string(name), Msg: fmt.Sprintf("types.%s is not supported", name)}
}

// reconCode is CodeType(...) with the producing CPython's positional arguments.
func reconCode(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if err := noKw(c, "CodeType", kw); err != nil {
		return nil, err
	}
	code, err := newCode(m.ver, args)
	if err != nil {
		return nil, &LoadError{Offset: c.Offset(), Global: "types.CodeType", Msg: "CodeType: " + err.Error(), Err: err}
	}
	return code, nil
}

// newFunction is FunctionType(code, globals, name, argdefs, closure).
func newFunction(c *pickle.Call, what string, args py.Tuple) (py.Object, error) {
	if len(args) < 2 || len(args) > 5 {
		return nil, argError(c, what, "expected 2 to 5 arguments, got %d", len(args))
	}
	code, ok := args[0].(*pyexec.Code)
	if !ok {
		return nil, argError(c, what, "argument 1 must be code, not %s", pyexec.TypeName(args[0]))
	}
	globals, ok := args[1].(*pyexec.Dict)
	if !ok {
		return nil, argError(c, what, "argument 2 must be dict, not %s", pyexec.TypeName(args[1]))
	}
	fn := pyexec.NewFunction(code, globals)
	if len(args) > 2 {
		switch n := args[2].(type) {
		case py.NoneType:
		case py.String:
			fn.Name = string(n)
		default:
			return nil, argError(c, what, "arg 3 (name) must be None or string")
		}
	}
	if len(args) > 3 {
		switch d := args[3].(type) {
		case py.NoneType:
		case py.Tuple:
			fn.Defaults = d
		default:
			return nil, argError(c, what, "arg 4 (defaults) must be None or tuple")
		}
	}
	var closure py.Tuple
	if len(args) > 4 {
		switch cl := args[4].(type) {
		case py.NoneType:
		case py.Tuple:
			for _, x := range cl {
				if _, ok := x.(*pyexec.Cell); !ok {
					return nil, argError(c, what, "arg 5 (closure) expected cell, found %s", pyexec.TypeName(x))
				}
			}
			closure = cl
		default:
			return nil, argError(c, what, "arg 5 (closure) must be None or tuple")
		}
	}
	if len(closure) != len(code.FreeVars) {
		if len(closure) == 0 {
			return nil, argError(c, what, "arg 5 (closure) must be tuple")
		}
		return nil, argError(c, what, "%s requires closure of length %d, not %d", code.Name, len(code.FreeVars), len(closure))
	}
	if len(closure) > 0 {
		fn.Closure = closure
	}
	return fn, nil
}

// reconFunctionType is types.FunctionType (cloudpickle 1.x-2.0's function
// constructor).
func reconFunctionType(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if err := noKw(c, "FunctionType", kw); err != nil {
		return nil, err
	}
	return newFunction(c, "FunctionType", args)
}

// reconMakeFunction is cloudpickle's _make_function (2.1+).
func reconMakeFunction(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if err := noKw(c, "_make_function", kw); err != nil {
		return nil, err
	}
	return newFunction(c, "_make_function", args)
}

func reconMakeEmptyCell(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 0 {
		return nil, argError(c, "_make_empty_cell", "takes no arguments")
	}
	return &pyexec.Cell{}, nil
}

// reconMakeCell is _make_cell(value) and types.CellType([value]).
func reconMakeCell(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if err := noKw(c, "_make_cell", kw); err != nil {
		return nil, err
	}
	switch len(args) {
	case 0:
		return &pyexec.Cell{}, nil
	case 1:
		return &pyexec.Cell{V: args[0]}, nil
	}
	return nil, argError(c, "_make_cell", "expected at most 1 argument, got %d", len(args))
}

// reconMethodType is types.MethodType(func, self).
func reconMethodType(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 2 {
		return nil, argError(c, "MethodType", "expected 2 arguments, got %d", len(args))
	}
	return &pyexec.BoundMethod{Func: args[0], Self: args[1]}, nil
}

// reconMappingProxy is types.MappingProxyType(dict): a read-only copy.
func reconMappingProxy(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 1 {
		return nil, argError(c, "MappingProxyType", "expected 1 argument, got %d", len(args))
	}
	d, ok := args[0].(*pyexec.Dict)
	if !ok {
		return nil, argError(c, "MappingProxyType", "argument must be a mapping, not %s", pyexec.TypeName(args[0]))
	}
	cp := d.Copy()
	cp.Freeze()
	return cp, nil
}

// reconFunctionSetstate is cloudpickle's _function_setstate(func, (state,
// slotstate)).
func reconFunctionSetstate(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	const name = "_function_setstate"
	if len(args) != 2 {
		return nil, argError(c, name, "expected 2 arguments, got %d", len(args))
	}
	fn, ok := args[0].(*pyexec.Function)
	if !ok {
		return nil, argError(c, name, "argument 1 must be a function, not %s", pyexec.TypeName(args[0]))
	}
	st, ok := args[1].(py.Tuple)
	if !ok || len(st) != 2 {
		return nil, argError(c, name, "state must be a (state, slotstate) tuple")
	}
	if d, ok := st[0].(*pyexec.Dict); ok {
		if d.Len() > 0 {
			if fn.Dict == nil {
				fn.Dict = pyexec.NewDict(d.Len())
			}
			if err := fn.Dict.Update(m.t, d); err != nil {
				return nil, m.pyErr(c, err)
			}
		}
	} else if _, none := st[0].(py.NoneType); !none {
		return nil, argError(c, name, "state must be a dict, not %s", pyexec.TypeName(st[0]))
	}
	slots, ok := st[1].(*pyexec.Dict)
	if !ok {
		return nil, argError(c, name, "slotstate must be a dict, not %s", pyexec.TypeName(st[1]))
	}
	var err error
	slots.Items(func(k, v py.Object) bool {
		ks, ok := k.(py.String)
		if !ok {
			err = argError(c, name, "slotstate key is a %s", pyexec.TypeName(k))
			return false
		}
		switch ks {
		case "__globals__":
			g, ok := v.(*pyexec.Dict)
			if !ok {
				err = argError(c, name, "__globals__ must be a dict")
				return false
			}
			if g != fn.Globals {
				err = fn.Globals.Update(m.t, g)
			}
		case "__closure__":
			err = setClosure(c, fn, v)
		case "_cloudpickle_submodules":
		case "__defaults__":
			switch d := v.(type) {
			case py.NoneType:
				fn.Defaults = nil
			case py.Tuple:
				fn.Defaults = d
			default:
				err = argError(c, name, "__defaults__ must be set to a tuple object")
			}
		case "__kwdefaults__":
			switch d := v.(type) {
			case py.NoneType:
				fn.KwDefaults = nil
			case *pyexec.Dict:
				fn.KwDefaults = d
			default:
				err = argError(c, name, "__kwdefaults__ must be set to a dict object")
			}
		case "__annotations__":
			switch d := v.(type) {
			case py.NoneType:
				fn.Annotations = nil
			case *pyexec.Dict:
				fn.Annotations = d
			default:
				err = argError(c, name, "__annotations__ must be set to a dict object")
			}
		default:
			err = pyexec.SetAttr(m.t, fn, string(ks), v)
		}
		return err == nil
	})
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	return py.None, nil
}

// setClosure fills fn's cells from the pickled closure: each non-empty
// pickled cell's value goes into fn's cell at the same index.
func setClosure(c *pickle.Call, fn *pyexec.Function, v py.Object) error {
	switch cl := v.(type) {
	case py.NoneType:
		return nil
	case py.Tuple:
		if len(cl) != len(fn.Closure) {
			return argError(c, "_function_setstate", "__closure__ has %d cells, the function %d", len(cl), len(fn.Closure))
		}
		for i, x := range cl {
			cell, ok := x.(*pyexec.Cell)
			if !ok {
				return argError(c, "_function_setstate", "__closure__ item %d is a %s, not a cell", i, pyexec.TypeName(x))
			}
			if cell.V != nil {
				fn.Closure[i].(*pyexec.Cell).V = cell.V
			}
		}
		return nil
	}
	return argError(c, "_function_setstate", "__closure__ must be a tuple, not %s", pyexec.TypeName(v))
}

func reconClassSetstate(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if classSetstate == nil {
		return nil, pending(c, "_class_setstate (dynamic class)", "NewClass/ClassDict")
	}
	return classSetstate(m.t, args)
}

func reconSkeletonClass(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if skeletonClass == nil {
		return nil, pending(c, "_make_skeleton_class (dynamic class)", "NewClass")
	}
	if len(args) >= 5 {
		if id, ok := args[4].(py.String); ok {
			if cls := m.classes[string(id)]; cls != nil {
				return cls, nil
			}
			cls, err := skeletonClass(m.t, args)
			if err == nil {
				m.classes[string(id)] = cls
			}
			return cls, err
		}
	}
	return skeletonClass(m.t, args)
}

// privateGlobals are the private module globals (names starting with an
// underscore, which loads refuse otherwise) that payloads made by CPython's
// own pickling of standard classes name: the dataclasses machinery
// cloudpickle pickles with a dataclass (its __dataclass_params__ and
// __dataclass_fields__ values, and 3.13's __replace__).
var privateGlobals = map[string]bool{
	"dataclasses._DataclassParams": true, "dataclasses._FIELD_BASE": true, "dataclasses._MISSING_TYPE": true,
	"dataclasses._replace": true, "dataclasses._FIELD": true, "dataclasses._FIELD_CLASSVAR": true,
	"dataclasses._FIELD_INITVAR": true,
}

// reconSkeletonEnum is cloudpickle's _make_skeleton_enum(bases, name,
// qualname, members, module, class_tracker_id, extra): metacls.__new__ of
// the last base's metaclass (enum.EnumType) over a namespace holding the
// members, then __module__ and __qualname__. The rest of the class dict
// comes from _class_setstate.
func reconSkeletonEnum(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	const name = "_make_skeleton_enum"
	if len(args) != 7 {
		return nil, argError(c, name, "expected 7 arguments, got %d", len(args))
	}
	bases, ok1 := args[0].(py.Tuple)
	cname, ok2 := args[1].(py.String)
	qualname, ok3 := args[2].(py.String)
	members, ok4 := args[3].(*pyexec.Dict)
	if !ok1 || !ok2 || !ok3 || !ok4 || len(bases) == 0 {
		return nil, argError(c, name, "expected (bases, name, qualname, members, module, tracker_id, extra)")
	}
	id, hasID := args[5].(py.String)
	if hasID {
		if cls := m.classes[string(id)]; cls != nil {
			return cls, nil
		}
	}
	meta := pyexec.TypeOf(bases[len(bases)-1])
	if !pyexec.IsUserClass(meta) {
		return nil, argError(c, name, "the last base's metaclass %s is not enum's", meta.Name)
	}
	newFn, err := pyexec.GetAttr(m.t, meta, "__new__")
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	body := pyexec.NewDict(members.Len())
	if err := body.Update(m.t, members); err != nil {
		return nil, m.pyErr(c, err)
	}
	cls, err := pyexec.Call(m.t, newFn, []py.Object{meta, cname, bases, body}, nil)
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	for _, kv := range [...]struct {
		k string
		v py.Object
	}{{"__module__", args[4]}, {"__qualname__", qualname}} {
		if err := pyexec.SetAttr(m.t, cls, kv.k, kv.v); err != nil {
			return nil, m.pyErr(c, err)
		}
	}
	if hasID {
		m.classes[string(id)] = cls
	}
	return cls, nil
}

// importModule imports a module through the configured importer.
func (m *materializer) importModule(c *pickle.Call, name string) (py.Object, error) {
	imp := m.importer()
	if imp == nil {
		return nil, &LoadError{Offset: c.Offset(), Global: name, Missing: "modules (Thread.Import)",
			Msg: fmt.Sprintf("module %s is not available (pyexec has no module system yet)", name)}
	}
	mod, err := imp(m.t, name)
	if err != nil {
		return nil, &LoadError{Offset: c.Offset(), Global: name, Msg: fmt.Sprintf("module %s is not available", name), Err: err,
			Missing: "module " + name + " (pyexec/stdlib)"}
	}
	return mod, nil
}

func reconSubimport(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 1 {
		return nil, argError(c, "subimport", "expected 1 argument, got %d", len(args))
	}
	name, ok := args[0].(py.String)
	if !ok {
		return nil, argError(c, "subimport", "name must be a str")
	}
	return m.importModule(c, string(name))
}

func reconDynamicSubimport(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if newModule == nil {
		return nil, pending(c, "dynamic_subimport (module pickled by value)", "Module")
	}
	if len(args) != 2 {
		return nil, argError(c, "dynamic_subimport", "expected 2 arguments, got %d", len(args))
	}
	name, ok1 := args[0].(py.String)
	vars, ok2 := args[1].(*pyexec.Dict)
	if !ok1 || !ok2 {
		return nil, argError(c, "dynamic_subimport", "expected (str, dict)")
	}
	mod, err := newModule(m.t, string(name), vars)
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	return mod, nil
}

// reconDictView is _make_dict_keys/values/items.
func reconDictView(kind string) reconFunc {
	return func(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
		name := "_make_dict_" + kind
		if len(args) < 1 || len(args) > 2 {
			return nil, argError(c, name, "expected 1 or 2 arguments, got %d", len(args))
		}
		if len(args) == 2 {
			if b, ok := args[1].(py.Bool); ok && bool(b) {
				return nil, pending(c, name+" of an OrderedDict", "collections.OrderedDict")
			}
		}
		d := pyexec.NewDict(0)
		switch kind {
		case "items":
			src, ok := args[0].(*pyexec.Dict)
			if !ok {
				return nil, argError(c, name, "argument must be a dict, not %s", pyexec.TypeName(args[0]))
			}
			d = src
		default:
			l, ok := args[0].(*py.List)
			if !ok {
				return nil, argError(c, name, "argument must be a list, not %s", pyexec.TypeName(args[0]))
			}
			for i, x := range l.Items {
				var err error
				if kind == "keys" {
					err = d.SetItem(m.t, x, py.None)
				} else {
					err = d.SetItem(m.t, pyexec.MakeInt(int64(i)), x)
				}
				if err != nil {
					return nil, m.pyErr(c, err)
				}
			}
		}
		meth, err := pyexec.GetAttr(m.t, d, kind)
		if err != nil {
			return nil, m.pyErr(c, err)
		}
		v, err := pyexec.Call(m.t, meth, nil, nil)
		if err != nil {
			return nil, m.pyErr(c, err)
		}
		return v, nil
	}
}

// reconFile is _file_reconstructor(obj): the identity.
func reconFile(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 1 {
		return nil, argError(c, "_file_reconstructor", "expected 1 argument, got %d", len(args))
	}
	return args[0], nil
}

// reconTypevar is cloudpickle's _make_typevar(name, bound, constraints,
// covariant, contravariant, class_tracker_id): typing.TypeVar(name,
// *constraints, bound=bound, covariant=..., contravariant=...).
func reconTypevar(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 6 {
		return nil, argError(c, "_make_typevar", "expected 6 arguments, got %d", len(args))
	}
	cons, ok := args[2].(py.Tuple)
	if !ok {
		return nil, argError(c, "_make_typevar", "constraints must be a tuple")
	}
	if id, ok := args[5].(py.String); ok {
		if v := m.classes[string(id)]; v != nil {
			return v, nil
		}
	}
	mod, err := m.importModule(c, "typing")
	if err != nil {
		return nil, err
	}
	tv, err := pyexec.GetAttr(m.t, mod, "TypeVar")
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	a := append(py.Tuple{args[0]}, cons...)
	var kws []pyexec.KV
	if !pyexec.IsNone(args[1]) {
		kws = append(kws, pyexec.KV{Name: "bound", Value: args[1]})
	}
	kws = append(kws, pyexec.KV{Name: "covariant", Value: args[3]}, pyexec.KV{Name: "contravariant", Value: args[4]})
	v, err := pyexec.Call(m.t, tv, a, kws)
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	if id, ok := args[5].(py.String); ok {
		m.classes[string(id)] = v
	}
	return v, nil
}

// reconDataclassSentinel is cloudpickle 3's
// _get_dataclass_field_type_sentinel(name): dataclasses._FIELD and its
// siblings.
func reconDataclassSentinel(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 1 {
		return nil, argError(c, "_get_dataclass_field_type_sentinel", "expected 1 argument, got %d", len(args))
	}
	name, ok := args[0].(py.String)
	if !ok || !privateGlobals["dataclasses."+string(name)] || !strings.HasPrefix(string(name), "_FIELD") {
		return nil, argError(c, "_get_dataclass_field_type_sentinel", "unknown sentinel %v", args[0])
	}
	mod, err := m.importModule(c, "dataclasses")
	if err != nil {
		return nil, err
	}
	v, err := pyexec.GetAttr(m.t, mod, string(name))
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	return v, nil
}

// reconCopyregReconstructor is copyreg._reconstructor(cls, base, state).
func reconCopyregReconstructor(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 3 {
		return nil, argError(c, "copyreg._reconstructor", "expected 3 arguments, got %d", len(args))
	}
	cls, ok1 := args[0].(*py.Type)
	base, ok2 := args[1].(*py.Type)
	if !ok1 || !ok2 {
		return nil, argError(c, "copyreg._reconstructor", "cls and base must be types")
	}
	if cls == base && m.constructible(cls) && cls != py.TypeType {
		var a []py.Object
		if _, none := args[2].(py.NoneType); !none {
			a = []py.Object{args[2]}
		}
		res, err := pyexec.Call(m.t, cls, a, nil)
		if err != nil {
			return nil, m.pyErr(c, err)
		}
		return res, nil
	}
	if base == py.ObjectType && newInstance != nil {
		return newInstance(m.t, cls, nil, nil)
	}
	return nil, pending(c, "copyreg._reconstructor of "+cls.Name, "classes and instances (NewClass)")
}

// reconNewobj is copyreg.__newobj__(cls, *args).
func reconNewobj(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) < 1 {
		return nil, argError(c, "copyreg.__newobj__", "missing cls")
	}
	return m.newObj(c, args[0], args[1:], nil)
}

// reconNewobjEx is copyreg.__newobj_ex__(cls, args, kwargs).
func reconNewobjEx(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 3 {
		return nil, argError(c, "copyreg.__newobj_ex__", "expected 3 arguments, got %d", len(args))
	}
	a, ok1 := args[1].(py.Tuple)
	k, ok2 := args[2].(*pyexec.Dict)
	if !ok1 || !ok2 {
		return nil, argError(c, "copyreg.__newobj_ex__", "args must be a tuple and kwargs a dict")
	}
	return m.newObj(c, args[0], a, k)
}

// reconCodecsEncode is _codecs.encode(str, 'latin1'), which protocols 0-2
// use for bytes.
func reconCodecsEncode(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	if len(args) != 2 {
		return nil, argError(c, "_codecs.encode", "expected 2 arguments, got %d", len(args))
	}
	s, ok1 := args[0].(py.String)
	enc, ok2 := args[1].(py.String)
	if !ok1 || !ok2 || (enc != "latin1" && enc != "latin-1" && enc != "latin_1") {
		return nil, argError(c, "_codecs.encode", "only encode(str, 'latin1') is allowed")
	}
	out := make([]byte, 0, len(s))
	for _, r := range string(s) {
		if r > 255 || r == utf8.RuneError {
			return nil, argError(c, "_codecs.encode", "character out of latin-1 range")
		}
		out = append(out, byte(r))
	}
	return py.Bytes(out), nil
}

// More hooks for pyexec's classes (nil until pyexec provides them).
var (
	skeletonClass func(t *pyexec.Thread, args py.Tuple) (py.Object, error)
	classSetstate func(t *pyexec.Thread, args py.Tuple) (py.Object, error)
)
