package bytecode

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// asm assembles (name, arg) pairs of version v into wordcode, adding the
// version's CACHE words and EXTENDED_ARG prefixes.
func asm(t *testing.T, v Version, prog ...any) []byte {
	tab := tableFor(v)
	var out []byte
	for i := 0; i < len(prog); i += 2 {
		name, arg := prog[i].(string), prog[i+1].(int)
		op := -1
		for n := range tab.ops {
			if tab.ops[n].name == name {
				op = n
			}
		}
		require.GreaterOrEqual(t, op, 0, name)
		for s := 24; s > 0; s -= 8 {
			if arg>>s != 0 {
				out = append(out, byte(tab.extendedArg), byte(arg>>s))
			}
		}
		out = append(out, byte(op), byte(arg))
		for c := 0; c < tab.ops[op].cache; c++ {
			out = append(out, 0, 0)
		}
	}
	return out
}

func small(code []byte) *Input {
	return &Input{Code: code, NConsts: 2, NNames: 2, NVarnames: 2, NCellvars: 1, NFreevars: 1, FirstLineNo: 1}
}

func decodeErr(t *testing.T, v Version, in *Input, contains string) *DecodeError {
	t.Helper()
	_, err := Decode(v, in)
	require.Error(t, err)
	var de *DecodeError
	require.True(t, errors.As(err, &de), "%T", err)
	require.Contains(t, err.Error(), contains)
	return de
}

func TestHostile(t *testing.T) {
	ret := func(v Version) []byte { return asm(t, v, "LOAD_CONST", 0, "RETURN_VALUE", 0) }
	for _, v := range SupportedVersions() {
		t.Run(v.String(), func(t *testing.T) {
			_, err := Decode(v, small(ret(v)))
			require.NoError(t, err)
			decodeErr(t, v, small(append(ret(v), 1)), "odd")
			decodeErr(t, v, small(nil), "empty")
			de := decodeErr(t, v, small(append(asm(t, v, "NOP", 0), 0xff, 0, 0, 0)), "opcode")
			require.Equal(t, 2, de.Offset)
			decodeErr(t, v, small(asm(t, v, "LOAD_CONST", 2, "RETURN_VALUE", 0)), "co_consts index 2")
			decodeErr(t, v, small(asm(t, v, "LOAD_FAST", 7, "RETURN_VALUE", 0)), "local index 7")
			decodeErr(t, v, small(asm(t, v, "LOAD_CONST", 1<<31, "RETURN_VALUE", 0)), "overflows")
			ext := byte(tableFor(v).extendedArg)
			decodeErr(t, v, small(append([]byte{ext, 0, ext, 0, ext, 0, ext, 0}, ret(v)...)), "more than three")
			decodeErr(t, v, small(append(ret(v), ext, 1)), "EXTENDED_ARG at end")
			decodeErr(t, v, small(asm(t, v, "LOAD_NAME", 9, "RETURN_VALUE", 0)), "co_names index")
			decodeErr(t, v, small(asm(t, v, "LOAD_DEREF", 9, "RETURN_VALUE", 0)), "cell/free index")
			decodeErr(t, v, small(asm(t, v, "JUMP_FORWARD", 40, "RETURN_VALUE", 0)), "outside the code")
		})
	}
}

func TestHostileJumps(t *testing.T) {
	// 3.12: a jump landing on a CACHE word of LOAD_GLOBAL.
	code := asm(t, Py312, "JUMP_FORWARD", 1, "LOAD_GLOBAL", 0, "RETURN_VALUE", 0)
	decodeErr(t, Py312, small(code), "CACHE")
	// 3.10: absolute jump to an odd unit / past EXTENDED_ARG.
	in := small(asm(t, Py310, "LOAD_CONST", 0x100, "JUMP_ABSOLUTE", 1, "RETURN_VALUE", 0))
	in.NConsts = 0x101
	decodeErr(t, Py310, in, "skips the instruction's EXTENDED_ARG")
	// 3.11: CACHE as an instruction; specialised opcode.
	decodeErr(t, Py311, small(asm(t, Py311, "CACHE", 0)), "CACHE entry")
	decodeErr(t, Py313, small(asm(t, Py313, "LOAD_ATTR_SLOT", 0)), "specialised")
	decodeErr(t, Py312, small(asm(t, Py312, "INSTRUMENTED_RESUME", 0)), "runtime-only")
	// 3.12 FOR_ITER must target END_FOR.
	code = asm(t, Py312, "FOR_ITER", 0, "RETURN_VALUE", 0)
	decodeErr(t, Py312, small(code), "END_FOR")
	// KW_NAMES must be followed by CALL.
	decodeErr(t, Py312, small(asm(t, Py312, "KW_NAMES", 0, "RETURN_VALUE", 0)), "KW_NAMES")
	// Truncated cache.
	decodeErr(t, Py312, small(asm(t, Py312, "LOAD_GLOBAL", 0)[:4]), "cache")
}

func TestHostileExceptionTable(t *testing.T) {
	code := asm(t, Py312, "NOP", 0, "NOP", 0, "RETURN_CONST", 0)
	ok := small(code)
	ok.ExceptionTable = []byte{0x80, 0x01, 0x02, 0x00}
	p, err := Decode(Py312, ok)
	require.NoError(t, err)
	require.Len(t, p.RawHandlers, 1)
	for _, tc := range []struct {
		tab  []byte
		want string
	}{
		{[]byte{0x80, 0x01, 0x09, 0x00}, "not an instruction"},
		{[]byte{0x80, 0x09, 0x00, 0x00}, "past the code"},
		{[]byte{0x80, 0x01}, "truncated"},
		{[]byte{0x00, 0x01, 0x00, 0x00}, "start marker"},
		{[]byte{0x81, 0x01, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00}, "overlaps"},
		{[]byte{0x80, 0x00, 0x00, 0x00}, "empty range"},
	} {
		in := small(code)
		in.ExceptionTable = tc.tab
		de := decodeErr(t, Py312, in, tc.want)
		require.Equal(t, "exception table", de.Table)
	}
	in := small(code)
	in.ExceptionTable, in.StackSize = []byte{0x80, 0x01, 0x02, 0x10}, 2
	decodeErr(t, Py312, in, "co_stacksize")
}

func TestUnsupportedVersion(t *testing.T) {
	_, err := Decode(Version{3, 7}, small([]byte{0, 0}))
	require.ErrorContains(t, err, "unsupported")
	require.False(t, Version{3, 14}.Supported())
	require.Equal(t, 3531, Py312.Magic())
}
