package bridge

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// task is one partition's work and its attempts.
type task struct {
	part     int
	in       *Partition
	graph    *pickle.Graph // decoded Pickle input
	pyIn     []py.Object   // final reduce input (values of finished tasks)
	attempts int
	lastWkr  int
	prev     []error
	running  bool
	done     bool
}

// Run runs the program over parts, one task per partition, and returns
// the results in partition order (for ModeReduce: one result). The job
// fails when a partition fails MaxFailures times or fails with a
// non-retryable error; the error is a *TaskError (errors.As) naming the
// partition, the attempt and the Python traceback. Input that cannot be
// decoded or checked is an error before any task starts. When ctx ends,
// running tasks stop at their next check (every few thousand bytecode
// instructions) and Run returns a TaskError wrapping ctx.Err().
func (p *Program) Run(ctx context.Context, parts []Partition) ([]Result, error) {
	tasks := make([]*task, len(parts))
	for i := range parts {
		tk := &task{part: i, in: &parts[i], lastWkr: -1}
		if parts[i].Pickle != nil {
			g, err := decodeChecked(parts[i].Pickle, p.e.copts, p.e.opts.NoCheck)
			if err != nil {
				return nil, &TaskError{TaskInfo: TaskInfo{Partition: i}, Kind: FailInput, Err: &InputError{Err: err}}
			}
			tk.graph = g
		}
		tasks[i] = tk
	}
	res, err := p.runTasks(ctx, tasks)
	if err != nil || p.mode != ModeReduce {
		return res, err
	}
	// rdd.reduce: fold the partitions' values in partition order.
	var vals []py.Object
	var stats TaskStats
	for _, r := range res {
		vals = append(vals, r.Values...)
		stats.RecordsIn += r.Stats.RecordsIn
		stats.Steps += r.Stats.Steps
		stats.Duration += r.Stats.Duration
	}
	if len(vals) == 0 {
		return nil, &TaskError{TaskInfo: TaskInfo{Partition: -1, Attempt: 1}, Kind: FailException, Err: errEmptyReduce,
			Traceback: "Traceback (most recent call last):\n" + errEmptyReduce.Error()}
	}
	final, err := p.runTasks(ctx, []*task{{part: -1, pyIn: vals, lastWkr: -1}})
	if err != nil {
		return nil, err
	}
	r := final[0]
	r.Partition = 0
	r.Stats.RecordsIn = stats.RecordsIn
	r.Stats.Steps += stats.Steps
	r.Stats.Duration += stats.Duration
	return []Result{r}, nil
}

// sched hands tasks to workers.
type sched struct {
	mu      sync.Mutex
	cond    *sync.Cond
	tasks   []*task
	left    int
	err     error
	workers int
}

// next returns a task for worker w, or nil when there is nothing left to
// do. A retried task goes to another worker when the job has more than
// one: workers leave only when no task is left (or the job failed), so one
// of the others always comes for it.
func (s *sched) next(w int) *task {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.err != nil || s.left == 0 {
			return nil
		}
		for _, t := range s.tasks {
			if t.done || t.running || (t.lastWkr == w && s.workers > 1) {
				continue
			}
			t.running = true
			return t
		}
		s.cond.Wait()
	}
}

// finish records the end of an attempt of t on worker w: done, to be
// retried (retry is its error), or failing the job (fatal).
func (s *sched) finish(t *task, w int, done bool, retry, fatal error) {
	s.mu.Lock()
	t.running = false
	switch {
	case fatal != nil:
		if s.err == nil {
			s.err = fatal
		}
	case done:
		t.done = true
		s.left--
	case retry != nil:
		t.prev = append(t.prev, retry)
		t.lastWkr = w
	}
	s.mu.Unlock()
	s.cond.Broadcast()
}

