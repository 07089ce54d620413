package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"

	// PySpark's globals, for command payloads.
	_ "github.com/pybridge/pybridge/bridge/pyspark"
)

func init() {
	register(&command{name: "run", summary: "apply a cloudpickled function to input records", run: runRun})
}

// runRun implements "pybridge run [flags] PAYLOAD". Exit status: 0 done;
// 1 the function raised or a task failed (the traceback is on stderr); 2
// usage, unreadable, malformed or unloadable payload or input; 3 refused
// by the checker.
//
// Without --input the callable is called once with no argument. With
// --input the records are split into --partitions partitions (default 1)
// and run as tasks by a bridge.Executor on --workers goroutines.
func runRun(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	inputPath := fs.String("input", "", "input records (see --input-format); the function is applied to them (default: call it once with no argument)")
	inputFormat := fs.String("input-format", "pickle", "input: pickle (a list or tuple of records), pyspark-stream (PySpark data frames), jsonl (one JSON value per line) or text (one str record per line, like textFile)")
	format := fs.String("format", "repr", "output: repr (one line per result), json (a JSON array), pickle (a pickle of the result list) or pyspark-stream (the command's serializer's frames)")
	outPath := fs.String("output", "", "write the results to this file instead of standard output")
	python := fs.String("python", "", "CPython version the payload was made by (default: inferred from its bytecode)")
	untested := fs.Bool("allow-untested", false, "run payloads of CPython versions the evaluator is not tested against")
	maxSteps := fs.Int64("max-steps", 0, "stop a task after this many evaluation steps, about one per bytecode instruction run in a loop (0: no limit)")
	mode := fs.String("mode", "", "map, flatmap, filter, partition (f(iterator)), pipeline (f(split, iterator)) or reduce (default: pipeline for a PySpark command, else map)")
	partitions := fs.Int("partitions", 1, "split the input records into this many partitions (tasks)")
	workers := fs.Int("workers", 0, "worker goroutines (default: GOMAXPROCS)")
	maxFailures := fs.Int("max-failures", 4, "attempts a partition may fail (a crashed task is retried on another worker) before the job fails")
	taskTimeout := fs.Duration("task-timeout", 0, "stop a task attempt after this long (0: no limit)")
	maxMemory := fs.Int64("max-memory", 0, "stop a task with MemoryError once the process's heap is over this many MiB (0: three quarters of the machine's or cgroup's memory; negative: no limit)")
	stats := fs.Bool("stats", false, "print per-task records in/out, time and steps on stderr")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge run [--input FILE] [--input-format F] [--mode M] [--partitions N] [--workers N] [--format F] [--output FILE] PAYLOAD")
		fmt.Fprintln(env.stderr, "Applies the callable a cloudpickle payload (or a PySpark command) holds to the input records.")
		fmt.Fprintln(env.stderr, "Exit status: 0 done, 1 the function raised or a task failed, 2 usage or bad payload/input, 3 refused by the checker.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(env.stderr, "pybridge run: "+format+"\n", a...)
		return 2
	}
	switch *format {
	case "repr", "json", "pickle", "pyspark-stream":
	default:
		return usage("unknown format %q (want repr, json, pickle or pyspark-stream)", *format)
	}
	switch *inputFormat {
	case "pickle", "pyspark-stream", "jsonl", "text":
	default:
		return usage("unknown input format %q (want pickle, pyspark-stream, jsonl or text)", *inputFormat)
	}
	m, err := bridge.ParseMode(*mode)
	if err != nil {
		return usage("%v", err)
	}
	if *partitions < 1 || *workers < 0 || *maxFailures < 1 || *taskTimeout < 0 || *maxSteps < 0 {
		return usage("--partitions and --max-failures must be at least 1; --workers, --task-timeout and --max-steps not negative")
	}
	ver, err := parsePython(*python)
	if err != nil {
		return usage("%v", err)
	}
	path := fs.Arg(0)
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	// Everything is read before anything runs: a missing or unreadable
	// file is an error before any task starts.
	payload, err := readInput(env, path)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
		return 2
	}
	var input []byte
	if *inputPath != "" {
		if *inputPath == "-" && path == "-" {
			return usage("the payload and the input cannot both be standard input")
		}
		if input, err = readInput(env, *inputPath); err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", *inputPath, err)
			return 2
		}
	}
	out := env.stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %v\n", err)
			return 2
		}
		defer f.Close()
		out = f
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	if input == nil {
		if *format == "pyspark-stream" {
			return usage("--format pyspark-stream needs --input")
		}
		return runOnce(env, w, name, payload, ver, *untested, *maxSteps, heapLimit(*maxMemory), *format)
	}
	var parts []bridge.Partition
	switch *inputFormat {
	case "pickle":
		parts, err = bridge.SplitPickle(input, *partitions)
	case "pyspark-stream":
		parts, err = bridge.SplitStream(input, *partitions)
	case "jsonl":
		parts, err = bridge.SplitJSONL(bytes.NewReader(input), *partitions)
	case "text":
		parts = bridge.SplitLines(input, *partitions)
	}
	if err != nil {
		return loadExit(env, *inputPath, unwrapInput(err))
	}
	output := bridge.FormatPython
	if *format == "pyspark-stream" {
		output = bridge.FormatStream
	}
	opts := bridge.ExecutorOptions{Workers: *workers, Mode: m, Output: output, MaxFailures: *maxFailures,
		TaskTimeout: *taskTimeout, MaxSteps: *maxSteps, MaxHeapBytes: heapLimit(*maxMemory), Version: ver, AllowUntested: *untested}
	progress := newProgress(env.stderr)
	if progress != nil {
		opts.Progress = progress.update
	}
	ex, err := bridge.NewExecutor(opts)
	if err != nil {
		return usage("%v", err)
	}
	prog, err := ex.Load(payload)
	if err != nil {
		return loadExit(env, name, err)
	}
	results, err := prog.Run(context.Background(), parts)
	progress.finish()
	if *stats {
		printStats(env.stderr, results)
	}
	if err != nil {
		var te *bridge.TaskError
		if errors.As(err, &te) && te.Kind == bridge.FailInput {
			return loadExit(env, *inputPath, unwrapInput(te.Err))
		}
		if errors.As(err, &te) && *format == "repr" && te.Partition == 0 {
			// What the partition produced before it failed, as a
			// one-partition run prints it record by record.
			for _, v := range te.Partial {
				if s, err := pyexec.Repr(te.Thread, v); err == nil {
					fmt.Fprintln(w, s)
				}
			}
		}
		w.Flush()
		reportTaskErr(env, name, err)
		return 1
	}
	return writeResults(env, w, name, results, *format)
}

