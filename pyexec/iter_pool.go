package pyexec

import "github.com/go-python/gpython/py"

// Pooled iterators for `for` loops over a list, tuple or range.
//
// GET_ITER on an exact list, tuple or range takes the iterator from the
// thread's free list and records the frame that took it. The compiler
// keeps that iterator on the frame's value stack, where no Python code can
// reach it, until FOR_ITER finds it exhausted and pops it: if that happens
// in the same frame, the iterator goes back to the free list. An iterator
// that leaves its frame (3.8–3.11 pass it to a comprehension or generator
// expression, whose locals() could expose it) is exhausted elsewhere and
// simply left to the garbage collector, as are iterators of loops that
// end by break, return or an exception. A loop over a list thus allocates
// nothing once the thread has run one.

// maxPooledIters bounds each of the thread's iterator free lists.
const maxPooledIters = 16

// exhaustedList is what a recycled list iterator points at.
var exhaustedList = &py.List{}

type iterPool struct {
	lists  []*listIter
	slices []*sliceIter
	ranges []*rangeIter
}

func (t *Thread) getListIter(l *py.List, f *frame) *listIter {
	p := &t.iters
	if n := len(p.lists); n > 0 {
		it := p.lists[n-1]
		p.lists[n-1] = nil
		p.lists = p.lists[:n-1]
		it.l, it.i, it.owner = l, 0, f
		return it
	}
	return &listIter{l: l, owner: f}
}

func (t *Thread) putListIter(it *listIter) {
	it.l, it.i, it.owner = exhaustedList, 0, nil
	if len(t.iters.lists) < maxPooledIters {
		t.iters.lists = append(t.iters.lists, it)
	}
}

func (t *Thread) getSliceIter(items []py.Object, f *frame) *sliceIter {
	p := &t.iters
	if n := len(p.slices); n > 0 {
		it := p.slices[n-1]
		p.slices[n-1] = nil
		p.slices = p.slices[:n-1]
		it.items, it.i, it.owner = items, 0, f
		return it
	}
	return &sliceIter{items: items, owner: f}
}

func (t *Thread) putSliceIter(it *sliceIter) {
	it.items, it.i, it.owner = nil, 0, nil
	if len(t.iters.slices) < maxPooledIters {
		t.iters.slices = append(t.iters.slices, it)
	}
}

func (t *Thread) getRangeIter(r *Range, f *frame) *rangeIter {
	p := &t.iters
	if n := len(p.ranges); n > 0 {
		it := p.ranges[n-1]
		p.ranges[n-1] = nil
		p.ranges = p.ranges[:n-1]
		*it = rangeIter{next: r.start, step: r.step, left: r.length(), owner: f}
		return it
	}
	return &rangeIter{next: r.start, step: r.step, left: r.length(), owner: f}
}

func (t *Thread) putRangeIter(it *rangeIter) {
	*it = rangeIter{}
	if len(t.iters.ranges) < maxPooledIters {
		t.iters.ranges = append(t.iters.ranges, it)
	}
}