func (p *Program) runTasks(ctx context.Context, tasks []*task) ([]Result, error) {
	e := p.e
	results := make([]Result, len(tasks))
	if len(tasks) == 0 {
		return results, ctx.Err()
	}
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := e.opts.Workers
	if workers > len(tasks) {
		workers = len(tasks)
	}
	s := &sched{tasks: tasks, left: len(tasks), workers: workers}
	s.cond = sync.NewCond(&s.mu)
	stop := context.AfterFunc(jobCtx, func() {
		s.mu.Lock()
		if s.err == nil {
			s.err = jobCtx.Err()
		}
		s.mu.Unlock()
		s.cond.Broadcast()
	})
	defer stop()
	start := time.Now()
	var progMu sync.Mutex
	var prog Progress
	prog.Total = len(tasks)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				t := s.next(w)
				if t == nil {
					return
				}
				select {
				case e.slots <- struct{}{}:
				case <-jobCtx.Done():
					s.finish(t, w, false, nil, p.canceled(t, w, jobCtx))
					return
				}
				t.attempts++
				info := TaskInfo{Partition: t.part, Attempt: t.attempts, Worker: w}
				r, terr := p.attempt(jobCtx, t, info)
				<-e.slots
				if terr == nil {
					r.Stats.Failures = len(t.prev)
					i := t.part
					if i < 0 {
						i = 0
					}
					results[i] = *r
					s.finish(t, w, true, nil, nil)
					if e.opts.Progress != nil {
						progMu.Lock()
						prog.Done++
						prog.RecordsIn += r.Stats.RecordsIn
						prog.RecordsOut += r.Stats.RecordsOut
						prog.Elapsed = time.Since(start)
						pr := prog
						progMu.Unlock()
						e.opts.Progress(pr)
					}
					continue
				}
				terr.Previous = append([]error(nil), t.prev...)
				retry := terr.Kind == FailPanic || terr.Kind == FailFault ||
					(e.opts.RetryExceptions && (terr.Kind == FailException || terr.Kind == FailTimeout || terr.Kind == FailSteps))
				if retry && t.attempts < e.opts.MaxFailures && jobCtx.Err() == nil {
					s.finish(t, w, false, terr, nil)
					continue
				}
				s.finish(t, w, false, nil, terr)
				cancel()
			}
		}(w)
	}
	wg.Wait()
	if s.err != nil {
		var te *TaskError
		if errors.As(s.err, &te) {
			return nil, s.err
		}
		// The context ended while tasks were waiting.
		for _, t := range tasks {
			if !t.done {
				return nil, &TaskError{TaskInfo: TaskInfo{Partition: t.part, Attempt: t.attempts, Worker: t.lastWkr}, Kind: FailCanceled, Err: s.err}
			}
		}
		return nil, s.err
	}
	return results, nil
}

func (p *Program) canceled(t *task, w int, ctx context.Context) *TaskError {
	return &TaskError{TaskInfo: TaskInfo{Partition: t.part, Attempt: t.attempts, Worker: w}, Kind: FailCanceled, Err: context.Cause(ctx)}
}

// attempt runs one attempt of t on the calling goroutine.
func (p *Program) attempt(jobCtx context.Context, tk *task, info TaskInfo) (res *Result, terr *TaskError) {
	e := p.e
	ctx := jobCtx
	if e.opts.TaskTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(jobCtx, e.opts.TaskTimeout)
		defer cancel()
	}
	t := e.newThread(p.Info.Version)
	t.Ctx = ctx
	t.Name = fmt.Sprintf("task %d.%d", info.Partition, info.Attempt)
	env := &TaskEnv{TaskInfo: info, Env: map[string]string{}, check: e.copts, nock: e.opts.NoCheck, mat: e.matOpts(nil)}
	for k, v := range e.opts.Env {
		env.Env[k] = v
	}
	if !e.opts.NoHashSeed {
		env.Env["PYTHONHASHSEED"] = strconv.FormatUint(uint64(e.opts.HashSeed), 10)
	}
	taskEnvs.Store(t, env)
	defer taskEnvs.Delete(t)
	start := time.Now()
	run := &taskRun{p: p, t: t, info: info}
	defer func() {
		if r := recover(); r != nil {
			res = nil
			terr = &TaskError{TaskInfo: info, Kind: FailPanic, Err: fmt.Errorf("%v\n%s", r, trimStack(debug.Stack()))}
		}
		if terr != nil && terr.Kind != FailPanic && terr.Kind != FailFault && terr.Kind != FailInput {
			classify(terr, ctx, jobCtx, e.opts.MaxSteps, t)
		}
	}()
	out, err := run.exec(tk, ctx)
	if err != nil {
		var fe *faultError
		te := &TaskError{TaskInfo: info, Kind: FailException, Err: err, Partial: run.partial, Thread: t}
		switch {
		case errors.As(err, &fe):
			te.Kind, te.Err = FailFault, fe.err
		case isInputErr(err):
			te.Kind = FailInput
		}
		var pe *pyexec.Exception
		if te.Kind == FailException && errors.As(err, &pe) {
			te.Traceback = pe.Traceback()
		}
		return nil, te
	}
	out.Partition = info.Partition
	out.Stats = TaskStats{TaskInfo: info, RecordsIn: run.in, RecordsOut: run.out, Duration: time.Since(start), Steps: t.Steps()}
	return out, nil
}

