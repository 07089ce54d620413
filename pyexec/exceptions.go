package pyexec

import (
	"fmt"
	"strings"

	"github.com/go-python/gpython/py"
)

// The built-in exception hierarchy (type objects owned by pyexec).
var (
	BaseExceptionType       = newType("BaseException", py.ObjectType)
	ExceptionType           = newType("Exception", BaseExceptionType)
	ArithmeticErrorType     = newType("ArithmeticError", ExceptionType)
	ZeroDivisionErrorType   = newType("ZeroDivisionError", ArithmeticErrorType)
	OverflowErrorType       = newType("OverflowError", ArithmeticErrorType)
	LookupErrorType         = newType("LookupError", ExceptionType)
	KeyErrorType            = newType("KeyError", LookupErrorType)
	IndexErrorType          = newType("IndexError", LookupErrorType)
	TypeErrorType           = newType("TypeError", ExceptionType)
	ValueErrorType          = newType("ValueError", ExceptionType)
	AttributeErrorType      = newType("AttributeError", ExceptionType)
	NameErrorType           = newType("NameError", ExceptionType)
	UnboundLocalErrorType   = newType("UnboundLocalError", NameErrorType)
	StopIterationType       = newType("StopIteration", ExceptionType)
	RuntimeErrorType        = newType("RuntimeError", ExceptionType)
	RecursionErrorType      = newType("RecursionError", RuntimeErrorType)
	NotImplementedErrorType = newType("NotImplementedError", RuntimeErrorType)
	AssertionErrorType      = newType("AssertionError", ExceptionType)
	SystemErrorType         = newType("SystemError", ExceptionType)
	ImportErrorType         = newType("ImportError", ExceptionType)
	KeyboardInterruptType   = newType("KeyboardInterrupt", BaseExceptionType)
	GeneratorExitType       = newType("GeneratorExit", BaseExceptionType)
)

// exceptionTypes lists the built-in exception classes exposed as builtins.
var exceptionTypes = []*py.Type{
	BaseExceptionType, ExceptionType, ArithmeticErrorType, ZeroDivisionErrorType,
	OverflowErrorType, LookupErrorType, KeyErrorType, IndexErrorType, TypeErrorType,
	ValueErrorType, AttributeErrorType, NameErrorType, UnboundLocalErrorType,
	StopIterationType, RuntimeErrorType, RecursionErrorType, NotImplementedErrorType,
	AssertionErrorType, SystemErrorType, ImportErrorType, KeyboardInterruptType,
	GeneratorExitType,
}

// TracebackEntry is one frame of a traceback.
type TracebackEntry struct {
	Filename string
	Line     int
	Name     string
}

// Exception is a Python exception instance. It is also the Go error that
// carries it out of the evaluation loop.
type Exception struct {
	typ *py.Type
	// Args is the exception's args tuple.
	Args py.Tuple
	// Cause and Context are __cause__ and __context__ (nil when None).
	Cause, Context *Exception
	// Frames is the traceback, innermost frame first.
	Frames []TracebackEntry
	// SuppressContext is __suppress_context__ (set by raise ... from ...).
	SuppressContext bool
	// dict is the instance __dict__ (nil until an attribute is set).
	dict *Dict
	// reraised is set while a bare re-raise crosses the frame that caught it,
	// so that frame is not added to the traceback twice.
	reraised bool
	// abort marks an exception the host raised to stop the Thread (step
	// budget exhausted, context cancelled): no except or finally block of
	// the running code can catch or delay it.
	abort bool
}

// Aborted reports whether e was raised by the host to stop the Thread (an
// exhausted step budget or a cancelled context) rather than by the code.
func (e *Exception) Aborted() bool { return e.abort }

// hostAbort returns an exception that stops the Thread: Python code cannot
// catch it.
func hostAbort(typ *py.Type, format string, args ...any) *Exception {
	e := Errorf(typ, format, args...)
	e.abort = true
	return e
}

// NewException returns an instance of exception class typ with args.
func NewException(typ *py.Type, args ...py.Object) *Exception {
	return &Exception{typ: typ, Args: py.Tuple(args)}
}

// Errorf returns an exception of class typ whose single argument is the
// formatted message.
func Errorf(typ *py.Type, format string, a ...any) *Exception {
	return &Exception{typ: typ, Args: py.Tuple{py.String(fmt.Sprintf(format, a...))}}
}

// Type returns the exception's class.
func (e *Exception) Type() *py.Type { return e.typ }

// Message returns str(e) as CPython computes it, or, where that fails
// (args nested too deep to print), "<exception str() failed>" as
// CPython's traceback printer writes then.
func (e *Exception) Message() string {
	s, err := e.message(nil)
	if err != nil {
		return "<exception str() failed>"
	}
	return s
}

