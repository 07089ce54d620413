package pyexec

import (
	"github.com/go-python/gpython/py"
)

// Function is a Python function: code plus the environment it runs in.
type Function struct {
	Code       *Code
	Globals    *Dict
	Builtins   *Dict
	Name       string
	QualName   string
	Defaults   py.Tuple // nil when none
	KwDefaults *Dict    // nil when none
	Closure    py.Tuple // of *Cell
	Module     py.Object
	Doc        py.Object
	// Annotations is the __annotations__ dict (nil until set).
	Annotations *Dict
	// Dict is the function's __dict__ (nil until an attribute is set).
	Dict *Dict
	// id is the fake address (see FakeAddr); 0 until first needed.
	id uint64
}

// NewFunction returns a function running code with globals. Builtins
// default to the shared read-only builtins dict of code's version.
func NewFunction(code *Code, globals *Dict) *Function { return newFunction(nil, code, globals) }

// newFunction is NewFunction for MAKE_FUNCTION: t's str hash cache spares
// hashing "__name__" again for every function made.
func newFunction(t *Thread, code *Code, globals *Dict) *Function {
	f := &Function{Code: code, Globals: globals, Builtins: BuiltinsFor(code.Version), Name: code.Name, QualName: code.QualName,
		Module: py.None, Doc: py.None}
	if f.QualName == "" {
		f.QualName = code.Name
	}
	if globals != nil {
		if m, ok := globals.GetStr(t, "__name__"); ok {
			f.Module = m
		}
	}
	// CPython 3.8–3.13 take co_consts[0] as the docstring when it is a
	// str (the compiler puts None first in functions without one); 3.14
	// marks functions with a docstring by CO_HAS_DOCSTRING.
	if len(code.Consts) > 0 {
		if s, ok := code.Consts[0].(py.String); ok && (code.Version.Minor <= 13 || code.Flags&0x04000000 != 0) {
			f.Doc = s
		}
	}
	return f
}

// Type returns function.
func (f *Function) Type() *py.Type { return FunctionType }

// Cell is a closure cell; V is nil while the cell is empty.
type Cell struct{ V py.Object }

// Type returns cell.
func (c *Cell) Type() *py.Type { return CellType }

// KV is one keyword argument, in call order.
type KV struct {
	Name  string
	Value py.Object
}

// BuiltinFunc is the Go signature of builtins: positional arguments first,
// then the values of the keyword arguments named by kwnames, all in args.
// args is only valid during the call: copy what must be kept.
type BuiltinFunc func(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error)

// Builtin is a built-in function.
type Builtin struct {
	Name string
	Fn   BuiltinFunc
}

// Type returns builtin_function_or_method.
func (b *Builtin) Type() *py.Type { return BuiltinType }

// MethodFunc implements a method of a built-in type; self is the receiver.
type MethodFunc func(t *Thread, self py.Object, args []py.Object, kwnames py.Tuple) (py.Object, error)

// Method is a method of a built-in type (a method descriptor such as
// str.split). Calling it takes the receiver as first argument.
type Method struct {
	Name  string
	Owner *py.Type
	Fn    MethodFunc
}

// Type returns method_descriptor.
func (m *Method) Type() *py.Type { return MethodDescrType }

// BoundMethod binds a callable to a receiver (obj.method).
type BoundMethod struct {
	Self py.Object
	Func py.Object
}

// Type returns method (builtin bound methods also print as such).
func (m *BoundMethod) Type() *py.Type {
	if _, ok := m.Func.(*Method); ok {
		return BuiltinType
	}
	return BoundMethodType
}
