// Package functoolsmod implements CPython's functools module for pyexec
// (reduce, partial, cmp_to_key, lru_cache, cache, wraps, update_wrapper).
package functoolsmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() {
	pyexec.RegisterModule("functools", newModule)
	pyexec.SetTypeCtor(PartialType, newPartial)
	pyexec.SetTypeCtor(KeyWrapperType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot create 'functools.KeyWrapper' instances")
	})
	pyexec.AddMethods(CacheWrapperType, map[string]pyexec.MethodFunc{
		"cache_clear": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(*CacheWrapper)
			c.cache, c.hits, c.misses = pyexec.NewDict(0), 0, 0
			return py.None, nil
		},
		"cache_info": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			c := self.(*CacheWrapper)
			var max py.Object = py.None
			if c.maxsize >= 0 {
				max = pyexec.MakeInt(int64(c.maxsize))
			}
			return &cacheInfo{py.Tuple{pyexec.MakeInt(int64(c.hits)), pyexec.MakeInt(int64(c.misses)), max, pyexec.MakeInt(int64(c.cache.Len()))}}, nil
		},
	})
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "functools")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"reduce": reduce, "cmp_to_key": cmpToKey, "lru_cache": lruCache, "cache": cacheFn,
		"wraps": wraps, "update_wrapper": updateWrapper,
	})
	m.Set(t, "partial", PartialType)
	m.Set(t, "WRAPPER_ASSIGNMENTS", py.Tuple{py.String("__module__"), py.String("__name__"), py.String("__qualname__"), py.String("__doc__"), py.String("__annotations__")})
	m.Set(t, "WRAPPER_UPDATES", py.Tuple{py.String("__dict__")})
	return m, nil
}

func reduce(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("reduce", args, kw, 2, 3); err != nil {
		return nil, err
	}
	it, err := pyexec.Iterate(t, args[1])
	if err != nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "reduce() arg 2 must support iteration")
	}
	var acc py.Object
	if len(args) == 3 {
		acc = args[2]
	}
	for {
		v, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if v == nil {
			break
		}
		if acc == nil {
			acc = v
			continue
		}
		if acc, err = pyexec.Call(t, args[0], []py.Object{acc, v}, nil); err != nil {
			return nil, err
		}
	}
	if acc == nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "reduce() of empty iterable with no initial value")
	}
	return acc, nil
}

// PartialType is functools.partial.
var PartialType = pyexec.NewNativeType("functools", "partial", nil)

// Partial is a functools.partial object.
type Partial struct {
	Func     py.Object
	Args     py.Tuple
	Keywords *pyexec.Dict
}

// Type returns functools.partial.
func (p *Partial) Type() *py.Type { return PartialType }

func newPartial(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos < 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "type 'partial' takes at least one argument")
	}
	fn := args[0]
	p := &Partial{Func: fn, Args: append(py.Tuple{}, args[1:npos]...), Keywords: pyexec.NewDict(len(kw))}
	if inner, ok := fn.(*Partial); ok {
		p.Func = inner.Func
		p.Args = append(append(py.Tuple{}, inner.Args...), p.Args...)
		p.Keywords = inner.Keywords.Copy()
	} else if !pyexec.IsCallable(fn) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "the first argument must be callable")
	}
	for i, k := range kw {
		if err := p.Keywords.SetItem(t, k, args[npos+i]); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Call calls the wrapped function with the stored and the new arguments.
func (p *Partial) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	all := make([]py.Object, 0, len(p.Args)+len(args)+p.Keywords.Len())
	all = append(append(all, p.Args...), args[:npos]...)
	merged := p.Keywords.Copy()
	for i, k := range kw {
		if err := merged.SetItem(t, k, args[npos+i]); err != nil {
			return nil, err
		}
	}
	names := make(py.Tuple, 0, merged.Len())
	merged.Items(func(k, v py.Object) bool {
		names = append(names, k)
		all = append(all, v)
		return true
	})
	return pyexec.CallKw(t, p.Func, all, names)
}

// GetAttr exposes func, args and keywords.
func (p *Partial) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "func":
		return p.Func, true, nil
	case "args":
		return p.Args, true, nil
	case "keywords":
		return p.Keywords, true, nil
	}
	return nil, false, nil
}

// Repr returns functools.partial(func, *args, **keywords).
func (p *Partial) Repr(t *pyexec.Thread) (string, error) {
	var b strings.Builder
	s, err := pyexec.Repr(t, p.Func)
	if err != nil {
		return "", err
	}
	b.WriteString("functools.partial(" + s)
	for _, a := range p.Args {
		s, err := pyexec.Repr(t, a)
		if err != nil {
			return "", err
		}
		b.WriteString(", " + s)
	}
	p.Keywords.Items(func(k, v py.Object) bool {
		ks, _ := pyexec.Str(t, k)
		var vs string
		if vs, err = pyexec.Repr(t, v); err != nil {
			return false
		}
		b.WriteString(", " + ks + "=" + vs)
		return true
	})
	b.WriteString(")")
	return b.String(), err
}

// KeyWrapperType is the type of cmp_to_key's key objects.
var KeyWrapperType = pyexec.NewNativeType("functools", "KeyWrapper", nil)

type keyFunc struct{ cmp py.Object }

func (k *keyFunc) Type() *py.Type { return pyexec.BuiltinType }

func (k *keyFunc) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("K", args, kw, []string{"obj"}, 1)
	if err != nil {
		return nil, err
	}
	return &keyWrapper{cmp: k.cmp, obj: a[0]}, nil
}

func (k *keyFunc) Repr(t *pyexec.Thread) (string, error) {
	return "<functools.KeyWrapper object>", nil
}

type keyWrapper struct{ cmp, obj py.Object }

func (k *keyWrapper) Type() *py.Type { return KeyWrapperType }

func (k *keyWrapper) compare(t *pyexec.Thread, other py.Object) (int, bool, error) {
	o, ok := other.(*keyWrapper)
	if !ok {
		return 0, false, pyexec.Errorf(pyexec.TypeErrorType, "other argument must be K instance")
	}
	r, err := pyexec.Call(t, k.cmp, []py.Object{k.obj, o.obj}, nil)
	if err != nil {
		return 0, true, err
	}
	var c int
	for i, op := range []int{pyexec.CmpLT, pyexec.CmpGT} {
		b, err := pyexec.Compare(t, op, r, pyexec.MakeInt(0))
		if err != nil {
			return 0, true, err
		}
		if b {
			c = []int{-1, 1}[i]
		}
	}
	return c, true, nil
}

func (k *keyWrapper) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	c, ok, err := k.compare(t, other)
	if err != nil || !ok {
		return false, ok, err
	}
	switch op {
	case pyexec.CmpLT:
		return c < 0, true, nil
	case pyexec.CmpLE:
		return c <= 0, true, nil
	case pyexec.CmpGT:
		return c > 0, true, nil
	}
	return c >= 0, true, nil
}

func (k *keyWrapper) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	c, ok, err := k.compare(t, other)
	return c == 0, ok, err
}

func cmpToKey(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("cmp_to_key", args, kw, []string{"mycmp"}, 1)
	if err != nil {
		return nil, err
	}
	return &keyFunc{cmp: a[0]}, nil
}

// CacheWrapperType is functools._lru_cache_wrapper.
var CacheWrapperType = pyexec.NewNativeType("functools", "_lru_cache_wrapper", nil)

// CacheWrapper is an lru_cache-decorated function (unbounded or bounded by
// maxsize, evicting least recently used entries).
type CacheWrapper struct {
	fn           py.Object
	maxsize      int // -1: unbounded
	typed        bool
	cache        *pyexec.Dict
	hits, misses int
	dict         *pyexec.Dict
}

