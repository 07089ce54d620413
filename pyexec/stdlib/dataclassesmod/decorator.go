package dataclassesmod

import (
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
)

// params are the decorator's arguments.
type params struct {
	init, repr, eq, order, unsafeHash, frozen, matchArgs, kwOnly bool
}

func (m *mod) dataclass(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	names := []string{"cls", "$init", "$repr", "$eq", "$order", "$unsafe_hash", "$frozen"}
	if m.minor >= 10 {
		names = append(names, "$match_args", "$kw_only", "$slots")
	}
	if m.minor >= 11 {
		names = append(names, "$weakref_slot")
	}
	a, err := pyexec.BindArgs("dataclass", args, kw, names, 0)
	if err != nil {
		return nil, err
	}
	flag := func(i int, def bool) (bool, error) {
		if i >= len(a) || a[i] == nil {
			return def, nil
		}
		return pyexec.Truth(t, a[i])
	}
	var p params
	for _, f := range []struct {
		dst *bool
		i   int
		def bool
	}{{&p.init, 1, true}, {&p.repr, 2, true}, {&p.eq, 3, true}, {&p.order, 4, false}, {&p.unsafeHash, 5, false},
		{&p.frozen, 6, false}, {&p.matchArgs, 7, true}, {&p.kwOnly, 8, false}} {
		if *f.dst, err = flag(f.i, f.def); err != nil {
			return nil, err
		}
	}
	if len(a) > 9 && a[9] != nil {
		if slots, _ := pyexec.Truth(t, a[9]); slots {
			return nil, errorf(pyexec.NotImplementedErrorType, "pybridge: dataclass(slots=True) is not supported")
		}
	}
	if a[0] == nil || pyexec.IsNone(a[0]) {
		return &pyexec.Builtin{Name: "wrap", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("wrap", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return m.process(t, args[0], p)
		}}, nil
	}
	return m.process(t, a[0], p)
}

// dfield is a field as the generated methods use it.
type dfield struct {
	name            string
	obj             py.Object
	def, factory    py.Object // nil when MISSING
	init, repr, cmp bool
	hash            bool
	kwOnly          bool
	kind            py.Object
}

func (m *mod) describe(t *pyexec.Thread, f py.Object) dfield {
	d := dfield{name: attrStr(t, f, "name"), obj: f, init: attrTrue(t, f, "init"), repr: attrTrue(t, f, "repr"), cmp: attrTrue(t, f, "compare")}
	if v, err := pyexec.GetAttr(t, f, "default"); err == nil && v != m.missing {
		d.def = v
	}
	if v, err := pyexec.GetAttr(t, f, "default_factory"); err == nil && v != m.missing {
		d.factory = v
	}
	if v, err := pyexec.GetAttr(t, f, "hash"); err == nil {
		if pyexec.IsNone(v) {
			d.hash = d.cmp
		} else {
			d.hash, _ = pyexec.Truth(t, v)
		}
	}
	if m.minor >= 10 {
		if v, err := pyexec.GetAttr(t, f, "kw_only"); err == nil && v != m.missing {
			d.kwOnly, _ = pyexec.Truth(t, v)
		}
	}
	d.kind, _ = pyexec.GetAttr(t, f, "_field_type")
	return d
}

func isClassVar(t *pyexec.Thread, typ py.Object) bool {
	if s, ok := typ.(py.String); ok {
		s := strings.TrimSpace(string(s))
		return strings.HasPrefix(s, "ClassVar") || strings.HasPrefix(s, "typing.ClassVar")
	}
	r, err := pyexec.Repr(t, typ)
	return err == nil && strings.HasPrefix(r, "typing.ClassVar")
}

