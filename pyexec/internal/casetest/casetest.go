// Package casetest runs pyexec's golden cases: JSON files written by
// pyexec/gen (gen_cases.py, gen_classes.py, gen_builtins2.py) and
// pyexec/stdlib/gen (gen_cases.py, gen_issue4.py) with a CPython, holding
// code objects by their CodeType fields (pyexec/gen/codedump.py) and what
// CPython produced for them. It decodes the values and code objects, builds
// the functions, runs them and compares the results, for the tests of
// package pyexec and of the standard-library modules.
package casetest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// Val is an encoded value: a type tag and its JSON value (codedump.enc).
type Val struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// Code is an encoded code object (codedump.code).
type Code struct {
	ArgCount        int      `json:"argcount"`
	PosOnlyArgCount int      `json:"posonlyargcount"`
	KwOnlyArgCount  int      `json:"kwonlyargcount"`
	NLocals         int      `json:"nlocals"`
	StackSize       int      `json:"stacksize"`
	Flags           int      `json:"flags"`
	Code            string   `json:"code"`
	Consts          []Val    `json:"consts"`
	Names           []string `json:"names"`
	VarNames        []string `json:"varnames"`
	FreeVars        []string `json:"freevars"`
	CellVars        []string `json:"cellvars"`
	Filename        string   `json:"filename"`
	Name            string   `json:"name"`
	QualName        string   `json:"qualname"`
	FirstLineNo     int      `json:"firstlineno"`
	LineTable       string   `json:"linetable"`
	ExceptionTable  string   `json:"exceptiontable"`
}

// Run is one call of a case function and CPython's outcome. ExcLine and
// TBText are recorded by gen_classes.py only.
type Run struct {
	Args        []Val    `json:"args"`
	Kwargs      [][2]any `json:"kwargs"`
	Repr        *string  `json:"repr"`
	ExcType     string   `json:"exc_type"`
	ExcMsg      string   `json:"exc_msg"`
	TB          [][2]any `json:"tb"`
	TBTruncated bool     `json:"tb_truncated"`
	Stdout      string   `json:"stdout"`
	ExcLine     string   `json:"exc_line"`
	TBText      string   `json:"tb_text"`
}

// Case is a case function with its runs.
type Case struct {
	Name       string `json:"name"`
	Code       Code   `json:"code"`
	Defaults   *Val   `json:"defaults"`
	KwDefaults *Val   `json:"kwdefaults"`
	Runs       []Run  `json:"runs"`
}

// Doc is a file of case functions (pyexec/gen).
type Doc struct {
	Version   string          `json:"version"`
	Globals   map[string]Val  `json:"globals"`
	Functions map[string]Code `json:"functions"`
	Cases     []Case          `json:"cases"`
}

// ModuleCase is a standard-library case (pyexec/stdlib/gen): a function
// without arguments compiled from Src, and CPython's outcome.
type ModuleCase struct {
	Module  string  `json:"module"`
	Src     string  `json:"src"`
	Code    Code    `json:"code"`
	Repr    *string `json:"repr"`
	ExcType string  `json:"exc_type"`
	ExcMsg  string  `json:"exc_msg"`
}

// ModuleDoc is a file of standard-library cases.
type ModuleDoc struct {
	Version string       `json:"version"`
	Cases   []ModuleCase `json:"cases"`
}

// Decoder turns encoded values into pyexec values for one thread.
type Decoder struct {
	Thread *pyexec.Thread
	// Extra decodes tags of a test's own (ok=false: unknown tag).
	Extra func(tag string, raw any) (v py.Object, ok bool)
}

func unhex(s string) ([]byte, error) { return hex.DecodeString(s) }

