package pyexec

import (
	"strings"

	"github.com/go-python/gpython/py"
)

// Call calls callable with positional args and ordered keyword args. It is
// the one call dispatch of the interpreter.
//
// A call from outside the interpreter (thread depth 0) also converts a Go
// panic raised by hostile code into a SystemError and resets the thread.
func Call(t *Thread, callable py.Object, args []py.Object, kwargs []KV) (res py.Object, err error) {
	if t.depth == 0 {
		defer func() {
			if r := recover(); r != nil {
				t.depth, t.sp, t.handled, t.ndepth, t.sharedDepth = 0, 0, nil, 0, 0
				res, err = nil, Errorf(SystemErrorType, "internal error: %v", r)
			}
		}()
	}
	if len(kwargs) == 0 {
		return call(t, callable, args, nil)
	}
	all := make([]py.Object, 0, len(args)+len(kwargs))
	all = append(all, args...)
	names := make(py.Tuple, len(kwargs))
	for i, kv := range kwargs {
		names[i] = py.String(kv.Name)
		all = append(all, kv.Value)
	}
	return call(t, callable, all, names)
}

// Call1 is Call with one positional argument. For a Python function the
// argument slice comes from the thread's value pool, so the call allocates
// no slice of its own (the per-record call of an executor).
func Call1(t *Thread, callable, arg py.Object) (py.Object, error) {
	if _, ok := callable.(*Function); !ok {
		return Call(t, callable, []py.Object{arg}, nil)
	}
	mem := t.alloc(1)
	mem[0] = arg
	res, err := Call(t, callable, mem, nil)
	t.release(mem)
	return res, err
}

// call is Call's internal form: the last len(kwnames) entries of args are
// the keyword values.
func call(t *Thread, callable py.Object, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	switch f := callable.(type) {
	case *Function:
		return t.callFunction(f, args, kwnames)
	case *Builtin:
		return f.Fn(t, args, kwnames)
	case *Method:
		if len(args)-len(kwnames) < 1 {
			return nil, typeErrorf("unbound method %s.%s() needs an argument", f.Owner.Name, f.Name)
		}
		if !IsInstance(args[0], f.Owner) {
			return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", f.Name, f.Owner.Name, TypeName(args[0]))
		}
		return f.Fn(t, payloadFor(args[0], f.Owner), args[1:], kwnames)
	case *BoundMethod:
		if m, ok := f.Func.(*Method); ok {
			return m.Fn(t, f.Self, args, kwnames)
		}
		if fn, ok := f.Func.(*Function); ok {
			return t.callFunctionSelf(fn, f.Self, args, kwnames)
		}
		all := make([]py.Object, 0, len(args)+1)
		all = append(append(all, f.Self), args...)
		if err := t.EnterNative(" while calling a Python object"); err != nil {
			return nil, err
		}
		// No defer: a deferred call would slow down every call through
		// this function (it is the interpreter's one call dispatch).
		r, err := call(t, f.Func, all, kwnames)
		t.LeaveNative()
		return r, err
	case *py.Type:
		if r, ok, err := callType(t, f, args, kwnames); ok {
			return r, err
		}
		if ctor := typeCtors[f]; ctor != nil {
			return ctor(t, args, kwnames)
		}
		if IsSubtype(f, BaseExceptionType) {
			return newExceptionInstance(f, args, kwnames)
		}
		return nil, typeErrorf("cannot create '%s' instances", f.Name)
	case Callable:
		if err := t.EnterNative(" while calling a Python object"); err != nil {
			return nil, err
		}
		r, err := f.Call(t, args, kwnames)
		t.LeaveNative()
		return r, err
	}
	if r, ok, err := callHook(t, callable, args, kwnames); ok {
		return r, err
	}
	return nil, typeErrorf("'%s' object is not callable", TypeName(callable))
}

// typeCtors maps built-in type objects to their constructors (filled by the
// builtins).
var typeCtors = map[*py.Type]BuiltinFunc{}

