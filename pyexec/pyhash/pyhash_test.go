package pyhash

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

type goldenValue struct {
	T     string        `json:"t"`
	V     any           `json:"v"`
	CP    []rune        `json:"cp"`
	Hex   string        `json:"hex"`
	Re    string        `json:"re"`
	Im    string        `json:"im"`
	Items []goldenValue `json:"items"`
}

type goldenFile struct {
	Version   string `json:"version"`
	Seed      string `json:"seed"`
	Algorithm string `json:"algorithm"`
	Cases     []struct {
		V    goldenValue `json:"v"`
		Hash int64       `json:"hash"`
	} `json:"cases"`
}

// wtf8 encodes code points as generalized UTF-8 (surrogates encoded as
// three-byte sequences), the representation Hasher.Str accepts.
func wtf8(cps []rune) string {
	var b strings.Builder
	for _, r := range cps {
		if r >= 0xD800 && r <= 0xDFFF {
			b.WriteByte(byte(0xE0 | r>>12))
			b.WriteByte(byte(0x80 | (r>>6)&0x3F))
			b.WriteByte(byte(0x80 | r&0x3F))
			continue
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], r)
		b.Write(buf[:n])
	}
	return b.String()
}

func parseFloat(t *testing.T, s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return f
}

// hashOf rebuilds a golden value and hashes it with h.
func hashOf(t *testing.T, h *Hasher, v goldenValue) int64 {
	switch v.T {
	case "none":
		return h.None(0)
	case "bool":
		return h.Bool(v.V.(bool))
	case "int":
		n, ok := new(big.Int).SetString(v.V.(string), 10)
		require.True(t, ok)
		if n.IsInt64() {
			require.Equal(t, h.BigInt(n), h.Int(n.Int64()))
		}
		return h.BigInt(n)
	case "float":
		return h.Float(parseFloat(t, v.V.(string)), 0)
	case "complex":
		return h.Complex(parseFloat(t, v.Re), parseFloat(t, v.Im), 0)
	case "str":
		s := wtf8(v.CP)
		got := h.Str(s)
		require.Equal(t, got, h.StrRunes(v.CP), "StrRunes(%q)", s)
		return got
	case "bytes":
		b, err := hex.DecodeString(v.Hex)
		require.NoError(t, err)
		return h.Bytes(b)
	case "tuple":
		hs := make([]int64, len(v.Items))
		for i, it := range v.Items {
			hs[i] = hashOf(t, h, it)
		}
		return h.Tuple(hs)
	case "frozenset":
		hs := make([]int64, len(v.Items))
		for i, it := range v.Items {
			hs[i] = hashOf(t, h, it)
		}
		return h.FrozenSet(hs)
	}
	t.Fatalf("unknown value type %q", v.T)
	return 0
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/hashes_py3.*.json")
	require.NoError(t, err)
	require.Len(t, files, 12)
	total := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			var g goldenFile
			require.NoError(t, json.Unmarshal(data, &g))
			var minor int
			_, err = fmt.Sscanf(g.Version, "3.%d.", &minor)
			require.NoError(t, err)
			seed, err := strconv.ParseUint(g.Seed, 10, 32)
			require.NoError(t, err)
			h := New(minor, uint32(seed))
			require.Equal(t, g.Algorithm, string(h.Algorithm()))
			require.Greater(t, len(g.Cases), 500)
			for i, c := range g.Cases {
				got := hashOf(t, h, c.V)
				if got != c.Hash {
					vj, _ := json.Marshal(c.V)
					t.Fatalf("case %d %s: got %d, CPython %s says %d", i, vj, got, g.Version, c.Hash)
				}
			}
			total += len(g.Cases)
		})
	}
	t.Logf("%d golden hashes compared", total)
}

func TestSpecial(t *testing.T) {
	for minor := 8; minor <= 13; minor++ {
		h := New(minor, 0)
		require.Equal(t, int64(0), h.Str(""))
		require.Equal(t, int64(0), h.Bytes(nil))
		require.Equal(t, int64(-2), h.Int(-1))
		require.Equal(t, int64(Inf), h.Float(math.Inf(1), 0))
		require.Equal(t, int64(-Inf), h.Float(math.Inf(-1), 0))
		if minor >= 10 {
			require.Equal(t, Pointer(0x7f0012345670), h.Float(math.NaN(), 0x7f0012345670))
		} else {
			require.Equal(t, int64(0), h.Float(math.NaN(), 0x7f0012345670))
		}
		require.Equal(t, h.Int(math.MinInt64), h.BigInt(big.NewInt(math.MinInt64)))
		require.Equal(t, h.Float(-1, 0), int64(-2))
	}
	require.Equal(t, int64(0x07f001234567), Pointer(0x7f0012345670))
	require.Equal(t, int64(-2), Pointer(^uintptr(0)))
	// lcg_urandom(12345) over 24 bytes.
	key := SecretKey(12345)
	require.NotEqual(t, [24]byte{}, key)
	require.Equal(t, [24]byte{}, SecretKey(0))
}

func BenchmarkStrASCII16(b *testing.B) {
	h := New(11, 0)
	for i := 0; i < b.N; i++ {
		h.Str("hello, world 123")
	}
}

func BenchmarkStrLatin16(b *testing.B) {
	h := New(11, 0)
	for i := 0; i < b.N; i++ {
		h.Str("héllo, wörld 123")
	}
}

func TestInvalidUTF8AndHelpers(t *testing.T) {
	h := New(13, 0)
	// Invalid bytes count as U+FFFD.
	require.Equal(t, h.StrRunes([]rune{'a', 0xFFFD, 'b'}), h.Str("a\xffb"))
	require.Equal(t, h.StrRunes([]rune{0xFFFD, 0xFFFD}), h.Str("\xe2\x82"))
	hs := []int64{1, -2, 1 << 62, 12345}
	var x uint64
	for _, v := range hs {
		x ^= FrozenSetMix(v)
	}
	require.Equal(t, FrozenSet(hs), FrozenSetFinish(x, len(hs)))
	ts := TupleStart()
	for _, v := range hs {
		ts.Add(v)
	}
	require.Equal(t, Tuple(hs), ts.Sum())
	require.Equal(t, int64(5740354900026072187), Tuple(nil)) // hash(()) on 3.8+
}
