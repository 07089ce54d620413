// Package enummod implements CPython's enum module for pyexec: the EnumType
// (EnumMeta) metaclass, Enum, IntEnum, Flag, IntFlag (and, from 3.11,
// ReprEnum and StrEnum), auto and unique, with the reprs, str() and
// format() of each CPython version.
//
// Enum classes are pyexec user classes whose metaclass is EnumType, so
// payload classes derive from them as in CPython: a class statement runs
// EnumType.__new__ (CreateClass), and cloudpickle's _make_skeleton_enum
// rebuilds a pickled enum through the same function. Members are instances
// of the enum class holding _name_ and _value_ (and the built-in payload for
// mixed-in types such as int); they are also stored in the class namespace.
package enummod

import (
	"math/bits"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
	"github.com/pybridge/pybridge/pyexec/stdlib/typesmod"
)

func init() { pyexec.RegisterModule("enum", newModule) }

// mod is the per-thread state of an imported enum module.
type mod struct {
	minor                     int
	meta                      *py.Type // EnumType / EnumMeta
	enum, flag                *py.Type
	intEnum, intFlag, strEnum *py.Type
	reprEnum                  *py.Type // nil before 3.11
	auto                      *py.Type
}

// attr is one class namespace entry (converted to pyclass.Attr by attrs).
type attr struct {
	Name  string
	Value py.Object
}

func attrs(as []attr) []pyclass.Attr {
	out := make([]pyclass.Attr, len(as))
	for i, a := range as {
		out[i] = pyclass.Attr{Name: a.Name, Value: a.Value}
	}
	return out
}

func errorf(typ *py.Type, format string, a ...any) error { return pyexec.Errorf(typ, format, a...) }

func str(t *pyexec.Thread, o py.Object) string {
	s, err := pyexec.Str(t, o)
	if err != nil {
		return "?"
	}
	return s
}

func repr(t *pyexec.Thread, o py.Object) (string, error) { return pyexec.Repr(t, o) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := &mod{minor: t.Version().Minor}
	mo := pyexec.NewModule(t, "enum")
	metaName := "EnumMeta"
	if m.minor >= 11 {
		metaName = "EnumType"
	}
	var err error
	if m.meta, err = pyclass.New(t, nil, "enum", metaName, py.Tuple{py.TypeType}, attrs(m.metaAttrs())...); err != nil {
		return nil, err
	}
	if m.enum, err = pyclass.New(t, m.meta, "enum", "Enum", nil, attrs(m.enumAttrs())...); err != nil {
		return nil, err
	}
	mixin := m.enum
	if m.minor >= 11 {
		if m.reprEnum, err = pyclass.New(t, m.meta, "enum", "ReprEnum", py.Tuple{m.enum}); err != nil {
			return nil, err
		}
		mixin = m.reprEnum
	}
	if m.intEnum, err = pyclass.New(t, m.meta, "enum", "IntEnum", py.Tuple{py.IntType, mixin}); err != nil {
		return nil, err
	}
	if m.flag, err = pyclass.New(t, m.meta, "enum", "Flag", py.Tuple{m.enum}, attrs(m.flagAttrs())...); err != nil {
		return nil, err
	}
	ifBases := py.Tuple{py.IntType, m.flag}
	if m.minor >= 11 {
		ifBases = py.Tuple{py.IntType, m.reprEnum, m.flag}
	}
	if m.intFlag, err = pyclass.New(t, m.meta, "enum", "IntFlag", ifBases, attrs(m.intFlagAttrs())...); err != nil {
		return nil, err
	}
	if m.auto, err = pyclass.New(t, nil, "enum", "auto", nil, attrs(m.autoAttrs())...); err != nil {
		return nil, err
	}
	for _, c := range []*py.Type{m.meta, m.enum, m.intEnum, m.flag, m.intFlag, m.auto} {
		mo.Set(t, c.Name, c)
	}
	mo.Set(t, "EnumMeta", m.meta)
	if m.minor >= 11 {
		mo.Set(t, "EnumType", m.meta)
		mo.Set(t, "ReprEnum", m.reprEnum)
		if m.strEnum, err = pyclass.New(t, m.meta, "enum", "StrEnum", py.Tuple{py.StringType, m.reprEnum}, attrs(m.strEnumAttrs())...); err != nil {
			return nil, err
		}
		mo.Set(t, "StrEnum", m.strEnum)
	}
	mo.Set(t, "unique", &pyexec.Builtin{Name: "unique", Fn: m.unique})
	return mo, nil
}

// ---------------------------------------------------------------------------
// Class data.

// info is the per-class member bookkeeping kept in the class namespace.
type info struct {
	names      *py.List     // _member_names_ (canonical members, definition order)
	byName     *pyexec.Dict // _member_map_ (aliases included)
	byValue    *pyexec.Dict // _value2member_map_
	memberType *py.Type     // _member_type_
}