func (t *Thread) callFunction(fn *Function, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	co := fn.Code
	if co.plainArgs && len(kwnames) == 0 && len(args) == co.ArgCount {
		return t.callPlain(fn, args)
	}
	if t.depth+t.sharedDepth >= t.recursionLimit() {
		return nil, Errorf(RecursionErrorType, "maximum recursion depth exceeded")
	}
	if co.Flags&CoGenerator != 0 {
		return t.newGenerator(fn, args, kwnames)
	}
	if co.Flags&(CoCoroutine|0x200) != 0 {
		return nil, Errorf(SystemErrorType, "coroutines are not supported")
	}
	mem := t.alloc(co.nlocalsplus + co.StackSize)
	locals := mem[:co.nlocalsplus]
	if err := bindArgs(t, fn, locals, args, kwnames); err != nil {
		t.release(mem)
		return nil, err
	}
	return t.runFrame(fn, mem)
}

// callPlain calls fn, whose code takes exactly len(args) positional
// parameters and nothing else (Code.plainArgs), without keywords: the
// arguments are the first fast locals as they are.
func (t *Thread) callPlain(fn *Function, args []py.Object) (py.Object, error) {
	co := fn.Code
	if t.depth+t.sharedDepth >= t.recursionLimit() {
		return nil, Errorf(RecursionErrorType, "maximum recursion depth exceeded")
	}
	mem := t.alloc(co.nlocalsplus + co.StackSize)
	copy(mem, args)
	return t.runFrame(fn, mem)
}

// runFrame runs fn in the frame record of the current depth, with mem (from
// t.alloc, arguments bound) as its fast locals and value stack, and
// releases mem.
func (t *Thread) runFrame(fn *Function, mem []py.Object) (py.Object, error) {
	f := t.frameAt(t.depth)
	f.start(fn, mem, nil, nil)
	t.depth++
	res, err := t.run(f)
	t.depth--
	f.fn, f.locals, f.stack = nil, nil, nil
	t.release(mem)
	return res, err
}

// callFunctionSelf calls fn with self prepended to args. The combined
// arguments are carved from the thread's value pool rather than the heap:
// bindArgs copies them into the callee's frame (or generator), so they are
// dead once the call returns.
func (t *Thread) callFunctionSelf(fn *Function, self py.Object, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	mem := t.alloc(len(args) + 1)
	mem[0] = self
	copy(mem[1:], args)
	r, err := t.callFunction(fn, mem, kwnames)
	t.release(mem)
	return r, err
}

func (t *Thread) recursionLimit() int {
	if t.RecursionLimit <= 0 {
		return DefaultRecursionLimit
	}
	return t.RecursionLimit
}

func (t *Thread) frameAt(d int) *frame {
	for len(t.frames) <= d {
		t.frames = append(t.frames, new(frame))
	}
	return t.frames[d]
}

// funcName is the name CPython uses in argument errors: __qualname__ from
// 3.10, __name__ before.
func funcName(t *Thread, fn *Function) string {
	if t.minor() >= 10 {
		return fn.QualName
	}
	return fn.Name
}