// Value decodes v.
func (d *Decoder) Value(v Val) (py.Object, error) {
	var raw any
	if len(v.V) > 0 {
		if err := json.Unmarshal(v.V, &raw); err != nil {
			return nil, err
		}
	}
	items := func() ([]py.Object, error) {
		var xs []Val
		if err := json.Unmarshal(v.V, &xs); err != nil {
			return nil, err
		}
		out := make([]py.Object, len(xs))
		for i, x := range xs {
			o, err := d.Value(x)
			if err != nil {
				return nil, err
			}
			out[i] = o
		}
		return out, nil
	}
	th := d.Thread
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
		if err != nil {
			return nil, err
		}
		return py.Float(f), nil
	case "complex":
		parts, _ := raw.([]any)
		if len(parts) != 2 {
			return nil, fmt.Errorf("bad complex %v", raw)
		}
		re, err := strconv.ParseFloat(fmt.Sprint(parts[0]), 64)
		if err != nil {
			return nil, err
		}
		im, err := strconv.ParseFloat(fmt.Sprint(parts[1]), 64)
		if err != nil {
			return nil, err
		}
		return pyexec.NewComplex(re, im), nil
	case "str":
		return py.String(raw.(string)), nil
	case "bytes":
		b, err := unhex(raw.(string))
		return py.Bytes(b), err
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
		s := pyexec.NewSet(th)
		s.Frozen = true
		for _, x := range xs {
			if err := s.Add(th, x); err != nil {
				return nil, err
			}
		}
		return s, nil
	case "dict":
		var pairs [][2]Val
		if err := json.Unmarshal(v.V, &pairs); err != nil {
			return nil, err
		}
		m := pyexec.NewDict(len(pairs))
		for _, p := range pairs {
			k, err := d.Value(p[0])
			if err != nil {
				return nil, err
			}
			x, err := d.Value(p[1])
			if err != nil {
				return nil, err
			}
			if err := m.SetItem(th, k, x); err != nil {
				return nil, err
			}
		}
		return m, nil
	case "code":
		var jc Code
		if err := json.Unmarshal(v.V, &jc); err != nil {
			return nil, err
		}
		return d.Code(jc)
	}
	if d.Extra != nil {
		if o, ok := d.Extra(v.T, raw); ok {
			return o, nil
		}
	}
	return nil, fmt.Errorf("unknown tag %q", v.T)
}

// Code builds a code object for the thread's version.
func (d *Decoder) Code(jc Code) (*pyexec.Code, error) {
	consts := make([]py.Object, len(jc.Consts))
	for i, c := range jc.Consts {
		o, err := d.Value(c)
		if err != nil {
			return nil, err
		}
		consts[i] = o
	}
	var tabs [3][]byte
	for i, s := range []string{jc.Code, jc.LineTable, jc.ExceptionTable} {
		b, err := unhex(s)
		if err != nil {
			return nil, err
		}
		tabs[i] = b
	}
	return pyexec.NewCode(pyexec.CodeSpec{
		Version: d.Thread.Version(), ArgCount: jc.ArgCount, PosOnlyArgCount: jc.PosOnlyArgCount, KwOnlyArgCount: jc.KwOnlyArgCount,
		NLocals: jc.NLocals, StackSize: jc.StackSize, Flags: jc.Flags, Code: tabs[0], Consts: consts,
		Names: jc.Names, VarNames: jc.VarNames, FreeVars: jc.FreeVars, CellVars: jc.CellVars,
		Filename: jc.Filename, Name: jc.Name, QualName: jc.QualName, FirstLineNo: jc.FirstLineNo,
		LineTable: tabs[1], ExceptionTable: tabs[2],
	})
}

// SkipIfAbsent skips the test when file (a generated cases file) is absent.
func SkipIfAbsent(tb testing.TB, file string) {
	tb.Helper()
	if _, err := os.Stat(file); err != nil {
		tb.Skipf("%s not present", file)
	}
}

// readJSON decodes file into doc and returns a thread of its version.
func readJSON(tb testing.TB, file string, doc any, version *string) *pyexec.Thread {
	data, err := os.ReadFile(file)
	require.NoError(tb, err)
	require.NoError(tb, json.Unmarshal(data, doc))
	ver, err := bytecode.ParseVersion(*version)
	require.NoError(tb, err)
	return pyexec.NewThread(ver)
}

// mainGlobals returns a fresh globals dict whose __name__ is "__main__".
func mainGlobals(th *pyexec.Thread) *pyexec.Dict {
	g := pyexec.NewDict(1)
	_ = g.SetItem(th, py.String("__name__"), py.String("__main__"))
	return g
}