// Type returns functools._lru_cache_wrapper.
func (c *CacheWrapper) Type() *py.Type { return CacheWrapperType }

// Call looks up the arguments in the cache or calls the function.
func (c *CacheWrapper) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if c.maxsize == 0 {
		c.misses++
		return pyexec.CallKw(t, c.fn, args, kw)
	}
	npos := len(args) - len(kw)
	key := make(py.Tuple, 0, len(args)+2*len(kw))
	key = append(key, args[:npos]...)
	if len(kw) > 0 {
		key = append(key, kwMark)
		for i, k := range kw {
			key = append(key, k, args[npos+i])
		}
	}
	if c.typed {
		for _, a := range args {
			key = append(key, pyexec.TypeOf(a))
		}
	}
	var k py.Object = key
	if len(key) == 1 && !c.typed {
		switch key[0].(type) {
		case py.Int, py.String:
			k = key[0]
		}
	}
	if v, ok, err := c.cache.Get(t, k); err != nil {
		return nil, err
	} else if ok {
		c.hits++
		if c.maxsize > 0 { // move to the end (most recently used)
			_, _, _ = c.cache.Delete(t, k)
			_ = c.cache.SetItem(t, k, v)
		}
		return v, nil
	}
	c.misses++
	v, err := pyexec.CallKw(t, c.fn, args, kw)
	if err != nil {
		return nil, err
	}
	if c.maxsize > 0 && c.cache.Len() >= c.maxsize {
		oldest := c.cache.Keys()[0]
		_, _, _ = c.cache.Delete(t, oldest)
	}
	if err := c.cache.SetItem(t, k, v); err != nil {
		return nil, err
	}
	return v, nil
}

// GetAttr exposes __wrapped__ and the copied function attributes.
func (c *CacheWrapper) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "__wrapped__" {
		return c.fn, true, nil
	}
	if name == "__dict__" {
		return c.dict, true, nil
	}
	if v, ok := c.dict.GetStr(t, name); ok {
		return v, true, nil
	}
	return nil, false, nil
}

// Repr returns the wrapped function's repr, as CPython's wrapper does not
// define its own (<functools._lru_cache_wrapper object at …>).
func (c *CacheWrapper) Repr(t *pyexec.Thread) (string, error) {
	return "<functools._lru_cache_wrapper object at 0x0>", nil
}

type cacheInfo struct{ v py.Tuple }

func (c *cacheInfo) Type() *py.Type { return py.TupleType }

func (c *cacheInfo) Repr(t *pyexec.Thread) (string, error) {
	var b strings.Builder
	b.WriteString("CacheInfo(")
	for i, n := range []string{"hits", "misses", "maxsize", "currsize"} {
		if i > 0 {
			b.WriteString(", ")
		}
		s, _ := pyexec.Repr(t, c.v[i])
		b.WriteString(n + "=" + s)
	}
	b.WriteString(")")
	return b.String(), nil
}

func (c *cacheInfo) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	for i, n := range []string{"hits", "misses", "maxsize", "currsize"} {
		if n == name {
			return c.v[i], true, nil
		}
	}
	return nil, false, nil
}

func (c *cacheInfo) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	return pyexec.GetItem(t, c.v, key)
}

func (c *cacheInfo) PyLen(t *pyexec.Thread) (int, error) { return 4, nil }

func (c *cacheInfo) Iter(t *pyexec.Thread) (pyexec.Iterator, error) { return pyexec.Iterate(t, c.v) }

func (c *cacheInfo) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	if o, ok := other.(*cacheInfo); ok {
		other = o.v
	}
	eq, err := pyexec.Equal(t, c.v, other)
	return eq, true, err
}

var kwMark = &pyexec.Builtin{Name: "kwd_mark"}

func wrapCache(t *pyexec.Thread, fn py.Object, maxsize int, typed bool) (py.Object, error) {
	w := &CacheWrapper{fn: fn, maxsize: maxsize, typed: typed, cache: pyexec.NewDict(0), dict: pyexec.NewDict(0)}
	if err := copyWrapperAttrs(t, w.dict, fn); err != nil {
		return nil, err
	}
	return w, nil
}

