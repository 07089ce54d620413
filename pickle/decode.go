package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strings"
	"unsafe"
)

// Decode decodes one pickle (protocols 0–5) into an inert graph, with the
// default options. Nothing named by the pickle is imported or called.
func Decode(data []byte) (*Graph, error) {
	var o DecodeOptions
	return o.Decode(data)
}

// Decode decodes one pickle into an inert graph. Bytes after the STOP
// opcode are not decoded; they are returned in Graph.Trailing.
//
// Every error is a *SyntaxError carrying the byte offset and opcode.
func (o *DecodeOptions) Decode(data []byte) (*Graph, error) {
	d := decoder{opts: o, lim: o.Limits.withDefaults()}
	if int64(len(data)) > d.lim.MaxInputBytes {
		return nil, &SyntaxError{Offset: 0, AtEOF: true, Err: ErrLimit,
			Msg: fmt.Sprintf("input of %d bytes exceeds the limit of %d", len(data), d.lim.MaxInputBytes)}
	}
	switch strings.ToLower(o.Encoding) {
	case "", "ascii":
		d.enc = encASCII
	case "latin1", "latin-1", "iso-8859-1":
		d.enc = encLatin1
	case "utf-8", "utf8":
		d.enc = encUTF8
	case "bytes":
		d.enc = encBytes
	default:
		return nil, &SyntaxError{AtEOF: true, Msg: fmt.Sprintf("unsupported Encoding %q", o.Encoding)}
	}
	// The decoder works on a private copy, so strings can share its
	// memory without copying each one.
	d.buf = make([]byte, len(data))
	copy(d.buf, data)
	return d.run()
}

type stringEncoding uint8

const (
	encASCII stringEncoding = iota
	encLatin1
	encUTF8
	encBytes
)

// slab hands out pointers to T from chunks, so a graph of many small nodes
// costs few allocations.
type slab[T any] struct {
	free []T
	size int
}

