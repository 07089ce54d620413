package bytecode

import "fmt"

// normalizer rewrites validated raw instructions into the normalised set.
type normalizer struct {
	t   *opTable
	v   Version
	in  *Input
	raw []RawInstr
	out []Instr
	// first[r] is the index of the first Instr emitted for raw r, or -1.
	first []int32
	// interior[r] marks raw instructions fused into an earlier one: jumping to
	// them would skip part of the fused instruction.
	interior []bool
	// rawTarget[i] is the raw jump target of out[i] (valid when out[i] jumps).
	rawTarget []int32
	cur       int // raw index being translated
	skip      int // raw instructions after cur consumed by it
}

func (n *normalizer) fail(r *RawInstr, format string, a ...any) error {
	return &DecodeError{Version: n.v, Offset: int(r.Offset), Opcode: int(r.Opcode),
		Name: n.t.ops[r.Opcode].name, Msg: fmt.Sprintf(format, a...)}
}

// emit appends a normalised instruction sourced from the current raw instruction.
func (n *normalizer) emit(op Op, arg int32, flags Flags) {
	r := &n.raw[n.cur]
	if n.first[n.cur] < 0 {
		n.first[n.cur] = int32(len(n.out))
	}
	n.out = append(n.out, Instr{Op: op, Flags: flags, Arg: arg, Arg2: -1, Target: NoTarget,
		Offset: r.Offset, Line: r.Line})
	n.rawTarget = append(n.rawTarget, r.Target)
}

// binaryOpNames maps 3.8–3.10 arithmetic opcodes to 3.11+ BINARY_OP arguments.
var binaryOpNames = map[string]int32{
	"BINARY_ADD": 0, "BINARY_AND": 1, "BINARY_FLOOR_DIVIDE": 2, "BINARY_LSHIFT": 3,
	"BINARY_MATRIX_MULTIPLY": 4, "BINARY_MULTIPLY": 5, "BINARY_MODULO": 6, "BINARY_OR": 7,
	"BINARY_POWER": 8, "BINARY_RSHIFT": 9, "BINARY_SUBTRACT": 10, "BINARY_TRUE_DIVIDE": 11,
	"BINARY_XOR":  12,
	"INPLACE_ADD": 13, "INPLACE_AND": 14, "INPLACE_FLOOR_DIVIDE": 15, "INPLACE_LSHIFT": 16,
	"INPLACE_MATRIX_MULTIPLY": 17, "INPLACE_MULTIPLY": 18, "INPLACE_MODULO": 19, "INPLACE_OR": 20,
	"INPLACE_POWER": 21, "INPLACE_RSHIFT": 22, "INPLACE_SUBTRACT": 23, "INPLACE_TRUE_DIVIDE": 24,
	"INPLACE_XOR": 25,
}

// renamed maps CPython opcode names whose meaning is unchanged to their Op.
var renamed = map[string]Op{
	"JUMP_ABSOLUTE": Jump, "JUMP_FORWARD": Jump, "JUMP_BACKWARD": Jump,
	"JUMP_BACKWARD_NO_INTERRUPT": Jump,
	"POP_JUMP_FORWARD_IF_FALSE":  PopJumpIfFalse, "POP_JUMP_BACKWARD_IF_FALSE": PopJumpIfFalse,
	"POP_JUMP_FORWARD_IF_TRUE": PopJumpIfTrue, "POP_JUMP_BACKWARD_IF_TRUE": PopJumpIfTrue,
	"POP_JUMP_FORWARD_IF_NONE": PopJumpIfNone, "POP_JUMP_BACKWARD_IF_NONE": PopJumpIfNone,
	"POP_JUMP_FORWARD_IF_NOT_NONE": PopJumpIfNotNone, "POP_JUMP_BACKWARD_IF_NOT_NONE": PopJumpIfNotNone,
	"LOAD_FAST_CHECK": LoadFast, "LOAD_METHOD": LoadAttr,
}

// legacyOps are 3.8–3.10 opcodes whose stack effect differs from the 3.11+
// opcode of the same name.
var legacyOps = map[string]Op{
	"POP_EXCEPT": LegacyPopExcept, "RERAISE": LegacyReraise,
	"WITH_EXCEPT_START": LegacyWithExceptStart, "END_ASYNC_FOR": LegacyEndAsyncFor,
	"MATCH_CLASS": LegacyMatchClass, "MATCH_KEYS": LegacyMatchKeys,
}

// intrinsic1Ops maps 3.12+ CALL_INTRINSIC_1 functions that were opcodes before.
var intrinsic1Ops = map[string]Op{
	"INTRINSIC_PRINT": PrintExpr, "INTRINSIC_IMPORT_STAR": ImportStar,
	"INTRINSIC_STOPITERATION_ERROR": StopiterationError, "INTRINSIC_ASYNC_GEN_WRAP": AsyncGenWrap,
	"INTRINSIC_UNARY_POSITIVE": UnaryPositive, "INTRINSIC_LIST_TO_TUPLE": ListToTuple,
}

