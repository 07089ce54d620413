// Package itertoolsmod implements CPython's itertools module for pyexec.
package itertoolsmod

import (
	"strconv"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

type ctor = pyexec.BuiltinFunc

var types = map[string]*py.Type{}

func typ(name string) *py.Type {
	if t := types[name]; t != nil {
		return t
	}
	t := pyexec.NewNativeType("itertools", name, nil)
	types[name] = t
	return t
}

func init() {
	ctors := map[string]ctor{
		"count": count, "cycle": cycle, "repeat": repeat, "accumulate": accumulate, "chain": chain,
		"compress": compress, "dropwhile": dropwhile, "takewhile": takewhile, "filterfalse": filterfalse,
		"groupby": groupby, "islice": islice, "starmap": starmap, "zip_longest": zipLongest,
		"product": product, "permutations": permutations, "combinations": combinations,
		"combinations_with_replacement": combinationsWR, "pairwise": pairwise, "batched": batched,
	}
	for name, fn := range ctors {
		pyexec.SetTypeCtor(typ(name), fn)
	}
	pyexec.SetTypeAttr(typ("chain"), "from_iterable", &pyexec.Builtin{Name: "from_iterable", Fn: chainFromIterable})
	typ("_grouper")
	typ("_tee")
	pyexec.RegisterModule("itertools", newModule)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "itertools")
	for name, ty := range types {
		if name[0] == '_' || (name == "batched" && t.Version().Minor < 12) {
			continue
		}
		m.Set(t, name, ty)
	}
	m.Set(t, "tee", &pyexec.Builtin{Name: "tee", Fn: tee})
	return m, nil
}

func iter(name string, next func(t *pyexec.Thread) (py.Object, error)) pyexec.Iterator {
	return pyexec.NewIterator(typ(name), next)
}

func noKw(name string, kw py.Tuple) error {
	if len(kw) > 0 {
		return pyexec.Errorf(pyexec.TypeErrorType, "%s() takes no keyword arguments", name)
	}
	return nil
}

func isNumber(o py.Object) bool {
	switch o.(type) {
	case py.Int, *py.BigInt, py.Bool, py.Float:
		return true
	}
	return false
}

type countIter struct{ cur, step py.Object }

func (c *countIter) Type() *py.Type { return typ("count") }

func (c *countIter) Next(t *pyexec.Thread) (py.Object, error) {
	v := c.cur
	n, err := pyexec.BinaryOp(t, pyexec.OpAdd, c.cur, c.step)
	if err != nil {
		return nil, err
	}
	c.cur = n
	return v, nil
}

func (c *countIter) Repr(t *pyexec.Thread) (string, error) {
	s, err := pyexec.Repr(t, c.cur)
	if err != nil {
		return "", err
	}
	if st, ok := c.step.(py.Int); ok && st == 1 {
		return "count(" + s + ")", nil
	}
	st, err := pyexec.Repr(t, c.step)
	return "count(" + s + ", " + st + ")", err
}

func count(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("count", args, kw, []string{"start", "step"}, 0)
	if err != nil {
		return nil, err
	}
	c := &countIter{cur: pyexec.MakeInt(0), step: pyexec.MakeInt(1)}
	if a[0] != nil {
		c.cur = a[0]
	}
	if a[1] != nil {
		c.step = a[1]
	}
	if !isNumber(c.cur) || !isNumber(c.step) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "a number is required")
	}
	return c, nil
}

func cycle(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("cycle", kw); err != nil {
		return nil, err
	}
	if err := pyexec.CheckArgs("cycle", args, nil, 1, 1); err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	var saved []py.Object
	i, first := 0, true
	return iter("cycle", func(t *pyexec.Thread) (py.Object, error) {
		if first {
			v, err := it.Next(t)
			if err != nil || v != nil {
				saved = append(saved, v)
				return v, err
			}
			first = false
		}
		if len(saved) == 0 {
			return nil, nil
		}
		v := saved[i%len(saved)]
		i++
		return v, nil
	}), nil
}

type repeatIter struct {
	obj   py.Object
	times int64 // -1: forever
}

func (r *repeatIter) Type() *py.Type { return typ("repeat") }

func (r *repeatIter) Next(t *pyexec.Thread) (py.Object, error) {
	if r.times == 0 {
		return nil, nil
	}
	if r.times > 0 {
		r.times--
	}
	return r.obj, nil
}