func classInfo(t *pyexec.Thread, cls *py.Type) (*info, error) {
	in := &info{memberType: py.ObjectType}
	var ok bool
	if in.names, ok = pyclass.Get(t, cls, "_member_names_").(*py.List); !ok {
		return nil, errorf(pyexec.TypeErrorType, "%s is not an enum class", cls.Name)
	}
	if in.byName, ok = pyclass.Get(t, cls, "_member_map_").(*pyexec.Dict); !ok {
		return nil, errorf(pyexec.TypeErrorType, "%s is not an enum class", cls.Name)
	}
	if in.byValue, ok = pyclass.Get(t, cls, "_value2member_map_").(*pyexec.Dict); !ok {
		return nil, errorf(pyexec.TypeErrorType, "%s is not an enum class", cls.Name)
	}
	if mt, ok := pyclass.Get(t, cls, "_member_type_").(*py.Type); ok {
		in.memberType = mt
	}
	return in, nil
}

func (in *info) members(t *pyexec.Thread) []py.Object {
	out := make([]py.Object, 0, len(in.names.Items))
	for _, n := range in.names.Items {
		if v, ok, _ := in.byName.Get(t, n); ok {
			out = append(out, v)
		}
	}
	return out
}

func memberAttr(t *pyexec.Thread, m py.Object, name string) py.Object {
	if d, ok := pyexec.InstanceDict(m); ok {
		if v, ok := d.GetStr(t, name); ok {
			return v
		}
	}
	return py.None
}

func nameOf(t *pyexec.Thread, m py.Object) py.Object  { return memberAttr(t, m, "_name_") }
func valueOf(t *pyexec.Thread, m py.Object) py.Object { return memberAttr(t, m, "_value_") }

// payload returns the built-in value of a member of a mixed-in enum.
func payload(m py.Object) py.Object {
	if in, ok := m.(*pyexec.Instance); ok {
		return in.Value()
	}
	return nil
}

func (m *mod) isFlag(cls *py.Type) bool { return pyexec.IsSubtype(cls, m.flag) }
func (m *mod) isReprEnum(cls *py.Type) bool {
	return m.reprEnum != nil && pyexec.IsSubtype(cls, m.reprEnum)
}

func selfType(self py.Object) *py.Type { return pyexec.TypeOf(self) }

func asType(o py.Object) (*py.Type, error) {
	c, ok := o.(*py.Type)
	if !ok {
		return nil, errorf(pyexec.TypeErrorType, "expected an enum class, not %s", pyexec.TypeName(o))
	}
	return c, nil
}

// ---------------------------------------------------------------------------
// Class creation.

func isDunder(s string) bool {
	return len(s) > 4 && strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__") && s[2] != '_' && s[len(s)-3] != '_'
}

func isSunder(s string) bool {
	return len(s) > 2 && s[0] == '_' && s[len(s)-1] == '_' && s[1] != '_' && s[len(s)-2] != '_'
}

func isPrivate(cls, s string) bool {
	p := "_" + strings.TrimLeft(cls, "_") + "__"
	return strings.HasPrefix(s, p) && !strings.HasSuffix(s, "__")
}

func (m *mod) isDescriptor(t *pyexec.Thread, v py.Object) bool {
	switch x := v.(type) {
	case *pyexec.Function, *pyexec.Method, *pyexec.ClassMethod, *pyexec.StaticMethod, *pyexec.Property, *pyclass.Func:
		return true
	case *py.Type:
		return m.minor >= 13
	default:
		typ := pyexec.TypeOf(x)
		if pyexec.IsUserClass(typ) {
			for _, n := range []string{"__get__", "__set__", "__delete__"} {
				if pyclass.Get(t, typ, n) != nil {
					return true
				}
			}
		}
	}
	return false
}

// dataTypes are the built-in types an enum can mix in.
var dataTypes = map[*py.Type]bool{
	py.IntType: true, py.StringType: true, py.FloatType: true, py.TupleType: true, py.BytesType: true,
}

