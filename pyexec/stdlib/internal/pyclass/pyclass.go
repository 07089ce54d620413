// Package pyclass builds Python-level classes whose methods are written in
// Go: user classes (pyexec.NewClass) whose namespaces hold Go callables that
// bind like Python functions. Modules such as enum and dataclasses use it
// where CPython implements a class in Python, so that payload classes can
// derive from them, metaclasses apply and pickle's reconstructors work.
package pyclass

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// Func is a Go function that behaves as a Python function written in
// Python would where that matters: as the __new__ of a class it is called
// (pyexec runs only non-builtin __new__ methods itself).
type Func struct {
	Name string
	Fn   pyexec.BuiltinFunc
}

// Type returns builtin_function_or_method.
func (f *Func) Type() *py.Type { return pyexec.BuiltinType }

// Call calls the Go function.
func (f *Func) Call(t *pyexec.Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	return f.Fn(t, args, kwnames)
}

// Repr returns <built-in function NAME>.
func (f *Func) Repr(*pyexec.Thread) (string, error) { return "<built-in function " + f.Name + ">", nil }

// Method returns a method for a class namespace: it binds to instances as a
// Python function does; self is the instance itself (never a built-in
// payload).
func Method(name string, fn pyexec.MethodFunc) *pyexec.Method {
	return &pyexec.Method{Name: name, Owner: py.ObjectType, Fn: fn}
}

// ClassMethod returns classmethod(fn): args[0] is the class.
func ClassMethod(name string, fn pyexec.BuiltinFunc) *pyexec.ClassMethod {
	return &pyexec.ClassMethod{Func: &pyexec.Builtin{Name: name, Fn: fn}}
}

// StaticMethod returns staticmethod(fn).
func StaticMethod(name string, fn pyexec.BuiltinFunc) *pyexec.StaticMethod {
	return &pyexec.StaticMethod{Func: &Func{Name: name, Fn: fn}}
}

// Property returns a read-only property whose getter is get(self).
func Property(name string, get func(t *pyexec.Thread, self py.Object) (py.Object, error)) *pyexec.Property {
	return &pyexec.Property{Name: name, Doc: py.None, Get: &pyexec.Builtin{Name: name, Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(args) != 1 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s: expected 1 argument, got %d", name, len(args))
		}
		return get(t, args[0])
	}}}
}

// Attr is one namespace entry of a class made by New.
type Attr struct {
	Name  string
	Value py.Object
}

// New creates class name (qualname name) of module with metaclass meta (nil:
// type) and bases, whose namespace holds attrs in order.
func New(t *pyexec.Thread, meta py.Object, module, name string, bases py.Tuple, attrs ...Attr) (*py.Type, error) {
	ns := pyexec.NewDict(len(attrs) + 2)
	if err := ns.SetItem(t, py.String("__module__"), py.String(module)); err != nil {
		return nil, err
	}
	for _, a := range attrs {
		if err := ns.SetItem(t, py.String(a.Name), a.Value); err != nil {
			return nil, err
		}
	}
	c, err := pyexec.NewClass(t, meta, name, bases, ns)
	if err != nil {
		return nil, err
	}
	return c.(*py.Type), nil
}

// Get returns name from the namespace of cls or the first class of its MRO
// that has it (without invoking descriptors), or nil.
func Get(t *pyexec.Thread, cls *py.Type, name string) py.Object {
	for _, b := range cls.Mro {
		if bt, ok := b.(*py.Type); ok {
			if d, ok := pyexec.ClassDict(bt); ok {
				if v, ok := d.GetStr(t, name); ok {
					return v
				}
			}
		}
	}
	return nil
}

// Set sets name in the namespace of the user class cls.
func Set(t *pyexec.Thread, cls *py.Type, name string, v py.Object) error {
	d, ok := pyexec.ClassDict(cls)
	if !ok {
		return pyexec.Errorf(pyexec.TypeErrorType, "can't set attributes of built-in/extension type '%s'", cls.Name)
	}
	return d.SetItem(t, py.String(name), v)
}

// Args checks a method's positional argument count (keywords refused).
func Args(fname string, args []py.Object, kw py.Tuple, min, max int) error {
	return pyexec.CheckArgs(fname, args, kw, min, max)
}
