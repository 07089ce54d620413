package bridge

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge/cloudpickle"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// reconFunc builds the result of calling a reconstructor; c is the call
// node (for offsets), args its positional and kw its keyword arguments.
type reconFunc func(m *materializer, c *pickle.Call, args py.Tuple, kw *pyexec.Dict) (py.Object, error)

// recon is a load-time-only callable: one of the registry's Go
// constructors. Python code that gets hold of one cannot call it.
type recon struct {
	name string
	fn   reconFunc
}

// reconType is the type of recon values.
var reconType = &py.Type{ObjectType: py.TypeType, Name: "pybridge_reconstructor", Qualname: "pybridge_reconstructor", Dict: py.StringDict{}}

// Type returns the reconstructor type.
func (r *recon) Type() *py.Type { return reconType }

// The registry. It is filled once by init and never changed afterwards.
var (
	// cpRecons are cloudpickle's reconstructors, by function name, for
	// every namespace cloudpickle is vendored under.
	cpRecons map[string]*recon
	// globalRecons are other module globals, by "module.qualname".
	globalRecons map[string]*recon
	// builtinTypeRecons are the types-module names _builtin_type returns
	// as constructors.
	builtinTypeRecons map[string]*recon
	// legacyRecons are cloudpickle < 1.5 names, refused with a clear error.
	legacyRecons = map[string]bool{"_fill_function": true, "_make_skel_func": true, "_rehydrate_skeleton_class": true,
		"_gen_ellipsis": true, "_gen_not_implemented": true, "_rebuild_tornado_coroutine": true,
		"_create_parametrized_type_hint": true, "_make__new__": true, "_modules_to_main": true}
	// deniedBuiltins are never resolved, even if pyexec provides them.
	deniedBuiltins = map[string]bool{"eval": true, "exec": true, "compile": true, "open": true, "__import__": true,
		"input": true, "breakpoint": true, "exit": true, "quit": true, "help": true, "globals": true, "locals": true,
		"vars": true, "setattr": true, "delattr": true, "memoryview": true, "__build_class__": true, "__loader__": true,
		"__spec__": true}
	// py2Modules maps the module names protocol 0-2 pickles use.
	py2Modules = map[string]string{"__builtin__": "builtins", "copy_reg": "copyreg", "exceptions": "builtins"}
)

func init() {
	codeCtor := &recon{"types.CodeType", reconCode}
	funcCtor := &recon{"types.FunctionType", reconFunctionType}
	cellCtor := &recon{"types.CellType", reconMakeCell}
	methodCtor := &recon{"types.MethodType", reconMethodType}
	proxyCtor := &recon{"types.MappingProxyType", reconMappingProxy}
	builtinTypeRecons = map[string]*recon{
		"CodeType": codeCtor, "FunctionType": funcCtor, "LambdaType": funcCtor, "CellType": cellCtor,
		"MethodType": methodCtor, "MappingProxyType": proxyCtor,
	}
	cpRecons = map[string]*recon{
		"_builtin_type":                      {"_builtin_type", reconBuiltinType},
		"_make_function":                     {"_make_function", reconMakeFunction},
		"_make_empty_cell":                   {"_make_empty_cell", reconMakeEmptyCell},
		"_make_cell":                         {"_make_cell", reconMakeCell},
		"_function_setstate":                 {"_function_setstate", reconFunctionSetstate},
		"_class_setstate":                    {"_class_setstate", reconClassSetstate},
		"_make_skeleton_class":               {"_make_skeleton_class", reconSkeletonClass},
		"_make_skeleton_enum":                {"_make_skeleton_enum", reconSkeletonEnum},
		"subimport":                          {"subimport", reconSubimport},
		"dynamic_subimport":                  {"dynamic_subimport", reconDynamicSubimport},
		"_make_dict_keys":                    {"_make_dict_keys", reconDictView("keys")},
		"_make_dict_values":                  {"_make_dict_values", reconDictView("values")},
		"_make_dict_items":                   {"_make_dict_items", reconDictView("items")},
		"_file_reconstructor":                {"_file_reconstructor", reconFile},
		"_make_typevar":                      {"_make_typevar", reconTypevar},
		"_get_dataclass_field_type_sentinel": {"_get_dataclass_field_type_sentinel", reconDataclassSentinel},
	}
	globalRecons = map[string]*recon{
		"types.CodeType": codeCtor, "types.FunctionType": funcCtor, "types.LambdaType": funcCtor,
		"types.CellType": cellCtor, "types.MethodType": methodCtor, "types.MappingProxyType": proxyCtor,
		"copyreg._reconstructor": {"copyreg._reconstructor", reconCopyregReconstructor},
		"copyreg.__newobj__":     {"copyreg.__newobj__", reconNewobj},
		"copyreg.__newobj_ex__":  {"copyreg.__newobj_ex__", reconNewobjEx},
		"_codecs.encode":         {"_codecs.encode", reconCodecsEncode},
	}
}

