package pyexec

import (
	"context"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

func goldenFunc(tb testing.TB, file, name string) (*Thread, *Function) {
	_, th, _, funcs := loadGolden(tb, file)
	fn := funcs[name]
	require.NotNil(tb, fn, name)
	return th, fn
}

func TestTraceback(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.12.json", "divzero")
	_, err := Call(th, fn, []py.Object{MakeInt(1)}, nil)
	require.Error(t, err)
	e := err.(*Exception)
	require.True(t, strings.HasPrefix(e.Traceback(), "Traceback (most recent call last):\n  File \""), e.Traceback())
	require.True(t, strings.HasSuffix(e.Traceback(), "\", line 108, in divzero\nZeroDivisionError: division by zero"), e.Traceback())
}

func TestRecursionLimit(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.11.json", "deep")
	th.RecursionLimit = 50
	_, err := Call(th, fn, []py.Object{MakeInt(0)}, nil)
	require.EqualError(t, err, "RecursionError: maximum recursion depth exceeded")
	require.Len(t, err.(*Exception).Frames, 50)
	// The thread is usable afterwards.
	_, err = Call(th, fn, []py.Object{MakeInt(0)}, nil)
	require.Error(t, err)
}

func TestStepBudgetAndCancel(t *testing.T) {
	th, fn := goldenFunc(t, "testdata/cases_py3.12.json", "bench_arith")
	th.StepBudget = 1000
	_, err := Call(th, fn, []py.Object{MakeInt(1 << 40)}, nil)
	require.ErrorContains(t, err, "step budget")

	th2, fn2 := goldenFunc(t, "testdata/cases_py3.12.json", "bench_arith")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	th2.Ctx = ctx
	_, err = Call(th2, fn2, []py.Object{MakeInt(1 << 40)}, nil)
	require.ErrorContains(t, err, "KeyboardInterrupt")
}

// fuzzSpec is a small valid-shaped code object whose co_code is replaced.
func fuzzSpec(code []byte) CodeSpec {
	return CodeSpec{
		Version: bytecode.Py312, ArgCount: 2, NLocals: 3, StackSize: 8, Flags: CoOptimized | CoNewLocals,
		Code:     code,
		Consts:   []py.Object{py.None, MakeInt(1), py.String("a"), py.Tuple{MakeInt(1), MakeInt(2)}, py.Float(2.5)},
		Names:    []string{"len", "append", "x"},
		VarNames: []string{"a", "b", "c"}, Filename: "fuzz.py", Name: "f", QualName: "f", FirstLineNo: 1,
	}
}

func runFuzz(t testing.TB, data []byte) {
	spec := fuzzSpec(data)
	code, err := NewCode(spec)
	if err != nil {
		return
	}
	th := NewThread(bytecode.Py312)
	th.StepBudget = 10000
	th.RecursionLimit = 50
	fn := NewFunction(code, NewDict(0))
	_, _ = Call(th, fn, []py.Object{MakeInt(3), &py.List{Items: []py.Object{MakeInt(1)}}}, nil)
}

func FuzzRun(f *testing.F) {
	f.Add([]byte{0x97, 0x00, 0x7c, 0x00, 0x7c, 0x01, 0x7a, 0x00, 0x53, 0x00})
	f.Add([]byte{0x97, 0x00, 0x64, 0x01, 0x53, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) { runFuzz(t, data) })
}

// TestRandomCode runs random and mutated bytecode without a fuzzing engine.
func TestRandomCode(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		n := 2 * (1 + r.Intn(12))
		b := make([]byte, n)
		r.Read(b)
		runFuzz(t, b)
	}
}

func benchGolden(b *testing.B, name string, args ...py.Object) {
	th, fn := goldenFunc(b, "testdata/cases_py3.12.json", name)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Call(th, fn, args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitCount(b *testing.B) {
	s := strings.Repeat("the quick brown fox jumps over the lazy dog ", 100)
	benchGolden(b, "bench_split", py.String(s))
}

func BenchmarkArithLoop(b *testing.B) { benchGolden(b, "bench_arith", MakeInt(10000)) }
func BenchmarkDictBuild(b *testing.B) { benchGolden(b, "bench_dict", MakeInt(1000)) }
func BenchmarkSortKey(b *testing.B) {
	items := make([]py.Object, 1000)
	r := rand.New(rand.NewSource(2))
	for i := range items {
		items[i] = MakeInt(int64(r.Intn(100000)))
	}
	benchGolden(b, "bench_sort", &py.List{Items: items})
}
func BenchmarkRecursiveFactorial(b *testing.B) { benchGolden(b, "recursion", MakeInt(20)) }
