package pickle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// EncodeOptions configures Encode.
type EncodeOptions struct {
	// Protocol is the pickle protocol to write, 2 to 5. Zero means
	// HighestProtocol (5), CPython's pickle.HIGHEST_PROTOCOL.
	Protocol int
}

// MaxEncodeDepth bounds how deeply Encode nests containers (lists, tuples,
// dicts, sets, calls, builds, updates and the Go containers []any, PyTuple
// and map[string]any). A deeper value, or a cycle through Go slices or maps,
// makes Encode fail with ErrEncodeDepth instead of exhausting the stack.
// CPython's own pickler stops much earlier, at its recursion limit (about
// 1000 by default).
const MaxEncodeDepth = 10000

// ErrEncodeDepth is wrapped by the error Encode returns when a value nests
// deeper than MaxEncodeDepth.
var ErrEncodeDepth = errors.New("pickle: value nested too deeply")

// ErrImmutableCycle is wrapped by the error Encode returns for a graph in
// which a node contains itself only through nodes that are memoized after
// their children (tuples, frozensets, calls): such a value cannot exist in
// Python and has no pickle.
var ErrImmutableCycle = errors.New("pickle: cycle through immutable values")

// PyTuple is a Go convenience for Encode and Marshal: its items, Go values
// or graph nodes, are written as a Python tuple (a []any is a list).
type PyTuple []any

