package pyexec

import (
	"github.com/go-python/gpython/py"
)

// User classes deriving from native types (made with NewNativeType). A
// native type that registers a NativeBase lays out the instances of its
// user subclasses as a subclass of list or dict does: an *Instance whose
// payload (Instance.value) is a value of the native type, on which the
// type's methods and protocols (len, iteration, items, repr, operators)
// act wherever the class does not override them. A native type that is
// stateless (datetime.tzinfo) may be registered with AllowStatelessBase:
// its subclasses' instances are plain objects. Any other native type is
// refused as a base with a TypeError naming it: with CPython's own message
// for the types CPython refuses (_thread.lock, re.Pattern, ...), and a
// message saying pybridge does not support it for the others.

// NativeBase describes how a native type's user subclasses are made.
type NativeBase struct {
	// New returns the payload of self, a new instance of a user class
	// deriving from the type, for the arguments of the class call: what
	// the type's __new__ makes of them. A mutable type whose __init__
	// fills the value (deque, OrderedDict) returns an empty value here and
	// registers an __init__ method with AddMethods, which the class call
	// (or the user's super().__init__(...)) then runs on the payload. The
	// payload may keep self to show the subclass's name in its repr, to
	// make copies of the subclass, or to call the user's overrides (as
	// dict calls __missing__).
	New func(t *Thread, self *Instance, args []py.Object, kw py.Tuple) (py.Object, error)
}

var (
	nativeBases    = map[*py.Type]*NativeBase{}
	statelessBases = map[*py.Type]bool{}
)

// RegisterNativeBase lets user classes derive from typ, a native type,
// laying out their instances as nb says. Call only from init functions.
func RegisterNativeBase(typ *py.Type, nb NativeBase) {
	nativeBases[typ] = &nb
	addSlot(typ, "__new__", builtinNew(typ))
}

// AllowStatelessBase lets user classes derive from typ, a native type
// whose values carry no state of their own (datetime.tzinfo): instances of
// the subclasses are plain objects, which typ's methods receive as self.
// Call only from init functions.
func AllowStatelessBase(typ *py.Type) { statelessBases[typ] = true }

// newNativeInstance is objectNew for a class whose solid base s is a
// registered native type.
func newNativeInstance(t *Thread, cls *py.Type, ci *classInfo, s *py.Type, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	in := &Instance{cls: cls}
	if ci.hasDict {
		in.dict = newDictRoom()
	}
	if ci.nslots > 0 {
		in.slots = make([]py.Object, ci.nslots)
	}
	v, err := nativeBases[s].New(t, in, args, kwnames)
	if err != nil {
		return nil, err
	}
	in.value = v
	return in, nil
}

// Payload returns the built-in or native value carried by o, an instance
// of a user class deriving from a built-in or native type, or o itself.
// Native types use it on operands that may be instances of their
// subclasses.
func Payload(o py.Object) py.Object { return unwrap(o) }

// UserOverride returns the attribute name as a user class in the MRO of
// o's type defines it, bound to o (nil when no user class defines it):
// native types call it to honour the overrides CPython's C code honours,
// such as a defaultdict subclass's __missing__.
func UserOverride(t *Thread, o py.Object, name string) (py.Object, error) {
	ut := userTypeOf(o)
	if ut == nil {
		return nil, nil
	}
	f := lookupUser(ut, name)
	if f == nil {
		return nil, nil
	}
	return descrGet(t, f, o, ut)
}

// typeTPName is CPython's tp_name of a built-in or native type: the
// module-qualified name of a type outside builtins.
func typeTPName(typ *py.Type) string {
	if m, ok := typ.Dict["__module__"].(py.String); ok && m != "builtins" && m != "" {
		return string(m) + "." + typ.Name
	}
	return typ.Name
}

// pythonLevelNatives are native types that CPython implements as Python
// classes: their tp_name is the bare class name.
var pythonLevelNatives = map[string]bool{"collections.Counter": true, "collections.ChainMap": true,
	"string.Template": true, "uuid.UUID": true, "csv.DictReader": true, "csv.DictWriter": true, "random.Random": true}

// nativeTPName is the tp_name CPython's C-level messages show for o's type
// ("decimal.Decimal", "datetime.date"): the module-qualified name of a
// native type CPython implements in C, else type(o).__name__.
func nativeTPName(o py.Object) string {
	typ := TypeOf(o)
	if classOf(typ) != nil || !isNativeType(typ) {
		return TypeName(o)
	}
	if name := typeTPName(typ); !pythonLevelNatives[name] {
		return name
	}
	return typ.Name
}

// cpythonFinalNames are the native types CPython refuses as bases (by
// tp_name), with the CPython minor version from which it does.
var cpythonFinalNames = map[string]int{
	"_thread.lock": 8, "re.Pattern": 8, "re.Match": 8, "operator.itemgetter": 8, "operator.attrgetter": 8,
	"operator.methodcaller": 8, "time.struct_time": 8, "_blake2.blake2b": 8, "_blake2.blake2s": 8,
	"functools.KeyWrapper": 8, "_struct.unpack_iterator": 8, "datetime.timezone": 8, "callable_iterator": 8,
	"generator": 8, "mappingproxy": 8, "functools._lru_cache_wrapper": 10, "typing.TypeVar": 8,
	"datetime.IsoCalendarDate": 8,
}

// coreFinalTypes are pyexec's own types that CPython refuses as bases
// (beyond finalTypes, which every version refuses the same way).
var coreFinalTypes = []*py.Type{MemoryViewType, NotImplementedType, MappingProxyType, WrapperDescriptorType,
	MemberDescrType, TracebackType, DictKeysType, DictValuesType, DictItemsType, IteratorType, byteArrayIterType,
	memoryIterType, py.EllipsisTypeType}