func (m *mod) process(t *pyexec.Thread, clsObj py.Object, p params) (py.Object, error) {
	cls, ok := clsObj.(*py.Type)
	if !ok || !pyexec.IsUserClass(cls) {
		return nil, errorf(pyexec.TypeErrorType, "dataclass() should be called on a class")
	}
	if p.order && !p.eq {
		return nil, errorf(pyexec.ValueErrorType, "eq must be true if order is true")
	}
	cd, _ := pyexec.ClassDict(cls)
	fields := pyexec.NewDict(0)
	for i := len(cls.Mro) - 1; i >= 1; i-- {
		if b, ok := cls.Mro[i].(*py.Type); ok {
			if bd, ok := pyexec.ClassDict(b); ok {
				if bf, ok := bd.GetStr(t, "__dataclass_fields__"); ok {
					if bfd, ok := bf.(*pyexec.Dict); ok {
						if err := fields.Update(t, bfd); err != nil {
							return nil, err
						}
					}
				}
			}
		}
	}
	var anns *pyexec.Dict
	if a, ok := cd.GetStr(t, "__annotations__"); ok {
		anns, _ = a.(*pyexec.Dict)
	}
	if anns == nil {
		anns = pyexec.NewDict(0)
	}
	var ferr error
	anns.Items(func(k, typ py.Object) bool {
		name, ok := k.(py.String)
		if !ok {
			return true
		}
		var f py.Object
		def, has := cd.GetStr(t, string(name))
		if has && pyexec.TypeOf(def) == m.field {
			f = def
		} else {
			vals := map[string]py.Object{"default": m.missing, "default_factory": m.missing, "init": py.True, "repr": py.True,
				"hash": py.None, "compare": py.True, "kw_only": m.missing}
			if has {
				vals["default"] = def
			}
			md := &pyexec.Dict{}
			vals["metadata"] = md
			if f, ferr = m.fieldFunc(t, nil, nil); ferr != nil {
				return false
			}
			for k, v := range vals {
				if k == "metadata" || (k == "kw_only" && m.minor < 10) {
					continue
				}
				if ferr = pyexec.SetAttr(t, f, k, v); ferr != nil {
					return false
				}
			}
		}
		kind := m.fieldKind
		if isClassVar(t, typ) {
			kind = m.classVar
		}
		for k, v := range map[string]py.Object{"name": name, "type": typ, "_field_type": kind} {
			if ferr = pyexec.SetAttr(t, f, k, v); ferr != nil {
				return false
			}
		}
		if m.minor >= 10 {
			if kv, _ := pyexec.GetAttr(t, f, "kw_only"); kv == m.missing {
				if ferr = pyexec.SetAttr(t, f, "kw_only", py.NewBool(p.kwOnly)); ferr != nil {
					return false
				}
			}
		}
		if kind == m.fieldKind {
			dv, _ := pyexec.GetAttr(t, f, "default")
			switch dv.(type) {
			case *py.List, *pyexec.Dict, *pyexec.Set:
				if s, ok := dv.(*pyexec.Set); !ok || !s.Frozen {
					tr, _ := pyexec.Repr(t, pyexec.TypeOf(dv))
					ferr = errorf(pyexec.ValueErrorType, "mutable default %s for field %s is not allowed: use default_factory", tr, string(name))
					return false
				}
			}
		}
		if has && pyexec.TypeOf(def) == m.field {
			dv, _ := pyexec.GetAttr(t, f, "default")
			if dv == m.missing {
				_, _, ferr = cd.Delete(t, name)
			} else {
				ferr = cd.SetItem(t, name, dv)
			}
			if ferr != nil {
				return false
			}
		}
		ferr = fields.SetItem(t, name, f)
		return ferr == nil
	})
	if ferr != nil {
		return nil, ferr
	}
	cd.Items(func(k, v py.Object) bool {
		if pyexec.TypeOf(v) == m.field {
			if _, ok, _ := anns.Get(t, k); !ok {
				ferr = errorf(pyexec.TypeErrorType, "%s is a field but has no type annotation", reprStr(t, k))
				return false
			}
		}
		return true
	})
	if ferr != nil {
		return nil, ferr
	}
	if err := pyclass.Set(t, cls, "__dataclass_fields__", fields); err != nil {
		return nil, err
	}
	pobj, err := pyexec.NewInstance(t, m.params)
	if err != nil {
		return nil, err
	}
	pv := map[string]bool{"init": p.init, "repr": p.repr, "eq": p.eq, "order": p.order, "unsafe_hash": p.unsafeHash,
		"frozen": p.frozen, "match_args": p.matchArgs, "kw_only": p.kwOnly}
	for _, n := range m.paramNames {
		if err := pyexec.SetAttr(t, pobj, n, py.NewBool(pv[n])); err != nil {
			return nil, err
		}
	}
	if err := pyclass.Set(t, cls, "__dataclass_params__", pobj); err != nil {
		return nil, err
	}
	var all []dfield
	fields.Items(func(k, v py.Object) bool {
		all = append(all, m.describe(t, v))
		return true
	})
	var std []dfield // the data fields (_FIELD)
	for _, f := range all {
		if f.kind == m.fieldKind {
			std = append(std, f)
		}
	}
	qual := cls.Qualname
	if qual == "" {
		qual = cls.Name
	}
	setIfAbsent := func(name string, v py.Object) error {
		if _, ok := cd.GetStr(t, name); ok {
			return nil
		}
		return pyclass.Set(t, cls, name, v)
	}
	if p.init {
		var seenDefault string
		for _, f := range std {
			if !f.init || f.kwOnly {
				continue
			}
			if f.def != nil || f.factory != nil {
				seenDefault = f.name
			} else if seenDefault != "" {
				if m.minor >= 13 {
					return nil, errorf(pyexec.TypeErrorType, "non-default argument '%s' follows default argument '%s'", f.name, seenDefault)
				}
				return nil, errorf(pyexec.TypeErrorType, "non-default argument '%s' follows default argument", f.name)
			}
		}
		fname := "__init__"
		if m.minor >= 10 {
			fname = qual + ".__init__"
		}
		if err := pyclass.Set(t, cls, "__init__", pyclass.Method("__init__", m.initMethod(cls, fname, std, p.frozen))); err != nil {
			return nil, err
		}
	}
	if p.repr {
		if err := setIfAbsent("__repr__", pyclass.Method("__repr__", reprMethod(std))); err != nil {
			return nil, err
		}
	}
	if p.eq {
		if err := setIfAbsent("__eq__", pyclass.Method("__eq__", cmpMethod(std, pyexec.CmpEQ))); err != nil {
			return nil, err
		}
	}
	if p.order {
		for name, op := range map[string]int{"__lt__": pyexec.CmpLT, "__le__": pyexec.CmpLE, "__gt__": pyexec.CmpGT, "__ge__": pyexec.CmpGE} {
			if _, ok := cd.GetStr(t, name); ok {
				return nil, errorf(pyexec.TypeErrorType, "Cannot overwrite attribute %s in class %s. Consider using functools.total_ordering", name, cls.Name)
			}
			if err := pyclass.Set(t, cls, name, pyclass.Method(name, cmpMethod(std, op))); err != nil {
				return nil, err
			}
		}
	}
	if p.frozen {
		for _, name := range []string{"__setattr__", "__delattr__"} {
			if _, ok := cd.GetStr(t, name); ok {
				return nil, errorf(pyexec.TypeErrorType, "Cannot overwrite attribute %s in class %s", name, cls.Name)
			}
		}
		if err := pyclass.Set(t, cls, "__setattr__", pyclass.Method("__setattr__", m.frozenSet(cls, fields, false))); err != nil {
			return nil, err
		}
		if err := pyclass.Set(t, cls, "__delattr__", pyclass.Method("__delattr__", m.frozenSet(cls, fields, true))); err != nil {
			return nil, err
		}
	}
	classHash, hasHash := cd.GetStr(t, "__hash__")
	_, hasEq := cd.GetStr(t, "__eq__")
	explicit := hasHash && !(pyexec.IsNone(classHash) && hasEq)
	hashFn := pyclass.Method("__hash__", hashMethod(std))
	switch {
	case p.unsafeHash:
		if explicit {
			return nil, errorf(pyexec.TypeErrorType, "Cannot overwrite attribute __hash__ in class %s", cls.Name)
		}
		err = pyclass.Set(t, cls, "__hash__", hashFn)
	case p.eq && p.frozen:
		if !explicit {
			err = pyclass.Set(t, cls, "__hash__", hashFn)
		}
	case p.eq:
		if !explicit {
			err = pyclass.Set(t, cls, "__hash__", py.None)
		}
	}
	if err != nil {
		return nil, err
	}
	if m.minor >= 10 && p.matchArgs {
		var names py.Tuple
		for _, f := range std {
			if f.init && !f.kwOnly {
				names = append(names, py.String(f.name))
			}
		}
		if err := setIfAbsent("__match_args__", names); err != nil {
			return nil, err
		}
	}
	if m.minor >= 13 {
		if err := setIfAbsent("__replace__", pyclass.Method("__replace__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return m.replace(t, append([]py.Object{self}, args...), kw)
		})); err != nil {
			return nil, err
		}
	}
	return cls, nil
}