// argError is a reconstructor called with arguments of the wrong shape.
func argError(c *pickle.Call, name, format string, a ...any) error {
	return &LoadError{Offset: c.Offset(), Global: name, Msg: name + ": " + fmt.Sprintf(format, a...)}
}

// pending is a reconstructor that needs a pyexec feature not there yet.
func pending(c *pickle.Call, name, need string) error {
	return &LoadError{Offset: c.Offset(), Global: name, Missing: need, Msg: fmt.Sprintf("%s is not supported yet (needs %s in pyexec)", name, need)}
}

// global resolves a Global node through the registry.
func (m *materializer) global(g *pickle.Global) (py.Object, error) {
	dotted := g.Module + "." + g.Name
	if name := cloudpickle.Reconstructor(g); name != "" {
		if r := cpRecons[name]; r != nil {
			return r, nil
		}
		if legacyRecons[name] {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unsupported legacy cloudpickle format (" + dotted +
				": made by cloudpickle < 1.5 or on CPython <= 3.7)"}
		}
		return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted}
	}
	mod := g.Module
	if p, ok := py2Modules[mod]; ok {
		mod = p
	}
	if r := globalRecons[mod+"."+g.Name]; r != nil {
		return r, nil
	}
	if build := extModule(mod); build != nil {
		mo, err := build(m.t)
		if err != nil {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted, Err: err}
		}
		return m.attrPath(g, dotted, mo, strings.Split(g.Name, "."))
	}
	unknown := &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted}
	parts := strings.Split(g.Name, ".")
	var obj py.Object
	switch mod {
	case "builtins":
		if deniedBuiltins[parts[0]] {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "disallowed global " + dotted}
		}
		v, ok := pyexec.BuiltinsFor(m.ver).GetStr(m.t, parts[0])
		if !ok {
			if parts[0] == "NoneType" {
				v, ok = py.NoneTypeType, true
			} else {
				return nil, unknown
			}
		}
		obj = v
	case "types":
		if parts[0] == "NoneType" {
			obj = py.NoneTypeType
			break
		}
		return nil, unknown
	default:
		imp := m.importer()
		if imp == nil {
			unknown.Missing = "modules (Thread.Import)"
			return nil, unknown
		}
		mo, err := imp(m.t, mod)
		if err != nil {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted, Err: err,
				Missing: "module " + mod + " (pyexec/stdlib)"}
		}
		var v py.Object
		if privateGlobals[mod+"."+g.Name] {
			v, err = pyexec.GetAttr(m.t, mo, parts[0])
		} else {
			v, err = m.attr(mo, parts[0])
		}
		if err != nil {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted, Err: err}
		}
		obj = v
	}
	return m.attrPath(g, dotted, obj, parts[1:])
}

// attrPath follows the dotted attribute names parts from obj.
func (m *materializer) attrPath(g *pickle.Global, dotted string, obj py.Object, parts []string) (py.Object, error) {
	for _, p := range parts {
		v, err := m.attr(obj, p)
		if err != nil {
			return nil, &LoadError{Offset: g.Offset(), Global: dotted, Msg: "unknown global " + dotted, Err: err}
		}
		obj = v
	}
	return obj, nil
}

// importer returns the configured importer, or pyexec's.
func (m *materializer) importer() func(t *pyexec.Thread, name string) (py.Object, error) {
	imp := defaultImport
	if m.opts.Import != nil {
		imp = m.opts.Import
	}
	return func(t *pyexec.Thread, name string) (py.Object, error) {
		if build := extModule(name); build != nil {
			return build(t)
		}
		if imp == nil {
			return nil, fmt.Errorf("no module named %s", name)
		}
		return imp(t, name)
	}
}

