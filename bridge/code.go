package bridge

import (
	"fmt"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// codeLayout gives the positions of CodeType's arguments for one CPython
// version (see cloudpickle.CodeArgNames); excTable and qualName are -1 where
// the version has no such argument.
type codeLayout struct {
	argCount, posOnly, kwOnly, nlocals, stackSize, flags int
	code, consts, names, varnames, filename, name        int
	qualName, firstLine, lineTable, excTable             int
	freevars, cellvars                                   int
}

// init fills the layout for version v and n arguments and reports whether n
// is CodeType's arity on v.
func (k *codeLayout) init(v bytecode.Version, n int) bool {
	*k = codeLayout{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1, 12, 13, -1, 14, 15}
	if v.AtLeast(bytecode.Py311) {
		if n != 18 {
			return false
		}
		k.qualName, k.firstLine, k.lineTable, k.excTable, k.freevars, k.cellvars = 12, 13, 14, 15, 16, 17
		return true
	}
	return n == 16
}

// codeArgError is the TypeError CPython's code() raises for a bad argument.
func codeArgError(i int, want string, got py.Object) error {
	return fmt.Errorf("code() argument %d must be %s, not %s", i+1, want, pyexec.TypeName(got))
}

// newCode builds a code object from CodeType's positional arguments as the
// producing CPython v takes them.
func newCode(v bytecode.Version, args []py.Object) (*pyexec.Code, error) {
	var k codeLayout
	if !k.init(v, len(args)) {
		return nil, fmt.Errorf("code() takes %d arguments on CPython %s, got %d", map[bool]int{true: 18, false: 16}[v.AtLeast(bytecode.Py311)], v, len(args))
	}
	intArg := func(i int) (int, error) {
		if x, ok := args[i].(py.Int); ok && int64(x) >= -1<<31 && int64(x) < 1<<31 {
			return int(x), nil
		}
		return 0, codeArgError(i, "int", args[i])
	}
	bytesArg := func(i int) ([]byte, error) {
		if b, ok := args[i].(py.Bytes); ok {
			return []byte(b), nil
		}
		return nil, codeArgError(i, "bytes", args[i])
	}
	strArg := func(i int) (string, error) {
		if s, ok := args[i].(py.String); ok {
			return string(s), nil
		}
		return "", codeArgError(i, "str", args[i])
	}
	strsArg := func(i int) ([]string, error) {
		t, ok := args[i].(py.Tuple)
		if !ok {
			return nil, codeArgError(i, "tuple", args[i])
		}
		out := make([]string, len(t))
		for j, x := range t {
			s, ok := x.(py.String)
			if !ok {
				return nil, fmt.Errorf("code(): argument %d item %d must be str, not %s", i+1, j, pyexec.TypeName(x))
			}
			out[j] = string(s)
		}
		return out, nil
	}
	var err error
	spec := pyexec.CodeSpec{Version: v}
	for _, p := range []struct {
		dst *int
		i   int
	}{{&spec.ArgCount, k.argCount}, {&spec.PosOnlyArgCount, k.posOnly}, {&spec.KwOnlyArgCount, k.kwOnly},
		{&spec.NLocals, k.nlocals}, {&spec.StackSize, k.stackSize}, {&spec.Flags, k.flags}, {&spec.FirstLineNo, k.firstLine}} {
		if *p.dst, err = intArg(p.i); err != nil {
			return nil, err
		}
	}
	if spec.Code, err = bytesArg(k.code); err != nil {
		return nil, err
	}
	consts, ok := args[k.consts].(py.Tuple)
	if !ok {
		return nil, codeArgError(k.consts, "tuple", args[k.consts])
	}
	spec.Consts = []py.Object(consts)
	if spec.Names, err = strsArg(k.names); err != nil {
		return nil, err
	}
	if spec.VarNames, err = strsArg(k.varnames); err != nil {
		return nil, err
	}
	if spec.FreeVars, err = strsArg(k.freevars); err != nil {
		return nil, err
	}
	if spec.CellVars, err = strsArg(k.cellvars); err != nil {
		return nil, err
	}
	if spec.Filename, err = strArg(k.filename); err != nil {
		return nil, err
	}
	if spec.Name, err = strArg(k.name); err != nil {
		return nil, err
	}
	spec.QualName = spec.Name
	if k.qualName >= 0 {
		if spec.QualName, err = strArg(k.qualName); err != nil {
			return nil, err
		}
	}
	if spec.LineTable, err = bytesArg(k.lineTable); err != nil {
		return nil, err
	}
	if k.excTable >= 0 {
		if spec.ExceptionTable, err = bytesArg(k.excTable); err != nil {
			return nil, err
		}
	}
	return pyexec.NewCode(spec)
}
