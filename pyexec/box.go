package pyexec

import (
	"unsafe"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
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

const (
	strHashCacheBits = 9
	strHashCacheSize = 1 << strHashCacheBits
)

// strHash returns h.Str(s), cached per thread for strings hashed again
// (names, attribute keys, constants, dict keys read back).
func (t *Thread) strHash(h *pyhash.Hasher, s string) int64 {
	if t == nil || len(s) == 0 {
		return h.Str(s)
	}
	// Fibonacci hashing of the address and length: strs packed next to
	// each other (names decoded from one pickle, fields of one split)
	// differ only in their low address bits, which p>>4 would drop.
	p := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	i := ((p ^ uint64(len(s))<<40) * 0x9E3779B97F4A7C15) >> (64 - strHashCacheBits)
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

// Tuples in one allocation.
//
// Boxing a py.Tuple (a slice) in a py.Object allocates its 24-byte header
// apart from the items. newTuple instead allocates the header and up to
// eight items in one struct whose header points at its own array, and
// builds the interface around a pointer to that header. The header is
// written once, before the interface exists, and never again; the items are
// filled by the caller before the tuple is published, as with make.

var tupleTypeWord = typeWord(py.Tuple{})

type (
	tuple1 struct {
		hdr py.Tuple
		a   [1]py.Object
	}
	tuple2 struct {
		hdr py.Tuple
		a   [2]py.Object
	}
	tuple3 struct {
		hdr py.Tuple
		a   [3]py.Object
	}
	tuple4 struct {
		hdr py.Tuple
		a   [4]py.Object
	}
	tuple6 struct {
		hdr py.Tuple
		a   [6]py.Object
	}
	tuple8 struct {
		hdr py.Tuple
		a   [8]py.Object
	}
)

// newTuple returns a tuple of n nil items, both as the py.Object to publish
// and as the slice to fill.
func newTuple(n int) (py.Object, py.Tuple) {
	var hdr *py.Tuple
	switch {
	case n == 0:
		return py.Tuple{}, py.Tuple{}
	case n == 1:
		p := new(tuple1)
		p.hdr, hdr = p.a[:], &p.hdr
	case n == 2:
		p := new(tuple2)
		p.hdr, hdr = p.a[:], &p.hdr
	case n == 3:
		p := new(tuple3)
		p.hdr, hdr = p.a[:], &p.hdr
	case n == 4:
		p := new(tuple4)
		p.hdr, hdr = p.a[:], &p.hdr
	case n <= 6:
		p := new(tuple6)
		p.hdr, hdr = p.a[:n:n], &p.hdr
	case n <= 8:
		p := new(tuple8)
		p.hdr, hdr = p.a[:n:n], &p.hdr
	default:
		tup := make(py.Tuple, n)
		return tup, tup
	}
	var o py.Object
	e := (*eface)(unsafe.Pointer(&o))
	e.typ, e.data = tupleTypeWord, unsafe.Pointer(hdr)
	return o, *hdr
}

// tuple2Of returns the pair (a, b) in one allocation.
func tuple2Of(a, b py.Object) py.Object {
	p := new(tuple2)
	p.a[0], p.a[1] = a, b
	p.hdr = p.a[:]
	var o py.Object
	e := (*eface)(unsafe.Pointer(&o))
	e.typ, e.data = tupleTypeWord, unsafe.Pointer(&p.hdr)
	return o
}

// Strs in one allocation.
//
// A new str boxed in a py.Object costs two allocations: its bytes and its
// 16-byte header. newStr puts both in one struct whose header points at its
// own byte array (sized to a malloc size class), for strs up to 240 bytes.
// The caller fills the bytes before publishing the object and never after,
// so the str is immutable as Go requires.

type (
	str16 struct {
		hdr py.String
		b   [16]byte
	}
	str48 struct {
		hdr py.String
		b   [48]byte
	}
	str112 struct {
		hdr py.String
		b   [112]byte
	}
	str240 struct {
		hdr py.String
		b   [240]byte
	}
)

// newStr returns a str of n bytes as the py.Object to publish and the byte
// slice to fill first.
func newStr(n int) (py.Object, []byte) {
	var hdr *py.String
	var b []byte
	switch {
	case n == 0:
		return py.String(""), nil
	case n <= 16:
		p := new(str16)
		b, hdr = p.b[:n], &p.hdr
	case n <= 48:
		p := new(str48)
		b, hdr = p.b[:n], &p.hdr
	case n <= 112:
		p := new(str112)
		b, hdr = p.b[:n], &p.hdr
	case n <= 240:
		p := new(str240)
		b, hdr = p.b[:n], &p.hdr
	default:
		b = make([]byte, n)
		hdr = new(py.String)
	}
	*hdr = py.String(unsafe.String(&b[0], n))
	var o py.Object
	e := (*eface)(unsafe.Pointer(&o))
	e.typ, e.data = strTypeWord, unsafe.Pointer(hdr)
	return o, b
}

// concatStr returns x + y as one allocation.
func concatStr(x, y py.String) py.Object {
	o, b := newStr(len(x) + len(y))
	copy(b[copy(b, x):], y)
	return o
}

// listRoom is an empty list together with room for its first four items:
// one allocation instead of two for the lists code builds by appending.
type listRoom struct {
	l py.List
	a [4]py.Object
}

// newListRoom returns an empty list with capacity for four items.
func newListRoom() *py.List {
	p := new(listRoom)
	p.l.Items = p.a[:0]
	return &p.l
}

// Lists of new strs in one allocation.
//
// str.split builds a list whose items are new strs: the list, its items and
// the str headers the items point at. newStrList allocates the three
// together for up to 31 items, instead of three allocations. Each struct
// fills its malloc size class (24+32n bytes), so no more bytes are
// allocated than by the three allocations. The items slice may be appended
// to like any list's; the headers are written once by the caller before the
// list is published.
type (
	strList1 struct {
		l py.List
		a [1]py.Object
		s [1]py.String
	}
	strList2 struct {
		l py.List
		a [2]py.Object
		s [2]py.String
	}
	strList3 struct {
		l py.List
		a [3]py.Object
		s [3]py.String
	}
	strList4 struct {
		l py.List
		a [4]py.Object
		s [4]py.String
	}
	strList5 struct {
		l py.List
		a [5]py.Object
		s [5]py.String
	}
	strList6 struct {
		l py.List
		a [6]py.Object
		s [6]py.String
	}
	strList7 struct {
		l py.List
		a [7]py.Object
		s [7]py.String
	}
	strList8 struct {
		l py.List
		a [8]py.Object
		s [8]py.String
	}
	strList9 struct {
		l py.List
		a [9]py.Object
		s [9]py.String
	}
	strList10 struct {
		l py.List
		a [10]py.Object
		s [10]py.String
	}
	strList11 struct {
		l py.List
		a [11]py.Object
		s [11]py.String
	}
	strList12 struct {
		l py.List
		a [12]py.Object
		s [12]py.String
	}
	strList13 struct {
		l py.List
		a [13]py.Object
		s [13]py.String
	}
	strList14 struct {
		l py.List
		a [14]py.Object
		s [14]py.String
	}
	strList15 struct {
		l py.List
		a [15]py.Object
		s [15]py.String
	}
	strList17 struct {
		l py.List
		a [17]py.Object
		s [17]py.String
	}
	strList19 struct {
		l py.List
		a [19]py.Object
		s [19]py.String
	}
	strList21 struct {
		l py.List
		a [21]py.Object
		s [21]py.String
	}
	strList23 struct {
		l py.List
		a [23]py.Object
		s [23]py.String
	}
	strList27 struct {
		l py.List
		a [27]py.Object
		s [27]py.String
	}
	strList31 struct {
		l py.List
		a [31]py.Object
		s [31]py.String
	}
)

// newStrList returns a list of n (nil) items and n str headers for the
// caller to fill and point the items at.
func newStrList(n int) (*py.List, []py.String) {
	switch {
	case n <= 1:
		p := new(strList1)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 2:
		p := new(strList2)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 3:
		p := new(strList3)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 4:
		p := new(strList4)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 5:
		p := new(strList5)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 6:
		p := new(strList6)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 7:
		p := new(strList7)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 8:
		p := new(strList8)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 9:
		p := new(strList9)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 10:
		p := new(strList10)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 11:
		p := new(strList11)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 12:
		p := new(strList12)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 13:
		p := new(strList13)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 14:
		p := new(strList14)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 15:
		p := new(strList15)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 17:
		p := new(strList17)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 19:
		p := new(strList19)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 21:
		p := new(strList21)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 23:
		p := new(strList23)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 27:
		p := new(strList27)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	case n <= 31:
		p := new(strList31)
		p.l.Items = p.a[:n]
		return &p.l, p.s[:n]
	}
	return &py.List{Items: make([]py.Object, n)}, make([]py.String, n)
}

// concatChain is x + y followed by the str additions that come right after
// it in the code: LOAD_FAST or LOAD_CONST of a str, then BINARY_OP +, as
// in a + " / " + b + " / " + c. It builds the whole result in one
// allocation instead of one per +, and returns the number of instructions
// it ran past pc (two per addition it took over). Those instructions could
// not have raised or jumped: each loads a str and adds it to a str.
func concatChain(x, y py.String, instrs []bytecode.Instr, pc int, locals, consts []py.Object) (py.Object, int) {
	var more [6]py.String
	k := 0
	size := len(x) + len(y)
	for j := pc; k < len(more) && j+1 < len(instrs); j += 2 {
		if next := &instrs[j+1]; next.Op != bytecode.BinaryOp || next.Arg != opAdd {
			break
		}
		var v py.Object
		switch in := &instrs[j]; in.Op {
		case bytecode.LoadFast:
			v = locals[in.Arg]
		case bytecode.LoadConst:
			v = consts[in.Arg]
		}
		s, ok := v.(py.String)
		if !ok {
			break
		}
		more[k] = s
		size += len(s)
		k++
	}
	if k == 0 {
		return concatStr(x, y), 0
	}
	o, b := newStr(size)
	n := copy(b, x)
	n += copy(b[n:], y)
	for _, s := range more[:k] {
		n += copy(b[n:], s)
	}
	return o, 2 * k
}
