package collectionsmod

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true, "await": true,
	"break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true, "else": true, "except": true,
	"finally": true, "for": true, "from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true, "return": true, "try": true,
	"while": true, "with": true, "yield": true,
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)))) {
			return false
		}
	}
	return s != ""
}

func pyStrRepr(t *pyexec.Thread, s string) string {
	r, _ := pyexec.Repr(t, py.String(s))
	return r
}

// namedtuple builds a tuple subclass with named fields.
func namedtuple(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("namedtuple", args, kw, []string{"typename", "field_names", "$rename", "$defaults", "$module"}, 2)
	if err != nil {
		return nil, err
	}
	tn, err := pyexec.Str(t, a[0])
	if err != nil {
		return nil, err
	}
	var names []py.Object
	if s, ok := a[1].(py.String); ok {
		for _, f := range strings.Fields(strings.ReplaceAll(string(s), ",", " ")) {
			names = append(names, py.String(f))
		}
	} else {
		items, err := pyexec.Collect(t, a[1])
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			s, err := pyexec.Str(t, it)
			if err != nil {
				return nil, err
			}
			names = append(names, py.String(s))
		}
	}
	rename := false
	if a[2] != nil {
		if rename, err = pyexec.Truth(t, a[2]); err != nil {
			return nil, err
		}
	}
	fields := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		f := string(n.(py.String))
		if rename && (!isIdentifier(f) || keywords[f] || strings.HasPrefix(f, "_") || seen[f]) {
			f = fmt.Sprintf("_%d", i)
		}
		seen[f] = true
		fields[i] = f
	}
	for _, n := range append([]string{tn}, fields...) {
		if !isIdentifier(n) {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Type names and field names must be valid identifiers: %s", pyStrRepr(t, n))
		}
		if keywords[n] {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Type names and field names cannot be a keyword: %s", pyStrRepr(t, n))
		}
	}
	seen = map[string]bool{}
	for _, n := range fields {
		if strings.HasPrefix(n, "_") && !rename {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Field names cannot start with an underscore: %s", pyStrRepr(t, n))
		}
		if seen[n] {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Encountered duplicate field name: %s", pyStrRepr(t, n))
		}
		seen[n] = true
	}
	var defaults []py.Object
	if a[3] != nil && !pyexec.IsNone(a[3]) {
		if defaults, err = pyexec.Collect(t, a[3]); err != nil {
			return nil, err
		}
		if len(defaults) > len(fields) {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Got more default values than field names")
		}
	}
	module := py.Object(py.String("__main__"))
	if a[4] != nil && !pyexec.IsNone(a[4]) {
		module = a[4]
	}
	nt := &ntSpec{name: tn, fields: fields, defaults: defaults}
	return nt.build(t, module)
}

type ntSpec struct {
	name     string
	fields   []string
	defaults []py.Object
	cls      *py.Type
}

func (nt *ntSpec) build(t *pyexec.Thread, module py.Object) (py.Object, error) {
	ns := pyexec.NewDict(16)
	set := func(k string, v py.Object) { _ = ns.SetItem(t, py.String(k), v) }
	fieldTuple := make(py.Tuple, len(nt.fields))
	for i, f := range nt.fields {
		fieldTuple[i] = py.String(f)
	}
	fd := pyexec.NewDict(len(nt.defaults))
	off := len(nt.fields) - len(nt.defaults)
	for i, d := range nt.defaults {
		_ = fd.SetItem(t, py.String(nt.fields[off+i]), d)
	}
	set("__module__", module)
	set("__doc__", py.String(nt.name+"("+strings.Join(nt.fields, ", ")+")"))
	set("__slots__", py.Tuple{})
	set("_fields", fieldTuple)
	set("_field_defaults", fd)
	set("__match_args__", fieldTuple)
	set("__new__", &pyexec.StaticMethod{Func: &ntNew{nt}})
	set("_make", &pyexec.ClassMethod{Func: &pyexec.Builtin{Name: "_make", Fn: nt.make}})
	meth := func(name string, fn pyexec.MethodFunc) {
		set(name, &pyexec.Method{Name: name, Owner: py.ObjectType, Fn: fn})
	}
	meth("__repr__", nt.repr)
	meth("_asdict", nt.asdict)
	meth("_replace", nt.replace)
	meth("__getnewargs__", func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return py.Tuple(append(py.Tuple{}, tupleOf(self)...)), nil
	})
	for i, f := range nt.fields {
		i := i
		set(f, &pyexec.Property{Name: f, Doc: py.String(fmt.Sprintf("Alias for field number %d", i)), Get: &pyexec.Builtin{Name: f, Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if len(args) != 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected 1 argument, got %d", len(args))
			}
			tup := tupleOf(args[0])
			if i >= len(tup) {
				return nil, pyexec.Errorf(pyexec.IndexErrorType, "tuple index out of range")
			}
			return tup[i], nil
		}}})
	}
	cls, err := pyexec.NewClass(t, nil, nt.name, py.Tuple{py.TupleType}, ns)
	if err != nil {
		return nil, err
	}
	nt.cls = cls.(*py.Type)
	return cls, nil
}

// ntNew is a namedtuple class's __new__ (a callable that is not a
// *pyexec.Builtin, so that the class machinery treats it as user code).
type ntNew struct{ nt *ntSpec }

