package collectionsmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// binaryOperand is a collections type with its own binary operators.
type binaryOperand interface {
	PyBinaryOp(t *pyexec.Thread, op int, other py.Object, right, inplace bool) (py.Object, bool, error)
}

var opNames = map[int]string{pyexec.OpAdd: "add", pyexec.OpSub: "sub", pyexec.OpOr: "or", pyexec.OpAnd: "and", pyexec.OpMul: "mul"}

// addBinaryDunders registers __op__, __rop__ and __iop__ for ops, which
// pyexec's native-type number protocol calls.
func addBinaryDunders(typ *py.Type, ops ...int) {
	fns := map[string]pyexec.MethodFunc{}
	for _, op := range ops {
		op := op
		name := opNames[op]
		mk := func(right, inplace bool) pyexec.MethodFunc {
			return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := pyexec.CheckArgs("__"+name+"__", args, kw, 1, 1); err != nil {
					return nil, err
				}
				r, ok, err := self.(binaryOperand).PyBinaryOp(t, op, args[0], right, inplace)
				if err != nil {
					return nil, err
				}
				if !ok {
					return pyexec.NotImplemented, nil
				}
				return r, nil
			}
		}
		fns["__"+name+"__"] = mk(false, false)
		fns["__r"+name+"__"] = mk(true, false)
		fns["__i"+name+"__"] = mk(false, true)
	}
	pyexec.AddMethods(typ, fns)
}

func init() {
	addBinaryDunders(OrderedDictType, pyexec.OpOr)
	addBinaryDunders(DefaultDictType, pyexec.OpOr)
	addBinaryDunders(CounterType, pyexec.OpAdd, pyexec.OpSub, pyexec.OpOr, pyexec.OpAnd)
	addBinaryDunders(DequeType, pyexec.OpAdd, pyexec.OpMul)
}

// unhashable registers a __hash__ that raises CPython's TypeError.
func unhashable(typ *py.Type, shown string) {
	pyexec.AddMethods(typ, map[string]pyexec.MethodFunc{
		"__hash__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if o, ok := self.(owned); ok && o.ownerObj() != nil {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "unhashable type: '%s'", pyexec.TypeName(o.ownerObj()))
			}
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "unhashable type: '%s'", shown)
		},
	})
}

func init() {
	unhashable(OrderedDictType, "collections.OrderedDict")
	unhashable(DefaultDictType, "collections.defaultdict")
	unhashable(CounterType, "Counter")
	unhashable(DequeType, "collections.deque")
	unhashable(ChainMapType, "ChainMap")
}

// owned is a collections value that may be the payload of an instance of a
// user subclass (its owner).
type owned interface{ ownerObj() py.Object }

func (d *Deque) ownerObj() py.Object { return d.owner }
