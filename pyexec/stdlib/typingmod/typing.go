// Package typingmod implements the part of CPython's typing module that
// annotations in payloads use: Any, Union, Optional, ClassVar, Final, the
// generic aliases (List, Dict, Tuple, Set, FrozenSet, Type, Callable,
// Iterable, Iterator, Mapping, Sequence, …) whose subscriptions repr as
// CPython's do (typing.List[int]), TypeVar, Generic, cast, get_origin,
// get_args and TYPE_CHECKING. Annotations are data here: nothing checks
// them.
package typingmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("typing", newModule) }

// Types of typing's objects.
var (
	SpecialFormType  = pyexec.NewNativeType("typing", "_SpecialForm", nil)
	GenericAliasType = pyexec.NewNativeType("typing", "_GenericAlias", nil)
	TypeVarType      = pyexec.NewNativeType("typing", "TypeVar", nil)
)

// Alias is an unsubscripted alias (typing.List) or a subscription of one
// (typing.List[int]), or a special form (Union[...], Optional[...]).
type Alias struct {
	Name   string    // as repr shows it after "typing.": List, Union, Any, …
	Origin py.Object // the runtime class (list) or nil for special forms
	Args   py.Tuple  // nil when unsubscripted
	minor  int       // CPython minor version (reprs differ)
	params int       // number of parameters (-1: variadic)
	form   bool      // a special form (Any, Union, Optional, …)
}

// Type returns typing._GenericAlias or typing._SpecialForm.
func (a *Alias) Type() *py.Type {
	if a.form && a.Args == nil {
		return SpecialFormType
	}
	return GenericAliasType
}

// TypeVar is a typing.TypeVar.
type TypeVar struct {
	Name                     string
	Bound                    py.Object
	Constraints              py.Tuple
	Covariant, Contravariant bool
}

// Type returns typing.TypeVar.
func (v *TypeVar) Type() *py.Type { return TypeVarType }

// Repr returns ~T (+T covariant, -T contravariant).
func (v *TypeVar) Repr(*pyexec.Thread) (string, error) {
	switch {
	case v.Covariant:
		return "+" + v.Name, nil
	case v.Contravariant:
		return "-" + v.Name, nil
	}
	return "~" + v.Name, nil
}

// GetAttr returns __name__, __bound__, __constraints__, __covariant__ and
// __contravariant__.
func (v *TypeVar) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "__name__":
		return py.String(v.Name), true, nil
	case "__bound__":
		return v.Bound, true, nil
	case "__constraints__":
		return v.Constraints, true, nil
	case "__covariant__":
		return py.NewBool(v.Covariant), true, nil
	case "__contravariant__":
		return py.NewBool(v.Contravariant), true, nil
	case "__module__":
		return py.String("typing"), true, nil
	}
	return nil, false, nil
}

// typeRepr is typing's _type_repr: classes by qualified name (builtins
// unqualified), ... as is, None as NoneType, the rest by repr.
func typeRepr(t *pyexec.Thread, o py.Object) (string, error) {
	switch x := o.(type) {
	case *py.Type:
		if x == py.NoneTypeType {
			return "NoneType", nil
		}
		r, err := pyexec.Repr(t, x)
		if err != nil {
			return "", err
		}
		// <class 'mod.Name'> → mod.Name, builtins unqualified.
		r = strings.TrimSuffix(strings.TrimPrefix(r, "<class '"), "'>")
		return strings.TrimPrefix(r, "builtins."), nil
	case py.NoneType:
		return "None", nil
	}
	if o == py.Ellipsis {
		return "...", nil
	}
	if l, ok := o.(*py.List); ok {
		parts := make([]string, len(l.Items))
		for i, it := range l.Items {
			s, err := typeRepr(t, it)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	return pyexec.Repr(t, o)
}

// Repr returns typing.Name or typing.Name[args].
func (a *Alias) Repr(t *pyexec.Thread) (string, error) {
	if a.Args == nil {
		return "typing." + a.Name, nil
	}
	args := a.Args
	name := a.Name
	if name == "Union" && a.minor >= 9 && len(args) == 2 {
		for i, x := range args {
			if x == py.Object(py.NoneTypeType) {
				name, args = "Optional", py.Tuple{args[1-i]}
				break
			}
		}
	}
	if name == "Callable" && len(args) > 0 {
		ps := args[:len(args)-1]
		var first string
		if len(ps) == 1 && ps[0] == py.Ellipsis {
			first = "..."
		} else {
			parts := make([]string, len(ps))
			for i, p := range ps {
				s, err := typeRepr(t, p)
				if err != nil {
					return "", err
				}
				parts[i] = s
			}
			first = "[" + strings.Join(parts, ", ") + "]"
		}
		r, err := typeRepr(t, args[len(args)-1])
		if err != nil {
			return "", err
		}
		return "typing.Callable[" + first + ", " + r + "]", nil
	}
	parts := make([]string, len(args))
	for i, x := range args {
		s, err := typeRepr(t, x)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	if name == "Tuple" && len(args) == 0 {
		parts = []string{"()"}
	}
	return "typing." + name + "[" + strings.Join(parts, ", ") + "]", nil
}

// GetAttr returns __origin__, __args__ and the alias name.
func (a *Alias) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "__origin__":
		if a.Args == nil {
			return nil, false, nil
		}
		if a.Origin == nil {
			return &Alias{Name: a.Name, minor: a.minor, params: a.params, form: true}, true, nil
		}
		return a.Origin, true, nil
	case "__args__":
		if a.Args == nil {
			return nil, false, nil
		}
		return a.Args, true, nil
	case "_name", "__name__":
		return py.String(a.Name), true, nil
	case "__module__":
		return py.String("typing"), true, nil
	}
	return nil, false, nil
}

// PyEqual compares aliases by origin and arguments (Union ignoring order).
func (a *Alias) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	b, ok := other.(*Alias)
	if !ok {
		return false, false, nil
	}
	if a.Name != b.Name || (a.Args == nil) != (b.Args == nil) || len(a.Args) != len(b.Args) {
		return false, true, nil
	}
	if a.Name == "Union" {
		for _, x := range a.Args {
			found := false
			for _, y := range b.Args {
				if eq, err := pyexec.Equal(t, x, y); err != nil {
					return false, true, err
				} else if eq {
					found = true
					break
				}
			}
			if !found {
				return false, true, nil
			}
		}
		return true, true, nil
	}
	eq, err := pyexec.Equal(t, a.Args, b.Args)
	return eq, true, err
}