func (n *normalizer) run() error {
	n.first = make([]int32, len(n.raw))
	n.interior = make([]bool, len(n.raw))
	for i := range n.first {
		n.first[i] = -1
	}
	n.out = make([]Instr, 0, len(n.raw)+4)
	if n.v.Less(Py311) {
		n.prologue310()
	}
	kwNames := int32(-1)
	for i := 0; i < len(n.raw); i++ {
		n.cur = i
		r := &n.raw[i]
		name := n.t.ops[r.Opcode].name
		if kwNames >= 0 && name != "PRECALL" && name != "CALL" {
			return n.fail(r, "KW_NAMES not followed by CALL")
		}
		switch name {
		case "KW_NAMES":
			kwNames = int32(r.Arg)
			continue
		case "PRECALL":
			n.interior[i] = kwNames >= 0
			continue
		case "CALL":
			n.interior[i] = kwNames >= 0
			n.emit(Call, int32(r.Arg), 0)
			n.out[len(n.out)-1].Arg2 = kwNames
			kwNames = -1
			continue
		}
		if err := n.translate(i, r, name); err != nil {
			return err
		}
		i += n.skip
		n.skip = 0
	}
	if kwNames >= 0 {
		return n.fail(&n.raw[len(n.raw)-1], "KW_NAMES at end of code")
	}
	return n.resolveTargets()
}

// prologue310 makes 3.8–3.10 frames look like 3.11+ ones: cells live in the
// fast-locals array after the varnames (MAKE_CELL) and the closure's cells are
// copied into the last slots (COPY_FREE_VARS).
func (n *normalizer) prologue310() {
	base := int32(n.in.NVarnames)
	r := RawInstr{Offset: 0, Line: -1}
	if len(n.raw) > 0 {
		r.Line = n.raw[0].Line
	}
	add := func(op Op, arg int32) {
		n.out = append(n.out, Instr{Op: op, Flags: FlagSynthetic, Arg: arg, Arg2: -1, Target: NoTarget,
			Offset: r.Offset, Line: r.Line})
		n.rawTarget = append(n.rawTarget, NoTarget)
	}
	for j := 0; j < n.in.NCellvars; j++ {
		add(MakeCell, base+int32(j))
	}
	if n.in.NFreevars > 0 {
		add(CopyFreeVars, int32(n.in.NFreevars))
	}
}

// translate emits the normalised form of one raw instruction.
func (n *normalizer) translate(i int, r *RawInstr, name string) error {
	v, a := n.v, int32(r.Arg)
	legacy := v.Less(Py311)
	nullAbove := Flags(0)
	if v.AtLeast(Py313) {
		nullAbove = FlagNullAbove
	}
	if legacy {
		if op, ok := legacyOps[name]; ok {
			n.emit(op, a, 0)
			return nil
		}
	}
	if nb, ok := binaryOpNames[name]; ok {
		n.emit(BinaryOp, nb, 0)
		return nil
	}
	if op, ok := renamed[name]; ok {
		fl := Flags(0)
		if name == "LOAD_METHOD" {
			fl = FlagMethod
		}
		n.emit(op, a, fl)
		return nil
	}
	switch name {
	case "NOP", "RESUME", "GEN_START", "EXTENDED_ARG":
	case "RETURN_GENERATOR":
		if i+1 >= len(n.raw) || n.t.ops[n.raw[i+1].Opcode].name != "POP_TOP" {
			return n.fail(r, "RETURN_GENERATOR not followed by POP_TOP")
		}
		n.interior[i+1] = true
		n.skip = 1
	case "CALL_KW":
		n.emit(Call, a, FlagKwNamesOnStack)
	case "CALL_FUNCTION":
		n.emit(Call, a, FlagNoSelfSlot)
	case "CALL_FUNCTION_KW":
		n.emit(Call, a, FlagNoSelfSlot|FlagKwNamesOnStack)
	case "CALL_METHOD":
		n.emit(Call, a, 0)
	case "CALL_FUNCTION_EX":
		fl := nullAbove
		if legacy {
			fl = FlagNoSelfSlot
		}
		n.emit(CallFunctionEx, a&1, fl)
	case "LOAD_GLOBAL":
		if v.Less(Py311) {
			n.emit(LoadGlobal, a, 0)
		} else if a&1 != 0 {
			n.emit(LoadGlobal, a>>1, FlagMethod|nullAbove)
		} else {
			n.emit(LoadGlobal, a>>1, 0)
		}
	case "LOAD_ATTR":
		if v.Less(Py312) {
			n.emit(LoadAttr, a, 0)
		} else if a&1 != 0 {
			n.emit(LoadAttr, a>>1, FlagMethod|nullAbove)
		} else {
			n.emit(LoadAttr, a>>1, 0)
		}
	case "LOAD_SUPER_ATTR":
		fl := Flags(0)
		if a&1 != 0 {
			fl |= FlagMethod | nullAbove
		}
		if a&2 != 0 {
			fl |= FlagTwoArgSuper
		}
		n.emit(LoadSuperAttr, a>>2, fl)
	case "COMPARE_OP":
		n.compare(r)
	case "DUP_TOP":
		n.emit(Copy, 1, 0)
	case "DUP_TOP_TWO":
		n.emit(Copy, 2, 0)
		n.emit(Copy, 2, 0)
	case "ROT_TWO":
		n.emit(Swap, 2, 0)
	case "ROT_THREE":
		n.emit(Rot, 3, 0)
	case "ROT_FOUR":
		n.emit(Rot, 4, 0)
	case "ROT_N":
		n.emit(Rot, a, 0)
	case "LOAD_CLOSURE", "LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF", "LOAD_CLASSDEREF":
		if legacy {
			a += int32(n.in.NVarnames)
		}
		op := map[string]Op{"LOAD_CLOSURE": LoadFast, "LOAD_DEREF": LoadDeref, "STORE_DEREF": StoreDeref,
			"DELETE_DEREF": DeleteDeref, "LOAD_CLASSDEREF": LoadClassderef}[name]
		n.emit(op, a, 0)
	case "LOAD_FAST_LOAD_FAST":
		n.emit(LoadFast, a>>4, 0)
		n.emit(LoadFast, a&15, 0)
	case "STORE_FAST_LOAD_FAST":
		n.emit(StoreFast, a>>4, 0)
		n.emit(LoadFast, a&15, 0)
	case "STORE_FAST_STORE_FAST":
		n.emit(StoreFast, a>>4, 0)
		n.emit(StoreFast, a&15, 0)
	case "END_FOR":
		n.emit(PopTop, 0, 0)
		if v == Py312 {
			n.emit(PopTop, 0, 0)
		}
	case "FORMAT_VALUE":
		n.formatValue(a)
	case "MAKE_FUNCTION":
		n.makeFunction(a)
	case "CALL_INTRINSIC_1":
		if op, ok := intrinsic1Ops[n.t.intrinsic1[a]]; ok {
			n.emit(op, 0, 0)
		} else {
			n.emit(CallIntrinsic1, a, 0)
		}
	case "CALL_INTRINSIC_2":
		if n.t.intrinsic2[a] == "INTRINSIC_PREP_RERAISE_STAR" {
			n.emit(PrepReraiseStar, 0, 0)
		} else {
			n.emit(CallIntrinsic2, a, 0)
		}
	case "YIELD_VALUE", "GET_AWAITABLE":
		n.emit(opByName[name], 0, 0)
	default:
		op := opByName[name]
		if op == Invalid {
			return n.fail(r, "opcode %s is not supported by pybridge", name)
		}
		n.emit(op, a, 0)
	}
	return nil
}

