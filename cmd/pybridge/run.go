package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

func init() {
	register(&command{name: "run", summary: "apply a cloudpickled function to input records", run: runRun})
}

// runRun implements "pybridge run [--input FILE] [--format repr|json|pickle]
// [--python X.Y] PAYLOAD". Exit status: 0 done; 1 the function raised (the
// traceback is on stderr); 2 usage, unreadable, malformed or unloadable
// payload or input; 3 refused by the checker.
func runRun(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	inputPath := fs.String("input", "", "pickle of a list or tuple of records; the function is applied to each (default: call it once with no argument)")
	format := fs.String("format", "repr", "output: repr (one line per result), json (a JSON array) or pickle (a pickle of the result list)")
	python := fs.String("python", "", "CPython version the payload was made by (default: inferred from its bytecode)")
	untested := fs.Bool("allow-untested", false, "run payloads of CPython versions the evaluator is not tested against")
	maxSteps := fs.Int64("max-steps", 0, "stop after this many bytecode instructions in all (0: no limit)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge run [--input FILE] [--format repr|json|pickle] [--python X.Y] PAYLOAD")
		fmt.Fprintln(env.stderr, "Applies the callable a cloudpickle payload holds to each input record.")
		fmt.Fprintln(env.stderr, "Exit status: 0 done, 1 the function raised, 2 usage or bad payload/input, 3 refused by the checker.")
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
	switch *format {
	case "repr", "json", "pickle":
	default:
		fmt.Fprintf(env.stderr, "pybridge run: unknown format %q (want repr, json or pickle)\n", *format)
		return 2
	}
	ver, err := parsePython(*python)
	if err != nil {
		fmt.Fprintln(env.stderr, "pybridge run:", err)
		return 2
	}
	path := fs.Arg(0)
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	payload, err := readInput(env, path)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
		return 2
	}
	var input []byte
	if *inputPath != "" {
		if *inputPath == "-" && path == "-" {
			fmt.Fprintln(env.stderr, "pybridge run: the payload and the input cannot both be standard input")
			return 2
		}
		if input, err = readInput(env, *inputPath); err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", *inputPath, err)
			return 2
		}
	}
	job, err := bridge.Prepare(payload, input, bridge.RunOptions{Materialize: bridge.MaterializeOptions{Version: ver, AllowUntested: *untested}})
	if err != nil {
		var ie *bridge.InputError
		if errors.As(err, &ie) {
			return loadExit(env, *inputPath, ie.Err)
		}
		return loadExit(env, name, err)
	}
	th := job.Payload.Thread
	th.StepBudget = *maxSteps
	records := job.Records
	if !job.HasInput {
		records = []py.Object{nil}
	}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	results := make([]py.Object, 0, len(records))
	for _, r := range records {
		res, err := job.Payload.Apply(r)
		if err != nil {
			out.Flush()
			reportErr(env, name, err)
			return 1
		}
		if *format == "repr" {
			s, err := pyexec.Repr(th, res)
			if err != nil {
				out.Flush()
				reportErr(env, name, err)
				return 1
			}
			fmt.Fprintln(out, s)
			continue
		}
		results = append(results, res)
	}
	list := &py.List{Items: results}
	switch *format {
	case "json":
		s, err := bridge.ToJSON(th, list)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
			return 1
		}
		fmt.Fprintln(out, s)
	case "pickle":
		g, err := bridge.ToPickle(th, list)
		if err == nil {
			err = pickle.Encode(out, g, nil)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
			return 1
		}
	}
	return 0
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
