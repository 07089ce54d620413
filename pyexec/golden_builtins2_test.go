package pyexec_test

import (
	"testing"
)

// builtins2File runs testdata/builtins2_py<ver>.json (gen/gen_builtins2.py:
// str and bytes methods, bytearray, memoryview, slice, float sum,
// docstrings, recursive reprs, length_hint, charged builtins), skipping
// when it is absent.
func builtins2File(t *testing.T, ver string) {
	runGoldenIfPresent(t, "testdata/builtins2_py"+ver+".json")
}

func TestBuiltins2Py38(t *testing.T)  { builtins2File(t, "3.8") }
func TestBuiltins2Py39(t *testing.T)  { builtins2File(t, "3.9") }
func TestBuiltins2Py310(t *testing.T) { builtins2File(t, "3.10") }
func TestBuiltins2Py311(t *testing.T) { builtins2File(t, "3.11") }
func TestBuiltins2Py312(t *testing.T) { builtins2File(t, "3.12") }
func TestBuiltins2Py313(t *testing.T) { builtins2File(t, "3.13") }