func (r *repeatIter) Repr(t *pyexec.Thread) (string, error) {
	s, err := pyexec.Repr(t, r.obj)
	if r.times < 0 {
		return "repeat(" + s + ")", err
	}
	return "repeat(" + s + ", " + strconv.FormatInt(r.times, 10) + ")", err
}

func repeat(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("repeat", args, kw, []string{"object", "times"}, 1)
	if err != nil {
		return nil, err
	}
	r := &repeatIter{obj: a[0], times: -1}
	if a[1] != nil {
		n, ok, err := pyexec.AsIndex(a[1])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[1]))
		}
		if n < 0 {
			n = 0
		}
		r.times = n
	}
	return r, nil
}

func accumulate(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("accumulate", args, kw, []string{"iterable", "func", "$initial"}, 1)
	if err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	fn := a[1]
	if pyexec.IsNone(fn) {
		fn = nil
	}
	var total py.Object
	initial := a[2]
	if pyexec.IsNone(initial) {
		initial = nil
	}
	return iter("accumulate", func(t *pyexec.Thread) (py.Object, error) {
		if initial != nil {
			total, initial = initial, nil
			return total, nil
		}
		v, err := it.Next(t)
		if err != nil || v == nil {
			return nil, err
		}
		if total == nil {
			total = v
		} else if fn == nil {
			total, err = pyexec.BinaryOp(t, pyexec.OpAdd, total, v)
		} else {
			total, err = pyexec.Call(t, fn, []py.Object{total, v}, nil)
		}
		return total, err
	}), nil
}

func chainOf(t *pyexec.Thread, sources pyexec.Iterator) pyexec.Iterator {
	var cur pyexec.Iterator
	return iter("chain", func(t *pyexec.Thread) (py.Object, error) {
		for {
			if cur == nil {
				src, err := sources.Next(t)
				if err != nil || src == nil {
					return nil, err
				}
				if cur, err = pyexec.Iterate(t, src); err != nil {
					return nil, err
				}
			}
			v, err := cur.Next(t)
			if err != nil || v != nil {
				return v, err
			}
			cur = nil
		}
	})
}

func chain(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("chain", kw); err != nil {
		return nil, err
	}
	src, _ := pyexec.Iterate(t, append(py.Tuple{}, args...))
	return chainOf(t, src), nil
}

func chainFromIterable(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("from_iterable", args, kw, 1, 1); err != nil {
		return nil, err
	}
	src, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	return chainOf(t, src), nil
}

func compress(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("compress", args, kw, []string{"data", "selectors"}, 2)
	if err != nil {
		return nil, err
	}
	data, err := pyexec.Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	sel, err := pyexec.Iterate(t, a[1])
	if err != nil {
		return nil, err
	}
	return iter("compress", func(t *pyexec.Thread) (py.Object, error) {
		for {
			d, err := data.Next(t)
			if err != nil || d == nil {
				return nil, err
			}
			s, err := sel.Next(t)
			if err != nil || s == nil {
				return nil, err
			}
			ok, err := pyexec.Truth(t, s)
			if err != nil {
				return nil, err
			}
			if ok {
				return d, nil
			}
		}
	}), nil
}

func predIter(name string, args []py.Object, kw py.Tuple, t *pyexec.Thread) (py.Object, pyexec.Iterator, error) {
	if err := noKw(name, kw); err != nil {
		return nil, nil, err
	}
	if err := pyexec.CheckArgs(name, args, nil, 2, 2); err != nil {
		return nil, nil, err
	}
	it, err := pyexec.Iterate(t, args[1])
	return args[0], it, err
}

func test(t *pyexec.Thread, pred, v py.Object) (bool, error) {
	if pyexec.IsNone(pred) {
		return pyexec.Truth(t, v)
	}
	r, err := pyexec.Call(t, pred, []py.Object{v}, nil)
	if err != nil {
		return false, err
	}
	return pyexec.Truth(t, r)
}

func dropwhile(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	pred, it, err := predIter("dropwhile", args, kw, t)
	if err != nil {
		return nil, err
	}
	dropping := true
	return iter("dropwhile", func(t *pyexec.Thread) (py.Object, error) {
		for {
			v, err := it.Next(t)
			if err != nil || v == nil || !dropping {
				return v, err
			}
			ok, err := test(t, pred, v)
			if err != nil {
				return nil, err
			}
			if !ok {
				dropping = false
				return v, nil
			}
		}
	}), nil
}

