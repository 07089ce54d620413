package cases

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// Format is how output records are written to a golden file, one line a
// record.
type Format string

// The output formats.
const (
	// Repr writes repr() of each result, with the addresses in default
	// reprs (" at 0x7f...") numbered in order of appearance so they are the
	// same from run to run. Golden files: want.txt.
	Repr Format = "repr"
	// JSON writes each result as json.dumps does with its default
	// arguments (JSON Lines). Golden files: want.jsonl.
	JSON Format = "json"
)

// ParseFormat parses "repr" or "json" ("" is Repr).
func ParseFormat(s string) (Format, error) {
	switch s {
	case "", "repr":
		return Repr, nil
	case "json":
		return JSON, nil
	}
	return "", fmt.Errorf("unknown output format %q (want repr or json)", s)
}

// goldenName is the file name of a case's golden file in format f.
func (f Format) goldenName() string {
	if f == JSON {
		return "want.jsonl"
	}
	return "want.txt"
}

// Options configures Run and Case.Test.
type Options struct {
	// Format is the output format. For a case folder it is the format of
	// the golden file present (want.txt or want.jsonl) and Format only
	// chooses the file to create when there is none; "" is Repr.
	Format Format
	// Python is the CPython version that made the payload; the zero value
	// infers it from the payload's bytecode.
	Python bytecode.Version
	// AllowUntested runs payloads of CPython versions the evaluator is not
	// tested against.
	AllowUntested bool
	// Mode is how the payload's callable is applied to the input records,
	// as bridge.Executor applies it: "" (the default) applies a callable to
	// each record, as rdd.map does, and runs a PySpark command tuple
	// (func, profiler, deserializer, serializer) as its pipeline; "map",
	// "flatmap", "filter", "partition" (mapPartitions), "pipeline"
	// (mapPartitionsWithIndex) and "reduce" are the rdd methods of those
	// names. The records form one partition. With no input the payload is
	// called once with no argument, and only "" and "map" are allowed.
	Mode string
	// MaxSteps stops a run after this many bytecode instructions in all
	// (0: no limit).
	MaxSteps int64
	// Check configures the checker that vets the payload and the input
	// before anything is loaded, and the report compared with a case's
	// check.json; nil means check.DefaultOptions(), what `pybridge check`
	// uses.
	Check *check.Options
}

func (o *Options) checkOptions() check.Options {
	if o.Check != nil {
		return *o.Check
	}
	return check.DefaultOptions()
}

// RecordError is a Python exception raised while the payload ran.
type RecordError struct {
	// Index is the position in the input of the record the exception was
	// raised on, from 0 (0 also when the payload was called with no
	// argument), or -1 when the mode does not tell (every mode but map
	// takes the records together).
	Index int
	// Input is repr() of that record, shortened to about 200 characters,
	// or "" when there was no input or Index is -1.
	Input string
	// Err is the exception: a *pyexec.Exception, or a Go error from the
	// evaluator.
	Err error
}

// Error names the record and the exception's last line.
func (e *RecordError) Error() string {
	if e.Input == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("record %d %s: %v", e.Index, e.Input, e.Err)
}

// Unwrap returns the exception.
func (e *RecordError) Unwrap() error { return e.Err }

