package pyexec

import (
	"fmt"
	"sync/atomic"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// Code-object flags (co_flags) the interpreter uses.
const (
	CoOptimized   = 0x0001
	CoNewLocals   = 0x0002
	CoVarargs     = 0x0004
	CoVarkeywords = 0x0008
	CoNested      = 0x0010
	CoGenerator   = 0x0020
	CoCoroutine   = 0x0080
)

// CodeSpec holds the fields of a CPython code object, as CodeType's
// constructor takes them. Nested code objects in Consts must already be
// *Code values.
type CodeSpec struct {
	Version                                   bytecode.Version
	ArgCount, PosOnlyArgCount, KwOnlyArgCount int
	NLocals, StackSize, Flags                 int
	Code                                      []byte
	Consts                                    []py.Object
	Names, VarNames, FreeVars, CellVars       []string
	Filename, Name, QualName                  string
	FirstLineNo                               int
	LineTable, ExceptionTable                 []byte
}

// Code is a decoded, validated code object, ready to run. It is immutable
// except for its inline caches, which are updated atomically, so one Code may
// be shared by several threads.
type Code struct {
	CodeSpec
	prog *bytecode.Program
	// nlocalsplus is the size of the fast-locals array; localNames names
	// each slot (for error messages); nfree is len(FreeVars).
	nlocalsplus int
	localNames  []string
	nfree       int
	// cell2arg lists, for 3.8–3.10, cell slots that start from an argument.
	cell2arg [][2]int
	names    []py.String
	// nameObjs holds names boxed once as py.Object, so that storing
	// under a name (STORE_ATTR, STORE_GLOBAL, STORE_NAME) does not box
	// the string again on every execution.
	nameObjs []py.Object
	// plainArgs: the parameters are ArgCount positional ones and nothing
	// else (no *args, **kwargs, keyword-only parameters or 3.8–3.10 cells
	// made from arguments), and calling the code runs it (not a generator
	// or coroutine): a call with exactly ArgCount positional arguments
	// binds them by copying (callPlain).
	plainArgs bool
	// caches holds one inline cache per instruction (nil until used).
	caches []atomic.Pointer[inlineCache]
	// attrCaches holds, per instruction, the cache of LOAD_ATTR and
	// STORE_ATTR on instances of user classes (attr_cache.go), apart from
	// caches so that checking it is one load less.
	attrCaches []atomic.Pointer[classAttrCache]
	// id is the fake address (see FakeAddr); 0 until first needed.
	id uint64
}

// inlineCache is an instruction's cached lookup.
type inlineCache struct {
	// LOAD_GLOBAL: the dicts and their versions when value was found.
	globals, builtins *Dict
	gver, bver        uint64
	value             py.Object
	// LOAD_ATTR method form: the receiver type and the method found.
	typ    *py.Type
	method py.Object
}

// Type returns code.
func (c *Code) Type() *py.Type { return CodeType }

// Program returns the decoded instruction stream.
func (c *Code) Program() *bytecode.Program { return c.prog }

// NewCode decodes and validates spec. The returned Code keeps spec's slices.
func NewCode(spec CodeSpec) (*Code, error) {
	v := spec.Version
	in := &bytecode.Input{
		Code: spec.Code, ExceptionTable: spec.ExceptionTable, LineTable: spec.LineTable,
		FirstLineNo: spec.FirstLineNo, NConsts: len(spec.Consts), NNames: len(spec.Names),
		NVarnames: len(spec.VarNames), NCellvars: len(spec.CellVars), NFreevars: len(spec.FreeVars),
		StackSize: spec.StackSize,
	}
	c := &Code{CodeSpec: spec, nfree: len(spec.FreeVars)}
	if spec.ArgCount < 0 || spec.PosOnlyArgCount < 0 || spec.KwOnlyArgCount < 0 || spec.StackSize < 0 ||
		spec.PosOnlyArgCount > spec.ArgCount || spec.StackSize > 1<<20 {
		return nil, fmt.Errorf("pyexec: code %s: bad argument counts or stack size", spec.Name)
	}
	nargs := spec.ArgCount + spec.KwOnlyArgCount
	if spec.Flags&CoVarargs != 0 {
		nargs++
	}
	if spec.Flags&CoVarkeywords != 0 {
		nargs++
	}
	if nargs > len(spec.VarNames) {
		return nil, fmt.Errorf("pyexec: code %s: %d arguments but %d varnames", spec.Name, nargs, len(spec.VarNames))
	}
	names := append([]string(nil), spec.VarNames...)
	if v.AtLeast(bytecode.Py311) {
		for _, cv := range spec.CellVars {
			if indexOf(spec.VarNames, cv) < 0 {
				names = append(names, cv)
			}
		}
		names = append(names, spec.FreeVars...)
		in.NLocalsPlus = len(names)
	} else {
		for i, cv := range spec.CellVars {
			if j := indexOf(spec.VarNames, cv); j >= 0 && j < nargs {
				c.cell2arg = append(c.cell2arg, [2]int{len(spec.VarNames) + i, j})
			}
		}
		names = append(names, spec.CellVars...)
		names = append(names, spec.FreeVars...)
	}
	prog, err := bytecode.Decode(v, in)
	if err != nil {
		return nil, err
	}
	for _, k := range spec.Consts {
		if k == nil {
			return nil, fmt.Errorf("pyexec: code %s: nil constant", spec.Name)
		}
	}
	c.prog = prog
	c.localNames = names
	c.nlocalsplus = len(names)
	c.names = make([]py.String, len(spec.Names))
	for i, n := range spec.Names {
		c.names[i] = py.String(n)
	}
	c.nameObjs = boxStrings(spec.Names)
	c.caches = make([]atomic.Pointer[inlineCache], len(prog.Instrs))
	c.attrCaches = make([]atomic.Pointer[classAttrCache], len(prog.Instrs))
	c.plainArgs = spec.Flags&(CoVarargs|CoVarkeywords|CoGenerator|CoCoroutine|0x200) == 0 &&
		spec.KwOnlyArgCount == 0 && len(c.cell2arg) == 0
	return c, nil
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// lineAt returns the source line of instruction index pc.
func (c *Code) lineAt(pc int) int {
	if pc >= 0 && pc < len(c.prog.Instrs) {
		if l := c.prog.Instrs[pc].Line; l >= 0 {
			return int(l)
		}
	}
	return c.FirstLineNo
}

// attr returns the read-only code-object attribute name (co_name,
// co_filename, co_varnames...), as CPython's code type has them for t's
// version. Nothing that would rebuild or run code (replace, co_lines with
// positions, co_code setters) is offered.
func (c *Code) attr(t *Thread, name string) (py.Object, bool) {
	strs := func(ss []string) py.Object {
		out := make(py.Tuple, len(ss))
		for i, s := range ss {
			out[i] = py.String(s)
		}
		return out
	}
	switch name {
	case "co_name":
		return py.String(c.Name), true
	case "co_qualname":
		if t.minor() >= 11 {
			return py.String(c.QualName), true
		}
	case "co_filename":
		return py.String(c.Filename), true
	case "co_firstlineno":
		return MakeInt(int64(c.FirstLineNo)), true
	case "co_argcount":
		return MakeInt(int64(c.ArgCount)), true
	case "co_posonlyargcount":
		return MakeInt(int64(c.PosOnlyArgCount)), true
	case "co_kwonlyargcount":
		return MakeInt(int64(c.KwOnlyArgCount)), true
	case "co_nlocals":
		return MakeInt(int64(c.NLocals)), true
	case "co_stacksize":
		return MakeInt(int64(c.StackSize)), true
	case "co_flags":
		return MakeInt(int64(c.Flags)), true
	case "co_varnames":
		return strs(c.VarNames), true
	case "co_names":
		return strs(c.Names), true
	case "co_freevars":
		return strs(c.FreeVars), true
	case "co_cellvars":
		return strs(c.CellVars), true
	case "co_consts":
		return append(py.Tuple(nil), c.Consts...), true
	case "co_code":
		return py.Bytes(append([]byte(nil), c.Code...)), true
	}
	return nil, false
}
