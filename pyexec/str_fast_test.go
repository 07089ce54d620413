package pyexec

import (
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// Cases checked against CPython 3.11's str.split(None, max).
func TestSplitASCIIWhitespace(t *testing.T) {
	for _, c := range []struct {
		s    string
		max  int64
		want []string
	}{
		{"", -1, []string{}},
		{"   ", -1, []string{}},
		{"a b  c", -1, []string{"a", "b", "c"}},
		{"  a\tb\nc \x0b\x0cd\re  ", -1, []string{"a", "b", "c", "d", "e"}},
		{"a\x1cb\x1dc\x1ed\x1fe", -1, []string{"a", "b", "c", "d", "e"}},
		{"a b c  ", 1, []string{"a", "b c  "}},
		{"  a b c  ", 1, []string{"a", "b c  "}},
		{"a b c", 0, []string{"a b c"}},
		{"  a b c", 0, []string{"a b c"}},
		{"a b ", 2, []string{"a", "b"}},
		{"a b   ", 1, []string{"a", "b   "}},
		{"   ", 0, []string{}},
	} {
		l, ok := splitASCIIWhitespace(c.s, c.max)
		require.True(t, ok)
		got := []string{}
		for _, it := range l.Items {
			got = append(got, string(it.(py.String)))
		}
		require.Equal(t, c.want, got, "%q.split(None, %d)", c.s, c.max)
	}
	_, ok := splitASCIIWhitespace("caf\u00e9 x", -1)
	require.False(t, ok)
}

func TestBoxing(t *testing.T) {
	th := NewThread(bytecode.Py312)
	var objs []py.Object
	for i := int64(-100000); i < 100000; i += 7 {
		objs = append(objs, th.boxInt(i))
	}
	for k, o := range objs {
		require.Equal(t, py.Int(-100000+7*int64(k)), o)
	}
	items := boxStrings([]string{"a", "", "bc"})
	require.Equal(t, []py.Object{py.String("a"), py.String(""), py.String("bc")}, items)
	require.True(t, Identical(items[2], py.String("bc")))
}

// TestSplitSep: splitSep agrees with strings.SplitN for every maxsplit.
func TestSplitSep(t *testing.T) {
	for _, s := range []string{"", ",", "a", "a,b", ",a,,b,", "a,,b,,,c", "ééé,ü,", "abcabcab"} {
		for _, sep := range []string{",", ",,", "ab", "é"} {
			for max := int64(-1); max < 6; max++ {
				n := -1
				if max >= 0 {
					n = int(max) + 1
				}
				want := strings.SplitN(s, sep, n)
				got := splitSep(s, sep, max).Items
				if len(got) != len(want) {
					t.Fatalf("split(%q, %q, %d): %d fields, want %d", s, sep, max, len(got), len(want))
				}
				for i := range want {
					if got[i] != py.String(want[i]) {
						t.Fatalf("split(%q, %q, %d)[%d] = %v, want %q", s, sep, max, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestConcatChain: concatChain takes over the str loads and additions that
// follow x + y, and stops at anything else (a non-str, an unbound local,
// another operator, the end of the code).
func TestConcatChain(t *testing.T) {
	ld := func(op bytecode.Op, i int32) bytecode.Instr { return bytecode.Instr{Op: op, Arg: i, Arg2: -1} }
	add := bytecode.Instr{Op: bytecode.BinaryOp, Arg: opAdd, Arg2: -1}
	sub := bytecode.Instr{Op: bytecode.BinaryOp, Arg: opSub, Arg2: -1}
	locals := []py.Object{py.String("b"), py.Int(1), nil}
	consts := []py.Object{py.String(" / "), py.String("")}
	for _, c := range []struct {
		code []bytecode.Instr
		want string
		n    int
	}{
		{nil, "xy", 0},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadConst, 0), add, ld(bytecode.LoadConst, 1), add}, "xyb / ", 6},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadFast, 1), add}, "xyb", 2},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 2), add}, "xy", 0},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 0), sub}, "xy", 0},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 0)}, "xy", 0},
		{[]bytecode.Instr{ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadFast, 0), add,
			ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadFast, 0), add, ld(bytecode.LoadFast, 0), add,
			ld(bytecode.LoadFast, 0), add}, "xybbbbbb", 12},
	} {
		got, n := concatChain("x", "y", c.code, 0, locals, consts)
		require.Equal(t, py.String(c.want), got)
		require.Equal(t, c.n, n)
	}
}

// TestASCIICase: asciiCase and isASCII agree with a byte-by-byte reference
// at every length and position of a non-ASCII byte and of the letters'
// neighbours.
func TestASCIICase(t *testing.T) {
	alphabet := "@AZ[`az{09 \x7f"
	for n := 0; n < 20; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[(i*7+n)%len(alphabet)]
		}
		s := string(b)
		require.True(t, isASCII(s))
		got, ok := asciiCase(s, 'A', 'Z')
		require.True(t, ok)
		want := strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + 32
			}
			return r
		}, s)
		if want == s {
			require.Nil(t, got)
		} else {
			require.Equal(t, py.String(want), got)
		}
		for i := 0; i < n; i++ {
			c := []byte(s)
			c[i] = 0x80 | c[i]
			require.False(t, isASCII(string(c)), "%q", c)
			_, ok := asciiCase(string(c), 'a', 'z')
			require.False(t, ok)
		}
	}
}