// classify turns interruptions reported as Python exceptions into their
// kinds.
func classify(te *TaskError, ctx, jobCtx context.Context, maxSteps int64, t *pyexec.Thread) {
	switch {
	case jobCtx.Err() != nil:
		te.Kind, te.Err, te.Traceback = FailCanceled, context.Cause(jobCtx), ""
	case ctx.Err() != nil:
		te.Kind, te.Err, te.Traceback = FailTimeout, ctx.Err(), ""
	case maxSteps > 0 && t.Steps() >= maxSteps:
		var pe *pyexec.Exception
		if errors.As(te.Err, &pe) && strings.Contains(pe.Error(), "step budget") {
			te.Kind, te.Err, te.Traceback = FailSteps, fmt.Errorf("step budget of %d instructions exhausted", maxSteps), ""
		}
	}
}

func trimStack(b []byte) string {
	lines := strings.Split(string(b), "\n")
	if len(lines) > 24 {
		lines = lines[:24]
	}
	return strings.Join(lines, "\n")
}

type faultError struct{ err error }

func (f *faultError) Error() string { return f.err.Error() }

type inputErr struct{ err error }

func (i *inputErr) Error() string { return i.err.Error() }
func (i *inputErr) Unwrap() error { return i.err }

func isInputErr(err error) bool {
	var ie *inputErr
	return errors.As(err, &ie)
}

// taskRun is the state of one attempt.
type taskRun struct {
	p       *Program
	t       *pyexec.Thread
	info    TaskInfo
	in, out int64
	partial []py.Object
}

// exec materialises the payload, builds the input and applies the mode.
func (r *taskRun) exec(tk *task, ctx context.Context) (*Result, error) {
	p, t := r.p, r.t
	l, err := Load(p.graph, p.e.matOpts(t))
	if err != nil {
		return nil, &inputErr{err}
	}
	fn := l.Value
	var cmd *command
	if p.Command {
		if cmd, err = asCommand(t, l.Value); err != nil || cmd == nil {
			return nil, &inputErr{fmt.Errorf("pybridge: the payload is no longer a PySpark command: %v", err)}
		}
		fn = cmd.fn
	}
	if f := p.e.opts.Fault; f != nil {
		if err := f(r.info); err != nil {
			return nil, &faultError{err}
		}
	}
	in, err := r.input(tk, cmd)
	if err != nil {
		return nil, err
	}
	var vals []py.Object
	switch p.mode {
	case ModeMap, ModeFilter, ModeFlatMap:
		vals, err = r.perRecord(fn, in)
	case ModePartition, ModePipeline:
		var res py.Object
		if p.mode == ModePartition {
			res, err = pyexec.Call(t, fn, []py.Object{in}, nil)
		} else {
			res, err = pyexec.Call(t, fn, []py.Object{pyexec.MakeInt(int64(max(tk.part, 0))), in}, nil)
		}
		if err != nil {
			return nil, err
		}
		if p.e.opts.Output == FormatStream {
			return r.stream(res, cmd)
		}
		vals, err = r.drain(res)
	case ModeReduce:
		vals, err = r.reduce(fn, in)
	}
	if err != nil {
		return nil, err
	}
	r.out = int64(len(vals))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if p.mode == ModeReduce && tk.part >= 0 {
		// A partition's fold feeds the final reduce as Python values.
		return &Result{Values: vals, Thread: t}, nil
	}
	return r.format(vals, cmd)
}

// recordIter iterates a partition's input.
type recordIter struct {
	r    *taskRun
	next func() (py.Object, error)
}

func (it *recordIter) Type() *py.Type { return pyexec.IteratorType }

func (it *recordIter) Next(t *pyexec.Thread) (py.Object, error) {
	v, err := it.next()
	if v != nil {
		it.r.in++
	}
	return v, err
}

