package pyexec

import (
	"unsafe"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// Boxing without one heap allocation per value.
//
// Converting a py.Int or py.String to py.Object makes Go allocate the value
// (8 or 16 bytes) on its own. The hot paths below instead carve the values
// from a slab and build the interface around a pointer into it: one
// allocation per intSlab ints, or per split() result. An interface's data
// word may point inside a larger allocation (the garbage collector keeps the
// whole slab alive while any value carved from it is reachable), and a
// slab slot is written once, before its interface exists, and never again,
// so the boxed values are immutable as Go requires. The cost is memory: a
// surviving value keeps its slab (intSlab*8 bytes) alive.

// eface is the layout of an empty or non-empty interface value with a
// non-pointer dynamic type: the type (or itab) word, then the data pointer.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func typeWord(o py.Object) unsafe.Pointer { return (*eface)(unsafe.Pointer(&o)).typ }

var (
	intTypeWord = typeWord(py.Int(1 << 40))
	strTypeWord = typeWord(py.String("x"))
)

// intSlab is how many ints one slab holds.
const intSlab = 32

// boxInt returns v as a py.Object: a cached small int, else a value carved
// from t's int slab.
func (t *Thread) boxInt(v int64) py.Object {
	if uint64(v-smallIntMin) <= uint64(smallIntMax-smallIntMin) {
		return smallInts[v-smallIntMin]
	}
	if len(t.ints) == 0 {
		t.ints = make([]py.Int, intSlab)
	}
	p := &t.ints[0]
	*p = py.Int(v)
	t.ints = t.ints[1:]
	var o py.Object
	e := (*eface)(unsafe.Pointer(&o))
	e.typ, e.data = intTypeWord, unsafe.Pointer(p)
	return o
}

// boxStrings returns parts as str objects, with two allocations in all.
func boxStrings(parts []string) []py.Object {
	items := make([]py.Object, len(parts))
	if len(parts) == 0 {
		return items
	}
	strs := make([]py.String, len(parts))
	for i, s := range parts {
		strs[i] = py.String(s)
		e := (*eface)(unsafe.Pointer(&items[i]))
		e.typ, e.data = strTypeWord, unsafe.Pointer(&strs[i])
	}
	return items
}

// strHashCache remembers the hashes of recently hashed strings by their
// data pointer and length. An entry keeps its string alive, so an equal
// pointer and length can only mean the very same bytes: a hit is exact.
type strHashCache struct {
	s string
	h int64
	// hasher is the hasher h was computed with.
	hasher *pyhash.Hasher
}

const strHashCacheSize = 512

// strHash returns h.Str(s), cached per thread for strings hashed again
// (names, attribute keys, constants, dict keys read back).
func (t *Thread) strHash(h *pyhash.Hasher, s string) int64 {
	if t == nil || len(s) == 0 {
		return h.Str(s)
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	i := (p>>4 ^ p>>13 ^ uintptr(len(s))) & (strHashCacheSize - 1)
	if t.shc == nil {
		t.shc = new([strHashCacheSize]strHashCache)
	}
	e := &t.shc[i]
	if e.hasher == h && len(e.s) == len(s) && unsafe.StringData(e.s) == unsafe.StringData(s) {
		return e.h
	}
	v := h.Str(s)
	*e = strHashCache{s: s, h: v, hasher: h}
	return v
}
