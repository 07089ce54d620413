package pyfmt

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pybridge/pybridge/internal/pyrepr"
	"github.com/stretchr/testify/require"
)

type jsonVal struct {
	T     string `json:"t"`
	V     string `json:"v"`
	Type  string `json:"type"`
	Str   string `json:"str"`
	Repr  string `json:"repr"`
	ASCII string `json:"ascii"`
}

type jsonCase struct {
	K       string             `json:"k"`
	V       jsonVal            `json:"v"`
	Spec    string             `json:"spec"`
	F       string             `json:"f"`
	Mode    string             `json:"mode"`
	Items   []jsonVal          `json:"items"`
	Single  jsonVal            `json:"single"`
	Keys    map[string]jsonVal `json:"keys"`
	Mapping bool               `json:"mapping"`
	X       string             `json:"x"`
	N       *int64             `json:"n"`
	S       string             `json:"s"`
	Repr    string             `json:"repr"`
	ASCII   string             `json:"ascii"`
	Out     *string            `json:"out"`
	Err     string             `json:"err"`
	Msg     string             `json:"msg"`
}

type caseFile struct {
	Minor  int        `json:"minor"`
	Python string     `json:"python"`
	Cases  []jsonCase `json:"cases"`
}

func unhex(t *testing.T, s string) string {
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return string(b)
}

func fromBits(t *testing.T, s string) float64 {
	u, err := strconv.ParseUint(s, 10, 64)
	require.NoError(t, err)
	return math.Float64frombits(u)
}

func bigInt(t *testing.T, s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 10)
	require.True(t, ok, s)
	return n
}

func toArg(t *testing.T, v jsonVal) Arg {
	switch v.T {
	case "i":
		return IntArg(bigInt(t, v.V))
	case "b":
		s := map[string]string{"0": "False", "1": "True"}[v.V]
		f := func() (string, error) { return s, nil }
		return Arg{Kind: ArgInt, TypeName: "bool", Int: bigInt(t, v.V), Str: f, Repr: f}
	case "f":
		return FloatArg(fromBits(t, v.V))
	case "s":
		return StrArg(unhex(t, v.V))
	}
	str, repr, ascii := unhex(t, v.Str), unhex(t, v.Repr), unhex(t, v.ASCII)
	return Arg{Kind: ArgOther, TypeName: v.Type,
		Str:   func() (string, error) { return str, nil },
		Repr:  func() (string, error) { return repr, nil },
		ASCII: func() (string, error) { return ascii, nil }}
}

