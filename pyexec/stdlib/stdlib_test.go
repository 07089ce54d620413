package stdlib_test

import (
	"testing"

	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/internal/casetest"
	_ "github.com/pybridge/pybridge/pyexec/stdlib"
)

// runCases runs a gen/gen_cases.py file (every module's cases with one
// CPython), requires cases for every registered module and logs the pass
// counts per module.
func runCases(t *testing.T, file string) {
	version, counts, pass := casetest.RunModules(t, file)
	for _, m := range pyexec.ModuleNames() {
		if counts[m] == 0 {
			t.Errorf("module %s has no golden cases in %s", m, file)
		}
	}
	for _, m := range pyexec.ModuleNames() {
		t.Logf("%s %-12s %d/%d", version, m, pass[m], counts[m])
	}
}

func TestGolden311(t *testing.T) { runCases(t, "testdata/cases_py3.11.json") }
func TestGolden312(t *testing.T) { runCases(t, "testdata/cases_py3.12.json") }