func (s *slab[T]) get() *T {
	if len(s.free) == 0 {
		switch {
		case s.size == 0:
			s.size = 8
		case s.size < 1024:
			s.size *= 2
		}
		s.free = make([]T, s.size)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

type decoder struct {
	opts *DecodeOptions
	lim  Limits
	enc  stringEncoding
	buf  []byte
	pos  int
	op   int // offset of the opcode being decoded

	stack []Value
	marks []int
	fence int // stack length at the innermost open MARK

	memo       [][]Value // pages of 1<<memoPageBits entries
	memoSparse map[uint64]Value
	memoLen    int

	g        Graph
	strBytes int64
	bufIdx   int

	items      []Value // chunk that small tuples and lists take their items from
	itemsChunk int     // size of the last chunk allocated

	nones   slab[None]
	bools   slab[Bool]
	ints    slab[Int]
	floats  slab[Float]
	strs    slab[Str]
	bytess  slab[Bytes]
	tuples  slab[Tuple]
	lists   slab[List]
	dicts   slab[Dict]
	calls   slab[Call]
	globals slab[Global]
	builds  slab[Build]
}

// fail returns a SyntaxError at the current opcode.
func (d *decoder) fail(format string, args ...any) error {
	return &SyntaxError{Offset: int64(d.op), Opcode: d.buf[d.op], Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) limit(format string, args ...any) error {
	e := d.fail(format, args...).(*SyntaxError)
	e.Err = ErrLimit
	return e
}

func (d *decoder) eof() error {
	return &SyntaxError{Offset: int64(len(d.buf)), AtEOF: true, Msg: "unexpected end of data: no STOP opcode"}
}

// count registers a new node against MaxNodes.
func (d *decoder) count() error {
	d.g.Nodes++
	if d.g.Nodes > d.lim.MaxNodes {
		return d.limit("more than %d nodes", d.lim.MaxNodes)
	}
	return nil
}

func (d *decoder) off() Pos { return Pos{Off: int64(d.op)} }

// need checks that n argument bytes remain after the cursor.
func (d *decoder) need(n uint64, what string) error {
	if rem := uint64(len(d.buf) - d.pos); n > rem {
		return d.fail("%s of %d bytes exceeds the %d bytes remaining", what, n, rem)
	}
	return nil
}

func (d *decoder) take(n uint64, what string) ([]byte, error) {
	if err := d.need(n, what); err != nil {
		return nil, err
	}
	b := d.buf[d.pos : d.pos+int(n) : d.pos+int(n)]
	d.pos += int(n)
	return b, nil
}

func (d *decoder) u8() (byte, error) {
	if d.pos >= len(d.buf) {
		return 0, d.fail("argument truncated")
	}
	d.pos++
	return d.buf[d.pos-1], nil
}

func (d *decoder) fixed(n int) ([]byte, error) {
	if len(d.buf)-d.pos < n {
		return nil, d.fail("argument truncated: needs %d bytes, %d remain", n, len(d.buf)-d.pos)
	}
	d.pos += n
	return d.buf[d.pos-n : d.pos], nil
}

// line returns the text up to the next newline, without it.
func (d *decoder) line() ([]byte, error) {
	rest := d.buf[d.pos:]
	for i, c := range rest {
		if c == '\n' {
			d.pos += i + 1
			return rest[:i], nil
		}
	}
	return nil, d.fail("text argument has no terminating newline")
}

// stringOf returns the bytes as a string sharing the decoder's copy.
func stringOf(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (d *decoder) push(v Value) error {
	if len(d.stack) >= d.lim.MaxStack {
		return d.limit("stack deeper than %d", d.lim.MaxStack)
	}
	d.stack = append(d.stack, v)
	return nil
}

func (d *decoder) underflow() error {
	if len(d.marks) > 0 && len(d.stack) == d.fence {
		return d.fail("unexpected MARK on the stack")
	}
	return d.fail("stack underflow")
}

func (d *decoder) pop() (Value, error) {
	if len(d.stack) <= d.fence {
		return nil, d.underflow()
	}
	v := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	return v, nil
}

func (d *decoder) top() (Value, error) {
	if len(d.stack) <= d.fence {
		return nil, d.underflow()
	}
	return d.stack[len(d.stack)-1], nil
}

// popMark closes the innermost MARK and returns its position; the items
// above it are still on the stack.
func (d *decoder) popMark() (int, error) {
	if len(d.marks) == 0 {
		return 0, d.fail("no MARK to close")
	}
	m := d.marks[len(d.marks)-1]
	d.marks = d.marks[:len(d.marks)-1]
	d.fence = 0
	if len(d.marks) > 0 {
		d.fence = d.marks[len(d.marks)-1]
	}
	return m, nil
}

// truncate removes stack[from:] without keeping the items.
func (d *decoder) truncate(from int) {
	if from < len(d.stack) {
		clear(d.stack[from:])
		d.stack = d.stack[:from]
	}
}

// itemsFrom copies and removes stack[from:]. A MARK can sit above the top
// when SETITEM(S), APPEND(S) or ADDITEMS consumed items under it (CPython
// allows that); there are then no items.
func (d *decoder) itemsFrom(from int) []Value {
	if from >= len(d.stack) {
		return nil
	}
	n := len(d.stack) - from
	var out []Value
	if n > 0 {
		if n <= 64 {
			if len(d.items) < n {
				// Chunks grow with use, so a small pickle stays small.
				d.itemsChunk = min(max(2*d.itemsChunk, 256), 4096)
				d.items = make([]Value, d.itemsChunk)
			}
			out = d.items[:n:n]
			d.items = d.items[n:]
		} else {
			out = make([]Value, n)
		}
		copy(out, d.stack[from:])
	}
	clear(d.stack[from:])
	d.stack = d.stack[:from]
	return out
}

// memoPageBits sets the memo page size: the memo is a list of fixed
// pages, so growing it never copies.
const memoPageBits = 10

func (d *decoder) memoPut(idx uint64, v Value) error {
	page := idx >> memoPageBits
	if page < uint64(len(d.memo))+16 {
		for uint64(len(d.memo)) <= page {
			d.memo = append(d.memo, make([]Value, 1<<memoPageBits))
		}
		slot := &d.memo[page][idx&(1<<memoPageBits-1)]
		if *slot == nil {
			d.memoLen++
		}
		*slot = v
	} else {
		if d.memoSparse == nil {
			d.memoSparse = make(map[uint64]Value)
		}
		if _, ok := d.memoSparse[idx]; !ok {
			d.memoLen++
		}
		d.memoSparse[idx] = v
	}
	if d.memoLen > d.lim.MaxMemo {
		return d.limit("more than %d memo entries", d.lim.MaxMemo)
	}
	return nil
}

func (d *decoder) memoGet(idx uint64) (Value, error) {
	if page := idx >> memoPageBits; page < uint64(len(d.memo)) {
		if v := d.memo[page][idx&(1<<memoPageBits-1)]; v != nil {
			return v, nil
		}
	}
	if v, ok := d.memoSparse[idx]; ok {
		return v, nil
	}
	return nil, d.fail("memo has no entry %d", idx)
}

func (d *decoder) addString(n int) error {
	d.strBytes += int64(n)
	if d.strBytes > d.lim.MaxStringBytes {
		return d.limit("strings total more than %d bytes", d.lim.MaxStringBytes)
	}
	return nil
}

func (d *decoder) newStr(s string) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	if err := d.addString(len(s)); err != nil {
		return nil, err
	}
	n := d.strs.get()
	n.Off, n.Value = int64(d.op), s
	return n, nil
}

func (d *decoder) newBytes(b []byte) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	if err := d.addString(len(b)); err != nil {
		return nil, err
	}
	n := d.bytess.get()
	n.Off, n.Value = int64(d.op), b
	return n, nil
}

func (d *decoder) newInt(v int64) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	n := d.ints.get()
	n.Off, n.Value = int64(d.op), v
	return n, nil
}

// newBig returns an Int when v fits in 64 bits, else a BigInt.
func (d *decoder) newBig(v *big.Int) (Value, error) {
	if v.IsInt64() {
		return d.newInt(v.Int64())
	}
	if err := d.count(); err != nil {
		return nil, err
	}
	return &BigInt{Pos: d.off(), Value: v}, nil
}

func (d *decoder) newTuple(items []Value) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	t := d.tuples.get()
	t.Off, t.Items = int64(d.op), items
	return t, nil
}