// checkBase refuses a base class that cannot be subclassed: CPython's
// final types with CPython's message, and the native types pybridge
// cannot lay out (no NativeBase) with a TypeError that names them.
func checkBase(t *Thread, bt *py.Type) error {
	if classOf(bt) != nil {
		return nil
	}
	name := typeTPName(bt)
	if finalTypes[bt] {
		return typeErrorf("type '%s' is not an acceptable base type", name)
	}
	for _, c := range coreFinalTypes {
		if c == bt {
			return typeErrorf("type '%s' is not an acceptable base type", name)
		}
	}
	if v, ok := cpythonFinalNames[name]; ok && t.minor() >= v {
		if name == "typing.TypeVar" && t.minor() < 12 {
			return typeErrorf("Cannot subclass special typing classes")
		}
		return typeErrorf("type '%s' is not an acceptable base type", name)
	}
	if bt == ByteArrayType {
		return typeErrorf("type 'bytearray' cannot be subclassed in pybridge (CPython allows it; pybridge does not implement subclasses of this native type)")
	}
	if !isNativeType(bt) || nativeBases[bt] != nil || statelessBases[bt] || IsSubtype(bt, BaseExceptionType) {
		return nil
	}
	return typeErrorf("type '%s' cannot be subclassed in pybridge (CPython allows it; pybridge does not implement subclasses of this native type)", name)
}

// SetClassMethod registers name as a classmethod of the native type typ:
// fn receives the class it is called on, typ itself (typ.name(...)) or a
// user subclass (Sub.name(...), which CPython's classmethods honour).
// Call only from init functions.
func SetClassMethod(typ *py.Type, name string, fn func(t *Thread, cls *py.Type, args []py.Object, kw py.Tuple) (py.Object, error)) {
	SetTypeAttr(typ, name, &Builtin{Name: name, Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return fn(t, typ, args, kw)
	}})
	addSlot(typ, name, &ClassMethod{Func: &Builtin{Name: name, Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		cls, ok := args[0].(*py.Type)
		if !ok {
			return nil, typeErrorf("descriptor '%s' requires a type", name)
		}
		return fn(t, cls, args[1:], kw)
	}}})
}

// SetPayloadProperty registers name as a data descriptor of the native
// type typ, as CPython's member and getset descriptors are: instances of
// user subclasses read and assign it on their payload (get and set
// receive the payload) rather than in their __dict__. set may be nil for
// a read-only attribute. Values of typ itself keep their own GetAttr and
// PySetAttr. Call only from init functions.
func SetPayloadProperty(typ *py.Type, name string, get func(t *Thread, self py.Object) (py.Object, error), set func(t *Thread, self, v py.Object) error) {
	p := &Property{Name: name, Doc: py.None, Get: &Builtin{Name: name, Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return get(t, payloadFor(args[0], typ))
	}}}
	if set != nil {
		p.Set = &Builtin{Name: name, Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, set(t, payloadFor(args[0], typ), args[1])
		}}
	}
	addSlot(typ, name, p)
}

func init() {
	// type(...).__name__ is 'ellipsis' in CPython (gpython names the type
	// EllipsisType).
	py.EllipsisTypeType.Name = "ellipsis"
	// Both are builtins: repr(type(...)) is "<class 'ellipsis'>".
	py.EllipsisTypeType.Dict["__module__"] = py.String("builtins")
	NotImplementedType.Dict["__module__"] = py.String("builtins")
	// complex is immutable: a subclass's instance carries the complex
	// that complex.__new__ makes of the arguments.
	RegisterNativeBase(ComplexType, NativeBase{New: func(t *Thread, self *Instance, args []py.Object, kw py.Tuple) (py.Object, error) {
		return typeCtors[ComplexType](t, args, kw)
	}})
}

// payloadStr is str() of an instance of a user subclass of a native type
// with its own __str__ (Decimal), when the class does not define __str__.
func payloadStr(t *Thread, in *Instance) (string, bool, error) {
	if in.value == nil {
		return "", false, nil
	}
	return NativeStrHook(t, in.value)
}

// Reduction is what CPython's __reduce_ex__ returns for a value of a native
// type (or an instance of a user subclass carrying one), for copy.copy and
// copy.deepcopy to rebuild it as copy._reconstruct does: Func(*Args), then
// State merged into the new object's __dict__, then ListItems appended
// (y.append) and DictItems stored (y[k] = v).
type Reduction struct {
	Func      py.Object
	Args      py.Tuple
	State     *Dict       // nil: none
	ListItems []py.Object // with HasList
	DictItems []py.Tuple  // (key, value) pairs, with HasDict
	HasList   bool
	HasDict   bool
}

// Reducer is a native value that says how copy rebuilds it.
type Reducer interface {
	PyReduce(t *Thread) (*Reduction, error)
}

// ReduceClass returns the class a native value's reduction calls: the user
// subclass of owner (an instance carrying the value), or typ.
func ReduceClass(owner py.Object, typ *py.Type) py.Object {
	if owner != nil {
		return TypeOf(owner)
	}
	return typ
}

// ReduceState returns the state a native value's reduction carries: the
// __dict__ of owner, an instance of a user subclass carrying the value,
// when it has entries (nil otherwise).
func ReduceState(owner py.Object) *Dict {
	if owner == nil {
		return nil
	}
	if d, ok := InstanceDict(owner); ok && d.Len() > 0 {
		return d
	}
	return nil
}
