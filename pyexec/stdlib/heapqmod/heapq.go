// Package heapqmod implements CPython's heapq module for pyexec, with the
// same sift order as CPython's _heapq, so heaps hold identical layouts.
package heapqmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("heapq", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "heapq")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"heappush": heappush, "heappop": heappop, "heapify": heapify, "heapreplace": heapreplace,
		"heappushpop": heappushpop, "nlargest": nlargest, "nsmallest": nsmallest, "merge": merge,
	})
	return m, nil
}

func lt(t *pyexec.Thread, a, b py.Object) (bool, error) { return pyexec.Compare(t, pyexec.CmpLT, a, b) }

func listArg(fname string, o py.Object) (*py.List, error) {
	if l, ok := o.(*py.List); ok {
		return l, nil
	}
	if in, ok := o.(*pyexec.Instance); ok {
		if l, ok := in.Value().(*py.List); ok {
			return l, nil
		}
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s() argument 1 must be list, not %s", fname, pyexec.TypeName(o))
}

// siftDown is CPython's _siftdown: the item at pos moves up towards start.
func siftDown(t *pyexec.Thread, h []py.Object, start, pos int) error {
	item := h[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		less, err := lt(t, item, h[parent])
		if err != nil {
			return err
		}
		if !less {
			break
		}
		h[pos] = h[parent]
		pos = parent
	}
	h[pos] = item
	return nil
}

// siftUp is CPython's _siftup: the item at pos goes to a leaf, then up.
func siftUp(t *pyexec.Thread, h []py.Object, pos int) error {
	end, start := len(h), pos
	item := h[pos]
	child := 2*pos + 1
	for child < end {
		right := child + 1
		if right < end {
			less, err := lt(t, h[child], h[right])
			if err != nil {
				return err
			}
			if !less {
				child = right
			}
		}
		h[pos] = h[child]
		pos = child
		child = 2*pos + 1
	}
	h[pos] = item
	return siftDown(t, h, start, pos)
}

func heappush(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("heappush", args, kw, 2, 2); err != nil {
		return nil, err
	}
	l, err := listArg("heappush", args[0])
	if err != nil {
		return nil, err
	}
	l.Items = append(l.Items, args[1])
	return py.None, siftDown(t, l.Items, 0, len(l.Items)-1)
}

func heappop(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("heappop", args, kw, 1, 1); err != nil {
		return nil, err
	}
	l, err := listArg("heappop", args[0])
	if err != nil {
		return nil, err
	}
	n := len(l.Items)
	if n == 0 {
		return nil, pyexec.Errorf(pyexec.IndexErrorType, "index out of range")
	}
	last := l.Items[n-1]
	l.Items = l.Items[:n-1]
	if n == 1 {
		return last, nil
	}
	ret := l.Items[0]
	l.Items[0] = last
	return ret, siftUp(t, l.Items, 0)
}

func heapreplace(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("heapreplace", args, kw, 2, 2); err != nil {
		return nil, err
	}
	l, err := listArg("heapreplace", args[0])
	if err != nil {
		return nil, err
	}
	if len(l.Items) == 0 {
		return nil, pyexec.Errorf(pyexec.IndexErrorType, "index out of range")
	}
	ret := l.Items[0]
	l.Items[0] = args[1]
	return ret, siftUp(t, l.Items, 0)
}

func heappushpop(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("heappushpop", args, kw, 2, 2); err != nil {
		return nil, err
	}
	l, err := listArg("heappushpop", args[0])
	if err != nil {
		return nil, err
	}
	item := args[1]
	if len(l.Items) == 0 {
		return item, nil
	}
	less, err := lt(t, l.Items[0], item)
	if err != nil || !less {
		return item, err
	}
	ret := l.Items[0]
	l.Items[0] = item
	return ret, siftUp(t, l.Items, 0)
}

func heapify(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("heapify", args, kw, 1, 1); err != nil {
		return nil, err
	}
	l, err := listArg("heapify", args[0])
	if err != nil {
		return nil, err
	}
	for i := len(l.Items)/2 - 1; i >= 0; i-- {
		if err := siftUp(t, l.Items, i); err != nil {
			return nil, err
		}
	}
	return py.None, nil
}

// nbest is sorted(iterable, key=key, reverse=reverse)[:n], which is what
// nlargest and nsmallest return.
func nbest(t *pyexec.Thread, name string, args []py.Object, kw py.Tuple, reverse bool) (py.Object, error) {
	a, err := pyexec.BindArgs(name, args, kw, []string{"n", "iterable", "key"}, 2)
	if err != nil {
		return nil, err
	}
	n, ok, err := pyexec.AsIndex(a[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[0]))
	}
	items, err := pyexec.Collect(t, a[1])
	if err != nil {
		return nil, err
	}
	if n <= 0 {
		return &py.List{Items: []py.Object{}}, nil
	}
	key := a[2]
	if key != nil && pyexec.IsNone(key) {
		key = nil
	}
	if err := pyexec.SortItems(t, items, key, reverse); err != nil {
		return nil, err
	}
	if int(n) < len(items) {
		items = items[:n]
	}
	return &py.List{Items: items}, nil
}

func nlargest(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return nbest(t, "nlargest", args, kw, true)
}

func nsmallest(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return nbest(t, "nsmallest", args, kw, false)
}

var mergeType = pyexec.NewNativeType("builtins", "generator", nil)

// merge merges sorted iterables (read eagerly) into one sorted iterator.
func merge(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	var key py.Object
	reverse := false
	for i, k := range kw {
		switch string(k.(py.String)) {
		case "key":
			if key = args[npos+i]; pyexec.IsNone(key) {
				key = nil
			}
		case "reverse":
			r, err := pyexec.Truth(t, args[npos+i])
			if err != nil {
				return nil, err
			}
			reverse = r
		default:
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "merge() got an unexpected keyword argument '%s'", string(k.(py.String)))
		}
	}
	var all []py.Object
	for _, it := range args[:npos] {
		items, err := pyexec.Collect(t, it)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	if err := pyexec.SortItems(t, all, key, reverse); err != nil {
		return nil, err
	}
	i := 0
	return pyexec.NewIterator(mergeType, func(*pyexec.Thread) (py.Object, error) {
		if i >= len(all) {
			return nil, nil
		}
		i++
		return all[i-1], nil
	}), nil
}
