package pyexec

import (
	"math/big"
	"sort"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"
)

// Module is a Python module object. Its attributes live in Dict.
type Module struct {
	Name string
	Dict *Dict
	// Missing, when set, builds the error for an attribute the module lacks
	// (nil: CPython's AttributeError). Used by modules that expose only the
	// host-independent part of their CPython counterpart (os).
	Missing func(name string) error
}

// ModuleType is the type of module objects.
var ModuleType = newType("module", py.ObjectType)

// ModuleNotFoundErrorType is ModuleNotFoundError (a subclass of ImportError).
var ModuleNotFoundErrorType = newType("ModuleNotFoundError", ImportErrorType)

// Type returns module.
func (m *Module) Type() *py.Type { return ModuleType }

// NewModule returns an empty module named name whose __name__ is set.
func NewModule(t *Thread, name string) *Module {
	m := &Module{Name: name, Dict: NewDict(16)}
	_ = m.Dict.SetItem(t, py.String("__name__"), py.String(name))
	_ = m.Dict.SetItem(t, py.String("__doc__"), py.None)
	return m
}

// Set sets the module attribute name to v.
func (m *Module) Set(t *Thread, name string, v py.Object) {
	_ = m.Dict.SetItem(t, py.String(name), v)
}

// AddFuncs adds one built-in function per entry of fns.
func (m *Module) AddFuncs(t *Thread, fns map[string]BuiltinFunc) {
	names := make([]string, 0, len(fns))
	for n := range fns {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m.Set(t, n, &Builtin{Name: n, Fn: fns[n]})
	}
}

// GetAttr returns the module attribute name.
func (m *Module) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	if name == "__dict__" {
		return m.Dict, true, nil
	}
	v, ok, err := m.Dict.Get(t, py.String(name))
	if err != nil || ok {
		return v, ok, err
	}
	if m.Missing != nil {
		return nil, false, m.Missing(name)
	}
	return nil, false, Errorf(AttributeErrorType, "module '%s' has no attribute '%s'", m.Name, name)
}

// Repr returns <module 'name' (built-in)>.
func (m *Module) Repr(*Thread) (string, error) { return "<module '" + m.Name + "' (built-in)>", nil }

var (
	modulesMu sync.Mutex
	moduleReg = map[string]func(t *Thread) (*Module, error){}
)

// RegisterModule registers the initialiser of module name (a dotted name for
// submodules such as "os.path"). It is meant to be called from init
// functions; registering a name twice panics.
func RegisterModule(name string, init func(t *Thread) (*Module, error)) {
	modulesMu.Lock()
	defer modulesMu.Unlock()
	if _, dup := moduleReg[name]; dup {
		panic("pyexec: module " + name + " registered twice")
	}
	moduleReg[name] = init
}

// ModuleNames returns the names of every registered module, sorted.
func ModuleNames() []string {
	modulesMu.Lock()
	defer modulesMu.Unlock()
	out := make([]string, 0, len(moduleReg))
	for n := range moduleReg {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// hostModules maps modules that touch the host to the capability a host
// would have to grant for them; pyexec never provides them itself.
var hostModules = map[string]string{
	"subprocess": "process", "multiprocessing": "process", "signal": "process", "pty": "process",
	"socket": "network", "ssl": "network", "http": "network", "urllib.request": "network",
	"ftplib": "network", "smtplib": "network", "asyncio": "network", "select": "network", "selectors": "network",
	"shutil": "filesystem", "tempfile": "filesystem", "glob": "filesystem", "pathlib": "filesystem",
	"fcntl": "filesystem", "mmap": "filesystem", "sqlite3": "filesystem",
	"ctypes": "native code", "threading": "threads", "_thread": "threads",
}

// HostCapability returns the capability a host must grant for module name
// (or one of its parents), or "" when name is not host-touching.
func HostCapability(name string) string {
	for n := name; ; {
		if c, ok := hostModules[n]; ok {
			return c
		}
		i := strings.LastIndexByte(n, '.')
		if i < 0 {
			return ""
		}
		n = n[:i]
	}
}

// Import imports the module name (dotted names import their parents first
// and become attributes of them) and caches it in the thread's module table
// (sys.modules). An unknown module raises ModuleNotFoundError "No module
// named 'x'"; a host-touching one names the capability a host can grant.
func (t *Thread) Import(name string) (*Module, error) {
	if m := t.modules[name]; m != nil {
		return m, nil
	}
	if c := HostCapability(name); c != "" {
		modulesMu.Lock()
		_, provided := moduleReg[name]
		modulesMu.Unlock()
		if !provided {
			return nil, Errorf(ModuleNotFoundErrorType, "No module named '%s' (pybridge: module needs host capability '%s', not granted)", name, c)
		}
	}
	var parent *Module
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		p, err := t.Import(name[:i])
		if err != nil {
			return nil, err
		}
		parent = p
		if m := t.modules[name]; m != nil { // the parent imported it
			return m, nil
		}
	}
	modulesMu.Lock()
	init := moduleReg[name]
	modulesMu.Unlock()
	if init == nil {
		return nil, Errorf(ModuleNotFoundErrorType, "No module named '%s'", name)
	}
	m, err := init(t)
	if err != nil {
		return nil, err
	}
	if t.modules == nil {
		t.modules = map[string]*Module{}
	}
	t.modules[name] = m
	if parent != nil {
		parent.Set(t, name[strings.LastIndexByte(name, '.')+1:], m)
	}
	return m, nil
}

// importName implements IMPORT_NAME (and __import__).
func (t *Thread) importName(name string, fromlist, level py.Object) (py.Object, error) {
	if lv, ok, _ := asIndex(level); ok && lv > 0 {
		return nil, Errorf(ImportErrorType, "attempted relative import with no known parent package")
	}
	if name == "" {
		return nil, valueErrorf("Empty module name")
	}
	m, err := t.Import(name)
	if err != nil {
		return nil, err
	}
	nonEmpty := false
	if fromlist != nil && !isNone(fromlist) {
		if nonEmpty, err = Truth(t, fromlist); err != nil {
			return nil, err
		}
	}
	if nonEmpty {
		return m, nil
	}
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return t.modules[name[:i]], nil
	}
	return m, nil
}

