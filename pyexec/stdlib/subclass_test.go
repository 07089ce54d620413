package stdlib_test

import (
	"testing"

	"github.com/pybridge/pybridge/pyexec/internal/casetest"
)

// runSubclass runs testdata/subclass_py<ver>.json (gen/gen_subclass.py:
// user classes deriving from deque, OrderedDict, defaultdict, Counter,
// ChainMap, Decimal and tzinfo, and the native types CPython refuses as
// bases) and requires every case to pass.
func runSubclass(t *testing.T, ver string) {
	file := "testdata/subclass_py" + ver + ".json"
	casetest.SkipIfAbsent(t, file)
	version, counts, pass := casetest.RunModules(t, file)
	total := 0
	for m, n := range counts {
		total += n
		t.Logf("%s %-12s %d/%d", version, m, pass[m], n)
	}
	if total < 50 {
		t.Errorf("%s: only %d subclass cases", file, total)
	}
}

func TestSubclassPy38(t *testing.T)  { runSubclass(t, "3.8") }
func TestSubclassPy39(t *testing.T)  { runSubclass(t, "3.9") }
func TestSubclassPy310(t *testing.T) { runSubclass(t, "3.10") }
func TestSubclassPy311(t *testing.T) { runSubclass(t, "3.11") }
func TestSubclassPy312(t *testing.T) { runSubclass(t, "3.12") }
func TestSubclassPy313(t *testing.T) { runSubclass(t, "3.13") }