// bindArgs fills the fast locals from the call's arguments.
func bindArgs(t *Thread, fn *Function, locals []py.Object, args []py.Object, kwnames py.Tuple) error {
	co := fn.Code
	argc := co.ArgCount
	nkw := len(kwnames)
	npos := len(args) - nkw
	flags := co.Flags
	if nkw == 0 && npos == argc && flags&(CoVarargs|CoVarkeywords) == 0 && co.KwOnlyArgCount == 0 {
		copy(locals, args)
		return bindCells(co, locals)
	}
	total := argc + co.KwOnlyArgCount
	n := npos
	if n > argc {
		n = argc
	}
	copy(locals, args[:n])
	slot := total
	if flags&CoVarargs != 0 {
		var rest py.Tuple
		if npos > n {
			rest = append(py.Tuple(nil), args[n:npos]...)
		} else {
			rest = py.Tuple{}
		}
		locals[slot] = rest
		slot++
	}
	var kwdict *Dict
	if flags&CoVarkeywords != 0 {
		kwdict = NewDict(nkw)
		locals[slot] = kwdict
	}
	var posAsKw []string
	for i, kn := range kwnames {
		name, ok := kn.(py.String)
		if !ok {
			return typeErrorf("keywords must be strings")
		}
		val := args[npos+i]
		j := -1
		for k := co.PosOnlyArgCount; k < total; k++ {
			if co.VarNames[k] == string(name) {
				j = k
				break
			}
		}
		if j >= 0 {
			if locals[j] != nil {
				return typeErrorf("%s() got multiple values for argument '%s'", funcName(t, fn), name)
			}
			locals[j] = val
			continue
		}
		if kwdict != nil {
			if err := kwdict.SetItem(t, name, val); err != nil {
				return err
			}
			continue
		}
		if k := indexOf(co.VarNames[:co.PosOnlyArgCount], string(name)); k >= 0 {
			posAsKw = append(posAsKw, string(name))
			continue
		}
		return typeErrorf("%s() got an unexpected keyword argument '%s'", funcName(t, fn), name)
	}
	if len(posAsKw) > 0 {
		return typeErrorf("%s() got some positional-only arguments passed as keyword arguments: '%s'",
			funcName(t, fn), strings.Join(posAsKw, ", "))
	}
	if npos > argc && flags&CoVarargs == 0 {
		return tooManyPositional(t, fn, locals, npos)
	}
	ndef := len(fn.Defaults)
	var missing []string
	for i := n; i < argc; i++ {
		if locals[i] != nil {
			continue
		}
		if i >= argc-ndef {
			locals[i] = fn.Defaults[i-(argc-ndef)]
		} else {
			missing = append(missing, co.VarNames[i])
		}
	}
	if missing != nil {
		return missingArgs(t, fn, missing, "positional")
	}
	for i := argc; i < total; i++ {
		if locals[i] != nil {
			continue
		}
		if fn.KwDefaults != nil {
			if v, ok := fn.KwDefaults.GetStr(t, co.VarNames[i]); ok {
				locals[i] = v
				continue
			}
		}
		missing = append(missing, co.VarNames[i])
	}
	if missing != nil {
		return missingArgs(t, fn, missing, "keyword-only")
	}
	return bindCells(co, locals)
}

// bindCells initialises 3.8–3.10 cells that hold an argument (cell2arg).
func bindCells(co *Code, locals []py.Object) error {
	for _, ca := range co.cell2arg {
		locals[ca[0]] = locals[ca[1]]
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func tooManyPositional(t *Thread, fn *Function, locals []py.Object, given int) error {
	co := fn.Code
	argc := co.ArgCount
	kwonlyGiven := 0
	for i := argc; i < argc+co.KwOnlyArgCount; i++ {
		if locals[i] != nil {
			kwonlyGiven++
		}
	}
	ndef := len(fn.Defaults)
	var sig string
	if ndef > 0 {
		sig = itoa(argc-ndef) + " to " + itoa(argc)
		sig = "from " + sig
	} else {
		sig = itoa(argc)
	}
	kwSig := ""
	if kwonlyGiven > 0 {
		kwSig = " positional argument" + plural(given) + " (and " + itoa(kwonlyGiven) + " keyword-only argument" + plural(kwonlyGiven) + ")"
	}
	was := "were"
	if given == 1 && kwonlyGiven == 0 {
		was = "was"
	}
	return typeErrorf("%s() takes %s positional argument%s but %d%s %s given", funcName(t, fn), sig, plural(argc), given, kwSig, was)
}

func missingArgs(t *Thread, fn *Function, names []string, kind string) error {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	var list string
	switch len(q) {
	case 1:
		list = q[0]
	case 2:
		list = q[0] + " and " + q[1]
	default:
		list = strings.Join(q[:len(q)-1], ", ") + ", and " + q[len(q)-1]
	}
	return typeErrorf("%s() missing %d required %s argument%s: %s", funcName(t, fn), len(names), kind, plural(len(names)), list)
}