// CreateClass is EnumType.__new__(meta, name, bases, body): the enum class
// whose members are body's entries that are not dunder, sunder or private
// names nor descriptors. body keeps the definition order.
func (m *mod) CreateClass(t *pyexec.Thread, meta py.Object, name string, bases py.Tuple, body *pyexec.Dict) (*py.Type, error) {
	type item struct {
		name  string
		value py.Object
	}
	var items []item
	ns := pyexec.NewDict(body.Len())
	var ignore map[string]bool
	if ig, ok := body.GetStr(t, "_ignore_"); ok {
		ignore = map[string]bool{}
		var names []py.Object
		if s, ok := ig.(py.String); ok {
			for _, f := range strings.Fields(strings.ReplaceAll(string(s), ",", " ")) {
				names = append(names, py.String(f))
			}
		} else if xs, err := pyexec.Collect(t, ig); err == nil {
			names = xs
		}
		for _, n := range names {
			if s, ok := n.(py.String); ok {
				ignore[string(s)] = true
			}
		}
	}
	var err error
	body.Items(func(k, v py.Object) bool {
		ks, ok := k.(py.String)
		if !ok {
			err = ns.SetItem(t, k, v)
			return err == nil
		}
		s := string(ks)
		switch {
		case s == "_ignore_" || ignore[s]:
		case isDunder(s) || isSunder(s) || isPrivate(name, s) || m.isDescriptor(t, v):
			err = ns.SetItem(t, k, v)
		default:
			for _, it := range items {
				if it.name == s {
					err = errorf(pyexec.TypeErrorType, "Attempted to reuse key: '%s'", s)
					return false
				}
			}
			items = append(items, item{s, v})
		}
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	for _, b := range bases {
		if bt, ok := b.(*py.Type); ok && pyexec.IsSubtype(bt, m.enum) {
			if bi, err := classInfo(t, bt); err == nil && len(bi.names.Items) > 0 {
				if m.minor >= 12 {
					return nil, errorf(pyexec.TypeErrorType, "<enum '%s'> cannot extend <enum '%s'>", name, bt.Name)
				}
				return nil, errorf(pyexec.TypeErrorType, "%s: cannot extend enumeration '%s'", name, bt.Name)
			}
		}
	}
	customNew, _ := body.GetStr(t, "__new__")
	if _, ok := customNew.(*pyexec.Function); !ok {
		customNew = nil
	}
	clsObj, err := pyexec.NewClass(t, meta, name, bases, ns)
	if err != nil {
		return nil, err
	}
	cls := clsObj.(*py.Type)
	in := &info{names: &py.List{}, byName: pyexec.NewDict(len(items)), byValue: pyexec.NewDict(len(items)), memberType: py.ObjectType}
	for _, b := range cls.Mro {
		if bt, ok := b.(*py.Type); ok && dataTypes[bt] {
			in.memberType = bt
			break
		}
	}
	for k, v := range map[string]py.Object{
		"_member_names_": in.names, "_member_map_": in.byName, "_value2member_map_": in.byValue,
		"_member_type_": in.memberType,
	} {
		if err := pyclass.Set(t, cls, k, v); err != nil {
			return nil, err
		}
	}
	isFlag := m.isFlag(cls)
	var lastValues []py.Object
	for i, it := range items {
		value := it.value
		if pyexec.TypeOf(value) == m.auto {
			if value, err = m.nextValue(t, cls, it.name, i, lastValues, isFlag); err != nil {
				return nil, err
			}
			if d, ok := pyexec.InstanceDict(it.value); ok {
				_ = d.SetItem(t, py.String("value"), value)
			}
		}
		lastValues = append(lastValues, value)
		if err := m.addMember(t, cls, in, it.name, value, customNew); err != nil {
			return nil, err
		}
	}
	if isFlag {
		var mask int64
		for _, mem := range in.members(t) {
			if v, ok, _ := pyexec.AsIndex(valueOf(t, mem)); ok {
				mask |= v
			}
		}
		if err := pyclass.Set(t, cls, "_flag_mask_", pyexec.MakeInt(mask)); err != nil {
			return nil, err
		}
	}
	return cls, nil
}

// nextValue resolves auto(): _generate_next_value_(name, start, count,
// last_values).
func (m *mod) nextValue(t *pyexec.Thread, cls *py.Type, name string, count int, last []py.Object, isFlag bool) (py.Object, error) {
	if g := pyclass.Get(t, cls, "_generate_next_value_"); g != nil {
		if _, builtin := g.(*pyexec.StaticMethod); !builtin {
			f, err := pyexec.GetAttr(t, cls, "_generate_next_value_")
			if err != nil {
				return nil, err
			}
			return pyexec.Call(t, f, []py.Object{py.String(name), pyexec.MakeInt(1), pyexec.MakeInt(int64(count)), &py.List{Items: append([]py.Object(nil), last...)}}, nil)
		}
	}
	if m.strEnum != nil && pyexec.IsSubtype(cls, m.strEnum) {
		return py.String(strings.ToLower(name)), nil
	}
	if isFlag {
		var high int64
		for _, v := range last {
			if n, ok, _ := pyexec.AsIndex(v); ok && n > high {
				high = n
			}
		}
		if high == 0 {
			return pyexec.MakeInt(1), nil
		}
		return pyexec.MakeInt(int64(1) << bits.Len64(uint64(high))), nil
	}
	for i := len(last) - 1; i >= 0; i-- {
		if r, err := pyexec.BinaryOp(t, pyexec.OpAdd, last[i], pyexec.MakeInt(1)); err == nil {
			return r, nil
		}
	}
	return pyexec.MakeInt(1), nil
}

// addMember creates member name = value of cls (or records an alias).
func (m *mod) addMember(t *pyexec.Thread, cls *py.Type, in *info, name string, value, customNew py.Object) error {
	var args []py.Object
	if tup, ok := value.(py.Tuple); ok {
		args = append(args, tup...)
	} else {
		args = []py.Object{value}
	}
	if in.memberType == py.TupleType {
		args = []py.Object{py.Tuple(args)}
	}
	var member py.Object
	var err error
	switch {
	case customNew != nil:
		member, err = pyexec.Call(t, customNew, append([]py.Object{cls}, args...), nil)
	case in.memberType == py.ObjectType:
		member, err = pyexec.NewInstance(t, cls)
	default:
		var pv py.Object
		if pv, err = pyexec.Call(t, in.memberType, args, nil); err == nil {
			member, err = pyexec.NewInstanceValue(t, cls, pv)
		}
	}
	if err != nil {
		return err
	}
	d, ok := pyexec.InstanceDict(member)
	if !ok {
		return errorf(pyexec.TypeErrorType, "enum member %s has no __dict__", name)
	}
	if _, has := d.GetStr(t, "_value_"); !has {
		v := value
		if in.memberType != py.ObjectType {
			if v, err = pyexec.Call(t, in.memberType, args, nil); err != nil {
				return err
			}
		}
		if err := d.SetItem(t, py.String("_value_"), v); err != nil {
			return err
		}
	}
	if err := d.SetItem(t, py.String("_name_"), py.String(name)); err != nil {
		return err
	}
	if init, ok := pyclass.Get(t, cls, "__init__").(*pyexec.Function); ok {
		if _, err := pyexec.Call(t, init, append([]py.Object{member}, args...), nil); err != nil {
			return err
		}
	}
	mv := valueOf(t, member)
	// An alias shares the value of an earlier member.
	var canonical py.Object
	for _, prev := range in.members(t) {
		if eq, err := pyexec.Equal(t, valueOf(t, prev), mv); err != nil {
			return err
		} else if eq {
			canonical = prev
			break
		}
	}
	if canonical != nil {
		member = canonical
	} else {
		in.names.Items = append(in.names.Items, py.String(name))
		if _, err := pyexec.Hash(t, mv); err == nil {
			if _, has, _ := in.byValue.Get(t, mv); !has {
				if err := in.byValue.SetItem(t, mv, member); err != nil {
					return err
				}
			}
		}
	}
	if err := in.byName.SetItem(t, py.String(name), member); err != nil {
		return err
	}
	return pyclass.Set(t, cls, name, member)
}

// lookup is EnumType.__call__(cls, value) / Enum.__new__(cls, value).
func (m *mod) lookup(t *pyexec.Thread, cls *py.Type, value py.Object) (py.Object, error) {
	if pyexec.IsInstance(value, cls) {
		return value, nil
	}
	in, err := classInfo(t, cls)
	if err != nil {
		return nil, err
	}
	if _, err := pyexec.Hash(t, value); err == nil {
		if v, ok, err := in.byValue.Get(t, value); err != nil {
			return nil, err
		} else if ok {
			return v, nil
		}
	}
	for _, mem := range in.members(t) {
		if eq, err := pyexec.Equal(t, valueOf(t, mem), value); err != nil {
			return nil, err
		} else if eq {
			return mem, nil
		}
	}
	missing, err := pyexec.GetAttr(t, cls, "_missing_")
	if err != nil {
		return nil, err
	}
	r, err := pyexec.Call(t, missing, []py.Object{value}, nil)
	if err != nil {
		return nil, err
	}
	if pyexec.IsInstance(r, cls) {
		return r, nil
	}
	vr, err := repr(t, value)
	if err != nil {
		return nil, err
	}
	cname := cls.Name
	if m.minor >= 9 && cls.Qualname != "" {
		cname = cls.Qualname
	}
	if !pyexec.IsNone(r) {
		rr, _ := repr(t, r)
		return nil, errorf(pyexec.TypeErrorType, "error in %s._missing_: returned %s instead of None or a valid member", cls.Name, rr)
	}
	return nil, errorf(pyexec.ValueErrorType, "%s is not a valid %s", vr, cname)
}

// functional is the functional API: Enum('Name', names).
func (m *mod) functional(t *pyexec.Thread, cls *py.Type, name py.Object, names py.Object, start int64) (py.Object, error) {
	ns, ok := name.(py.String)
	if !ok {
		return nil, errorf(pyexec.TypeErrorType, "enum name must be a str")
	}
	body := pyexec.NewDict(0)
	isFlag := m.isFlag(cls)
	autoValue := func(i int) py.Object {
		if isFlag {
			return pyexec.MakeInt(int64(1) << uint(i))
		}
		return pyexec.MakeInt(start + int64(i))
	}
	if s, ok := names.(py.String); ok {
		names = nil
		var l []py.Object
		for _, f := range strings.Fields(strings.ReplaceAll(string(s), ",", " ")) {
			l = append(l, py.String(f))
		}
		names = &py.List{Items: l}
	}
	if d, ok := names.(*pyexec.Dict); ok {
		if err := body.Update(t, d); err != nil {
			return nil, err
		}
	} else {
		items, err := pyexec.Collect(t, names)
		if err != nil {
			return nil, err
		}
		for i, it := range items {
			if s, ok := it.(py.String); ok {
				if err := body.SetItem(t, s, autoValue(i)); err != nil {
					return nil, err
				}
				continue
			}
			pair, err := pyexec.Collect(t, it)
			if err != nil || len(pair) != 2 {
				return nil, errorf(pyexec.TypeErrorType, "enum member definitions must be names or (name, value) pairs")
			}
			if err := body.SetItem(t, pair[0], pair[1]); err != nil {
				return nil, err
			}
		}
	}
	return m.CreateClass(t, pyexec.TypeOf(cls), string(ns), py.Tuple{cls}, body)
}

// ---------------------------------------------------------------------------
// The metaclass.

func (m *mod) metaAttrs() []attr {
	return []attr{
		{"__new__", pyclass.StaticMethod("__new__", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			npos := len(args) - len(kw)
			if npos != 4 {
				return nil, errorf(pyexec.TypeErrorType, "EnumType.__new__() takes 4 positional arguments")
			}
			name, ok1 := args[1].(py.String)
			bases, ok2 := args[2].(py.Tuple)
			body, ok3 := args[3].(*pyexec.Dict)
			if !ok1 || !ok2 || !ok3 {
				return nil, errorf(pyexec.TypeErrorType, "EnumType.__new__(metacls, name, bases, classdict)")
			}
			return m.CreateClass(t, args[0], string(name), bases, body)
		})},
		{"__call__", pyclass.Method("__call__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			a, err := pyexec.BindArgs("__call__", args, kw, []string{"value", "names", "$module", "$qualname", "$type", "$start", "$boundary"}, 0)
			if err != nil {
				return nil, err
			}
			if a[1] != nil && !pyexec.IsNone(a[1]) {
				start := int64(1)
				if a[5] != nil {
					start, _, _ = pyexec.AsIndex(a[5])
				}
				c, err := m.functional(t, cls, a[0], a[1], start)
				if err != nil {
					return nil, err
				}
				ct := c.(*py.Type)
				if a[0] != nil {
					_ = pyclass.Set(t, ct, "__qualname__", a[0])
				}
				if a[2] != nil {
					_ = pyclass.Set(t, ct, "__module__", a[2])
				}
				if a[3] != nil {
					if q, ok := a[3].(py.String); ok {
						ct.Qualname = string(q)
					}
				}
				return c, nil
			}
			if a[0] == nil {
				return nil, errorf(pyexec.TypeErrorType, "%s() missing 1 required positional argument: 'value'", "EnumType.__call__")
			}
			return m.lookup(t, cls, a[0])
		})},
		{"__getitem__", pyclass.Method("__getitem__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__getitem__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			in, err := classInfo(t, cls)
			if err != nil {
				return nil, err
			}
			v, ok, err := in.byName.Get(t, args[0])
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, pyexec.NewException(pyexec.KeyErrorType, args[0])
			}
			return v, nil
		})},
		{"__iter__", pyclass.Method("__iter__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return m.iterMembers(t, self, false)
		})},
		{"__reversed__", pyclass.Method("__reversed__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return m.iterMembers(t, self, true)
		})},
		{"__len__", pyclass.Method("__len__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			in, err := classInfo(t, cls)
			if err != nil {
				return pyexec.MakeInt(0), nil
			}
			return pyexec.MakeInt(int64(len(in.names.Items))), nil
		})},
		{"__bool__", pyclass.Method("__bool__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.True, nil
		})},
		{"__contains__", pyclass.Method("__contains__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__contains__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			in, err := classInfo(t, cls)
			if err != nil {
				return nil, err
			}
			x := args[0]
			if pyexec.IsInstance(x, cls) {
				_, ok, err := in.byName.Get(t, nameOf(t, x))
				return py.NewBool(ok), err
			}
			if m.minor >= 12 {
				for _, mem := range in.members(t) {
					if eq, err := pyexec.Equal(t, valueOf(t, mem), x); err != nil || eq {
						return py.NewBool(eq), err
					}
				}
				return py.False, nil
			}
			return nil, errorf(pyexec.TypeErrorType, "unsupported operand type(s) for 'in': '%s' and '%s'", pyexec.TypeName(x), pyexec.TypeOf(cls).Name)
		})},
		{"__repr__", pyclass.Method("__repr__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			if m.minor >= 12 && m.isFlag(cls) {
				return py.String("<flag '" + cls.Name + "'>"), nil
			}
			return py.String("<enum '" + cls.Name + "'>"), nil
		})},
		{"__setattr__", pyclass.Method("__setattr__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__setattr__", args, kw, 2, 2); err != nil {
				return nil, err
			}
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			name, ok := args[0].(py.String)
			if !ok {
				return nil, errorf(pyexec.TypeErrorType, "attribute name must be string, not '%s'", pyexec.TypeName(args[0]))
			}
			if in, err := classInfo(t, cls); err == nil {
				if _, isMember, _ := in.byName.Get(t, name); isMember {
					if m.minor >= 11 {
						return nil, errorf(pyexec.AttributeErrorType, "cannot reassign member '%s'", string(name))
					}
					return nil, errorf(pyexec.AttributeErrorType, "Cannot reassign members.")
				}
			}
			switch name {
			case "__qualname__", "__name__":
				s, ok := args[1].(py.String)
				if !ok {
					return nil, errorf(pyexec.TypeErrorType, "can only assign string to %s.%s, not '%s'", cls.Name, string(name), pyexec.TypeName(args[1]))
				}
				if name == "__name__" {
					cls.Name = string(s)
				} else {
					cls.Qualname = string(s)
				}
				return py.None, nil
			}
			return py.None, pyclass.Set(t, cls, string(name), args[1])
		})},
		{"__members__", pyclass.Property("__members__", func(t *pyexec.Thread, self py.Object) (py.Object, error) {
			cls, err := asType(self)
			if err != nil {
				return nil, err
			}
			in, err := classInfo(t, cls)
			if err != nil {
				return nil, err
			}
			return &typesmod.MappingProxy{D: in.byName}, nil
		})},
	}
}

