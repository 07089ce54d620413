package cases

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/internal/textdiff"
)

// The file names of a case folder.
const (
	PayloadFile = "payload.pkl"
	CheckFile   = "check.json"
	DisFile     = "dis.json"
)

// Case is one case folder: a payload, its optional input, its golden
// output and optional stored fingerprints.
type Case struct {
	// Name identifies the case: its folder relative to the root given to
	// Find (slash-separated), or the folder given to LoadCase.
	Name string
	// Dir is the case folder.
	Dir string
	// Payload is the path of payload.pkl.
	Payload string
	// Input is the path of the input file, or "" when there is none.
	Input string
	// Want is the path of the golden output (want.txt or want.jsonl), or
	// "" when the folder has neither yet.
	Want string
	// Format is the format of Want ("" when Want is "").
	Format Format
	// Check is the path of check.json, or "" when absent.
	Check string
	// Dis is the path of dis.json, or "" when absent.
	Dis string
}

// LoadCase describes the case folder dir. It must hold payload.pkl; it may
// hold one input file (input.pkl, input.jsonl or input.txt; see KindOf),
// one golden file (want.txt for repr lines, want.jsonl for JSON Lines), and
// check.json and dis.json.
func LoadCase(dir string) (*Case, error) {
	c := &Case{Name: filepath.ToSlash(dir), Dir: dir, Payload: filepath.Join(dir, PayloadFile)}
	if _, err := os.Stat(c.Payload); err != nil {
		return nil, fmt.Errorf("%s: not a case folder: %w", dir, err)
	}
	inputs, err := filepath.Glob(filepath.Join(dir, "input.*"))
	if err != nil {
		return nil, err
	}
	for _, p := range inputs {
		if _, err := KindOf(p); err != nil {
			return nil, err
		}
	}
	if len(inputs) > 1 {
		return nil, fmt.Errorf("%s: more than one input file: %s", dir, strings.Join(base(inputs), ", "))
	}
	if len(inputs) == 1 {
		c.Input = inputs[0]
	}
	for _, f := range []Format{Repr, JSON} {
		p := filepath.Join(dir, f.goldenName())
		if exists(p) {
			if c.Want != "" {
				return nil, fmt.Errorf("%s: both want.txt and want.jsonl; keep one", dir)
			}
			c.Want, c.Format = p, f
		}
	}
	if p := filepath.Join(dir, CheckFile); exists(p) {
		c.Check = p
	}
	if p := filepath.Join(dir, DisFile); exists(p) {
		c.Dis = p
	}
	return c, nil
}

