package pyexec

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// User classes are *py.Type values like the built-in types, so that
// TypeOf, IsSubtype, exception matching and the *Exception machinery work
// unchanged. What gpython's Type lacks is kept in a *classInfo stored under
// classKey in the type's StringDict (the only entry there: the class
// namespace itself is the ordered *Dict classInfo.dict). A user class's Base
// field is nil so that the built-in method tables (lookupMethod) never see
// it; its real __base__ is classInfo.base.

// classKey is the StringDict key of a user class's *classInfo. It holds a NUL
// byte so no Python identifier can collide with it.
const classKey = "\x00pyexec.class"

// classInfo is the part of a user class that gpython's Type has no field for.
type classInfo struct {
	dict    *Dict      // the class namespace (__dict__), insertion ordered
	mro     []*py.Type // __mro__, the class first
	base    *py.Type   // __base__
	solid   *py.Type   // nearest built-in base carrying instance data (object, int, list, BaseException, …)
	slots   []string   // __slots__ declared by this class (mangled)
	nslots  int        // total slot count of instances (bases included)
	hasDict bool       // instances have a __dict__
	version bytecode.Version
	// ht hashes dict keys as the creating thread does (version and seed),
	// for lookups that have no thread at hand.
	ht *Thread
}

// get returns name from the class namespace.
func (ci *classInfo) get(name string) (py.Object, bool) { return ci.dict.GetStr(ci.ht, name) }

// Type makes classInfo a py.Object so it can live in a StringDict.
func (ci *classInfo) Type() *py.Type { return py.ObjectType }

// classOf returns the classInfo of a user class, or nil for a built-in type.
func classOf(t *py.Type) *classInfo {
	if t == nil || len(t.Dict) != 1 {
		return nil
	}
	ci, _ := t.Dict[classKey].(*classInfo)
	return ci
}

// IsUserClass reports whether typ was created by class statement, type(name,
// bases, ns) or NewClass (as opposed to a built-in type).
func IsUserClass(typ *py.Type) bool { return classOf(typ) != nil }

// ClassDict returns the namespace (__dict__) of a user class. The dict is
// live: changes are visible to attribute lookup and dunder dispatch. ok is
// false when cls is not a user class.
func ClassDict(cls py.Object) (*Dict, bool) {
	typ, ok := cls.(*py.Type)
	if !ok {
		return nil, false
	}
	ci := classOf(typ)
	if ci == nil {
		return nil, false
	}
	return ci.dict, true
}

// mroOf returns typ.__mro__.
func mroOf(typ *py.Type) []*py.Type {
	if ci := classOf(typ); ci != nil {
		return ci.mro
	}
	var out []*py.Type
	for x := typ; x != nil; x = x.Base {
		out = append(out, x)
		if x == py.BoolType {
			out = append(out, py.IntType)
		}
	}
	if len(out) == 0 || out[len(out)-1] != py.ObjectType {
		out = append(out, py.ObjectType)
	}
	return out
}

// baseOf returns typ.__base__ (nil for object).
func baseOf(typ *py.Type) *py.Type {
	if ci := classOf(typ); ci != nil {
		return ci.base
	}
	if typ == py.BoolType {
		return py.IntType
	}
	if typ == py.ObjectType {
		return nil
	}
	if typ.Base == nil {
		return py.ObjectType
	}
	return typ.Base
}

// basesOf returns typ.__bases__.
func basesOf(typ *py.Type) py.Tuple {
	if classOf(typ) != nil {
		return typ.Bases
	}
	if b := baseOf(typ); b != nil {
		return py.Tuple{b}
	}
	return py.Tuple{}
}

// userTypeOf returns type(o) when it is a user class, else nil.
func userTypeOf(o py.Object) *py.Type {
	var typ *py.Type
	switch x := o.(type) {
	case *Instance:
		return x.cls
	case *Exception:
		typ = x.typ
	case *py.Type:
		typ = x.ObjectType
	default:
		return nil
	}
	if classOf(typ) != nil {
		return typ
	}
	return nil
}

// typeModule returns cls.__module__ as a string ("builtins" for built-ins).
func typeModule(typ *py.Type) string {
	if ci := classOf(typ); ci != nil {
		if m, ok := ci.get("__module__"); ok {
			if s, ok := m.(py.String); ok {
				return string(s)
			}
		}
		return "builtins"
	}
	return "builtins"
}

// typeQual returns cls.__qualname__.
func typeQual(typ *py.Type) string {
	if typ.Qualname != "" {
		return typ.Qualname
	}
	return typ.Name
}