func (m *mod) iterMembers(t *pyexec.Thread, self py.Object, reverse bool) (py.Object, error) {
	cls, err := asType(self)
	if err != nil {
		return nil, err
	}
	in, err := classInfo(t, cls)
	if err != nil {
		return nil, err
	}
	ms := in.members(t)
	if reverse {
		for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
			ms[i], ms[j] = ms[j], ms[i]
		}
	}
	return pyexec.Iterate(t, &py.List{Items: ms})
}

// ---------------------------------------------------------------------------
// Enum.

func (m *mod) enumAttrs() []attr {
	return []attr{
		{"__new__", pyclass.StaticMethod("Enum.__new__", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 2 || len(kw) != 0 {
				return nil, errorf(pyexec.TypeErrorType, "Enum.__new__() takes 2 positional arguments")
			}
			cls, err := asType(args[0])
			if err != nil {
				return nil, err
			}
			return m.lookup(t, cls, args[1])
		})},
		{"__repr__", pyclass.Method("__repr__", m.memberRepr)},
		{"__str__", pyclass.Method("__str__", m.memberStr)},
		{"__format__", pyclass.Method("__format__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__format__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			spec, ok := args[0].(py.String)
			if !ok {
				return nil, errorf(pyexec.TypeErrorType, "argument to __format__ must be str")
			}
			var v py.Object
			if p := payload(self); p != nil && (m.minor < 12 || m.isReprEnum(selfType(self)) || pyclass.Get(t, selfType(self), "__str__") == pyclass.Get(t, m.enum, "__str__")) {
				if m.minor >= 12 && !m.isReprEnum(selfType(self)) {
					s, err := m.memberStr(t, self, nil, nil)
					if err != nil {
						return nil, err
					}
					v = s
				} else {
					v = p
				}
			} else {
				s, err := pyexec.Str(t, self)
				if err != nil {
					return nil, err
				}
				v = py.String(s)
			}
			s, err := pyexec.Format(t, v, string(spec))
			return py.String(s), err
		})},
		{"__hash__", pyclass.Method("__hash__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			var h int64
			var err error
			if p := payload(self); p != nil {
				h, err = pyexec.Hash(t, p)
			} else {
				h, err = pyexec.Hash(t, nameOf(t, self))
			}
			return pyexec.MakeInt(h), err
		})},
		{"__reduce_ex__", pyclass.Method("__reduce_ex__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.Tuple{selfType(self), py.Tuple{valueOf(t, self)}}, nil
		})},
		{"name", pyclass.Property("name", func(t *pyexec.Thread, self py.Object) (py.Object, error) { return nameOf(t, self), nil })},
		{"value", pyclass.Property("value", func(t *pyexec.Thread, self py.Object) (py.Object, error) { return valueOf(t, self), nil })},
		{"_missing_", pyclass.ClassMethod("_missing_", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, nil
		})},
	}
}

