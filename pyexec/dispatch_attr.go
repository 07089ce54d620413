package pyexec

import (
	"github.com/go-python/gpython/py"
)

// methodTables holds the methods of built-in types, keyed by type then name.
var methodTables = map[*py.Type]map[string]*Method{}

// addMethods registers methods of a built-in type.
func addMethods(typ *py.Type, fns map[string]MethodFunc) {
	tab := methodTables[typ]
	if tab == nil {
		tab = map[string]*Method{}
		methodTables[typ] = tab
	}
	for name, fn := range fns {
		tab[name] = &Method{Name: name, Owner: typ, Fn: fn}
	}
}

// lookupMethod finds a built-in method of typ (or of its bases).
func lookupMethod(typ *py.Type, name string) *Method {
	for t := typ; t != nil; t = t.Base {
		if m := methodTables[t][name]; m != nil {
			return m
		}
		if t == py.BoolType {
			if m := methodTables[py.IntType][name]; m != nil {
				return m
			}
		}
	}
	return nil
}

// GetAttr returns getattr(o, name).
func GetAttr(t *Thread, o py.Object, name string) (py.Object, error) {
	if v, ok, err := getAttrHook(t, o, name); ok {
		return v, err
	}
	if m := lookupMethod(TypeOf(o), name); m != nil {
		return &BoundMethod{Self: o, Func: m}, nil
	}
	switch x := o.(type) {
	case *Exception:
		switch name {
		case "args":
			return x.Args, nil
		case "__cause__":
			return excOrNone(x.Cause), nil
		case "__context__":
			return excOrNone(x.Context), nil
		case "value":
			if IsSubtype(x.typ, StopIterationType) {
				if len(x.Args) > 0 {
					return x.Args[0], nil
				}
				return py.None, nil
			}
		}
	case *Code:
		if v, ok := x.attr(t, name); ok {
			return v, nil
		}
	case *Function:
		switch name {
		case "__name__":
			return py.String(x.Name), nil
		case "__qualname__":
			return py.String(x.QualName), nil
		case "__module__":
			return x.Module, nil
		case "__doc__":
			return x.Doc, nil
		case "__defaults__":
			if x.Defaults == nil {
				return py.None, nil
			}
			return x.Defaults, nil
		case "__kwdefaults__":
			if x.KwDefaults == nil {
				return py.None, nil
			}
			return x.KwDefaults, nil
		case "__code__":
			return x.Code, nil
		case "__globals__":
			return x.Globals, nil
		case "__closure__":
			if x.Closure == nil {
				return py.None, nil
			}
			return x.Closure, nil
		case "__dict__":
			if x.Dict == nil {
				x.Dict = NewDict(0)
			}
			return x.Dict, nil
		case "__annotations__":
			if x.Annotations == nil {
				x.Annotations = NewDict(0)
			}
			return x.Annotations, nil
		}
		if x.Dict != nil {
			if v, ok, err := x.Dict.Get(t, py.String(name)); err != nil || ok {
				return v, err
			}
		}
		return nil, Errorf(AttributeErrorType, "'function' object has no attribute '%s'", name)
	case *py.Type:
		switch name {
		case "__name__":
			return py.String(x.Name), nil
		case "__qualname__":
			return py.String(x.Name), nil
		}
		if m := methodTables[x][name]; m != nil {
			return m, nil
		}
		if v := typeAttrs[x][name]; v != nil {
			return v, nil
		}
		return nil, Errorf(AttributeErrorType, "type object '%s' has no attribute '%s'", x.Name, name)
	case *Cell:
		if name == "cell_contents" {
			if x.V == nil {
				return nil, valueErrorf("Cell is empty")
			}
			return x.V, nil
		}
	case py.Int, *py.BigInt, py.Bool:
		switch name {
		case "real", "numerator":
			return UnaryOp(t, '+', o)
		case "imag":
			return MakeInt(0), nil
		case "denominator":
			return MakeInt(1), nil
		}
	case py.Float:
		switch name {
		case "real":
			return x, nil
		case "imag":
			return py.Float(0), nil
		}
	case *Builtin, *Method, *BoundMethod, *py.Slice:
		if v, ok := builtinAttr(o, name); ok {
			return v, nil
		}
	case Attributer:
		if v, found, err := x.GetAttr(t, name); err != nil || found {
			return v, err
		}
	}
	return nil, Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", TypeName(o), name)
}

func excOrNone(e *Exception) py.Object {
	if e == nil {
		return py.None
	}
	return e
}

// SetAttr performs setattr(o, name, v).
func SetAttr(t *Thread, o py.Object, name string, v py.Object) error {
	if ok, err := setAttrHook(t, o, name, v); ok {
		return err
	}
	switch x := o.(type) {
	case *Function:
		switch name {
		case "__name__", "__qualname__":
			s, ok := v.(py.String)
			if !ok {
				return typeErrorf("__%s__ must be set to a string object", name[2:len(name)-2])
			}
			if name == "__name__" {
				x.Name = string(s)
			} else {
				x.QualName = string(s)
			}
			return nil
		case "__doc__":
			x.Doc = v
			return nil
		case "__module__":
			x.Module = v
			return nil
		case "__defaults__":
			if _, none := v.(py.NoneType); none {
				x.Defaults = nil
				return nil
			}
			return setFunctionAttribute(t, x, 1, v)
		}
		if x.Dict == nil {
			x.Dict = NewDict(0)
		}
		return x.Dict.SetItem(t, py.String(name), v)
	case *Exception:
		if name == "__cause__" || name == "__context__" {
			var e *Exception
			if ex, ok := v.(*Exception); ok {
				e = ex
			}
			if name == "__cause__" {
				x.Cause = e
			} else {
				x.Context = e
			}
			return nil
		}
	case *py.Type:
		return typeErrorf("cannot set '%s' attribute of immutable type '%s'", name, x.Name)
	case *Module:
		return x.Dict.SetItem(t, py.String(name), v)
	case AttrSetter:
		if handled, err := x.PySetAttr(t, name, v); handled || err != nil {
			return err
		}
	}
	if lookupMethod(TypeOf(o), name) != nil {
		return Errorf(AttributeErrorType, "'%s' object attribute '%s' is read-only", TypeName(o), name)
	}
	return Errorf(AttributeErrorType, "'%s' object has no attribute '%s'", TypeName(o), name)
}