func reprStr(t *pyexec.Thread, o py.Object) string {
	s, err := pyexec.Repr(t, o)
	if err != nil {
		return "?"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// nameList formats missing argument names as CPython does: 'a', 'a' and
// 'b', 'a', 'b', and 'c'.
func nameList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " and " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + ", and " + q[len(q)-1]
}

// initMethod is the generated __init__.
func (m *mod) initMethod(cls *py.Type, fname string, fields []dfield, frozen bool) pyexec.MethodFunc {
	var pos, kwo []dfield
	for _, f := range fields {
		if !f.init {
			continue
		}
		if f.kwOnly {
			kwo = append(kwo, f)
		} else {
			pos = append(pos, f)
		}
	}
	required := 0
	for _, f := range pos {
		if f.def == nil && f.factory == nil {
			required++
		}
	}
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		npos := len(args) - len(kw)
		if npos > len(pos) {
			takes := strconv.Itoa(len(pos) + 1)
			if required < len(pos) {
				takes = "from " + strconv.Itoa(required+1) + " to " + takes
			}
			word := "positional arguments"
			if takes == "1" {
				word = "positional argument"
			}
			was := "were"
			if npos+1 == 1 {
				was = "was"
			}
			return nil, errorf(pyexec.TypeErrorType, "%s() takes %s %s but %d %s given", fname, takes, word, npos+1, was)
		}
		vals := map[string]py.Object{}
		for i := 0; i < npos; i++ {
			vals[pos[i].name] = args[i]
		}
		for i, k := range kw {
			name := string(k.(py.String))
			found := false
			for _, f := range append(pos[:len(pos):len(pos)], kwo...) {
				if f.name == name {
					found = true
				}
			}
			if !found {
				return nil, errorf(pyexec.TypeErrorType, "%s() got an unexpected keyword argument '%s'", fname, name)
			}
			if _, dup := vals[name]; dup {
				return nil, errorf(pyexec.TypeErrorType, "%s() got multiple values for argument '%s'", fname, name)
			}
			vals[name] = args[npos+i]
		}
		var missing, missingKw []string
		for _, f := range pos {
			if _, ok := vals[f.name]; !ok && f.def == nil && f.factory == nil {
				missing = append(missing, f.name)
			}
		}
		for _, f := range kwo {
			if _, ok := vals[f.name]; !ok && f.def == nil && f.factory == nil {
				missingKw = append(missingKw, f.name)
			}
		}
		if len(missing) > 0 {
			return nil, errorf(pyexec.TypeErrorType, "%s() missing %s: %s", fname, plural(len(missing), "required positional argument"), nameList(missing))
		}
		if len(missingKw) > 0 {
			return nil, errorf(pyexec.TypeErrorType, "%s() missing %s: %s", fname, plural(len(missingKw), "required keyword-only argument"), nameList(missingKw))
		}
		set := func(name string, v py.Object) error {
			if frozen {
				d, ok := pyexec.InstanceDict(self)
				if !ok {
					return errorf(pyexec.AttributeErrorType, "'%s' object has no __dict__", pyexec.TypeName(self))
				}
				return d.SetItem(t, py.String(name), v)
			}
			return pyexec.SetAttr(t, self, name, v)
		}
		for _, f := range fields {
			v, ok := vals[f.name]
			if !ok {
				switch {
				case f.factory != nil:
					var err error
					if v, err = pyexec.Call(t, f.factory, nil, nil); err != nil {
						return nil, err
					}
				case f.def != nil:
					v = f.def
				default:
					continue
				}
			}
			if err := set(f.name, v); err != nil {
				return nil, err
			}
		}
		if post, err := pyexec.GetAttr(t, self, "__post_init__"); err == nil {
			if _, err := pyexec.Call(t, post, nil, nil); err != nil {
				return nil, err
			}
		}
		return py.None, nil
	}
}