// Marshal returns the protocol-5 pickle of v; see Encode for the values
// accepted.
func Marshal(v any) ([]byte, error) {
	e := newEncoder(nil, HighestProtocol)
	if err := e.encode(v); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// Encode writes the pickle of v to w, the same bytes CPython's C pickler
// (pickle.dumps(obj, protocol=N)) writes for the Python value v stands for,
// including memo indices, FRAME boundaries and opcode choices.
//
// v is a graph node (any Value, as built by Decode or by hand), a *Graph
// (its Root only: Popped and Leftover are not written, so side effects such
// as cloudpickle's popped setstate calls are lost), or a plain
// Go value: nil (None), bool, every int and uint kind, float32/float64,
// string (str), []byte (bytes), *big.Int, []any (list), PyTuple (tuple)
// and map[string]any (dict, keys in sorted order). Go containers may hold
// graph nodes and the reverse is not possible. Any other type is an error
// naming it.
//
// Object identity decides sharing, as in CPython: a node reached twice is
// written once and fetched from the memo afterwards (BINGET), so cycles
// through lists, dicts, sets and calls are preserved. Go strings, byte
// slices and containers have no identity and are written at every
// occurrence, except the empty string and empty bytes, which are
// singletons in CPython. Globals are memoized by module and name, and at
// protocol 4 and later the module and name strings of STACK_GLOBAL are
// memoized by value (CPython shares the interned module name of two
// classes from one module).
//
// Nodes are written as follows. Call is REDUCE, NEWOBJ or NEWOBJ_EX after
// its callable and arguments (INST and OBJ calls are written as REDUCE;
// NEWOBJ_EX is written at every protocol); Build is the object, the state
// and BUILD; Update is the object and APPEND(S), SETITEM(S) or ADDITEMS in
// batches of 1000; PersistentID is its id and BINPERSID; Global with an
// extension code is EXT1/2/4. A Buffer is written in-band as CPython writes
// a pickle.PickleBuffer at protocol 5 (bytes when ReadOnly, else
// bytearray), and below protocol 5 as bytes or bytearray. Bytes below
// protocol 3 are written as CPython does, through _codecs.encode(str,
// 'latin1'); bytearray below protocol 5 through builtins.bytearray(bytes);
// set and frozenset below protocol 4 through set(list) and
// frozenset(list); and global names below protocol 3 are mapped to their
// Python 2 names (fix_imports).
//
// Encode buffers output and writes it to w in frames of about 64 KiB;
// strings and bytes of 64 KiB or more are written straight to w, outside
// any frame. Nesting is bounded by MaxEncodeDepth. Floats that are Go
// float32/float64 values have their NaNs written as Python's float('nan');
// Float nodes keep their bits.
func Encode(w io.Writer, v any, opts *EncodeOptions) error {
	proto := HighestProtocol
	if opts != nil && opts.Protocol != 0 {
		proto = opts.Protocol
	}
	if proto < 2 || proto > HighestProtocol {
		return fmt.Errorf("pickle: unsupported encode protocol %d (want 2 to %d)", proto, HighestProtocol)
	}
	e := newEncoder(w, proto)
	if err := e.encode(v); err != nil {
		return err
	}
	return e.flush()
}

const (
	frameSizeTarget = 64 * 1024 // CPython's FRAME_SIZE_TARGET
	frameSizeMin    = 4         // CPython's FRAME_SIZE_MIN
	frameHeaderSize = 9         // FRAME opcode and 8-byte length
	batchSize       = 1000      // CPython's BATCHSIZE
	// cycleCheckDepth is the nesting depth past which Encode watches for
	// cycles through immutable nodes; shallower cycles reach it anyway.
	cycleCheckDepth = 64
)

// memoKeyKind tells what a value-keyed memo entry stands for.
type memoKeyKind uint8

const (
	mkGlobal      memoKeyKind = iota + 1 // a module attribute, by module and name
	mkModuleName                         // the module string of STACK_GLOBAL
	mkGlobalName                         // the name string of STACK_GLOBAL
	mkEmptyStr                           // the empty str singleton
	mkEmptyBytes                         // the empty bytes singleton
	mkLatin1Char                         // a one-character str from latin-1 decoding (a singleton)
	mkLatin1Codec                        // the 'latin1' argument of _codecs.encode
)

// memoKey identifies a memoized object that has no node of its own.
type memoKey struct {
	kind memoKeyKind
	a, b string
}

type encoder struct {
	w          io.Writer
	buf        []byte
	frameStart int // offset of the open frame's header in buf, or -1
	framing    bool
	proto      int

	memo    memoTable // node identity → memo index
	keyed   map[memoKey]int
	memoLen int

	depth  int
	active map[Value]int // nodes being written past cycleCheckDepth → memoLen at entry
}

func newEncoder(w io.Writer, proto int) *encoder {
	size := 256
	if w != nil {
		size = frameSizeTarget + 1024
	}
	return &encoder{
		w:          w,
		buf:        make([]byte, 0, size),
		frameStart: -1,
		proto:      proto,
	}
}

// encode writes the whole pickle into the buffer (flushing committed
// frames to w when there is one).
func (e *encoder) encode(v any) error {
	if g, ok := v.(*Graph); ok {
		if g == nil {
			return errors.New("pickle: cannot encode a nil *Graph")
		}
		v = g.Root
		if v == nil {
			return errors.New("pickle: cannot encode a Graph with no Root")
		}
	}
	e.buf = append(e.buf, opProto, byte(e.proto))
	e.framing = e.proto >= 4
	if err := e.save(v); err != nil {
		return err
	}
	e.op(opStop)
	e.commitFrame()
	return nil
}

// --- output buffer and framing (CPython's _Pickler_Write and friends) ---

// open starts a frame when framing is on and none is open, as every
// _Pickler_Write does.
func (e *encoder) open() {
	if e.framing && e.frameStart < 0 {
		e.frameStart = len(e.buf)
		e.buf = append(e.buf, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	}
}

func (e *encoder) op(b byte) {
	e.open()
	e.buf = append(e.buf, b)
}

func (e *encoder) op1(b, arg byte) {
	e.open()
	e.buf = append(e.buf, b, arg)
}

func (e *encoder) op4(b byte, arg uint32) {
	e.open()
	e.buf = append(e.buf, b)
	e.buf = binary.LittleEndian.AppendUint32(e.buf, arg)
}

// commitFrame closes the open frame: it gets its FRAME header, or loses
// the reserved header when it holds fewer than frameSizeMin bytes.
func (e *encoder) commitFrame() {
	if !e.framing || e.frameStart < 0 {
		return
	}
	n := len(e.buf) - e.frameStart - frameHeaderSize
	if n >= frameSizeMin {
		e.buf[e.frameStart] = opFrame
		binary.LittleEndian.PutUint64(e.buf[e.frameStart+1:], uint64(n))
	} else {
		copy(e.buf[e.frameStart:], e.buf[e.frameStart+frameHeaderSize:])
		e.buf = e.buf[:len(e.buf)-frameHeaderSize]
	}
	e.frameStart = -1
}

// boundary is CPython's _Pickler_OpcodeBoundary, called as each object
// starts: a frame that has reached the target size is committed.
func (e *encoder) boundary() error {
	if e.frameStart >= 0 {
		if len(e.buf)-e.frameStart-frameHeaderSize >= frameSizeTarget {
			e.commitFrame()
			return e.flush()
		}
		return nil
	}
	if e.w != nil && len(e.buf) >= frameSizeTarget {
		return e.flush()
	}
	return nil
}

// flush writes the buffered bytes, which hold no open frame, to w.
func (e *encoder) flush() error {
	if e.w == nil || len(e.buf) == 0 || e.frameStart >= 0 {
		return nil
	}
	_, err := e.w.Write(e.buf)
	e.buf = e.buf[:0]
	return err
}

// writeData writes an opcode header followed by data, as
// _Pickler_write_bytes does: data of 64 KiB or more
// goes outside any frame (and straight to w).
func writeData[T string | []byte](e *encoder, hdr []byte, data T) error {
	if len(data) < frameSizeTarget {
		e.open()
		e.buf = append(e.buf, hdr...)
		e.buf = append(e.buf, data...)
		return nil
	}
	e.commitFrame()
	framing := e.framing
	e.framing = false
	e.buf = append(e.buf, hdr...)
	if e.w != nil {
		if err := e.flush(); err != nil {
			return err
		}
		var err error
		switch d := any(data).(type) {
		case string:
			_, err = io.WriteString(e.w, d)
		case []byte:
			_, err = e.w.Write(d)
		}
		if err != nil {
			return err
		}
	} else {
		e.buf = append(e.buf, data...)
	}
	e.framing = framing
	return nil
}

// --- memo ---

// nodeID returns the address a node interface holds: every node type is
// a pointer. The memo is keyed by it; the graph being encoded keeps every
// node alive, and Go does not move heap objects.
func nodeID(v Value) uintptr {
	return uintptr((*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1])
}

func (e *encoder) lookup(v Value) (int, bool) {
	idx, ok := e.memo.get(nodeID(v))
	return int(idx), ok
}

func (e *encoder) store(v Value, idx int) {
	e.memo.set(nodeID(v), uint32(idx))
}

// memoTable maps node addresses to memo indices: open addressing with
// linear probing, at most half full. A miss leaves a hint so that storing
// the same key next costs no second probe.
type memoTable struct {
	slots    []memoEntry
	shift    uint // 64 - log2(len(slots))
	n        int
	hintKey  uintptr
	hintSlot int
}

type memoEntry struct {
	key uintptr // 0 for an empty slot
	idx uint32
}

func (t *memoTable) init(size int) {
	t.slots = make([]memoEntry, size)
	t.shift = uint(64 - bitsLen(size))
	t.hintKey = 0
}

func bitsLen(size int) int {
	n := 0
	for size > 1 {
		size >>= 1
		n++
	}
	return n
}

// find returns the slot holding k or the empty slot where k belongs.
func (t *memoTable) find(k uintptr) int {
	mask := len(t.slots) - 1
	i := int((uint64(k) * 0x9E3779B97F4A7C15) >> t.shift)
	for {
		s := t.slots[i].key
		if s == k || s == 0 {
			return i
		}
		i = (i + 1) & mask
	}
}

func (t *memoTable) get(k uintptr) (uint32, bool) {
	if t.slots == nil {
		t.init(1024)
	}
	i := t.find(k)
	if t.slots[i].key == k {
		return t.slots[i].idx, true
	}
	t.hintKey, t.hintSlot = k, i
	return 0, false
}

func (t *memoTable) set(k uintptr, idx uint32) {
	if t.slots == nil {
		t.init(1024)
	}
	var i int
	if t.hintKey == k && t.slots[t.hintSlot].key == 0 {
		i = t.hintSlot
	} else {
		i = t.find(k)
	}
	t.hintKey = 0
	if t.slots[i].key == k {
		t.slots[i].idx = idx
		return
	}
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.init(2 * len(old))
		for _, s := range old {
			if s.key != 0 {
				t.slots[t.find(s.key)] = s
			}
		}
		i = t.find(k)
	}
	t.slots[i] = memoEntry{k, idx}
	t.n++
}

// memoPut assigns the next memo index and writes MEMOIZE or (LONG_)BINPUT.
func (e *encoder) memoPut() int {
	idx := e.memoLen
	e.memoLen++
	switch {
	case e.proto >= 4:
		e.op(opMemoize)
	case idx < 256:
		e.op1(opBinPut, byte(idx))
	default:
		e.op4(opLongBinPut, uint32(idx))
	}
	return idx
}

// memoGet writes (LONG_)BINGET.
func (e *encoder) memoGet(idx int) {
	if idx < 256 {
		e.op1(opBinGet, byte(idx))
	} else {
		e.op4(opLongBinGet, uint32(idx))
	}
}

func (e *encoder) putKey(k memoKey) {
	if e.keyed == nil {
		e.keyed = make(map[memoKey]int)
	}
	e.keyed[k] = e.memoPut()
}

// getKey writes a memo fetch for k if it is memoized.
func (e *encoder) getKey(k memoKey) bool {
	if idx, ok := e.keyed[k]; ok {
		e.memoGet(idx)
		return true
	}
	return false
}

// --- dispatch ---

// save is CPython's save(): one object, starting at an opcode boundary.
func (e *encoder) save(v any) error {
	if err := e.boundary(); err != nil {
		return err
	}
	switch x := v.(type) {
	case nil:
		e.op(opNone)
		return nil
	case *None:
		if x == nil {
			return nilNode(v)
		}
		e.op(opNone)
		return nil
	case *Bool:
		if x == nil {
			return nilNode(v)
		}
		e.saveBool(x.Value)
		return nil
	case *Int:
		if x == nil {
			return nilNode(v)
		}
		e.saveInt(x.Value)
		return nil
	case *Float:
		if x == nil {
			return nilNode(v)
		}
		e.saveFloat(x.Value)
		return nil
	case *BigInt:
		if x == nil || x.Value == nil {
			return nilNode(v)
		}
		e.saveBig(x.Value)
		return nil
	case Value:
		return e.saveNode(x)

	case bool:
		e.saveBool(x)
	case int:
		e.saveInt(int64(x))
	case int8:
		e.saveInt(int64(x))
	case int16:
		e.saveInt(int64(x))
	case int32:
		e.saveInt(int64(x))
	case int64:
		e.saveInt(x)
	case uint:
		e.saveUint(uint64(x))
	case uint8:
		e.saveInt(int64(x))
	case uint16:
		e.saveInt(int64(x))
	case uint32:
		e.saveInt(int64(x))
	case uint64:
		e.saveUint(x)
	case uintptr:
		e.saveUint(uint64(x))
	case float32:
		e.saveFloat(canonicalNaN(float64(x)))
	case float64:
		e.saveFloat(canonicalNaN(x))
	case *big.Int:
		if x == nil {
			return errors.New("pickle: cannot encode a nil *big.Int")
		}
		e.saveBig(x)
	case string:
		if len(x) == 0 {
			if e.getKey(memoKey{kind: mkEmptyStr}) {
				return nil
			}
		} else if err := checkUTF8(x); err != nil {
			return err
		}
		if err := e.writeStr(x); err != nil {
			return err
		}
		if len(x) == 0 {
			e.putKey(memoKey{kind: mkEmptyStr})
		} else {
			e.memoPut()
		}
	case []byte:
		if len(x) == 0 {
			if e.getKey(memoKey{kind: mkEmptyBytes}) {
				return nil
			}
			return e.saveBytes(nil, x, memoKey{kind: mkEmptyBytes})
		}
		return e.saveBytes(nil, x, memoKey{})
	case []any:
		if err := e.enter(); err != nil {
			return err
		}
		e.op(opEmptyList)
		e.memoPut()
		err := e.batchList(len(x), func(i int) any { return x[i] })
		e.depth--
		return err
	case PyTuple:
		if len(x) == 0 {
			e.op(opEmptyTuple)
			return nil
		}
		if err := e.enter(); err != nil {
			return err
		}
		err := e.saveTupleItems(nil, len(x), func(i int) any { return x[i] })
		e.depth--
		return err
	case map[string]any:
		if err := e.enter(); err != nil {
			return err
		}
		e.op(opEmptyDict)
		e.memoPut()
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		err := e.batchDict(len(keys), func(i int) (any, any) { return keys[i], x[keys[i]] })
		e.depth--
		return err
	case *Graph:
		return errors.New("pickle: a *Graph can only be encoded as the root value")
	default:
		return fmt.Errorf("pickle: cannot encode Go type %T", v)
	}
	return nil
}

func nilNode(v any) error {
	return fmt.Errorf("pickle: cannot encode a nil %T", v)
}

// canonicalNaN maps every NaN to the bits of CPython's float('nan').
func canonicalNaN(f float64) float64 {
	if f != f {
		return math.Float64frombits(0x7ff8000000000000)
	}
	return f
}

func checkUTF8(s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	if i := invalidUTF8([]byte(s)); i >= 0 {
		return fmt.Errorf("pickle: str is not valid UTF-8 at byte %d", i)
	}
	return nil
}

// enter counts one level of nesting.
func (e *encoder) enter() error {
	e.depth++
	if e.depth > MaxEncodeDepth {
		e.depth--
		return fmt.Errorf("%w: more than %d levels (or a cycle through Go slices or maps)", ErrEncodeDepth, MaxEncodeDepth)
	}
	return nil
}

// saveNode writes a graph node other than the atoms save handles.
func (e *encoder) saveNode(v Value) error {
	if nodeID(v) == 0 {
		return nilNode(v)
	}
	if idx, ok := e.lookup(v); ok {
		e.memoGet(idx)
		return nil
	}
	switch x := v.(type) {
	case *Str:
		if x == nil {
			return nilNode(v)
		}
		if err := checkUTF8(x.Value); err != nil {
			return err
		}
		if err := e.writeStr(x.Value); err != nil {
			return err
		}
		e.store(v, e.memoPut())
		return nil
	case *Bytes:
		if x == nil {
			return nilNode(v)
		}
		return e.saveBytes(v, x.Value, memoKey{})
	case *Global:
		if x == nil {
			return nilNode(v)
		}
		return e.saveGlobal(x, x.Module, x.Name, x.Ext)
	}
	if err := e.enter(); err != nil {
		return err
	}
	var err error
	if e.depth > cycleCheckDepth {
		err = e.saveWatched(v)
	} else {
		err = e.saveContainer(v)
	}
	e.depth--
	return err
}

// saveWatched writes a deep node while checking that, since its previous
// entry on the current path, the memo has grown: a re-entry without
// progress repeats forever.
func (e *encoder) saveWatched(v Value) error {
	if e.active == nil {
		e.active = make(map[Value]int)
	}
	prev, was := e.active[v]
	if was && prev == e.memoLen {
		return fmt.Errorf("%w: a %s contains itself", ErrImmutableCycle, typeName(v))
	}
	e.active[v] = e.memoLen
	err := e.saveContainer(v)
	if was {
		e.active[v] = prev
	} else {
		delete(e.active, v)
	}
	return err
}

func (e *encoder) saveContainer(v Value) error {
	switch x := v.(type) {
	case *Tuple:
		if x == nil {
			return nilNode(v)
		}
		if len(x.Items) == 0 {
			e.op(opEmptyTuple)
			return nil
		}
		return e.saveTupleItems(v, len(x.Items), func(i int) any { return x.Items[i] })
	case *List:
		if x == nil {
			return nilNode(v)
		}
		e.op(opEmptyList)
		e.store(v, e.memoPut())
		return e.batchList(len(x.Items), func(i int) any { return x.Items[i] })
	case *Dict:
		if x == nil {
			return nilNode(v)
		}
		e.op(opEmptyDict)
		e.store(v, e.memoPut())
		return e.batchDict(len(x.Entries), func(i int) (any, any) { return x.Entries[i].Key, x.Entries[i].Value })
	case *Set:
		if x == nil {
			return nilNode(v)
		}
		if e.proto < 4 {
			return e.saveReduceList(v, "set", x.Items)
		}
		e.op(opEmptySet)
		e.store(v, e.memoPut())
		if len(x.Items) == 0 {
			return nil
		}
		return e.batchAddItems(x.Items)
	case *FrozenSet:
		if x == nil {
			return nilNode(v)
		}
		if e.proto < 4 {
			return e.saveReduceList(v, "frozenset", x.Items)
		}
		e.op(opMark)
		for _, it := range x.Items {
			if err := e.save(it); err != nil {
				return err
			}
		}
		if idx, ok := e.lookup(v); ok {
			e.op(opPopMark)
			e.memoGet(idx)
			return nil
		}
		e.op(opFrozenSet)
		e.store(v, e.memoPut())
		return nil
	case *ByteArray:
		if x == nil {
			return nilNode(v)
		}
		return e.saveByteArray(v, x.Value)
	case *Buffer:
		if x == nil {
			return nilNode(v)
		}
		if x.ReadOnly {
			if e.proto < 3 {
				return e.saveBytes(v, x.Data, memoKey{})
			}
			return e.saveBytesData(v, x.Data, memoKey{})
		}
		return e.saveByteArray(v, x.Data)
	case *Call:
		if x == nil {
			return nilNode(v)
		}
		return e.saveCall(x)
	case *Build:
		if x == nil {
			return nilNode(v)
		}
		if x.Object == nil || x.State == nil {
			return errors.New("pickle: cannot encode a Build with a nil Object or State")
		}
		if err := e.save(x.Object); err != nil {
			return err
		}
		if err := e.save(x.State); err != nil {
			return err
		}
		e.op(opBuild)
		e.alias(v, x.Object)
		return nil
	case *Update:
		if x == nil {
			return nilNode(v)
		}
		return e.saveUpdate(x)
	case *PersistentID:
		if x == nil {
			return nilNode(v)
		}
		if x.ID == nil {
			return errors.New("pickle: cannot encode a PersistentID with a nil ID")
		}
		if err := e.save(x.ID); err != nil {
			return err
		}
		e.op(opBinPersID)
		return nil
	}
	return fmt.Errorf("pickle: cannot encode Go type %T", v)
}

// alias makes later references to a Build or Update node fetch the object
// it wraps, which CPython memoized before the BUILD or item opcodes.
func (e *encoder) alias(v, object Value) {
	if idx, ok := e.lookup(object); ok {
		e.store(v, idx)
		return
	}
	e.store(v, e.memoPut())
}

// --- atoms ---

func (e *encoder) saveBool(b bool) {
	if b {
		e.op(opNewTrue)
	} else {
		e.op(opNewFalse)
	}
}

func (e *encoder) saveInt(v int64) {
	if v >= math.MinInt32 && v <= math.MaxInt32 {
		u := uint32(v)
		e.open()
		switch {
		case u>>16 != 0:
			e.buf = append(e.buf, opBinInt, byte(u), byte(u>>8), byte(u>>16), byte(u>>24))
		case u>>8 != 0:
			e.buf = append(e.buf, opBinInt2, byte(u), byte(u>>8))
		default:
			e.buf = append(e.buf, opBinInt1, byte(u))
		}
		return
	}
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(v))
	n := 8
	for n > 1 && ((b[n-1] == 0 && b[n-2]&0x80 == 0) || (b[n-1] == 0xff && b[n-2]&0x80 != 0)) {
		n--
	}
	e.op1(opLong1, byte(n))
	e.buf = append(e.buf, b[:n]...)
}

