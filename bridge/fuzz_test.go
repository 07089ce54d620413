package bridge

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// fuzzSeeds returns the golden and corpus payloads.
func fuzzSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	for _, top := range []string{"cloudpickle", "run", "corpus"} {
		_ = filepath.WalkDir(golden.Path(top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".pkl") || strings.HasSuffix(p, "input.pkl") {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
			return nil
		})
	}
	if len(out) == 0 {
		tb.Fatal("no seed payloads")
	}
	return out
}

// fuzzOne decodes, checks, materialises and calls a payload with a small
// step budget; it must not panic and must finish quickly.
func fuzzOne(data []byte) {
	opts := pickle.DecodeOptions{Limits: pickle.Limits{MaxInputBytes: 1 << 20, MaxNodes: 1 << 16}}
	g, err := opts.Decode(data)
	if err != nil {
		return
	}
	copts := check.DefaultOptions()
	if check.Payload(g, copts).Failed() {
		return
	}
	l, err := Load(g, MaterializeOptions{AllowUntested: true})
	if err != nil {
		return
	}
	_, _ = pyexec.Repr(l.Thread, l.Value)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	l.Thread.Ctx = ctx
	l.Thread.RecursionLimit = 50
	for _, arg := range []py.Object{pyexec.MakeInt(3), py.String("a b"), &py.List{Items: []py.Object{pyexec.MakeInt(1), pyexec.MakeInt(2)}}} {
		l.Thread.StepBudget = l.Thread.Steps() + 20000
		res, err := l.Apply(arg)
		if err == nil {
			_, _ = pyexec.Repr(l.Thread, res)
			if v, err := ToPickle(l.Thread, res); err == nil {
				_, _ = pickle.Marshal(v)
			}
			_, _ = ToJSON(l.Thread, res)
		}
	}
}

// FuzzRun fuzzes the whole load-and-run path.
func FuzzRun(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(data) })
}

// TestRunMutations runs the seeds and byte-mutated copies of them without a
// fuzzing engine, so every "go test" exercises the path.
func TestRunMutations(t *testing.T) {
	seeds := fuzzSeeds(t)
	r := rand.New(rand.NewSource(7))
	n := 3000
	if testing.Short() {
		n = 300
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, s := range seeds {
		fuzzOne(s)
	}
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		s := seeds[r.Intn(len(seeds))]
		b := append([]byte(nil), s...)
		for k := 1 + r.Intn(4); k > 0; k-- {
			switch r.Intn(3) {
			case 0:
				b[r.Intn(len(b))] = byte(r.Intn(256))
			case 1:
				p := r.Intn(len(b))
				b = append(b[:p], b[min(len(b), p+1+r.Intn(8)):]...)
			default:
				p := r.Intn(len(b))
				b[p] ^= 1 << uint(r.Intn(8))
			}
			if len(b) == 0 {
				break
			}
		}
		fuzzOne(b)
	}
}
