package pyexec_test

import (
	"context"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/stretchr/testify/require"
)

// Tests and benchmarks that run functions of the golden cases files.

// goldenFunc returns a case function of a cases file and a thread to run
// it on.
func goldenFunc(tb testing.TB, file, name string) (*pyexec.Thread, *pyexec.Function) {
	l := loadGolden(tb, file)
	fn := l.Funcs[name]
	require.NotNil(tb, fn, name)
	return l.Thread, fn
}

func TestTraceback(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.12.json", "divzero")
	_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1)}, nil)
	require.Error(t, err)
	e := err.(*pyexec.Exception)
	require.True(t, strings.HasPrefix(e.Traceback(), "Traceback (most recent call last):\n  File \""), e.Traceback())
	require.True(t, strings.HasSuffix(e.Traceback(), "\", line 108, in divzero\nZeroDivisionError: division by zero"), e.Traceback())
}

func TestRecursionLimit(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.11.json", "deep")
	th.RecursionLimit = 50
	_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(0)}, nil)
	require.EqualError(t, err, "RecursionError: maximum recursion depth exceeded")
	require.Len(t, err.(*pyexec.Exception).Frames, 50)
	// The thread is usable afterwards.
	_, err = pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(0)}, nil)
	require.Error(t, err)
}

func TestStepBudgetAndCancel(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.12.json", "bench_arith")
	th.StepBudget = 1000
	_, err := pyexec.Call(th, fn, []py.Object{pyexec.MakeInt(1 << 40)}, nil)
	require.ErrorContains(t, err, "step budget")

	th2, fn2 := goldenFunc(t, "testdata/cases_py3.12.json", "bench_arith")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	th2.Ctx = ctx
	_, err = pyexec.Call(th2, fn2, []py.Object{pyexec.MakeInt(1 << 40)}, nil)
	require.ErrorContains(t, err, "KeyboardInterrupt")
}

func benchGolden(b *testing.B, name string, args ...py.Object) {
	th, fn := goldenFunc(b, "testdata/cases_py3.12.json", name)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pyexec.Call(th, fn, args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitCount(b *testing.B) {
	s := strings.Repeat("the quick brown fox jumps over the lazy dog ", 100)
	benchGolden(b, "bench_split", py.String(s))
}

func BenchmarkArithLoop(b *testing.B) { benchGolden(b, "bench_arith", pyexec.MakeInt(10000)) }
func BenchmarkDictBuild(b *testing.B) { benchGolden(b, "bench_dict", pyexec.MakeInt(1000)) }
func BenchmarkSortKey(b *testing.B) {
	items := make([]py.Object, 1000)
	r := rand.New(rand.NewSource(2))
	for i := range items {
		items[i] = pyexec.MakeInt(int64(r.Intn(100000)))
	}
	benchGolden(b, "bench_sort", &py.List{Items: items})
}
func BenchmarkRecursiveFactorial(b *testing.B) { benchGolden(b, "recursion", pyexec.MakeInt(20)) }
