package bridge

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/stretchr/testify/require"
)

// benchPayloads are the RDD-map closures of testdata/bench/ (written by
// testdata/gen/gen_bench.py; bench/pyexec_ratio.sh compares them with
// CPython 3.11).
var benchPayloads = []string{"wordcount", "arith", "dictbuild", "sortkey", "classes", "format"}

// prepareBench loads one benchmark closure and its records as "pybridge run"
// does (decode, check, materialise).
func prepareBench(tb testing.TB, name string) (*Job, []string) {
	dir := filepath.Join(golden.Path("bench"), name)
	payload, err := os.ReadFile(filepath.Join(dir, "payload.pkl"))
	require.NoError(tb, err)
	input, err := os.ReadFile(filepath.Join(dir, "input.pkl"))
	require.NoError(tb, err)
	want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
	require.NoError(tb, err)
	job, err := Prepare(payload, input, RunOptions{})
	require.NoError(tb, err)
	return job, strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
}

// TestBenchPayloads checks that every benchmark closure gives CPython's
// result on every record, so the benchmarks measure correct work.
func TestBenchPayloads(t *testing.T) {
	for _, name := range benchPayloads {
		t.Run(name, func(t *testing.T) {
			job, want := prepareBench(t, name)
			require.Len(t, job.Records, len(want))
			for i, r := range job.Records {
				res, err := job.Payload.Apply(r)
				require.NoError(t, err, "record %d", i)
				s, err := pyexec.Repr(job.Payload.Thread, res)
				require.NoError(t, err)
				require.Equal(t, want[i], s, "record %d", i)
			}
		})
	}
}

// BenchmarkPayload applies each closure over all of its records per
// iteration (the CPython side is bench/pyexec_cpython.py).
func BenchmarkPayload(b *testing.B) {
	for _, name := range benchPayloads {
		b.Run(name, func(b *testing.B) {
			job, _ := prepareBench(b, name)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for _, r := range job.Records {
					if _, err := job.Payload.Apply(r); err != nil {
						b.Fatal(err)
					}
				}
			}
			// CPU time (user+sys, GC workers included) is steadier than
			// wall time on a shared machine.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(job.Records)), "ns/record")
		})
	}
}

// cpuTime returns the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