func (e *encoder) saveUint(v uint64) {
	if v <= math.MaxInt64 {
		e.saveInt(int64(v))
		return
	}
	e.op1(opLong1, 9)
	e.buf = binary.LittleEndian.AppendUint64(e.buf, v)
	e.buf = append(e.buf, 0)
}

// saveBig writes LONG1 or LONG4 with the shortest two's-complement form,
// as CPython's save_long does.
func (e *encoder) saveBig(x *big.Int) {
	if x.IsInt64() {
		e.saveInt(x.Int64())
		return
	}
	n := x.BitLen()/8 + 1
	b := make([]byte, n)
	if x.Sign() > 0 {
		x.FillBytes(b)
	} else {
		t := new(big.Int).Lsh(big.NewInt(1), uint(8*n))
		t.Add(t, x)
		t.FillBytes(b)
	}
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	if x.Sign() < 0 && n > 1 && b[n-1] == 0xff && b[n-2]&0x80 != 0 {
		n--
	}
	if n < 256 {
		e.op1(opLong1, byte(n))
	} else {
		e.op4(opLong4, uint32(n))
	}
	e.buf = append(e.buf, b[:n]...)
}

func (e *encoder) saveFloat(f float64) {
	e.open()
	e.buf = append(e.buf, opBinFloat)
	e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(f))
}

