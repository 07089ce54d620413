package bridge

import (
	"fmt"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// LoadBytes decodes a pickle and materialises it (without checking it; see
// package bridge/check for that). A decode error is returned as is (a
// *pickle.SyntaxError); materialisation errors are *LoadError.
func LoadBytes(data []byte, opts MaterializeOptions) (*Loaded, error) {
	g, err := pickle.Decode(data)
	if err != nil {
		return nil, err
	}
	return Load(g, opts)
}

// Records materialises a pickled list or tuple of input records with the
// payload's thread, so their hashes match the thread that runs the payload.
func (l *Loaded) Records(g *pickle.Graph) ([]py.Object, error) {
	in, err := Load(g, MaterializeOptions{Thread: l.Thread, AllowUntested: true})
	if err != nil {
		return nil, err
	}
	switch x := in.Value.(type) {
	case *py.List:
		return x.Items, nil
	case py.Tuple:
		return x, nil
	}
	return nil, fmt.Errorf("pybridge: the input is a %s; want a list or tuple of records", pyexec.TypeName(in.Value))
}

// Apply calls the payload's root callable with one record as its only
// argument (with no argument when record is nil). A Python exception comes
// back as a *pyexec.Exception error.
func (l *Loaded) Apply(record py.Object) (py.Object, error) {
	if record == nil {
		return pyexec.Call(l.Thread, l.Value, nil, nil)
	}
	return pyexec.Call1(l.Thread, l.Value, record)
}

// RunOptions configures Prepare.
type RunOptions struct {
	// Materialize configures loading of the payload (version, importer).
	Materialize MaterializeOptions
	// Check configures the checker run on the payload and the input before
	// anything is materialised; nil means check.DefaultOptions().
	Check *check.Options
	// NoCheck skips the checker.
	NoCheck bool
}

// Job is a payload ready to run over its input records.
type Job struct {
	// Payload is the materialised callable and its thread.
	Payload *Loaded
	// Records are the input records (nil when there is no input).
	Records []py.Object
	// HasInput reports whether an input pickle was given.
	HasInput bool
}

// Prepare does what "pybridge run" does before calling anything: decode
// the payload and the input, check both (refusing them when the checker
// finds errors), and materialise them with one thread. Errors are a
// *pickle.SyntaxError (malformed pickle), a *check.Report (refused by the
// checker) or a *LoadError; InputError wraps the ones about the input.
func Prepare(payload, input []byte, opts RunOptions) (*Job, error) {
	copts := check.DefaultOptions()
	if opts.Check != nil {
		copts = *opts.Check
	}
	g, err := decodeChecked(payload, copts, opts.NoCheck)
	if err != nil {
		return nil, err
	}
	l, err := Load(g, opts.Materialize)
	if err != nil {
		return nil, err
	}
	job := &Job{Payload: l}
	if input == nil {
		return job, nil
	}
	job.HasInput = true
	gi, err := decodeChecked(input, copts, opts.NoCheck)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	if job.Records, err = l.Records(gi); err != nil {
		return nil, &InputError{Err: err}
	}
	return job, nil
}

func decodeChecked(data []byte, copts check.Options, noCheck bool) (*pickle.Graph, error) {
	g, err := copts.Decode.Decode(data)
	if err != nil {
		return nil, err
	}
	if !noCheck {
		if r := check.Payload(g, copts); r.Failed() {
			return nil, r
		}
	}
	return g, nil
}

// InputError is an error about the input records rather than the payload.
type InputError struct{ Err error }

// Error returns the underlying error's text.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }
