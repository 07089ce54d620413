package bytecode

import "fmt"

// rawDecoder turns co_code into RawInstrs and validates opcodes, EXTENDED_ARG
// chains, caches, jump targets and argument indexes.
type rawDecoder struct {
	t    *opTable
	in   *Input
	code []byte
	raw  []RawInstr
	// owner[u] is the raw index of the instruction code unit u belongs to
	// (prefix, opcode or cache word).
	owner []int32
}

func (d *rawDecoder) errAt(off int, op int, format string, a ...any) error {
	e := &DecodeError{Version: d.t.version, Offset: off, Opcode: op, Msg: fmt.Sprintf(format, a...)}
	if op >= 0 && op < 256 {
		e.Name = d.t.ops[op].name
	}
	return e
}

func (d *rawDecoder) decode() error {
	code := d.code
	n := len(code)
	if n == 0 {
		return d.errAt(0, -1, "empty code")
	}
	if n%2 != 0 {
		return d.errAt(n-1, -1, "code length %d is odd", n)
	}
	if n > MaxCodeBytes {
		return d.errAt(0, -1, "code length %d exceeds limit %d", n, MaxCodeBytes)
	}
	d.owner = make([]int32, n/2)
	d.raw = make([]RawInstr, 0, n/2)
	var arg uint64
	nExt, start := 0, -1
	for off := 0; off < n; {
		op := int(code[off])
		info := &d.t.ops[op]
		if err := d.checkStatus(off, op, info); err != nil {
			return err
		}
		if start < 0 {
			start = off
		}
		arg = arg<<8 | uint64(code[off+1])
		idx := int32(len(d.raw))
		d.owner[off/2] = idx
		if op == d.t.extendedArg {
			nExt++
			if nExt > 3 {
				return d.errAt(off, op, "more than three EXTENDED_ARG prefixes")
			}
			off += 2
			continue
		}
		end := off + 2 + 2*info.cache
		if end > n {
			return d.errAt(off, op, "%d inline cache entries run past the end of the code", info.cache)
		}
		if arg > 0x7fffffff {
			return d.errAt(off, op, "argument %#x overflows (EXTENDED_ARG)", arg)
		}
		for u := off/2 + 1; u < end/2; u++ {
			d.owner[u] = idx
		}
		d.raw = append(d.raw, RawInstr{
			Start: int32(start), Offset: int32(off), Opcode: byte(op), Arg: uint32(arg),
			Cache: int32(info.cache), Target: NoTarget, Line: -1,
		})
		arg, nExt, start = 0, 0, -1
		off = end
	}
	if nExt > 0 {
		return d.errAt(n-2, d.t.extendedArg, "EXTENDED_ARG at end of code")
	}
	for i := range d.raw {
		if err := d.resolveJump(i); err != nil {
			return err
		}
		if err := d.checkArg(&d.raw[i]); err != nil {
			return err
		}
	}
	return nil
}

func (d *rawDecoder) checkStatus(off, op int, info *opInfo) error {
	switch info.status {
	case statusReal:
		return nil
	case statusUnknown:
		return d.errAt(off, op, "unknown opcode %d in Python %s", op, d.t.version)
	case statusCache:
		return d.errAt(off, op, "CACHE entry where an instruction was expected")
	case statusSpecialized:
		return d.errAt(off, op, "specialised opcode %s (%d) cannot appear in co_code", info.name, op)
	default:
		return d.errAt(off, op, "runtime-only opcode %s (%d) cannot appear in co_code", info.name, op)
	}
}

// instrAt returns the raw index of the instruction starting at byte offset t, or
// an error describing why t is not an instruction boundary.
func (d *rawDecoder) instrAt(t int64, what string, off, op int) (int32, error) {
	if t < 0 || t >= int64(len(d.code)) {
		return 0, d.errAt(off, op, "%s %d outside the code (length %d)", what, t, len(d.code))
	}
	if t%2 != 0 {
		return 0, d.errAt(off, op, "%s %d is odd", what, t)
	}
	idx := d.owner[t/2]
	r := &d.raw[idx]
	switch {
	case int32(t) == r.Start:
		return idx, nil
	case int32(t) < r.Offset:
		return 0, d.errAt(off, op, "%s %d is inside an EXTENDED_ARG chain", what, t)
	case int32(t) == r.Offset:
		return 0, d.errAt(off, op, "%s %d skips the instruction's EXTENDED_ARG prefix", what, t)
	default:
		return 0, d.errAt(off, op, "%s %d is a CACHE entry", what, t)
	}
}

// jumpTarget computes the byte offset a jump instruction goes to.
func (d *rawDecoder) jumpTarget(r *RawInstr, kind jumpKind) int64 {
	off, a, c := int64(r.Offset), int64(r.Arg), int64(r.Cache)
	v := d.t.version
	switch {
	case v.Less(Py310):
		if kind == jumpAbsolute {
			return a
		}
		return off + 2 + a
	case v == Py310:
		if kind == jumpAbsolute {
			return 2 * a
		}
		return off + 2 + 2*a
	case kind == jumpBackward:
		return off + 2 + 2*c - 2*a
	default:
		return off + 2 + 2*c + 2*a
	}
}

func (d *rawDecoder) resolveJump(i int) error {
	r := &d.raw[i]
	kind := d.t.ops[r.Opcode].jump
	if kind == jumpNone {
		return nil
	}
	idx, err := d.instrAt(d.jumpTarget(r, kind), "jump target", int(r.Offset), int(r.Opcode))
	if err != nil {
		return err
	}
	r.Target = idx
	return nil
}