func (d *decoder) newCall(kind CallKind, callable, args, kwargs Value) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	c := d.calls.get()
	*c = Call{Pos: d.off(), Kind: kind, Callable: callable, Args: args, Kwargs: kwargs}
	return c, nil
}

func (d *decoder) newGlobal(module, name string) (Value, error) {
	if err := d.count(); err != nil {
		return nil, err
	}
	g := d.globals.get()
	*g = Global{Pos: d.off(), Module: module, Name: name}
	return g, nil
}

// run is the decoding loop.
func (d *decoder) run() (*Graph, error) {
	steps := 0
	for {
		if d.pos >= len(d.buf) {
			return nil, d.eof()
		}
		if steps++; steps&0xffff == 0 && d.opts.Context != nil {
			if err := d.opts.Context.Err(); err != nil {
				return nil, &SyntaxError{Offset: int64(d.pos), Opcode: d.buf[d.pos], Msg: "decoding cancelled", Err: err}
			}
		}
		d.op = d.pos
		op := d.buf[d.pos]
		d.pos++
		if op == opStop {
			v, err := d.pop()
			if err != nil {
				return nil, err
			}
			d.g.Root = v
			if len(d.stack) > 0 {
				d.g.Leftover = append([]Value(nil), d.stack...)
			}
			d.g.End = int64(d.pos)
			if d.pos < len(d.buf) {
				d.g.Trailing = d.buf[d.pos:]
			}
			return &d.g, nil
		}
		if err := d.step(op); err != nil {
			return nil, err
		}
	}
}