// writeStr writes the opcode and data of a str (not the memo entry).
func (e *encoder) writeStr(s string) error {
	var hdr [9]byte
	var h []byte
	n := uint64(len(s))
	switch {
	case n <= 0xff && e.proto >= 4:
		hdr[0], hdr[1] = opShortBinUnicode, byte(n)
		h = hdr[:2]
	case n <= 0xffffffff:
		hdr[0] = opBinUnicode
		binary.LittleEndian.PutUint32(hdr[1:], uint32(n))
		h = hdr[:5]
	case e.proto >= 4:
		hdr[0] = opBinUnicode8
		binary.LittleEndian.PutUint64(hdr[1:], n)
		h = hdr[:9]
	default:
		return errors.New("pickle: serializing a string larger than 4 GiB requires pickle protocol 4 or higher")
	}
	return writeData(e, h, s)
}

// saveHiddenStr saves a str that CPython creates while pickling another
// object: key, when set, is the identity it shares with others.
func (e *encoder) saveHiddenStr(s string, key memoKey) error {
	if err := e.boundary(); err != nil {
		return err
	}
	if key.kind != 0 && e.getKey(key) {
		return nil
	}
	if err := e.writeStr(s); err != nil {
		return err
	}
	if key.kind != 0 {
		e.putKey(key)
	} else {
		e.memoPut()
	}
	return nil
}

