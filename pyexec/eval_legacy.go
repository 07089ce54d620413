package pyexec

// The 3.8–3.10 exception model: a per-frame block stack.
//
// CPython 3.8–3.10 route exceptions through a block stack that SETUP_FINALLY /
// SETUP_WITH push and POP_BLOCK / POP_EXCEPT pop, and handlers index into a
// six-value group (previous traceback, value, type; current traceback, value,
// type). pybridge keeps that model at run time for those versions instead of
// converting it to 3.11 handler ranges: 3.8 shares one finally body between the
// normal path (BEGIN_FINALLY / CALL_FINALLY push NULL or a return address) and
// the exceptional path (six values and an EXCEPT_HANDLER block), and
// END_FINALLY / POP_FINALLY / WITH_CLEANUP_* decide at run time which of the two
// they are on, so an instruction in such a body has no single static stack
// depth or handler. Reproducing CPython's unwinding verbatim is exact for all
// three versions; Program.BlockStack selects it.

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// Block kinds of the legacy block stack.
const (
	blockFinally       uint8 = iota + 1 // SETUP_FINALLY / SETUP_WITH
	blockExceptHandler                  // pushed when a handler is entered
)

// legacyBlock is one entry of a 3.8–3.10 frame's block stack.
type legacyBlock struct {
	kind    uint8
	handler int32 // instruction index of the handler (blockFinally)
	level   int32 // value-stack height when the block was pushed
}

// maxBlocks is CPython's CO_MAXBLOCKS.
const maxBlocks = 20

// TracebackType is the type of the traceback values the 3.8–3.10 exception
// handlers see on the value stack.
var TracebackType = newType("traceback", py.ObjectType)

// tracebackObj stands for an exception's traceback on the legacy value stack.
type tracebackObj struct{ exc *Exception }

// Type returns traceback.
func (*tracebackObj) Type() *py.Type { return TracebackType }

// excTriple returns (traceback, value, type) for exc, or three Nones.
func excTriple(exc *Exception) (tb, val, typ py.Object) {
	if exc == nil {
		return py.None, py.None, py.None
	}
	return &tracebackObj{exc}, exc, exc.typ
}

// legacyUnwind routes exc through f's block stack as CPython 3.8–3.10's
// exception_unwind does. It reports whether a handler was found (f.pc is then
// the handler and the six values are pushed).
func (t *Thread) legacyUnwind(f *frame, exc *Exception) bool {
	for len(f.blocks) > 0 {
		b := f.blocks[len(f.blocks)-1]
		f.blocks = f.blocks[:len(f.blocks)-1]
		if b.kind == blockExceptHandler {
			t.unwindExceptHandler(f, b)
			continue
		}
		lvl := int(b.level)
		if lvl > f.sp {
			lvl = f.sp
		}
		clear(f.stack[lvl:f.sp])
		f.sp = lvl
		if f.sp+6 > len(f.stack) {
			return false
		}
		f.blocks = append(f.blocks, legacyBlock{kind: blockExceptHandler, handler: -1, level: int32(f.sp)})
		ptb, pval, ptyp := excTriple(t.handled)
		tb, val, typ := excTriple(exc)
		f.stack[f.sp], f.stack[f.sp+1], f.stack[f.sp+2] = ptb, pval, ptyp
		f.stack[f.sp+3], f.stack[f.sp+4], f.stack[f.sp+5] = tb, val, typ
		f.sp += 6
		t.handled = exc
		f.pc = int(b.handler)
		return true
	}
	return false
}

// unwindExceptHandler pops an EXCEPT_HANDLER block's values and restores the
// previously handled exception (UNWIND_EXCEPT_HANDLER).
func (t *Thread) unwindExceptHandler(f *frame, b legacyBlock) {
	lvl := int(b.level) + 3
	if lvl > f.sp || lvl < 3 {
		clear(f.stack[:f.sp])
		f.sp = 0
		t.handled = nil
		return
	}
	clear(f.stack[lvl:f.sp])
	f.sp = lvl
	t.handled, _ = f.stack[f.sp-2].(*Exception)
	clear(f.stack[f.sp-3 : f.sp])
	f.sp -= 3
}

// reraiseTriple re-raises the exception of a (traceback, value, type) group
// whose type is at stack[sp-1].
func reraiseTriple(stack []py.Object, sp int) (int, error) {
	val := stack[sp-2]
	clear(stack[sp-3 : sp])
	sp -= 3
	exc, ok := val.(*Exception)
	if !ok {
		return sp, Errorf(SystemErrorType, "re-raise without an exception")
	}
	exc.reraised = true
	return sp, exc
}