// input returns the iterator over the task's records.
func (r *taskRun) input(tk *task, cmd *command) (pyexec.Iterator, error) {
	t := r.t
	it := &recordIter{r: r}
	pt := tk.in
	switch {
	case tk.pyIn != nil:
		it.next = sliceNext(tk.pyIn)
	case pt == nil:
		it.next = func() (py.Object, error) { return nil, nil }
	case tk.graph != nil:
		l, err := Load(tk.graph, MaterializeOptions{Thread: t, AllowUntested: true, Import: r.p.e.opts.Import})
		if err != nil {
			return nil, &inputErr{&InputError{Err: err}}
		}
		switch x := l.Value.(type) {
		case *py.List:
			it.next = sliceNext(x.Items)
		case py.Tuple:
			it.next = sliceNext(x)
		default:
			return nil, &inputErr{&InputError{Err: fmt.Errorf("pybridge: the input is a %s; want a list or tuple of records", pyexec.TypeName(l.Value))}}
		}
	case pt.Stream != nil:
		var src pyexec.Iterator
		var err error
		if cmd != nil {
			src, err = cmd.deser.LoadStream(t, bytes.NewReader(pt.Stream))
		} else {
			src = framedBatches(t, bytes.NewReader(pt.Stream))
		}
		if err != nil {
			return nil, &inputErr{err}
		}
		it.next = func() (py.Object, error) { return src.Next(t) }
	case pt.Lines != nil:
		var td TextDeserializer
		if cmd != nil {
			td, _ = cmd.deser.(TextDeserializer)
		}
		i := 0
		it.next = func() (py.Object, error) {
			if i >= len(pt.Lines) {
				return nil, nil
			}
			s := pt.Lines[i]
			i++
			if td != nil {
				return td.TextRecord(s), nil
			}
			return py.String(s), nil
		}
	default:
		i := 0
		it.next = func() (py.Object, error) {
			if i >= len(pt.Records) {
				return nil, nil
			}
			v, err := ToPython(t, pt.Records[i])
			i++
			if err != nil {
				return nil, &inputErr{fmt.Errorf("pybridge: record %d: %w", i-1, err)}
			}
			return v, nil
		}
	}
	return it, nil
}

func sliceNext(items []py.Object) func() (py.Object, error) {
	i := 0
	return func() (py.Object, error) {
		if i >= len(items) {
			return nil, nil
		}
		i++
		return items[i-1], nil
	}
}

// perRecord applies f to each record (map, filter, flatmap).
func (r *taskRun) perRecord(fn py.Object, in pyexec.Iterator) ([]py.Object, error) {
	t := r.t
	var out []py.Object
	defer func() { r.partial = out }()
	arg := make([]py.Object, 1)
	for {
		rec, err := in.Next(t)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return out, nil
		}
		arg[0] = rec
		v, err := pyexec.Call(t, fn, arg, nil)
		if err != nil {
			return nil, err
		}
		switch r.p.mode {
		case ModeMap:
			out = append(out, v)
		case ModeFilter:
			ok, err := pyexec.Truth(t, v)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, rec)
			}
		case ModeFlatMap:
			it, err := pyexec.Iterate(t, v)
			if err != nil {
				return nil, err
			}
			for {
				x, err := it.Next(t)
				if err != nil {
					return nil, err
				}
				if x == nil {
					break
				}
				out = append(out, x)
			}
		}
	}
}

// drain collects the items of an iterable result.
func (r *taskRun) drain(res py.Object) ([]py.Object, error) {
	it, err := pyexec.Iterate(r.t, res)
	if err != nil {
		return nil, err
	}
	var out []py.Object
	for {
		x, err := it.Next(r.t)
		if err != nil {
			return nil, err
		}
		if x == nil {
			return out, nil
		}
		out = append(out, x)
	}
}

// reduce folds the partition as rdd.reduce's per-partition function.
func (r *taskRun) reduce(fn py.Object, in pyexec.Iterator) ([]py.Object, error) {
	t := r.t
	acc, err := in.Next(t)
	if err != nil || acc == nil {
		return nil, err
	}
	args := make([]py.Object, 2)
	for {
		rec, err := in.Next(t)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return []py.Object{acc}, nil
		}
		args[0], args[1] = acc, rec
		if acc, err = pyexec.Call(t, fn, args, nil); err != nil {
			return nil, err
		}
	}
}

