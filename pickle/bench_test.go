package pickle

import (
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// recordBatch returns a protocol-4 pickle of a list of n records shaped
// like PySpark rows: (int, str, float, [int, int], {'k': int, 'v': str}),
// written opcode by opcode the way CPython's pickler lays them out.
func recordBatch(n int) []byte {
	b := []byte{opProto, 4}
	str := func(s string) {
		b = append(b, opShortBinUnicode, byte(len(s)))
		b = append(b, s...)
		b = append(b, opMemoize)
	}
	bint := func(v int) {
		b = append(b, opBinInt)
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(v)))
	}
	b = append(b, opEmptyList, opMemoize)
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			if i > 0 {
				b = append(b, opAppends)
			}
			b = append(b, opMark)
		}
		b = append(b, opMark)
		bint(i * 7919)
		str("user-" + strconv.Itoa(i))
		b = append(b, opBinFloat)
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(float64(i)*1.25))
		b = append(b, opEmptyList, opMemoize, opMark)
		bint(i)
		bint(i + 1)
		b = append(b, opAppends, opEmptyDict, opMemoize, opMark)
		str("k")
		bint(i % 97)
		str("v")
		str("value-" + strconv.Itoa(i%1000))
		b = append(b, opSetItems, opTuple, opMemoize)
	}
	b = append(b, opAppends, opStop)
	return b
}

func TestRecordBatchShape(t *testing.T) {
	g, err := Decode(recordBatch(3))
	if err != nil {
		t.Fatal(err)
	}
	want := "[(0, 'user-0', 0.0, [0, 1], {'k': 0, 'v': 'value-0'}), (7919, 'user-1', 1.25, [1, 2], {'k': 1, 'v': 'value-1'}), (15838, 'user-2', 2.5, [2, 3], {'k': 2, 'v': 'value-2'})]"
	if got := Repr(g.Root); got != want {
		t.Fatalf("got %s", got)
	}
}

// BenchmarkDecodeBatch decodes a ~10 MB record batch.
func BenchmarkDecodeBatch(b *testing.B) {
	data := recordBatch(150000)
	benchDecode(b, data)
}

// BenchmarkDecodeFile decodes the pickle named by $PYBRIDGE_BENCH_PICKLE;
// bench/pickle_ratio.sh uses it to time the same bytes as CPython.
func BenchmarkDecodeFile(b *testing.B) {
	path := os.Getenv("PYBRIDGE_BENCH_PICKLE")
	if path == "" {
		b.Skip("PYBRIDGE_BENCH_PICKLE not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchDecode(b, data)
}

// BenchmarkDecodeCloudpickle decodes every corpus payload of one
// CPython/cloudpickle pair per iteration.
func BenchmarkDecodeCloudpickle(b *testing.B) {
	files, _ := filepath.Glob("../testdata/corpus/cloudpickle-matrix/py3.11_cpv3.1.2/*.pkl")
	var all [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, data := range all {
			if _, err := Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeFile re-encodes the decoded graph of the pickle named by
// $PYBRIDGE_BENCH_PICKLE; bench/pickle_ratio.sh compares it with
// CPython's pickle.dumps of the same records.
func BenchmarkEncodeFile(b *testing.B) {
	path := os.Getenv("PYBRIDGE_BENCH_PICKLE")
	if path == "" {
		b.Skip("PYBRIDGE_BENCH_PICKLE not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	g, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := Encode(io.Discard, g.Root, nil); err != nil {
			b.Fatal(err)
		}
	}
}
