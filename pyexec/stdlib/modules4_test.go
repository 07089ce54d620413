package stdlib_test

import (
	"testing"

	"github.com/pybridge/pybridge/pyexec/internal/casetest"
)

// runModules4 runs testdata/modules4_py<ver>.json (gen/gen_issue4.py: enum,
// dataclasses, typing, _thread on every supported CPython version).
func runModules4(t *testing.T, ver string) {
	file := "testdata/modules4_py" + ver + ".json"
	casetest.SkipIfAbsent(t, file)
	version, counts, pass := casetest.RunModules(t, file)
	for m, n := range counts {
		t.Logf("%s %-12s %d/%d", version, m, pass[m], n)
	}
}

func TestModules4Py38(t *testing.T)  { runModules4(t, "3.8") }
func TestModules4Py39(t *testing.T)  { runModules4(t, "3.9") }
func TestModules4Py310(t *testing.T) { runModules4(t, "3.10") }
func TestModules4Py311(t *testing.T) { runModules4(t, "3.11") }
func TestModules4Py312(t *testing.T) { runModules4(t, "3.12") }
func TestModules4Py313(t *testing.T) { runModules4(t, "3.13") }