// reprMethod is the generated __repr__, with reprlib's recursion guard.
func reprMethod(fields []dfield) pyexec.MethodFunc {
	running := map[py.Object]bool{}
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if running[self] {
			return py.String("..."), nil
		}
		running[self] = true
		defer delete(running, self)
		typ := pyexec.TypeOf(self)
		q := typ.Qualname
		if q == "" {
			q = typ.Name
		}
		var b strings.Builder
		b.WriteString(q + "(")
		first := true
		for _, f := range fields {
			if !f.repr {
				continue
			}
			v, err := pyexec.GetAttr(t, self, f.name)
			if err != nil {
				return nil, err
			}
			r, err := pyexec.Repr(t, v)
			if err != nil {
				return nil, err
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			b.WriteString(f.name + "=" + r)
		}
		b.WriteByte(')')
		return py.String(b.String()), nil
	}
}

func fieldTuple(t *pyexec.Thread, o py.Object, fields []dfield, hash bool) (py.Tuple, error) {
	var out py.Tuple
	for _, f := range fields {
		if (hash && !f.hash) || (!hash && !f.cmp) {
			continue
		}
		v, err := pyexec.GetAttr(t, o, f.name)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// cmpMethod is the generated __eq__ or order method.
func cmpMethod(fields []dfield, op int) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyclass.Args("comparison", args, kw, 1, 1); err != nil {
			return nil, err
		}
		other := args[0]
		if pyexec.TypeOf(other) != pyexec.TypeOf(self) {
			return pyexec.NotImplemented, nil
		}
		a, err := fieldTuple(t, self, fields, false)
		if err != nil {
			return nil, err
		}
		b, err := fieldTuple(t, other, fields, false)
		if err != nil {
			return nil, err
		}
		r, err := pyexec.Compare(t, op, a, b)
		return py.NewBool(r), err
	}
}