// Loaded is a file of case functions ready to run: its thread (of the
// file's version), the module globals and the functions by name.
type Loaded struct {
	Doc     *Doc
	Thread  *pyexec.Thread
	Decoder *Decoder
	Globals *pyexec.Dict
	Funcs   map[string]*pyexec.Function
}

// Load reads a file of case functions and builds its globals and functions
// (extra decodes the test's own value tags; it may be nil).
func Load(tb testing.TB, file string, extra func(tag string, raw any) (py.Object, bool)) *Loaded {
	var doc Doc
	th := readJSON(tb, file, &doc, &doc.Version)
	d := &Decoder{Thread: th, Extra: extra}
	l := &Loaded{Doc: &doc, Thread: th, Decoder: d, Globals: mainGlobals(th), Funcs: map[string]*pyexec.Function{}}
	for name, v := range doc.Globals {
		o, err := d.Value(v)
		require.NoError(tb, err)
		require.NoError(tb, l.Globals.SetItem(th, py.String(name), o))
	}
	for _, c := range doc.Cases {
		code, err := d.Code(c.Code)
		require.NoError(tb, err, c.Name)
		fn := pyexec.NewFunction(code, l.Globals)
		if c.Defaults != nil {
			v, err := d.Value(*c.Defaults)
			require.NoError(tb, err)
			fn.Defaults = v.(py.Tuple)
		}
		if c.KwDefaults != nil {
			v, err := d.Value(*c.KwDefaults)
			require.NoError(tb, err)
			fn.KwDefaults = v.(*pyexec.Dict)
		}
		l.Funcs[c.Name] = fn
		require.NoError(tb, l.Globals.SetItem(th, py.String(c.Name), fn))
	}
	return l
}

// asException converts any error from a call into a Python exception.
func asException(err error) *pyexec.Exception {
	if e, ok := err.(*pyexec.Exception); ok {
		return e
	}
	return pyexec.Errorf(pyexec.SystemErrorType, "%v", err)
}

// outcome is what a call produced, as the cases compare it: the result's
// repr, or exc(err) for an error.
func outcome(th *pyexec.Thread, res py.Object, err error, exc func(error) string) string {
	if err != nil {
		return exc(err)
	}
	s, rerr := pyexec.Repr(th, res)
	if rerr != nil {
		return "REPR ERROR " + rerr.Error()
	}
	return s
}

// want is the outcome CPython recorded.
func want(repr *string, excType, excMsg string) string {
	if repr != nil {
		return *repr
	}
	w := "EXC " + excType
	if excMsg != "" {
		w += ": " + excMsg
	}
	return w
}

// args decodes a run's positional and keyword arguments.
func (l *Loaded) args(t testing.TB, r Run) ([]py.Object, []pyexec.KV) {
	args := make([]py.Object, len(r.Args))
	for k, a := range r.Args {
		o, err := l.Decoder.Value(a)
		require.NoError(t, err)
		args[k] = o
	}
	var kwargs []pyexec.KV
	for _, kv := range r.Kwargs {
		b, _ := json.Marshal(kv[1])
		var jv Val
		require.NoError(t, json.Unmarshal(b, &jv))
		o, err := l.Decoder.Value(jv)
		require.NoError(t, err)
		kwargs = append(kwargs, pyexec.KV{Name: kv[0].(string), Value: o})
	}
	return args, kwargs
}

// RunFunctions runs every case of a pyexec/gen cases file (gen_cases.py,
// gen_builtins2.py) and compares the result repr (or exception type and
// message, and the traceback's frames unless truncated) and the printed
// output with CPython's.
func RunFunctions(t *testing.T, file string, extra func(tag string, raw any) (py.Object, bool)) {
	t.Helper()
	l := Load(t, file, extra)
	th := l.Thread
	pass, total := 0, 0
	for _, c := range l.Doc.Cases {
		for i, r := range c.Runs {
			total++
			args, kwargs := l.args(t, r)
			var out bytes.Buffer
			th.Stdout = &out
			res, err := pyexec.Call(th, l.Funcs[c.Name], args, kwargs)
			got := outcome(th, res, err, func(err error) string {
				e := asException(err)
				s := "EXC " + e.Error()
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
						s += fmt.Sprintf(" TB %v", have)
					}
				}
				return s
			})
			want := want(r.Repr, r.ExcType, r.ExcMsg)
			if got == want && out.String() == r.Stdout {
				pass++
				continue
			}
			t.Errorf("%s %s/%d:\n  got  %s\n  want %s\n  stdout %q want %q", file, c.Name, i, got, want, out.String(), r.Stdout)
		}
	}
	t.Logf("%s: %d/%d runs pass", file, pass, total)
}

