package pyexec

import "github.com/go-python/gpython/py"

// DictBacked is a mapping implemented outside this package whose items live
// in a *Dict (collections.OrderedDict, defaultdict, Counter): dict(x),
// dict.update(x), {**x} and f(**x) read that dict.
type DictBacked interface {
	BackingDict() *Dict
}

// backingDict returns the dict behind a DictBacked value.
func backingDict(o py.Object) (*Dict, bool) {
	if x, ok := o.(DictBacked); ok {
		return x.BackingDict(), true
	}
	return nil, false
}

// nativeReversed calls the __reversed__ method that a type implemented
// outside this package registered with AddMethods.
func nativeReversed(t *Thread, o py.Object) (py.Object, bool, error) {
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