// attr is getattr restricted to what payloads need: no private names other
// than __new__ and __init__.
func (m *materializer) attr(o py.Object, name string) (py.Object, error) {
	if strings.HasPrefix(name, "_") && name != "__new__" && name != "__init__" {
		return nil, fmt.Errorf("attribute %q is not allowed at load", name)
	}
	return pyexec.GetAttr(m.t, o, name)
}

// callable kinds allowed at load time.
func (m *materializer) call(c *pickle.Call) (py.Object, error) {
	fn := m.get(c.Callable)
	argv := m.get(c.Args)
	args, ok := argv.(py.Tuple)
	if !ok {
		return nil, &LoadError{Offset: c.Offset(), Msg: fmt.Sprintf("%s argument list is a %s, not a tuple", c.Kind, pyexec.TypeName(argv))}
	}
	var kw *pyexec.Dict
	if c.Kwargs != nil {
		d, ok := m.get(c.Kwargs).(*pyexec.Dict)
		if !ok {
			return nil, &LoadError{Offset: c.Offset(), Msg: "NEWOBJ_EX keyword arguments are not a dict"}
		}
		kw = d
	}
	switch c.Kind {
	case pickle.NewObj, pickle.NewObjEx:
		return m.newObj(c, fn, args, kw)
	}
	switch f := fn.(type) {
	case *recon:
		return f.fn(m, c, args, kw)
	case *py.Type:
		if !m.constructible(f) {
			break
		}
		if f == py.TypeType && len(args) != 1 {
			return nil, pending(c, "type(name, bases, dict)", "NewClass")
		}
		res, err := pyexec.Call(m.t, f, []py.Object(args), nil)
		if err != nil {
			return nil, m.pyErr(c, err)
		}
		return res, nil
	case *pyexec.Builtin:
		if fn == m.getattrBuiltin {
			return m.guardedGetattr(c, args)
		}
	}
	s, _ := pyexec.Repr(m.t, fn)
	return nil, &LoadError{Offset: c.Offset(), Msg: fmt.Sprintf("calling %s is not allowed at load", s)}
}

// constructible reports whether calling type typ at load is allowed: the
// built-in data types and exception classes of pyexec.
func (m *materializer) constructible(typ *py.Type) bool {
	if pyexec.IsSubtype(typ, pyexec.BaseExceptionType) {
		return true
	}
	for _, n := range []string{"property", "staticmethod", "classmethod"} {
		if v, ok := pyexec.BuiltinsFor(m.ver).GetStr(m.t, n); ok && v == py.Object(typ) {
			return true
		}
	}
	switch typ {
	case py.IntType, py.FloatType, py.StringType, py.BoolType, py.ListType, py.TupleType, py.BytesType,
		pyexec.ByteArrayType, pyexec.DictType, pyexec.SetType, pyexec.FrozenSetType, pyexec.RangeType, py.TypeType, py.ObjectType, py.SliceType:
		return true
	}
	return false
}

// guardedGetattr is builtins.getattr at load: allowed on built-in types,
// modules the importer gave and values the payload built, for public names
// (and __new__/__init__).
func (m *materializer) guardedGetattr(c *pickle.Call, args py.Tuple) (py.Object, error) {
	if len(args) != 2 {
		return nil, argError(c, "builtins.getattr", "expected 2 arguments, got %d", len(args))
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, argError(c, "builtins.getattr", "attribute name must be string")
	}
	v, err := m.attr(args[0], string(name))
	if err != nil {
		return nil, &LoadError{Offset: c.Offset(), Global: "builtins.getattr", Msg: fmt.Sprintf("getattr(%s, %q): %v", mustRepr(m.t, args[0]), string(name), err), Err: err}
	}
	return v, nil
}

// newObj is cls.__new__(cls, *args) (NEWOBJ, copyreg.__newobj__).
func (m *materializer) newObj(c *pickle.Call, clsv py.Object, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	cls, ok := clsv.(*py.Type)
	if !ok {
		return nil, &LoadError{Offset: c.Offset(), Msg: fmt.Sprintf("%s: cls.__new__(cls, ...): cls is not a type but %s", c.Kind, pyexec.TypeName(clsv))}
	}
	if nw := extType(cls); nw != nil {
		res, err := nw(m.t, args, kw)
		if err != nil {
			return nil, m.pyErr(c, err)
		}
		return res, nil
	}
	if !m.constructible(cls) || cls == py.TypeType {
		if newInstance != nil {
			return newInstance(m.t, cls, args, kw)
		}
		return nil, pending(c, "instance of "+cls.Name, "classes and instances (NewClass)")
	}
	if kw != nil && kw.Len() > 0 {
		return nil, &LoadError{Offset: c.Offset(), Msg: fmt.Sprintf("%s.__new__ with keyword arguments", cls.Name)}
	}
	switch cls {
	case py.ListType, pyexec.DictType, pyexec.SetType, py.ObjectType:
		// Their __new__ ignores the arguments; __init__/BUILD fills them.
		args = nil
	}
	res, err := pyexec.Call(m.t, cls, []py.Object(args), nil)
	if err != nil {
		return nil, m.pyErr(c, err)
	}
	return res, nil
}