// lookupType finds name along typ's MRO: in user class namespaces and in the
// attribute tables of built-in types. It returns nil when absent.
func lookupType(typ *py.Type, name string) py.Object {
	for _, c := range mroOf(typ) {
		if v := ownAttr(c, name); v != nil {
			return v
		}
	}
	return nil
}

// ownAttr returns name from c's own namespace (no inheritance).
func ownAttr(c *py.Type, name string) py.Object {
	if ci := classOf(c); ci != nil {
		v, _ := ci.get(name)
		return v
	}
	if m := methodTables[c][name]; m != nil {
		return m
	}
	if v := builtinSlots[c][name]; v != nil {
		return v
	}
	// Class attributes of built-in and native types (SetTypeAttr: dict's
	// fromkeys, datetime.date.min, ...), which user subclasses inherit.
	// object has none: every user class's MRO ends with it.
	if c != py.ObjectType {
		if v := typeAttrs[c][name]; v != nil {
			return v
		}
	}
	return nil
}

// lookupUser finds a dunder defined by a user class in typ's MRO, skipping
// built-in types (whose behaviour the dispatch functions supply natively).
func lookupUser(typ *py.Type, name string) py.Object {
	ci := classOf(typ)
	if ci == nil {
		return nil
	}
	for _, c := range ci.mro {
		if cc := classOf(c); cc != nil {
			if v, ok := cc.get(name); ok {
				return v
			}
		}
	}
	return nil
}

// builtinSlots holds attributes of built-in types that are not methods of the
// method tables (slot wrappers implemented in this package, classmethods, …).
var builtinSlots = map[*py.Type]map[string]py.Object{}

func addSlot(typ *py.Type, name string, v py.Object) {
	m := builtinSlots[typ]
	if m == nil {
		m = map[string]py.Object{}
		builtinSlots[typ] = m
	}
	m[name] = v
}

// c3 computes the C3 linearisation of a class with the given bases.
func c3(t *Thread, cls *py.Type, bases []*py.Type) ([]*py.Type, error) {
	var seqs [][]*py.Type
	for _, b := range bases {
		seqs = append(seqs, append([]*py.Type(nil), mroOf(b)...))
	}
	seqs = append(seqs, append([]*py.Type(nil), bases...))
	out := []*py.Type{cls}
	for {
		empty := true
		for _, s := range seqs {
			if len(s) > 0 {
				empty = false
			}
		}
		if empty {
			return out, nil
		}
		var cand *py.Type
		for _, s := range seqs {
			if len(s) == 0 {
				continue
			}
			c := s[0]
			inTail := false
			for _, s2 := range seqs {
				for _, x := range s2[min(1, len(s2)):] {
					if x == c {
						inTail = true
					}
				}
			}
			if !inTail {
				cand = c
				break
			}
		}
		if cand == nil {
			var names []string
			seen := map[*py.Type]bool{}
			for _, s := range seqs[:len(seqs)-1] {
				if len(s) > 0 && !seen[s[0]] {
					seen[s[0]] = true
					names = append(names, s[0].Name)
				}
			}
			sep := "\n"
			if t.minor() >= 13 {
				sep = " "
			}
			return nil, typeErrorf("Cannot create a consistent method resolution%sorder (MRO) for bases %s", sep, strings.Join(names, ", "))
		}
		out = append(out, cand)
		for i, s := range seqs {
			if len(s) > 0 && s[0] == cand {
				seqs[i] = s[1:]
			}
		}
	}
}

// payloadTypes are the built-in types a user class may derive from whose
// instances carry a built-in value (Instance.value).
var payloadTypes = map[*py.Type]bool{
	py.IntType: true, py.FloatType: true, py.StringType: true, py.TupleType: true, py.ListType: true,
	DictType: true, SetType: true, FrozenSetType: true, py.BytesType: true,
}

// finalTypes cannot be subclassed.
var finalTypes = map[*py.Type]bool{
	py.BoolType: true, py.NoneTypeType: true, FunctionType: true, RangeType: true, SliceType: true,
	CellType: true, CodeType: true, BuiltinType: true, BoundMethodType: true, MethodDescrType: true,
	GeneratorType: true,
}

// solidBase returns the built-in base that decides an instance's layout.
func solidBase(typ *py.Type) *py.Type {
	if ci := classOf(typ); ci != nil {
		return ci.solid
	}
	for x := typ; x != nil; x = baseOf(x) {
		if payloadTypes[x] || nativeBases[x] != nil || x == BaseExceptionType || x == py.TypeType {
			return x
		}
	}
	return py.ObjectType
}