// className is the class name reprs and str() use.
func className(self py.Object) string { return selfType(self).Name }

func (m *mod) memberRepr(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	cls := selfType(self)
	if m.isFlag(cls) {
		return m.flagRepr(t, self, true)
	}
	v := valueOf(t, self)
	if p := payload(self); p != nil {
		v = p
	}
	vr, err := repr(t, v)
	if err != nil {
		return nil, err
	}
	return py.String("<" + cls.Name + "." + str(t, nameOf(t, self)) + ": " + vr + ">"), nil
}

func (m *mod) memberStr(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	cls := selfType(self)
	if m.isReprEnum(cls) {
		if p := payload(self); p != nil {
			s, err := pyexec.Str(t, p)
			return py.String(s), err
		}
	}
	if m.isFlag(cls) {
		return m.flagRepr(t, self, false)
	}
	return py.String(className(self) + "." + str(t, nameOf(t, self))), nil
}

// ---------------------------------------------------------------------------
// Flag and IntFlag.

func intValue(t *pyexec.Thread, o py.Object) (int64, bool) {
	v, ok, err := pyexec.AsIndex(valueOf(t, o))
	return v, ok && err == nil
}

// flagNames returns the members a flag value decomposes into, as the
// version's repr lists them.
func (m *mod) flagNames(t *pyexec.Thread, cls *py.Type, value int64) ([]py.Object, error) {
	in, err := classInfo(t, cls)
	if err != nil {
		return nil, err
	}
	var out []py.Object
	if m.minor >= 11 {
		for _, mem := range in.members(t) {
			if v, ok := intValue(t, mem); ok && v != 0 && v&(v-1) == 0 && value&v == v {
				out = append(out, mem)
			}
		}
		return out, nil
	}
	for _, mem := range in.members(t) {
		if v, ok := intValue(t, mem); ok && v != 0 && v&value == v {
			out = append(out, mem)
		}
	}
	// Descending value; drop the member equal to the whole value when it
	// has a breakdown.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0; j-- {
			a, _ := intValue(t, out[j-1])
			b, _ := intValue(t, out[j])
			if a < b {
				out[j-1], out[j] = out[j], out[j-1]
			}
		}
	}
	if len(out) > 1 {
		if v, _ := intValue(t, out[0]); v == value {
			out = out[1:]
		}
	}
	return out, nil
}