// build applies BUILD's state: __setstate__ when the object has one, else
// the state as instance dict, or a (dict, slots) pair.
func (m *materializer) build(b *pickle.Build) (py.Object, error) {
	obj := m.get(b.Object)
	state := m.get(b.State)
	if obj == nil || state == nil {
		return nil, &LoadError{Offset: b.Offset(), Msg: "BUILD inside a cycle"}
	}
	if ss, ok := obj.(StateSetter); ok {
		if err := ss.SetPickleState(m.t, state); err != nil {
			return nil, m.pyErr(b, err)
		}
		return obj, nil
	}
	if setstate != nil {
		if done, err := setstate(m.t, obj, state); done || err != nil {
			if err != nil {
				return nil, m.pyErr(b, err)
			}
			return obj, nil
		}
	}
	var slots py.Object = py.None
	if t, ok := state.(py.Tuple); ok && len(t) == 2 {
		state, slots = t[0], t[1]
	}
	for _, part := range []py.Object{state, slots} {
		switch d := part.(type) {
		case py.NoneType:
		case *pyexec.Dict:
			var err error
			d.Items(func(k, v py.Object) bool {
				ks, ok := k.(py.String)
				if !ok {
					err = fmt.Errorf("BUILD state key %s is not a str", pyexec.TypeName(k))
					return false
				}
				err = pyexec.SetAttr(m.t, obj, string(ks), v)
				return err == nil
			})
			if err != nil {
				return nil, m.pyErr(b, err)
			}
		default:
			return nil, &LoadError{Offset: b.Offset(), Msg: fmt.Sprintf("BUILD state of a %s object is a %s (the object has no __setstate__)",
				pyexec.TypeName(obj), pyexec.TypeName(part))}
		}
	}
	return obj, nil
}

