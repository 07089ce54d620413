package pyexec_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// TestChargedBuiltins: builtins that do unbounded work in one instruction
// ('x' * n, sum(range(n)), list(range(n)), ”.join, str.replace, sorted)
// charge steps for it, so a small step budget stops them at once, and
// results over the size limits raise MemoryError instead of allocating.
func TestChargedBuiltins(t *testing.T) {
	for _, ver := range []string{"3.8", "3.12"} {
		file := "testdata/builtins2_py" + ver + ".json"
		for _, name := range []string{"charged_repeat", "charged_sum", "charged_build"} {
			th, fn := goldenFunc(t, file, name)
			th.StepBudget = 20_000
			start := time.Now()
			_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1_000_000_000_000)}, nil)
			require.ErrorContains(t, err, "step budget", "%s %s", ver, name)
			require.Less(t, time.Since(start), time.Second, "%s %s ran too long", ver, name)
		}
		// Without a budget, huge results are refused with MemoryError.
		th, fn := goldenFunc(t, file, "charged_repeat")
		_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1_000_000_000)}, nil)
		require.EqualError(t, err, "MemoryError", ver)
		th, fn = goldenFunc(t, file, "charged_build")
		_, err = pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1_000_000_000_000)}, nil)
		require.EqualError(t, err, "MemoryError", ver)
		// Cancellation reaches into a long sum().
		th, fn = goldenFunc(t, file, "charged_sum")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		th.Ctx = ctx
		start := time.Now()
		_, err = pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1_000_000_000_000)}, nil)
		cancel()
		require.ErrorContains(t, err, "KeyboardInterrupt", ver)
		require.Less(t, time.Since(start), 2*time.Second, ver)
	}
}

// TestChargedBigInts: an int product, power or shift cannot be interrupted
// once started, so it is charged before it runs: a small step budget or a
// cancelled context stops 10**(10**8) and repeated squaring at once, and an
// int result over the size limit raises MemoryError instead of allocating.
func TestChargedBigInts(t *testing.T) {
	for _, ver := range []string{"3.8", "3.12"} {
		file := "testdata/builtins2_py" + ver + ".json"
		th, fn := goldenFunc(t, file, "charged_bigpow")
		th.StepBudget = 1_000_000
		start := time.Now()
		_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(100_000_000)}, nil)
		require.ErrorContains(t, err, "step budget", ver)
		require.Less(t, time.Since(start), 2*time.Second, ver)

		th, fn = goldenFunc(t, file, "charged_bigint")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		th.Ctx = ctx
		start = time.Now()
		_, err = pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(40)}, nil)
		cancel()
		require.ErrorContains(t, err, "KeyboardInterrupt", ver)
		require.Less(t, time.Since(start), 2*time.Second, ver)

		// 10**(10**9) would be over 3 * 10**9 bits.
		th, fn = goldenFunc(t, file, "charged_bigpow")
		_, err = pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1_000_000_000)}, nil)
		require.EqualError(t, err, "MemoryError", ver)
	}
}

// TestHashAcrossVersions: a dict built by a 3.8 thread (SipHash-2-4 str
// hashes) is found by lookups without a thread or from a 3.12 thread, and
// functions made over such globals get their __module__.
func TestHashAcrossVersions(t *testing.T) {
	th := pyexec.NewThread(bytecodeVersion(t, "3.8"))
	d := pyexec.NewDict(0)
	for _, k := range []string{"__name__", "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota"} {
		require.NoError(t, d.SetItem(th, py.String(k), py.String("v-"+k)))
	}
	require.NoError(t, d.SetItem(th, py.Tuple{py.String("a"), pyexec.MakeInt(1)}, pyexec.MakeInt(7)))
	for _, other := range []*pyexec.Thread{nil, pyexec.NewThread(bytecodeVersion(t, "3.12"))} {
		v, ok := d.GetStr(other, "theta")
		require.True(t, ok)
		require.Equal(t, py.String("v-theta"), v)
		v, ok, err := d.Get(other, py.Tuple{py.String("a"), pyexec.MakeInt(1)})
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, pyexec.MakeInt(7), v)
	}
	c := pyexec.NewDict(0)
	require.NoError(t, c.Update(pyexec.NewThread(bytecodeVersion(t, "3.12")), d))
	_, ok := c.GetStr(th, "iota")
	require.True(t, ok)
	eq, err := pyexec.Equal(th, c, d)
	require.NoError(t, err)
	require.True(t, eq)
}

func bytecodeVersion(t *testing.T, s string) bytecode.Version {
	v, err := bytecode.ParseVersion(s)
	require.NoError(t, err)
	return v
}
