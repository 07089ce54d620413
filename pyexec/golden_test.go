package pyexec

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

type jsonVal struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

type jsonCode struct {
	ArgCount        int       `json:"argcount"`
	PosOnlyArgCount int       `json:"posonlyargcount"`
	KwOnlyArgCount  int       `json:"kwonlyargcount"`
	NLocals         int       `json:"nlocals"`
	StackSize       int       `json:"stacksize"`
	Flags           int       `json:"flags"`
	Code            string    `json:"code"`
	Consts          []jsonVal `json:"consts"`
	Names           []string  `json:"names"`
	VarNames        []string  `json:"varnames"`
	FreeVars        []string  `json:"freevars"`
	CellVars        []string  `json:"cellvars"`
	Filename        string    `json:"filename"`
	Name            string    `json:"name"`
	QualName        string    `json:"qualname"`
	FirstLineNo     int       `json:"firstlineno"`
	LineTable       string    `json:"linetable"`
	ExceptionTable  string    `json:"exceptiontable"`
}

type jsonRun struct {
	Args        []jsonVal `json:"args"`
	Kwargs      [][2]any  `json:"kwargs"`
	Repr        *string   `json:"repr"`
	ExcType     string    `json:"exc_type"`
	ExcMsg      string    `json:"exc_msg"`
	TB          [][2]any  `json:"tb"`
	TBTruncated bool      `json:"tb_truncated"`
	Stdout      string    `json:"stdout"`
}

type jsonCase struct {
	Name       string    `json:"name"`
	Code       jsonCode  `json:"code"`
	Defaults   *jsonVal  `json:"defaults"`
	KwDefaults *jsonVal  `json:"kwdefaults"`
	Runs       []jsonRun `json:"runs"`
}