// unwrapInput returns the error an InputError wraps.
func unwrapInput(err error) error {
	var ie *bridge.InputError
	if errors.As(err, &ie) {
		return ie.Err
	}
	return err
}

// runOnce calls the payload's callable once with no argument.
func runOnce(env *cmdEnv, w *bufio.Writer, name string, payload []byte, ver bytecode.Version, untested bool, maxSteps, maxHeap int64, format string) int {
	job, err := bridge.Prepare(payload, nil, bridge.RunOptions{Materialize: bridge.MaterializeOptions{Version: ver, AllowUntested: untested}})
	if err != nil {
		return loadExit(env, name, err)
	}
	th := job.Payload.Thread
	th.StepBudget = maxSteps
	th.MaxHeapBytes = maxHeap
	res, err := job.Payload.Apply(nil)
	if err != nil {
		w.Flush()
		reportErr(env, name, err)
		return 1
	}
	return writeResults(env, w, name, []bridge.Result{{Values: []py.Object{res}, Thread: th}}, format)
}

// writeResults prints the results in partition order.
func writeResults(env *cmdEnv, w *bufio.Writer, name string, results []bridge.Result, format string) int {
	var all []py.Object
	var th *pyexec.Thread
	for _, r := range results {
		switch format {
		case "pyspark-stream":
			_, _ = w.Write(r.Data)
		case "repr":
			for _, v := range r.Values {
				s, err := pyexec.Repr(r.Thread, v)
				if err != nil {
					w.Flush()
					reportErr(env, name, err)
					return 1
				}
				fmt.Fprintln(w, s)
			}
		default:
			all = append(all, r.Values...)
			if th == nil {
				th = r.Thread
			}
		}
	}
	if th == nil {
		th = pyexec.NewThread(bridge.DefaultDataVersion)
	}
	list := &py.List{Items: all}
	switch format {
	case "json":
		s, err := bridge.ToJSON(th, list)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
			return 1
		}
		fmt.Fprintln(w, s)
	case "pickle":
		g, err := bridge.ToPickle(th, list)
		if err == nil {
			err = pickle.Encode(w, g, nil)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
			return 1
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %v\n", err)
		return 2
	}
	return 0
}

// reportTaskErr prints a failed job's error: the partition and attempt,
// then the Python traceback (or the Go error).
func reportTaskErr(env *cmdEnv, name string, err error) {
	var te *bridge.TaskError
	if !errors.As(err, &te) {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
		return
	}
	if te.Traceback != "" {
		if te.Partition != 0 || te.Attempt != 1 {
			fmt.Fprintf(env.stderr, "pybridge: %s: partition %d, attempt %d failed:\n", name, te.Partition, te.Attempt)
		}
		fmt.Fprint(env.stderr, te.Traceback)
		if !strings.HasSuffix(te.Traceback, "\n") {
			fmt.Fprintln(env.stderr)
		}
		return
	}
	fmt.Fprintf(env.stderr, "%v (%s)\n", te, name)
}

func printStats(w io.Writer, results []bridge.Result) {
	for _, r := range results {
		s := r.Stats
		fmt.Fprintf(w, "pybridge: task %d: attempt %d on worker %d: %d records in, %d out, %v, %d steps\n",
			r.Partition, s.Attempt, s.Worker, s.RecordsIn, s.RecordsOut, s.Duration.Round(time.Microsecond), s.Steps)
	}
}

// progressLine prints "partitions done, records/s" on a terminal.
type progressLine struct {
	mu   sync.Mutex
	w    io.Writer
	used bool
}

// newProgress returns a progress printer when w is a terminal, else nil.
func newProgress(w io.Writer) *progressLine {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressLine{w: w}
}

func (p *progressLine) update(pr bridge.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rate := 0.0
	if s := pr.Elapsed.Seconds(); s > 0 {
		rate = float64(pr.RecordsIn) / s
	}
	fmt.Fprintf(p.w, "\rpybridge: %d/%d partitions, %d records, %.0f records/s ", pr.Done, pr.Total, pr.RecordsIn, rate)
	p.used = true
}

func (p *progressLine) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.used {
		fmt.Fprintln(p.w)
	}
}

// reportErr prints a Python exception's traceback, or a Go error.
func reportErr(env *cmdEnv, name string, err error) {
	var e *pyexec.Exception
	if errors.As(err, &e) {
		fmt.Fprintln(env.stderr, e.Traceback())
		return
	}
	fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
}
