package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

func init() {
	register(&command{name: "load", summary: "materialise a payload and print its repr, as pickle.loads would", run: runLoad})
}

// parsePython parses the --python flag ("" means infer).
func parsePython(s string) (bytecode.Version, error) {
	if s == "" {
		return bytecode.Version{}, nil
	}
	v, err := bytecode.ParseVersion(s)
	if err != nil {
		return v, err
	}
	if !v.Supported() {
		return v, fmt.Errorf("unsupported Python version %s", s)
	}
	return v, nil
}

// loadExit prints a Prepare/Load error and returns the exit status: 3 when
// the checker refused the payload, else 2.
func loadExit(env *cmdEnv, name string, err error) int {
	var rep *check.Report
	if errors.As(err, &rep) {
		rep.File = name
		fmt.Fprintf(env.stderr, "pybridge: %s: refused by the checker\n", name)
		_ = rep.WriteText(env.stderr)
		return 3
	}
	var se *pickle.SyntaxError
	if errors.As(err, &se) {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, se)
		return 2
	}
	fmt.Fprintf(env.stderr, "%v (%s)\n", err, name)
	var le *bridge.LoadError
	if errors.As(err, &le) && le.Missing != "" {
		fmt.Fprintf(env.stderr, "pybridge: note: this payload needs %s, which pyexec does not provide yet\n", le.Missing)
	}
	return 2
}

// runLoad implements "pybridge load [--python X.Y] PAYLOAD". Exit status:
// 0 printed; 2 usage, unreadable, malformed or unloadable payload; 3
// refused by the checker.
func runLoad(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	python := fs.String("python", "", "CPython version the payload was made by (default: inferred)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge load [--python X.Y] PAYLOAD")
		fmt.Fprintln(env.stderr, "Checks and materialises a pickle (\"-\" reads standard input) and prints repr() of it.")
		fmt.Fprintln(env.stderr, "Exit status: 0 loaded, 2 usage or unreadable/malformed/unloadable payload, 3 refused by the checker.")
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
	ver, err := parsePython(*python)
	if err != nil {
		fmt.Fprintln(env.stderr, "pybridge load:", err)
		return 2
	}
	path := fs.Arg(0)
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	data, err := readInput(env, path)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
		return 2
	}
	job, err := bridge.Prepare(data, nil, bridge.RunOptions{Materialize: bridge.MaterializeOptions{Version: ver, AllowUntested: true}})
	if err != nil {
		return loadExit(env, name, err)
	}
	s, err := pyexec.Repr(job.Payload.Thread, job.Payload.Value)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: repr: %v\n", name, err)
		return 1
	}
	// Reprs show pyexec's deterministic fake addresses (pyexec.FakeAddr).
	fmt.Fprintln(env.stdout, s)
	return 0
}
