package bridge_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/pybridge/pybridge/bridge"
)

// Run a cloudpickled closure (def make_adder(n): return lambda x: x + n,
// pickled as make_adder(10) by CPython 3.11) over two partitions on two
// worker goroutines.
func Example() {
	payload, err := os.ReadFile("../testdata/cloudpickle/closure_int/py3.11.pkl")
	if err != nil {
		panic(err)
	}
	ex, err := bridge.NewExecutor(bridge.ExecutorOptions{Workers: 2})
	if err != nil {
		panic(err)
	}
	prog, err := ex.Load(payload) // decode, check, materialise once
	if err != nil {
		panic(err)
	}
	results, err := prog.Run(context.Background(), []bridge.Partition{
		{Records: []any{1, 2, 3}},
		{Records: []any{1.5, int64(1) << 62}},
	})
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Println(r.Partition, r.Records)
	}
	// Output:
	// 0 [11 12 13]
	// 1 [11.5 4611686018427387914]
}

// A Python exception fails the job with the partition, the attempt and the
// traceback.
func ExampleTaskError() {
	payload, _ := os.ReadFile("../testdata/cloudpickle/uncaught_zerodiv/py3.12.pkl")
	ex, _ := bridge.NewExecutor(bridge.ExecutorOptions{Workers: 1})
	prog, err := ex.Load(payload)
	if err != nil {
		panic(err)
	}
	_, err = prog.Run(context.Background(), []bridge.Partition{{Records: []any{4}}, {Records: []any{0}}})
	var te *bridge.TaskError
	if errors.As(err, &te) {
		fmt.Println("partition", te.Partition, "attempt", te.Attempt)
		fmt.Print(te.Traceback)
	}
	// Output:
	// partition 1 attempt 1
	// Traceback (most recent call last):
	//   File "<pybridge-case:uncaught_zerodiv>", line 1, in <lambda>
	// ZeroDivisionError: division by zero
}
