package bytecode

// nameIndex returns the co_names index an opcode's argument encodes (3.11+
// LOAD_GLOBAL and 3.12+ LOAD_ATTR keep a flag in bit 0, LOAD_SUPER_ATTR two).
func nameIndex(v Version, name string, arg uint32) uint32 {
	switch {
	case name == "LOAD_GLOBAL" && v.AtLeast(Py311):
		return arg >> 1
	case name == "LOAD_ATTR" && v.AtLeast(Py312):
		return arg >> 1
	case name == "LOAD_SUPER_ATTR":
		return arg >> 2
	}
	return arg
}

// compareIndex returns the cmp_op index COMPARE_OP's argument encodes.
func compareIndex(v Version, arg uint32) uint32 {
	switch {
	case v == Py312:
		return arg >> 4
	case v.AtLeast(Py313):
		return arg >> 5
	}
	return arg
}

func isSuperInstr(name string) bool {
	return name == "LOAD_FAST_LOAD_FAST" || name == "STORE_FAST_LOAD_FAST" || name == "STORE_FAST_STORE_FAST"
}

// checkArg validates a raw instruction's argument against the code object's
// tuple sizes and the opcode's value range.
func (d *rawDecoder) checkArg(r *RawInstr) error {
	info := &d.t.ops[r.Opcode]
	v, in, a := d.t.version, d.in, r.Arg
	off, op := int(r.Offset), int(r.Opcode)
	rangeErr := func(what string, idx uint32, n int) error {
		return d.errAt(off, op, "%s index %d out of range (%d entries)", what, idx, n)
	}
	switch {
	case info.flags&argConst != 0:
		if int64(a) >= int64(in.NConsts) {
			return rangeErr("co_consts", a, in.NConsts)
		}
	case info.flags&argName != 0:
		if idx := nameIndex(v, info.name, a); int64(idx) >= int64(in.NNames) {
			return rangeErr("co_names", idx, in.NNames)
		}
	case info.flags&argLocal != 0:
		n := in.localsPlus(v)
		if isSuperInstr(info.name) {
			if a > 0xff {
				return d.errAt(off, op, "argument %d does not fit two 4-bit local indexes", a)
			}
			if int(a>>4) >= n || int(a&15) >= n {
				return rangeErr("local", a, n)
			}
		} else if int64(a) >= int64(n) {
			return rangeErr("local", a, n)
		}
	case info.flags&argFree != 0:
		n := in.NCellvars + in.NFreevars
		if v.AtLeast(Py311) {
			n = in.localsPlus(v)
		}
		if int64(a) >= int64(n) {
			return rangeErr("cell/free", a, n)
		}
	case info.flags&argCompare != 0:
		idx := compareIndex(v, a)
		if int(idx) >= len(d.t.cmpOp) || d.t.cmpOp[idx] == "BAD" {
			return d.errAt(off, op, "comparison index %d out of range", idx)
		}
	}
	return d.checkArgValue(r, info.name)
}

// checkArgValue enforces the value ranges of opcodes whose argument is a small
// enumeration or count.
func (d *rawDecoder) checkArgValue(r *RawInstr, name string) error {
	a := r.Arg
	bad := false
	switch name {
	case "BINARY_OP":
		bad = int(a) >= len(d.t.nbOps)
	case "CALL_INTRINSIC_1":
		bad = a == 0 || int(a) >= len(d.t.intrinsic1)
	case "CALL_INTRINSIC_2":
		bad = a == 0 || int(a) >= len(d.t.intrinsic2)
	case "IS_OP", "CONTAINS_OP":
		bad = a > 1
	case "COPY", "ROT_N":
		bad = a < 1
	case "SWAP":
		bad = a < 2
	case "FORMAT_VALUE":
		bad = a > 7
	case "CONVERT_VALUE":
		bad = a < 1 || a > 3
	case "MAKE_FUNCTION":
		bad = d.t.version.Less(Py313) && a > 15
	case "SET_FUNCTION_ATTRIBUTE":
		bad = a != 1 && a != 2 && a != 4 && a != 8
	case "RAISE_VARARGS":
		bad = a > 2
	case "BUILD_SLICE":
		bad = a != 2 && a != 3
	case "COPY_FREE_VARS":
		bad = int64(a) > int64(d.in.NFreevars)
	}
	if bad {
		return d.errAt(int(r.Offset), int(r.Opcode), "argument %d out of range", a)
	}
	return nil
}
