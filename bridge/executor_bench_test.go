package bridge_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pickle"
)

// benchCases are the closures of testdata/exec/bench (typical RDD maps).
var benchCases = []string{"split_count", "arith", "dict_build", "sorting", "small_class"}

// benchRepeat multiplies each case's 2,000 records.
const benchRepeat = 5

// BenchmarkExecutor runs each benchmark closure over its records (×5, in
// 16 partitions) with 1 and 2 workers; records/s is the throughput.
// bench/exec_ratio.sh compares it with CPython.
func BenchmarkExecutor(b *testing.B) {
	ver := "py3.11.pkl"
	if v := os.Getenv("PYBRIDGE_BENCH_PY"); v != "" {
		ver = "py" + v + ".pkl"
	}
	for _, name := range benchCases {
		payload := execFile(b, "bench", name, ver)
		g, err := pickle.Decode(execFile(b, "bench", name, "input.pkl"))
		if err != nil {
			b.Fatal(err)
		}
		items := g.Root.(*pickle.List).Items
		var all []pickle.Value
		for i := 0; i < benchRepeat; i++ {
			all = append(all, items...)
		}
		data, err := pickleList(all)
		if err != nil {
			b.Fatal(err)
		}
		parts, err := bridge.SplitPickle(data, 16)
		if err != nil {
			b.Fatal(err)
		}
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", name, workers), func(b *testing.B) {
				p := load(b, bridge.ExecutorOptions{Workers: workers, Output: bridge.FormatPython, NoCheck: true}, payload)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := p.Run(context.Background(), parts); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

func pickleList(items []pickle.Value) ([]byte, error) {
	var buf bytesBuffer
	err := pickle.Encode(&buf, &pickle.List{Items: items}, nil)
	return buf.b, err
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
