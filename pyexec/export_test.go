package pyexec

import "github.com/go-python/gpython/py"

// NewTestCM returns the native twin of gen_cases.py's CM context manager
// for the golden tests of package pyexec_test.
func NewTestCM(suppress bool) py.Object { return newTestCM(suppress) }
