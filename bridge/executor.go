package bridge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// Mode says how a payload's callable f is applied to a partition's records.
type Mode string

// The modes. ModeAuto is ModePipeline for a PySpark command tuple and
// ModeMap for any other callable.
const (
	ModeAuto Mode = ""
	// ModeMap calls f(record) for each record (rdd.map).
	ModeMap Mode = "map"
	// ModeFlatMap calls f(record) and yields the items of each result
	// (rdd.flatMap).
	ModeFlatMap Mode = "flatmap"
	// ModeFilter keeps the records for which f(record) is true (rdd.filter).
	ModeFilter Mode = "filter"
	// ModePartition calls f(iterator) once per partition and yields the
	// items of its result (rdd.mapPartitions).
	ModePartition Mode = "partition"
	// ModePipeline calls f(split_index, iterator) once per partition and
	// yields the items of its result: the shape of the function of a
	// PySpark command (rdd.mapPartitionsWithIndex).
	ModePipeline Mode = "pipeline"
	// ModeReduce folds each partition with f(acc, record) starting from its
	// first record, then folds the partitions' values in partition order
	// (rdd.reduce). The job has one result: a partition 0 with one record.
	ModeReduce Mode = "reduce"
)

// ParseMode returns the Mode named s ("" is ModeAuto).
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeAuto, ModeMap, ModeFlatMap, ModeFilter, ModePartition, ModePipeline, ModeReduce:
		return m, nil
	}
	return "", fmt.Errorf("unknown mode %q (want map, flatmap, filter, partition, pipeline or reduce)", s)
}

// Format says what form a Result's records take.
type Format int

const (
	// FormatGo returns Go values in Result.Records (see FromPython).
	FormatGo Format = iota
	// FormatPython returns the Python objects in Result.Values, with the
	// Thread that made them (use it for Repr, ToJSON, ToPickle).
	FormatPython
	// FormatPickle returns a protocol-5 pickle of the partition's list of
	// records in Result.Data, byte-identical to CPython's pickle.dumps.
	FormatPickle
	// FormatStream returns Result.Data written as a PySpark worker writes
	// its output: by the command's serializer for a PySpark command, else
	// as BatchedSerializer(PickleSerializer(), 1024) frames.
	FormatStream
)

// ExecutorOptions configures an Executor. The zero value is usable.
type ExecutorOptions struct {
	// Workers is the number of worker goroutines a Run uses, and the most
	// tasks the Executor runs at once over all its Runs (default
	// runtime.GOMAXPROCS(0)).
	Workers int
	// Mode is how programs apply their callable (default ModeAuto).
	Mode Mode
	// Output is the form of the results (default FormatGo).
	Output Format
	// MaxFailures is how many failed attempts a partition may have before
	// the job fails, as Spark's spark.task.maxFailures (default 4; 1 means
	// no retry). Only retryable failures are retried: see Retryable.
	MaxFailures int
	// RetryExceptions also retries Python exceptions, timeouts and step
	// budget exhaustion (Spark retries every task failure). By default they
	// fail the job at once: the same code on the same records raises again.
	RetryExceptions bool
	// TaskTimeout bounds each task attempt (0: none).
	TaskTimeout time.Duration
	// MaxSteps bounds the evaluation steps of each task attempt (0: none);
	// see pyexec.Thread.StepBudget for what a step counts (about one per
	// bytecode instruction run in a loop, one per call).
	MaxSteps int64
	// MaxHeapBytes stops a task attempt with an uncatchable MemoryError
	// once the process's Go heap is over this many bytes (0: no limit); see
	// pyexec.Thread.MaxHeapBytes.
	MaxHeapBytes int64
	// RecursionLimit is sys.getrecursionlimit() (default 1000).
	RecursionLimit int
	// Check configures the checker run on payloads and on pickled input
	// (nil: check.DefaultOptions()); NoCheck skips it.
	Check   *check.Options
	NoCheck bool
	// Version, AllowUntested and Import are as in MaterializeOptions.
	Version       bytecode.Version
	AllowUntested bool
	Import        func(t *pyexec.Thread, name string) (py.Object, error)
	// HashSeed is PYTHONHASHSEED (default 0, as Spark sets it). With
	// NoHashSeed the task environment has no PYTHONHASHSEED, and
	// pyspark.rdd.portable_hash raises as in PySpark.
	HashSeed   uint32
	NoHashSeed bool
	// Env is extra task environment, visible to Go-implemented globals
	// through TaskEnvOf.
	Env map[string]string
	// Stdout receives print() output of all tasks (writes are serialised);
	// nil discards it.
	Stdout io.Writer
	// Fault, when set, is called at the start of every task attempt, after
	// the payload is materialised: an error (or a panic) kills the attempt
	// as a crashed worker would, and it is retried. For fault-injection
	// tests.
	Fault func(TaskInfo) error
	// Progress, when set, is called after each partition completes (from
	// the worker goroutine; keep it short).
	Progress func(Progress)
}