// Traceback returns the record, then the exception as CPython prints an
// uncaught one.
func (e *RecordError) Traceback() string {
	var b strings.Builder
	if e.Input != "" {
		fmt.Fprintf(&b, "record %d: %s\n", e.Index, e.Input)
	}
	var pe *pyexec.Exception
	if errors.As(e.Err, &pe) {
		b.WriteString(pe.Traceback())
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Output is what one run of a payload produced.
type Output struct {
	// Lines holds one line a result (a repr with line breaks, from a
	// user-defined __repr__, spans several).
	Lines []string
	// Records is the number of input records (1 with no input).
	Records int
}

// Bytes returns the golden file contents: each line followed by "\n".
func (o *Output) Bytes() []byte {
	var b strings.Builder
	for _, l := range o.Lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// Run checks, loads and runs a payload over its input records, as a
// single-partition bridge.Executor job in opts.Mode, and renders each
// result in opts.Format. With NoInput the payload's root callable is
// called once with no argument, as `pybridge run` does without --input.
//
// Errors: a *check.Report when the checker refuses the payload or the
// input; a *pickle.SyntaxError or *bridge.LoadError when it cannot be
// decoded or loaded (a *bridge.InputError wraps those about the input); a
// *RecordError when the payload raised.
func Run(payload []byte, in Input, opts Options) (*Output, error) {
	format, err := ParseFormat(string(opts.Format))
	if err != nil {
		return nil, err
	}
	mode, err := bridge.ParseMode(opts.Mode)
	if err != nil {
		return nil, err
	}
	if in.Kind != NoInput {
		return runExecutor(payload, in, mode, format, opts)
	}
	if mode != bridge.ModeAuto && mode != bridge.ModeMap {
		return nil, fmt.Errorf("mode %s needs input records", mode)
	}
	return runApply(payload, format, opts)
}

// runApply calls the payload once with no argument.
func runApply(payload []byte, format Format, opts Options) (*Output, error) {
	copts := opts.checkOptions()
	job, err := bridge.Prepare(payload, nil, bridge.RunOptions{
		Materialize: bridge.MaterializeOptions{Version: opts.Python, AllowUntested: opts.AllowUntested},
		Check:       &copts,
	})
	if err != nil {
		return nil, err
	}
	th := job.Payload.Thread
	th.StepBudget = opts.MaxSteps
	out := &Output{Records: 1}
	res, err := job.Payload.Apply(nil)
	if err == nil {
		err = out.add(th, format, addressNumbering{}, res)
	}
	if err != nil {
		return out, &RecordError{Index: 0, Err: err}
	}
	return out, nil
}

// add renders one result.
func (o *Output) add(th *pyexec.Thread, format Format, addrs addressNumbering, v py.Object) error {
	var s string
	var err error
	if format == JSON {
		s, err = bridge.ToJSON(th, v)
	} else {
		s, err = pyexec.Repr(th, v)
		s = addrs.replace(s)
	}
	if err != nil {
		return err
	}
	o.Lines = append(o.Lines, strings.Split(s, "\n")...)
	return nil
}

// runExecutor runs the payload over the input as one partition.
func runExecutor(payload []byte, in Input, mode bridge.Mode, format Format, opts Options) (*Output, error) {
	copts := opts.checkOptions()
	ex, err := bridge.NewExecutor(bridge.ExecutorOptions{
		Workers:       1,
		Mode:          mode,
		Output:        bridge.FormatPython,
		MaxFailures:   1,
		MaxSteps:      opts.MaxSteps,
		Check:         &copts,
		Version:       opts.Python,
		AllowUntested: opts.AllowUntested,
	})
	if err != nil {
		return nil, err
	}
	prog, err := ex.Load(payload)
	if err != nil {
		return nil, err
	}
	var part bridge.Partition
	var records []pickle.Value // for naming the record that raised
	if in.Kind == TextInput {
		part.Lines = textLines(in.Data)
		for _, l := range part.Lines {
			records = append(records, &pickle.Str{Value: l})
		}
	} else {
		if part.Pickle, err = in.Pickle(); err != nil {
			return nil, &bridge.InputError{Err: err}
		}
		if g, err := pickle.Decode(part.Pickle); err == nil {
			switch x := g.Root.(type) {
			case *pickle.List:
				records = x.Items
			case *pickle.Tuple:
				records = x.Items
			}
		}
	}
	out := &Output{}
	results, err := prog.Run(context.Background(), []bridge.Partition{part})
	if err != nil {
		var te *bridge.TaskError
		if !errors.As(err, &te) {
			return nil, err
		}
		var pe *pyexec.Exception
		if te.Kind == bridge.FailInput && !errors.As(te.Err, &pe) {
			return nil, te.Err
		}
		if te.Kind != bridge.FailException && te.Kind != bridge.FailInput {
			return nil, te
		}
		re := &RecordError{Index: -1, Err: te.Err}
		if te.Thread != nil {
			addrs := addressNumbering{}
			for _, v := range te.Partial {
				if out.add(te.Thread, format, addrs, v) != nil {
					break
				}
			}
		}
		if prog.Mode() == bridge.ModeMap {
			re.Index = len(te.Partial)
			if re.Index < len(records) {
				re.Input = shortRepr(records[re.Index])
			}
		}
		out.Records = len(records)
		return out, re
	}
	addrs := addressNumbering{}
	for _, r := range results {
		out.Records += int(r.Stats.RecordsIn)
		for i, v := range r.Values {
			if err := out.add(r.Thread, format, addrs, v); err != nil {
				return out, &RecordError{Index: -1, Err: fmt.Errorf("output %d: %w", len(out.Lines)+i, err)}
			}
		}
	}
	return out, nil
}

// shortRepr is repr() of a plain-data record, cut to about 200 characters.
func shortRepr(v pickle.Value) string {
	s := pickle.Repr(v)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// addrRE matches the addresses CPython prints in default reprs.
var addrRE = regexp.MustCompile(` at 0x[0-9a-f]+`)

// addressNumbering gives each distinct address a fixed, CPython-looking
// replacement in order of first appearance.
type addressNumbering map[string]string

func (m addressNumbering) replace(s string) string {
	return addrRE.ReplaceAllStringFunc(s, func(a string) string {
		if f, ok := m[a]; ok {
			return f
		}
		f := " at 0x" + strconv.FormatUint(0x7f0000001000+uint64(len(m))*0x40, 16)
		m[a] = f
		return f
	})
}