// NewClass creates a class as type(name, bases, ns) does, with metaclass meta
// (nil: type, or the most derived metaclass of the bases). It computes the
// MRO (C3), fills __module__ (from the calling frame's globals when ns lacks
// it) and __qualname__, handles __slots__, __classcell__, __set_name__ and
// __init_subclass__ (called with no keyword arguments; use the class
// statement path for class keywords). ns is copied.
func NewClass(t *Thread, meta py.Object, name string, bases py.Tuple, ns *Dict) (py.Object, error) {
	return newClass(t, meta, name, bases, ns, nil, nil)
}

func newClass(t *Thread, metaObj py.Object, name string, bases py.Tuple, ns *Dict, kwnames py.Tuple, kwvals []py.Object) (py.Object, error) {
	if ns == nil {
		ns = NewDict(0)
	}
	meta := py.TypeType
	if metaObj != nil {
		m, ok := metaObj.(*py.Type)
		if !ok {
			return nil, typeErrorf("metaclass must be a type, not %s", TypeName(metaObj))
		}
		meta = m
	}
	var bs []*py.Type
	if err := checkBuiltinBases(bases); err != nil {
		return nil, err
	}
	for _, b := range bases {
		bt, ok := b.(*py.Type)
		if !ok {
			return nil, typeErrorf("bases must be types")
		}
		if err := checkBase(t, bt); err != nil {
			return nil, err
		}
		bs = append(bs, bt)
		// Most derived metaclass.
		bm := TypeOf(bt)
		switch {
		case IsSubtype(meta, bm):
		case IsSubtype(bm, meta):
			meta = bm
		default:
			return nil, typeErrorf("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases")
		}
	}
	if len(bs) == 0 {
		bs = []*py.Type{py.ObjectType}
		bases = py.Tuple{py.ObjectType}
	}
	for i, b := range bs {
		for _, b2 := range bs[:i] {
			if b == b2 {
				return nil, typeErrorf("duplicate base class %s", b.Name)
			}
		}
	}
	ht := NewThread(bytecode.Py312)
	if t != nil {
		ht = &Thread{version: t.version, hash: t.hasher(), RecursionLimit: DefaultRecursionLimit}
	}
	ci := &classInfo{dict: ns.Copy(), version: ht.version, ht: ht}
	ci.dict.frozen = false
	ci.dict.classNS = true
	cls := &py.Type{ObjectType: meta, Name: name, Qualname: name, Bases: append(py.Tuple(nil), bases...),
		Dict: py.StringDict{classKey: ci}}
	mro, err := c3(t, cls, bs)
	if err != nil {
		return nil, err
	}
	ci.mro = mro
	mt := make(py.Tuple, len(mro))
	for i, m := range mro {
		mt[i] = m
	}
	cls.Mro = mt
	// Layout: one solid base.
	ci.solid = py.ObjectType
	ci.base = bs[0]
	for _, b := range bs {
		s := solidBase(b)
		switch {
		case IsSubtype(ci.solid, s):
		case IsSubtype(s, ci.solid):
			ci.solid = s
			ci.base = b
		default:
			return nil, typeErrorf("multiple bases have instance lay-out conflict")
		}
	}
	if ci.solid == py.TypeType && !IsSubtype(meta, py.TypeType) {
		ci.solid = py.TypeType
	}
	d := ci.dict
	// __module__
	if _, ok := d.GetStr(t, "__module__"); !ok {
		if t != nil && t.depth > 0 {
			if f := t.frames[t.depth-1]; f.fn != nil && f.fn.Globals != nil {
				if m, ok := f.fn.Globals.GetStr(t, "__name__"); ok {
					_ = d.SetItem(t, py.String("__module__"), m)
				}
			}
		}
	}
	// __qualname__
	if q, ok := d.GetStr(t, "__qualname__"); ok {
		s, ok := q.(py.String)
		if !ok {
			return nil, typeErrorf("type __qualname__ must be a str, not %s", TypeName(q))
		}
		cls.Qualname = string(s)
		_, _, _ = d.Delete(t, py.String("__qualname__"))
	}
	// __slots__
	ci.hasDict = IsSubtype(ci.solid, BaseExceptionType)
	for _, b := range bs {
		if bci := classOf(b); bci != nil {
			ci.hasDict = ci.hasDict || bci.hasDict
			ci.nslots = max(ci.nslots, bci.nslots)
		}
	}
	if slotsObj, ok := d.GetStr(t, "__slots__"); ok {
		if err := ci.setupSlots(t, cls, slotsObj); err != nil {
			return nil, err
		}
	} else {
		ci.hasDict = true
	}
	// Implicit staticmethod / classmethod.
	if v, ok := d.GetStr(t, "__new__"); ok {
		if fn, ok := v.(*Function); ok {
			_ = d.SetItem(t, py.String("__new__"), &StaticMethod{Func: fn})
		}
	}
	for _, n := range []string{"__init_subclass__", "__class_getitem__"} {
		if v, ok := d.GetStr(t, n); ok {
			if fn, ok := v.(*Function); ok {
				_ = d.SetItem(t, py.String(n), &ClassMethod{Func: fn})
			}
		}
	}
	// __eq__ without __hash__ makes instances unhashable.
	if _, ok := d.GetStr(t, "__eq__"); ok {
		if _, ok := d.GetStr(t, "__hash__"); !ok {
			_ = d.SetItem(t, py.String("__hash__"), py.None)
		}
	}
	// __classcell__
	if c, ok := d.GetStr(t, "__classcell__"); ok {
		cell, ok := c.(*Cell)
		if !ok {
			return nil, typeErrorf("__classcell__ must be a nonlocal cell, not %s", reprType(TypeOf(c)))
		}
		cell.V = cls
		_, _, _ = d.Delete(t, py.String("__classcell__"))
	}
	// __set_name__
	for _, k := range d.Keys() {
		v, _, _ := d.Get(t, k)
		if p, ok := v.(*Property); ok {
			if ks, ok := k.(py.String); ok {
				p.Name = string(ks)
			}
			continue
		}
		vt := userTypeOf(v)
		if vt == nil {
			continue
		}
		sn := lookupUser(vt, "__set_name__")
		if sn == nil {
			continue
		}
		if _, err := callDescr(t, sn, v, cls, k); err != nil {
			if t.minor() <= 11 {
				ks, _ := Str(t, k)
				r := Errorf(RuntimeErrorType, "Error calling __set_name__ on '%s' instance '%s' in '%s'", vt.Name, ks, name)
				r.Cause = asException(err)
				r.Context = r.Cause
				return nil, r
			}
			e := asException(err)
			addNote(t, e, py.String("Error calling __set_name__ on '"+vt.Name+"' instance '"+pyStr(t, k)+"' in '"+name+"'"))
			return nil, e
		}
	}
	// __init_subclass__ of the parent.
	if len(mro) > 1 {
		sup := &Super{this: cls, obj: cls, objType: cls}
		init, err := sup.getAttr(t, "__init_subclass__")
		if err != nil {
			return nil, err
		}
		if _, err := call(t, init, kwvals, kwnames); err != nil {
			return nil, err
		}
	}
	return cls, nil
}

