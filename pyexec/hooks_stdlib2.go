package pyexec

import "github.com/go-python/gpython/py"

// BinaryOperand is a value implemented outside this package (a standard
// library type such as collections.Counter or deque) with its own binary
// operators. BinaryOp asks the left operand first (right=false), then the
// right one (right=true, other is the left operand); ok=false means
// NotImplemented. op is the base operator (OpAdd …); inplace reports the
// augmented form (+=), which may update the receiver and return it.
type BinaryOperand interface {
	PyBinaryOp(t *Thread, op int, other py.Object, right, inplace bool) (res py.Object, ok bool, err error)
}

// nativeBinary applies the BinaryOperand hooks of a and b.
func nativeBinary(t *Thread, op int, a, b py.Object) (py.Object, bool, error) {
	inplace := op >= opInplace
	base := op
	if inplace {
		base -= opInplace
	}
	if x, ok := a.(BinaryOperand); ok {
		if r, ok, err := x.PyBinaryOp(t, base, b, false, inplace); ok || err != nil {
			return r, true, err
		}
	}
	if y, ok := b.(BinaryOperand); ok {
		if r, ok, err := y.PyBinaryOp(t, base, a, true, false); ok || err != nil {
			return r, true, err
		}
	}
	return nil, false, nil
}

// DictBacked is a mapping implemented outside this package whose items live
// in a *Dict (collections.OrderedDict, defaultdict, Counter): dict(x),
// dict.update(x), {**x} and f(**x) read that dict.
type DictBacked interface {
	BackingDict() *Dict
}

// backingDict returns the dict behind a DictBacked value.
func backingDict(o py.Object) (*Dict, bool) {
	if x, ok := o.(DictBacked); ok {
		return x.BackingDict(), true
	}
	return nil, false
}
