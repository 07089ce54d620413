package pyexec

import (
	"github.com/go-python/gpython/py"
)

// newType returns a pyexec-owned type object. It is never registered in
// gpython's global state and its Dict is never used for dispatch.
func newType(name string, base *py.Type) *py.Type {
	return &py.Type{ObjectType: py.TypeType, Name: name, Qualname: name, Base: base, Dict: py.StringDict{}}
}

// Type objects of pyexec's own value types.
var (
	DictType        = newType("dict", py.ObjectType)
	SetType         = newType("set", py.ObjectType)
	FrozenSetType   = newType("frozenset", py.ObjectType)
	FunctionType    = newType("function", py.ObjectType)
	CellType        = newType("cell", py.ObjectType)
	CodeType        = newType("code", py.ObjectType)
	BuiltinType     = newType("builtin_function_or_method", py.ObjectType)
	MethodDescrType = newType("method_descriptor", py.ObjectType)
	BoundMethodType = newType("method", py.ObjectType)
	RangeType       = newType("range", py.ObjectType)
	GeneratorType   = newType("generator", py.ObjectType)
	SliceType       = py.SliceType
)

// TypeOf returns the Python type of o, mapping gpython's internal "bigint"
// type to int.
func TypeOf(o py.Object) *py.Type {
	switch x := o.(type) {
	case *py.BigInt:
		return py.IntType
	case nil:
		return py.NoneTypeType
	case *py.Type:
		// gpython's built-in types report object as their type.
		if classOf(x.ObjectType) != nil {
			return x.ObjectType
		}
		return py.TypeType
	}
	return o.Type()
}

// TypeName returns type(o).__name__ as CPython spells it.
func TypeName(o py.Object) string {
	switch x := o.(type) {
	case py.Int, *py.BigInt:
		return "int"
	case py.String:
		return "str"
	case py.Float:
		return "float"
	case py.Bool:
		return "bool"
	case py.NoneType:
		return "NoneType"
	case py.Tuple:
		return "tuple"
	case *py.List:
		return "list"
	case py.Bytes:
		return "bytes"
	case *Exception:
		return x.typ.Name
	case *py.Type:
		return TypeOf(x).Name
	case nil:
		return "NULL"
	}
	return o.Type().Name
}

// IsSubtype reports whether type a is b or derives from it (bool derives from
// int; every type derives from object).
func IsSubtype(a, b *py.Type) bool {
	if a == b || b == py.ObjectType {
		return true
	}
	if ci := classOf(a); ci != nil {
		for _, m := range ci.mro {
			if m == b || m == py.BoolType && b == py.IntType {
				return true
			}
		}
		return false
	}
	if a == py.BoolType && b == py.IntType {
		return true
	}
	for t := a.Base; t != nil && t != py.ObjectType; t = t.Base {
		if t == b {
			return true
		}
	}
	return false
}

// IsInstance reports whether o is an instance of cls.
func IsInstance(o py.Object, cls *py.Type) bool { return IsSubtype(TypeOf(o), cls) }
