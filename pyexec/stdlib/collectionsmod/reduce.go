package collectionsmod

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// How copy.copy and copy.deepcopy rebuild the collections types and their
// user subclasses (pyexec.Reducer), as CPython's __reduce_ex__ describes
// them.

// PyReduce is deque.__reduce__: type(d)(() [, maxlen]), the instance's
// __dict__, then the items appended.
func (d *Deque) PyReduce(t *pyexec.Thread) (*pyexec.Reduction, error) {
	r := &pyexec.Reduction{Func: pyexec.ReduceClass(d.owner, DequeType), Args: py.Tuple{},
		State: pyexec.ReduceState(d.owner), ListItems: append([]py.Object(nil), d.items...), HasList: true}
	if d.maxlen >= 0 {
		r.Args = py.Tuple{py.Tuple{}, pyexec.MakeInt(int64(d.maxlen))}
	}
	return r, nil
}

// dictItems returns d's (key, value) pairs.
func dictItems(d *pyexec.Dict) []py.Tuple {
	out := make([]py.Tuple, 0, d.Len())
	d.Items(func(k, v py.Object) bool {
		out = append(out, py.Tuple{k, v})
		return true
	})
	return out
}

// PyReduce is OrderedDict.__reduce__: type(od)(), the instance's __dict__,
// then the items stored.
func (o *OrderedDict) PyReduce(t *pyexec.Thread) (*pyexec.Reduction, error) {
	return &pyexec.Reduction{Func: pyexec.ReduceClass(o.owner, OrderedDictType), Args: py.Tuple{},
		State: pyexec.ReduceState(o.owner), DictItems: dictItems(o.d), HasDict: true}, nil
}

// PyReduce is defaultdict.__reduce__: type(d)([default_factory]), then the
// items stored (no __dict__: CPython's reduction does not carry it).
func (o *DefaultDict) PyReduce(t *pyexec.Thread) (*pyexec.Reduction, error) {
	r := &pyexec.Reduction{Func: pyexec.ReduceClass(o.owner, DefaultDictType), Args: py.Tuple{},
		DictItems: dictItems(o.d), HasDict: true}
	if !pyexec.IsNone(o.factory) {
		r.Args = py.Tuple{o.factory}
	}
	return r, nil
}

// PyReduce is Counter.__reduce__: type(c)(dict(c)).
func (c *Counter) PyReduce(t *pyexec.Thread) (*pyexec.Reduction, error) {
	return &pyexec.Reduction{Func: pyexec.ReduceClass(c.owner, CounterType), Args: py.Tuple{c.d.Copy()}}, nil
}

// PyReduce rebuilds a ChainMap as type(c)(*maps) with the instance's
// __dict__ (CPython keeps maps in the __dict__ of the pure-Python class).
func (c *ChainMap) PyReduce(t *pyexec.Thread) (*pyexec.Reduction, error) {
	return &pyexec.Reduction{Func: pyexec.ReduceClass(c.owner, ChainMapType),
		Args: append(py.Tuple{}, c.maps.Items...), State: pyexec.ReduceState(c.owner)}, nil
}