// saveBytes saves a bytes object (node v, or one identified by key, or a
// fresh one when both are unset); save has done the memo lookup.
func (e *encoder) saveBytes(v Value, data []byte, key memoKey) error {
	if e.proto >= 3 {
		return e.saveBytesData(v, data, key)
	}
	// Protocol 2 has no bytes opcode: CPython reduces to
	// _codecs.encode(data.decode('latin1'), 'latin1'), or bytes() when empty.
	if len(data) == 0 {
		if err := e.saveGlobal(nil, "builtins", "bytes", 0); err != nil {
			return err
		}
		if err := e.boundary(); err != nil {
			return err
		}
		e.op(opEmptyTuple)
	} else {
		if err := e.saveGlobal(nil, "_codecs", "encode", 0); err != nil {
			return err
		}
		if err := e.boundary(); err != nil {
			return err
		}
		var key memoKey
		if len(data) == 1 {
			key = memoKey{kind: mkLatin1Char, a: string(data)}
		}
		if err := e.saveHiddenStr(latin1ToUTF8(data), key); err != nil {
			return err
		}
		if err := e.saveHiddenStr("latin1", memoKey{kind: mkLatin1Codec}); err != nil {
			return err
		}
		e.op(opTuple2)
		e.memoPut()
	}
	e.op(opReduce)
	e.record(v, key)
	return nil
}

// record memoizes the object just written as node v or under key.
func (e *encoder) record(v Value, key memoKey) {
	switch {
	case v != nil:
		e.store(v, e.memoPut())
	case key.kind != 0:
		e.putKey(key)
	default:
		e.memoPut()
	}
}

// saveBytesData writes SHORT_BINBYTES, BINBYTES or BINBYTES8 and the memo
// entry (protocol 3 and later).
func (e *encoder) saveBytesData(v Value, data []byte, key memoKey) error {
	var hdr [9]byte
	var h []byte
	n := uint64(len(data))
	switch {
	case n <= 0xff:
		hdr[0], hdr[1] = opShortBinBytes, byte(n)
		h = hdr[:2]
	case n <= 0xffffffff:
		hdr[0] = opBinBytes
		binary.LittleEndian.PutUint32(hdr[1:], uint32(n))
		h = hdr[:5]
	case e.proto >= 4:
		hdr[0] = opBinBytes8
		binary.LittleEndian.PutUint64(hdr[1:], n)
		h = hdr[:9]
	default:
		return errors.New("pickle: serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher")
	}
	if err := writeData(e, h, data); err != nil {
		return err
	}
	e.record(v, key)
	return nil
}

// saveByteArray writes a bytearray: BYTEARRAY8 at protocol 5, else
// builtins.bytearray(bytes) as CPython does.
func (e *encoder) saveByteArray(v Value, data []byte) error {
	if e.proto >= 5 {
		var hdr [9]byte
		hdr[0] = opByteArray8
		binary.LittleEndian.PutUint64(hdr[1:], uint64(len(data)))
		if err := writeData(e, hdr[:], data); err != nil {
			return err
		}
		e.store(v, e.memoPut())
		return nil
	}
	if err := e.saveGlobal(nil, "builtins", "bytearray", 0); err != nil {
		return err
	}
	if err := e.boundary(); err != nil {
		return err
	}
	if len(data) == 0 {
		e.op(opEmptyTuple)
	} else {
		// A fresh bytes object in a fresh 1-tuple.
		if err := e.boundary(); err != nil {
			return err
		}
		if err := e.saveBytes(nil, data, memoKey{}); err != nil {
			return err
		}
		e.op(opTuple1)
		e.memoPut()
	}
	return e.finishReduce(v)
}

// finishReduce writes REDUCE and memoizes v, or, when v was memoized while
// its arguments were written (a recursive object), discards the new
// object and fetches the memoized one, as save_reduce does.
func (e *encoder) finishReduce(v Value) error {
	e.op(opReduce)
	if idx, ok := e.lookup(v); ok {
		e.op(opPop)
		e.memoGet(idx)
		return nil
	}
	e.store(v, e.memoPut())
	return nil
}

// saveReduceList writes builtins.<callable>(list(items)), CPython's form
// of set and frozenset below protocol 4.
func (e *encoder) saveReduceList(v Value, callable string, items []Value) error {
	if err := e.saveGlobal(nil, "builtins", callable, 0); err != nil {
		return err
	}
	if err := e.boundary(); err != nil { // the argument tuple
		return err
	}
	if err := e.boundary(); err != nil { // the list in it
		return err
	}
	e.op(opEmptyList)
	e.memoPut()
	if err := e.batchList(len(items), func(i int) any { return items[i] }); err != nil {
		return err
	}
	e.op(opTuple1)
	e.memoPut()
	return e.finishReduce(v)
}

// --- containers ---

// saveTupleItems writes a non-empty tuple (node v, or a Go PyTuple when v
// is nil), with CPython's handling of a tuple that turns out to be
// memoized while its items were written.
func (e *encoder) saveTupleItems(v Value, n int, item func(int) any) error {
	if n > 3 {
		e.op(opMark)
	}
	for i := 0; i < n; i++ {
		if err := e.save(item(i)); err != nil {
			return err
		}
	}
	if v != nil {
		if idx, ok := e.lookup(v); ok {
			if n > 3 {
				e.op(opPopMark)
			} else {
				for i := 0; i < n; i++ {
					e.op(opPop)
				}
			}
			e.memoGet(idx)
			return nil
		}
	}
	switch n {
	case 1:
		e.op(opTuple1)
	case 2:
		e.op(opTuple2)
	case 3:
		e.op(opTuple3)
	default:
		e.op(opTuple)
	}
	if v != nil {
		e.store(v, e.memoPut())
	} else {
		e.memoPut()
	}
	return nil
}

// batchList writes the items of a list as batch_list_exact does: APPEND
// for a single item, else MARK ... APPENDS per 1000 items.
func (e *encoder) batchList(n int, item func(int) any) error {
	if n == 0 {
		return nil
	}
	if n == 1 {
		if err := e.save(item(0)); err != nil {
			return err
		}
		e.op(opAppend)
		return nil
	}
	for total := 0; total < n; {
		e.op(opMark)
		for batch := 0; total < n && batch < batchSize; batch++ {
			if err := e.save(item(total)); err != nil {
				return err
			}
			total++
		}
		e.op(opAppends)
	}
	return nil
}

