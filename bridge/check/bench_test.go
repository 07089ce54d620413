package check

import (
	"os"
	"testing"

	"github.com/pybridge/pybridge/pickle"
)

// benchFile reads the payload named by $PYBRIDGE_BENCH_PICKLE (a real
// cloudpickle payload, e.g. one bench/check_peer.sh generates), or skips.
func benchFile(b *testing.B) []byte {
	path := os.Getenv("PYBRIDGE_BENCH_PICKLE")
	if path == "" {
		b.Skip("PYBRIDGE_BENCH_PICKLE not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkCheckFile checks the decoded graph of $PYBRIDGE_BENCH_PICKLE
// (decoding not included).
func BenchmarkCheckFile(b *testing.B) {
	data := benchFile(b)
	g, err := pickle.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Payload(g, DefaultOptions())
	}
}

// BenchmarkBytesFile decodes and checks $PYBRIDGE_BENCH_PICKLE, as
// "pybridge check" does.
func BenchmarkBytesFile(b *testing.B) {
	data := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Bytes(data, DefaultOptions())
	}
}
