package pyexec

// Generators: the generator object, its protocol (send, throw, close,
// __next__) and the delegation ops (YIELD_FROM ≤3.10; SEND, END_SEND,
// CLEANUP_THROW 3.11+; GET_YIELD_FROM_ITER).

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// Generator is a generator object: a suspended frame of a code object with
// CO_GENERATOR set.
type Generator struct {
	fn      *Function
	f       *frame
	started bool
	running bool
	done    bool
	// handled is the exception being handled inside the generator while it
	// is suspended (its own exc_info entry).
	handled *Exception
	// ret is the value of the generator's return statement, kept until
	// next() turns it into StopIteration.value.
	ret py.Object
	// id is the fake address (see FakeAddr); 0 until first needed.
	id uint64
}

// Type returns generator.
func (g *Generator) Type() *py.Type { return GeneratorType }

// Repr returns "<generator object QUALNAME at 0x...>"; the address is a
// deterministic fake one (see FakeAddr).
func (g *Generator) Repr(*Thread) (string, error) {
	return "<generator object " + g.fn.QualName + " at " + FormatAddr(FakeAddr(g)) + ">", nil
}

func (t *Thread) newGenerator(fn *Function, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	co := fn.Code
	mem := make([]py.Object, co.nlocalsplus+co.StackSize)
	locals := mem[:co.nlocalsplus]
	if err := bindArgs(t, fn, locals, args, kwnames); err != nil {
		return nil, err
	}
	return &Generator{fn: fn, f: &frame{code: co, fn: fn, locals: locals, stack: mem[co.nlocalsplus:]}}, nil
}

// Next resumes the generator with None; it returns nil when the generator
// finishes (the return value is kept for takeReturn).
func (g *Generator) Next(t *Thread) (py.Object, error) {
	v, yielded, err := g.resume(t, nil, nil)
	if err != nil || yielded {
		return v, err
	}
	g.ret = v
	return nil, nil
}

// takeReturn returns (and forgets) the value the generator returned.
func (g *Generator) takeReturn() py.Object {
	v := g.ret
	g.ret = nil
	return v
}

// stopIteration returns StopIteration(v), or StopIteration() when v is None
// or nil.
func stopIteration(v py.Object) *Exception {
	if v == nil {
		return NewException(StopIterationType)
	}
	if _, none := v.(py.NoneType); none {
		return NewException(StopIterationType)
	}
	return NewException(StopIterationType, v)
}

// stopValue returns StopIteration.value of exc.
func stopValue(exc *Exception) py.Object {
	if len(exc.Args) > 0 {
		return exc.Args[0]
	}
	return py.None
}

func isStopIteration(err error) (*Exception, bool) {
	e, ok := err.(*Exception)
	return e, ok && IsSubtype(e.typ, StopIterationType)
}

// delegate returns the sub-iterator the suspended generator delegates to
// (yield from), or nil.
func (g *Generator) delegate() py.Object {
	f := g.f
	if !g.started || g.done || f.sp == 0 {
		return nil
	}
	instrs := f.code.prog.Instrs
	if f.code.prog.BlockStack {
		if f.pc < len(instrs) && instrs[f.pc].Op == bytecode.YieldFrom {
			return f.stack[f.sp-1]
		}
		return nil
	}
	if f.lasti > 0 && f.lasti < len(instrs) && instrs[f.lasti].Op == bytecode.YieldValue && instrs[f.lasti-1].Op == bytecode.Send {
		return f.stack[f.sp-1]
	}
	return nil
}

// resume runs the generator until it yields (yielded true), returns (the
// return value, yielded false) or raises. send is the value sent (nil: None);
// exc, when set, is thrown in at the suspension point instead.
func (g *Generator) resume(t *Thread, send py.Object, exc *Exception) (py.Object, bool, error) {
	if g.running {
		return nil, false, valueErrorf("generator already executing")
	}
	if g.done {
		if exc != nil {
			return nil, false, exc
		}
		return nil, false, nil
	}
	if !g.started {
		if exc != nil {
			g.finish()
			exc.Frames = append(exc.Frames, TracebackEntry{Filename: g.fn.Code.Filename, Line: g.fn.Code.FirstLineNo, Name: g.fn.Code.Name})
			return nil, false, exc
		}
		if send != nil {
			if _, none := send.(py.NoneType); !none {
				return nil, false, typeErrorf("can't send non-None value to a just-started generator")
			}
		}
	} else if exc != nil {
		return g.throwDelegating(t, exc)
	} else {
		if send == nil {
			send = py.None
		}
		f := g.f
		f.stack[f.sp] = send
		f.sp++
	}
	return g.run(t)
}