// TaskInfo identifies a task attempt.
type TaskInfo struct {
	// Partition is the partition index (split), from 0.
	Partition int
	// Attempt counts from 1.
	Attempt int
	// Worker is the index of the worker goroutine, from 0.
	Worker int
}

// Progress is reported after each partition completes.
type Progress struct {
	Done, Total int
	// RecordsIn and RecordsOut count the records of completed partitions.
	RecordsIn, RecordsOut int64
	Elapsed               time.Duration
}

// TaskStats describes one successful task attempt.
type TaskStats struct {
	TaskInfo
	RecordsIn, RecordsOut int64
	Duration              time.Duration
	// Steps is the number of evaluation steps counted
	// (pyexec.Thread.Steps).
	Steps int64
	// Failures is the number of failed attempts before this one.
	Failures int
}

// Partition is one partition of input records. Exactly one field should
// be set; an empty Partition has no records.
type Partition struct {
	// Records are Go values converted by ToPython (a py.Object is passed
	// as is: it must not be used by another goroutine while a task runs).
	Records []any
	// Lines are text records, one per line as textFile gives them: str
	// records (bytes for a PySpark command whose deserializer is
	// UTF8Deserializer(use_unicode=False)).
	Lines []string
	// Pickle is a pickle of a list or tuple of records; it is decoded and
	// checked before any task starts.
	Pickle []byte
	// Stream is a PySpark data stream: read by the deserializer of a PySpark
	// command, else as framed pickles (a frame holding a list is a batch).
	Stream []byte
}

// Result is the output of one partition, in the form ExecutorOptions.Output
// asks for.
type Result struct {
	Partition int
	// Records holds FormatGo output.
	Records []any
	// Values and Thread hold FormatPython output; Values belong to Thread.
	Values []py.Object
	Thread *pyexec.Thread
	// Data holds FormatPickle and FormatStream output.
	Data  []byte
	Stats TaskStats
}

// Len returns the number of records in r (for FormatPickle and
// FormatStream: Stats.RecordsOut).
func (r *Result) Len() int {
	switch {
	case r.Records != nil:
		return len(r.Records)
	case r.Values != nil:
		return len(r.Values)
	}
	return int(r.Stats.RecordsOut)
}

// FailureKind classifies a task failure.
type FailureKind int

// The failure kinds. Panic and Fault are retryable; the others are retried
// only with ExecutorOptions.RetryExceptions (Canceled and Input never).
const (
	// FailException is a Python exception raised by the payload.
	FailException FailureKind = iota
	// FailPanic is a Go panic inside the task (recovered).
	FailPanic
	// FailFault is an attempt killed by ExecutorOptions.Fault.
	FailFault
	// FailTimeout is an attempt that ran past TaskTimeout.
	FailTimeout
	// FailSteps is an attempt that exhausted MaxSteps.
	FailSteps
	// FailCanceled is an attempt stopped because the Run's context ended.
	FailCanceled
	// FailInput is input that cannot be read, decoded, checked or
	// materialised, or output that cannot be converted.
	FailInput
)