func (m *mod) flagRepr(t *pyexec.Thread, self py.Object, isRepr bool) (py.Object, error) {
	cls := selfType(self)
	value, _ := intValue(t, self)
	name := nameOf(t, self)
	var label string
	if s, ok := name.(py.String); ok {
		label = string(s)
	} else {
		ms, err := m.flagNames(t, cls, value)
		if err != nil {
			return nil, err
		}
		parts := make([]string, len(ms))
		for i, mem := range ms {
			parts[i] = str(t, nameOf(t, mem))
		}
		label = strings.Join(parts, "|")
		if m.minor < 11 && label == "" {
			label = str(t, pyexec.MakeInt(value))
		}
	}
	vr, err := repr(t, valueOf(t, self))
	if err != nil {
		return nil, err
	}
	if !isRepr {
		if m.minor >= 11 && label == "" {
			return py.String(cls.Name + "(" + vr + ")"), nil
		}
		return py.String(cls.Name + "." + label), nil
	}
	if m.minor >= 11 && label == "" {
		return py.String("<" + cls.Name + ": " + vr + ">"), nil
	}
	return py.String("<" + cls.Name + "." + label + ": " + vr + ">"), nil
}

// flagMissing creates the pseudo-member for a combination of flags.
func (m *mod) flagMissing(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) != 2 {
		return nil, errorf(pyexec.TypeErrorType, "_missing_() takes 1 argument")
	}
	cls, err := asType(args[0])
	if err != nil {
		return nil, err
	}
	value, ok, _ := pyexec.AsIndex(args[1])
	vr, _ := repr(t, args[1])
	if !ok {
		return nil, errorf(pyexec.ValueErrorType, "%s is not a valid %s", vr, cls.Name)
	}
	in, err := classInfo(t, cls)
	if err != nil {
		return nil, err
	}
	isInt := pyexec.IsSubtype(cls, m.intFlag)
	var mask int64
	for _, mem := range in.members(t) {
		if v, ok := intValue(t, mem); ok {
			mask |= v
		}
	}
	if !isInt && (value < 0 || value&^mask != 0) {
		cname := cls.Name
		if m.minor >= 9 && cls.Qualname != "" {
			cname = cls.Qualname
		}
		return nil, errorf(pyexec.ValueErrorType, "%s is not a valid %s", vr, cname)
	}
	var member py.Object
	if in.memberType == py.ObjectType {
		member, err = pyexec.NewInstance(t, cls)
	} else {
		member, err = pyexec.NewInstanceValue(t, cls, pyexec.MakeInt(value))
	}
	if err != nil {
		return nil, err
	}
	d, _ := pyexec.InstanceDict(member)
	_ = d.SetItem(t, py.String("_value_"), pyexec.MakeInt(value))
	var name py.Object = py.None
	if m.minor >= 11 && value != 0 {
		ms, err := m.flagNames(t, cls, value)
		if err != nil {
			return nil, err
		}
		parts := make([]string, len(ms))
		covered := int64(0)
		for i, mem := range ms {
			parts[i] = str(t, nameOf(t, mem))
			v, _ := intValue(t, mem)
			covered |= v
		}
		if covered == value && len(parts) > 0 {
			name = py.String(strings.Join(parts, "|"))
		}
	}
	_ = d.SetItem(t, py.String("_name_"), name)
	if err := in.byValue.SetItem(t, pyexec.MakeInt(value), member); err != nil {
		return nil, err
	}
	return member, nil
}

