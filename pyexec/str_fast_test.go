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
		items, ok := splitASCIIWhitespace(c.s, c.max)
		require.True(t, ok)
		got := []string{}
		for _, it := range items {
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
				got := splitSep(s, sep, max)
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
