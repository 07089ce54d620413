package pyexec_test

import (
	"testing"
)

// gaps2File runs testdata/gaps2_py<ver>.json (gen/gen_gaps2.py:
// str.translate and str.maketrans, bytes and bytearray translate and
// maketrans, the float methods hex, fromhex, is_integer, as_integer_ratio
// and conjugate, and dunder access on built-in types and instances),
// skipping when it is absent.
func gaps2File(t *testing.T, ver string) {
	runGoldenIfPresent(t, "testdata/gaps2_py"+ver+".json")
}

func TestGaps2Py38(t *testing.T)  { gaps2File(t, "3.8") }
func TestGaps2Py39(t *testing.T)  { gaps2File(t, "3.9") }
func TestGaps2Py310(t *testing.T) { gaps2File(t, "3.10") }
func TestGaps2Py311(t *testing.T) { gaps2File(t, "3.11") }
func TestGaps2Py312(t *testing.T) { gaps2File(t, "3.12") }
func TestGaps2Py313(t *testing.T) { gaps2File(t, "3.13") }