func (m *mod) flagBinary(op int, reflected bool) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyclass.Args("flag operator", args, kw, 1, 1); err != nil {
			return nil, err
		}
		cls := selfType(self)
		a, _ := intValue(t, self)
		var b int64
		other := args[0]
		switch {
		case pyexec.IsInstance(other, cls):
			b, _ = intValue(t, other)
		case pyexec.IsSubtype(cls, m.intFlag) && pyexec.IsInt(other):
			v, ok, err := pyexec.AsIndex(other)
			if err != nil || !ok {
				return pyexec.NotImplemented, err
			}
			b = v
		default:
			return pyexec.NotImplemented, nil
		}
		var r int64
		switch op {
		case pyexec.OpOr:
			r = a | b
		case pyexec.OpAnd:
			r = a & b
		default:
			r = a ^ b
		}
		_ = reflected
		return m.lookup(t, cls, pyexec.MakeInt(r))
	}
}

func (m *mod) flagAttrs() []attr {
	attrs := []attr{
		{"_missing_", pyclass.ClassMethod("_missing_", m.flagMissing)},
		{"__or__", pyclass.Method("__or__", m.flagBinary(pyexec.OpOr, false))},
		{"__and__", pyclass.Method("__and__", m.flagBinary(pyexec.OpAnd, false))},
		{"__xor__", pyclass.Method("__xor__", m.flagBinary(pyexec.OpXor, false))},
		{"__invert__", pyclass.Method("__invert__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			cls := selfType(self)
			v, _ := intValue(t, self)
			var mask int64
			if in, err := classInfo(t, cls); err == nil {
				for _, mem := range in.members(t) {
					if mv, ok := intValue(t, mem); ok {
						mask |= mv
					}
				}
			}
			return m.lookup(t, cls, pyexec.MakeInt(mask&^v))
		})},
		{"__bool__", pyclass.Method("__bool__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			v, _ := intValue(t, self)
			return py.NewBool(v != 0), nil
		})},
		{"__contains__", pyclass.Method("__contains__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyclass.Args("__contains__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			cls := selfType(self)
			if !pyexec.IsInstance(args[0], cls) {
				return nil, errorf(pyexec.TypeErrorType, "unsupported operand type(s) for 'in': '%s' and '%s'", pyexec.TypeName(args[0]), cls.Name)
			}
			a, _ := intValue(t, self)
			b, _ := intValue(t, args[0])
			return py.NewBool(a&b == b), nil
		})},
	}
	if m.minor >= 11 {
		attrs = append(attrs,
			attr{Name: "__iter__", Value: pyclass.Method("__iter__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				v, _ := intValue(t, self)
				ms, err := m.flagNames(t, selfType(self), v)
				if err != nil {
					return nil, err
				}
				return pyexec.Iterate(t, &py.List{Items: ms})
			})},
			attr{Name: "__len__", Value: pyclass.Method("__len__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				v, _ := intValue(t, self)
				return pyexec.MakeInt(int64(bits.OnesCount64(uint64(v)))), nil
			})},
		)
	}
	return attrs
}

