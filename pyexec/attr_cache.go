package pyexec

import (
	"strings"
	"sync/atomic"

	"github.com/go-python/gpython/py"
)

// Inline caches for attribute access on instances of user classes
// (LOAD_ATTR, its method form, STORE_ATTR). An entry records what the
// class-side lookup found for one name on one class, together with the
// version of every user class namespace on the class's MRO: while none of
// those dicts has changed, lookupType, lookupUser("__getattribute__") and
// lookupUser("__setattr__") would return the same results, so only the
// instance's own __dict__ must still be consulted.
//
// Checking every version on each access costs a loop per MRO entry, so an
// entry also records classEpoch, which advances on any mutation of any user
// class namespace: while it is unchanged the entry is valid with one load.
// Once it moved, the per-dict versions decide, and a still-valid entry is
// re-stamped (copied, since other goroutines may read it).

// classEpoch advances whenever the namespace of any user class changes.
var classEpoch atomic.Uint64

type attrKind uint8

const (
	attrNone    attrKind = iota // no class attribute of that name
	attrPlain                   // a value that is not a descriptor
	attrFunc                    // a plain function (a method)
	attrNonData                 // another built-in non-data descriptor
	attrData                    // a data descriptor (property, slot)
)

type classAttrCache struct {
	typ   *py.Type
	epoch uint64  // classEpoch when the entry was checked
	dicts []*Dict // the user class namespaces on typ's MRO
	vers  []uint64
	attr  py.Object
	kind  attrKind
	// noGetattribute, noSetattr: no user class on the MRO defines
	// __getattribute__ / __setattr__.
	noGetattribute, noSetattr bool
	// hint is the index in the instance __dict__ where the instruction
	// last found its name (read and written atomically: the entry is
	// shared by the threads running the code). Instances of one class
	// mostly set their attributes in the same order, so the name is
	// usually at that index, which Dict.strAt checks without hashing.
	hint int32
}

// newClassAttrCache looks name up on user class typ for caching; it returns
// nil when the result cannot be cached (not a user class, a dunder name, an
// attribute whose descriptor behaviour a user class decides).
func newClassAttrCache(typ *py.Type, name string) *classAttrCache {
	ci := classOf(typ)
	if ci == nil || strings.HasPrefix(name, "__") {
		return nil
	}
	c := &classAttrCache{typ: typ, epoch: classEpoch.Load()}
	for _, m := range ci.mro {
		if mc := classOf(m); mc != nil {
			c.dicts = append(c.dicts, mc.dict)
			c.vers = append(c.vers, mc.dict.version)
		}
	}
	c.attr = lookupType(typ, name)
	switch a := c.attr.(type) {
	case nil:
		c.kind = attrNone
	case *Function:
		c.kind = attrFunc
	case *Method, *StaticMethod, *ClassMethod:
		c.kind = attrNonData
	case *Property, *SlotMember:
		c.kind = attrData
	default:
		if userTypeOf(a) != nil {
			return nil
		}
		c.kind = attrPlain
	}
	c.noGetattribute = lookupUser(typ, "__getattribute__") == nil
	c.noSetattr = lookupUser(typ, "__setattr__") == nil
	return c
}

// valid reports whether c still describes class typ, whose namespaces
// have not changed since classEpoch was epoch.
func (c *classAttrCache) valid(typ *py.Type) bool {
	if c.typ != typ {
		return false
	}
	for i, d := range c.dicts {
		if d.version != c.vers[i] {
			return false
		}
	}
	return true
}

// instAttrCache returns the valid user-class cache of instruction pc for
// instance x, filling it when stale; nil when the access is not cacheable.
func instAttrCache(code *Code, pc int, x *Instance, name string) *classAttrCache {
	slot := &code.attrCaches[pc]
	if u := slot.Load(); u != nil && u.typ == x.cls {
		if epoch := classEpoch.Load(); u.epoch == epoch {
			return u
		} else if u.valid(x.cls) {
			// Still valid: re-stamp a copy so the next check is one load
			// (field by field: hint is written atomically by others).
			n := &classAttrCache{typ: u.typ, epoch: epoch, dicts: u.dicts, vers: u.vers, attr: u.attr, kind: u.kind,
				noGetattribute: u.noGetattribute, noSetattr: u.noSetattr, hint: atomic.LoadInt32(&u.hint)}
			slot.Store(n)
			return n
		}
	}
	c := newClassAttrCache(x.cls, name)
	if c != nil {
		slot.Store(c)
	}
	return c
}

// loadAttrInstance is LOAD_ATTR's fast path for instances of user classes;
// ok is false when the general GetAttr must decide (misses, errors,
// __getattr__, data descriptors, built-in payloads).
func (t *Thread) loadAttrInstance(code *Code, pc int, x *Instance, name string) (py.Object, bool, error) {
	c := instAttrCache(code, pc, x, name)
	if c == nil || !c.noGetattribute || c.kind == attrData {
		return nil, false, nil
	}
	if d := x.dict; d != nil {
		if v, ok := d.strAt(atomic.LoadInt32(&c.hint), name); ok {
			return v, true, nil
		}
		if v, i, ok := d.lookupStr(t, name); ok {
			if i >= 0 {
				atomic.StoreInt32(&c.hint, int32(i))
			}
			return v, true, nil
		}
	}
	switch c.kind {
	case attrPlain:
		return c.attr, true, nil
	case attrFunc:
		return &BoundMethod{Self: x, Func: c.attr}, true, nil
	case attrNonData:
		v, err := descrGet(t, c.attr, x, x.cls)
		return v, true, err
	}
	return nil, false, nil
}

// loadMethodInstance is the method form of loadAttrInstance: a plain
// function found on the class and not shadowed by the instance dict comes
// back unbound (bound true) for a direct call.
func (t *Thread) loadMethodInstance(code *Code, pc int, x *Instance, name string) (m py.Object, bound, ok bool) {
	c := instAttrCache(code, pc, x, name)
	if c == nil || !c.noGetattribute || c.kind != attrFunc {
		return nil, false, false
	}
	if x.dict != nil {
		if _, shadow := x.dict.GetStr(t, name); shadow {
			return nil, false, false
		}
	}
	return c.attr, true, true
}

// storeAttrInstance is STORE_ATTR's fast path for instances of user classes
// with a __dict__; ok is false when the general SetAttr must decide.
func (t *Thread) storeAttrInstance(code *Code, pc int, x *Instance, arg int32, v py.Object) (bool, error) {
	if x.dict == nil {
		return false, nil
	}
	c := instAttrCache(code, pc, x, string(code.names[arg]))
	if c == nil || !c.noSetattr || c.kind == attrData {
		return false, nil
	}
	if x.dict.setStrAt(atomic.LoadInt32(&c.hint), string(code.names[arg]), v) {
		return true, nil
	}
	if err := x.dict.SetItem(t, code.nameObjs[arg], v); err != nil {
		return true, err
	}
	// A new attribute is the last entry; else look for the index.
	name := string(code.names[arg])
	if n := len(x.dict.entries) - 1; n >= 0 {
		if _, ok := x.dict.strAt(int32(n), name); ok {
			atomic.StoreInt32(&c.hint, int32(n))
			return true, nil
		}
	}
	if _, i, _ := x.dict.lookupStr(t, name); i >= 0 {
		atomic.StoreInt32(&c.hint, int32(i))
	}
	return true, nil
}
