package pyfmt

import (
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseSpecFields(t *testing.T) {
	sp, err := ParseSpec("*^+z#012_.3f")
	require.NoError(t, err)
	require.Equal(t, Spec{Fill: '*', FillGiven: true, Align: '^', Sign: '+', NoNegZero: true,
		Alternate: true, Width: 12, Grouping: '_', Precision: 3, Type: 'f', HasType: true,
		Minor: DefaultMinor}, sp)

	sp, err = ParseSpec("")
	require.NoError(t, err)
	require.Equal(t, -1, sp.Width)
	require.Equal(t, -1, sp.Precision)
	require.False(t, sp.HasType)

	_, err = ParseSpecFor("xx", "int", 10)
	require.EqualError(t, err, "ValueError: Invalid format specifier")
	_, err = ParseSpecFor("xx", "int", 11)
	require.EqualError(t, err, "ValueError: Invalid format specifier 'xx' for object of type 'int'")
}

func TestFormatAPI(t *testing.T) {
	sp, _ := ParseSpec("0=12,d")
	s, err := FormatInt64(1234, sp)
	require.NoError(t, err)
	require.Equal(t, "0,000,001,234", s)

	sp, _ = ParseSpec(".2f")
	s, err = FormatFloat(2.675, sp)
	require.NoError(t, err)
	require.Equal(t, "2.67", s)

	s, err = FormatFloatSpec(1e16, ".3", 12)
	require.NoError(t, err)
	require.Equal(t, "1e+16", s)

	s, err = FormatStrSpec("日本語", "^7.2", 12)
	require.NoError(t, err)
	require.Equal(t, "  日本   ", s)

	_, err = FormatIntSpec(new(big.Int).Lsh(big.NewInt(1), 1100), "e", 12)
	require.EqualError(t, err, "OverflowError: int too large to convert to float")
}

func TestRoundAPI(t *testing.T) {
	for _, c := range []struct {
		x    float64
		n    int
		want float64
	}{{2.675, 2, 2.67}, {0.125, 2, 0.12}, {0.5, 0, 0}, {1.5, 0, 2}, {15, -1, 20}, {25, -1, 20}, {1.5, 400, 1.5}} {
		got, err := Round(c.x, c.n)
		require.NoError(t, err)
		require.Equal(t, c.want, got, "round(%v, %d)", c.x, c.n)
	}
	_, err := Round(1.7976931348623157e308, -308)
	require.EqualError(t, err, "OverflowError: rounded value too large to represent")
	require.Equal(t, 2.0, RoundHalfEven(2.5))
	_, err = RoundToInt(math.Inf(1))
	require.EqualError(t, err, "OverflowError: cannot convert float infinity to integer")
}

func TestPercentAPI(t *testing.T) {
	s, err := Percent("%s=%05.1f|%-4d|%#x|%r", []Arg{StrArg("pi"), FloatArg(3.14159), IntArg(big.NewInt(7)), IntArg(big.NewInt(255)), StrArg("it's")})
	require.NoError(t, err)
	require.Equal(t, `pi=003.1|7   |0xff|"it's"`, s)

	_, err = Percent("%d %d", []Arg{IntArg(big.NewInt(1))})
	require.EqualError(t, err, "TypeError: not enough arguments for format string")

	vals := map[string]Arg{"name": StrArg("x")}
	s, err = PercentArgs("%(name)s!", Args{Single: Arg{TypeName: "dict"}, Lookup: func(k string) (Arg, error) {
		return vals[k], nil
	}}, 12)
	require.NoError(t, err)
	require.Equal(t, "x!", s)

	_, err = PercentArgs("%d", Args{Single: StrArg("x")}, 8)
	require.EqualError(t, err, "TypeError: %d format: a number is required, not str")
}

func TestHexAPI(t *testing.T) {
	require.Equal(t, "0x1.8000000000000p+0", FloatHex(1.5))
	f, err := FloatFromHex(" -0x1.8p1 ")
	require.NoError(t, err)
	require.Equal(t, -3.0, f)
	_, err = FloatFromHex("0x1p1024")
	require.EqualError(t, err, "OverflowError: hexadecimal value too large to represent as a float")
}