// check compares a result with the expected output or exception.
func check(c *jsonCase, got string, err error, out string) error {
	if c.Err != "" {
		var pe *Error
		if err == nil {
			return fmt.Errorf("got %q, want %s: %s", got, c.Err, c.Msg)
		}
		if !errors.As(err, &pe) || pe.Type != c.Err || pe.Msg != c.Msg {
			return fmt.Errorf("got error %v, want %s: %s", err, c.Err, c.Msg)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("got error %v, want %q", err, out)
	}
	if got != out {
		return fmt.Errorf("got %q, want %q", got, out)
	}
	return nil
}

func runCase(t *testing.T, minor int, c *jsonCase) (string, error) {
	var got string
	var err error
	out := ""
	if c.Out != nil {
		out = *c.Out
	}
	switch c.K {
	case "format":
		out = unhex(t, out)
		switch c.V.T {
		case "i":
			got, err = FormatIntSpec(bigInt(t, c.V.V), c.Spec, minor)
		case "f":
			got, err = FormatFloatSpec(fromBits(t, c.V.V), c.Spec, minor)
		case "s":
			got, err = FormatStrSpec(unhex(t, c.V.V), c.Spec, minor)
		}
		return fmt.Sprintf("format(%s %s, %q)", c.V.T, c.V.V, c.Spec), check(c, got, err, out)
	case "percent":
		out = unhex(t, out)
		var a Args
		switch c.Mode {
		case "tuple":
			a.IsTuple = true
			for _, it := range c.Items {
				a.Items = append(a.Items, toArg(t, it))
			}
		case "dict":
			a.Single = toArg(t, c.Single)
			a.Lookup = func(k string) (Arg, error) {
				v, ok := c.Keys[k]
				if !ok {
					return Arg{}, &Error{Type: "KeyError", Msg: pyrepr.Str(k)}
				}
				return toArg(t, v), nil
			}
		default:
			a.Single = toArg(t, c.Single)
			if c.Mapping {
				a.Lookup = func(k string) (Arg, error) {
					return Arg{}, &Error{Type: "TypeError", Msg: "list indices must be integers or slices, not str"}
				}
			}
		}
		f := unhex(t, c.F)
		got, err = PercentArgs(f, a, minor)
		return fmt.Sprintf("%q %% %s%v%v", f, c.Mode, c.Items, c.Single), check(c, got, err, out)
	case "round":
		x := fromBits(t, c.X)
		if c.N == nil {
			var n *big.Int
			n, err = RoundToInt(x)
			if err == nil {
				got = n.String()
				if f, _ := new(big.Float).SetFloat64(RoundHalfEven(x)).Int(nil); f.Cmp(n) != 0 {
					err = fmt.Errorf("RoundHalfEven(%v) = %v", x, RoundHalfEven(x))
				}
			}
			return fmt.Sprintf("round(%v)", x), check(c, got, err, out)
		}
		n := *c.N
		if n > math.MaxInt32 {
			n = math.MaxInt32
		} else if n < math.MinInt32 {
			n = math.MinInt32
		}
		var f float64
		f, err = Round(x, int(n))
		got = strconv.FormatUint(math.Float64bits(f), 10)
		return fmt.Sprintf("round(%v, %d)", x, *c.N), check(c, got, err, out)
	case "hex":
		return "hex " + c.X, check(c, FloatHex(fromBits(t, c.X)), nil, out)
	case "fromhex":
		s := unhex(t, c.S)
		f, err := FloatFromHex(s)
		return fmt.Sprintf("float.fromhex(%q)", s), check(c, strconv.FormatUint(math.Float64bits(f), 10), err, out)
	case "strrepr":
		s := unhex(t, c.S)
		if err := check(c, pyrepr.Str(s), nil, unhex(t, c.Repr)); err != nil {
			return fmt.Sprintf("repr(%+q)", s), err
		}
		return fmt.Sprintf("ascii(%+q)", s), check(c, ASCIIEscape(pyrepr.Str(s)), nil, c.ASCII)
	}
	return "", fmt.Errorf("unknown case kind %q", c.K)
}

// goUnicodeMinor is the CPython 3.x minor version whose Unicode database
// matches Go's unicode package (Unicode 15.0.0).
const goUnicodeMinor = 12

func TestCPythonCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases_py3.*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var cf caseFile
		require.NoError(t, json.Unmarshal(data, &cf))
		t.Run(cf.Python, func(t *testing.T) {
			pass, fail := map[string]int{}, map[string]int{}
			unicodeSkew := 0
			for i := range cf.Cases {
				c := &cf.Cases[i]
				name, err := runCase(t, cf.Minor, c)
				if err != nil && c.K == "strrepr" && cf.Minor != goUnicodeMinor {
					// Go's unicode tables are Unicode 15.0 (CPython 3.12);
					// other versions classify some code points differently.
					unicodeSkew++
					t.Logf("known Unicode-version mismatch: %s: %v", name, err)
					continue
				}
				if err != nil {
					fail[c.K]++
					if fail[c.K] <= 15 {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				pass[c.K]++
			}
			t.Logf("Python %s: passed %v, failed %v, Unicode-version mismatches %d", cf.Python, pass, fail, unicodeSkew)
		})
	}
}

func TestReprFloats(t *testing.T) {
	data, err := os.ReadFile("testdata/repr_floats.json")
	require.NoError(t, err)
	var cases []struct{ X, Repr string }
	require.NoError(t, json.Unmarshal(data, &cases))
	require.GreaterOrEqual(t, len(cases), 10000)
	bad := 0
	for _, c := range cases {
		x := fromBits(t, c.X)
		if got := pyrepr.Float(x); got != c.Repr {
			bad++
			if bad < 10 {
				t.Errorf("repr(%s): got %q want %q", c.X, got, c.Repr)
			}
		}
		if got, err := FormatFloatSpec(x, "", DefaultMinor); err != nil || got != c.Repr {
			t.Errorf("format(%s, ''): got %q, %v", c.X, got, err)
		}
	}
}