func hashMethod(fields []dfield) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		tup, err := fieldTuple(t, self, fields, true)
		if err != nil {
			return nil, err
		}
		h, err := pyexec.Hash(t, tup)
		return pyexec.MakeInt(h), err
	}
}

// frozenSet is the generated __setattr__ (or __delattr__) of a frozen
// dataclass.
func (m *mod) frozenSet(cls *py.Type, fields *pyexec.Dict, del bool) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		n := 2
		if del {
			n = 1
		}
		if err := pyclass.Args("__setattr__", args, kw, n, n); err != nil {
			return nil, err
		}
		name, ok := args[0].(py.String)
		if !ok {
			return nil, errorf(pyexec.TypeErrorType, "attribute name must be string")
		}
		_, isField, _ := fields.Get(t, name)
		if pyexec.TypeOf(self) == cls || isField {
			verb := "assign to"
			if del {
				verb = "delete"
			}
			e, err := pyexec.Call(t, m.frozenError, []py.Object{py.String("cannot " + verb + " field '" + string(name) + "'")}, nil)
			if err != nil {
				return nil, err
			}
			if ee, ok := e.(error); ok {
				return nil, ee
			}
			return nil, errorf(pyexec.AttributeErrorType, "cannot %s field '%s'", verb, string(name))
		}
		d, ok := pyexec.InstanceDict(self)
		if !ok {
			return nil, errorf(pyexec.AttributeErrorType, "'%s' object has no attribute '%s'", pyexec.TypeName(self), string(name))
		}
		if del {
			_, _, err := d.Delete(t, name)
			return py.None, err
		}
		return py.None, d.SetItem(t, name, args[1])
	}
}
