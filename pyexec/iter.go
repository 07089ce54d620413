package pyexec

import (
	"unicode/utf8"

	"github.com/go-python/gpython/py"
)

// Iterator is a Python iterator. Next returns the next value, or nil (and a
// nil error) when the iterator is exhausted.
type Iterator interface {
	py.Object
	Next(t *Thread) (py.Object, error)
}

// IteratorType is the type of pyexec's built-in iterators.
var IteratorType = newType("iterator", py.ObjectType)

// Iterate returns iter(o).
func Iterate(t *Thread, o py.Object) (Iterator, error) {
	if it, ok, err := iterHook(t, o); ok {
		return it, err
	}
	switch x := o.(type) {
	case *py.List:
		return &listIter{l: x}, nil
	case py.Tuple:
		return &sliceIter{items: x}, nil
	case py.String:
		return &strIter{s: string(x)}, nil
	case py.Bytes:
		return &bytesIter{b: x}, nil
	case *Dict:
		return &dictIter{d: x, n: x.Len(), kind: viewKeys}, nil
	case *dictView:
		return &dictIter{d: x.d, n: x.d.Len(), kind: x.kind}, nil
	case *Set:
		return &sliceIter{items: x.Elems()}, nil
	case *Range:
		return &rangeIter{next: x.start, step: x.step, left: x.length()}, nil
	case Iterator:
		return x, nil
	case Iterable:
		return x.Iter(t)
	}
	return nil, typeErrorf("'%s' object is not iterable", TypeName(o))
}

// Next returns next(it), or nil when exhausted.
func Next(t *Thread, it py.Object) (py.Object, error) {
	i, ok := it.(Iterator)
	if !ok {
		return nil, typeErrorf("'%s' object is not an iterator", TypeName(it))
	}
	return i.Next(t)
}

// collect returns the items of an iterable as a fresh slice.
func collect(t *Thread, o py.Object) ([]py.Object, error) {
	switch x := o.(type) {
	case *py.List:
		return append([]py.Object(nil), x.Items...), nil
	case py.Tuple:
		return append([]py.Object(nil), x...), nil
	}
	it, err := Iterate(t, o)
	if err != nil {
		return nil, err
	}
	if r, ok := o.(*Range); ok {
		if err := t.checkItems(r.length()); err != nil {
			return nil, err
		}
	}
	var out []py.Object
	for {
		v, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return out, nil
		}
		out = append(out, v)
		// One step per item; the size limit bounds what is kept.
		if err := t.charge(1); err != nil {
			return nil, err
		}
		if len(out) > MaxSequenceItems {
			return nil, memoryError()
		}
	}
}

type listIter struct {
	l *py.List
	i int
	// owner is the frame whose GET_ITER took the iterator from the
	// thread's pool (iter_pool.go); nil for other iterators.
	owner *frame
}

func (it *listIter) Type() *py.Type { return IteratorType }
func (it *listIter) Next(*Thread) (py.Object, error) {
	if it.i < len(it.l.Items) {
		v := it.l.Items[it.i]
		it.i++
		return v, nil
	}
	it.i = 1 << 62
	return nil, nil
}

type sliceIter struct {
	items []py.Object
	i     int
	owner *frame // as listIter.owner
}

func (it *sliceIter) Type() *py.Type { return IteratorType }
func (it *sliceIter) Next(*Thread) (py.Object, error) {
	if it.i < len(it.items) {
		v := it.items[it.i]
		it.i++
		return v, nil
	}
	return nil, nil
}

type strIter struct {
	s string
	i int
}

func (it *strIter) Type() *py.Type { return IteratorType }
func (it *strIter) Next(*Thread) (py.Object, error) {
	if it.i >= len(it.s) {
		return nil, nil
	}
	if c := it.s[it.i]; c < utf8.RuneSelf {
		it.i++
		return py.String(it.s[it.i-1 : it.i]), nil
	}
	_, n := utf8.DecodeRuneInString(it.s[it.i:])
	v := py.String(it.s[it.i : it.i+n])
	it.i += n
	return v, nil
}

type bytesIter struct {
	b py.Bytes
	i int
}

func (it *bytesIter) Type() *py.Type { return IteratorType }
func (it *bytesIter) Next(*Thread) (py.Object, error) {
	if it.i < len(it.b) {
		it.i++
		return MakeInt(int64(it.b[it.i-1])), nil
	}
	return nil, nil
}

type dictIter struct {
	d    *Dict
	i, n int
	kind int
}

