package pyspark

import (
	"fmt"
	"runtime/metrics"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

const shufMod = "pyspark.shuffle"

// The pyspark.shuffle classes.
var (
	AggregatorType       = pyexec.NewNativeType(shufMod, "Aggregator", nil)
	SimpleAggregatorType = pyexec.NewNativeType(shufMod, "SimpleAggregator", AggregatorType)
	MergerType           = pyexec.NewNativeType(shufMod, "Merger", nil)
	ExternalMergerType   = pyexec.NewNativeType(shufMod, "ExternalMerger", MergerType)
	ExternalSorterType   = pyexec.NewNativeType(shufMod, "ExternalSorter", nil)
)

// Aggregator holds createCombiner, mergeValue and mergeCombiners (in its
// instance __dict__, as PySpark pickles it).
type Aggregator struct {
	typ  *py.Type
	dict *pyexec.Dict
}

// Type returns Aggregator or SimpleAggregator.
func (a *Aggregator) Type() *py.Type { return a.typ }

// GetAttr returns the instance attributes.
func (a *Aggregator) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "__dict__" {
		return a.dict, true, nil
	}
	v, ok := a.dict.GetStr(t, name)
	return v, ok, nil
}

// SetPickleState takes the instance __dict__ from BUILD.
func (a *Aggregator) SetPickleState(t *pyexec.Thread, state py.Object) error {
	if pyexec.IsNone(state) {
		return nil
	}
	d, ok := state.(*pyexec.Dict)
	if !ok {
		return fmt.Errorf("%s state is a %s, not a dict", a.typ.Name, pyexec.TypeName(state))
	}
	return a.dict.Update(t, d)
}

func (a *Aggregator) fn(t *pyexec.Thread, name string) (py.Object, error) {
	v, ok := a.dict.GetStr(t, name)
	if !ok {
		return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute '%s'", a.typ.Name, name)
	}
	return v, nil
}

func newAggregatorAtLoad(typ *py.Type) func(t *pyexec.Thread, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
	return func(t *pyexec.Thread, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
		return &Aggregator{typ: typ, dict: pyexec.NewDict(3)}, nil
	}
}

// identity is SimpleAggregator's createCombiner (lambda x: x).
var identity = &pyexec.Builtin{Name: "<lambda>", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("<lambda>", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return args[0], nil
}}

// Merger is an ExternalMerger: combiners by key, in memory.
type Merger struct {
	agg  *Aggregator
	data *pyexec.Dict
	// MemoryLimit is the memory_limit argument (MiB); the Go merger keeps
	// everything in memory and never spills.
	MemoryLimit py.Object
}

// Type returns ExternalMerger.
func (m *Merger) Type() *py.Type { return ExternalMergerType }

// GetAttr returns agg, data and memory_limit.
func (m *Merger) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "agg":
		return m.agg, true, nil
	case "data":
		return m.data, true, nil
	case "memory_limit":
		return m.MemoryLimit, true, nil
	case "spills":
		return pyexec.MakeInt(0), true, nil
	}
	return nil, false, nil
}

// Sorter is an ExternalSorter.
type Sorter struct{}

// Type returns ExternalSorter.
func (*Sorter) Type() *py.Type { return ExternalSorterType }

func newShuffleModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, shufMod)
	for _, typ := range []*py.Type{AggregatorType, SimpleAggregatorType, MergerType, ExternalMergerType, ExternalSorterType} {
		m.Set(t, typ.Name, typ)
	}
	m.Set(t, "get_used_memory", getUsedMemory)
	m.Set(t, "MemoryBytesSpilled", pyexec.MakeInt(0))
	m.Set(t, "DiskBytesSpilled", pyexec.MakeInt(0))
	return m, nil
}

// getUsedMemory is get_used_memory(): the Go heap in use, in MiB.
var getUsedMemory = &pyexec.Builtin{Name: "get_used_memory", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("get_used_memory", args, kw, 0, 0); err != nil {
		return nil, err
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	var b uint64
	if s[0].Value.Kind() == metrics.KindUint64 {
		b = s[0].Value.Uint64()
	}
	return pyexec.MakeInt(int64(b >> 20)), nil
}}

