package pyexec_test

import (
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/stretchr/testify/require"
)

// TestChargedFormatting: format(), f-strings, % and the padding methods
// charge the bytes they build, so a small step budget stops a loop of 1 MB
// results in its first iterations; and a width or zero-padded precision
// whose result would exceed MaxSequenceBytes raises MemoryError before
// anything is allocated (gen_gaps2.py's charged_format).
func TestChargedFormatting(t *testing.T) {
	for _, ver := range []string{"3.8", "3.12"} {
		file := "testdata/gaps2_py" + ver + ".json"
		for which := int64(0); which < 6; which++ {
			th, fn := goldenFunc(t, file, "charged_format")
			th.StepBudget = 20_000
			start := time.Now()
			args := []py.Object{pyexec.MakeInt(1_000_000_000_000), pyexec.MakeInt(1_000_000), pyexec.MakeInt(which)}
			_, err := pyexec.Call(th, fn, args, nil)
			require.ErrorContains(t, err, "step budget", "%s %d", ver, which)
			require.Less(t, time.Since(start), 2*time.Second, "%s %d ran too long", ver, which)

			th, fn = goldenFunc(t, file, "charged_format")
			start = time.Now()
			args = []py.Object{pyexec.MakeInt(1), pyexec.MakeInt(1_000_000_000), pyexec.MakeInt(which)}
			_, err = pyexec.Call(th, fn, args, nil)
			require.EqualError(t, err, "MemoryError", "%s %d", ver, which)
			require.Less(t, time.Since(start), time.Second, "%s %d allocated", ver, which)
		}
	}
}