func (it *dictIter) Type() *py.Type { return IteratorType }
func (it *dictIter) Next(*Thread) (py.Object, error) {
	if it.d.Len() != it.n {
		it.n = -1
		return nil, Errorf(RuntimeErrorType, "dictionary changed size during iteration")
	}
	for it.i < len(it.d.entries) {
		e := it.d.entryAt(it.i)
		it.i++
		if e.key == nil {
			continue
		}
		switch it.kind {
		case viewKeys:
			return e.key, nil
		case viewValues:
			return e.value, nil
		default:
			return tuple2Of(e.key, e.value), nil
		}
	}
	return nil, nil
}

// Range is Python's range.
type Range struct{ start, stop, step int64 }

// Type returns range.
func (r *Range) Type() *py.Type { return RangeType }

func (r *Range) length() int64 {
	switch {
	case r.step > 0 && r.start < r.stop:
		return (r.stop-r.start-1)/r.step + 1
	case r.step < 0 && r.start > r.stop:
		return (r.start-r.stop-1)/(-r.step) + 1
	}
	return 0
}

func (r *Range) getItem(key py.Object) (py.Object, error) {
	if sl, ok := key.(*py.Slice); ok {
		start, _, step, n, err := sliceIndices(sl, int(r.length()))
		if err != nil {
			return nil, err
		}
		s := r.start + int64(start)*r.step
		st := r.step * int64(step)
		return &Range{start: s, stop: s + int64(n)*st, step: st}, nil
	}
	i, ok, err := normIndex(key, int(r.length()))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, typeErrorf("range indices must be integers or slices, not %s", TypeName(key))
	}
	if i < 0 {
		return nil, Errorf(IndexErrorType, "range object index out of range")
	}
	return MakeInt(r.start + int64(i)*r.step), nil
}

func (r *Range) contains(t *Thread, item py.Object) (bool, error) {
	v, ok, err := asIndex(item)
	if !ok || err != nil {
		if _, isF := item.(py.Float); isF {
			for x := r.start; (r.step > 0 && x < r.stop) || (r.step < 0 && x > r.stop); x += r.step {
				if eq, _ := Equal(t, MakeInt(x), item); eq {
					return true, nil
				}
			}
		}
		return false, nil
	}
	if r.step > 0 && (v < r.start || v >= r.stop) || r.step < 0 && (v > r.start || v <= r.stop) {
		return false, nil
	}
	return (v-r.start)%r.step == 0, nil
}

type rangeIter struct {
	next, step, left int64
	owner            *frame // as listIter.owner
}

func (it *rangeIter) Type() *py.Type { return IteratorType }
func (it *rangeIter) Next(*Thread) (py.Object, error) {
	if it.left <= 0 {
		return nil, nil
	}
	v := it.next
	it.next += it.step
	it.left--
	return MakeInt(v), nil
}

// funcIter is an iterator driven by a Go closure (enumerate, zip, map, …).
type funcIter struct {
	typ  *py.Type
	next func(t *Thread) (py.Object, error)
	done bool
}

func (it *funcIter) Type() *py.Type { return it.typ }
func (it *funcIter) Next(t *Thread) (py.Object, error) {
	if it.done {
		return nil, nil
	}
	// A wrapping iterator (map of a map of ...) descends into the one it
	// wraps: one level of native recursion.
	if err := t.EnterNative(""); err != nil {
		return nil, err
	}
	v, err := it.next(t)
	t.LeaveNative()
	if v == nil || err != nil {
		it.done = true
	}
	return v, err
}

// Iterator type names as CPython reports them.
var (
	EnumerateType = newType("enumerate", py.ObjectType)
	ZipType       = newType("zip", py.ObjectType)
	MapType       = newType("map", py.ObjectType)
	FilterType    = newType("filter", py.ObjectType)
	ReversedType  = newType("reversed", py.ObjectType)
)

// nextPair is Next for the iterators whose items are fresh pairs that
// FOR_ITER may unpack straight away (enumerate, dict items): a and b are
// the pair's items, nil when exhausted. ok is false for other iterators.
func nextPair(t *Thread, it Iterator) (a, b py.Object, ok bool, err error) {
	switch x := it.(type) {
	case *enumIter:
		a, b, err = x.next2(t)
		return a, b, true, err
	case *dictIter:
		if x.kind != viewItems {
			return nil, nil, false, nil
		}
		if x.d.Len() != x.n {
			x.n = -1
			return nil, nil, true, Errorf(RuntimeErrorType, "dictionary changed size during iteration")
		}
		for x.i < len(x.d.entries) {
			e := x.d.entryAt(x.i)
			x.i++
			if e.key != nil {
				return e.key, e.value, true, nil
			}
		}
		return nil, nil, true, nil
	}
	return nil, nil, false, nil
}
