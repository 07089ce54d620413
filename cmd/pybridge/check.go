package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/internal/textdiff"
)

func init() {
	register(&command{name: "check", summary: "report unpicklable resources and dangerous calls, with their paths", run: runCheck})
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// runCheck implements "pybridge check [flags] PAYLOAD...". Exit status: 0
// no finding at or above the threshold; 1 such findings (even if a payload
// is also malformed); 2 a payload is malformed or unreadable with no such
// finding; 3 usage errors.
func runCheck(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "text", "output format: text, json or sarif")
	strict := fs.Bool("strict", false, "treat unknown globals as errors (default-deny)")
	threshold := fs.String("threshold", "error", "lowest severity that fails the check: info, warning or error")
	var allow stringList
	fs.Var(&allow, "allow", "trust a global (module.name or module.*); repeatable")
	goldenPath := fs.String("golden", "", "compare the payload's findings with this stored JSON report (one payload)")
	update := fs.Bool("update", false, "with --golden, write the stored report instead of comparing")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: pybridge check [--format text|json|sarif] [--strict] [--threshold error|warning|info] [--allow module.name] PAYLOAD...")
		fmt.Fprintln(env.stderr, "       pybridge check --golden REPORT.json [--update] PAYLOAD")
		fmt.Fprintln(env.stderr, "Checks cloudpickle payloads (\"-\" reads standard input) without running them.")
		fmt.Fprintln(env.stderr, "Exit status: 0 clean, 1 findings at or above the threshold, 2 malformed or unreadable input, 3 usage.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 3
	}
	sev, err := check.ParseSeverity(*threshold)
	if err != nil {
		fmt.Fprintln(env.stderr, "pybridge check:", err)
		return 3
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(env.stderr, "pybridge check: unknown format %q (want text, json or sarif)\n", *format)
		return 3
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 3
	}
	opts := check.DefaultOptions()
	opts.Strict, opts.Threshold, opts.Allow = *strict, sev, allow
	if *goldenPath != "" {
		if fs.NArg() != 1 {
			fmt.Fprintln(env.stderr, "pybridge check: --golden takes exactly one payload")
			return 3
		}
		return checkGolden(env, fs.Arg(0), *goldenPath, *update, opts)
	}

	code := 0
	worse := func(c int) {
		// 1 (findings) outranks 2 (malformed), which outranks 0.
		if c == 1 || (c == 2 && code == 0) {
			code = c
		}
	}
	var reports []*check.Report
	var docs []json.RawMessage
	var text bytes.Buffer
	for _, path := range fs.Args() {
		name := path
		if path == "-" {
			name = "<stdin>"
		}
		data, err := readInput(env, path)
		if err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
			worse(2)
			if *format == "json" {
				doc, _ := json.Marshal(map[string]any{"file": name, "python": "", "error": err.Error(), "findings": []any{}})
				docs = append(docs, doc)
			}
			continue
		}
		r := check.Bytes(data, opts)
		r.File = name
		worse(r.ExitCode())
		switch *format {
		case "text":
			_ = r.WriteText(&text)
		case "json":
			doc, err := json.Marshal(r)
			if err != nil {
				fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", name, err)
				return 3
			}
			docs = append(docs, doc)
		case "sarif":
			reports = append(reports, r)
		}
	}
	switch *format {
	case "text":
		_, _ = env.stdout.Write(text.Bytes())
	case "json":
		var out []byte
		if len(docs) == 1 {
			out = docs[0]
		} else {
			out, _ = json.Marshal(docs)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, out, "", "  "); err != nil {
			pretty.Reset()
			pretty.Write(out)
		}
		pretty.WriteByte('\n')
		_, _ = env.stdout.Write(pretty.Bytes())
	case "sarif":
		if err := check.WriteSARIF(env.stdout, reports...); err != nil {
			fmt.Fprintln(env.stderr, "pybridge check:", err)
			return 3
		}
	}
	return code
}

// checkGolden compares a payload's findings with a stored report, so a
// team notices when a code change starts capturing a new resource. The
// stored report is the JSON document of `check --format json` without the
// file name. Exit status: 0 same findings (or the file was written with
// --update), 1 different, 2 unreadable input or golden file.
func checkGolden(env *cmdEnv, path, goldenPath string, update bool, opts check.Options) int {
	data, err := readInput(env, path)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", path, err)
		return 2
	}
	r := check.Bytes(data, opts)
	r.File = ""
	raw, err := json.Marshal(r)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", path, err)
		return 2
	}
	var got bytes.Buffer
	if err := json.Indent(&got, raw, "", "  "); err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %s: %v\n", path, err)
		return 2
	}
	got.WriteByte('\n')
	if update {
		if err := os.WriteFile(goldenPath, got.Bytes(), 0o644); err != nil {
			fmt.Fprintf(env.stderr, "pybridge: %v\n", err)
			return 2
		}
		fmt.Fprintf(env.stdout, "%s: wrote %s (%d findings)\n", path, goldenPath, len(r.Findings))
		return 0
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "pybridge: %v (run with --update to create it)\n", err)
		return 2
	}
	if d := textdiff.Unified(goldenPath, path, want, got.Bytes()); d != "" {
		fmt.Fprintf(env.stdout, "%s: findings differ from %s:\n%s", path, goldenPath, d)
		return 1
	}
	fmt.Fprintf(env.stdout, "%s: findings match %s (%d findings)\n", path, goldenPath, len(r.Findings))
	return 0
}