// update applies APPENDS/SETITEMS/ADDITEMS to a non-literal object.
func (m *materializer) update(u *pickle.Update) (py.Object, error) {
	obj := m.get(u.Object)
	items := make([]py.Object, len(u.Items))
	for i, it := range u.Items {
		items[i] = m.get(it)
		if items[i] == nil {
			return nil, &LoadError{Offset: u.Offset(), Msg: "update inside a cycle"}
		}
	}
	var err error
	switch u.Kind {
	case pickle.Append:
		if l, ok := obj.(*py.List); ok {
			l.Items = append(l.Items, items...)
			return obj, nil
		}
		var ext py.Object
		if ext, err = m.attr(obj, "extend"); err == nil {
			_, err = pyexec.Call(m.t, ext, []py.Object{&py.List{Items: items}}, nil)
		}
	case pickle.SetItems:
		for i := 0; i+1 < len(items) && err == nil; i += 2 {
			err = pyexec.SetItem(m.t, obj, items[i], items[i+1])
		}
	case pickle.AddItems:
		var add py.Object
		if add, err = m.attr(obj, "add"); err == nil {
			for _, it := range items {
				if _, err = pyexec.Call(m.t, add, []py.Object{it}, nil); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		return nil, m.pyErr(u, err)
	}
	return obj, nil
}

// Hooks for pyexec features that other packages are adding; nil until then.
var (
	// newInstance creates cls.__new__(cls, *args, **kw) for a class made by
	// the payload.
	newInstance func(t *pyexec.Thread, cls *py.Type, args py.Tuple, kw *pyexec.Dict) (py.Object, error)
	// defaultImport imports a module when MaterializeOptions.Import is nil.
	defaultImport func(t *pyexec.Thread, name string) (py.Object, error)
	// newModule makes a module pickled by value (dynamic_subimport).
	newModule func(t *pyexec.Thread, name string, vars *pyexec.Dict) (py.Object, error)
	// setstate applies BUILD state through obj.__setstate__ when obj has
	// one; done reports whether it did.
	setstate func(t *pyexec.Thread, obj, state py.Object) (done bool, err error)
)

// Extensions: modules and types implemented in Go outside this package
// (package bridge/pyspark registers PySpark's) that payloads may name. They
// are registered from init functions and frozen at the first load, so the
// registry never changes once payloads are being materialised.

// ModuleBuilder builds module name for thread t: a Go-implemented module
// whose attributes payload globals may name (module.qualname).
type ModuleBuilder func(t *pyexec.Thread) (*pyexec.Module, error)

// NewFunc creates an instance of a Go-implemented type at load time, for
// NEWOBJ and copyreg.__newobj__ (cls.__new__(cls, *args, **kw)); the state
// comes afterwards through StateSetter.
type NewFunc func(t *pyexec.Thread, args py.Tuple, kw *pyexec.Dict) (py.Object, error)

// StateSetter is a Go-implemented value that takes pickle BUILD state
// itself (as __setstate__ or the instance __dict__ would).
type StateSetter interface {
	SetPickleState(t *pyexec.Thread, state py.Object) error
}

var ext struct {
	mu      sync.Mutex
	frozen  bool
	modules map[string]ModuleBuilder
	types   map[*py.Type]NewFunc
}

var freezeOnce sync.Once

// freezeRegistry ends registration; lookups afterwards need no lock.
func freezeRegistry() {
	freezeOnce.Do(func() {
		ext.mu.Lock()
		ext.frozen = true
		ext.mu.Unlock()
	})
}

func extModule(name string) ModuleBuilder {
	freezeRegistry()
	return ext.modules[name]
}

func extType(typ *py.Type) NewFunc {
	freezeRegistry()
	return ext.types[typ]
}

// RegisterModule adds a Go-implemented module to the registry, under its
// dotted name. It is meant for init functions: it fails once the registry
// is frozen (after the first payload is loaded or the first Executor made),
// for a name registered twice and for a name of cloudpickle's or of the
// registry's own. Use MustRegister to turn a failure into a start-up panic
// rather than a silently partial registry.
func RegisterModule(name string, build ModuleBuilder) error {
	if name == "" || build == nil {
		return fmt.Errorf("pybridge: RegisterModule: empty name or nil builder")
	}
	for _, own := range []string{"builtins", "types", "copyreg", "copy_reg", "__builtin__"} {
		if name == own {
			return fmt.Errorf("pybridge: RegisterModule: %s is the registry's own module", name)
		}
	}
	if cloudpickle.Reconstructor(&pickle.Global{Module: name, Name: "_make_function"}) != "" {
		return fmt.Errorf("pybridge: RegisterModule: %s is a cloudpickle namespace", name)
	}
	ext.mu.Lock()
	defer ext.mu.Unlock()
	if ext.frozen {
		return fmt.Errorf("pybridge: RegisterModule(%q) after the registry was frozen by the first load", name)
	}
	if _, dup := ext.modules[name]; dup {
		return fmt.Errorf("pybridge: module %s registered twice", name)
	}
	if ext.modules == nil {
		ext.modules = map[string]ModuleBuilder{}
	}
	ext.modules[name] = build
	return nil
}

// RegisterType lets payloads create instances of the Go-implemented type
// typ at load time (NEWOBJ of typ), through nw. The same rules as for
// RegisterModule apply.
func RegisterType(typ *py.Type, nw NewFunc) error {
	if typ == nil || nw == nil {
		return fmt.Errorf("pybridge: RegisterType: nil type or constructor")
	}
	ext.mu.Lock()
	defer ext.mu.Unlock()
	if ext.frozen {
		return fmt.Errorf("pybridge: RegisterType(%s) after the registry was frozen by the first load", typ.Name)
	}
	if _, dup := ext.types[typ]; dup {
		return fmt.Errorf("pybridge: type %s registered twice", typ.Name)
	}
	if ext.types == nil {
		ext.types = map[*py.Type]NewFunc{}
	}
	ext.types[typ] = nw
	return nil
}

// MustRegister panics when err is not nil. Registration code calls it from
// init so that a failed registration aborts start-up.
func MustRegister(err error) {
	if err != nil {
		panic(err)
	}
}

// RegisteredModules returns the names of the Go-implemented modules
// registered with RegisterModule, sorted.
func RegisteredModules() []string {
	ext.mu.Lock()
	defer ext.mu.Unlock()
	out := make([]string, 0, len(ext.modules))
	for n := range ext.modules {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