func reprType(typ *py.Type) string {
	s, _ := Repr(nil, typ)
	return s
}

// setupSlots processes __slots__.
func (ci *classInfo) setupSlots(t *Thread, cls *py.Type, slotsObj py.Object) error {
	var names []py.Object
	if s, ok := slotsObj.(py.String); ok {
		names = []py.Object{s}
	} else {
		items, err := collect(t, slotsObj)
		if err != nil {
			return err
		}
		names = items
	}
	base := ci.nslots
	for _, n := range names {
		s, ok := n.(py.String)
		if !ok {
			return typeErrorf("__slots__ items must be strings, not '%s'", TypeName(n))
		}
		name := string(s)
		if !isIdentifier(name) {
			return typeErrorf("__slots__ must be identifiers")
		}
		if name == "__dict__" {
			if ci.hasDict {
				return typeErrorf("__dict__ slot disallowed: we already got one")
			}
			ci.hasDict = true
			continue
		}
		if name == "__weakref__" {
			continue
		}
		name = mangle(cls.Name, name)
		if _, ok := ci.dict.GetStr(t, name); ok {
			return valueErrorf("'%s' in __slots__ conflicts with class variable", name)
		}
		ci.slots = append(ci.slots, name)
	}
	for i, name := range ci.slots {
		_ = ci.dict.SetItem(t, py.String(name), &SlotMember{Name: name, Owner: cls, Index: base + i})
	}
	ci.nslots = base + len(ci.slots)
	return nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

// mangle applies private name mangling (__x in class C → _C__x).
func mangle(class, name string) string {
	if !strings.HasPrefix(name, "__") || strings.HasSuffix(name, "__") || strings.Contains(name, ".") {
		return name
	}
	c := strings.TrimLeft(class, "_")
	if c == "" {
		return name
	}
	return "_" + c + name
}
