package pyexec_test

import (
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/internal/casetest"
)

// decodeCM decodes the golden tag "cm": gen_cases.py's CM context manager.
func decodeCM(tag string, raw any) (py.Object, bool) {
	if tag != "cm" {
		return nil, false
	}
	return pyexec.NewTestCM(raw.(bool)), true
}

// loadGolden builds the module globals (functions and values) of a cases
// file.
func loadGolden(tb testing.TB, file string) *casetest.Loaded {
	return casetest.Load(tb, file, decodeCM)
}

// runGoldenIfPresent runs a cases file of gen/gen_cases.py's format,
// skipping when it is absent.
func runGoldenIfPresent(t *testing.T, file string) {
	casetest.SkipIfAbsent(t, file)
	casetest.RunFunctions(t, file, decodeCM)
}

// goldenFile runs testdata/cases_py<ver>.json, skipping when it is absent.
func goldenFile(t *testing.T, ver string) {
	runGoldenIfPresent(t, "testdata/cases_py"+ver+".json")
}

func TestGolden38(t *testing.T)  { goldenFile(t, "3.8") }
func TestGolden39(t *testing.T)  { goldenFile(t, "3.9") }
func TestGolden310(t *testing.T) { goldenFile(t, "3.10") }
func TestGolden311(t *testing.T) { goldenFile(t, "3.11") }
func TestGolden312(t *testing.T) { goldenFile(t, "3.12") }
func TestGolden313(t *testing.T) { goldenFile(t, "3.13") }

// classGoldenFile runs testdata/classes_py<ver>.json (gen/gen_classes.py:
// the object model), skipping when absent.
func classGoldenFile(t *testing.T, ver string) {
	file := "testdata/classes_py" + ver + ".json"
	casetest.SkipIfAbsent(t, file)
	casetest.RunClasses(t, file)
}

func TestClasses38(t *testing.T)  { classGoldenFile(t, "3.8") }
func TestClasses39(t *testing.T)  { classGoldenFile(t, "3.9") }
func TestClasses310(t *testing.T) { classGoldenFile(t, "3.10") }
func TestClasses311(t *testing.T) { classGoldenFile(t, "3.11") }
func TestClasses312(t *testing.T) { classGoldenFile(t, "3.12") }
func TestClasses313(t *testing.T) { classGoldenFile(t, "3.13") }