// step decodes one opcode other than STOP.
func (d *decoder) step(op byte) error {
	switch op {
	case opMark:
		if len(d.marks) >= d.lim.MaxMarks {
			return d.limit("more than %d open MARKs", d.lim.MaxMarks)
		}
		d.marks = append(d.marks, len(d.stack))
		d.fence = len(d.stack)
		return nil

	case opFrame:
		b, err := d.fixed(8)
		if err != nil {
			return err
		}
		return d.need(binary.LittleEndian.Uint64(b), "FRAME")

	case opProto:
		p, err := d.u8()
		if err != nil {
			return err
		}
		if p > HighestProtocol {
			return d.fail("unsupported pickle protocol: %d", p)
		}
		if int(p) > d.g.Protocol {
			d.g.Protocol = int(p)
		}
		return nil

	case opMemoize:
		v, err := d.top()
		if err != nil {
			return err
		}
		return d.memoPut(uint64(d.memoLen), v)

	case opBinPut:
		i, err := d.u8()
		if err != nil {
			return err
		}
		return d.put(uint64(i))
	case opLongBinPut:
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		return d.put(uint64(binary.LittleEndian.Uint32(b)))
	case opPut:
		idx, err := d.lineIndex("PUT")
		if err != nil {
			return err
		}
		return d.put(idx)

	case opBinGet:
		i, err := d.u8()
		if err != nil {
			return err
		}
		return d.get(uint64(i))
	case opLongBinGet:
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		return d.get(uint64(binary.LittleEndian.Uint32(b)))
	case opGet:
		idx, err := d.lineIndex("GET")
		if err != nil {
			return err
		}
		return d.get(idx)

	case opNone:
		if err := d.count(); err != nil {
			return err
		}
		n := d.nones.get()
		n.Off = int64(d.op)
		return d.push(n)
	case opNewTrue, opNewFalse:
		return d.pushBool(op == opNewTrue)

	case opBinInt1:
		i, err := d.u8()
		if err != nil {
			return err
		}
		return d.pushInt(int64(i))
	case opBinInt2:
		b, err := d.fixed(2)
		if err != nil {
			return err
		}
		return d.pushInt(int64(binary.LittleEndian.Uint16(b)))
	case opBinInt:
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		return d.pushInt(int64(int32(binary.LittleEndian.Uint32(b))))
	case opLong1, opLong4:
		return d.longBinary(op)
	case opInt:
		return d.textInt()
	case opLong:
		return d.textLong()

	case opBinFloat:
		b, err := d.fixed(8)
		if err != nil {
			return err
		}
		return d.pushFloat(math.Float64frombits(binary.BigEndian.Uint64(b)))
	case opFloat:
		return d.textFloat()

	case opShortBinUnicode, opBinUnicode, opBinUnicode8:
		b, err := d.lengthPrefixed(op)
		if err != nil {
			return err
		}
		if i := invalidUTF8(b); i >= 0 {
			return d.fail("string is not valid UTF-8 at byte %d", i)
		}
		v, err := d.newStr(stringOf(b))
		if err != nil {
			return err
		}
		return d.push(v)
	case opUnicode:
		l, err := d.line()
		if err != nil {
			return err
		}
		s, err := decodeRawUnicodeEscape(l)
		if err != nil {
			return d.fail("%v", err)
		}
		v, err := d.newStr(s)
		if err != nil {
			return err
		}
		return d.push(v)

	case opShortBinBytes, opBinBytes, opBinBytes8:
		b, err := d.lengthPrefixed(op)
		if err != nil {
			return err
		}
		v, err := d.newBytes(b)
		if err != nil {
			return err
		}
		return d.push(v)
	case opByteArray8:
		b, err := d.lengthPrefixed(op)
		if err != nil {
			return err
		}
		if err := d.count(); err != nil {
			return err
		}
		if err := d.addString(len(b)); err != nil {
			return err
		}
		return d.push(&ByteArray{Pos: d.off(), Value: append([]byte(nil), b...)})

	case opShortBinString, opBinString:
		b, err := d.lengthPrefixed(op)
		if err != nil {
			return err
		}
		return d.legacyString(b)
	case opString:
		l, err := d.line()
		if err != nil {
			return err
		}
		if len(l) < 2 || l[0] != l[len(l)-1] || (l[0] != '\'' && l[0] != '"') {
			return d.fail("the STRING argument must be quoted")
		}
		b, err := decodeEscapes(l[1 : len(l)-1])
		if err != nil {
			return d.fail("%v", err)
		}
		return d.legacyString(b)

	case opEmptyTuple:
		v, err := d.newTuple(nil)
		if err != nil {
			return err
		}
		return d.push(v)
	case opTuple1, opTuple2, opTuple3:
		n := int(op-opTuple1) + 1
		if len(d.stack)-n < d.fence {
			return d.underflow()
		}
		v, err := d.newTuple(d.itemsFrom(len(d.stack) - n))
		if err != nil {
			return err
		}
		return d.push(v)
	case opTuple:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		v, err := d.newTuple(d.itemsFrom(m))
		if err != nil {
			return err
		}
		return d.push(v)

	case opEmptyList:
		if err := d.count(); err != nil {
			return err
		}
		l := d.lists.get()
		l.Off = int64(d.op)
		return d.push(l)
	case opList:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		if err := d.count(); err != nil {
			return err
		}
		l := d.lists.get()
		l.Off, l.Items = int64(d.op), d.itemsFrom(m)
		return d.push(l)
	case opAppend:
		if len(d.stack)-1 <= d.fence {
			return d.underflow()
		}
		return d.appendItems(len(d.stack) - 1)
	case opAppends:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		return d.appendItems(m)

	case opEmptyDict:
		if err := d.count(); err != nil {
			return err
		}
		dc := d.dicts.get()
		dc.Off = int64(d.op)
		return d.push(dc)
	case opDict:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		if (len(d.stack)-m)%2 != 0 {
			return d.fail("odd number of items for DICT")
		}
		if err := d.count(); err != nil {
			return err
		}
		dc := d.dicts.get()
		dc.Off = int64(d.op)
		if err := d.setItems(dc, d.stack[m:]); err != nil {
			return err
		}
		d.truncate(m)
		return d.push(dc)
	case opSetItem:
		return d.setItemsAt(len(d.stack) - 2)
	case opSetItems:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		return d.setItemsAt(m)

	case opEmptySet:
		if err := d.count(); err != nil {
			return err
		}
		return d.push(&Set{Pos: d.off()})
	case opAddItems:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		return d.addItems(m)
	case opFrozenSet:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		if err := d.count(); err != nil {
			return err
		}
		fs := &FrozenSet{Pos: d.off()}
		for _, it := range d.stack[m:] {
			if err := fs.Add(it); err != nil {
				return d.fail("%v", err)
			}
		}
		d.truncate(m)
		return d.push(fs)

	case opGlobal, opInst:
		mod, err := d.line()
		if err != nil {
			return err
		}
		name, err := d.line()
		if err != nil {
			return err
		}
		if len(mod) == 0 || len(name) == 0 {
			return d.fail("empty module or attribute name")
		}
		if i := invalidUTF8(mod); i >= 0 {
			return d.fail("module name is not valid UTF-8")
		}
		if i := invalidUTF8(name); i >= 0 {
			return d.fail("attribute name is not valid UTF-8")
		}
		g, err := d.newGlobal(stringOf(mod), stringOf(name))
		if err != nil {
			return err
		}
		if op == opGlobal {
			return d.push(g)
		}
		m, err := d.popMark()
		if err != nil {
			return err
		}
		args, err := d.newTuple(d.itemsFrom(m))
		if err != nil {
			return err
		}
		c, err := d.newCall(Inst, g, args, nil)
		if err != nil {
			return err
		}
		return d.push(c)
	case opStackGlobal:
		name, err := d.pop()
		if err != nil {
			return err
		}
		mod, err := d.pop()
		if err != nil {
			return err
		}
		ms, ok1 := mod.(*Str)
		ns, ok2 := name.(*Str)
		if !ok1 || !ok2 {
			return d.fail("STACK_GLOBAL requires str module and name, got %s and %s", typeName(mod), typeName(name))
		}
		g, err := d.newGlobal(ms.Value, ns.Value)
		if err != nil {
			return err
		}
		return d.push(g)
	case opExt1, opExt2, opExt4:
		return d.ext(op)

	case opReduce:
		args, err := d.pop()
		if err != nil {
			return err
		}
		callable, err := d.pop()
		if err != nil {
			return err
		}
		if !maybe(args, isTuple) {
			return d.fail("REDUCE arguments must be a tuple, not %s", typeName(args))
		}
		c, err := d.newCall(Reduce, callable, args, nil)
		if err != nil {
			return err
		}
		return d.push(c)
	case opNewObj:
		args, err := d.pop()
		if err != nil {
			return err
		}
		cls, err := d.pop()
		if err != nil {
			return err
		}
		if !maybe(args, isTuple) {
			return d.fail("NEWOBJ expected an argument tuple, not %s", typeName(args))
		}
		if !maybe(cls, never) {
			return d.fail("NEWOBJ class argument is not a type: %s", typeName(cls))
		}
		c, err := d.newCall(NewObj, cls, args, nil)
		if err != nil {
			return err
		}
		return d.push(c)
	case opNewObjEx:
		kwargs, err := d.pop()
		if err != nil {
			return err
		}
		args, err := d.pop()
		if err != nil {
			return err
		}
		cls, err := d.pop()
		if err != nil {
			return err
		}
		if !maybe(args, isTuple) {
			return d.fail("NEWOBJ_EX args argument must be a tuple, not %s", typeName(args))
		}
		if !maybe(kwargs, isDict) {
			return d.fail("NEWOBJ_EX kwargs argument must be a dict, not %s", typeName(kwargs))
		}
		if !maybe(cls, never) {
			return d.fail("NEWOBJ_EX class argument must be a type, not %s", typeName(cls))
		}
		c, err := d.newCall(NewObjEx, cls, args, kwargs)
		if err != nil {
			return err
		}
		return d.push(c)
	case opObj:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		if len(d.stack)-m < 1 {
			return d.fail("OBJ needs a class after the MARK")
		}
		items := d.itemsFrom(m)
		args, err := d.newTuple(items[1:])
		if err != nil {
			return err
		}
		c, err := d.newCall(Obj, items[0], args, nil)
		if err != nil {
			return err
		}
		return d.push(c)

	case opBuild:
		if len(d.stack)-2 < d.fence {
			return d.underflow()
		}
		state, _ := d.pop()
		obj := d.stack[len(d.stack)-1]
		if err := d.count(); err != nil {
			return err
		}
		b := d.builds.get()
		*b = Build{Pos: d.off(), Object: obj, State: state}
		d.stack[len(d.stack)-1] = b
		return nil

	case opPop:
		if len(d.marks) > 0 && d.marks[len(d.marks)-1] == len(d.stack) {
			_, err := d.popMark()
			return err
		}
		v, err := d.pop()
		if err != nil {
			return err
		}
		d.g.Popped = append(d.g.Popped, v)
		return nil
	case opPopMark:
		m, err := d.popMark()
		if err != nil {
			return err
		}
		d.g.Popped = append(d.g.Popped, d.itemsFrom(m)...)
		return nil
	case opDup:
		v, err := d.top()
		if err != nil {
			return err
		}
		return d.push(v)

	case opPersID:
		l, err := d.line()
		if err != nil {
			return err
		}
		for _, c := range l {
			if c >= 0x80 {
				return d.fail("persistent IDs in protocol 0 must be ASCII strings")
			}
		}
		id, err := d.newStr(stringOf(l))
		if err != nil {
			return err
		}
		return d.persistent(id)
	case opBinPersID:
		id, err := d.pop()
		if err != nil {
			return err
		}
		return d.persistent(id)

	case opNextBuffer:
		if d.opts.Buffers == nil {
			return d.fail("pickle refers to out-of-band data but no buffers were given")
		}
		if d.bufIdx >= len(d.opts.Buffers) {
			return d.fail("not enough out-of-band buffers")
		}
		if err := d.count(); err != nil {
			return err
		}
		b := &Buffer{Pos: d.off(), Index: d.bufIdx, Data: d.opts.Buffers[d.bufIdx]}
		d.bufIdx++
		return d.push(b)
	case opReadOnlyBuffer:
		v, err := d.top()
		if err != nil {
			return err
		}
		var ro *Buffer
		switch b := v.(type) {
		case *Buffer:
			ro = &Buffer{Pos: d.off(), Index: b.Index, Data: b.Data, ReadOnly: true}
		case *Bytes:
			ro = &Buffer{Pos: d.off(), Index: -1, Data: b.Value, ReadOnly: true}
		case *ByteArray:
			ro = &Buffer{Pos: d.off(), Index: -1, Data: b.Value, ReadOnly: true}
		default:
			return d.fail("READONLY_BUFFER needs a buffer, not %s", typeName(v))
		}
		if err := d.count(); err != nil {
			return err
		}
		d.stack[len(d.stack)-1] = ro
		return nil
	}
	return d.fail("unknown opcode 0x%02x", op)
}