func takewhile(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	pred, it, err := predIter("takewhile", args, kw, t)
	if err != nil {
		return nil, err
	}
	return iter("takewhile", func(t *pyexec.Thread) (py.Object, error) {
		v, err := it.Next(t)
		if err != nil || v == nil {
			return v, err
		}
		ok, err := test(t, pred, v)
		if err != nil || !ok {
			return nil, err
		}
		return v, nil
	}), nil
}

func filterfalse(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	pred, it, err := predIter("filterfalse", args, kw, t)
	if err != nil {
		return nil, err
	}
	return iter("filterfalse", func(t *pyexec.Thread) (py.Object, error) {
		for {
			v, err := it.Next(t)
			if err != nil || v == nil {
				return v, err
			}
			ok, err := test(t, pred, v)
			if err != nil {
				return nil, err
			}
			if !ok {
				return v, nil
			}
		}
	}), nil
}

type groupbyIter struct {
	it                       pyexec.Iterator
	keyfn                    py.Object
	tgtkey, currkey, currval py.Object
	curr                     *grouper
}

func (g *groupbyIter) Type() *py.Type { return typ("groupby") }

func (g *groupbyIter) step(t *pyexec.Thread) (bool, error) {
	v, err := g.it.Next(t)
	if err != nil || v == nil {
		return false, err
	}
	k := v
	if g.keyfn != nil {
		if k, err = pyexec.Call(t, g.keyfn, []py.Object{v}, nil); err != nil {
			return false, err
		}
	}
	g.currval, g.currkey = v, k
	return true, nil
}

func (g *groupbyIter) Next(t *pyexec.Thread) (py.Object, error) {
	g.curr = nil
	for {
		if g.currkey == nil {
		} else if g.tgtkey == nil {
			break
		} else {
			eq, err := pyexec.Equal(t, g.tgtkey, g.currkey)
			if err != nil {
				return nil, err
			}
			if !eq {
				break
			}
		}
		ok, err := g.step(t)
		if err != nil || !ok {
			return nil, err
		}
	}
	g.tgtkey = g.currkey
	g.curr = &grouper{parent: g, tgtkey: g.tgtkey}
	return py.Tuple{g.currkey, g.curr}, nil
}

type grouper struct {
	parent *groupbyIter
	tgtkey py.Object
}

func (g *grouper) Type() *py.Type { return typ("_grouper") }

func (g *grouper) Next(t *pyexec.Thread) (py.Object, error) {
	p := g.parent
	if p.curr != g {
		return nil, nil
	}
	if p.currval == nil {
		ok, err := p.step(t)
		if err != nil || !ok {
			return nil, err
		}
	}
	eq, err := pyexec.Equal(t, g.tgtkey, p.currkey)
	if err != nil || !eq {
		return nil, err
	}
	v := p.currval
	p.currval = nil
	return v, nil
}

func groupby(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("groupby", args, kw, []string{"iterable", "key"}, 1)
	if err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	g := &groupbyIter{it: it, keyfn: a[1]}
	if pyexec.IsNone(g.keyfn) {
		g.keyfn = nil
	}
	return g, nil
}

func sliceArg(o py.Object, msg string) (int64, error) {
	if pyexec.IsNone(o) {
		return -1, nil
	}
	n, ok, err := pyexec.AsIndex(o)
	if !ok || err != nil || n < 0 {
		return 0, pyexec.Errorf(pyexec.ValueErrorType, "%s", msg)
	}
	return n, nil
}

func islice(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("islice", kw); err != nil {
		return nil, err
	}
	if err := pyexec.CheckArgs("islice", args, nil, 2, 4); err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	var start, stop, step int64 = 0, -1, 1
	if len(args) == 2 {
		if stop, err = sliceArg(args[1], "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."); err != nil {
			return nil, err
		}
	} else {
		if start, err = sliceArg(args[1], "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."); err != nil {
			return nil, err
		}
		if stop, err = sliceArg(args[2], "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."); err != nil {
			return nil, err
		}
		if start < 0 {
			start = 0
		}
		if len(args) == 4 {
			if pyexec.IsNone(args[3]) {
				step = 1
			} else if step, err = sliceArg(args[3], "Step for islice() must be a positive integer or None."); err != nil || step == 0 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "Step for islice() must be a positive integer or None.")
			}
		}
	}
	next := start
	var cnt int64
	return iter("islice", func(t *pyexec.Thread) (py.Object, error) {
		for cnt < next {
			if stop >= 0 && cnt >= stop {
				return nil, nil
			}
			v, err := it.Next(t)
			if err != nil || v == nil {
				return nil, err
			}
			cnt++
		}
		if stop >= 0 && cnt >= stop {
			return nil, nil
		}
		v, err := it.Next(t)
		if err != nil || v == nil {
			return nil, err
		}
		cnt++
		next += step
		if stop >= 0 && next > stop {
			next = stop
		}
		return v, nil
	}), nil
}