// throwDelegating throws exc into a started generator, first into the
// sub-iterator it delegates to, if any (CPython's gen_throw).
func (g *Generator) throwDelegating(t *Thread, exc *Exception) (py.Object, bool, error) {
	yf := g.delegate()
	if yf == nil {
		return g.throwHere(t, exc)
	}
	f := g.f
	if exc.typ == GeneratorExitType {
		g.running = true
		err := closeIter(t, yf)
		g.running = false
		if err != nil {
			exc = asException(err)
		}
		return g.throwHere(t, exc)
	}
	g.running = true
	v, yielded, err := throwInto(t, yf, exc)
	g.running = false
	if yielded {
		return v, true, nil
	}
	if err == nil {
		err = stopIteration(v)
	}
	if err == errNoThrow {
		return g.throwHere(t, exc)
	}
	e := asException(err)
	if f.code.Version.AtLeast(bytecode.Py312) {
		// CLEANUP_THROW, reached through the exception table, unpacks a
		// StopIteration or re-raises.
		return g.throwHere(t, e)
	}
	// ≤3.11: pop the sub-iterator and continue after the delegation loop.
	f.sp--
	f.stack[f.sp] = nil
	instrs := f.code.prog.Instrs
	if f.code.prog.BlockStack {
		f.lasti = f.pc
		f.pc++
	} else {
		f.pc = int(instrs[f.lasti-1].Target)
		f.lasti = f.pc - 1
	}
	if _, ok := isStopIteration(e); ok {
		f.stack[f.sp] = stopValue(e)
		f.sp++
		return g.run(t)
	}
	return g.throwHere(t, e)
}

// throwHere raises exc in the started generator's frame at its suspension
// point. Like CPython, the sent value (None) is pushed first; the handler
// trims the stack anyway.
func (g *Generator) throwHere(t *Thread, exc *Exception) (py.Object, bool, error) {
	f := g.f
	f.stack[f.sp] = py.None
	f.sp++
	f.throw = exc
	return g.run(t)
}

// errNoThrow reports a sub-iterator without a throw method.
var errNoThrow = Errorf(SystemErrorType, "no throw")

// throwInto calls yf.throw(exc).
func throwInto(t *Thread, yf py.Object, exc *Exception) (py.Object, bool, error) {
	if sub, ok := yf.(*Generator); ok {
		return sub.resume(t, nil, exc)
	}
	m, err := GetAttr(t, yf, "throw")
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return nil, false, errNoThrow
		}
		return nil, false, err
	}
	v, err := call(t, m, []py.Object{exc}, nil)
	return v, err == nil, err
}

// closeIter calls yf.close() if it has one.
func closeIter(t *Thread, yf py.Object) error {
	if sub, ok := yf.(*Generator); ok {
		return sub.close(t)
	}
	m, err := GetAttr(t, yf, "close")
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return nil
		}
		return err
	}
	_, err = call(t, m, nil, nil)
	return err
}