func (d *decoder) put(idx uint64) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	return d.memoPut(idx, v)
}

func (d *decoder) get(idx uint64) error {
	v, err := d.memoGet(idx)
	if err != nil {
		return err
	}
	return d.push(v)
}

// lineIndex reads the decimal memo index of PUT or GET.
func (d *decoder) lineIndex(what string) (uint64, error) {
	l, err := d.line()
	if err != nil {
		return 0, err
	}
	n, err := parsePyInt(string(l), 10, 20)
	if err != nil {
		return 0, d.fail("%s argument %q: %v", what, l, err)
	}
	if n.Sign() < 0 {
		return 0, d.fail("negative %s argument", what)
	}
	if !n.IsUint64() {
		return 0, d.fail("memo has no entry %s", n)
	}
	return n.Uint64(), nil
}

func (d *decoder) pushBool(b bool) error {
	if err := d.count(); err != nil {
		return err
	}
	n := d.bools.get()
	n.Off, n.Value = int64(d.op), b
	return d.push(n)
}

func (d *decoder) pushInt(v int64) error {
	n, err := d.newInt(v)
	if err != nil {
		return err
	}
	return d.push(n)
}

func (d *decoder) pushFloat(f float64) error {
	if err := d.count(); err != nil {
		return err
	}
	n := d.floats.get()
	n.Off, n.Value = int64(d.op), f
	return d.push(n)
}

