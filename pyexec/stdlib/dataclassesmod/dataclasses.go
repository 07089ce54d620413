// Package dataclassesmod implements CPython's dataclasses module for pyexec:
// the dataclass decorator (with init, repr, eq, order, unsafe_hash and
// frozen), field, Field, fields, asdict, astuple, replace, is_dataclass,
// MISSING and FrozenInstanceError, plus the private classes cloudpickle
// payloads name (_DataclassParams, _FIELD_BASE, _MISSING_TYPE, _replace).
//
// Field, _DataclassParams and _FIELD_BASE are user classes with the
// __slots__ of each CPython version, so pickled instances of them rebuild
// through pickle's NEWOBJ and BUILD as in CPython. The decorator generates
// __init__, __repr__, __eq__, the order methods, __hash__ and the frozen
// __setattr__/__delattr__ as Go methods in the class namespace.
package dataclassesmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
	"github.com/pybridge/pybridge/pyexec/stdlib/typesmod"
)

func init() { pyexec.RegisterModule("dataclasses", newModule) }

// mod is the per-thread state of an imported dataclasses module.
type mod struct {
	minor                        int
	field, params, fieldBase     *py.Type
	missingType                  *py.Type
	missing                      py.Object
	fieldKind, classVar, initVar py.Object
	frozenError                  *py.Type
	paramNames                   []string
	fieldSlots                   []string
}

func errorf(typ *py.Type, format string, a ...any) error { return pyexec.Errorf(typ, format, a...) }

func strTuple(names []string) py.Tuple {
	out := make(py.Tuple, len(names))
	for i, n := range names {
		out[i] = py.String(n)
	}
	return out
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := &mod{minor: t.Version().Minor}
	mo := pyexec.NewModule(t, "dataclasses")
	m.fieldSlots = []string{"name", "type", "default", "default_factory", "repr", "hash", "init", "compare", "metadata"}
	if m.minor >= 10 {
		m.fieldSlots = append(m.fieldSlots, "kw_only")
	}
	m.fieldSlots = append(m.fieldSlots, "_field_type")
	m.paramNames = []string{"init", "repr", "eq", "order", "unsafe_hash", "frozen"}
	if m.minor >= 12 {
		m.paramNames = append(m.paramNames, "match_args", "kw_only", "slots", "weakref_slot")
	}
	var err error
	if m.missingType, err = pyclass.New(t, nil, "dataclasses", "_MISSING_TYPE", nil); err != nil {
		return nil, err
	}
	if m.missing, err = pyexec.NewInstance(t, m.missingType); err != nil {
		return nil, err
	}
	if m.fieldBase, err = pyclass.New(t, nil, "dataclasses", "_FIELD_BASE", nil,
		pyclass.Attr{Name: "__init__", Value: pyclass.Method("__init__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__init__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return py.None, pyexec.SetAttr(t, self, "name", args[0])
		})},
		pyclass.Attr{Name: "__repr__", Value: pyclass.Method("__repr__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.GetAttr(t, self, "name")
		})}); err != nil {
		return nil, err
	}
	mk := func(name string) (py.Object, error) {
		return pyexec.Call(t, m.fieldBase, []py.Object{py.String(name)}, nil)
	}
	if m.fieldKind, err = mk("_FIELD"); err != nil {
		return nil, err
	}
	if m.classVar, err = mk("_FIELD_CLASSVAR"); err != nil {
		return nil, err
	}
	if m.initVar, err = mk("_FIELD_INITVAR"); err != nil {
		return nil, err
	}
	if m.field, err = pyclass.New(t, nil, "dataclasses", "Field", nil,
		pyclass.Attr{Name: "__slots__", Value: strTuple(m.fieldSlots)},
		pyclass.Attr{Name: "__repr__", Value: pyclass.Method("__repr__", m.slotsRepr("Field", m.fieldSlots))}); err != nil {
		return nil, err
	}
	if m.params, err = pyclass.New(t, nil, "dataclasses", "_DataclassParams", nil,
		pyclass.Attr{Name: "__slots__", Value: strTuple(m.paramNames)},
		pyclass.Attr{Name: "__repr__", Value: pyclass.Method("__repr__", m.slotsRepr("_DataclassParams", m.paramNames))}); err != nil {
		return nil, err
	}
	if m.frozenError, err = pyclass.New(t, nil, "dataclasses", "FrozenInstanceError", py.Tuple{pyexec.AttributeErrorType}); err != nil {
		return nil, err
	}
	for _, c := range []*py.Type{m.missingType, m.fieldBase, m.field, m.params, m.frozenError} {
		mo.Set(t, c.Name, c)
	}
	mo.Set(t, "MISSING", m.missing)
	mo.Set(t, "_FIELD", m.fieldKind)
	mo.Set(t, "_FIELD_CLASSVAR", m.classVar)
	mo.Set(t, "_FIELD_INITVAR", m.initVar)
	mo.Set(t, "_FIELDS", py.String("__dataclass_fields__"))
	mo.Set(t, "_PARAMS", py.String("__dataclass_params__"))
	mo.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"dataclass": m.dataclass, "field": m.fieldFunc, "fields": m.fields, "asdict": m.asdict,
		"astuple": m.astuple, "replace": m.replace, "is_dataclass": m.isDataclass,
	})
	mo.Set(t, "_replace", pyclass.Method("_replace", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return m.replace(t, append([]py.Object{self}, args...), kw)
	}))
	return mo, nil
}