var kindNames = [...]string{"Python exception", "panic", "injected fault", "timeout", "step budget exhausted", "canceled", "bad input or output"}

// String names the kind.
func (k FailureKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("FailureKind(%d)", int(k))
}

// TaskError is the error of a job that failed: the partition whose last
// attempt failed, and why. errors.As(err, &te) finds it in Run's error.
type TaskError struct {
	TaskInfo
	Kind FailureKind
	// Err is the cause: a *pyexec.Exception for FailException, the
	// context's error for FailTimeout and FailCanceled.
	Err error
	// Traceback is the Python traceback (as CPython prints it) when the
	// cause is a Python exception.
	Traceback string
	// Previous lists the errors of the earlier failed attempts.
	Previous []error
	// Partial are the results the attempt produced before it failed (only
	// for ModeMap, ModeFilter and ModeFlatMap), owned by Thread.
	Partial []py.Object
	Thread  *pyexec.Thread
}

// Error reads "pybridge: partition 3, attempt 2: ZeroDivisionError: ...".
func (e *TaskError) Error() string {
	where := fmt.Sprintf("partition %d, attempt %d", e.Partition, e.Attempt)
	if e.Partition < 0 {
		where = fmt.Sprintf("final reduce, attempt %d", e.Attempt)
	}
	if e.Kind == FailException || e.Kind == FailInput {
		return fmt.Sprintf("pybridge: %s: %v", where, e.Err)
	}
	return fmt.Sprintf("pybridge: %s: %s: %v", where, e.Kind, e.Err)
}

// Unwrap returns the cause.
func (e *TaskError) Unwrap() error { return e.Err }

// Retryable reports whether the failure is one the executor retries by
// default (a panic or an injected fault).
func (e *TaskError) Retryable() bool { return e.Kind == FailPanic || e.Kind == FailFault }

// Executor runs loaded payloads as tasks, one per partition, on worker
// goroutines. It is safe for concurrent use; an Executor bounds the tasks
// running at once over all its Runs to Workers.
type Executor struct {
	opts  ExecutorOptions
	copts check.Options
	slots chan struct{}
	out   io.Writer
}

// NewExecutor returns an Executor. It freezes the registry of
// Go-implemented modules (RegisterModule), so registration after it fails.
func NewExecutor(opts ExecutorOptions) (*Executor, error) {
	if opts.Workers < 0 || opts.MaxFailures < 0 || opts.MaxSteps < 0 || opts.MaxHeapBytes < 0 || opts.TaskTimeout < 0 || opts.RecursionLimit < 0 {
		return nil, fmt.Errorf("pybridge: negative executor limit")
	}
	if opts.Workers == 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxFailures == 0 {
		opts.MaxFailures = 4
	}
	if opts.RecursionLimit == 0 {
		opts.RecursionLimit = pyexec.DefaultRecursionLimit
	}
	if _, err := ParseMode(string(opts.Mode)); err != nil {
		return nil, fmt.Errorf("pybridge: %v", err)
	}
	if opts.Output < FormatGo || opts.Output > FormatStream {
		return nil, fmt.Errorf("pybridge: unknown output format %d", opts.Output)
	}
	freezeRegistry()
	e := &Executor{opts: opts, copts: check.DefaultOptions(), slots: make(chan struct{}, opts.Workers)}
	if opts.Check != nil {
		e.copts = *opts.Check
	}
	if opts.Stdout != nil {
		e.out = &lockedWriter{w: opts.Stdout}
	}
	return e, nil
}

// Options returns the executor's options with defaults filled in.
func (e *Executor) Options() ExecutorOptions { return e.opts }

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Program is a payload loaded by an Executor: decoded and checked once,
// materialised afresh by every task attempt.
type Program struct {
	e     *Executor
	graph *pickle.Graph
	mode  Mode
	// Info is what version inference found.
	Info VersionInfo
	// Command reports whether the payload is a PySpark command tuple
	// (func, profiler, deserializer, serializer).
	Command bool
}