// importFrom implements IMPORT_FROM: getattr(module, name), falling back to
// importing the submodule module.name.
func (t *Thread) importFrom(mod py.Object, name string) (py.Object, error) {
	v, err := GetAttr(t, mod, name)
	if err == nil {
		return v, nil
	}
	m, ok := mod.(*Module)
	if !ok {
		return nil, Errorf(ImportErrorType, "cannot import name '%s'", name)
	}
	if sub, e := t.Import(m.Name + "." + name); e == nil {
		return sub, nil
	}
	return nil, Errorf(ImportErrorType, "cannot import name '%s' from '%s' (unknown location)", name, m.Name)
}

// importStar implements IMPORT_STAR into dict: the names of __all__ or the
// public names of the module.
func (t *Thread) importStar(mod py.Object, into *Dict) error {
	m, ok := mod.(*Module)
	if !ok {
		return typeErrorf("import * requires a module")
	}
	if all, ok := m.Dict.GetStr(t, "__all__"); ok {
		names, err := collect(t, all)
		if err != nil {
			return err
		}
		for _, n := range names {
			s, ok := n.(py.String)
			if !ok {
				return typeErrorf("Item in %s.__all__ must be str, not %s", m.Name, TypeName(n))
			}
			v, err := GetAttr(t, m, string(s))
			if err != nil {
				return err
			}
			if err := into.SetItem(t, s, v); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	m.Dict.Items(func(k, v py.Object) bool {
		if s, ok := k.(py.String); ok && !strings.HasPrefix(string(s), "_") {
			err = into.SetItem(t, k, v)
		}
		return err == nil
	})
	return err
}

// bImport is the builtin __import__(name, globals=None, locals=None,
// fromlist=(), level=0).
func bImport(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("__import__", args, kw, []string{"name", "globals", "locals", "fromlist", "level"}, 1)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, typeErrorf("__import__() argument 1 must be str, not %s", TypeName(a[0]))
	}
	level := a[4]
	if level == nil {
		level = MakeInt(0)
	}
	return t.importName(string(s), a[3], level)
}

func init() {
	builtinFuncs["__import__"] = bImport
	exceptionTypes = append(exceptionTypes, ModuleNotFoundErrorType)
}

// ---------------------------------------------------------------------------
// Capability interfaces for values defined outside this package (standard
// library modules, host types). The dispatch functions consult them after
// their built-in cases.

// Attributer is a value with its own attributes. GetAttr reports found=false
// (and a nil error) for a missing attribute, so the caller raises CPython's
// AttributeError; an error replaces that.
type Attributer interface {
	GetAttr(t *Thread, name string) (v py.Object, found bool, err error)
}

// Representer is a value with its own repr().
type Representer interface {
	Repr(t *Thread) (string, error)
}

// Callable is a value that can be called.
type Callable interface {
	Call(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error)
}

// Sized is a value with a len(); its truth value is len() != 0.
type Sized interface {
	PyLen(t *Thread) (int, error)
}

// Subscriptable is a value supporting o[key].
type Subscriptable interface {
	PyGetItem(t *Thread, key py.Object) (py.Object, error)
}

// ItemAssigner is a value supporting o[key] = v and del o[key] (v nil).
type ItemAssigner interface {
	PySetItem(t *Thread, key, v py.Object) error
}

// Iterable is a value that is not itself an iterator but can be iterated.
type Iterable interface {
	Iter(t *Thread) (Iterator, error)
}

// Container is a value with its own `in` test.
type Container interface {
	PyContains(t *Thread, item py.Object) (bool, error)
}

// Equaler is a value with its own ==; ok=false means NotImplemented.
type Equaler interface {
	PyEqual(t *Thread, other py.Object) (eq, ok bool, err error)
}

// ---------------------------------------------------------------------------
// Helpers for native modules.

var typeAttrs = map[*py.Type]map[string]py.Object{}

// NewNativeType returns a type object for a value type implemented in Go by
// module (its repr is <class 'module.name'>). Its constructor, methods and
// class attributes are set with SetTypeCtor, AddMethods and SetTypeAttr at
// init time.
func NewNativeType(module, name string, base *py.Type) *py.Type {
	if base == nil {
		base = py.ObjectType
	}
	t := newType(name, base)
	t.Dict["__module__"] = py.String(module)
	return t
}

// SetTypeCtor makes calling typ run fn. Call only from init functions.
func SetTypeCtor(typ *py.Type, fn BuiltinFunc) { typeCtors[typ] = fn }

// AddMethods registers methods of typ. Call only from init functions.
func AddMethods(typ *py.Type, fns map[string]MethodFunc) { addMethods(typ, fns) }

// SetTypeAttr sets a class attribute (such as a classmethod-like builtin)
// of typ. Call only from init functions.
func SetTypeAttr(typ *py.Type, name string, v py.Object) {
	m := typeAttrs[typ]
	if m == nil {
		m = map[string]py.Object{}
		typeAttrs[typ] = m
	}
	m[name] = v
}

// BindArgs binds a builtin's arguments to params (a name starting with '$'
// is keyword-only); the first required are mandatory and missing optional
// ones are nil. Errors read as CPython's argument clinic reports them.
func BindArgs(fname string, args []py.Object, kwnames py.Tuple, params []string, required int) ([]py.Object, error) {
	return bindBuiltin(fname, args, kwnames, params, required)
}

// CheckArgs checks a positional-only builtin's argument count (max < 0: no
// maximum) and rejects keyword arguments.
func CheckArgs(fname string, args []py.Object, kwnames py.Tuple, min, max int) error {
	return posArgs(fname, args, kwnames, min, max)
}

// Collect returns the items of an iterable as a fresh slice.
func Collect(t *Thread, o py.Object) ([]py.Object, error) { return collect(t, o) }

// IsNone reports whether o is nil or None.
func IsNone(o py.Object) bool { return isNone(o) }

// AsIndex converts an int or bool to int64: ok is false for other types and
// err is set when the value does not fit.
func AsIndex(o py.Object) (v int64, ok bool, err error) { return asIndex(o) }

// BigOf returns the value of an int or bool as a big.Int (shared for big
// ints: do not modify), or nil for other types.
func BigOf(o py.Object) *big.Int { return bigOf(o) }

// IntFromBig returns b as a Python int.
func IntFromBig(b *big.Int) py.Object { return normBig(b) }

// IsInt reports whether o is an int or bool.
func IsInt(o py.Object) bool { return isInt(o) }

// IntToFloat converts an int to float, raising OverflowError when too large.
func IntToFloat(o py.Object) (float64, error) { return intToFloat(o) }

// SortItems sorts items in place as list.sort(key=key, reverse=reverse).
func SortItems(t *Thread, items []py.Object, key py.Object, reverse bool) error {
	return sortItems(t, items, key, reverse)
}

// NewIterator returns an iterator of type typ whose items come from next
// (which returns nil when exhausted).
func NewIterator(typ *py.Type, next func(t *Thread) (py.Object, error)) Iterator {
	return &funcIter{typ: typ, next: next}
}

// Binary operator numbers for BinaryOp (CPython's BINARY_OP arguments); add
// OpInplace for the in-place form.
const (
	OpAdd      = opAdd
	OpAnd      = opAnd
	OpFloorDiv = opFloorDiv
	OpLShift   = opLShift
	OpMatMul   = opMatMul
	OpMul      = opMul
	OpMod      = opMod
	OpOr       = opOr
	OpPow      = opPow
	OpRShift   = opRShift
	OpSub      = opSub
	OpTrueDiv  = opTrueDiv
	OpXor      = opXor
	OpInplace  = opInplace
)

// Orderer is a value with its own <, <=, >, >= (op is CmpLT … CmpGE);
// ok=false means NotImplemented.
type Orderer interface {
	PyCompare(t *Thread, op int, other py.Object) (result, ok bool, err error)
}

// CallKw calls callable with the builtin calling convention: the last
// len(kwnames) entries of args are the values of the keyword arguments.
func CallKw(t *Thread, callable py.Object, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	return call(t, callable, args, kwnames)
}

// IsCallable reports callable(o).
func IsCallable(o py.Object) bool {
	switch o.(type) {
	case *Function, *Builtin, *Method, *BoundMethod, Callable:
		return true
	case *py.Type:
		return true
	}
	if ut := userTypeOf(o); ut != nil {
		return lookupUser(ut, "__call__") != nil
	}
	return false
}

// AttrSetter is a value whose attributes can be set (v nil: deleted);
// handled=false falls back to CPython's AttributeError.
type AttrSetter interface {
	PySetAttr(t *Thread, name string, v py.Object) (handled bool, err error)
}
