package pyrepr

import (
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFloatRandom compares Float with repr() of CPython 3.12 for 12000
// seeded random doubles (10000 of them uniform random bit patterns). The
// data is produced by internal/pyfmt/gen/gen_cases.py --floats.
func TestFloatRandom(t *testing.T) {
	data, err := os.ReadFile("../pyfmt/testdata/repr_floats.json")
	require.NoError(t, err)
	var cases []struct{ X, Repr string }
	require.NoError(t, json.Unmarshal(data, &cases))
	require.GreaterOrEqual(t, len(cases), 10000)
	for _, c := range cases {
		u, err := strconv.ParseUint(c.X, 10, 64)
		require.NoError(t, err)
		require.Equal(t, c.Repr, Float(math.Float64frombits(u)), "bits %s", c.X)
	}
}

func TestFloat(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {1e16, "1e+16"},
		{1e15, "1000000000000000.0"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
		{1.5e300, "1.5e+300"}, {5e-324, "5e-324"}, {0.1, "0.1"},
		{math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
		{123456789012345678, "1.2345678901234568e+17"}, {2e16 + 8, "2.000000000000001e+16"},
	} {
		require.Equal(t, c.want, Float(c.f))
	}
}

// TestStr checks repr() of tricky strings, as printed by CPython 3.12.
// Strings are UTF-8 in hex; surrogates use the three-byte ED form.
// More cases, per CPython version, are in package pyfmt's tests.
func TestStr(t *testing.T) {
	for _, c := range [][2]string{
		{"", "2727"},
		{"61", "276127"},
		{"27", "222722"},
		{"22", "272227"},
		{"2722", "275c272227"},
		{"69742773", "226974277322"},
		{"5c", "275c5c27"},
		{"090a0d0b0c", "275c745c6e5c725c7830625c78306327"},
		{"007f", "275c7830305c78376627"},
		{"c280c2a0c2adc3bf", "275c7838305c7861305c786164c3bf27"},
		{"65cc81", "2765cc8127"},
		{"e280a8", "275c753230323827"},
		{"efbbbf", "275c756665666627"},
		{"f09f9880", "27f09f988027"},
		{"f3a08081", "275c55303030653030303127"},
		{"eda080", "275c756438303027"},
		{"61edbfbf62", "27615c75646666666227"},
		{"cdb8", "275c753033373827"},
		{"f48fbfbf", "275c55303031306666666627"},
	} {
		in, err := hex.DecodeString(c[0])
		require.NoError(t, err)
		want, err := hex.DecodeString(c[1])
		require.NoError(t, err)
		require.Equal(t, string(want), Str(string(in)), "input %x", in)
	}
}

func TestBytes(t *testing.T) {
	for _, c := range []struct{ in, bytes, bytearray string }{
		{"", `b''`, `bytearray(b'')`},
		{"'", `b"'"`, `bytearray(b"\'")`},
		{`"`, `b'"'`, `bytearray(b'"')`},
		{`'"`, `b'\'"'`, `bytearray(b'\'"')`},
		{"it's", `b"it's"`, `bytearray(b"it\'s")`},
		{"\x00\x7f\x80\xff\\\t\n\r", `b'\x00\x7f\x80\xff\\\t\n\r'`, `bytearray(b'\x00\x7f\x80\xff\\\t\n\r')`},
	} {
		require.Equal(t, c.bytes, Bytes([]byte(c.in)))
		require.Equal(t, c.bytearray, ByteArray([]byte(c.in)))
	}
}
