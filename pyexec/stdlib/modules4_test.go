package stdlib_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// runModules4 runs testdata/modules4_py<ver>.json (gen/gen_issue4.py: enum,
// dataclasses, typing, _thread on every supported CPython version).
func runModules4(t *testing.T, ver string) {
	file := "testdata/modules4_py" + ver + ".json"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("%s: %v", file, err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	v, err := bytecode.ParseVersion(doc.Version)
	if err != nil {
		t.Fatal(err)
	}
	th := pyexec.NewThread(v)
	th.StepBudget = 50_000_000
	pass, counts := map[string]int{}, map[string]int{}
	for _, c := range doc.Cases {
		counts[c.Module]++
		code, err := buildCode(th, c.Code)
		if err != nil {
			t.Errorf("%s: %q: %v", c.Module, c.Src, err)
			continue
		}
		globals := pyexec.NewDict(1)
		_ = globals.SetItem(th, py.String("__name__"), py.String("__main__"))
		res, err := pyexec.Call(th, pyexec.NewFunction(code, globals), nil, nil)
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
	for m, n := range counts {
		t.Logf("%s %-12s %d/%d", doc.Version, m, pass[m], n)
	}
}

func TestModules4Py38(t *testing.T)  { runModules4(t, "3.8") }
func TestModules4Py39(t *testing.T)  { runModules4(t, "3.9") }
func TestModules4Py310(t *testing.T) { runModules4(t, "3.10") }
func TestModules4Py311(t *testing.T) { runModules4(t, "3.11") }
func TestModules4Py312(t *testing.T) { runModules4(t, "3.12") }
func TestModules4Py313(t *testing.T) { runModules4(t, "3.13") }
