package bridge_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"math/big"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func execFile(t testing.TB, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata", "exec"}, elem...)...))
	require.NoError(t, err)
	return b
}

func load(t testing.TB, opts bridge.ExecutorOptions, payload []byte) *bridge.Program {
	t.Helper()
	ex, err := bridge.NewExecutor(opts)
	require.NoError(t, err)
	p, err := ex.Load(payload)
	require.NoError(t, err)
	return p
}

func recs(n, parts int) []bridge.Partition {
	out := make([]bridge.Partition, parts)
	for i := 0; i < n; i++ {
		out[i%parts].Records = append(out[i%parts].Records, i)
	}
	return out
}

func TestExecutorModes(t *testing.T) {
	add := execFile(t, "plain", "add", "py3.12.pkl")
	double := execFile(t, "plain", "raise_on_negative", "py3.11.pkl")
	p := load(t, bridge.ExecutorOptions{Workers: 2}, double)
	assert.Equal(t, bridge.ModeMap, p.Mode())
	res, err := p.Run(context.Background(), recs(10, 3))
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.Equal(t, []any{int64(0), int64(6), int64(12), int64(18)}, res[0].Records)
	assert.Equal(t, []any{int64(4), int64(10), int64(16)}, res[2].Records)

	// filter keeps records whose result is true (x*2 is 0 only for 0).
	pf, err := p.WithMode(bridge.ModeFilter)
	require.NoError(t, err)
	res, err = pf.Run(context.Background(), []bridge.Partition{{Records: []any{0, 1, 2}}})
	require.NoError(t, err)
	assert.Equal(t, []any{int64(1), int64(2)}, res[0].Records)

	// reduce folds within and across partitions, in partition order.
	pr := load(t, bridge.ExecutorOptions{Workers: 2, Mode: bridge.ModeReduce}, add)
	res, err = pr.Run(context.Background(), append(recs(101, 4), bridge.Partition{}))
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, []any{int64(5050)}, res[0].Records)
	res, err = pr.Run(context.Background(), []bridge.Partition{{Records: []any{"a", "b"}}, {}, {Records: []any{"c"}}})
	require.NoError(t, err)
	assert.Equal(t, []any{"abc"}, res[0].Records)
	_, err = pr.Run(context.Background(), []bridge.Partition{{}, {}})
	var te *bridge.TaskError
	require.ErrorAs(t, err, &te)
	assert.Contains(t, te.Traceback, "ValueError: Can not reduce() empty RDD")

	// flatmap and partition: the callable's results are iterated.
	pfm := load(t, bridge.ExecutorOptions{Mode: bridge.ModeFlatMap}, execFile(t, "plain", "print_record", "py3.12.pkl"))
	res, err = pfm.Run(context.Background(), []bridge.Partition{{Records: []any{"ab", bridge.Tuple{1, 2}}}})
	require.NoError(t, err)
	assert.Equal(t, []any{"a", "b", int64(1), int64(2)}, res[0].Records)
	pp := load(t, bridge.ExecutorOptions{Mode: bridge.ModePartition}, execFile(t, "bench", "sorting", "py3.12.pkl"))
	res, err = pp.Run(context.Background(), []bridge.Partition{{Records: []any{5, 3, 9, 7}}})
	require.NoError(t, err)
	// sorted(iterator, key=(v%7, -v))[:3]
	assert.Equal(t, []any{int64(7), int64(9), int64(3)}, res[0].Records)
	pl := load(t, bridge.ExecutorOptions{Mode: bridge.ModePipeline}, add)
	res, err = pl.Run(context.Background(), []bridge.Partition{{Records: []any{[]any{1}}}, {Records: []any{[]any{2}}}})
	// split + iterator is a TypeError in Python.
	require.Error(t, err)
	require.ErrorAs(t, err, &te)
	assert.Contains(t, te.Traceback, "TypeError")
	_ = res
}