// Call makes an instance of the origin class (List() is an error in
// CPython; calling a subscripted alias instantiates the origin).
func (a *Alias) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if a.Origin == nil || a.Args == nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Type %s cannot be instantiated; use %s() instead", a.Name, strings.ToLower(a.Name))
	}
	return pyexec.CallKw(t, a.Origin, args, kw)
}

// convert is typing's _type_convert: None becomes NoneType, str a
// ForwardRef (kept as the str here).
func convert(o py.Object) py.Object {
	if pyexec.IsNone(o) {
		return py.NoneTypeType
	}
	return o
}

// PyGetItem subscribes the alias.
func (a *Alias) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	if a.Args != nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s is not a generic class", mustRepr(t, a))
	}
	var args py.Tuple
	if tup, ok := key.(py.Tuple); ok {
		args = append(args, tup...)
	} else {
		args = py.Tuple{key}
	}
	if a.Name == "Callable" {
		if len(args) != 2 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Callable must be used as Callable[[arg, ...], result].")
		}
		var flat py.Tuple
		if l, ok := args[0].(*py.List); ok {
			for _, x := range l.Items {
				flat = append(flat, convert(x))
			}
		} else {
			flat = py.Tuple{args[0]}
		}
		return &Alias{Name: a.Name, Origin: a.Origin, Args: append(flat, convert(args[1])), minor: a.minor}, nil
	}
	for i, x := range args {
		args[i] = convert(x)
	}
	switch a.Name {
	case "Any":
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "typing.Any is not subscriptable")
	case "Optional":
		if len(args) != 1 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "typing.Optional requires a single type.")
		}
		return union(t, a.minor, py.Tuple{args[0], py.NoneTypeType})
	case "Union":
		return union(t, a.minor, args)
	}
	if a.params > 0 && len(args) != a.params && !(a.Name == "Tuple") {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Too %s arguments for %s; actual %d, expected %d",
			map[bool]string{true: "many", false: "few"}[len(args) > a.params], mustRepr(t, a), len(args), a.params)
	}
	return &Alias{Name: a.Name, Origin: a.Origin, Args: args, minor: a.minor, form: a.form}, nil
}

func mustRepr(t *pyexec.Thread, o py.Object) string {
	s, err := pyexec.Repr(t, o)
	if err != nil {
		return "?"
	}
	return s
}

