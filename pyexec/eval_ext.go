package pyexec

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// extOp executes the ops the main loop does not handle inline: the 3.8–3.10
// block stack and BUILD_*_UNPACK ops (eval_legacy.go), generator delegation
// (eval_gen.go), pattern matching (eval_match.go) and 3.12+ intrinsics. It
// returns the new stack height and next instruction.
func (t *Thread) extOp(f *frame, in *bytecode.Instr, sp, pc, lasti int) (int, int, error) {
	if nsp, npc, ok, err := t.legacyOp(f, in, sp, pc); ok {
		return nsp, npc, err
	}
	if nsp, npc, ok, err := t.genOp(f, in, sp, pc, lasti); ok {
		return nsp, npc, err
	}
	if nsp, ok, err := t.matchOp(f, in, sp); ok {
		return nsp, pc, err
	}
	if nsp, ok, err := t.unpackOp(f, in, sp); ok {
		return nsp, pc, err
	}
	return sp, pc, Errorf(SystemErrorType, "unsupported instruction %s in %s", in.Op, f.code.Name)
}

// takeReturner is an iterator that keeps its return value for
// StopIteration.value (generators).
type takeReturner interface {
	takeReturn() py.Object
}

// exhausted returns the StopIteration next() raises for an exhausted
// iterator: with the generator's return value, if any.
func exhausted(it py.Object) *Exception {
	if r, ok := it.(takeReturner); ok {
		return stopIteration(r.takeReturn())
	}
	return NewException(StopIterationType)
}