// batchDict writes the entries of a dict as batch_dict_exact does:
// SETITEM for a single entry, else MARK ... SETITEMS per 1000 entries,
// with an empty final batch when the size is a multiple of 1000.
func (e *encoder) batchDict(n int, entry func(int) (any, any)) error {
	if n == 0 {
		return nil
	}
	if n == 1 {
		k, v := entry(0)
		if err := e.saveKV(k, v); err != nil {
			return err
		}
		e.op(opSetItem)
		return nil
	}
	pos := 0
	for {
		e.op(opMark)
		i := 0
		for pos < n {
			k, v := entry(pos)
			if err := e.saveKV(k, v); err != nil {
				return err
			}
			pos++
			if i++; i == batchSize {
				break
			}
		}
		e.op(opSetItems)
		if i != batchSize {
			return nil
		}
	}
}

func (e *encoder) saveKV(k, v any) error {
	if err := e.save(k); err != nil {
		return err
	}
	return e.save(v)
}

// batchAddItems writes set members as save_set does: MARK ... ADDITEMS
// per 1000 members, with an empty final batch when the size is a multiple
// of 1000.
func (e *encoder) batchAddItems(items []Value) error {
	pos := 0
	for {
		e.op(opMark)
		i := 0
		for pos < len(items) {
			if err := e.save(items[pos]); err != nil {
				return err
			}
			pos++
			if i++; i == batchSize {
				break
			}
		}
		e.op(opAddItems)
		if i != batchSize {
			return nil
		}
	}
}