// Load decodes and checks a payload (a refusal returns the *check.Report
// as the error; a malformed pickle a *pickle.SyntaxError) and materialises
// it once to find its version and shape (errors are *LoadError, such as a
// payload of a CPython version pyexec does not run).
func (e *Executor) Load(payload []byte) (*Program, error) {
	g, err := decodeChecked(payload, e.copts, e.opts.NoCheck)
	if err != nil {
		return nil, err
	}
	return e.LoadGraph(g)
}

// LoadGraph is Load for a payload already decoded (and checked, if
// wanted). The graph must not be modified afterwards.
func (e *Executor) LoadGraph(g *pickle.Graph) (*Program, error) {
	p := &Program{e: e, graph: g}
	info, err := InferVersion(g, e.opts.Version)
	if err != nil {
		return nil, err
	}
	t := e.newThread(info.Version)
	l, err := Load(g, e.matOpts(t))
	if err != nil {
		return nil, err
	}
	p.Info = l.Info
	cmd, err := asCommand(t, l.Value)
	if err != nil {
		return nil, err
	}
	p.Command = cmd != nil
	if err := p.setMode(e.opts.Mode); err != nil {
		return nil, err
	}
	if cmd == nil {
		if !callable(t, l.Value) {
			return nil, &LoadError{Msg: fmt.Sprintf("the payload is a %s, not a callable", pyexec.TypeName(l.Value))}
		}
	}
	return p, nil
}

// Mode returns the mode the program runs in (never ModeAuto).
func (p *Program) Mode() Mode { return p.mode }

// WithMode returns a copy of p that runs in mode m.
func (p *Program) WithMode(m Mode) (*Program, error) {
	q := *p
	if err := q.setMode(m); err != nil {
		return nil, err
	}
	return &q, nil
}

func (p *Program) setMode(m Mode) error {
	if _, err := ParseMode(string(m)); err != nil {
		return fmt.Errorf("pybridge: %v", err)
	}
	if p.Command {
		if m != ModeAuto && m != ModePipeline {
			return fmt.Errorf("pybridge: the payload is a PySpark command, which runs as a pipeline, not in mode %s", m)
		}
		p.mode = ModePipeline
		return nil
	}
	if m == ModeAuto {
		m = ModeMap
	}
	p.mode = m
	return nil
}

// Version returns the CPython version the program reproduces.
func (p *Program) Version() bytecode.Version { return p.Info.Version }

func callable(t *pyexec.Thread, o py.Object) bool {
	switch o.(type) {
	case *pyexec.Function, *pyexec.Builtin, *pyexec.BoundMethod, *py.Type:
		return true
	case pyexec.Callable:
		return true
	}
	_, err := pyexec.GetAttr(t, o, "__call__")
	return err == nil
}

func (e *Executor) newThread(v bytecode.Version) *pyexec.Thread {
	if v == (bytecode.Version{}) {
		v = DefaultDataVersion
	}
	t := pyexec.NewThread(v)
	t.SetHashSeed(e.opts.HashSeed)
	t.RecursionLimit = e.opts.RecursionLimit
	t.StepBudget = e.opts.MaxSteps
	t.MaxHeapBytes = e.opts.MaxHeapBytes
	if e.out != nil {
		t.Stdout = e.out
	}
	return t
}

func (e *Executor) matOpts(t *pyexec.Thread) MaterializeOptions {
	return MaterializeOptions{Thread: t, AllowUntested: e.opts.AllowUntested, Import: e.opts.Import}
}

// command is a PySpark command tuple's parts.
type command struct {
	fn         py.Object
	deser, ser StreamSerializer
}

