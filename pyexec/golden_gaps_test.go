package pyexec_test

import (
	"testing"
)

// gapsFile runs testdata/gaps_py<ver>.json (gen/gen_gaps.py: hex, oct and
// bin, int methods, the int-to-decimal digit limit in % formatting and
// format(), str % user instances, Ellipsis, complex subclasses and the
// built-in types CPython refuses as bases), skipping when it is absent.
func gapsFile(t *testing.T, ver string) {
	runGoldenIfPresent(t, "testdata/gaps_py"+ver+".json")
}

func TestGapsPy38(t *testing.T)  { gapsFile(t, "3.8") }
func TestGapsPy39(t *testing.T)  { gapsFile(t, "3.9") }
func TestGapsPy310(t *testing.T) { gapsFile(t, "3.10") }
func TestGapsPy311(t *testing.T) { gapsFile(t, "3.11") }
func TestGapsPy312(t *testing.T) { gapsFile(t, "3.12") }
func TestGapsPy313(t *testing.T) { gapsFile(t, "3.13") }