// RunClasses runs a gen_classes.py file: the result repr (or the
// exception's last traceback line), the printed output, and for exceptions
// the full traceback text (chained exceptions included).
func RunClasses(t *testing.T, file string) {
	t.Helper()
	var doc Doc
	th := readJSON(t, file, &doc, &doc.Version)
	d := &Decoder{Thread: th}
	l := &Loaded{Doc: &doc, Thread: th, Decoder: d}
	globals := mainGlobals(th)
	pass, total := 0, 0
	for _, c := range doc.Cases {
		code, err := d.Code(c.Code)
		require.NoError(t, err, c.Name)
		fn := pyexec.NewFunction(code, globals)
		for i, r := range c.Runs {
			total++
			args, _ := l.args(t, r)
			var out bytes.Buffer
			th.Stdout = &out
			res, err := pyexec.Call(th, fn, args, nil)
			gotTB := ""
			got := outcome(th, res, err, func(err error) string {
				e := asException(err)
				gotTB = e.Traceback()
				return "EXC " + e.Error()
			})
			want := want(r.Repr, r.ExcLine, "")
			ok := got == want && out.String() == r.Stdout
			if ok && r.Repr == nil && gotTB != r.TBText {
				ok = false
				got += "\n--- traceback:\n" + gotTB + "\n--- want:\n" + r.TBText
			}
			if ok {
				pass++
				continue
			}
			t.Errorf("%s %s/%d:\n  got  %s\n  want %s\n  stdout %q want %q", file, c.Name, i, got, want, out.String(), r.Stdout)
		}
	}
	t.Logf("%s: %d/%d runs pass", file, pass, total)
}

// RunModules runs a file of standard-library cases (each case function in
// fresh __main__ globals, with a step budget of 50 million) and compares
// each result repr, or exception type and message, with CPython's. It
// returns the file's version and, per module, how many cases there are and
// how many pass.
func RunModules(t *testing.T, file string) (version string, counts, pass map[string]int) {
	t.Helper()
	var doc ModuleDoc
	th := readJSON(t, file, &doc, &doc.Version)
	th.StepBudget = 50_000_000
	d := &Decoder{Thread: th}
	counts, pass = map[string]int{}, map[string]int{}
	for _, c := range doc.Cases {
		counts[c.Module]++
		code, err := d.Code(c.Code)
		if err != nil {
			t.Errorf("%s: %q: %v", c.Module, c.Src, err)
			continue
		}
		res, err := pyexec.Call(th, pyexec.NewFunction(code, mainGlobals(th)), nil, nil)
		got := outcome(th, res, err, func(err error) string {
			if e, ok := err.(*pyexec.Exception); ok {
				// The cases record the type's __name__; Error() qualifies
				// the classes of modules (decimal.InvalidOperation).
				s := e.Error()
				head, rest, _ := strings.Cut(s, ": ")
				if i := strings.LastIndexByte(head, '.'); i >= 0 && !strings.ContainsAny(head, " '") {
					s = head[i+1:]
					if rest != "" || strings.Contains(e.Error(), ": ") {
						s += ": " + rest
					}
				}
				return "EXC " + s
			}
			return "GOERR " + err.Error()
		})
		want := want(c.Repr, c.ExcType, c.ExcMsg)
		if got != want {
			t.Errorf("%s %s: %s\n  got  %s\n  want %s", doc.Version, c.Module, c.Src, got, want)
			continue
		}
		pass[c.Module]++
	}
	return doc.Version, counts, pass
}
