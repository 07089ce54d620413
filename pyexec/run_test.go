package pyexec

import (
	"math/rand"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

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
