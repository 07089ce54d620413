package pyexec

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// classRun is one run of gen/gen_classes.py: a jsonRun plus the traceback's
// last line and the whole traceback text as CPython prints them.
type classRun struct {
	jsonRun
	ExcLine string `json:"exc_line"`
	TBText  string `json:"tb_text"`
}

type classCase struct {
	Name string     `json:"name"`
	Code jsonCode   `json:"code"`
	Runs []classRun `json:"runs"`
}

type classDoc struct {
	Version string      `json:"version"`
	Cases   []classCase `json:"cases"`
}

// runClassGolden runs testdata/classes_py<ver>.json: the result repr (or the
// exception's last traceback line), the printed output, and for exceptions
// the full traceback text (chained exceptions included).
func runClassGolden(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc classDoc
	require.NoError(t, json.Unmarshal(data, &doc))
	ver, err := bytecode.ParseVersion(doc.Version)
	require.NoError(t, err)
	th := NewThread(ver)
	globals := NewDict(0)
	require.NoError(t, globals.SetItem(th, py.String("__name__"), py.String("__main__")))
	pass, total := 0, 0
	for _, c := range doc.Cases {
		code, err := buildCode(th, c.Code, ver)
		require.NoError(t, err, c.Name)
		fn := NewFunction(code, globals)
		for i, r := range c.Runs {
			total++
			args := make([]py.Object, len(r.Args))
			for k, a := range r.Args {
				o, err := decodeVal(th, a, ver)
				require.NoError(t, err)
				args[k] = o
			}
			var out bytes.Buffer
			th.Stdout = &out
			res, err := Call(th, fn, args, nil)
			var got, want, gotTB string
			if err != nil {
				e := asException(err)
				got = "EXC " + e.Error()
				gotTB = e.Traceback()
			} else if s, rerr := Repr(th, res); rerr != nil {
				got = "REPR ERROR " + rerr.Error()
			} else {
				got = s
			}
			if r.Repr != nil {
				want = *r.Repr
			} else {
				want = "EXC " + r.ExcLine
			}
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

// classGoldenFile runs testdata/classes_py<ver>.json, skipping when absent.
func classGoldenFile(t *testing.T, ver string) {
	file := "testdata/classes_py" + ver + ".json"
	if _, err := os.Stat(file); err != nil {
		t.Skipf("%s not present", file)
	}
	runClassGolden(t, file)
}

func TestClasses38(t *testing.T)  { classGoldenFile(t, "3.8") }
func TestClasses39(t *testing.T)  { classGoldenFile(t, "3.9") }
func TestClasses310(t *testing.T) { classGoldenFile(t, "3.10") }
func TestClasses311(t *testing.T) { classGoldenFile(t, "3.11") }
func TestClasses312(t *testing.T) { classGoldenFile(t, "3.12") }
func TestClasses313(t *testing.T) { classGoldenFile(t, "3.13") }

// TestNewClassAPI exercises the materialiser's API: NewClass, ClassDict,
// SetAttr on a class, NewInstance and InstanceDict.
func TestNewClassAPI(t *testing.T) {
	th := NewThread(bytecode.Py312)
	ns := NewDict(0)
	require.NoError(t, ns.SetItem(th, py.String("__module__"), py.String("mod")))
	require.NoError(t, ns.SetItem(th, py.String("k"), MakeInt(1)))
	base, err := NewClass(th, nil, "Base", nil, ns)
	require.NoError(t, err)
	sub, err := NewClass(th, nil, "Sub", py.Tuple{base}, ns)
	require.NoError(t, err)
	d, ok := ClassDict(base)
	require.True(t, ok)
	v, ok := d.GetStr(th, "k")
	require.True(t, ok)
	require.Equal(t, MakeInt(1), v)
	require.NoError(t, SetAttr(th, base, "k2", py.String("x")))
	got, err := GetAttr(th, sub, "k2")
	require.NoError(t, err)
	require.Equal(t, py.String("x"), got)
	s, err := Repr(th, base)
	require.NoError(t, err)
	require.Equal(t, "<class 'mod.Base'>", s)

	inst, err := NewInstance(th, sub)
	require.NoError(t, err)
	idict, ok := InstanceDict(inst)
	require.True(t, ok)
	require.NoError(t, idict.SetItem(th, py.String("a"), MakeInt(5)))
	a, err := GetAttr(th, inst, "a")
	require.NoError(t, err)
	require.Equal(t, MakeInt(5), a)
	require.True(t, IsInstance(inst, base.(*py.Type)))
	r, err := Repr(th, inst)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(r, "<mod.Sub object at 0x"), r)

	// Exceptions as bases.
	exc, err := NewClass(th, nil, "MyError", py.Tuple{ValueErrorType}, ns)
	require.NoError(t, err)
	e, err := Call(th, exc, []py.Object{py.String("boom")}, nil)
	require.NoError(t, err)
	require.Equal(t, "mod.MyError: boom", e.(*Exception).Error())
	ok2, err := excMatches(e.(*Exception), ValueErrorType)
	require.NoError(t, err)
	require.True(t, ok2)

	// A metaclass conflict is reported, not panicked on.
	_, err = NewClass(th, py.Int(3), "X", nil, nil)
	require.Error(t, err)
}
