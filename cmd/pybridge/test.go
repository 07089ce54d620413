package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/bridgetest/cases"
	"github.com/pybridge/pybridge/bridge/check"
)

func init() {
	register(&command{name: "test", summary: "run golden-file test cases: payloads over fixture inputs, compared with recorded outputs", run: runTest})
}

// testReport is the document `pybridge test --format json` prints.
type testReport struct {
	Cases   []*cases.Result `json:"cases"`
	Passed  int             `json:"passed"`
	Failed  int             `json:"failed"`
	Updated int             `json:"updated"`
}

// runTest implements "pybridge test [flags] DIR...". Every folder at or
// under each DIR that holds payload.pkl is a case (see package
// bridge/bridgetest/cases). Exit status: 0 every case passed (or was
// updated); 1 a case failed; 2 usage, or a DIR that cannot be read or
// holds no case.
func runTest(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "text", "report format: text (one line per case and a summary) or json")
	update := fs.Bool("update", false, "write the golden outputs (and check.json, dis.json where present) instead of comparing")
	fingerprints := fs.Bool("fingerprints", false, "create check.json and dis.json where missing (stored fingerprints of the payloads)")
	goldenFormat := fs.String("golden-format", "repr", "format of golden outputs that --update creates: repr (want.txt) or json (want.jsonl)")
	python := fs.String("python", "", "CPython version the payloads were made by (default: inferred from each payload)")
	untested := fs.Bool("allow-untested", false, "run payloads of CPython versions the evaluator is not tested against")
	mode := fs.String("mode", "", "how each payload is applied to its records: map, flatmap, filter, partition, pipeline or reduce (default: map, or pipeline for a PySpark command)")
	maxSteps := fs.Int64("max-steps", 0, "stop a case after this many evaluation steps, about one per bytecode instruction run in a loop (0: no limit)")
	strict := fs.Bool("strict", false, "check payloads with unknown globals as errors (default-deny)")
	var allow stringList
	fs.Var(&allow, "allow", "trust a global (module.name or module.*) when checking; repeatable")
	verbose := fs.Bool("v", false, "text format: also print the files each passing case compared")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge test [--update] [--fingerprints] [--format text|json] [--golden-format repr|json] DIR...")
		fmt.Fprintln(env.stderr, "Runs every case folder under each DIR: payload.pkl over input.pkl|input.jsonl|input.txt,")
		fmt.Fprintln(env.stderr, "compared with want.txt (repr lines) or want.jsonl (JSON lines), and with check.json")
		fmt.Fprintln(env.stderr, "(pybridge check --golden) and dis.json (pybridge dis --format json --no-offsets) when present.")
		fmt.Fprintln(env.stderr, "Exit status: 0 all passed, 1 a case failed, 2 usage or no case found.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.stderr, "pybridge test: unknown format %q (want text or json)\n", *format)
		return 2
	}
	gf, err := cases.ParseFormat(*goldenFormat)
	if err != nil {
		fmt.Fprintln(env.stderr, "pybridge test:", err)
		return 2
	}
	ver, err := parsePython(*python)
	if err != nil {
		fmt.Fprintln(env.stderr, "pybridge test:", err)
		return 2
	}
	if _, err := bridge.ParseMode(*mode); err != nil {
		fmt.Fprintln(env.stderr, "pybridge test:", err)
		return 2
	}
	copts := check.DefaultOptions()
	copts.Strict, copts.Allow = *strict, allow
	opts := cases.TestOptions{
		Options: cases.Options{
			Format:        gf,
			Python:        ver,
			AllowUntested: *untested,
			Mode:          *mode,
			MaxSteps:      *maxSteps,
			Check:         &copts,
		},
		Update:       *update,
		Fingerprints: *fingerprints,
	}

	var all []*cases.Case
	for _, dir := range fs.Args() {
		cs, err := cases.Find(dir)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge test: %v\n", err)
			return 2
		}
		if len(cs) == 0 {
			fmt.Fprintf(env.stderr, "pybridge test: no case folders (holding %s) under %s\n", cases.PayloadFile, dir)
			return 2
		}
		for _, c := range cs {
			c.Name = c.Dir // the folder as given, so names are unique over several DIRs
		}
		all = append(all, cs...)
	}

	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	rep := testReport{Cases: make([]*cases.Result, 0, len(all))}
	width := 0
	for _, c := range all {
		width = max(width, len(c.Name))
	}
	for _, c := range all {
		res := c.Test(opts)
		rep.Cases = append(rep.Cases, res)
		switch res.Status {
		case cases.StatusFail:
			rep.Failed++
		case cases.StatusUpdated:
			rep.Updated++
			rep.Passed++
		default:
			rep.Passed++
		}
		if *format == "text" {
			writeTestLine(out, res, width, *verbose, c)
			out.Flush()
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(env.stderr, "pybridge test:", err)
			return 2
		}
	} else {
		summary := fmt.Sprintf("%d passed, %d failed", rep.Passed, rep.Failed)
		if rep.Updated > 0 {
			summary = fmt.Sprintf("%d passed (%d updated), %d failed", rep.Passed, rep.Updated, rep.Failed)
		}
		fmt.Fprintln(out, summary)
	}
	if rep.Failed > 0 {
		return 1
	}
	return 0
}

// writeTestLine prints one case's line, and under a failing case its
// failures, indented.
func writeTestLine(w *bufio.Writer, res *cases.Result, width int, verbose bool, c *cases.Case) {
	status := map[string]string{cases.StatusPass: "ok", cases.StatusFail: "FAIL", cases.StatusUpdated: "updated"}[res.Status]
	detail := fmt.Sprintf("%d records -> %d lines, %s", res.Records, res.Outputs, fmtSeconds(res.Seconds))
	fmt.Fprintf(w, "%-7s %-*s  %s\n", status, width, res.Name, detail)
	for _, p := range res.Updated {
		fmt.Fprintf(w, "        wrote %s\n", p)
	}
	if verbose && res.Passed() {
		for _, p := range []string{c.Want, c.Check, c.Dis} {
			if p != "" {
				fmt.Fprintf(w, "        matches %s\n", p)
			}
		}
	}
	for i := range res.Failures {
		for _, line := range strings.Split(res.Failures[i].String(), "\n") {
			fmt.Fprintf(w, "        %s\n", line)
		}
	}
}

// fmtSeconds renders a duration in ms with two significant decimals.
func fmtSeconds(s float64) string {
	ms := s * 1000
	switch {
	case ms < 10:
		return fmt.Sprintf("%.2fms", ms)
	case ms < 1000:
		return fmt.Sprintf("%.0fms", ms)
	}
	return fmt.Sprintf("%.2fs", s)
}
