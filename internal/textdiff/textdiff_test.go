package textdiff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffEqualIsEmpty(t *testing.T) {
	assert.Equal(t, "", Unified("a", "b", []byte("x\ny\n"), []byte("x\ny\n")))
	assert.Equal(t, "", Unified("a", "b", nil, []byte{}))
}

func TestDiffChangeAndAppend(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	got := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	const expect = `--- want
+++ got
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -10,3 +10,4 @@
 j
 k
 l
+m
`
	assert.Equal(t, expect, Unified("want", "got", []byte(want), []byte(got)))
}

func TestDiffMergesCloseChanges(t *testing.T) {
	want := "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
	got := "1\n2\nthree\n4\n5\n6\n7\n8\nnine\n"
	const expect = `--- w
+++ g
@@ -1,9 +1,9 @@
 1
 2
-3
+three
 4
 5
 6
 7
 8
-9
+nine
`
	assert.Equal(t, expect, Unified("w", "g", []byte(want), []byte(got)))
}

func TestDiffDeleteAll(t *testing.T) {
	const expect = "--- w\n+++ g\n@@ -1,2 +0,0 @@\n-x\n-y\n"
	assert.Equal(t, expect, Unified("w", "g", []byte("x\ny\n"), nil))
	const expectAdd = "--- w\n+++ g\n@@ -0,0 +1 @@\n+x\n"
	assert.Equal(t, expectAdd, Unified("w", "g", nil, []byte("x\n")))
}

func TestDiffMissingFinalNewline(t *testing.T) {
	const expect = "--- w\n+++ g\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"
	assert.Equal(t, expect, Unified("w", "g", []byte("a\nb\n"), []byte("a\nb")))
}

func TestDiffBinaryUsesHexDump(t *testing.T) {
	want := []byte{0x80, 0x05, 0x95, 0, 0, 0, 0, 0, 0, 0, 0, 'K', 0x01, '.'}
	got := append([]byte(nil), want...)
	got[12] = 0x02
	d := Unified("w", "g", want, got)
	assert.Contains(t, d, "-00000000  80 05 95 00 00 00 00 00 00 00 00 4b 01 2e")
	assert.Contains(t, d, "+00000000  80 05 95 00 00 00 00 00 00 00 00 4b 02 2e")
	assert.Contains(t, d, "|...........K..|")
	assert.True(t, strings.HasPrefix(d, "--- w\n+++ g\n@@ -1 +1 @@\n"), d)
}

// apply rebuilds b from a and an edit script, checking the script's indexes.
func apply(t *testing.T, a, b []string, ops []op) []string {
	var out []string
	ia, ib := 0, 0
	for _, o := range ops {
		switch o.kind {
		case opEqual:
			require.Equal(t, ia, o.i)
			require.Equal(t, ib, o.j)
			require.Equal(t, a[o.i], b[o.j])
			out = append(out, a[o.i])
			ia++
			ib++
		case opDelete:
			require.Equal(t, ia, o.i)
			ia++
		case opInsert:
			require.Equal(t, ib, o.j)
			out = append(out, b[o.j])
			ib++
		}
	}
	require.Equal(t, len(a), ia)
	return out
}

func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDiffOpsRandomAreMinimal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func() []string {
		n := rng.Intn(30)
		s := make([]string, n)
		for i := range s {
			s[i] = string(rune('a' + rng.Intn(4)))
		}
		return s
	}
	for iter := 0; iter < 500; iter++ {
		a, b := gen(), gen()
		ops := diffOps(a, b)
		got := apply(t, a, b, ops)
		if len(b) == 0 {
			require.Empty(t, got)
		} else {
			require.Equal(t, b, got)
		}
		equal := 0
		for _, o := range ops {
			if o.kind == opEqual {
				equal++
			}
		}
		require.Equal(t, lcsLen(a, b), equal, "a=%q b=%q", a, b)
	}
}

func TestDiffOpsHugeFallsBack(t *testing.T) {
	a := make([]string, 5000)
	b := make([]string, 5000)
	for i := range a {
		a[i] = fmt.Sprintf("a%d\n", i)
		b[i] = fmt.Sprintf("b%d\n", i)
	}
	a[0], b[0] = "same\n", "same\n"
	ops := diffOps(a, b)
	require.Equal(t, b, apply(t, a, b, ops))
}
