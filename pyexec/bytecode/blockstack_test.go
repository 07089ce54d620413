package bytecode

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCorpusBlockStack checks the two exception models stay apart: 3.8–3.10
// programs run on the block stack (no handler ranges, no 3.11+ exception
// ops, block-stack jumps resolved), 3.11+ programs on handler ranges (no
// block-stack or LEGACY_* ops).
func TestCorpusBlockStack(t *testing.T) {
	modern := map[Op]bool{PushExcInfo: true, CheckExcMatch: true, Reraise: true, PopExcept: true,
		WithExceptStart: true, BeforeWith: true, EndAsyncFor: true, MatchClass: true, MatchKeys: true}
	legacy := map[Op]bool{SetupFinally: true, SetupWith: true, SetupAsyncWith: true, PopBlock: true,
		BeginFinally: true, EndFinally: true, CallFinally: true, PopFinally: true, WithCleanupStart: true,
		WithCleanupFinish: true, JumpIfNotExcMatch: true, CompareExcMatch: true, LegacyPopExcept: true,
		LegacyReraise: true, LegacyWithExceptStart: true, LegacyEndAsyncFor: true, LegacyMatchClass: true,
		LegacyMatchKeys: true, YieldFrom: true, CopyDictWithoutKeys: true}
	for v, cf := range loadCorpus(t) {
		t.Run(v.String(), func(t *testing.T) {
			setups := 0
			for ci := range cf.Codes {
				c := &cf.Codes[ci]
				p, err := Decode(v, c.input(t))
				require.NoError(t, err)
				require.Equal(t, v.Less(Py311), p.BlockStack, c.Qualname)
				if p.BlockStack {
					require.Empty(t, p.Handlers, c.Qualname)
				}
				for i, in := range p.Instrs {
					if p.BlockStack {
						require.False(t, modern[in.Op], "%s: %s at %d in %s", v, in.Op, i, c.Qualname)
					} else {
						require.False(t, legacy[in.Op], "%s: %s at %d in %s", v, in.Op, i, c.Qualname)
					}
					switch in.Op {
					case SetupFinally, SetupWith, CallFinally, JumpIfNotExcMatch:
						setups++
						require.GreaterOrEqual(t, in.Target, int32(0))
						require.Less(t, int(in.Target), len(p.Instrs))
					}
				}
			}
			if v.Less(Py311) {
				require.Positive(t, setups, "corpus has no block-stack code for %s", v)
			}
		})
	}
}