// compare normalises COMPARE_OP: the argument becomes the cmp_op index; 3.8's
// membership, identity and exception-match comparisons get their own ops.
func (n *normalizer) compare(r *RawInstr) {
	idx := int32(compareIndex(n.v, r.Arg))
	fl := Flags(0)
	if n.v.AtLeast(Py313) && r.Arg&0x10 != 0 {
		fl = FlagToBool
	}
	switch n.t.cmpOp[idx] {
	case "in":
		n.emit(ContainsOp, 0, 0)
	case "not in":
		n.emit(ContainsOp, 1, 0)
	case "is":
		n.emit(IsOp, 0, 0)
	case "is not":
		n.emit(IsOp, 1, 0)
	case "exception match":
		n.emit(CompareExcMatch, 0, 0)
	default:
		n.emit(CompareOp, idx, fl)
	}
}

// formatValue splits FORMAT_VALUE into the 3.13 CONVERT_VALUE / FORMAT_SIMPLE /
// FORMAT_WITH_SPEC ops.
func (n *normalizer) formatValue(a int32) {
	conv, spec := a&3, a&4 != 0
	switch {
	case !spec:
		if conv != 0 {
			n.emit(ConvertValue, conv, 0)
		}
		n.emit(FormatSimple, 0, 0)
	case conv == 0:
		n.emit(FormatWithSpec, 0, 0)
	default: // the value to convert sits under the spec
		n.emit(Swap, 2, FlagSynthetic)
		n.emit(ConvertValue, conv, 0)
		n.emit(Swap, 2, FlagSynthetic)
		n.emit(FormatWithSpec, 0, 0)
	}
}

// makeFunction splits a flagged MAKE_FUNCTION into MAKE_FUNCTION plus one
// SET_FUNCTION_ATTRIBUTE per flag, highest flag (top of stack) first, as 3.13 does.
func (n *normalizer) makeFunction(a int32) {
	fl := Flags(0)
	if n.v.Less(Py311) {
		fl = FlagQualname
	}
	if n.v.AtLeast(Py313) {
		n.emit(MakeFunction, 0, 0)
		return
	}
	n.emit(MakeFunction, 0, fl)
	for bit := int32(8); bit > 0; bit >>= 1 {
		if a&bit != 0 {
			n.emit(SetFunctionAttribute, bit, FlagSynthetic)
		}
	}
}