func (m *mod) intFlagAttrs() []attr {
	return []attr{
		{"__ror__", pyclass.Method("__ror__", m.flagBinary(pyexec.OpOr, true))},
		{"__rand__", pyclass.Method("__rand__", m.flagBinary(pyexec.OpAnd, true))},
		{"__rxor__", pyclass.Method("__rxor__", m.flagBinary(pyexec.OpXor, true))},
	}
}

func (m *mod) strEnumAttrs() []attr {
	return []attr{
		{"_generate_next_value_", pyclass.StaticMethod("_generate_next_value_", func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) < 1 {
				return nil, errorf(pyexec.TypeErrorType, "_generate_next_value_() missing name")
			}
			return py.String(strings.ToLower(str(t, args[0]))), nil
		})},
	}
}

// ---------------------------------------------------------------------------
// auto and unique.

func (m *mod) autoAttrs() []attr {
	return []attr{
		{"__repr__", pyclass.Method("__repr__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			v := memberAttr(t, self, "value")
			if pyexec.IsNone(v) {
				if m.minor >= 11 {
					return py.String("auto(<enum.auto object>)"), nil
				}
				return py.String("<enum.auto object>"), nil
			}
			r, err := repr(t, v)
			return py.String("auto(" + r + ")"), err
		})},
	}
}

func (m *mod) unique(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("unique", args, kw, 1, 1); err != nil {
		return nil, err
	}
	cls, err := asType(args[0])
	if err != nil {
		return nil, err
	}
	in, err := classInfo(t, cls)
	if err != nil {
		return nil, err
	}
	var dups []string
	in.byName.Items(func(k, v py.Object) bool {
		if n := str(t, nameOf(t, v)); n != str(t, k) {
			dups = append(dups, str(t, k)+" -> "+n)
		}
		return true
	})
	if len(dups) > 0 {
		r, _ := repr(t, cls)
		return nil, errorf(pyexec.ValueErrorType, "duplicate values found in %s: %s", r, strings.Join(dups, ", "))
	}
	return cls, nil
}