// asCommand recognises (func, profiler, deserializer, serializer) whose
// serializers are Go-implemented PySpark serializers.
func asCommand(t *pyexec.Thread, v py.Object) (*command, error) {
	tup, ok := v.(py.Tuple)
	if !ok || len(tup) != 4 {
		return nil, nil
	}
	deser, ok1 := tup[2].(StreamSerializer)
	ser, ok2 := tup[3].(StreamSerializer)
	if !ok1 || !ok2 {
		return nil, nil
	}
	if !pyexec.IsNone(tup[1]) {
		return nil, &LoadError{Msg: "the PySpark command carries a profiler (spark.python.profile); pybridge does not profile"}
	}
	if !callable(t, tup[0]) {
		return nil, &LoadError{Msg: fmt.Sprintf("the PySpark command's function is a %s, not a callable", pyexec.TypeName(tup[0]))}
	}
	return &command{fn: tup[0], deser: deser, ser: ser}, nil
}

// StreamSerializer is a PySpark serializer implemented in Go (package
// bridge/pyspark provides them). The executor uses the deserializer of a
// PySpark command to read Partition.Stream and its serializer to write
// FormatStream output.
type StreamSerializer interface {
	py.Object
	// LoadStream returns an iterator over the records of a data stream.
	LoadStream(t *pyexec.Thread, r io.Reader) (pyexec.Iterator, error)
	// DumpStream writes the items of it to w and returns how many records
	// it wrote.
	DumpStream(t *pyexec.Thread, it pyexec.Iterator, w io.Writer) (int64, error)
}

// TextDeserializer is a StreamSerializer that turns a text line into a
// record itself (UTF8Deserializer: str, or bytes without use_unicode).
type TextDeserializer interface {
	TextRecord(line string) py.Object
}

// TaskEnv is what Go-implemented globals may learn about the task a
// thread runs: see TaskEnvOf.
type TaskEnv struct {
	TaskInfo
	// Env is the task's environment: PYTHONHASHSEED (unless NoHashSeed)
	// and ExecutorOptions.Env.
	Env   map[string]string
	check check.Options
	nock  bool
	mat   MaterializeOptions
}

var taskEnvs sync.Map // *pyexec.Thread → *TaskEnv

// defaultEnv is the environment of threads that run outside an executor.
var defaultEnv = &TaskEnv{Env: map[string]string{"PYTHONHASHSEED": "0"}, check: check.DefaultOptions()}

// TaskEnvOf returns the environment of the executor task thread t runs;
// outside an executor it is PYTHONHASHSEED=0 and the default check policy.
func TaskEnvOf(t *pyexec.Thread) *TaskEnv {
	if v, ok := taskEnvs.Load(t); ok {
		return v.(*TaskEnv)
	}
	return defaultEnv
}

// Getenv returns the task environment variable key (os.environ[key]).
func (te *TaskEnv) Getenv(key string) (string, bool) {
	v, ok := te.Env[key]
	return v, ok
}

// LoadData decodes, checks (with the task's check policy) and
// materialises a pickled data record with thread t, as a PySpark
// serializer's loads does. A refusal is the *check.Report.
func LoadData(t *pyexec.Thread, data []byte) (py.Object, error) {
	te := TaskEnvOf(t)
	g, err := decodeChecked(data, te.check, te.nock)
	if err != nil {
		return nil, err
	}
	opts := te.mat
	opts.Thread = t
	opts.AllowUntested = true
	l, err := Load(g, opts)
	if err != nil {
		return nil, err
	}
	return l.Value, nil
}

// DumpData pickles a plain-data value with protocol 5, as
// pickle.dumps(v, HIGHEST_PROTOCOL) does.
func DumpData(t *pyexec.Thread, v py.Object) ([]byte, error) {
	g, err := ToPickle(t, v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := pickle.Encode(&b, g, nil); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// errEmptyReduce is rdd.reduce's error on an empty RDD.
var errEmptyReduce = pyexec.Errorf(pyexec.ValueErrorType, "Can not reduce() empty RDD")

// IsRetryable reports whether err (from Run) is a TaskError the executor
// would retry by default.
func IsRetryable(err error) bool {
	var te *TaskError
	return errors.As(err, &te) && te.Retryable()
}
