package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pybridge/pybridge/pickle"
)

// Rule ids. They are stable: tools may key on them.
const (
	RuleResource      = "unpicklable-resource"
	RuleDangerousCall = "dangerous-call"
	RuleDangerousCode = "dangerous-code"
	RuleUnknownGlobal = "unknown-global"
	RuleMalformed     = "malformed"
)

// Severity ranks findings. The zero value is Info.
type Severity int

// The severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseSeverity parses "info", "warning" or "error" (case-insensitive;
// "note" and "warn" are accepted too).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// Finding is one problem in a payload.
type Finding struct {
	// Rule is one of the Rule* ids.
	Rule string `json:"rule"`
	// Severity ranks the finding.
	Severity Severity `json:"severity"`
	// Exception is the Python exception class that CPython, cloudpickle or
	// PySpark would raise for this problem ("PicklingError", "TypeError"),
	// or "" when none would.
	Exception string `json:"exception,omitempty"`
	// Message is the problem in words; for resources it is the message
	// Python prints.
	Message string `json:"message"`
	// Path leads from the root of the payload to the culprit, root first;
	// its last step describes the culprit itself.
	Path []Step `json:"path"`
	// Offset is the byte offset of the opcode that created the culprit.
	// Inside a nested pickle it is relative to the nested pickle (see the
	// nested-pickle step of Path).
	Offset int64 `json:"offset"`
	// Opcode names the opcode at Offset (REDUCE, STACK_GLOBAL, ...) when
	// known.
	Opcode string `json:"opcode,omitempty"`
	// Global is the dotted global involved, such as "builtins.open", or "".
	Global string `json:"global,omitempty"`
	// Fix says how to avoid the problem.
	Fix string `json:"fix,omitempty"`
}

// Options configures a check. The zero value checks with the default
// policy and counts errors only.
type Options struct {
	// Strict makes unknown globals errors instead of warnings
	// (default-deny).
	Strict bool
	// Threshold is the lowest severity that makes a report fail
	// ([Report.Failed], [Report.Err]); the zero value is Info, so callers
	// usually set Error or Warning. [DefaultOptions] sets Error.
	Threshold Severity
	// Allow adds trusted globals to the allowlist: "module.name" for one
	// name or "module.*" for a whole module.
	Allow []string
	// Decode configures decoding in [Bytes] and of nested pickles.
	Decode pickle.DecodeOptions
	// MaxNested bounds how deep nested pickles (pickle.loads(b'...')) are
	// checked; 0 means 8.
	MaxNested int
}

// DefaultOptions returns the options the CLI uses: default policy,
// threshold Error.
func DefaultOptions() Options { return Options{Threshold: Error} }

// Report is the result of checking one payload. It implements error; use
// [Report.Err] to get it as an error only when it fails.
type Report struct {
	// File names the payload, for rendering; it may be empty.
	File string `json:"file"`
	// Python is the producing CPython version inferred from the payload's
	// code objects ("3.8-3.10", "3.11-3.12", "3.13"), or "".
	Python string `json:"python"`
	// Findings lists every finding in the order found.
	Findings []Finding `json:"findings"`
	// Threshold is the severity at which the report fails.
	Threshold Severity `json:"-"`
	// Malformed is the decoder's error, or nil.
	Malformed *pickle.SyntaxError `json:"-"`
}

// Failed reports whether a finding other than a malformed-payload finding
// is at or above the threshold.
func (r *Report) Failed() bool {
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Rule != RuleMalformed && f.Severity >= r.Threshold {
			return true
		}
	}
	return false
}

// ExitCode is the CLI exit status for the report: 1 when it failed (even
// if the payload is also malformed), 2 when the payload is malformed with
// no failing finding, else 0.
func (r *Report) ExitCode() int {
	switch {
	case r.Failed():
		return 1
	case r.Malformed != nil:
		return 2
	}
	for i := range r.Findings {
		if r.Findings[i].Rule == RuleMalformed && r.Findings[i].Severity >= Error {
			return 2
		}
	}
	return 0
}

// Err returns r when it failed or the payload is malformed, else nil.
func (r *Report) Err() error {
	if r.ExitCode() != 0 {
		return r
	}
	return nil
}

// Count returns how many findings are at or above sev.
func (r *Report) Count(sev Severity) int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Severity >= sev {
			n++
		}
	}
	return n
}

// Error summarises the report on one line: the file, the number of
// findings at or above the threshold, and the first of them.
func (r *Report) Error() string {
	var first *Finding
	n := 0
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Severity >= r.Threshold || f.Rule == RuleMalformed {
			if first == nil {
				first = f
			}
			n++
		}
	}
	name := r.File
	if name == "" {
		name = "payload"
	}
	if first == nil {
		return name + ": no findings"
	}
	msg := first.Message
	if first.Exception != "" {
		msg = first.Exception + ": " + msg
	}
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%s: %d finding%s; first: %s: %s", name, n, s, first.Rule, msg)
}

// Unwrap returns the decoder's error when the payload is malformed, so
// errors.As(err, new(*pickle.SyntaxError)) works on a report.
func (r *Report) Unwrap() error {
	if r.Malformed != nil {
		return r.Malformed
	}
	return nil
}

// Payload checks a decoded graph. g may be nil (nothing to check).
func Payload(g *pickle.Graph, opts Options) *Report {
	r := &Report{Threshold: opts.Threshold, Findings: []Finding{}}
	if g == nil {
		return r
	}
	c := newChecker(opts, 0)
	c.run(g, nil)
	r.Findings = append(r.Findings, c.findings...)
	r.Python = c.python
	return r
}

// Bytes decodes data and checks it. A decode error becomes a malformed
// finding; the part of the payload before the error is still checked and
// its findings kept (fail closed). Pickles concatenated after the first
// STOP are checked too.
func Bytes(data []byte, opts Options) *Report {
	r := &Report{Threshold: opts.Threshold, Findings: []Finding{}}
	c := newChecker(opts, 0)
	c.data = data
	c.bytes(data, 0, nil)
	r.Findings = c.findings
	r.Python = c.python
	r.Malformed = c.malformed
	return r
}

// asSyntaxError extracts a *pickle.SyntaxError from err, or wraps err.
func asSyntaxError(err error) *pickle.SyntaxError {
	var se *pickle.SyntaxError
	if errors.As(err, &se) {
		return se
	}
	return &pickle.SyntaxError{AtEOF: true, Msg: err.Error(), Err: err}
}
