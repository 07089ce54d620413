package stdlib_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	_ "github.com/pybridge/pybridge/pyexec/stdlib"
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

type jsonCase struct {
	Module  string   `json:"module"`
	Src     string   `json:"src"`
	Code    jsonCode `json:"code"`
	Repr    *string  `json:"repr"`
	ExcType string   `json:"exc_type"`
	ExcMsg  string   `json:"exc_msg"`
}

type jsonDoc struct {
	Version string     `json:"version"`
	Cases   []jsonCase `json:"cases"`
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func decodeVal(t *pyexec.Thread, v jsonVal) (py.Object, error) {
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
			o, err := decodeVal(t, x)
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
		return pyexec.IntFromBig(b), nil
	case "float":
		f, err := strconv.ParseFloat(raw.(string), 64)
		return py.Float(f), err
	case "str":
		return py.String(raw.(string)), nil
	case "bytes":
		return py.Bytes(unhex(raw.(string))), nil
	case "ellipsis":
		return py.Ellipsis, nil
	case "tuple":
		xs, err := items()
		return py.Tuple(xs), err
	case "frozenset":
		xs, err := items()
		if err != nil {
			return nil, err
		}
		s := pyexec.NewSet(t)
		for _, x := range xs {
			if err := s.Add(t, x); err != nil {
				return nil, err
			}
		}
		s.Frozen = true
		return s, nil
	case "code":
		var jc jsonCode
		if err := json.Unmarshal(v.V, &jc); err != nil {
			return nil, err
		}
		return buildCode(t, jc)
	}
	return nil, fmt.Errorf("unknown tag %q", v.T)
}

func buildCode(t *pyexec.Thread, jc jsonCode) (*pyexec.Code, error) {
	consts := make([]py.Object, len(jc.Consts))
	for i, c := range jc.Consts {
		o, err := decodeVal(t, c)
		if err != nil {
			return nil, err
		}
		consts[i] = o
	}
	return pyexec.NewCode(pyexec.CodeSpec{
		Version: t.Version(), ArgCount: jc.ArgCount, PosOnlyArgCount: jc.PosOnlyArgCount, KwOnlyArgCount: jc.KwOnlyArgCount,
		NLocals: jc.NLocals, StackSize: jc.StackSize, Flags: jc.Flags, Code: unhex(jc.Code), Consts: consts,
		Names: jc.Names, VarNames: jc.VarNames, FreeVars: jc.FreeVars, CellVars: jc.CellVars,
		Filename: jc.Filename, Name: jc.Name, QualName: jc.QualName, FirstLineNo: jc.FirstLineNo,
		LineTable: unhex(jc.LineTable), ExceptionTable: unhex(jc.ExceptionTable),
	})
}

func runCases(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	ver, err := bytecode.ParseVersion(doc.Version)
	if err != nil {
		t.Fatal(err)
	}
	th := pyexec.NewThread(ver)
	th.StepBudget = 50_000_000
	counts := map[string]int{}
	pass := map[string]int{}
	for _, c := range doc.Cases {
		counts[c.Module]++
		code, err := buildCode(th, c.Code)
		if err != nil {
			t.Errorf("%s: %q: %v", c.Module, c.Src, err)
			continue
		}
		globals := pyexec.NewDict(1)
		_ = globals.SetItem(th, py.String("__name__"), py.String("__main__"))
		fn := pyexec.NewFunction(code, globals)
		res, err := pyexec.Call(th, fn, nil, nil)
		var got string
		if err != nil {
			if e, ok := err.(*pyexec.Exception); ok {
				got = "EXC " + e.Error()
			} else {
				got = "GOERR " + err.Error()
			}
		} else if got, err = pyexec.Repr(th, res); err != nil {
			got = "REPR ERROR " + err.Error()
		}
		want := ""
		if c.Repr != nil {
			want = *c.Repr
		} else {
			want = "EXC " + c.ExcType
			if c.ExcMsg != "" {
				want += ": " + c.ExcMsg
			}
		}
		if got != want {
			t.Errorf("%s %s: %s\n  got  %s\n  want %s", doc.Version, c.Module, c.Src, got, want)
			continue
		}
		pass[c.Module]++
	}
	for _, m := range pyexec.ModuleNames() {
		if counts[m] == 0 {
			t.Errorf("module %s has no golden cases in %s", m, file)
		}
	}
	for _, m := range pyexec.ModuleNames() {
		t.Logf("%s %-12s %d/%d", doc.Version, m, pass[m], counts[m])
	}
}

func TestGolden311(t *testing.T) { runCases(t, "testdata/cases_py3.11.json") }
func TestGolden312(t *testing.T) { runCases(t, "testdata/cases_py3.12.json") }