func starmap(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	fn, it, err := predIter("starmap", args, kw, t)
	if err != nil {
		return nil, err
	}
	return iter("starmap", func(t *pyexec.Thread) (py.Object, error) {
		v, err := it.Next(t)
		if err != nil || v == nil {
			return nil, err
		}
		a, err := pyexec.Collect(t, v)
		if err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object is not iterable", pyexec.TypeName(v))
		}
		return pyexec.Call(t, fn, a, nil)
	}), nil
}

func zipLongest(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	var fill py.Object = py.None
	for i, k := range kw {
		if string(k.(py.String)) != "fillvalue" {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "zip_longest() got an unexpected keyword argument '%s'", string(k.(py.String)))
		}
		fill = args[npos+i]
	}
	its := make([]pyexec.Iterator, npos)
	for i := 0; i < npos; i++ {
		it, err := pyexec.Iterate(t, args[i])
		if err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "zip_longest argument #%d must support iteration", i+1)
		}
		its[i] = it
	}
	active := npos
	return iter("zip_longest", func(t *pyexec.Thread) (py.Object, error) {
		if npos == 0 || active == 0 {
			return nil, nil
		}
		out := make(py.Tuple, npos)
		for i, it := range its {
			if it == nil {
				out[i] = fill
				continue
			}
			v, err := it.Next(t)
			if err != nil {
				return nil, err
			}
			if v == nil {
				active--
				if active == 0 {
					return nil, nil
				}
				its[i] = nil
				v = fill
			}
			out[i] = v
		}
		return out, nil
	}), nil
}

// indexIter yields tuples of pool items selected by successive index
// vectors produced by advance (which returns false when done).
func indexIter(name string, pool []py.Object, idx []int, empty bool, advance func() bool) pyexec.Iterator {
	first := true
	done := empty
	return iter(name, func(t *pyexec.Thread) (py.Object, error) {
		if done {
			return nil, nil
		}
		if !first && !advance() {
			done = true
			return nil, nil
		}
		first = false
		out := make(py.Tuple, len(idx))
		for i, j := range idx {
			out[i] = pool[j]
		}
		return out, nil
	})
}

func product(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	repeat := int64(1)
	for i, k := range kw {
		if string(k.(py.String)) != "repeat" {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "product() got an unexpected keyword argument '%s'", string(k.(py.String)))
		}
		n, ok, err := pyexec.AsIndex(args[npos+i])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[npos+i]))
		}
		if n < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "repeat argument cannot be negative")
		}
		repeat = n
	}
	var pools [][]py.Object
	for i := 0; i < npos; i++ {
		p, err := pyexec.Collect(t, args[i])
		if err != nil {
			return nil, err
		}
		pools = append(pools, p)
	}
	var all [][]py.Object
	for r := int64(0); r < repeat; r++ {
		all = append(all, pools...)
	}
	// Flatten into one pool with offsets.
	var flat []py.Object
	offs := make([]int, len(all))
	empty := false
	for i, p := range all {
		offs[i] = len(flat)
		flat = append(flat, p...)
		if len(p) == 0 {
			empty = true
		}
	}
	idx := make([]int, len(all))
	copy(idx, offs)
	return indexIter("product", flat, idx, empty, func() bool {
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < offs[i]+len(all[i]) {
				return true
			}
			idx[i] = offs[i]
		}
		return false
	}), nil
}

func rArg(name string, o py.Object, def int) (int, error) {
	if o == nil || pyexec.IsNone(o) {
		return def, nil
	}
	n, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "Expected int as r")
	}
	if n < 0 {
		return 0, pyexec.Errorf(pyexec.ValueErrorType, "r must be non-negative")
	}
	return int(n), nil
}