// Type returns builtin_function_or_method.
func (n *ntNew) Type() *py.Type { return pyexec.BuiltinType }

// Call binds the fields and builds the tuple.
func (n *ntNew) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return n.nt.new(t, args, kw)
}

// Repr is <built-in method __new__>.
func (n *ntNew) Repr(*pyexec.Thread) (string, error) { return "<built-in method __new__>", nil }

func tupleOf(o py.Object) py.Tuple {
	if in, ok := o.(*pyexec.Instance); ok {
		o = in.Value()
	}
	tup, _ := o.(py.Tuple)
	return tup
}

// tupleNew is tuple.__new__(cls, items).
func tupleNew(t *pyexec.Thread, cls py.Object, items py.Tuple) (py.Object, error) {
	tn, err := pyexec.GetAttr(t, py.TupleType, "__new__")
	if err != nil {
		return nil, err
	}
	return pyexec.Call(t, tn, []py.Object{cls, items}, nil)
}

func quoteList(names []string) string {
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

// new is __new__(_cls, field...), binding arguments as the generated
// Python function does.
func (nt *ntSpec) new(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	fn := nt.name + ".__new__()"
	npos := len(args) - len(kw)
	if npos < 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s missing 1 required positional argument: '_cls'", fn)
	}
	cls := args[0]
	n := len(nt.fields)
	nreq := n - len(nt.defaults)
	pos := args[1:npos]
	if len(pos) > n {
		if len(nt.defaults) > 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s takes from %d to %d positional arguments but %d were given", fn, nreq+1, n+1, len(pos)+1)
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s takes %d positional arguments but %d were given", fn, n+1, len(pos)+1)
	}
	vals := make(py.Tuple, n)
	copy(vals, pos)
	for i, k := range kw {
		name := string(k.(py.String))
		idx := -1
		for j, f := range nt.fields {
			if f == name {
				idx = j
			}
		}
		if idx < 0 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s got an unexpected keyword argument '%s'", fn, name)
		}
		if vals[idx] != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s got multiple values for argument '%s'", fn, name)
		}
		vals[idx] = args[npos+i]
	}
	var missing []string
	for i := 0; i < n; i++ {
		if vals[i] == nil {
			if i >= nreq {
				vals[i] = nt.defaults[i-nreq]
			} else {
				missing = append(missing, nt.fields[i])
			}
		}
	}
	if len(missing) > 0 {
		s := "s"
		if len(missing) == 1 {
			s = ""
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s missing %d required positional argument%s: %s", fn, len(missing), s, quoteList(missing))
	}
	return tupleNew(t, cls, vals)
}

func (nt *ntSpec) make(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("_make", args, kw, []string{"cls", "iterable"}, 2)
	if err != nil {
		return nil, err
	}
	items, err := pyexec.Collect(t, a[1])
	if err != nil {
		return nil, err
	}
	if len(items) != len(nt.fields) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Expected %d arguments, got %d", len(nt.fields), len(items))
	}
	return tupleNew(t, a[0], items)
}

func (nt *ntSpec) repr(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	tup := tupleOf(self)
	parts := make([]string, len(nt.fields))
	for i, f := range nt.fields {
		if i >= len(tup) {
			break
		}
		s, err := pyexec.Repr(t, tup[i])
		if err != nil {
			return nil, err
		}
		parts[i] = f + "=" + s
	}
	return py.String(pyexec.TypeOf(self).Name + "(" + strings.Join(parts, ", ") + ")"), nil
}

func (nt *ntSpec) asdict(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	tup := tupleOf(self)
	d := pyexec.NewDict(len(nt.fields))
	for i, f := range nt.fields {
		if i < len(tup) {
			_ = d.SetItem(t, py.String(f), tup[i])
		}
	}
	return d, nil
}

func (nt *ntSpec) replace(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) != len(kw) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s._replace() takes 1 positional argument but %d were given", nt.name, len(args)-len(kw)+1)
	}
	vals := append(py.Tuple{}, tupleOf(self)...)
	var extra []py.Object
	for i, k := range kw {
		idx := -1
		for j, f := range nt.fields {
			if f == string(k.(py.String)) {
				idx = j
			}
		}
		if idx < 0 {
			extra = append(extra, k)
			continue
		}
		vals[idx] = args[i]
	}
	if len(extra) > 0 {
		s, _ := pyexec.Repr(t, &py.List{Items: extra})
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "Got unexpected field names: %s", s)
	}
	return tupleNew(t, pyexec.TypeOf(self), vals)
}

// NewNamedTuple returns a new namedtuple class, as
// collections.namedtuple(name, fields, module=module) builds it, for
// modules that return named tuples (urllib.parse's ParseResult, …).
func NewNamedTuple(t *pyexec.Thread, name string, fields []string, module string) (*py.Type, error) {
	nt := &ntSpec{name: name, fields: fields}
	if _, err := nt.build(t, py.String(module)); err != nil {
		return nil, err
	}
	return nt.cls, nil
}

// NewNamedTupleValue returns an instance of a class made by NewNamedTuple.
func NewNamedTupleValue(t *pyexec.Thread, cls *py.Type, items py.Tuple) (py.Object, error) {
	return tupleNew(t, cls, items)
}