// message is str(e), run on t (nil: a fresh thread).
func (e *Exception) message(t *Thread) (string, error) {
	switch len(e.Args) {
	case 0:
		return "", nil
	case 1:
		if e.typ == KeyErrorType {
			return Repr(t, e.Args[0])
		}
		return Str(t, e.Args[0])
	}
	return Repr(t, e.Args)
}

// Error returns "Type: message", the last line of CPython's traceback.
func (e *Exception) Error() string {
	name, m := e.typ.Name, ""
	if classOf(e.typ) != nil {
		name, m = userExcLine(e)
	} else {
		m = e.Message()
	}
	if m == "" {
		return name
	}
	return name + ": " + m
}

// Traceback formats the exception as CPython prints an uncaught one (without
// source lines, as when the source file is not available).
func (e *Exception) Traceback() string {
	var b strings.Builder
	e.writeChain(&b, map[*Exception]bool{})
	return b.String()
}

// writeChain writes the exceptions e was raised from or during (__cause__,
// or __context__ unless suppressed) first, as CPython does.
func (e *Exception) writeChain(b *strings.Builder, seen map[*Exception]bool) {
	// The chain is collected first and written oldest first, without
	// recursion: a loop can chain a million exceptions.
	var chain []*Exception
	var links []string
	for x := e; x != nil; {
		seen[x] = true
		chain = append(chain, x)
		switch {
		case x.Cause != nil && !seen[x.Cause]:
			links = append(links, "\n\nThe above exception was the direct cause of the following exception:\n\n")
			x = x.Cause
		case x.Context != nil && !x.SuppressContext && !seen[x.Context]:
			links = append(links, "\n\nDuring handling of the above exception, another exception occurred:\n\n")
			x = x.Context
		default:
			x = nil
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		chain[i].writeOne(b)
		if i > 0 {
			b.WriteString(links[i-1])
		}
	}
}

// writeOne writes one exception's traceback and last line.
func (e *Exception) writeOne(b *strings.Builder) {
	if len(e.Frames) > 0 {
		b.WriteString("Traceback (most recent call last):\n")
		for i := len(e.Frames) - 1; i >= 0; i-- {
			f := e.Frames[i]
			fmt.Fprintf(b, "  File \"%s\", line %d, in %s\n", f.Filename, f.Line, f.Name)
		}
	}
	b.WriteString(e.Error())
	if e.dict != nil {
		if v, ok := e.dict.GetStr(nil, "__notes__"); ok {
			if l, ok := v.(*py.List); ok {
				for _, n := range l.Items {
					s, _ := Str(nil, n)
					b.WriteString("\n" + s)
				}
			}
		}
	}
}

// excMatches reports whether exc matches an except clause's class or tuple of
// classes, or returns the TypeError CPython raises for a bad clause.
func excMatches(exc *Exception, cls py.Object) (bool, error) {
	if c, ok := cls.(*py.Type); ok {
		if !IsSubtype(c, BaseExceptionType) {
			return false, excClassError()
		}
		return IsSubtype(exc.typ, c), nil
	}
	// Tuples, nested to any depth, are walked with an explicit stack: a
	// deeply nested tuple must not recurse on the Go stack.
	todo := []py.Object{cls}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		switch c := x.(type) {
		case *py.Type:
			if !IsSubtype(c, BaseExceptionType) {
				return false, excClassError()
			}
			if IsSubtype(exc.typ, c) {
				return true, nil
			}
		case py.Tuple:
			for i := len(c) - 1; i >= 0; i-- {
				todo = append(todo, c[i])
			}
		default:
			return false, excClassError()
		}
	}
	return false, nil
}

func excClassError() error {
	return Errorf(TypeErrorType, "catching classes that do not inherit from BaseException is not allowed")
}

// asException converts any Go error into a Python exception.
func asException(err error) *Exception {
	if e, ok := err.(*Exception); ok {
		return e
	}
	return Errorf(SystemErrorType, "%v", err)
}

// newExceptionInstance implements calling an exception class.
func newExceptionInstance(typ *py.Type, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	if len(kwnames) > 0 {
		return nil, Errorf(TypeErrorType, "%s() takes no keyword arguments", typ.Name)
	}
	return &Exception{typ: typ, Args: append(py.Tuple(nil), args...)}, nil
}

// exception helpers used throughout the package.
func typeErrorf(format string, a ...any) *Exception { return Errorf(TypeErrorType, format, a...) }
func valueErrorf(format string, a ...any) *Exception {
	return Errorf(ValueErrorType, format, a...)
}