func TestExecutorInputs(t *testing.T) {
	double := execFile(t, "plain", "raise_on_negative", "py3.11.pkl")
	p := load(t, bridge.ExecutorOptions{Output: bridge.FormatPickle}, double)
	in, err := pickle.Marshal([]any{1, 2, 3, 4})
	require.NoError(t, err)
	parts, err := bridge.SplitPickle(in, 3)
	require.NoError(t, err)
	res, err := p.Run(context.Background(), parts)
	require.NoError(t, err)
	want, _ := pickle.Marshal([]any{6, 8})
	assert.Equal(t, want, res[2].Data)

	// Text lines, JSON lines and a framed stream.
	pg := load(t, bridge.ExecutorOptions{}, execFile(t, "bench", "split_count", "py3.12.pkl"))
	res, err = pg.Run(context.Background(), bridge.SplitLines([]byte("an apple a day\r\nno\n"), 1))
	require.NoError(t, err)
	assert.Equal(t, []any{bridge.Tuple{int64(4), int64(3)}, bridge.Tuple{int64(1), int64(0)}}, res[0].Records)
	jparts, err := bridge.SplitJSONL(strings.NewReader("[1, 2]\n{\"b\": 1, \"a\": [null, true, 1.5, 123456789012345678901234]}\n\n\"x\"\n"), 2)
	require.NoError(t, err)
	pj := load(t, bridge.ExecutorOptions{Output: bridge.FormatPython}, execFile(t, "plain", "print_record", "py3.12.pkl"))
	res, err = pj.Run(context.Background(), jparts)
	require.NoError(t, err)
	s, _ := pyexec.Repr(res[1].Thread, &py.List{Items: append(res[0].Values, res[1].Values...)})
	assert.Equal(t, "[[1, 2], {'b': 1, 'a': [None, True, 1.5, 123456789012345678901234]}, 'x']", s)
	var stream bytes.Buffer
	for _, batch := range [][]any{{1, 2}, {3}} {
		b, _ := pickle.Marshal(batch)
		require.NoError(t, bridge.WriteFrame(&stream, b))
	}
	sparts, err := bridge.SplitStream(stream.Bytes(), 2)
	require.NoError(t, err)
	res, err = p.Run(context.Background(), sparts)
	require.NoError(t, err)
	want, _ = pickle.Marshal([]any{6})
	assert.Equal(t, want, res[1].Data)

	// Unconvertible Go records and refused pickles fail before or in the task.
	_, err = load(t, bridge.ExecutorOptions{}, double).Run(context.Background(), []bridge.Partition{{Records: []any{struct{}{}}}})
	var te *bridge.TaskError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bridge.FailInput, te.Kind)
	bad, err := os.ReadFile(filepath.Join("..", "testdata", "check", "call_os_system.pkl"))
	require.NoError(t, err)
	_, err = p.Run(context.Background(), []bridge.Partition{{Pickle: bad}})
	var rep *check.Report
	require.ErrorAs(t, err, &rep)
}

func TestExecutorConvert(t *testing.T) {
	th := pyexec.NewThread(bridge.DefaultDataVersion)
	big, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	in := []any{nil, true, 7, int8(-3), uint64(1 << 63), big, 1.5, float32(0.25), "é", []byte("b"),
		bridge.Tuple{1, "x"}, []string{"p"}, map[string]any{"b": 1, "a": 2}, map[int]string{2: "x", 1: "y"},
		bridge.Dict{{Key: bridge.Tuple{1, nil}, Value: "t"}}, bridge.Set{1}}
	v, err := bridge.ToPython(th, in)
	require.NoError(t, err)
	s, err := pyexec.Repr(th, v)
	require.NoError(t, err)
	assert.Equal(t, "[None, True, 7, -3, 9223372036854775808, 123456789012345678901234567890, 1.5, 0.25, 'é', b'b', "+
		"(1, 'x'), ['p'], {'a': 2, 'b': 1}, {1: 'y', 2: 'x'}, {(1, None): 't'}, {1}]", s)
	back, err := bridge.FromPython(th, v)
	require.NoError(t, err)
	l := back.([]any)
	assert.Equal(t, bridge.Dict{{Key: "a", Value: int64(2)}, {Key: "b", Value: int64(1)}}, l[12])
	assert.Equal(t, "9223372036854775808", fmt.Sprint(l[4]))
	got, ok := l[14].(bridge.Dict).Get("missing")
	assert.False(t, ok)
	assert.Nil(t, got)
	_, err = bridge.ToPython(th, make(chan int))
	assert.Error(t, err)
	_, err = bridge.FromPython(th, &pyexec.Function{})
	assert.Error(t, err)
}

// A task that panics or is killed by the fault hook is retried on another
// worker; the others keep running; results stay in partition order.
func TestExecutorRetries(t *testing.T) {
	double := execFile(t, "plain", "raise_on_negative", "py3.11.pkl")
	var mu sync.Mutex
	workerOf := map[bridge.TaskInfo]bool{}
	var failedOn = map[int]int{}
	p := load(t, bridge.ExecutorOptions{Workers: 2, MaxFailures: 3, Fault: func(ti bridge.TaskInfo) error {
		mu.Lock()
		defer mu.Unlock()
		workerOf[ti] = true
		switch {
		case ti.Partition == 1 && ti.Attempt == 1:
			failedOn[1] = ti.Worker
			panic("worker crashed")
		case ti.Partition == 3 && ti.Attempt < 3:
			failedOn[3] = ti.Worker
			return errors.New("killed by the fault injector")
		}
		return nil
	}}, double)
	res, err := p.Run(context.Background(), recs(40, 6))
	require.NoError(t, err)
	for i, r := range res {
		assert.Equal(t, i, r.Partition)
		assert.Len(t, r.Records, len(recs(40, 6)[i].Records))
	}
	assert.Equal(t, 1, res[1].Stats.Failures)
	assert.Equal(t, 2, res[1].Stats.Attempt)
	assert.NotEqual(t, failedOn[1], res[1].Stats.Worker, "retried on another worker")
	assert.Equal(t, 3, res[3].Stats.Attempt)

	// A partition that exhausts its attempts fails the job with the last error.
	p = load(t, bridge.ExecutorOptions{Workers: 2, MaxFailures: 2, Fault: func(ti bridge.TaskInfo) error {
		if ti.Partition == 2 {
			return fmt.Errorf("killed %d", ti.Attempt)
		}
		return nil
	}}, double)
	_, err = p.Run(context.Background(), recs(40, 4))
	var te *bridge.TaskError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 2, te.Partition)
	assert.Equal(t, 2, te.Attempt)
	assert.Equal(t, bridge.FailFault, te.Kind)
	assert.Len(t, te.Previous, 1)
	assert.True(t, bridge.IsRetryable(err))
	assert.Equal(t, "pybridge: partition 2, attempt 2: injected fault: killed 2", err.Error())
}

// A Python exception is not retried and comes back once, with its
// partition, attempt and traceback.
func TestExecutorPythonException(t *testing.T) {
	var calls atomic.Int32
	p := load(t, bridge.ExecutorOptions{Workers: 2, Fault: func(bridge.TaskInfo) error { calls.Add(1); return nil }},
		execFile(t, "plain", "raise_on_negative", "py3.12.pkl"))
	parts := []bridge.Partition{{Records: []any{1}}, {Records: []any{2, -7, 3}}}
	_, err := p.Run(context.Background(), parts)
	var te *bridge.TaskError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bridge.FailException, te.Kind)
	assert.Equal(t, 1, te.Partition)
	assert.Equal(t, 1, te.Attempt)
	assert.Equal(t, "Traceback (most recent call last):\n  File \"<pybridge-bench:raise_on_negative>\", line 3, in func\n"+
		"ValueError: negative: -7", te.Traceback)
	assert.Equal(t, "pybridge: partition 1, attempt 1: ValueError: negative: -7", err.Error())
	var pe *pyexec.Exception
	require.ErrorAs(t, err, &pe)
	require.Len(t, te.Partial, 1) // 2*2 before the failure
	assert.LessOrEqual(t, calls.Load(), int32(2), "not retried")

	// RetryExceptions retries it, as Spark does.
	calls.Store(0)
	p = load(t, bridge.ExecutorOptions{Workers: 1, RetryExceptions: true, MaxFailures: 3, Fault: func(bridge.TaskInfo) error { calls.Add(1); return nil }},
		execFile(t, "plain", "raise_on_negative", "py3.12.pkl"))
	_, err = p.Run(context.Background(), parts[1:])
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempt)
	assert.Equal(t, int32(3), calls.Load())
}