// run resumes the frame. Resumed from outside the interpreter (depth 0), it
// converts a Go panic raised by hostile code into a SystemError, as Call does.
func (g *Generator) run(t *Thread) (v py.Object, yielded bool, err error) {
	if t.depth == 0 {
		defer func() {
			if r := recover(); r != nil {
				t.depth, t.sp, t.handled, t.ndepth, t.sharedDepth = 0, 0, nil, 0, 0
				g.running = false
				g.finish()
				v, yielded, err = nil, false, Errorf(SystemErrorType, "internal error: %v", r)
			}
		}()
	}
	if t.depth+t.sharedDepth >= t.recursionLimit() {
		g.f.throw = nil
		return nil, false, Errorf(RecursionErrorType, "maximum recursion depth exceeded")
	}
	g.started, g.running = true, true
	t.depth++
	saved := t.handled
	if g.handled != nil {
		t.handled = g.handled
	}
	v, err = t.run(g.f)
	if err == errYield && t.handled != saved {
		g.handled = t.handled
	} else {
		g.handled = nil
	}
	t.handled = saved
	t.depth--
	g.running = false
	if err == errYield {
		return v, true, nil
	}
	g.finish()
	if err != nil {
		if e, ok := isStopIteration(err); ok && g.f.code.Version.Less(bytecode.Py312) {
			r := Errorf(RuntimeErrorType, "generator raised StopIteration")
			r.Cause, r.Context = e, e
			return nil, false, r
		}
		return nil, false, err
	}
	return v, false, nil
}

func (g *Generator) finish() {
	g.done = true
	g.f.locals, g.f.stack, g.f.blocks = nil, nil, nil
}

// close implements generator.close().
func (g *Generator) close(t *Thread) error {
	if g.running {
		return valueErrorf("generator already executing")
	}
	if g.done {
		return nil
	}
	if !g.started {
		g.finish()
		return nil
	}
	var exc *Exception
	if yf := g.delegate(); yf != nil {
		g.running = true
		err := closeIter(t, yf)
		g.running = false
		if err != nil {
			exc = asException(err)
		}
	}
	if exc == nil {
		exc = NewException(GeneratorExitType)
	}
	_, yielded, err := g.throwHere(t, exc)
	if yielded {
		return Errorf(RuntimeErrorType, "generator ignored GeneratorExit")
	}
	if e, ok := err.(*Exception); ok && (IsSubtype(e.typ, StopIterationType) || IsSubtype(e.typ, GeneratorExitType)) {
		return nil
	}
	return err
}

// send implements generator.send(v) and __next__.
func (g *Generator) send(t *Thread, v py.Object) (py.Object, error) {
	r, yielded, err := g.resume(t, v, nil)
	if err != nil {
		return nil, err
	}
	if !yielded {
		return nil, stopIteration(r)
	}
	return r, nil
}

// throwArgs builds the exception of generator.throw(typ[, val[, tb]]).
func throwArgs(t *Thread, args []py.Object) (*Exception, error) {
	typ := args[0]
	var val py.Object = py.None
	if len(args) > 1 {
		val = args[1]
	}
	_, valNone := val.(py.NoneType)
	switch x := typ.(type) {
	case *Exception:
		if !valNone {
			return nil, typeErrorf("instance exception may not have a separate value")
		}
		return x, nil
	case *py.Type:
		if IsSubtype(x, BaseExceptionType) {
			if e, ok := val.(*Exception); ok && IsSubtype(e.typ, x) {
				return e, nil
			}
			var cargs []py.Object
			switch v := val.(type) {
			case py.NoneType:
			case py.Tuple:
				cargs = v
			default:
				cargs = []py.Object{v}
			}
			r, err := call(t, x, cargs, nil)
			if err != nil {
				return nil, err
			}
			if e, ok := r.(*Exception); ok {
				return e, nil
			}
		}
	}
	return nil, typeErrorf("exceptions must be classes or instances deriving from BaseException, not %s", TypeName(typ))
}

func init() {
	addMethods(GeneratorType, map[string]MethodFunc{
		"send": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(kw) > 0 || len(args) != 1 {
				return nil, typeErrorf("generator.send() takes exactly one argument (%d given)", len(args))
			}
			return self.(*Generator).send(t, args[0])
		},
		"__next__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)+len(kw) > 0 {
				return nil, typeErrorf("expected 0 arguments, got %d", len(args))
			}
			return self.(*Generator).send(t, nil)
		},
		"__iter__": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self, nil
		},
		"throw": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(kw) > 0 {
				return nil, typeErrorf("throw() takes no keyword arguments")
			}
			if len(args) < 1 || len(args) > 3 {
				return nil, typeErrorf("throw expected at least 1 argument, got %d", len(args))
			}
			exc, err := throwArgs(t, args)
			if err != nil {
				return nil, err
			}
			g := self.(*Generator)
			r, yielded, err := g.resume(t, nil, exc)
			if err != nil {
				return nil, err
			}
			if !yielded {
				return nil, stopIteration(r)
			}
			return r, nil
		},
		"close": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args)+len(kw) > 0 {
				return nil, typeErrorf("generator.close() takes no arguments (%d given)", len(args))
			}
			return py.None, self.(*Generator).close(t)
		},
	})
}

