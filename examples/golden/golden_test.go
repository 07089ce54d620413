// Package golden_test is the CI side of the example project: it runs the
// payloads that make_payloads.py committed under testdata/ and compares
// their outputs with the recorded ones, with no Python, JVM or Spark.
//
//	go test ./examples/golden/            # compare
//	go test ./examples/golden/ -update    # accept the current outputs
package golden_test

import (
	"testing"

	"github.com/pybridge/pybridge/bridge/bridgetest"
)

// TestUDFs runs every case folder under testdata/ as a subtest
// (TestUDFs/normalize_name, TestUDFs/parse_event, ...).
func TestUDFs(t *testing.T) {
	bridgetest.RunDir(t, "testdata", bridgetest.Options{})
}

// TestParseEventFiles is the same check for one payload, input and golden
// file given by path, as a project that keeps them elsewhere would write it.
func TestParseEventFiles(t *testing.T) {
	bridgetest.Files(t,
		"testdata/parse_event/payload.pkl",
		"testdata/parse_event/input.txt",
		"testdata/parse_event/want.txt",
		bridgetest.Options{})
}