func init() {
	pyexec.SetTypeCtor(AggregatorType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("Aggregator", args, kw, []string{"createCombiner", "mergeValue", "mergeCombiners"}, 3)
		if err != nil {
			return nil, err
		}
		ag := &Aggregator{typ: AggregatorType, dict: pyexec.NewDict(3)}
		for i, n := range []string{"createCombiner", "mergeValue", "mergeCombiners"} {
			_ = ag.dict.SetItem(t, py.String(n), a[i])
		}
		return ag, nil
	})
	pyexec.SetTypeCtor(SimpleAggregatorType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("SimpleAggregator", args, kw, []string{"combiner"}, 1)
		if err != nil {
			return nil, err
		}
		ag := &Aggregator{typ: SimpleAggregatorType, dict: pyexec.NewDict(3)}
		_ = ag.dict.SetItem(t, py.String("createCombiner"), identity)
		_ = ag.dict.SetItem(t, py.String("mergeValue"), a[0])
		_ = ag.dict.SetItem(t, py.String("mergeCombiners"), a[0])
		return ag, nil
	})
	pyexec.SetTypeCtor(ExternalMergerType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("ExternalMerger", args, kw,
			[]string{"aggregator", "memory_limit", "serializer", "localdirs", "scale", "partitions", "batch"}, 1)
		if err != nil {
			return nil, err
		}
		agg, ok := a[0].(*Aggregator)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "ExternalMerger: aggregator must be a pyspark.shuffle.Aggregator, not %s", pyexec.TypeName(a[0]))
		}
		m := &Merger{agg: agg, data: pyexec.NewDict(0), MemoryLimit: a[1]}
		if m.MemoryLimit == nil {
			m.MemoryLimit = pyexec.MakeInt(512)
		}
		return m, nil
	})
	pyexec.AddMethods(ExternalMergerType, map[string]pyexec.MethodFunc{
		"mergeValues": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("mergeValues", args, kw, 1, 1); err != nil {
				return nil, err
			}
			m := self.(*Merger)
			creator, err := m.agg.fn(t, "createCombiner")
			if err != nil {
				return nil, err
			}
			comb, err := m.agg.fn(t, "mergeValue")
			if err != nil {
				return nil, err
			}
			return py.None, m.merge(t, args[0], creator, comb)
		},
		"mergeCombiners": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if _, err := pyexec.BindArgs("mergeCombiners", args, kw, []string{"iterator", "limit"}, 1); err != nil {
				return nil, err
			}
			m := self.(*Merger)
			comb, err := m.agg.fn(t, "mergeCombiners")
			if err != nil {
				return nil, err
			}
			return py.None, m.merge(t, args[0], nil, comb)
		},
		"items": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("items", args, kw, 0, 0); err != nil {
				return nil, err
			}
			m := self.(*Merger)
			items, err := pyexec.GetAttr(t, m.data, "items")
			if err != nil {
				return nil, err
			}
			view, err := pyexec.Call(t, items, nil, nil)
			if err != nil {
				return nil, err
			}
			it, err := pyexec.Iterate(t, view)
			if err != nil {
				return nil, err
			}
			return it, nil
		},
	})
	pyexec.SetTypeCtor(ExternalSorterType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if _, err := pyexec.BindArgs("ExternalSorter", args, kw, []string{"memory_limit", "serializer"}, 1); err != nil {
			return nil, err
		}
		return &Sorter{}, nil
	})
	pyexec.AddMethods(ExternalSorterType, map[string]pyexec.MethodFunc{
		"sorted": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			a, err := pyexec.BindArgs("sorted", args, kw, []string{"iterator", "key", "reverse"}, 1)
			if err != nil {
				return nil, err
			}
			items, err := pyexec.Collect(t, a[0])
			if err != nil {
				return nil, err
			}
			reverse := false
			if a[2] != nil {
				if reverse, err = pyexec.Truth(t, a[2]); err != nil {
					return nil, err
				}
			}
			key := a[1]
			if pyexec.IsNone(key) {
				key = nil
			}
			if err := pyexec.SortItems(t, items, key, reverse); err != nil {
				return nil, err
			}
			return pyexec.Iterate(t, &py.List{Items: items})
		},
	})
}

// merge folds (k, v) pairs into the combiners: creator(v) for a new key
// (v itself when creator is nil), comb(old, v) otherwise.
func (m *Merger) merge(t *pyexec.Thread, iterable py.Object, creator, comb py.Object) error {
	it, err := pyexec.Iterate(t, iterable)
	if err != nil {
		return err
	}
	args := make([]py.Object, 2)
	for {
		kv, err := it.Next(t)
		if err != nil {
			return err
		}
		if kv == nil {
			return nil
		}
		k, v, err := unpack2(t, kv)
		if err != nil {
			return err
		}
		old, ok, err := m.data.Get(t, k)
		if err != nil {
			return err
		}
		var nv py.Object
		switch {
		case ok:
			args[0], args[1] = old, v
			nv, err = pyexec.Call(t, comb, args, nil)
		case creator != nil:
			args[0] = v
			nv, err = pyexec.Call(t, creator, args[:1], nil)
		default:
			nv = v
		}
		if err != nil {
			return err
		}
		if err := m.data.SetItem(t, k, nv); err != nil {
			return err
		}
	}
}

// unpack2 is "k, v = kv" with CPython's errors.
func unpack2(t *pyexec.Thread, kv py.Object) (py.Object, py.Object, error) {
	switch x := kv.(type) {
	case py.Tuple:
		if len(x) == 2 {
			return x[0], x[1], nil
		}
	case *py.List:
		if len(x.Items) == 2 {
			return x.Items[0], x.Items[1], nil
		}
	}
	items, err := pyexec.Collect(t, kv)
	if err != nil {
		return nil, nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot unpack non-iterable %s object", pyexec.TypeName(kv))
	}
	switch {
	case len(items) < 2:
		return nil, nil, pyexec.Errorf(pyexec.ValueErrorType, "not enough values to unpack (expected 2, got %d)", len(items))
	case len(items) > 2:
		return nil, nil, pyexec.Errorf(pyexec.ValueErrorType, "too many values to unpack (expected 2)")
	}
	return items[0], items[1], nil
}
