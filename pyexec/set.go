package pyexec

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/htable"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// Set is Python's set (or frozenset when Frozen) on CPython's set table, so
// iteration order matches CPython's for the same hashes.
type Set struct {
	tab    *htable.Table[py.Object]
	Frozen bool
	// hasher hashes elements: the creating thread's, so that later
	// operations from any thread agree with the stored hashes.
	hasher *pyhash.Hasher
}

// NewSet returns an empty set for thread t's Python version.
func NewSet(t *Thread) *Set { return &Set{tab: htable.New[py.Object](t.minor()), hasher: t.hasher()} }

// hash hashes x with the set's hasher.
func (s *Set) hash(t *Thread, x py.Object) (int64, error) {
	if s.hasher == nil {
		s.hasher = t.hasher()
	}
	if str, ok := x.(py.String); ok {
		if t != nil {
			return t.strHash(s.hasher, string(str)), nil
		}
		return s.hasher.Str(string(str)), nil
	}
	return hashWith(t, s.hasher, x)
}

// Type returns set or frozenset.
func (s *Set) Type() *py.Type {
	if s.Frozen {
		return FrozenSetType
	}
	return SetType
}

// Len returns the number of elements.
func (s *Set) Len() int { return s.tab.Len() }

// eqFor returns the element equality of sets used by t: made once per
// thread, not once per operation.
func eqFor(t *Thread) htable.Eq[py.Object] {
	if t == nil {
		return func(a, b py.Object) (bool, error) { return keysEqual(nil, a, b) }
	}
	if t.setEq == nil {
		t.setEq = func(a, b py.Object) (bool, error) { return keysEqual(t, a, b) }
	}
	return t.setEq
}

// Add inserts x.
func (s *Set) Add(t *Thread, x py.Object) error {
	h, err := s.hash(t, x)
	if err != nil {
		return err
	}
	_, err = s.tab.Insert(h, x, eqFor(t))
	return err
}

// Contains reports whether x is an element.
func (s *Set) Contains(t *Thread, x py.Object) (bool, error) {
	h, err := s.hash(t, x)
	if err != nil {
		return false, err
	}
	return s.tab.Contains(h, x, eqFor(t))
}

// Discard removes x if present.
func (s *Set) Discard(t *Thread, x py.Object) (bool, error) {
	h, err := s.hash(t, x)
	if err != nil {
		return false, err
	}
	return s.tab.Delete(h, x, eqFor(t))
}

// Elems returns the elements in iteration order.
func (s *Set) Elems() []py.Object { return s.tab.Keys() }

// setBinary implements | & - ^ between sets.
func setBinary(t *Thread, op int, a *Set, b py.Object, inplace bool) (py.Object, bool, error) {
	o, ok := b.(*Set)
	if !ok {
		return nil, false, nil
	}
	eq := eqFor(t)
	var r *htable.Table[py.Object]
	var err error
	switch op {
	case opOr:
		r, err = htable.Union(a.tab, o.tab, eq)
	case opAnd:
		r, err = htable.Intersection(a.tab, o.tab, eq)
	case opSub:
		r, err = htable.Difference(a.tab, o.tab, eq)
	case opXor:
		r, err = htable.SymmetricDifference(a.tab, o.tab, eq)
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	if inplace && !a.Frozen {
		a.tab.Replace(r)
		return a, true, nil
	}
	return &Set{tab: r, Frozen: a.Frozen, hasher: a.hasher}, true, nil
}
