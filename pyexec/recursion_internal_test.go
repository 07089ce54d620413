package pyexec

import (
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// TestPanicResetsNativeDepth: a Go panic recovered by Call below an
// EnterNative must not leave the native-recursion counters raised, or each
// such failure would lower the recursion limit of the thread's later calls.
func TestPanicResetsNativeDepth(t *testing.T) {
	for _, v := range []bytecode.Version{bytecode.Py311, bytecode.Py312} {
		th := NewThread(v)
		boom := &Builtin{Name: "boom", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := t.EnterNative(""); err != nil {
				return nil, err
			}
			panic("boom")
		}}
		_, err := Call(th, boom, nil, nil)
		require.ErrorContains(t, err, "internal error: boom")
		assert.Zero(t, th.ndepth, v)
		assert.Zero(t, th.sharedDepth, v)
	}
}