func permutations(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("permutations", args, kw, []string{"iterable", "r"}, 1)
	if err != nil {
		return nil, err
	}
	pool, err := pyexec.Collect(t, a[0])
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg("permutations", a[1], n)
	if err != nil {
		return nil, err
	}
	indices := make([]int, n)
	for i := range indices {
		indices[i] = i
	}
	cycles := make([]int, r)
	for i := range cycles {
		cycles[i] = n - i
	}
	idx := make([]int, r)
	copy(idx, indices)
	return indexIter("permutations", pool, idx, r > n, func() bool {
		for i := r - 1; i >= 0; i-- {
			cycles[i]--
			if cycles[i] == 0 {
				x := indices[i]
				copy(indices[i:], indices[i+1:])
				indices[n-1] = x
				cycles[i] = n - i
			} else {
				j := cycles[i]
				indices[i], indices[n-j] = indices[n-j], indices[i]
				copy(idx, indices[:r])
				return true
			}
		}
		return false
	}), nil
}

func combinations(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("combinations", args, kw, []string{"iterable", "r"}, 2)
	if err != nil {
		return nil, err
	}
	pool, err := pyexec.Collect(t, a[0])
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg("combinations", a[1], 0)
	if err != nil {
		return nil, err
	}
	idx := make([]int, r)
	for i := range idx {
		idx[i] = i
	}
	return indexIter("combinations", pool, idx, r > n, func() bool {
		i := r - 1
		for ; i >= 0; i-- {
			if idx[i] != i+n-r {
				break
			}
		}
		if i < 0 {
			return false
		}
		idx[i]++
		for j := i + 1; j < r; j++ {
			idx[j] = idx[j-1] + 1
		}
		return true
	}), nil
}

func combinationsWR(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("combinations_with_replacement", args, kw, []string{"iterable", "r"}, 2)
	if err != nil {
		return nil, err
	}
	pool, err := pyexec.Collect(t, a[0])
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg("combinations_with_replacement", a[1], 0)
	if err != nil {
		return nil, err
	}
	idx := make([]int, r)
	return indexIter("combinations_with_replacement", pool, idx, n == 0 && r > 0, func() bool {
		i := r - 1
		for ; i >= 0; i-- {
			if idx[i] != n-1 {
				break
			}
		}
		if i < 0 {
			return false
		}
		v := idx[i] + 1
		for j := i; j < r; j++ {
			idx[j] = v
		}
		return true
	}), nil
}

func pairwise(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("pairwise", kw); err != nil {
		return nil, err
	}
	if err := pyexec.CheckArgs("pairwise", args, nil, 1, 1); err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	var old py.Object
	return iter("pairwise", func(t *pyexec.Thread) (py.Object, error) {
		if old == nil {
			v, err := it.Next(t)
			if err != nil || v == nil {
				return nil, err
			}
			old = v
		}
		v, err := it.Next(t)
		if err != nil || v == nil {
			return nil, err
		}
		r := py.Tuple{old, v}
		old = v
		return r, nil
	}), nil
}

func batched(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("batched", args, kw, []string{"iterable", "n"}, 2)
	if err != nil {
		return nil, err
	}
	n, ok, err := pyexec.AsIndex(a[1])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[1]))
	}
	if n < 1 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "n must be at least one")
	}
	it, err := pyexec.Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	return iter("batched", func(t *pyexec.Thread) (py.Object, error) {
		var out py.Tuple
		for int64(len(out)) < n {
			v, err := it.Next(t)
			if err != nil {
				return nil, err
			}
			if v == nil {
				break
			}
			out = append(out, v)
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}), nil
}

type teeShared struct {
	it  pyexec.Iterator
	buf []py.Object
}

func tee(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("tee", args, kw, 1, 2); err != nil {
		return nil, err
	}
	n := int64(2)
	if len(args) == 2 {
		v, ok, err := pyexec.AsIndex(args[1])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[1]))
		}
		if v < 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "n must be >= 0")
		}
		n = v
	}
	it, err := pyexec.Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	sh := &teeShared{it: it}
	out := make(py.Tuple, n)
	for i := range out {
		pos := 0
		out[i] = iter("_tee", func(t *pyexec.Thread) (py.Object, error) {
			if pos < len(sh.buf) {
				v := sh.buf[pos]
				pos++
				return v, nil
			}
			v, err := sh.it.Next(t)
			if err != nil || v == nil {
				return nil, err
			}
			sh.buf = append(sh.buf, v)
			pos++
			return v, nil
		})
	}
	return out, nil
}