// saveUpdate writes the object and then its items in the batches that
// save_reduce's batch_list and batch_dict write for listitems and
// dictitems (a lone trailing item uses APPEND or SETITEM).
func (e *encoder) saveUpdate(u *Update) error {
	if u.Object == nil {
		return errors.New("pickle: cannot encode an Update with a nil Object")
	}
	if err := e.save(u.Object); err != nil {
		return err
	}
	switch u.Kind {
	case Append, SetItems:
		step, single, multi := 1, byte(opAppend), byte(opAppends)
		if u.Kind == SetItems {
			if len(u.Items)%2 != 0 {
				return errors.New("pickle: cannot encode a SETITEMS Update with an odd number of items")
			}
			step, single, multi = 2, opSetItem, opSetItems
		}
		n := len(u.Items) / step
		for pos := 0; pos < n; {
			if n-pos == 1 {
				if err := e.saveRun(u.Items[pos*step : (pos+1)*step]); err != nil {
					return err
				}
				e.op(single)
				break
			}
			e.op(opMark)
			k := 0
			for pos < n && k < batchSize {
				if err := e.saveRun(u.Items[pos*step : (pos+1)*step]); err != nil {
					return err
				}
				pos++
				k++
			}
			e.op(multi)
			if k != batchSize {
				break
			}
		}
	case AddItems:
		if len(u.Items) > 0 {
			if err := e.batchAddItems(u.Items); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("pickle: cannot encode an Update of kind %d", u.Kind)
	}
	e.alias(u, u.Object)
	return nil
}

func (e *encoder) saveRun(items []Value) error {
	for _, it := range items {
		if err := e.save(it); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) saveCall(c *Call) error {
	if c.Callable == nil || c.Args == nil {
		return errors.New("pickle: cannot encode a Call with a nil Callable or Args")
	}
	if err := e.save(c.Callable); err != nil {
		return err
	}
	if err := e.save(c.Args); err != nil {
		return err
	}
	op := byte(opReduce)
	switch c.Kind {
	case NewObj:
		op = opNewObj
	case NewObjEx:
		if c.Kwargs == nil {
			return errors.New("pickle: cannot encode a NEWOBJ_EX Call with nil Kwargs")
		}
		if err := e.save(c.Kwargs); err != nil {
			return err
		}
		op = opNewObjEx
	}
	e.op(op)
	if idx, ok := e.lookup(c); ok {
		e.op(opPop)
		e.memoGet(idx)
		return nil
	}
	e.store(c, e.memoPut())
	return nil
}

// --- globals ---

// saveGlobal writes a reference to module.name (node g, or nil for the
// globals CPython's pickler itself refers to) as save_global does.
func (e *encoder) saveGlobal(g *Global, module, name string, ext int32) error {
	if g == nil {
		if err := e.boundary(); err != nil {
			return err
		}
	}
	if ext != 0 {
		// Extension codes are never memoized.
		switch {
		case ext > 0 && ext <= 0xff:
			e.op1(opExt1, byte(ext))
		case ext > 0 && ext <= 0xffff:
			e.open()
			e.buf = append(e.buf, opExt2, byte(ext), byte(ext>>8))
		default:
			e.op4(opExt4, uint32(ext))
		}
		return nil
	}
	if module == "" || name == "" {
		return errors.New("pickle: cannot encode a Global with an empty module or name")
	}
	key := memoKey{kind: mkGlobal, a: module, b: name}
	if e.getKey(key) {
		return nil
	}
	switch {
	case e.proto >= 4:
		if err := e.saveHiddenStr(module, memoKey{kind: mkModuleName, a: module}); err != nil {
			return err
		}
		if err := e.saveHiddenStr(name, memoKey{kind: mkGlobalName, a: name}); err != nil {
			return err
		}
		e.op(opStackGlobal)
	case strings.IndexByte(name, '.') >= 0:
		// A nested attribute: getattr(parent, lastname).
		dot := strings.LastIndexByte(name, '.')
		if err := e.saveGlobal(nil, "builtins", "getattr", 0); err != nil {
			return err
		}
		if err := e.boundary(); err != nil {
			return err
		}
		if err := e.saveGlobal(nil, module, name[:dot], 0); err != nil {
			return err
		}
		if err := e.saveHiddenStr(name[dot+1:], memoKey{}); err != nil {
			return err
		}
		e.op(opTuple2)
		e.memoPut()
		e.op(opReduce)
	default:
		m, n := module, name
		if e.proto < 3 {
			if mapped, ok := reverseNameMapping[[2]string{m, n}]; ok {
				m, n = mapped[0], mapped[1]
			} else if mm, ok := reverseImportMapping[m]; ok {
				m = mm
			}
			if !isASCII(m) || !isASCII(n) {
				return fmt.Errorf("pickle: global %s.%s is not ASCII, which protocol %d requires", module, name, e.proto)
			}
		}
		if strings.IndexByte(m, '\n') >= 0 || strings.IndexByte(n, '\n') >= 0 {
			return fmt.Errorf("pickle: global name %q.%q contains a newline", module, name)
		}
		e.op(opGlobal)
		e.buf = append(e.buf, m...)
		e.buf = append(e.buf, '\n')
		e.buf = append(e.buf, n...)
		e.buf = append(e.buf, '\n')
	}
	idx := e.memoPut()
	if e.keyed == nil {
		e.keyed = make(map[memoKey]int)
	}
	e.keyed[key] = idx
	if g != nil {
		e.store(g, idx)
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// reverseNameMapping and reverseImportMapping are CPython's
// _compat_pickle.REVERSE_NAME_MAPPING and REVERSE_IMPORT_MAPPING (identical
// in CPython 3.6 to 3.12; 3.13 drops the tkinter.tix entry), which the pickler applies to global names below
// protocol 3 (fix_imports).
var reverseNameMapping = map[[2]string][2]string{
	{"_functools", "reduce"}:                           {"__builtin__", "reduce"},
	{"_socket", "socket"}:                              {"socket", "_socketobject"},
	{"builtins", "ArithmeticError"}:                    {"exceptions", "ArithmeticError"},
	{"builtins", "AssertionError"}:                     {"exceptions", "AssertionError"},
	{"builtins", "AttributeError"}:                     {"exceptions", "AttributeError"},
	{"builtins", "BaseException"}:                      {"exceptions", "BaseException"},
	{"builtins", "BrokenPipeError"}:                    {"exceptions", "OSError"},
	{"builtins", "BufferError"}:                        {"exceptions", "BufferError"},
	{"builtins", "BytesWarning"}:                       {"exceptions", "BytesWarning"},
	{"builtins", "ChildProcessError"}:                  {"exceptions", "OSError"},
	{"builtins", "ConnectionAbortedError"}:             {"exceptions", "OSError"},
	{"builtins", "ConnectionError"}:                    {"exceptions", "OSError"},
	{"builtins", "ConnectionRefusedError"}:             {"exceptions", "OSError"},
	{"builtins", "ConnectionResetError"}:               {"exceptions", "OSError"},
	{"builtins", "DeprecationWarning"}:                 {"exceptions", "DeprecationWarning"},
	{"builtins", "EOFError"}:                           {"exceptions", "EOFError"},
	{"builtins", "EnvironmentError"}:                   {"exceptions", "EnvironmentError"},
	{"builtins", "Exception"}:                          {"exceptions", "Exception"},
	{"builtins", "FileExistsError"}:                    {"exceptions", "OSError"},
	{"builtins", "FileNotFoundError"}:                  {"exceptions", "OSError"},
	{"builtins", "FloatingPointError"}:                 {"exceptions", "FloatingPointError"},
	{"builtins", "FutureWarning"}:                      {"exceptions", "FutureWarning"},
	{"builtins", "GeneratorExit"}:                      {"exceptions", "GeneratorExit"},
	{"builtins", "IOError"}:                            {"exceptions", "IOError"},
	{"builtins", "ImportError"}:                        {"exceptions", "ImportError"},
	{"builtins", "ImportWarning"}:                      {"exceptions", "ImportWarning"},
	{"builtins", "IndentationError"}:                   {"exceptions", "IndentationError"},
	{"builtins", "IndexError"}:                         {"exceptions", "IndexError"},
	{"builtins", "InterruptedError"}:                   {"exceptions", "OSError"},
	{"builtins", "IsADirectoryError"}:                  {"exceptions", "OSError"},
	{"builtins", "KeyError"}:                           {"exceptions", "KeyError"},
	{"builtins", "KeyboardInterrupt"}:                  {"exceptions", "KeyboardInterrupt"},
	{"builtins", "LookupError"}:                        {"exceptions", "LookupError"},
	{"builtins", "MemoryError"}:                        {"exceptions", "MemoryError"},
	{"builtins", "ModuleNotFoundError"}:                {"exceptions", "ImportError"},
	{"builtins", "NameError"}:                          {"exceptions", "NameError"},
	{"builtins", "NotADirectoryError"}:                 {"exceptions", "OSError"},
	{"builtins", "NotImplementedError"}:                {"exceptions", "NotImplementedError"},
	{"builtins", "OSError"}:                            {"exceptions", "OSError"},
	{"builtins", "OverflowError"}:                      {"exceptions", "OverflowError"},
	{"builtins", "PendingDeprecationWarning"}:          {"exceptions", "PendingDeprecationWarning"},
	{"builtins", "PermissionError"}:                    {"exceptions", "OSError"},
	{"builtins", "ProcessLookupError"}:                 {"exceptions", "OSError"},
	{"builtins", "ReferenceError"}:                     {"exceptions", "ReferenceError"},
	{"builtins", "RuntimeError"}:                       {"exceptions", "RuntimeError"},
	{"builtins", "RuntimeWarning"}:                     {"exceptions", "RuntimeWarning"},
	{"builtins", "StopIteration"}:                      {"exceptions", "StopIteration"},
	{"builtins", "SyntaxError"}:                        {"exceptions", "SyntaxError"},
	{"builtins", "SyntaxWarning"}:                      {"exceptions", "SyntaxWarning"},
	{"builtins", "SystemError"}:                        {"exceptions", "SystemError"},
	{"builtins", "SystemExit"}:                         {"exceptions", "SystemExit"},
	{"builtins", "TabError"}:                           {"exceptions", "TabError"},
	{"builtins", "TimeoutError"}:                       {"exceptions", "OSError"},
	{"builtins", "TypeError"}:                          {"exceptions", "TypeError"},
	{"builtins", "UnboundLocalError"}:                  {"exceptions", "UnboundLocalError"},
	{"builtins", "UnicodeDecodeError"}:                 {"exceptions", "UnicodeDecodeError"},
	{"builtins", "UnicodeEncodeError"}:                 {"exceptions", "UnicodeEncodeError"},
	{"builtins", "UnicodeError"}:                       {"exceptions", "UnicodeError"},
	{"builtins", "UnicodeTranslateError"}:              {"exceptions", "UnicodeTranslateError"},
	{"builtins", "UnicodeWarning"}:                     {"exceptions", "UnicodeWarning"},
	{"builtins", "UserWarning"}:                        {"exceptions", "UserWarning"},
	{"builtins", "ValueError"}:                         {"exceptions", "ValueError"},
	{"builtins", "Warning"}:                            {"exceptions", "Warning"},
	{"builtins", "ZeroDivisionError"}:                  {"exceptions", "ZeroDivisionError"},
	{"builtins", "chr"}:                                {"__builtin__", "unichr"},
	{"builtins", "filter"}:                             {"itertools", "ifilter"},
	{"builtins", "int"}:                                {"__builtin__", "long"},
	{"builtins", "map"}:                                {"itertools", "imap"},
	{"builtins", "range"}:                              {"__builtin__", "xrange"},
	{"builtins", "str"}:                                {"__builtin__", "unicode"},
	{"builtins", "zip"}:                                {"itertools", "izip"},
	{"collections", "UserDict"}:                        {"UserDict", "IterableUserDict"},
	{"collections", "UserList"}:                        {"UserList", "UserList"},
	{"collections", "UserString"}:                      {"UserString", "UserString"},
	{"dbm", "whichdb"}:                                 {"whichdb", "whichdb"},
	{"functools", "reduce"}:                            {"__builtin__", "reduce"},
	{"http.server", "CGIHTTPRequestHandler"}:           {"CGIHTTPServer", "CGIHTTPRequestHandler"},
	{"http.server", "SimpleHTTPRequestHandler"}:        {"SimpleHTTPServer", "SimpleHTTPRequestHandler"},
	{"itertools", "filterfalse"}:                       {"itertools", "ifilterfalse"},
	{"itertools", "zip_longest"}:                       {"itertools", "izip_longest"},
	{"multiprocessing.connection", "Connection"}:       {"_multiprocessing", "Connection"},
	{"multiprocessing.context", "AuthenticationError"}: {"multiprocessing", "AuthenticationError"},
	{"multiprocessing.context", "BufferTooShort"}:      {"multiprocessing", "BufferTooShort"},
	{"multiprocessing.context", "Process"}:             {"multiprocessing.process", "Process"},
	{"multiprocessing.context", "ProcessError"}:        {"multiprocessing", "ProcessError"},
	{"multiprocessing.context", "TimeoutError"}:        {"multiprocessing", "TimeoutError"},
	{"multiprocessing.popen_fork", "Popen"}:            {"multiprocessing.forking", "Popen"},
	{"socket", "fromfd"}:                               {"_socket", "fromfd"},
	{"sys", "intern"}:                                  {"__builtin__", "intern"},
	{"tkinter.filedialog", "FileDialog"}:               {"FileDialog", "FileDialog"},
	{"tkinter.filedialog", "LoadFileDialog"}:           {"FileDialog", "LoadFileDialog"},
	{"tkinter.filedialog", "SaveFileDialog"}:           {"FileDialog", "SaveFileDialog"},
	{"tkinter.simpledialog", "SimpleDialog"}:           {"SimpleDialog", "SimpleDialog"},
	{"urllib.error", "ContentTooShortError"}:           {"urllib", "ContentTooShortError"},
	{"urllib.error", "HTTPError"}:                      {"urllib2", "HTTPError"},
	{"urllib.error", "URLError"}:                       {"urllib2", "URLError"},
	{"urllib.parse", "quote"}:                          {"urllib", "quote"},
	{"urllib.parse", "quote_plus"}:                     {"urllib", "quote_plus"},
	{"urllib.parse", "unquote"}:                        {"urllib", "unquote"},
	{"urllib.parse", "unquote_plus"}:                   {"urllib", "unquote_plus"},
	{"urllib.parse", "urlencode"}:                      {"urllib", "urlencode"},
	{"urllib.request", "getproxies"}:                   {"urllib", "getproxies"},
	{"urllib.request", "pathname2url"}:                 {"urllib", "pathname2url"},
	{"urllib.request", "url2pathname"}:                 {"urllib", "url2pathname"},
	{"urllib.request", "urlcleanup"}:                   {"urllib", "urlcleanup"},
	{"urllib.request", "urlopen"}:                      {"urllib", "urlopen"},
	{"urllib.request", "urlretrieve"}:                  {"urllib", "urlretrieve"},
	{"xmlrpc.server", "DocCGIXMLRPCRequestHandler"}:    {"DocXMLRPCServer", "DocCGIXMLRPCRequestHandler"},
	{"xmlrpc.server", "DocXMLRPCRequestHandler"}:       {"DocXMLRPCServer", "DocXMLRPCRequestHandler"},
	{"xmlrpc.server", "DocXMLRPCServer"}:               {"DocXMLRPCServer", "DocXMLRPCServer"},
	{"xmlrpc.server", "ServerHTMLDoc"}:                 {"DocXMLRPCServer", "ServerHTMLDoc"},
	{"xmlrpc.server", "XMLRPCDocGenerator"}:            {"DocXMLRPCServer", "XMLRPCDocGenerator"},
}
var reverseImportMapping = map[string]string{
	"_bz2":                 "bz2",
	"_dbm":                 "dbm",
	"_dummy_thread":        "dummy_thread",
	"_functools":           "functools",
	"_gdbm":                "gdbm",
	"_markupbase":          "markupbase",
	"_pickle":              "pickle",
	"_thread":              "thread",
	"builtins":             "__builtin__",
	"collections.abc":      "_abcoll",
	"configparser":         "ConfigParser",
	"copyreg":              "copy_reg",
	"dbm":                  "anydbm",
	"dbm.bsd":              "dbhash",
	"dbm.dumb":             "dumbdbm",
	"dbm.gnu":              "gdbm",
	"dbm.ndbm":             "dbm",
	"html.entities":        "htmlentitydefs",
	"html.parser":          "HTMLParser",
	"http.client":          "httplib",
	"http.cookiejar":       "cookielib",
	"http.cookies":         "Cookie",
	"http.server":          "BaseHTTPServer",
	"queue":                "Queue",
	"reprlib":              "repr",
	"socketserver":         "SocketServer",
	"subprocess":           "commands",
	"test.support":         "test.test_support",
	"tkinter":              "Tkinter",
	"tkinter.colorchooser": "tkColorChooser",
	"tkinter.commondialog": "tkCommonDialog",
	"tkinter.constants":    "Tkconstants",
	"tkinter.dialog":       "Dialog",
	"tkinter.dnd":          "Tkdnd",
	"tkinter.filedialog":   "tkFileDialog",
	"tkinter.font":         "tkFont",
	"tkinter.messagebox":   "tkMessageBox",
	"tkinter.scrolledtext": "ScrolledText",
	"tkinter.simpledialog": "tkSimpleDialog",
	"tkinter.tix":          "Tix",
	"tkinter.ttk":          "ttk",
	"urllib.parse":         "urlparse",
	"urllib.request":       "urllib2",
	"urllib.robotparser":   "robotparser",
	"winreg":               "_winreg",
	"xmlrpc.client":        "xmlrpclib",
	"xmlrpc.server":        "SimpleXMLRPCServer",
}