// union flattens nested unions, removes duplicates and collapses a single
// argument to itself.
func union(t *pyexec.Thread, minor int, args py.Tuple) (py.Object, error) {
	var flat py.Tuple
	for _, x := range args {
		if u, ok := x.(*Alias); ok && u.Name == "Union" && u.Args != nil {
			flat = append(flat, u.Args...)
		} else {
			flat = append(flat, x)
		}
	}
	var out py.Tuple
	for _, x := range flat {
		dup := false
		for _, y := range out {
			if eq, err := pyexec.Equal(t, x, y); err != nil {
				return nil, err
			} else if eq {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return &Alias{Name: "Union", Args: out, minor: minor, form: true}, nil
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	minor := t.Version().Minor
	m := pyexec.NewModule(t, "typing")
	forms := []string{"Any", "Union", "Optional", "ClassVar", "Final", "NoReturn"}
	if minor >= 8 {
		forms = append(forms, "Literal")
	}
	for _, n := range forms {
		m.Set(t, n, &Alias{Name: n, minor: minor, form: true})
	}
	aliases := []struct {
		name   string
		origin py.Object
		params int
	}{
		{"List", py.ListType, 1}, {"Dict", pyexec.DictType, 2}, {"Tuple", py.TupleType, -1},
		{"Set", pyexec.SetType, 1}, {"FrozenSet", pyexec.FrozenSetType, 1}, {"Type", py.TypeType, 1},
		{"Callable", nil, -1}, {"Iterable", nil, 1}, {"Iterator", nil, 1}, {"Generator", nil, 3},
		{"Mapping", nil, 2}, {"MutableMapping", nil, 2}, {"Sequence", nil, 1}, {"MutableSequence", nil, 1},
		{"AbstractSet", nil, 1}, {"MutableSet", nil, 1}, {"Collection", nil, 1}, {"Container", nil, 1},
		{"Hashable", nil, 0}, {"Sized", nil, 0}, {"Reversible", nil, 1}, {"DefaultDict", nil, 2},
		{"OrderedDict", nil, 2}, {"Counter", nil, 1}, {"Deque", nil, 1}, {"ChainMap", nil, 2},
		{"Awaitable", nil, 1}, {"Coroutine", nil, 3}, {"AsyncIterable", nil, 1}, {"AsyncIterator", nil, 1},
		{"ItemsView", nil, 2}, {"KeysView", nil, 1}, {"ValuesView", nil, 1}, {"ContextManager", nil, 1},
		{"Pattern", nil, 1}, {"Match", nil, 1},
	}
	for _, a := range aliases {
		m.Set(t, a.name, &Alias{Name: a.name, Origin: a.origin, minor: minor, params: a.params})
	}
	m.Set(t, "Text", py.StringType)
	m.Set(t, "AnyStr", &TypeVar{Name: "AnyStr", Bound: py.None, Constraints: py.Tuple{py.BytesType, py.StringType}})
	m.Set(t, "TYPE_CHECKING", py.False)
	generic, err := newGeneric(t)
	if err != nil {
		return nil, err
	}
	m.Set(t, "Generic", generic)
	m.Set(t, "TypeVar", TypeVarType)
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"cast": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, err := pyexec.BindArgs("cast", args, kw, []string{"typ", "val"}, 2)
			if err != nil {
				return nil, err
			}
			return a[1], nil
		},
		"get_origin": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("get_origin", args, kw, 1, 1); err != nil {
				return nil, err
			}
			if a, ok := args[0].(*Alias); ok && a.Args != nil {
				v, _, err := a.GetAttr(t, "__origin__")
				return v, err
			}
			return py.None, nil
		},
		"get_args": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("get_args", args, kw, 1, 1); err != nil {
				return nil, err
			}
			if a, ok := args[0].(*Alias); ok && a.Args != nil {
				if a.Name == "Callable" && len(a.Args) > 0 {
					ps := a.Args[:len(a.Args)-1]
					return py.Tuple{&py.List{Items: append([]py.Object(nil), ps...)}, a.Args[len(a.Args)-1]}, nil
				}
				return a.Args, nil
			}
			return py.Tuple{}, nil
		},
		"overload": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("overload", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return args[0], nil
		},
		"no_type_check": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("no_type_check", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return args[0], nil
		},
	})
	return m, nil
}

// NewTypeVar is TypeVar(name, *constraints, bound=None, covariant=False,
// contravariant=False).
func NewTypeVar(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos < 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "TypeVar() missing required argument 'name' (pos 1)")
	}
	name, ok := args[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "TypeVar name must be a string")
	}
	v := &TypeVar{Name: string(name), Bound: py.None, Constraints: py.Tuple{}}
	if npos == 2 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "A single constraint is not allowed")
	}
	for _, c := range args[1:npos] {
		v.Constraints = append(v.Constraints, convert(c))
	}
	for i, k := range kw {
		val := args[npos+i]
		switch string(k.(py.String)) {
		case "bound":
			if !pyexec.IsNone(val) {
				v.Bound = convert(val)
			}
		case "covariant":
			v.Covariant, _ = pyexec.Truth(t, val)
		case "contravariant":
			v.Contravariant, _ = pyexec.Truth(t, val)
		default:
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "TypeVar() got an unexpected keyword argument '%s'", string(k.(py.String)))
		}
	}
	if v.Covariant && v.Contravariant {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Bivariant types are not supported.")
	}
	if len(v.Constraints) > 0 && !pyexec.IsNone(v.Bound) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Constraints cannot be combined with bound=...")
	}
	return v, nil
}

func init() { pyexec.SetTypeCtor(TypeVarType, NewTypeVar) }

// newGeneric returns typing.Generic: a class whose subscription (as a base,
// Generic[T], or of a subclass, G[int]) returns the class itself, so that
// generic classes work as plain classes.
func newGeneric(t *pyexec.Thread) (py.Object, error) {
	ns := pyexec.NewDict(2)
	_ = ns.SetItem(t, py.String("__module__"), py.String("typing"))
	_ = ns.SetItem(t, py.String("__slots__"), py.Tuple{})
	_ = ns.SetItem(t, py.String("__class_getitem__"), &pyexec.ClassMethod{Func: &pyexec.Builtin{Name: "__class_getitem__",
		Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "__class_getitem__ needs a class")
			}
			return args[0], nil
		}}})
	return pyexec.NewClass(t, nil, "Generic", nil, ns)
}