// slotsRepr is the repr of Field and _DataclassParams: Name(a=1,b=2).
func (m *mod) slotsRepr(name string, slots []string) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		var b strings.Builder
		b.WriteString(name + "(")
		for i, s := range slots {
			if i > 0 {
				b.WriteByte(',')
			}
			v, err := pyexec.GetAttr(t, self, s)
			if err != nil {
				return nil, err
			}
			r, err := pyexec.Repr(t, v)
			if err != nil {
				return nil, err
			}
			b.WriteString(s + "=" + r)
		}
		b.WriteByte(')')
		return py.String(b.String()), nil
	}
}

func (m *mod) newField(t *pyexec.Thread, vals map[string]py.Object) (py.Object, error) {
	f, err := pyexec.NewInstance(t, m.field)
	if err != nil {
		return nil, err
	}
	for _, s := range m.fieldSlots {
		v, ok := vals[s]
		if !ok {
			v = py.None
		}
		if err := pyexec.SetAttr(t, f, s, v); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (m *mod) fieldFunc(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	params := []string{"$default", "$default_factory", "$init", "$repr", "$hash", "$compare", "$metadata"}
	if m.minor >= 10 {
		params = append(params, "$kw_only")
	}
	a, err := pyexec.BindArgs("field", args, kw, params, 0)
	if err != nil {
		return nil, err
	}
	or := func(i int, d py.Object) py.Object {
		if i < len(a) && a[i] != nil {
			return a[i]
		}
		return d
	}
	vals := map[string]py.Object{
		"default": or(0, m.missing), "default_factory": or(1, m.missing), "init": or(2, py.True),
		"repr": or(3, py.True), "hash": or(4, py.None), "compare": or(5, py.True), "kw_only": or(7, m.missing),
	}
	if vals["default"] != m.missing && vals["default_factory"] != m.missing {
		return nil, errorf(pyexec.ValueErrorType, "cannot specify both default and default_factory")
	}
	md := or(6, py.None)
	if pyexec.IsNone(md) {
		md = pyexec.NewDict(0)
	}
	if d, ok := md.(*pyexec.Dict); ok {
		md = &typesmod.MappingProxy{D: d}
	}
	vals["metadata"] = md
	return m.newField(t, vals)
}

// ---------------------------------------------------------------------------
// Introspection.

// classFields returns __dataclass_fields__ of a dataclass or instance.
func classFields(t *pyexec.Thread, o py.Object) (*pyexec.Dict, bool) {
	cls, ok := o.(*py.Type)
	if !ok {
		cls = pyexec.TypeOf(o)
	}
	if !pyexec.IsUserClass(cls) {
		return nil, false
	}
	d, ok := pyclass.Get(t, cls, "__dataclass_fields__").(*pyexec.Dict)
	return d, ok
}

func (m *mod) fieldList(t *pyexec.Thread, d *pyexec.Dict, kinds ...py.Object) []py.Object {
	var out []py.Object
	d.Items(func(k, v py.Object) bool {
		ft, _ := pyexec.GetAttr(t, v, "_field_type")
		for _, kd := range kinds {
			if ft == kd {
				out = append(out, v)
				break
			}
		}
		return true
	})
	return out
}

func attrStr(t *pyexec.Thread, o py.Object, name string) string {
	v, err := pyexec.GetAttr(t, o, name)
	if err != nil {
		return ""
	}
	s, _ := v.(py.String)
	return string(s)
}

func attrTrue(t *pyexec.Thread, o py.Object, name string) bool {
	v, err := pyexec.GetAttr(t, o, name)
	if err != nil {
		return false
	}
	b, _ := pyexec.Truth(t, v)
	return b
}

func (m *mod) fields(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("fields", args, kw, 1, 1); err != nil {
		return nil, err
	}
	d, ok := classFields(t, args[0])
	if !ok {
		return nil, errorf(pyexec.TypeErrorType, "must be called with a dataclass type or instance")
	}
	return py.Tuple(m.fieldList(t, d, m.fieldKind)), nil
}

func (m *mod) isDataclass(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("is_dataclass", args, kw, 1, 1); err != nil {
		return nil, err
	}
	_, ok := classFields(t, args[0])
	return py.NewBool(ok), nil
}

func isDataclassInstance(t *pyexec.Thread, o py.Object) bool {
	if _, isType := o.(*py.Type); isType {
		return false
	}
	_, ok := classFields(t, o)
	return ok
}

// convert is asdict/astuple's recursion.
func (m *mod) convert(t *pyexec.Thread, o py.Object, asDict bool, factory py.Object) (py.Object, error) {
	// CPython's _asdict_inner recurses in Python: about two frames a level.
	if err := t.EnterFrames(2); err != nil {
		return nil, err
	}
	defer t.LeaveFrames(2)
	if isDataclassInstance(t, o) {
		d, _ := classFields(t, o)
		var items []py.Object
		for _, f := range m.fieldList(t, d, m.fieldKind) {
			name := attrStr(t, f, "name")
			v, err := pyexec.GetAttr(t, o, name)
			if err != nil {
				return nil, err
			}
			if v, err = m.convert(t, v, asDict, factory); err != nil {
				return nil, err
			}
			if asDict {
				items = append(items, py.Tuple{py.String(name), v})
			} else {
				items = append(items, v)
			}
		}
		return pyexec.Call(t, factory, []py.Object{&py.List{Items: items}}, nil)
	}
	switch x := o.(type) {
	case *py.List:
		out := make([]py.Object, len(x.Items))
		for i, it := range x.Items {
			v, err := m.convert(t, it, asDict, factory)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return &py.List{Items: out}, nil
	case py.Tuple:
		out := make(py.Tuple, len(x))
		for i, it := range x {
			v, err := m.convert(t, it, asDict, factory)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case *pyexec.Dict:
		out := pyexec.NewDict(x.Len())
		var err error
		x.Items(func(k, v py.Object) bool {
			var ck, cv py.Object
			if ck, err = m.convert(t, k, asDict, factory); err != nil {
				return false
			}
			if cv, err = m.convert(t, v, asDict, factory); err != nil {
				return false
			}
			err = out.SetItem(t, ck, cv)
			return err == nil
		})
		return out, err
	}
	return o, nil
}

func (m *mod) asdict(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("asdict", args, kw, []string{"obj", "$dict_factory"}, 1)
	if err != nil {
		return nil, err
	}
	if !isDataclassInstance(t, a[0]) {
		return nil, errorf(pyexec.TypeErrorType, "asdict() should be called on dataclass instances")
	}
	factory := a[1]
	if factory == nil {
		factory = pyexec.DictType
	}
	return m.convert(t, a[0], true, factory)
}

func (m *mod) astuple(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("astuple", args, kw, []string{"obj", "$tuple_factory"}, 1)
	if err != nil {
		return nil, err
	}
	if !isDataclassInstance(t, a[0]) {
		return nil, errorf(pyexec.TypeErrorType, "astuple() should be called on dataclass instances")
	}
	factory := a[1]
	if factory == nil {
		factory = py.TupleType
	}
	return m.convert(t, a[0], false, factory)
}

func (m *mod) replace(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos != 1 {
		return nil, errorf(pyexec.TypeErrorType, "replace() takes 1 positional argument but %d were given", npos)
	}
	obj := args[0]
	if !isDataclassInstance(t, obj) {
		return nil, errorf(pyexec.TypeErrorType, "replace() should be called on dataclass instances")
	}
	changes := map[string]py.Object{}
	for i, k := range kw {
		changes[string(k.(py.String))] = args[npos+i]
	}
	d, _ := classFields(t, obj)
	var names py.Tuple
	var vals []py.Object
	for _, f := range m.fieldList(t, d, m.fieldKind, m.initVar) {
		name := attrStr(t, f, "name")
		ft, _ := pyexec.GetAttr(t, f, "_field_type")
		if !attrTrue(t, f, "init") {
			if _, ok := changes[name]; ok {
				return nil, errorf(pyexec.ValueErrorType, "field %s is declared with init=False, it cannot be specified with replace()", name)
			}
			continue
		}
		v, ok := changes[name]
		if !ok {
			if ft == m.initVar {
				return nil, errorf(pyexec.ValueErrorType, "InitVar '%s' must be specified with replace()", name)
			}
			var err error
			if v, err = pyexec.GetAttr(t, obj, name); err != nil {
				return nil, err
			}
		}
		delete(changes, name)
		names = append(names, py.String(name))
		vals = append(vals, v)
	}
	for k, v := range changes {
		names = append(names, py.String(k))
		vals = append(vals, v)
	}
	return pyexec.CallKw(t, pyexec.TypeOf(obj), vals, names)
}
