package bytecode

import "fmt"

// parseExceptionTable decodes a 3.11+ co_exceptiontable into byte-offset ranges.
// Each entry is four varints (start, length, target, depth<<1|lasti) in code
// units; a varint is big-endian 6-bit groups, 0x40 meaning "more follows", and bit
// 0x80 marks the first byte of an entry.
func parseExceptionTable(v Version, tab []byte) ([]RawHandler, error) {
	var out []RawHandler
	pos := 0
	fail := func(at int, format string, a ...any) error {
		return &DecodeError{Version: v, Table: "exception table", Offset: at, Opcode: -1, Msg: fmt.Sprintf(format, a...)}
	}
	varint := func() (int64, error) {
		var val int64
		for i := 0; ; i++ {
			if pos >= len(tab) {
				return 0, fail(pos, "truncated entry")
			}
			if i == 5 {
				return 0, fail(pos, "varint too long")
			}
			b := tab[pos]
			pos++
			val = val<<6 | int64(b&0x3f)
			if b&0x40 == 0 {
				return val, nil
			}
		}
	}
	for pos < len(tab) {
		entry := pos
		if tab[pos]&0x80 == 0 {
			return nil, fail(pos, "entry does not start with a start marker")
		}
		var f [4]int64
		for i := range f {
			if i > 0 && pos < len(tab) && tab[pos]&0x80 != 0 {
				return nil, fail(pos, "entry truncated by the next entry's start marker")
			}
			x, err := varint()
			if err != nil {
				return nil, err
			}
			f[i] = x
		}
		start, end := 2*f[0], 2*(f[0]+f[1])
		if f[1] == 0 {
			return nil, fail(entry, "empty range")
		}
		if end > 1<<31-1 || 2*f[2] > 1<<31-1 {
			return nil, fail(entry, "range overflows")
		}
		out = append(out, RawHandler{
			Start: int32(start), End: int32(end), Target: int32(2 * f[2]),
			Depth: int32(f[3] >> 1), Lasti: f[3]&1 != 0,
		})
	}
	return out, nil
}

// checkHandlers validates exception table ranges against the decoded code:
// ordered, non-overlapping, on instruction boundaries, depth within stack size.
func (d *rawDecoder) checkHandlers(hs []RawHandler) ([][3]int32, error) {
	n := int32(len(d.code))
	fail := func(i int, format string, a ...any) error {
		return &DecodeError{Version: d.t.version, Table: "exception table", Offset: i, Opcode: -1,
			Msg: fmt.Sprintf("entry %d: ", i) + fmt.Sprintf(format, a...)}
	}
	out := make([][3]int32, len(hs))
	prevEnd := int32(0)
	for i, h := range hs {
		if h.Start < prevEnd {
			return nil, fail(i, "range [%d, %d) overlaps or precedes the previous one", h.Start, h.End)
		}
		if h.End > n {
			return nil, fail(i, "range end %d past the code (length %d)", h.End, n)
		}
		if d.in.StackSize > 0 && int(h.Depth) > d.in.StackSize {
			return nil, fail(i, "depth %d exceeds co_stacksize %d", h.Depth, d.in.StackSize)
		}
		s, err := d.boundary(h.Start)
		if err != nil {
			return nil, fail(i, "start %d is not an instruction boundary", h.Start)
		}
		e, err := d.boundary(h.End)
		if err != nil {
			return nil, fail(i, "end %d is not an instruction boundary", h.End)
		}
		t, err := d.instrAt(int64(h.Target), "handler target", 0, -1)
		if err != nil {
			return nil, fail(i, "handler target %d is not an instruction", h.Target)
		}
		out[i] = [3]int32{s, e, t}
		prevEnd = h.End
	}
	return out, nil
}

// boundary returns the raw index of the instruction starting at byte offset off,
// or len(raw) for the end of the code.
func (d *rawDecoder) boundary(off int32) (int32, error) {
	if off == int32(len(d.code)) {
		return int32(len(d.raw)), nil
	}
	return d.instrAt(int64(off), "offset", 0, -1)
}
