package pickle

import (
	"math/big"
)

// Value is one node of the inert graph that Decode builds. Every node is a
// pointer to one of the types in this file, and records the byte offset of
// the opcode that created it. Shared references and cycles in the pickle are
// the same Go pointer in the graph.
//
// The set of node types is closed: a type switch over the types below is
// exhaustive.
type Value interface {
	// Offset is the byte offset, from the start of the input, of the
	// opcode that created the node.
	Offset() int64
	node()
}

// Pos is embedded in every node and holds its offset.
type Pos struct {
	// Off is the byte offset of the opcode that created the node.
	Off int64
}

// Offset returns the byte offset of the opcode that created the node.
func (p *Pos) Offset() int64 { return p.Off }

func (*Pos) node() {}

// None is Python's None (NONE).
type None struct{ Pos }

// Bool is True or False (NEWTRUE, NEWFALSE, or INT with "01"/"00").
type Bool struct {
	Pos
	Value bool
}

// Int is an integer that fits in 64 bits (BININT*, INT, LONG, LONG1, LONG4).
type Int struct {
	Pos
	Value int64
}

// BigInt is an integer outside the int64 range. Decode never produces a
// BigInt whose value fits in an int64.
type BigInt struct {
	Pos
	Value *big.Int
}

// Float is a Python float (BINFLOAT, FLOAT).
type Float struct {
	Pos
	Value float64
}

// Str is a Python str. Value holds the UTF-8 bytes of the text; lone
// surrogates, which CPython pickles with the "surrogatepass" handler, are
// kept as their 3-byte encodings, so no data is lost even though such a
// string is not valid UTF-8 to Go.
type Str struct {
	Pos
	Value string
}

// Bytes is a Python bytes object (BINBYTES*, SHORT_BINBYTES), or the
// result of a protocol-0/1 STRING opcode when decoding with
// Encoding "bytes".
type Bytes struct {
	Pos
	Value []byte
}

// ByteArray is a Python bytearray (BYTEARRAY8).
type ByteArray struct {
	Pos
	Value []byte
}

// Tuple is a Python tuple.
type Tuple struct {
	Pos
	Items []Value
}

// List is a Python list. Items appended later in the stream (APPEND,
// APPENDS) are included.
type List struct {
	Pos
	Items []Value
}

// DictEntry is one key/value pair of a Dict.
type DictEntry struct {
	Key, Value Value
}

// Dict is a Python dict in insertion order. Keys are unique under Python
// equality (1, 1.0 and True are the same key; equal strings, bytes and
// tuples are the same key; other nodes are compared by identity): when the
// stream sets a key twice, the entry keeps its first position and takes the
// last value, as CPython does.
type Dict struct {
	Pos
	Entries []DictEntry
	index   keyIndex
}

// Set is a Python set; members are unique under the same rules as Dict keys.
type Set struct {
	Pos
	Items []Value
	index keyIndex
}

// FrozenSet is a Python frozenset; members are unique as in Set.
type FrozenSet struct {
	Pos
	Items []Value
	index keyIndex
}

// Global is a reference to a module attribute (GLOBAL, STACK_GLOBAL, INST,
// the class of OBJ, or EXT1/2/4 through the caller's extension registry).
// Name may be dotted (protocol 4 and later resolve it attribute by
// attribute). Module and Name are exactly as the stream wrote them: no
// Python 2 import mapping is applied.
type Global struct {
	Pos
	Module, Name string
	// Ext is the extension code when the global came from EXT1/2/4, else 0.
	Ext int32
}

// CallKind tells which opcode produced a Call.
type CallKind uint8

// The opcodes that produce a Call.
const (
	// Reduce is REDUCE: Callable(*Args).
	Reduce CallKind = iota
	// NewObj is NEWOBJ: Callable.__new__(Callable, *Args).
	NewObj
	// NewObjEx is NEWOBJ_EX: Callable.__new__(Callable, *Args, **Kwargs).
	NewObjEx
	// Inst is INST: a protocol-0 instance of Callable (a GLOBAL) built
	// from the marked items.
	Inst
	// Obj is OBJ: like Inst, with the class taken from the stack.
	Obj
)

var callKindNames = [...]string{"REDUCE", "NEWOBJ", "NEWOBJ_EX", "INST", "OBJ"}

// String returns the opcode name of the call kind.
func (k CallKind) String() string {
	if int(k) < len(callKindNames) {
		return callKindNames[k]
	}
	return "CallKind(?)"
}

// Call is the not-executed result of calling Callable: the node stands for
// whatever object the call would return. Args is usually a *Tuple but is
// kept as any node, since a stream may pass the result of another call.
type Call struct {
	Pos
	Kind     CallKind
	Callable Value
	Args     Value
	// Kwargs is the keyword-argument node of NEWOBJ_EX, else nil.
	Kwargs Value
}

// Build is the result of the BUILD opcode: Object with State applied
// (through __setstate__, or as instance dict and slot state). The object
// node keeps its own identity; references taken through the memo before
// BUILD point at Object itself, so a consumer applies State when it
// reaches the Build node.
type Build struct {
	Pos
	Object, State Value
}

// UpdateKind tells which mutation an Update node records.
type UpdateKind uint8

// The mutations an Update can record.
const (
	// Append is APPEND/APPENDS on a non-list: Object.append/extend(Items).
	Append UpdateKind = iota
	// SetItems is SETITEM/SETITEMS on a non-dict: Object[k] = v for each
	// consecutive pair in Items.
	SetItems
	// AddItems is ADDITEMS on a non-set: Object.add(item) for each item.
	AddItems
)

var updateKindNames = [...]string{"APPENDS", "SETITEMS", "ADDITEMS"}

// String returns the opcode name of the update kind.
func (k UpdateKind) String() string {
	if int(k) < len(updateKindNames) {
		return updateKindNames[k]
	}
	return "UpdateKind(?)"
}

// Update records APPEND(S), SETITEM(S) or ADDITEMS applied to an object that
// is not a literal list, dict or set (for example a defaultdict rebuilt by
// REDUCE, or a module global). Like Build, it wraps the object so that no
// mutation is lost; consecutive updates of one kind are merged.
type Update struct {
	Pos
	Kind   UpdateKind
	Object Value
	Items  []Value
}

// PersistentID is a persistent reference (PERSID, BINPERSID) left
// unresolved because the caller gave no PersistentLoad hook.
type PersistentID struct {
	Pos
	ID Value
}

// Buffer is an out-of-band buffer taken from the caller's buffers by
// NEXT_BUFFER. ReadOnly is set by READONLY_BUFFER.
type Buffer struct {
	Pos
	Index    int
	Data     []byte
	ReadOnly bool
}

// Graph is the result of Decode: the root object and everything else the
// stream did that does not hang off the root.
type Graph struct {
	// Root is the object STOP returned.
	Root Value
	// Popped lists, in stream order, the values discarded by POP and
	// POP_MARK. cloudpickle's _function_setstate and _class_setstate calls
	// are popped this way; a consumer must process them.
	Popped []Value
	// Leftover lists the values still on the stack under the root at STOP,
	// bottom first. CPython ignores them, but any call among them has run.
	Leftover []Value
	// Protocol is the highest protocol number a PROTO opcode announced,
	// or 0 if there was none.
	Protocol int
	// End is the offset just after the STOP opcode.
	End int64
	// Trailing holds the bytes after STOP, which CPython ignores.
	Trailing []byte
	// Nodes is the number of nodes Decode created.
	Nodes int
}