type jsonDoc struct {
	Version   string              `json:"version"`
	Globals   map[string]jsonVal  `json:"globals"`
	Functions map[string]jsonCode `json:"functions"`
	Cases     []jsonCase          `json:"cases"`
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func decodeVal(t *Thread, v jsonVal, ver bytecode.Version) (py.Object, error) {
	var raw any
	if len(v.V) > 0 {
		if err := json.Unmarshal(v.V, &raw); err != nil {
			return nil, err
		}
	}
	items := func() ([]py.Object, error) {
		var xs []jsonVal
		if err := json.Unmarshal(v.V, &xs); err != nil {
			return nil, err
		}
		out := make([]py.Object, len(xs))
		for i, x := range xs {
			o, err := decodeVal(t, x, ver)
			if err != nil {
				return nil, err
			}
			out[i] = o
		}
		return out, nil
	}
	switch v.T {
	case "none":
		return py.None, nil
	case "bool":
		return py.NewBool(raw.(bool)), nil
	case "int":
		b, ok := new(big.Int).SetString(raw.(string), 10)
		if !ok {
			return nil, fmt.Errorf("bad int %v", raw)
		}
		return normBig(b), nil
	case "float":
		f, err := strconv.ParseFloat(raw.(string), 64)
		if err != nil {
			return nil, err
		}
		return py.Float(f), nil
	case "str":
		return py.String(raw.(string)), nil
	case "bytes":
		return py.Bytes(mustHex(raw.(string))), nil
	case "ellipsis":
		return py.Ellipsis, nil
	case "tuple":
		xs, err := items()
		return py.Tuple(xs), err
	case "list":
		xs, err := items()
		return &py.List{Items: xs}, err
	case "frozenset":
		xs, err := items()
		if err != nil {
			return nil, err
		}
		s := NewSet(t)
		s.Frozen = true
		for _, x := range xs {
			if err := s.Add(t, x); err != nil {
				return nil, err
			}
		}
		return s, nil
	case "dict":
		var pairs [][2]jsonVal
		if err := json.Unmarshal(v.V, &pairs); err != nil {
			return nil, err
		}
		d := NewDict(len(pairs))
		for _, p := range pairs {
			k, err := decodeVal(t, p[0], ver)
			if err != nil {
				return nil, err
			}
			x, err := decodeVal(t, p[1], ver)
			if err != nil {
				return nil, err
			}
			if err := d.SetItem(t, k, x); err != nil {
				return nil, err
			}
		}
		return d, nil
	case "cm":
		return newTestCM(raw.(bool)), nil
	case "code":
		var jc jsonCode
		if err := json.Unmarshal(v.V, &jc); err != nil {
			return nil, err
		}
		return buildCode(t, jc, ver)
	}
	return nil, fmt.Errorf("unknown tag %q", v.T)
}

func buildCode(t *Thread, jc jsonCode, ver bytecode.Version) (*Code, error) {
	consts := make([]py.Object, len(jc.Consts))
	for i, c := range jc.Consts {
		o, err := decodeVal(t, c, ver)
		if err != nil {
			return nil, err
		}
		consts[i] = o
	}
	return NewCode(CodeSpec{
		Version: ver, ArgCount: jc.ArgCount, PosOnlyArgCount: jc.PosOnlyArgCount, KwOnlyArgCount: jc.KwOnlyArgCount,
		NLocals: jc.NLocals, StackSize: jc.StackSize, Flags: jc.Flags, Code: mustHex(jc.Code), Consts: consts,
		Names: jc.Names, VarNames: jc.VarNames, FreeVars: jc.FreeVars, CellVars: jc.CellVars,
		Filename: jc.Filename, Name: jc.Name, QualName: jc.QualName, FirstLineNo: jc.FirstLineNo,
		LineTable: mustHex(jc.LineTable), ExceptionTable: mustHex(jc.ExceptionTable),
	})
}

// loadGolden builds the module globals (functions and values) of a cases file.
func loadGolden(tb testing.TB, file string) (*jsonDoc, *Thread, *Dict, map[string]*Function) {
	data, err := os.ReadFile(file)
	require.NoError(tb, err)
	var doc jsonDoc
	require.NoError(tb, json.Unmarshal(data, &doc))
	ver, err := bytecode.ParseVersion(doc.Version)
	require.NoError(tb, err)
	th := NewThread(ver)
	globals := NewDict(0)
	require.NoError(tb, globals.SetItem(th, py.String("__name__"), py.String("__main__")))
	for name, v := range doc.Globals {
		o, err := decodeVal(th, v, ver)
		require.NoError(tb, err)
		require.NoError(tb, globals.SetItem(th, py.String(name), o))
	}
	funcs := map[string]*Function{}
	for _, c := range doc.Cases {
		code, err := buildCode(th, c.Code, ver)
		require.NoError(tb, err, c.Name)
		fn := NewFunction(code, globals)
		if c.Defaults != nil {
			d, err := decodeVal(th, *c.Defaults, ver)
			require.NoError(tb, err)
			fn.Defaults = d.(py.Tuple)
		}
		if c.KwDefaults != nil {
			d, err := decodeVal(th, *c.KwDefaults, ver)
			require.NoError(tb, err)
			fn.KwDefaults = d.(*Dict)
		}
		funcs[c.Name] = fn
		require.NoError(tb, globals.SetItem(th, py.String(c.Name), fn))
	}
	return &doc, th, globals, funcs
}

func runGolden(t *testing.T, file string) {
	doc, th, _, funcs := loadGolden(t, file)
	pass, total := 0, 0
	for _, c := range doc.Cases {
		for i, r := range c.Runs {
			total++
			name := fmt.Sprintf("%s/%d", c.Name, i)
			args := make([]py.Object, len(r.Args))
			for k, a := range r.Args {
				o, err := decodeVal(th, a, th.Version())
				require.NoError(t, err)
				args[k] = o
			}
			var kwargs []KV
			for _, kv := range r.Kwargs {
				b, _ := json.Marshal(kv[1])
				var jv jsonVal
				require.NoError(t, json.Unmarshal(b, &jv))
				o, err := decodeVal(th, jv, th.Version())
				require.NoError(t, err)
				kwargs = append(kwargs, KV{Name: kv[0].(string), Value: o})
			}
			var out bytes.Buffer
			th.Stdout = &out
			res, err := Call(th, funcs[c.Name], args, kwargs)
			got := ""
			if err != nil {
				e := asException(err)
				got = "EXC " + e.Error()
				if r.Repr == nil && !r.TBTruncated {
					var want []string
					for _, f := range r.TB {
						want = append(want, fmt.Sprintf("%v:%v", f[0], f[1]))
					}
					var have []string
					for k := len(e.Frames) - 1; k >= 0; k-- {
						have = append(have, fmt.Sprintf("%s:%d", e.Frames[k].Name, e.Frames[k].Line))
					}
					if fmt.Sprint(want) != fmt.Sprint(have) {
						got += fmt.Sprintf(" TB %v", have)
					}
				}
			} else {
				s, rerr := Repr(th, res)
				if rerr != nil {
					got = "REPR ERROR " + rerr.Error()
				} else {
					got = s
				}
			}
			want := ""
			if r.Repr != nil {
				want = *r.Repr
			} else {
				want = "EXC " + r.ExcType
				if r.ExcMsg != "" {
					want += ": " + r.ExcMsg
				}
			}
			if got == want && out.String() == r.Stdout {
				pass++
				continue
			}
			t.Errorf("%s %s:\n  got  %s\n  want %s\n  stdout %q want %q", file, name, got, want, out.String(), r.Stdout)
		}
	}
	t.Logf("%s: %d/%d runs pass", file, pass, total)
}

// goldenFile runs testdata/cases_py<ver>.json, skipping when it is absent.
func goldenFile(t *testing.T, ver string) {
	file := "testdata/cases_py" + ver + ".json"
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s not present", file)
	}
	runGolden(t, file)
}

func TestGolden38(t *testing.T)  { goldenFile(t, "3.8") }
func TestGolden39(t *testing.T)  { goldenFile(t, "3.9") }
func TestGolden310(t *testing.T) { goldenFile(t, "3.10") }
func TestGolden311(t *testing.T) { goldenFile(t, "3.11") }
func TestGolden312(t *testing.T) { goldenFile(t, "3.12") }
func TestGolden313(t *testing.T) { goldenFile(t, "3.13") }
