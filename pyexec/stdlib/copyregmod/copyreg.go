// Package copyregmod implements the parts of CPython's copyreg module that
// pickled payloads reference: _reconstructor (protocol 0/1 reduction of
// plain class instances) and __newobj__/__newobj_ex__.
package copyregmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("copyreg", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "copyreg")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"_reconstructor": Reconstructor, "__newobj__": newobj, "__newobj_ex__": newobjEx,
	})
	return m, nil
}

// Reconstructor is copyreg._reconstructor(cls, base, state): a new instance
// of cls built by base.__new__ (object.__new__ when base is object) and
// initialised with state when base is not object.
func Reconstructor(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("_reconstructor", args, kw, []string{"cls", "base", "state"}, 0)
	if err != nil {
		return nil, err
	}
	if err := missing("_reconstructor", []string{"cls", "base", "state"}, a); err != nil {
		return nil, err
	}
	if a[1] == py.ObjectType {
		return pyexec.NewInstance(t, a[0])
	}
	newFn, err := pyexec.GetAttr(t, a[1], "__new__")
	if err != nil {
		return nil, err
	}
	obj, err := pyexec.Call(t, newFn, []py.Object{a[0], a[2]}, nil)
	if err != nil {
		return nil, err
	}
	if init, err := pyexec.GetAttr(t, a[1], "__init__"); err == nil {
		if _, err := pyexec.Call(t, init, []py.Object{obj, a[2]}, nil); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

func newobj(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("__newobj__", args, kw, 1, -1); err != nil {
		return nil, err
	}
	newFn, err := pyexec.GetAttr(t, args[0], "__new__")
	if err != nil {
		return nil, err
	}
	return pyexec.Call(t, newFn, args, nil)
}

func newobjEx(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("__newobj_ex__", args, kw, 3, 3); err != nil {
		return nil, err
	}
	newFn, err := pyexec.GetAttr(t, args[0], "__new__")
	if err != nil {
		return nil, err
	}
	pos, err := pyexec.Collect(t, args[1])
	if err != nil {
		return nil, err
	}
	var kws []pyexec.KV
	if d, ok := args[2].(*pyexec.Dict); ok {
		d.Items(func(k, v py.Object) bool {
			kws = append(kws, pyexec.KV{Name: string(k.(py.String)), Value: v})
			return true
		})
	}
	return pyexec.Call(t, newFn, append([]py.Object{args[0]}, pos...), kws)
}

// missing reports missing arguments as CPython does for a Python function.
func missing(fname string, params []string, a []py.Object) error {
	var names []string
	for i, p := range params {
		if a[i] == nil {
			names = append(names, "'"+p+"'")
		}
	}
	switch len(names) {
	case 0:
		return nil
	case 1:
		return pyexec.Errorf(pyexec.TypeErrorType, "%s() missing 1 required positional argument: %s", fname, names[0])
	}
	list := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	return pyexec.Errorf(pyexec.TypeErrorType, "%s() missing %d required positional arguments: %s", fname, len(names), list)
}