// legacyEnterExit looks up __enter__ and __exit__ for SETUP_WITH (3.8–3.10
// raise AttributeError naming the missing method).
func legacyEnterExit(t *Thread, mgr py.Object) (enter, exit py.Object, err error) {
	enter, err = GetAttr(t, mgr, "__enter__")
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return nil, nil, Errorf(AttributeErrorType, "__enter__")
		}
		return nil, nil, err
	}
	exit, err = GetAttr(t, mgr, "__exit__")
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return nil, nil, Errorf(AttributeErrorType, "__exit__")
		}
		return nil, nil, err
	}
	return enter, exit, nil
}

// legacyOp executes one 3.8–3.10 block-stack op. ok is false when op is not
// one of them.
func (t *Thread) legacyOp(f *frame, in *bytecode.Instr, sp, pc int) (int, int, bool, error) {
	stack := f.stack
	var err error
	switch in.Op {
	case bytecode.SetupFinally:
		if len(f.blocks) >= maxBlocks {
			return sp, pc, true, Errorf(SystemErrorType, "XXX block stack overflow")
		}
		f.blocks = append(f.blocks, legacyBlock{kind: blockFinally, handler: in.Target, level: int32(sp)})
	case bytecode.SetupWith:
		if len(f.blocks) >= maxBlocks {
			return sp, pc, true, Errorf(SystemErrorType, "XXX block stack overflow")
		}
		enter, exit, e := legacyEnterExit(t, stack[sp-1])
		if e != nil {
			return sp, pc, true, e
		}
		stack[sp-1] = exit
		res, e := call(t, enter, nil, nil)
		if e != nil {
			return sp, pc, true, e
		}
		f.blocks = append(f.blocks, legacyBlock{kind: blockFinally, handler: in.Target, level: int32(sp)})
		stack[sp] = res
		sp++
	case bytecode.PopBlock:
		if len(f.blocks) == 0 {
			return sp, pc, true, Errorf(SystemErrorType, "XXX block stack underflow")
		}
		f.blocks = f.blocks[:len(f.blocks)-1]
	case bytecode.LegacyPopExcept:
		n := len(f.blocks)
		if n == 0 || f.blocks[n-1].kind != blockExceptHandler {
			return sp, pc, true, Errorf(SystemErrorType, "popped block is not an except handler")
		}
		f.blocks = f.blocks[:n-1]
		t.handled, _ = stack[sp-2].(*Exception)
		clear(stack[sp-3 : sp])
		sp -= 3
	case bytecode.LegacyReraise:
		sp, err = reraiseTriple(stack, sp)
	case bytecode.JumpIfNotExcMatch, bytecode.CompareExcMatch:
		right, left := stack[sp-1], stack[sp-2]
		clear(stack[sp-2 : sp])
		sp -= 2
		var ok bool
		if typ, isType := left.(*py.Type); isType {
			ok, err = excMatches(&Exception{typ: typ}, right)
		} else if e, isExc := left.(*Exception); isExc {
			ok, err = excMatches(e, right)
		} else {
			_, err = excMatches(&Exception{typ: BaseExceptionType}, right)
		}
		if err != nil {
			break
		}
		if in.Op == bytecode.CompareExcMatch {
			stack[sp] = py.NewBool(ok)
			sp++
		} else if !ok {
			pc = int(in.Target)
		}
	case bytecode.LegacyWithExceptStart:
		args := []py.Object{stack[sp-1], stack[sp-2], stack[sp-3]}
		var res py.Object
		if res, err = call(t, stack[sp-7], args, nil); err == nil {
			stack[sp] = res
			sp++
		}
	case bytecode.BeginFinally:
		stack[sp] = nil
		sp++
	case bytecode.CallFinally:
		stack[sp] = MakeInt(int64(pc))
		sp++
		pc = int(in.Target)
	case bytecode.EndFinally:
		top := stack[sp-1]
		switch x := top.(type) {
		case nil:
			sp--
		case py.Int:
			sp--
			stack[sp] = nil
			pc = int(x)
		case *py.Type:
			sp, err = reraiseTriple(stack, sp)
		default:
			err = Errorf(SystemErrorType, "'finally' pops bad exception")
		}
	case bytecode.PopFinally:
		var res py.Object
		if in.Arg != 0 {
			sp--
			res, stack[sp] = stack[sp], nil
		}
		sp--
		top := stack[sp]
		stack[sp] = nil
		if _, isType := top.(*py.Type); isType {
			clear(stack[sp-2 : sp])
			sp -= 2
			n := len(f.blocks)
			if n == 0 || f.blocks[n-1].kind != blockExceptHandler {
				return sp, pc, true, Errorf(SystemErrorType, "popped block is not an except handler")
			}
			f.blocks = f.blocks[:n-1]
			t.handled, _ = stack[sp-2].(*Exception)
			clear(stack[sp-3 : sp])
			sp -= 3
		}
		if in.Arg != 0 {
			stack[sp] = res
			sp++
		}
	case bytecode.WithCleanupStart:
		exc := stack[sp-1]
		var exit py.Object
		var args []py.Object
		if exc == nil {
			sp--
			exit = stack[sp-1]
			stack[sp-1], stack[sp] = nil, nil
			exc = py.None
			args = []py.Object{py.None, py.None, py.None}
		} else {
			args = []py.Object{exc, stack[sp-2], stack[sp-3]}
			exit = stack[sp-7]
			stack[sp-7], stack[sp-6], stack[sp-5], stack[sp-4] = stack[sp-6], stack[sp-5], stack[sp-4], nil
			n := len(f.blocks)
			if n == 0 || f.blocks[n-1].kind != blockExceptHandler {
				return sp, pc, true, Errorf(SystemErrorType, "WITH_CLEANUP_START without an except handler")
			}
			f.blocks[n-1].level--
		}
		var res py.Object
		if res, err = call(t, exit, args, nil); err == nil {
			stack[sp], stack[sp+1] = exc, res
			sp += 2
		}
	case bytecode.WithCleanupFinish:
		res, exc := stack[sp-1], stack[sp-2]
		clear(stack[sp-2 : sp])
		sp -= 2
		suppress := false
		if _, none := exc.(py.NoneType); !none {
			if suppress, err = Truth(t, res); err != nil {
				break
			}
		}
		if suppress {
			n := len(f.blocks)
			if n == 0 || f.blocks[n-1].kind != blockExceptHandler {
				return sp, pc, true, Errorf(SystemErrorType, "WITH_CLEANUP_FINISH without an except handler")
			}
			b := f.blocks[n-1]
			f.blocks = f.blocks[:n-1]
			f.sp = sp
			t.unwindExceptHandler(f, b)
			sp = f.sp
			stack[sp] = nil
			sp++
		}
	default:
		return sp, pc, false, nil
	}
	return sp, pc, true, err
}