func copyWrapperAttrs(t *pyexec.Thread, into *pyexec.Dict, fn py.Object) error {
	for _, n := range []string{"__module__", "__name__", "__qualname__", "__doc__"} {
		if v, err := pyexec.GetAttr(t, fn, n); err == nil {
			_ = into.SetItem(t, py.String(n), v)
		}
	}
	return nil
}

type cacheDecorator struct {
	maxsize int
	typed   bool
}

func (d *cacheDecorator) Type() *py.Type { return pyexec.FunctionType }

func (d *cacheDecorator) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("decorating_function", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return wrapCache(t, args[0], d.maxsize, d.typed)
}

func (d *cacheDecorator) Repr(t *pyexec.Thread) (string, error) {
	return "<function lru_cache.<locals>.decorating_function at 0x0>", nil
}

func lruCache(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("lru_cache", args, kw, []string{"maxsize", "typed"}, 0)
	if err != nil {
		return nil, err
	}
	typed := false
	if a[1] != nil {
		if typed, err = pyexec.Truth(t, a[1]); err != nil {
			return nil, err
		}
	}
	maxsize := 128
	switch m := a[0].(type) {
	case nil:
	case py.NoneType:
		maxsize = -1
	default:
		if n, ok, _ := pyexec.AsIndex(m); ok {
			if n < 0 {
				n = 0
			}
			maxsize = int(n)
		} else if pyexec.IsCallable(m) {
			return wrapCache(t, m, 128, typed)
		} else {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Expected first argument to be an integer, a callable, or None")
		}
	}
	return &cacheDecorator{maxsize: maxsize, typed: typed}, nil
}

func cacheFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("cache", args, kw, []string{"user_function"}, 1)
	if err != nil {
		return nil, err
	}
	return wrapCache(t, a[0], -1, false)
}

// updateWrapper copies __module__, __name__, __qualname__, __doc__,
// __annotations__ and __dict__ of wrapped onto wrapper and sets __wrapped__.
func updateWrapper(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("update_wrapper", args, kw, []string{"wrapper", "wrapped", "assigned", "updated"}, 2)
	if err != nil {
		return nil, err
	}
	return doUpdate(t, a[0], a[1])
}

func doUpdate(t *pyexec.Thread, wrapper, wrapped py.Object) (py.Object, error) {
	for _, n := range []string{"__module__", "__name__", "__qualname__", "__doc__", "__annotations__"} {
		v, err := pyexec.GetAttr(t, wrapped, n)
		if err != nil {
			continue
		}
		if err := pyexec.SetAttr(t, wrapper, n, v); err != nil {
			return nil, err
		}
	}
	if d, err := pyexec.GetAttr(t, wrapped, "__dict__"); err == nil {
		if dd, ok := d.(*pyexec.Dict); ok {
			var serr error
			dd.Items(func(k, v py.Object) bool {
				serr = pyexec.SetAttr(t, wrapper, string(k.(py.String)), v)
				return serr == nil
			})
			if serr != nil {
				return nil, serr
			}
		}
	}
	if err := pyexec.SetAttr(t, wrapper, "__wrapped__", wrapped); err != nil {
		return nil, err
	}
	return wrapper, nil
}

type wrapsDecorator struct{ wrapped py.Object }

func (w *wrapsDecorator) Type() *py.Type { return PartialType }

func (w *wrapsDecorator) Call(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("update_wrapper", args, kw, []string{"wrapper"}, 1)
	if err != nil {
		return nil, err
	}
	return doUpdate(t, a[0], w.wrapped)
}

func wraps(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("wraps", args, kw, []string{"wrapped", "assigned", "updated"}, 1)
	if err != nil {
		return nil, err
	}
	return &wrapsDecorator{wrapped: a[0]}, nil
}