// genAttr returns the generator's data attributes.
func genAttr(g *Generator, name string) (py.Object, bool) {
	switch name {
	case "__name__":
		return py.String(g.fn.Name), true
	case "__qualname__":
		return py.String(g.fn.QualName), true
	case "gi_running":
		return py.NewBool(g.running), true
	case "gi_code":
		return g.fn.Code, true
	case "gi_yieldfrom":
		if yf := g.delegate(); yf != nil {
			return yf, true
		}
		return py.None, true
	}
	return nil, false
}

// GetAttr implements the generator's data attributes (methods are found in
// the method table first).
func (g *Generator) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	v, ok := genAttr(g, name)
	return v, ok, nil
}

// sendTo sends v into the sub-iterator recv (YIELD_FROM / SEND): it returns
// the value to yield (yielded true) or the sub-iterator's return value.
func sendTo(t *Thread, recv, v py.Object) (py.Object, bool, error) {
	if sub, ok := recv.(*Generator); ok {
		return sub.resume(t, v, nil)
	}
	if _, none := v.(py.NoneType); none {
		if it, ok := recv.(Iterator); ok {
			r, err := it.Next(t)
			if err != nil {
				if e, ok := isStopIteration(err); ok {
					return stopValue(e), false, nil
				}
				return nil, false, err
			}
			if r == nil {
				return py.None, false, nil
			}
			return r, true, nil
		}
	}
	m, err := GetAttr(t, recv, "send")
	if err != nil {
		return nil, false, err
	}
	r, err := call(t, m, []py.Object{v}, nil)
	if err != nil {
		if e, ok := isStopIteration(err); ok {
			return stopValue(e), false, nil
		}
		return nil, false, err
	}
	return r, true, nil
}

// genOp executes the generator-delegation ops. ok is false for other ops.
func (t *Thread) genOp(f *frame, in *bytecode.Instr, sp, pc, lasti int) (int, int, bool, error) {
	stack := f.stack
	switch in.Op {
	case bytecode.GetYieldFromIter:
		o := stack[sp-1]
		if _, ok := o.(*Generator); ok {
			break
		}
		it, err := Iterate(t, o)
		if err != nil {
			return sp, pc, true, err
		}
		stack[sp-1] = it
	case bytecode.YieldFrom:
		v := stack[sp-1]
		sp--
		stack[sp] = nil
		r, yielded, err := sendTo(t, stack[sp-1], v)
		if err != nil {
			return sp, pc, true, err
		}
		if yielded {
			// Re-run YIELD_FROM with the next sent value.
			f.yielded = r
			return sp, lasti, true, errYield
		}
		stack[sp-1] = r
	case bytecode.Send:
		v := stack[sp-1]
		r, yielded, err := sendTo(t, stack[sp-2], v)
		if err != nil {
			sp--
			stack[sp] = nil
			return sp, pc, true, err
		}
		if yielded {
			stack[sp-1] = r
			break
		}
		sp--
		stack[sp] = nil
		stack[sp-1] = r
		pc = int(in.Target)
	case bytecode.EndSend:
		stack[sp-2] = stack[sp-1]
		sp--
		stack[sp] = nil
	case bytecode.CleanupThrow:
		exc, _ := stack[sp-1].(*Exception)
		if exc == nil {
			return sp, pc, true, Errorf(SystemErrorType, "CLEANUP_THROW without an exception")
		}
		if !IsSubtype(exc.typ, StopIterationType) {
			sp--
			stack[sp] = nil
			exc.reraised = true
			return sp, pc, true, exc
		}
		stack[sp-3], stack[sp-2] = py.None, stopValue(exc)
		sp--
		stack[sp] = nil
	default:
		return sp, pc, false, nil
	}
	return sp, pc, true, nil
}
