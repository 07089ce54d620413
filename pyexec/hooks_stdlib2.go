package pyexec

import "github.com/go-python/gpython/py"

// DictBacked is a mapping implemented outside this package whose items live
// in a *Dict (collections.OrderedDict, defaultdict, Counter): dict(x),
// dict.update(x), {**x} and f(**x) read that dict.
type DictBacked interface {
	BackingDict() *Dict
}

// backingDict returns the dict behind a DictBacked value, or behind an
// instance of a user subclass of one.
func backingDict(o py.Object) (*Dict, bool) {
	if in, ok := o.(*Instance); ok && in.value != nil {
		// CPython copies a dict subclass's storage directly unless the
		// class overrides __iter__.
		if d, ok := in.value.(*Dict); ok && lookupUser(in.cls, "__iter__") == nil {
			return d, true
		}
		o = in.value
	}
	if x, ok := o.(DictBacked); ok {
		return x.BackingDict(), true
	}
	return nil, false
}

// nativeReversed calls the __reversed__ method that a type implemented
// outside this package registered with AddMethods.
func nativeReversed(t *Thread, o py.Object) (py.Object, bool, error) {
	if ut := userTypeOf(o); ut != nil {
		// An instance of a subclass of a built-in or native type without
		// its own __reversed__ reverses its payload.
		in, ok := o.(*Instance)
		if !ok || in.value == nil || lookupUser(ut, "__reversed__") != nil {
			return nil, false, nil
		}
		r, err := bReversed(t, []py.Object{in.value}, nil)
		return r, true, err
	}
	if classOf(TypeOf(o)) != nil {
		return nil, false, nil
	}
	m := lookupMethod(TypeOf(o), "__reversed__")
	if m == nil {
		return nil, false, nil
	}
	r, err := m.Fn(t, o, nil, nil)
	return r, true, err
}
