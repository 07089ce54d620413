package bridge

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/pyexec"
)

// TestHostLimitsCannotBeCaught runs functions that catch every exception
// (and loop in finally blocks) forever: the step budget and a cancelled
// context must still stop them, promptly.
func TestHostLimitsCannotBeCaught(t *testing.T) {
	for _, name := range []string{"swallow_everything", "finally_forever"} {
		data, err := os.ReadFile("../testdata/limits/" + name + ".pkl")
		require.NoError(t, err)

		t.Run(name+"/steps", func(t *testing.T) {
			l, err := LoadBytes(data, MaterializeOptions{})
			require.NoError(t, err)
			l.Thread.StepBudget = 50000
			start := time.Now()
			_, err = l.Apply(py.None)
			var exc *pyexec.Exception
			require.True(t, errors.As(err, &exc), "%v", err)
			assert.True(t, exc.Aborted())
			assert.Contains(t, exc.Error(), "step budget of 50000 instructions exhausted")
			assert.Less(t, time.Since(start), 5*time.Second)
		})

		t.Run(name+"/context", func(t *testing.T) {
			l, err := LoadBytes(data, MaterializeOptions{})
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			l.Thread.Ctx = ctx
			start := time.Now()
			_, err = l.Apply(py.None)
			var exc *pyexec.Exception
			require.True(t, errors.As(err, &exc), "%v", err)
			assert.True(t, exc.Aborted())
			assert.Less(t, time.Since(start), 5*time.Second)
		})
	}
}