// Timeouts, step budgets and cancellation stop a spinning task promptly and
// free its worker for the next task.
func TestExecutorLimits(t *testing.T) {
	spin := execFile(t, "plain", "spin", "py3.12.pkl")
	double := execFile(t, "plain", "raise_on_negative", "py3.12.pkl")
	start := time.Now()
	p := load(t, bridge.ExecutorOptions{Workers: 1, TaskTimeout: 50 * time.Millisecond}, spin)
	_, err := p.Run(context.Background(), []bridge.Partition{{Records: []any{1}}})
	var te *bridge.TaskError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bridge.FailTimeout, te.Kind)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)

	p = load(t, bridge.ExecutorOptions{Workers: 1, MaxSteps: 100000}, spin)
	_, err = p.Run(context.Background(), []bridge.Partition{{Records: []any{1}}})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bridge.FailSteps, te.Kind)
	assert.Contains(t, err.Error(), "step budget of 100000 instructions exhausted")

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start = time.Now()
	_, err = load(t, bridge.ExecutorOptions{Workers: 2}, spin).Run(ctx, recs(8, 8))
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bridge.FailCanceled, te.Kind)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 2*time.Second)

	// One Executor shared by two programs: after the timeout, its single
	// worker slot is free for the next job.
	ex, err := bridge.NewExecutor(bridge.ExecutorOptions{Workers: 1, TaskTimeout: 30 * time.Millisecond})
	require.NoError(t, err)
	ps, err := ex.Load(spin)
	require.NoError(t, err)
	pd, err := ex.Load(double)
	require.NoError(t, err)
	_, err = ps.Run(context.Background(), recs(1, 1))
	require.Error(t, err)
	res, err := pd.Run(context.Background(), recs(3, 1))
	require.NoError(t, err)
	assert.Len(t, res[0].Records, 3)
}

func TestExecutorLoadErrors(t *testing.T) {
	ex, err := bridge.NewExecutor(bridge.ExecutorOptions{})
	require.NoError(t, err)
	bad, err := os.ReadFile(filepath.Join("..", "testdata", "check", "call_os_system.pkl"))
	require.NoError(t, err)
	_, err = ex.Load(bad)
	var rep *check.Report
	require.ErrorAs(t, err, &rep, "a refusal is the check report")
	assert.True(t, rep.Failed())
	_, err = ex.Load([]byte("\x80\x05junk"))
	var se *pickle.SyntaxError
	require.ErrorAs(t, err, &se)
	ex, err = bridge.NewExecutor(bridge.ExecutorOptions{Version: pyexec.SupportedVersions()[0]})
	require.NoError(t, err)
	_, err = ex.Load(execFile(t, "plain", "add", "py3.12.pkl"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "was asked for, but the payload's bytecode is CPython 3.12")
	data, _ := pickle.Marshal([]any{1})
	_, err = ex.Load(data)
	assert.ErrorContains(t, err, "not a callable")
	_, err = bridge.NewExecutor(bridge.ExecutorOptions{Mode: "zip"})
	assert.Error(t, err)
	// The registry is frozen once an Executor exists.
	assert.Error(t, bridge.RegisterModule("late.module", func(t *pyexec.Thread) (*pyexec.Module, error) { return nil, nil }))
	assert.Panics(t, func() { bridge.MustRegister(errors.New("boom")) })
}

func TestExecutorStdoutAndEnv(t *testing.T) {
	var out bytes.Buffer
	p := load(t, bridge.ExecutorOptions{Workers: 2, Stdout: &out}, execFile(t, "plain", "print_record", "py3.12.pkl"))
	_, err := p.Run(context.Background(), recs(4, 2))
	require.NoError(t, err)
	assert.Equal(t, 4, strings.Count(out.String(), "record "))
	th := pyexec.NewThread(bridge.DefaultDataVersion)
	v, ok := bridge.TaskEnvOf(th).Getenv("PYTHONHASHSEED")
	assert.True(t, ok)
	assert.Equal(t, "0", v)
}
