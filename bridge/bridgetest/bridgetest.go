// Package bridgetest tests PySpark UDFs against golden files in plain Go
// tests: no JVM, no Spark and no Python on the machine that runs them.
//
// The driver side (with Python) pickles each function with cloudpickle,
// as PySpark ships it, writes fixture inputs and records the outputs; the
// files are committed. A Go test then runs the payloads with pybridge and
// compares:
//
//	func TestUDFs(t *testing.T) {
//		bridgetest.RunDir(t, "testdata", bridgetest.Options{})
//	}
//
// runs every case folder under testdata/ (see package cases for the
// layout: payload.pkl, input.pkl|input.jsonl|input.txt, want.txt or
// want.jsonl, optional check.json and dis.json) as a subtest. For files
// kept elsewhere:
//
//	bridgetest.Files(t, "udf/upper.pkl", "udf/names.jsonl", "udf/upper.want.txt", bridgetest.Options{})
//
// A mismatch fails the test with a unified diff whose lines carry record
// numbers; a Python exception fails it with the input record and the
// traceback; a payload the checker refuses fails it with the checker's
// report. Run the tests with -update to accept the current outputs:
//
//	go test ./... -update
//
// The -update flag is the one package internal/golden registers (a test
// binary can define a flag once), so it also rewrites this module's other
// golden files when both are linked in.
package bridgetest

import (
	"os"
	"testing"

	"github.com/pybridge/pybridge/bridge/bridgetest/cases"
	"github.com/pybridge/pybridge/internal/golden"
)

// Options configures a run: output format, CPython version, step budget
// and checker options (see cases.Options). The zero value renders repr()
// lines, infers the CPython version and checks with `pybridge check`'s
// defaults.
type Options = cases.Options

// Input is the records a payload is applied to (see cases.Input).
type Input = cases.Input

// Input kinds (see cases.InputKind).
const (
	// NoInput calls the payload once with no argument.
	NoInput = cases.NoInput
	// PickleInput is pickle.dumps of a list or tuple of records.
	PickleInput = cases.PickleInput
	// JSONLInput is one JSON record a line, read as json.loads does.
	JSONLInput = cases.JSONLInput
	// TextInput is one str record a line, as sc.textFile gives them.
	TextInput = cases.TextInput
)

// Output formats (see cases.Format).
const (
	// Repr renders repr() of each result, one a line (want.txt).
	Repr = cases.Repr
	// JSON renders json.dumps of each result, one a line (want.jsonl).
	JSON = cases.JSON
)

// Update reports whether the tests run with -update, i.e. whether golden
// files are written instead of compared.
func Update() bool { return golden.Update() }

// testOptions adds the -update flag to opts.
func testOptions(opts Options) cases.TestOptions {
	return cases.TestOptions{Options: opts, Update: golden.Update()}
}

// report fails t with each failure of res and logs the files it wrote.
// It returns res.Passed().
func report(t testing.TB, res *cases.Result) bool {
	t.Helper()
	for _, p := range res.Updated {
		t.Logf("bridgetest: updated %s", p)
	}
	for i := range res.Failures {
		t.Error(res.Failures[i].String())
	}
	return res.Passed()
}

// Golden runs payload over input and compares the output with the golden
// file at path (created or rewritten with -update). The format is
// opts.Format, or by path's extension when that is "": JSON Lines for
// .jsonl, repr lines otherwise. It reports whether the test passed.
func Golden(t testing.TB, payload []byte, input Input, path string, opts Options) bool {
	t.Helper()
	return report(t, cases.TestPayload(payload, "payload", input, "input", path, testOptions(opts)))
}

// Files is Golden for a payload file and an input file (its kind by its
// extension: .pkl, .jsonl or .txt; "" for none).
func Files(t testing.TB, payloadPath, inputPath, goldenPath string, opts Options) bool {
	t.Helper()
	payload, err := os.ReadFile(payloadPath)
	if err != nil {
		t.Error(err)
		return false
	}
	in, err := cases.ReadInput(inputPath)
	if err != nil {
		t.Error(err)
		return false
	}
	return report(t, cases.TestPayload(payload, payloadPath, in, inputPath, goldenPath, testOptions(opts)))
}

// RunCase tests one case folder: its output against want.txt or
// want.jsonl, and its check.json and dis.json when present. It reports
// whether the case passed.
func RunCase(t testing.TB, dir string, opts Options) bool {
	t.Helper()
	c, err := cases.LoadCase(dir)
	if err != nil {
		t.Error(err)
		return false
	}
	return report(t, c.Test(testOptions(opts)))
}

// RunDir tests every case folder at or under root (every folder holding
// payload.pkl; see cases.Find). With a *testing.T each case is a subtest
// named after its folder relative to root, so one can be run with
// -run 'TestName/case'; with another testing.TB the cases run in turn.
// Finding no case folder fails the test.
func RunDir(t testing.TB, root string, opts Options) {
	t.Helper()
	cs, err := cases.Find(root)
	if err != nil {
		t.Error(err)
		return
	}
	if len(cs) == 0 {
		t.Errorf("bridgetest: no case folders (holding %s) under %s", cases.PayloadFile, root)
		return
	}
	tt, _ := t.(*testing.T)
	for _, c := range cs {
		if tt != nil {
			tt.Run(c.Name, func(t *testing.T) {
				t.Helper()
				report(t, c.Test(testOptions(opts)))
			})
			continue
		}
		if !report(t, c.Test(testOptions(opts))) {
			t.Logf("bridgetest: case %s failed", c.Name)
		}
	}
}
