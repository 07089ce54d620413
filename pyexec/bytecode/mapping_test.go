package bytecode

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type want struct {
	op    Op
	arg   int32
	flags Flags
}

func ops(p *Program) []want {
	var out []want
	for _, in := range p.Instrs {
		out = append(out, want{in.Op, in.Arg, in.Flags})
	}
	return out
}

func TestMapping(t *testing.T) {
	for _, tc := range []struct {
		v    Version
		prog []any
		want []want
	}{
		{Py312, []any{"RESUME", 0, "LOAD_GLOBAL", 3, "LOAD_ATTR", 3, "KW_NAMES", 1, "CALL", 1, "RETURN_VALUE", 0},
			[]want{{LoadGlobal, 1, FlagMethod}, {LoadAttr, 1, FlagMethod}, {Call, 1, 0}, {ReturnValue, 0, 0}}},
		{Py313, []any{"LOAD_FAST_LOAD_FAST", 0x01, "STORE_FAST_STORE_FAST", 0x10, "LOAD_GLOBAL", 1, "CALL_KW", 2, "COMPARE_OP", 88, "RETURN_VALUE", 0},
			[]want{{LoadFast, 0, 0}, {LoadFast, 1, 0}, {StoreFast, 1, 0}, {StoreFast, 0, 0},
				{LoadGlobal, 0, FlagMethod | FlagNullAbove}, {Call, 2, FlagKwNamesOnStack}, {CompareOp, 2, FlagToBool}, {ReturnValue, 0, 0}}},
		{Py311, []any{"PUSH_NULL", 0, "LOAD_METHOD", 1, "PRECALL", 0, "CALL", 0, "BINARY_OP", 13, "RETURN_VALUE", 0},
			[]want{{PushNull, 0, 0}, {LoadAttr, 1, FlagMethod}, {Call, 0, 0}, {BinaryOp, 13, 0}, {ReturnValue, 0, 0}}},
		{Py38, []any{"BINARY_ADD", 0, "INPLACE_XOR", 0, "COMPARE_OP", 6, "COMPARE_OP", 9, "DUP_TOP_TWO", 0, "ROT_TWO", 0, "CALL_FUNCTION_KW", 3, "LOAD_DEREF", 1, "RETURN_VALUE", 0},
			[]want{{MakeCell, 2, FlagSynthetic}, {CopyFreeVars, 1, FlagSynthetic}, {BinaryOp, 0, 0}, {BinaryOp, 25, 0}, {ContainsOp, 0, 0}, {IsOp, 1, 0},
				{Copy, 2, 0}, {Copy, 2, 0}, {Swap, 2, 0}, {Call, 3, FlagNoSelfSlot | FlagKwNamesOnStack}, {LoadDeref, 3, 0}, {ReturnValue, 0, 0}}},
		{Py310, []any{"FORMAT_VALUE", 6, "MAKE_FUNCTION", 9, "POP_EXCEPT", 0, "RETURN_VALUE", 0},
			[]want{{MakeCell, 2, FlagSynthetic}, {CopyFreeVars, 1, FlagSynthetic}, {Swap, 2, FlagSynthetic}, {ConvertValue, 2, 0}, {Swap, 2, FlagSynthetic}, {FormatWithSpec, 0, 0},
				{MakeFunction, 0, FlagQualname}, {SetFunctionAttribute, 8, FlagSynthetic}, {SetFunctionAttribute, 1, FlagSynthetic},
				{LegacyPopExcept, 0, 0}, {ReturnValue, 0, 0}}},
	} {
		p, err := Decode(tc.v, small(asm(t, tc.v, tc.prog...)))
		require.NoError(t, err, tc.v.String())
		require.Equal(t, tc.want, ops(p), tc.v.String())
	}
}

func TestForIterSkipsEndFor(t *testing.T) {
	// 3.12: FOR_ITER 1 -> END_FOR; normalised target is the RETURN_CONST after it.
	p, err := Decode(Py312, small(asm(t, Py312, "FOR_ITER", 1, "JUMP_BACKWARD", 3, "END_FOR", 0, "RETURN_CONST", 0)))
	require.NoError(t, err)
	require.Equal(t, Jump, p.Instrs[1].Op)
	require.Equal(t, int32(0), p.Instrs[1].Target)
	require.Equal(t, ReturnConst, p.Instrs[p.Instrs[0].Target].Op)
	// 3.13: END_FOR, POP_TOP are both skipped.
	p, err = Decode(Py313, small(asm(t, Py313, "FOR_ITER", 2, "JUMP_BACKWARD", 4, "END_FOR", 0, "POP_TOP", 0, "RETURN_CONST", 0)))
	require.NoError(t, err)
	require.Equal(t, ReturnConst, p.Instrs[p.Instrs[0].Target].Op)
}

func TestDisassemble(t *testing.T) {
	p, err := Decode(Py312, small(asm(t, Py312, "LOAD_GLOBAL", 1, "LOAD_CONST", 1, "CALL", 1, "RETURN_VALUE", 0)))
	require.NoError(t, err)
	var sb strings.Builder
	require.NoError(t, p.Disassemble(&sb, &Symbols{Consts: []string{"None", "'x'"}, Names: []string{"print", "len"}}))
	out := sb.String()
	require.Contains(t, out, "LOAD_GLOBAL")
	require.Contains(t, out, "(print, method)")
	require.Contains(t, out, "'x'")
	sb.Reset()
	require.NoError(t, p.DisassembleRaw(&sb))
	require.Contains(t, sb.String(), "LOAD_GLOBAL")
	require.NotEmpty(t, p.String())
}