// format converts the values as ExecutorOptions.Output asks.
func (r *taskRun) format(vals []py.Object, cmd *command) (*Result, error) {
	t := r.t
	switch r.p.e.opts.Output {
	case FormatPython:
		if vals == nil {
			vals = []py.Object{}
		}
		return &Result{Values: vals, Thread: t}, nil
	case FormatPickle:
		b, err := DumpData(t, &py.List{Items: vals})
		if err != nil {
			return nil, &inputErr{fmt.Errorf("pybridge: output: %w", err)}
		}
		return &Result{Data: b}, nil
	case FormatStream:
		return r.stream(&py.List{Items: vals}, cmd)
	}
	out := make([]any, len(vals))
	for i, v := range vals {
		g, err := FromPython(t, v)
		if err != nil {
			return nil, &inputErr{fmt.Errorf("pybridge: output record %d: %w", i, err)}
		}
		out[i] = g
	}
	return &Result{Records: out}, nil
}

// stream writes the output as a PySpark worker's data section.
func (r *taskRun) stream(res py.Object, cmd *command) (*Result, error) {
	t := r.t
	it, err := pyexec.Iterate(t, res)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	var n int64
	if cmd != nil {
		n, err = cmd.ser.DumpStream(t, it, &b)
	} else {
		n, err = dumpBatches(t, it, &b, 1024)
	}
	if err != nil {
		return nil, err
	}
	r.out = n
	return &Result{Data: b.Bytes()}, nil
}

// WriteFrame writes one PySpark data frame: a big-endian int32 length and
// the bytes.
func WriteFrame(w io.Writer, b []byte) error {
	if len(b) > 1<<31-1 {
		return fmt.Errorf("pybridge: frame of %d bytes exceeds 2 GiB", len(b))
	}
	var h [4]byte
	binary.BigEndian.PutUint32(h[:], uint32(len(b)))
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// Frame length markers of PySpark's data streams.
const (
	// FrameEnd (END_OF_DATA_SECTION) ends a stream.
	FrameEnd = -1
	// FrameNull (NULL) stands for a None record.
	FrameNull = -5
)

// ReadFrame reads one frame: the bytes, or nil with the marker (FrameEnd,
// FrameNull) as n. io.EOF at a frame boundary ends the stream as FrameEnd.
func ReadFrame(r io.Reader) (b []byte, n int, err error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		if err == io.EOF {
			return nil, FrameEnd, nil
		}
		return nil, 0, fmt.Errorf("pybridge: truncated frame header: %w", err)
	}
	n = int(int32(binary.BigEndian.Uint32(h[:])))
	if n < 0 {
		if n == FrameEnd || n == FrameNull {
			return nil, n, nil
		}
		return nil, n, fmt.Errorf("pybridge: bad frame length %d", n)
	}
	if lr, ok := r.(interface{ Len() int }); ok && lr.Len() < n {
		return nil, n, fmt.Errorf("pybridge: frame of %d bytes, but only %d remain", n, lr.Len())
	}
	b = make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, n, fmt.Errorf("pybridge: truncated frame of %d bytes: %w", n, err)
	}
	return b, n, nil
}

// framedBatches reads framed pickles; a frame holding a list is a batch
// of records (BatchedSerializer), anything else one record.
func framedBatches(t *pyexec.Thread, r io.Reader) pyexec.Iterator {
	br := bufio.NewReader(r)
	var batch []py.Object
	done := false
	return pyexec.NewIterator(pyexec.IteratorType, func(t *pyexec.Thread) (py.Object, error) {
		for len(batch) == 0 {
			if done {
				return nil, nil
			}
			b, n, err := ReadFrame(br)
			if err != nil {
				return nil, &inputErr{err}
			}
			switch n {
			case FrameEnd:
				done = true
				return nil, nil
			case FrameNull:
				return py.None, nil
			}
			v, err := LoadData(t, b)
			if err != nil {
				return nil, &inputErr{&InputError{Err: err}}
			}
			if l, ok := v.(*py.List); ok {
				batch = l.Items
				continue
			}
			return v, nil
		}
		v := batch[0]
		batch = batch[1:]
		return v, nil
	})
}

// dumpBatches writes lists of up to size records, each pickled in a frame.
func dumpBatches(t *pyexec.Thread, it pyexec.Iterator, w io.Writer, size int) (int64, error) {
	var n int64
	batch := make([]py.Object, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		b, err := DumpData(t, &py.List{Items: batch})
		if err != nil {
			return err
		}
		batch = batch[:0]
		return WriteFrame(w, b)
	}
	for {
		x, err := it.Next(t)
		if err != nil {
			return n, err
		}
		if x == nil {
			return n, flush()
		}
		n++
		batch = append(batch, x)
		if len(batch) == size {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
}