// lengthPrefixed reads the length and data of a string-like opcode.
func (d *decoder) lengthPrefixed(op byte) ([]byte, error) {
	name := OpcodeName(op)
	var n uint64
	switch opTable[op].arg {
	case argBytes1:
		b, err := d.u8()
		if err != nil {
			return nil, err
		}
		n = uint64(b)
	case argBytes4:
		b, err := d.fixed(4)
		if err != nil {
			return nil, err
		}
		l := int32(binary.LittleEndian.Uint32(b))
		if l < 0 {
			return nil, d.fail("%s has negative byte count %d", name, l)
		}
		n = uint64(l)
	case argBytes4U:
		b, err := d.fixed(4)
		if err != nil {
			return nil, err
		}
		n = uint64(binary.LittleEndian.Uint32(b))
	default:
		b, err := d.fixed(8)
		if err != nil {
			return nil, err
		}
		n = binary.LittleEndian.Uint64(b)
	}
	return d.take(n, "length")
}

// legacyString turns the data of STRING, BINSTRING or SHORT_BINSTRING into
// a node according to the Encoding option.
func (d *decoder) legacyString(b []byte) error {
	var v Value
	var err error
	switch d.enc {
	case encBytes:
		v, err = d.newBytes(b)
	case encASCII:
		for i, c := range b {
			if c >= 0x80 {
				return d.fail("'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i)
			}
		}
		v, err = d.newStr(stringOf(b))
	case encLatin1:
		v, err = d.newStr(latin1ToUTF8(b))
	case encUTF8:
		if i := invalidUTF8(b); i >= 0 {
			return d.fail("'utf-8' codec can't decode byte 0x%02x in position %d", b[i], i)
		}
		v, err = d.newStr(stringOf(b))
	}
	if err != nil {
		return err
	}
	return d.push(v)
}

func (d *decoder) longBinary(op byte) error {
	var n int64
	if op == opLong1 {
		b, err := d.u8()
		if err != nil {
			return err
		}
		n = int64(b)
	} else {
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		n = int64(int32(binary.LittleEndian.Uint32(b)))
		if n < 0 {
			return d.fail("LONG pickle has negative byte count")
		}
	}
	if n > int64(d.lim.MaxIntBytes) {
		return d.limit("integer of %d bytes exceeds the limit of %d", n, d.lim.MaxIntBytes)
	}
	b, err := d.take(uint64(n), "integer")
	if err != nil {
		return err
	}
	if len(b) <= 8 {
		var u uint64
		for i := len(b) - 1; i >= 0; i-- {
			u = u<<8 | uint64(b[i])
		}
		if len(b) > 0 && len(b) < 8 && b[len(b)-1]&0x80 != 0 {
			u |= ^uint64(0) << (8 * uint(len(b)))
		}
		return d.pushInt(int64(u))
	}
	v, err := d.newBig(twosComplementLE(b))
	if err != nil {
		return err
	}
	return d.push(v)
}

// twosComplementLE converts little-endian two's-complement bytes.
func twosComplementLE(b []byte) *big.Int {
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	v := new(big.Int).SetBytes(be)
	if len(b) > 0 && b[len(b)-1]&0x80 != 0 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return v
}

// textInt decodes INT: "01"/"00" are True/False, as CPython reads them.
func (d *decoder) textInt() error {
	l, err := d.line()
	if err != nil {
		return err
	}
	s := string(l)
	if s == "01" || s == "00" {
		return d.pushBool(s == "01")
	}
	if v, ok := parseCLong(s); ok {
		return d.pushInt(v)
	}
	n, err := parsePyInt(s, 0, d.lim.MaxIntDigits)
	if err != nil {
		return d.intError(err, "could not convert string to int")
	}
	v, err := d.newBig(n)
	if err != nil {
		return err
	}
	return d.push(v)
}

func (d *decoder) intError(err error, msg string) error {
	if le, ok := err.(*digitsError); ok {
		return d.limit("%v", le)
	}
	return d.fail("%s", msg)
}

func (d *decoder) textLong() error {
	l, err := d.line()
	if err != nil {
		return err
	}
	if len(l) > 0 && l[len(l)-1] == 'L' {
		l = l[:len(l)-1]
	}
	n, err := parsePyInt(string(l), 0, d.lim.MaxIntDigits)
	if err != nil {
		return d.intError(err, fmt.Sprintf("invalid literal for int() with base 0: %q", l))
	}
	v, err := d.newBig(n)
	if err != nil {
		return err
	}
	return d.push(v)
}

func (d *decoder) textFloat() error {
	l, err := d.line()
	if err != nil {
		return err
	}
	f, err := parsePyFloat(string(l))
	if err != nil {
		return d.fail("%v", err)
	}
	return d.pushFloat(f)
}

// appendItems applies APPEND/APPENDS: the target sits just below from.
func (d *decoder) appendItems(from int) error {
	if from <= 0 || from > len(d.stack) {
		return d.underflow()
	}
	if from == len(d.stack) {
		return nil
	}
	target := d.stack[from-1]
	if l, ok := target.(*List); ok {
		if len(l.Items) == 0 {
			l.Items = d.itemsFrom(from)
		} else {
			l.Items = append(l.Items, d.stack[from:]...)
			d.truncate(from)
		}
		return nil
	}
	return d.update(from, Append)
}

// setItemsAt applies SETITEM/SETITEMS: the target sits just below from.
func (d *decoder) setItemsAt(from int) error {
	if from <= 0 || from > len(d.stack) {
		return d.underflow()
	}
	if from == len(d.stack) {
		return nil
	}
	if (len(d.stack)-from)%2 != 0 {
		return d.fail("odd number of items for SETITEMS")
	}
	if dc, ok := d.stack[from-1].(*Dict); ok {
		if err := d.setItems(dc, d.stack[from:]); err != nil {
			return err
		}
		d.truncate(from)
		return nil
	}
	return d.update(from, SetItems)
}

func (d *decoder) setItems(dc *Dict, kv []Value) error {
	if dc.Entries == nil {
		dc.Entries = make([]DictEntry, 0, len(kv)/2)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if err := dc.SetItem(kv[i], kv[i+1]); err != nil {
			return d.fail("%v", err)
		}
	}
	return nil
}

func (d *decoder) addItems(from int) error {
	if from <= 0 || from > len(d.stack) {
		return d.underflow()
	}
	if from == len(d.stack) {
		return nil
	}
	if s, ok := d.stack[from-1].(*Set); ok {
		for _, it := range d.stack[from:] {
			if err := s.Add(it); err != nil {
				return d.fail("%v", err)
			}
		}
		d.truncate(from)
		return nil
	}
	return d.update(from, AddItems)
}

// update records a mutation of a non-literal target at stack[from-1].
func (d *decoder) update(from int, kind UpdateKind) error {
	target := d.stack[from-1]
	if !maybe(target, never) {
		return d.fail("%s target is %s", kind, typeName(target))
	}
	items := d.itemsFrom(from)
	if u, ok := target.(*Update); ok && u.Kind == kind {
		u.Items = append(u.Items, items...)
		return nil
	}
	if err := d.count(); err != nil {
		return err
	}
	d.stack[from-1] = &Update{Pos: d.off(), Kind: kind, Object: target, Items: items}
	return nil
}

func (d *decoder) ext(op byte) error {
	var code int64
	switch op {
	case opExt1:
		b, err := d.u8()
		if err != nil {
			return err
		}
		code = int64(b)
	case opExt2:
		b, err := d.fixed(2)
		if err != nil {
			return err
		}
		code = int64(binary.LittleEndian.Uint16(b))
	default:
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		code = int64(int32(binary.LittleEndian.Uint32(b)))
	}
	if code <= 0 {
		return d.fail("EXT specifies code <= 0")
	}
	name, ok := d.opts.Extensions[int32(code)]
	if !ok {
		return d.fail("unregistered extension code %d", code)
	}
	g, err := d.newGlobal(name.Module, name.Name)
	if err != nil {
		return err
	}
	g.(*Global).Ext = int32(code)
	return d.push(g)
}

func (d *decoder) persistent(id Value) error {
	if d.opts.PersistentLoad != nil {
		v, err := d.opts.PersistentLoad(id)
		if err != nil {
			return &SyntaxError{Offset: int64(d.op), Opcode: d.buf[d.op], Msg: "persistent load: " + err.Error(), Err: err}
		}
		if v == nil {
			return d.fail("persistent load returned no value")
		}
		return d.push(v)
	}
	if err := d.count(); err != nil {
		return err
	}
	return d.push(&PersistentID{Pos: d.off(), ID: id})
}

// maybe reports whether v is, or could at load time turn out to be, a
// value satisfying is: nodes whose Python value is unknown until load time
// (calls, globals, built or updated objects, persistent ids) always could.
func maybe(v Value, is func(Value) bool) bool {
	switch v.(type) {
	case *Call, *Global, *Build, *Update, *PersistentID:
		return true
	}
	return is(v)
}

func isTuple(v Value) bool { _, ok := v.(*Tuple); return ok }
func isDict(v Value) bool  { _, ok := v.(*Dict); return ok }
func never(Value) bool     { return false }

// typeName returns the Python type name of a node, for messages.
func typeName(v Value) string {
	switch v.(type) {
	case *None:
		return "NoneType"
	case *Bool:
		return "bool"
	case *Int, *BigInt:
		return "int"
	case *Float:
		return "float"
	case *Str:
		return "str"
	case *Bytes:
		return "bytes"
	case *ByteArray:
		return "bytearray"
	case *Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Dict:
		return "dict"
	case *Set:
		return "set"
	case *FrozenSet:
		return "frozenset"
	case *Buffer:
		return "memoryview"
	case *Global:
		return "global"
	case *Call:
		return "call result"
	case *Build:
		return "built object"
	case *Update:
		return "updated object"
	case *PersistentID:
		return "persistent object"
	}
	return fmt.Sprintf("%T", v)
}