// unpackOp executes the 3.8 BUILD_*_UNPACK ops. ok is false for other ops.
func (t *Thread) unpackOp(f *frame, in *bytecode.Instr, sp int) (int, bool, error) {
	stack := f.stack
	n := int(in.Arg)
	items := stack[sp-n : sp]
	var res py.Object
	var err error
	switch in.Op {
	case bytecode.BuildTupleUnpack, bytecode.BuildTupleUnpackWithCall, bytecode.BuildListUnpack:
		var all []py.Object
		for _, x := range items {
			xs, e := collect(t, x)
			if e != nil {
				if ex, ok := e.(*Exception); ok && ex.typ == TypeErrorType && in.Op == bytecode.BuildTupleUnpackWithCall {
					fn := "function"
					if g, ok := stack[sp-n-1].(*Function); ok {
						fn = funcName(t, g) + "()"
					}
					e = typeErrorf("%s argument after * must be an iterable, not %s", fn, TypeName(x))
				}
				err = e
				break
			}
			all = append(all, xs...)
		}
		if in.Op == bytecode.BuildListUnpack {
			res = &py.List{Items: all}
		} else {
			res = py.Tuple(all)
		}
	case bytecode.BuildSetUnpack:
		s := NewSet(t)
		for _, x := range items {
			if err = t.containerUpdate(bytecode.SetUpdate, s, x, stack, sp, 0); err != nil {
				break
			}
		}
		res = s
	case bytecode.BuildMapUnpack, bytecode.BuildMapUnpackWithCall:
		d := NewDict(0)
		op := bytecode.DictUpdate
		if in.Op == bytecode.BuildMapUnpackWithCall {
			op = bytecode.DictMerge
		}
		for _, x := range items {
			// DICT_MERGE's message names the callable, found under the
			// positional-arguments tuple that precedes the maps.
			if err = t.containerUpdate(op, d, x, stack, sp-n, 0); err != nil {
				break
			}
		}
		res = d
	default:
		return sp, false, nil
	}
	clear(items)
	sp -= n
	if err != nil {
		return sp, true, err
	}
	stack[sp] = res
	return sp + 1, true, nil
}