func exists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func base(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// Find returns the case folders at or under root, in lexical order: every
// folder that holds payload.pkl (folders under a case folder, and folders
// whose names start with "." or "_", are not searched). Finding none is
// not an error.
func Find(root string) ([]*Case, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	var out []*Case
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			return filepath.SkipDir
		}
		if !exists(filepath.Join(p, PayloadFile)) {
			return nil
		}
		c, err := LoadCase(p)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(root, p); err == nil && rel != "." {
			c.Name = filepath.ToSlash(rel)
		}
		out = append(out, c)
		return filepath.SkipDir
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// TestOptions configures Case.Test.
type TestOptions struct {
	Options
	// Update writes the golden output, and check.json and dis.json where
	// present, instead of comparing with them. A run that fails writes
	// nothing.
	Update bool
	// Fingerprints creates check.json and dis.json where missing (the
	// rest is compared as usual unless Update is set too).
	Fingerprints bool
}

// Failure kinds.
const (
	// KindRun: the payload could not be read, checked, loaded or run.
	KindRun = "run"
	// KindOutput: the output differs from the golden file, or there is none.
	KindOutput = "output"
	// KindCheck: the checker's report differs from check.json.
	KindCheck = "check"
	// KindDis: the payload's disassembly differs from dis.json.
	KindDis = "dis"
)

// Failure is one reason a case failed.
type Failure struct {
	// Kind is KindRun, KindOutput, KindCheck or KindDis.
	Kind string `json:"kind"`
	// File is the golden file involved, or "".
	File string `json:"file,omitempty"`
	// Message says what is wrong: for a Python exception the input record
	// and the traceback, for a payload the checker refused its report.
	Message string `json:"message"`
	// Diff is a unified diff from the golden file to what the run gave,
	// with record numbers for output (see Diff), or "".
	Diff string `json:"diff,omitempty"`
	// Record is the number of the input record that raised, from 0, for a
	// Python exception; else nil.
	Record *int `json:"record,omitempty"`
	// Err is the underlying error of a KindRun failure.
	Err error `json:"-"`
}

// maxFingerprintDiff is how many lines of a check.json or dis.json diff
// Failure.String shows.
const maxFingerprintDiff = 60

// String renders the failure: its message, then its diff (for check.json
// and dis.json, its first 60 lines; the Diff field has all of it).
func (f *Failure) String() string {
	s := f.Message
	if f.Diff == "" {
		return s
	}
	d := strings.TrimSuffix(f.Diff, "\n")
	if f.Kind == KindCheck || f.Kind == KindDis {
		if lines := strings.Split(d, "\n"); len(lines) > maxFingerprintDiff {
			d = strings.Join(lines[:maxFingerprintDiff], "\n") +
				fmt.Sprintf("\n... (%d more lines of diff)", len(lines)-maxFingerprintDiff)
		}
	}
	return s + "\n" + d
}

// Status values of a Result.
const (
	StatusPass    = "pass"
	StatusFail    = "fail"
	StatusUpdated = "updated"
)

// Result is the outcome of one case.
type Result struct {
	// Name is the case's name.
	Name string `json:"name"`
	// Dir is the case folder.
	Dir string `json:"dir"`
	// Status is StatusPass, StatusFail or StatusUpdated (passed after
	// writing a golden file).
	Status string `json:"status"`
	// Records is the number of input records run (0 when the run failed
	// before any).
	Records int `json:"records"`
	// Outputs is the number of output lines.
	Outputs int `json:"outputs"`
	// Seconds is how long the case took.
	Seconds float64 `json:"seconds"`
	// Updated lists the golden files written.
	Updated []string `json:"updated,omitempty"`
	// Failures lists why the case failed, in the order checked: the run,
	// the output, check.json, dis.json.
	Failures []Failure `json:"failures,omitempty"`
}

// Passed reports whether the case passed (possibly after updating).
func (r *Result) Passed() bool { return len(r.Failures) == 0 }

func (r *Result) fail(f Failure) { r.Failures = append(r.Failures, f) }

// finish sets the duration and the status.
func (r *Result) finish(start time.Time) {
	r.Seconds = time.Since(start).Seconds()
	switch {
	case !r.Passed():
		r.Status = StatusFail
	case len(r.Updated) > 0:
		r.Status = StatusUpdated
	default:
		r.Status = StatusPass
	}
}

// Test runs the case and compares its output with the golden file, the
// checker's report with check.json and the disassembly with dis.json
// (each when present), or writes them with opts.Update. All comparisons
// are made even when one fails.
func (c *Case) Test(opts TestOptions) *Result {
	start := time.Now()
	res := &Result{Name: c.Name, Dir: c.Dir}
	defer res.finish(start)
	payload, err := os.ReadFile(c.Payload)
	if err != nil {
		res.fail(Failure{Kind: KindRun, Message: err.Error(), Err: err})
		return res
	}
	c.testOutput(payload, opts, res)
	copts := opts.checkOptions()
	if c.Check != "" || opts.Fingerprints {
		path, write := c.Check, opts.Update
		if path == "" {
			path, write = filepath.Join(c.Dir, CheckFile), true
		}
		got, err := CheckJSON(payload, copts)
		compare(res, KindCheck, path, "pybridge check", got, err, write, "the checker's report differs from")
	}
	if c.Dis != "" || opts.Fingerprints {
		path, file, write := c.Dis, PayloadFile, opts.Update
		if path == "" {
			path, write = filepath.Join(c.Dir, DisFile), true
		} else if stored, err := os.ReadFile(path); err == nil {
			if f := disFile(stored); f != "" {
				file = f
			}
		}
		got, err := DisJSON(payload, file)
		compare(res, KindDis, path, "pybridge dis", got, err, write, "what the payload ships differs from")
	}
	return res
}

// testOutput runs the payload and compares or writes the golden output.
func (c *Case) testOutput(payload []byte, opts TestOptions, res *Result) {
	in, err := ReadInput(c.Input)
	if err != nil {
		res.fail(Failure{Kind: KindRun, Message: err.Error(), Err: err})
		return
	}
	want, format := c.Want, c.Format
	if want == "" {
		format, err = ParseFormat(string(opts.Format))
		if err != nil {
			res.fail(Failure{Kind: KindRun, Message: err.Error(), Err: err})
			return
		}
		want = filepath.Join(c.Dir, format.goldenName())
	}
	opts.Format = format
	testOutput(payload, c.Payload, in, c.Input, want, opts, res)
}

// FormatOf returns the format of a golden file by its extension: JSON for
// .jsonl, .ndjson and .json, else Repr.
func FormatOf(golden string) Format {
	switch strings.ToLower(filepath.Ext(golden)) {
	case ".jsonl", ".ndjson", ".json":
		return JSON
	}
	return Repr
}

// TestPayload runs a payload over an input and compares the output with
// the golden file want, or writes it with opts.Update. The output format is
// opts.Format, or when that is "" the one FormatOf gives for want.
// payloadName and inputName name the payload and the input in messages.
func TestPayload(payload []byte, payloadName string, in Input, inputName, want string, opts TestOptions) *Result {
	start := time.Now()
	res := &Result{Name: want, Dir: filepath.Dir(want)}
	if opts.Format == "" {
		opts.Format = FormatOf(want)
	}
	testOutput(payload, payloadName, in, inputName, want, opts, res)
	res.finish(start)
	return res
}

func testOutput(payload []byte, payloadName string, in Input, inputName, want string, opts TestOptions, res *Result) {
	out, err := Run(payload, in, opts.Options)
	if out != nil {
		res.Records, res.Outputs = out.Records, len(out.Lines)
	}
	if err != nil {
		res.fail(runFailure(payloadName, inputName, err))
		return
	}
	compare(res, KindOutput, want, "got", out.Bytes(), nil, opts.Update, "output differs from")
}

// compare checks got against the golden file at path, or writes it.
func compare(res *Result, kind, path, gotName string, got []byte, err error, update bool, what string) {
	if err != nil {
		res.fail(Failure{Kind: kind, File: path, Message: err.Error(), Err: err})
		return
	}
	want, rerr := os.ReadFile(path)
	if update {
		if rerr == nil && bytes.Equal(want, got) {
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			res.fail(Failure{Kind: kind, File: path, Message: err.Error(), Err: err})
			return
		}
		res.Updated = append(res.Updated, path)
		return
	}
	if rerr != nil {
		msg := rerr.Error()
		if errors.Is(rerr, fs.ErrNotExist) {
			msg = fmt.Sprintf("golden file %s does not exist (run with -update to create it)", path)
		}
		res.fail(Failure{Kind: kind, File: path, Message: msg, Err: rerr})
		return
	}
	if bytes.Equal(want, got) {
		return
	}
	f := Failure{Kind: kind, File: path}
	if kind == KindOutput {
		f.Message = fmt.Sprintf("%s %s (records numbered from 0; run with -update to accept it):", what, path)
		f.Diff = Diff(path, gotName, want, got)
	} else {
		f.Message = fmt.Sprintf("%s %s (run with -update to accept it):", what, path)
		f.Diff = textdiff.Unified(path, gotName, want, got)
	}
	res.fail(f)
}

// runFailure describes an error from Run.
func runFailure(payloadName, inputName string, err error) Failure {
	f := Failure{Kind: KindRun, Err: err}
	var re *RecordError
	var rep *check.Report
	var ie *bridge.InputError
	switch {
	case errors.As(err, &re):
		idx := re.Index
		f.Record = &idx
		f.Message = "the payload raised an exception:\n" + re.Traceback()
	case errors.As(err, &rep):
		rep.File = payloadName
		if errors.As(err, &ie) && inputName != "" {
			rep.File = inputName
		}
		f.Message = "refused by the checker:\n" + strings.TrimSuffix(rep.String(), "\n")
	case errors.As(err, &ie):
		f.Message = fmt.Sprintf("%s: %v", inputName, ie.Err)
	default:
		f.Message = fmt.Sprintf("%s: %v", payloadName, err)
		var le *bridge.LoadError
		if errors.As(err, &le) && le.Missing != "" {
			f.Message += fmt.Sprintf("\n(this payload needs %s, which pyexec does not provide yet)", le.Missing)
		}
	}
	return f
}
